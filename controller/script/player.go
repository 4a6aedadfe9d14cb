package script

import (
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"time"

	"podviz/controller"
	"podviz/controller/kubectl"
	"podviz/model"
)

// Player decides when each step of a script is due as the cluster runs:
// an `at` step at its time; a relative step when the step above it has run
// and, with `after: settled`, the cluster has settled since (Settled), plus
// its `wait`. The script's sequences (each `at` step and the relative steps
// below it) play side by side; steps due at the same instant run in file
// order. The player carries out picks itself (they bind variables the next
// steps need) and hands every step to the caller as a Cue at the instant it
// is due, with its command ready to run; the caller runs it before the
// player goes on, since `after: settled` depends on what it did.
//
// The TUI calls Advance on every tick, the headless commands through Play.
type Player struct {
	base string // the script's directory: `apply -f` paths
	seqs []*sequence
	vars map[string]string
	// failed holds the variables whose last pick found no pod, with its
	// step, so an unset variable is explained rightly.
	failed map[string]int
	left   int // steps not yet handed out
	// quietUntil: while the cluster is left alone, it cannot be stalled
	// (so Settled means Idle) before this time; valid with quiet set.
	quiet      bool
	quietUntil time.Duration
	// limit is the last step (by file position, Step.N) that may be handed
	// out; the steps below it wait until it is raised (SetLimit).
	limit int
}

// sequence is one `at` step (or the start of the file) and the relative
// steps that follow it.
type sequence struct {
	steps []Step
	next  int
	// prev is when the previous step ran (the start for the first steps of
	// a file).
	prev time.Duration
	// settled is set, with settledAt, once the cluster is seen settled
	// after prev, for a next step that waits for it.
	settled   bool
	settledAt time.Duration
}

// NewPlayer starts a player at the first step of every sequence, with the
// cluster at virtual time 0.
func NewPlayer(s Script) *Player {
	p := &Player{base: filepath.Dir(s.Name), vars: map[string]string{}, failed: map[string]int{}, left: len(s.Steps), limit: math.MaxInt}
	for _, st := range s.Steps {
		if !st.Relative || len(p.seqs) == 0 {
			p.seqs = append(p.seqs, &sequence{})
		}
		q := p.seqs[len(p.seqs)-1]
		q.steps = append(q.steps, st)
	}
	return p
}

// Done is true once every step has been handed out.
func (p *Player) Done() bool { return p.left == 0 }

// SetLimit holds back every step below file position n (Step.N): they are
// not handed out, and do not count as due, until the limit is raised. A
// tour plays a lesson stop by stop this way. A held step keeps its timing:
// `wait: 2s` after the step above still counts from when that step ran,
// so a step held past its time runs as soon as it is let go.
func (p *Player) SetLimit(n int) { p.limit = n }

// Limit is the last step that may be handed out (SetLimit).
func (p *Player) Limit() int { return p.limit }

// Waiting reports whether a step that is not held back is still to come:
// the player has something to do as the clock runs.
func (p *Player) Waiting() bool {
	for _, q := range p.seqs {
		if q.next < len(q.steps) && q.steps[q.next].N <= p.limit {
			return true
		}
	}
	return false
}

// awaitsSettle: the next step waits for a settling not yet seen.
func (q *sequence) awaitsSettle() bool {
	return q.next < len(q.steps) && q.steps[q.next].AfterSettled && !q.settled
}

// due is when the next step is due; ok is false when that is not known yet
// (it waits for the cluster to settle), it is held back (its position is
// past limit) or the sequence is over.
func (q *sequence) due(limit int) (at time.Duration, ok bool) {
	if q.next >= len(q.steps) || q.steps[q.next].N > limit {
		return 0, false
	}
	st := q.steps[q.next]
	switch {
	case !st.Relative:
		return st.At, true
	case st.AfterSettled && !q.settled:
		return 0, false
	case st.AfterSettled:
		return q.settledAt + st.Wait, true
	}
	return q.prev + st.Wait, true
}

// NextDue is the earliest time a step is known to be due; ok is false when
// none is (every step left waits for the cluster to settle, or none is left).
func (p *Player) NextDue() (at time.Duration, ok bool) {
	for _, q := range p.seqs {
		if d, dok := q.due(p.limit); dok && (!ok || d < at) {
			at, ok = d, true
		}
	}
	return at, ok
}

// AwaitsSettle reports whether a step is waiting for the cluster to settle.
func (p *Player) AwaitsSettle() bool {
	for _, q := range p.seqs {
		if q.awaitsSettle() {
			return true
		}
	}
	return false
}

// Cue is a step that has come due, ready for the caller to carry out.
type Cue struct {
	Step Step
	// At is when it came due (the cluster's time then).
	At time.Duration
	// Say is the step's caption, "" if none.
	Say string
	// Action is the command to run, its $VARIABLES replaced; nil when the
	// step runs none (a caption, a pick, a pause) or cannot run (Err).
	Action kubectl.Action
	// Picked is the pod a pick step named, and Shell the same pick as a
	// line of shell for a real cluster.
	Picked, Shell string
	// Err is why the step could not be carried out: a pick found no pod, a
	// variable was left unset by a failed pick.
	Err error
}

// Advance runs the cluster forward to virtual time target, handing each
// step to fire at the instant it comes due; fire must carry it out before
// returning. With steps that wait for the cluster to settle, the cluster is
// run one transition at a time so the instant it settles is seen.
func (p *Player) Advance(c *controller.Cluster, target time.Duration, fire func(Cue)) {
	p.advance(c, target, fire, false)
}

// FinishHorizon is how long Finish waits, at most, for the steps left to
// come due: a step waiting for a settling that never comes is given up on.
const FinishHorizon = time.Hour

// Finish runs the cluster until every step not held back (SetLimit) has
// been handed out, or to target, whichever comes first, and leaves the
// clock there: a tour's "play the rest of this stop now".
func (p *Player) Finish(c *controller.Cluster, target time.Duration, fire func(Cue)) {
	p.advance(c, target, fire, true)
}

// advance is Advance; with toEnd it stops, the clock where it is, as soon
// as the last step not held back has been handed out.
func (p *Player) advance(c *controller.Cluster, target time.Duration, fire func(Cue), toEnd bool) {
	// The clock stops at the time limit; a step due after it (23h, then
	// wait 2h) never comes.
	target = min(target, model.MaxVirtualTime)
	for {
		p.fireDue(c, fire)
		if toEnd && !p.Waiting() {
			return
		}
		next, ok := p.NextDue()
		if p.AwaitsSettle() {
			if t, tok := c.NextTransition(); tok && (!ok || t < next) {
				next, ok = t, true
			}
		}
		if !ok || next > target {
			break
		}
		// A transition due now (a pod the last step created is scheduled
		// at once) fires here, before the settle check looks again.
		c.RunUntil(max(next, c.Elapsed()))
	}
	// Transitions due at target itself fire too (RunUntil fires those at
	// or before its time), so calling Advance again with the same target
	// makes progress.
	c.RunUntil(max(target, c.Elapsed()))
}

// fireDue hands out every step due now, in file order, noting settles.
func (p *Player) fireDue(c *controller.Cluster, fire func(Cue)) {
	for {
		now := c.Elapsed()
		if p.AwaitsSettle() {
			if p.settled(c) {
				for _, q := range p.seqs {
					if q.awaitsSettle() {
						q.settled, q.settledAt = true, max(now, q.prev)
					}
				}
			}
		}
		var best *sequence
		for _, q := range p.seqs {
			if d, ok := q.due(p.limit); ok && d <= now && (best == nil || q.steps[q.next].N < best.steps[best.next].N) {
				best = q
			}
		}
		if best == nil {
			return
		}
		st := best.steps[best.next]
		best.next++
		best.prev, best.settled = now, false
		p.left--
		p.quiet = false
		fire(p.cue(c, st))
	}
}

// settled is Settled(c.Snapshot()) without the snapshot when it cannot be
// true: a snapshot of every pod at every transition of a 10,000-pod
// rollout costs minutes.
func (p *Player) settled(c *controller.Cluster) bool {
	if _, busy := c.NextTransition(); !busy {
		return true
	}
	if p.quiet && c.Elapsed() < p.quietUntil {
		return false
	}
	snap := c.Snapshot()
	if Settled(snap) {
		return true
	}
	p.quiet, p.quietUntil = true, noStallBefore(snap)
	return false
}

// ClusterChanged tells the player that something besides its own steps
// acted on the cluster (a key in the live view), so what it knew about
// when the cluster can stall no longer holds.
func (p *Player) ClusterChanged() { p.quiet = false }

// cue carries out a pick and readies a command.
func (p *Player) cue(c *controller.Cluster, st Step) Cue {
	cue := Cue{Step: st, At: c.Elapsed(), Say: st.Say}
	if st.Pick != nil {
		snap := c.Snapshot()
		name, err := st.Pick.Resolve(snap)
		cue.Shell = st.Pick.Shell(selectorOf(snap, st.Pick))
		if err != nil {
			delete(p.vars, st.Pick.Var)
			p.failed[st.Pick.Var] = st.N
			cue.Err = err
			return cue
		}
		delete(p.failed, st.Pick.Var)
		p.vars[st.Pick.Var] = name
		cue.Picked = name
	}
	if st.Action == nil {
		return cue
	}
	if !strings.Contains(st.Run, "$") {
		cue.Action = st.Action
		return cue
	}
	line, err := expand(st.Run, func(name string) (string, error) {
		v, ok := p.vars[name]
		if n, failed := p.failed[name]; !ok && failed {
			return "", fmt.Errorf("$%s is not set: its pick (step %d) failed", name, n)
		}
		if !ok {
			return "", fmt.Errorf("$%s is not set yet: no pick that names it has run", name)
		}
		return v, nil
	})
	if err == nil {
		cue.Action, err = kubectl.ParseIn(line, p.base)
	}
	cue.Err = err
	return cue
}

// selectorOf is the picked Deployment's selector, for the shell line ("?"
// when the Deployment is gone).
func selectorOf(snap *controller.Snapshot, pk *Pick) string {
	ns := pk.Namespace
	if ns == "" {
		ns = "default"
	}
	for _, d := range snap.Deployments {
		if d.Namespace == ns && d.Name == pk.Deployment {
			return d.Selector
		}
	}
	return "?"
}

// StepError is a step that failed when it ran, with kubectl's error.
type StepError struct {
	Script string
	Step   Step
	// At is when it ran (said for relative steps, whose time is not written).
	At  time.Duration
	Err error
}

func (e *StepError) Error() string {
	if e.Step.Relative {
		return fmt.Sprintf("%s: %s at %s: %v", e.Script, e.Step.Where(), e.At, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", e.Script, e.Step.Where(), e.Err)
}

func (e *StepError) Unwrap() error { return e.Err }

// Play runs the clock to until, carrying out each step when it comes due
// (steps due after until do not run). With out non-nil it writes a terminal
// session: each command after a "[5s] $ " prompt, then what kubectl prints
// (errors included); a caption as "# " comment lines; a pick as the shell
// line that does it on a real cluster, then the pod it named. A failing
// step does not stop the script, as a failing command does not stop a
// shell script; Play returns every failure (as *StepError values joined)
// after running to until.
func Play(c *controller.Cluster, s Script, until time.Duration, out io.Writer) error {
	var errs []error
	p := NewPlayer(s)
	p.Advance(c, until, sessionFire(c, s, out, &errs))
	return errors.Join(errs...)
}

// PlayAll is Play up to the instant the script's last step has run (or
// limit, for a step that waits for a settling that never comes): the
// moment "after the script" that a headless command without --at starts
// from. For a script of `at` steps alone that is the last step's `at`.
func PlayAll(c *controller.Cluster, s Script, limit time.Duration, out io.Writer) error {
	var errs []error
	p := NewPlayer(s)
	p.advance(c, limit, sessionFire(c, s, out, &errs), true)
	return errors.Join(errs...)
}

// sessionFire carries out each cue as a session does (RunCue), collects
// failures into errs, and after the last step of a checkpoint's stop
// writes its answer: nobody answers a headless session.
func sessionFire(c *controller.Cluster, s Script, out io.Writer, errs *[]error) func(Cue) {
	reveal := map[int]*Ask{}
	for _, st := range Stops(s) {
		if st.Ask != nil {
			reveal[st.Last] = st.Ask
		}
	}
	return func(cue Cue) {
		if err := RunCue(c, cue, out); err != nil {
			*errs = append(*errs, &StepError{Script: s.Name, Step: cue.Step, At: cue.At, Err: err})
		}
		if a := reveal[cue.Step.N]; a != nil && out != nil {
			writeComment(out, fmt.Sprintf("[%s] ", c.Elapsed()), a.Reveal())
		}
	}
}

// writeComment writes text as "# " comment lines after prompt.
func writeComment(out io.Writer, prompt, text string) {
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(out, "%s# %s\n", prompt, line)
	}
}

// RunCue carries out a cue now and writes its session lines to out (if
// non-nil). kubectl get's "No resources found" is not a failure.
func RunCue(c *controller.Cluster, cue Cue, out io.Writer) error {
	prompt := fmt.Sprintf("[%s] ", c.Elapsed())
	if out != nil && cue.Say != "" {
		writeComment(out, prompt, cue.Say)
	}
	if a := cue.Step.Ask; out != nil && a != nil {
		writeComment(out, prompt, "? "+a.Question)
		writeComment(out, prompt, "  "+a.ChoiceLine())
	}
	if cue.Step.Pick != nil && out != nil {
		fmt.Fprintf(out, "%s$ %s\n", prompt, cue.Shell)
		if cue.Err == nil {
			fmt.Fprintf(out, "# $%s is %s\n", cue.Step.Pick.Var, cue.Picked)
		}
	}
	if cue.Err != nil {
		if out != nil {
			if cue.Step.Pick == nil {
				fmt.Fprintf(out, "%s$ %s\n", prompt, cue.Step.Run)
			}
			fmt.Fprintln(out, cue.Err.Error())
		}
		return cue.Err
	}
	if cue.Action == nil {
		return nil
	}
	text, err := cue.Action.Run(c)
	var none *kubectl.NoResourcesError
	if errors.As(err, &none) {
		text, err = text+none.Error()+"\n", nil
	}
	if out != nil {
		fmt.Fprintf(out, "%s$ %s\n", prompt, cue.Action.String())
		if text != "" {
			io.WriteString(out, text)
			if !strings.HasSuffix(text, "\n") {
				io.WriteString(out, "\n")
			}
		}
		if err != nil {
			fmt.Fprintln(out, err.Error())
		}
	}
	return err
}
