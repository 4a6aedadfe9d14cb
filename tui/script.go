package tui

import (
	"time"

	"podviz/controller/script"
	"podviz/termsafe"
)

// scriptRun is the script the live view plays. Its steps come due through
// script.Player as the virtual clock runs, exactly as `podviz play` sees
// them: `after: settled` waits for this cluster to settle, keys pressed
// meanwhile included (an action by hand delays the steps that wait for
// the cluster, it does not move them onto a stale plan).
type scriptRun struct {
	s      script.Script
	player *script.Player
	stops  []script.Stop
	// stopEnding maps a step's file position to the stop it ends.
	stopEnding map[int]int
	caption    caption
	// height is the caption area's rows at width heightW (captionHeight).
	height, heightW int
}

// caption is what the caption area shows: the last say, or a checkpoint's
// question and then its answer.
type caption struct {
	say string
	ask *script.Ask
	// stop is the index of the checkpoint's stop.
	stop int
	// choice is the answer given on a key (a tour), -1 for none.
	choice int
	// played: the checkpoint's stop has played; the answer is shown.
	played bool
}

func newScriptRun(s script.Script) *scriptRun {
	r := &scriptRun{s: s, player: script.NewPlayer(s), stops: script.Stops(s), stopEnding: map[int]int{}}
	for i, st := range r.stops {
		r.stopEnding[st.Last] = i
	}
	return r
}

// hasCaptions: the script says or asks something, so the screen keeps a
// caption area.
func (r *scriptRun) hasCaptions() bool {
	for _, st := range r.s.Steps {
		if st.Say != "" || st.Ask != nil {
			return true
		}
	}
	return false
}

// scriptDone: no step is left to come by itself (every step has run, or
// the ones left are held back by a tour until a key lets them go).
func (m *Model) scriptDone() bool {
	return m.play == nil || !m.play.player.Waiting()
}

// advanceTo runs the cluster to virtual time target, carrying out each
// script step as it comes due.
func (m *Model) advanceTo(target time.Duration) {
	if m.play != nil {
		m.play.player.Advance(m.c, target, m.onCue)
	} else {
		m.c.RunUntil(max(target, m.c.Elapsed()))
	}
}

// onCue carries out one script step on screen: its caption replaces the
// last one; a checkpoint shows its question; a pick and a command are
// numbered actions on the status bar, like a key's.
func (m *Model) onCue(cue script.Cue) {
	r := m.play
	if cue.Say != "" {
		r.caption = caption{say: cue.Say, choice: -1}
	}
	if a := cue.Step.Ask; a != nil {
		r.caption = caption{ask: a, stop: r.stopIndexOf(cue.Step.N), choice: -1}
	}
	where := "script " + cue.Step.Where()
	switch {
	case cue.Step.Pick != nil:
		m.seq++
		m.last = actionResult{seq: m.seq, command: termsafe.Line(cue.Shell)}
		if cue.Err != nil {
			m.last.err = termsafe.Line(firstLine(cue.Err.Error()))
		} else {
			m.last.result = "$" + cue.Step.Pick.Var + " is " + cue.Picked
			m.picked[cue.Step.Pick.Var] = cue.Picked
			m.writeTranscript(cue.Shell, cue.At, where)
		}
	case cue.Err != nil:
		m.seq++
		m.last = actionResult{seq: m.seq, command: termsafe.Line(cue.Step.Run), err: termsafe.Line(firstLine(cue.Err.Error()))}
	case cue.Action != nil:
		m.refresh() // the action compares the cluster before and after it
		m.cueVars = script.Vars(cue.Step.Run)
		_ = m.runAction(cue.Action, where)
		m.cueVars = nil
	}
	if i, ok := r.stopEnding[cue.Step.N]; ok && r.caption.ask != nil && r.caption.stop == i {
		r.caption.played = true
		if m.tour != nil {
			// The verdict speaks of this moment ("v1 keeps 3 while the
			// first v2 pods start"): in a tour the clock stops here, so
			// the cluster on screen is the one the answer is about, not
			// the rollout seconds later; → goes on.
			m.running = false
		}
	}
}

// stopIndexOf is the index of the stop holding step n.
func (r *scriptRun) stopIndexOf(n int) int {
	for i, st := range r.stops {
		if n >= st.First && n <= st.Last {
			return i
		}
	}
	return -1
}

// captionText is the caption area's text: the say, or the question with
// its choices (and, in a tour, the keys that answer), then once its stop
// has played, the answer and why.
func (m *Model) captionText() string {
	if m.play == nil {
		return ""
	}
	c := m.play.caption
	switch {
	case c.ask == nil:
		return c.say
	case c.played && c.choice >= 0:
		g := m.styles.Glyphs
		mark := g.Wrong
		if c.choice == c.ask.Answer {
			mark = g.Right
		}
		return mark + " " + c.ask.Verdict(c.choice)
	case c.played:
		return c.ask.Reveal()
	case c.choice >= 0:
		return "? " + c.ask.Question + "\n" + "you said " + c.ask.Choices[c.choice] + "; watch"
	}
	text := "? " + c.ask.Question + "\n" + c.ask.ChoiceLine()
	if m.tour != nil {
		text += "   (press 1-" + string(rune('0'+len(c.ask.Choices))) + ")"
	}
	return text
}

// captionTexts is every text the caption area can show for this script,
// so its height is fixed for the whole script (nothing jumps when the
// next caption is longer).
func (m *Model) captionTexts() []string {
	if m.play == nil {
		return nil
	}
	var out []string
	g := m.styles.Glyphs
	for _, st := range m.play.s.Steps {
		if st.Say != "" {
			out = append(out, st.Say)
		}
		if a := st.Ask; a != nil {
			out = append(out, "? "+a.Question+"\n"+a.ChoiceLine()+"   (press 1-9)", a.Reveal(), "? "+a.Question+"\nyou said "+longest(a.Choices)+"; watch")
			for i := range a.Choices {
				out = append(out, g.Wrong+" "+a.Verdict(i))
			}
		}
	}
	return out
}

func longest(ss []string) string {
	best := ""
	for _, s := range ss {
		if len(s) > len(best) {
			best = s
		}
	}
	return best
}
