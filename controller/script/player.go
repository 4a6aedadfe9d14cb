package script

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"podviz/controller"
	"podviz/controller/kubectl"
)

// Player hands out a script's steps as the clock reaches them; the TUI asks
// it on every tick, the headless commands through Play.
type Player struct {
	steps []Step
	next  int
}

// NewPlayer starts a player at the first step.
func NewPlayer(s Script) *Player { return &Player{steps: s.Steps} }

// Due returns the steps whose time has come by elapsed and that were not
// returned before, in order.
func (p *Player) Due(elapsed time.Duration) []Step {
	start := p.next
	for p.next < len(p.steps) && p.steps[p.next].At <= elapsed {
		p.next++
	}
	return p.steps[start:p.next]
}

// Next is the time of the next step not yet due; ok is false when every
// step has been handed out.
func (p *Player) Next() (at time.Duration, ok bool) {
	if p.next >= len(p.steps) {
		return 0, false
	}
	return p.steps[p.next].At, true
}

// Done is true once every step has been handed out.
func (p *Player) Done() bool { return p.next >= len(p.steps) }

// StepError is a step that failed when it ran, with kubectl's error.
type StepError struct {
	Script string
	Step   Step
	Err    error
}

func (e *StepError) Error() string {
	return fmt.Sprintf("%s: %s: %v", e.Script, e.Step.Where(), e.Err)
}

func (e *StepError) Unwrap() error { return e.Err }

// Play runs the clock to until, running each step when the clock reaches
// its time (steps after until do not run). With out non-nil it writes a
// terminal session: each command after a "[5s] $ " prompt, then what
// kubectl prints (errors included). A failing step does not stop the script,
// as a failing command does not stop a shell script; Play returns every
// failure (as *StepError values joined) after running to until.
func Play(c *controller.Cluster, s Script, until time.Duration, out io.Writer) error {
	var errs []error
	p := NewPlayer(s)
	for {
		at, ok := p.Next()
		if !ok || at > until {
			break
		}
		if at > c.Elapsed() {
			c.RunUntil(at)
		}
		for _, st := range p.Due(at) {
			if err := RunStep(c, st, out); err != nil {
				errs = append(errs, &StepError{Script: s.Name, Step: st, Err: err})
			}
		}
	}
	if until > c.Elapsed() {
		c.RunUntil(until)
	}
	return errors.Join(errs...)
}

// RunStep runs one step now and writes its session lines to out (if
// non-nil). kubectl get's "No resources found" is not a failure.
func RunStep(c *controller.Cluster, st Step, out io.Writer) error {
	text, err := st.Action.Run(c)
	var none *kubectl.NoResourcesError
	if errors.As(err, &none) {
		text, err = text+none.Error()+"\n", nil
	}
	if out != nil {
		fmt.Fprintf(out, "[%s] $ %s\n", c.Elapsed(), st.Action.String())
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
