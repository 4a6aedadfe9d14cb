package tui

import (
	"strconv"
	"time"

	"podviz/controller"
	"podviz/controller/kubectl"
	"podviz/controller/script"
)

// TourOptions make the live view a lesson: the script plays stop by stop
// (script.Stops: a step that says or asks, and the steps below it up to
// the next one), and waits at the end of each for → or space. A stop that
// asks waits first for the answer, on a digit key, then plays and says
// whether it was right. ← goes back a stop by replaying the lesson from
// the start on a new cluster: everything runs on the virtual clock, so the
// replay reaches exactly the state the stop began in.
type TourOptions struct {
	// NewCluster builds the cluster the lesson starts from (the same
	// manifests and seed every time).
	NewCluster func() (*controller.Cluster, error)
}

// tourState is where the lesson is, and everything that moved it there.
type tourState struct {
	opts TourOptions
	// stop is the index of the stop being played or waited at.
	stop int
	// answered: the current stop's question has been answered (or skipped).
	answered bool
	// log is what happened at which virtual time, to replay on ←: the
	// stops entered, the stops finished early, the answers, the actions
	// taken by hand.
	log       []tourEvent
	replaying bool
}

type tourEventKind uint8

const (
	evEnter  tourEventKind = iota // → entered stop
	evFinish                      // → ran the current stop to its end at once
	evAnswer                      // a digit (or →) answered the question
	evAction                      // an action by hand (a key, :)
)

type tourEvent struct {
	at     time.Duration
	kind   tourEventKind
	stop   int
	choice int
	action kubectl.Action
}

func newTour(m *Model, opts TourOptions) *tourState {
	t := &tourState{opts: opts}
	m.play.player.SetLimit(m.stopLimit(0))
	return t
}

func (t *tourState) record(ev tourEvent) {
	if !t.replaying {
		t.log = append(t.log, ev)
	}
}

// stopLimit is how far stop k may play before a key: to its question when
// it asks one, else to its end.
func (m *Model) stopLimit(k int) int {
	st := m.play.stops[k]
	if st.Ask != nil && !m.tour.answeredFor(k) {
		return st.First
	}
	return st.Last
}

func (t *tourState) answeredFor(k int) bool { return t != nil && t.stop == k && t.answered }

// onTourKey handles the lesson's keys: → and space next, ← back, digits
// answer. It reports whether the key was one of them.
func (m *Model) onTourKey(k string) bool {
	switch k {
	case "right", "space":
		m.tourNext()
	case "left":
		m.tourBack()
	case "1", "2", "3", "4", "5", "6", "7", "8", "9":
		c := m.play.caption
		if c.ask == nil || c.stop != m.tour.stop || m.tour.answered {
			return false
		}
		n, _ := strconv.Atoi(k)
		if n > len(c.ask.Choices) {
			m.setNote("the choices are 1 to " + strconv.Itoa(len(c.ask.Choices)))
			return true
		}
		m.tourAnswer(n - 1)
	default:
		return false
	}
	return true
}

// tourNext is →: finish the current stop at once if it is still playing;
// skip its question if it waits for an answer (the answer is then shown
// without a verdict); else go to the next stop.
func (m *Model) tourNext() {
	t := m.tour
	st := m.play.stops[t.stop]
	switch {
	case m.play.player.Waiting():
		t.record(tourEvent{at: m.c.Elapsed(), kind: evFinish})
		m.finishStop()
	case st.Ask != nil && !t.answered:
		m.tourAnswer(-1)
	case t.stop+1 >= len(m.play.stops):
		m.setNote("the end of the lesson: ← goes back a stop, q quits")
	default:
		t.record(tourEvent{at: m.c.Elapsed(), kind: evEnter, stop: t.stop + 1})
		m.enterStop(t.stop + 1)
	}
}

// tourAnswer takes the answer to the current stop's question (-1: none)
// and lets the stop play.
func (m *Model) tourAnswer(choice int) {
	t := m.tour
	t.record(tourEvent{at: m.c.Elapsed(), kind: evAnswer, choice: choice})
	t.answered = true
	st := m.play.stops[t.stop]
	if c := &m.play.caption; c.ask != nil && c.stop == t.stop {
		c.choice = choice
		if st.Last == st.First { // nothing to play: the answer at once
			c.played = true
		}
	}
	m.play.player.SetLimit(st.Last)
}

// enterStop lets stop k play.
func (m *Model) enterStop(k int) {
	m.tour.stop, m.tour.answered = k, false
	m.running = true // a checkpoint's verdict held the clock (onCue)
	m.play.player.SetLimit(m.stopLimit(k))
}

// finishStop plays what is left of the current stop at once (at most
// script.FinishHorizon of virtual time: a step waiting for a settling that
// never comes is given up on there).
func (m *Model) finishStop() {
	m.play.player.Finish(m.c, m.c.Elapsed()+script.FinishHorizon, m.onCue)
	m.refresh()
}

// tourBack is ←: replay the lesson on a new cluster up to the moment the
// previous stop began (the first stop: the start), then play on from there.
func (m *Model) tourBack() {
	t := m.tour
	target := max(t.stop-1, 0)
	enter := -1 // the event that entered target
	for i, ev := range t.log {
		if ev.kind == evEnter && ev.stop == target {
			enter = i
		}
	}
	c, err := t.opts.NewCluster()
	if err != nil {
		m.setNote("cannot go back: " + err.Error())
		return
	}
	events := t.log[:enter+1]
	m.c = c
	m.play = newScriptRun(m.play.s)
	m.seq, m.last, m.note = 0, actionResult{}, ""
	m.session = session{}
	m.output, m.scriptOut, m.pane = nil, nil, paneDiagram
	m.picked = map[string]string{}
	t.stop, t.answered, t.log = 0, false, nil
	m.play.player.SetLimit(m.stopLimit(0))
	t.replaying = true
	for _, ev := range events {
		m.advanceTo(ev.at)
		t.apply(m, ev)
	}
	t.replaying = false
	t.log = events
	m.refresh()
	m.keepSelection()
	m.lastTick = time.Time{}
}

// apply carries out a logged event again.
func (t *tourState) apply(m *Model, ev tourEvent) {
	switch ev.kind {
	case evEnter:
		m.enterStop(ev.stop)
	case evFinish:
		m.finishStop()
	case evAnswer:
		m.tourAnswer(ev.choice)
	case evAction:
		m.refresh()
		_ = m.runAction(ev.action, "key")
	}
}

// tourPosition is "stop 3/12" for the key bar.
func (m *Model) tourPosition() string {
	return "stop " + strconv.Itoa(m.tour.stop+1) + "/" + strconv.Itoa(len(m.play.stops))
}
