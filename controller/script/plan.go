package script

import (
	"fmt"
	"time"

	"podviz/controller"
	"podviz/controller/kubectl"
)

// PlanHorizon is how long Plan waits, past the last step that ran, for a
// cluster to settle before it gives up on a step that waits for it.
const PlanHorizon = time.Hour

// Plan plays the script ahead on c — a twin of the cluster the live view
// will show, made from the same manifests and seed — and returns its
// commands as steps at the absolute times they ran there, each with its
// $VARIABLES filled in. The live view of this version plays such steps as
// it plays `at` steps; since the cluster is deterministic, the times and
// picked names are the ones it will see while nobody presses a key (an
// action by hand does not move the steps that follow it). Captions, picks
// and pauses run no command and are left out (the live view does not show
// captions yet); a step that cannot run keeps its place and fails there
// with its error. A step waiting for a cluster that has not settled within
// PlanHorizon of the last step is an error naming it.
func Plan(c *controller.Cluster, s Script) ([]Step, error) {
	p := NewPlayer(s)
	var out []Step
	last := c.Elapsed()
	collect := func(cue Cue) {
		last = cue.At
		// Its failure, if any, recurs when the live view runs it.
		_ = RunCue(c, cue, nil)
		st := Step{N: cue.Step.N, At: cue.At, Run: cue.Step.Run, Action: cue.Action}
		switch {
		case cue.Err != nil:
			st.Action = failedAction{line: cue.Step.Run, err: cue.Err}
			if cue.Step.Pick != nil {
				st.Action = failedAction{line: cue.Shell, err: cue.Err}
			}
		case cue.Action == nil:
			return
		}
		out = append(out, st)
	}
	for !p.Done() {
		if at, ok := p.NextDue(); ok {
			p.Advance(c, at, collect)
			continue
		}
		before := p.left
		p.Advance(c, last+PlanHorizon, collect)
		if p.left == before {
			for _, q := range p.seqs {
				if q.awaitsSettle() {
					st := q.steps[q.next]
					return nil, fmt.Errorf("%s: %s: the cluster does not settle within %s of the step before it, so the live view cannot place it; write wait: or at: instead", s.Name, st.Where(), PlanHorizon)
				}
			}
		}
	}
	return out, nil
}

// failedAction stands for a planned step that cannot run: it fails with its
// error when the live view reaches it, as the step would have.
type failedAction struct {
	line string
	err  error
}

func (a failedAction) Run(*controller.Cluster) (string, error) { return "", a.err }
func (a failedAction) String() string                          { return a.line }
func (a failedAction) ReadOnly() bool                          { return true }

var _ kubectl.Action = failedAction{}
