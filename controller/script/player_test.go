package script

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"podviz/controller"
	"podviz/model"
)

// articleCluster is the article's example at virtual time 0.
func articleCluster(t *testing.T) *controller.Cluster {
	t.Helper()
	objs, err := model.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	c, err := controller.New(objs, controller.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// idleAfter runs c until no transition is pending and returns when the last
// one fired: the instant `after: settled` must see (nothing is stalled in
// these scripts).
func idleAfter(c *controller.Cluster) time.Duration {
	last := c.Elapsed()
	for {
		at, ok := c.NextTransition()
		if !ok {
			return last
		}
		c.Step()
		last = at
	}
}

func mustParse(t *testing.T, src string) Script {
	t.Helper()
	s, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// played is every cue of a script played to until, after running it.
func played(t *testing.T, c *controller.Cluster, s Script, until time.Duration) []Cue {
	t.Helper()
	var cues []Cue
	NewPlayer(s).Advance(c, until, func(cue Cue) {
		cues = append(cues, cue)
		if err := RunCue(c, cue, nil); err != nil {
			t.Errorf("%s: %v", cue.Step.Where(), err)
		}
	})
	return cues
}

func TestPlayer_AfterSettledIsTheInstantNothingIsPending(t *testing.T) {
	twin := articleCluster(t)
	start := idleAfter(twin)
	twin.Advance(2 * time.Second)
	if _, err := mustParse(t, "- run: kubectl scale deployment/example-deployment --replicas=5\n").Steps[0].Action.Run(twin); err != nil {
		t.Fatal(err)
	}
	scaled := idleAfter(twin)

	s := mustParse(t, `
- after: settled
  say: the example has started
- wait: 2s
  run: kubectl scale deployment/example-deployment --replicas=5
- after: settled
  run: kubectl get pods
`)
	c := articleCluster(t)
	cues := played(t, c, s, 10*time.Minute)
	var at []time.Duration
	for _, cue := range cues {
		at = append(at, cue.At)
	}
	if want := []time.Duration{start, start + 2*time.Second, scaled}; !slices.Equal(at, want) {
		t.Fatalf("cues at %v, want %v", at, want)
	}
	if start == 0 || scaled <= start+2*time.Second {
		t.Fatalf("implausible times: started %v, scaled %v", start, scaled)
	}
}

// TestPlayer_StalledRolloutCountsAsSettled: a tag that does not exist keeps
// the kubelet retrying for ever; the rollout exceeds its progress deadline
// (600 s, the default) and `after: settled` goes on from there.
func TestPlayer_StalledRolloutCountsAsSettled(t *testing.T) {
	s := mustParse(t, `
- at: 30s
  run: kubectl set image deployment/example-deployment nginx=nginx:9.99.9
- after: settled
  run: kubectl rollout undo deployment/example-deployment
`)
	c := articleCluster(t)
	var snapAtUndo *controller.Snapshot
	var cues []Cue
	NewPlayer(s).Advance(c, time.Hour, func(cue Cue) {
		if cue.Step.N == 2 {
			snapAtUndo = c.Snapshot()
		}
		cues = append(cues, cue)
		if err := RunCue(c, cue, nil); err != nil {
			t.Fatal(err)
		}
	})
	if len(cues) != 2 || snapAtUndo == nil {
		t.Fatalf("the undo never ran: %d cues", len(cues))
	}
	if snapAtUndo.Idle {
		t.Fatal("the cluster is idle during a bad pull; the test means the stall")
	}
	d := snapAtUndo.Deployments[0]
	if !d.RolloutFailed || d.RolloutStatus != `error: deployment "example-deployment" exceeded its progress deadline` {
		t.Fatalf("undo ran before the deadline: %q", d.RolloutStatus)
	}
	// Progress was last made when the new ReplicaSet's pod was created, at
	// 30s; the deadline counts only when strictly past 600 s later, and the
	// controller notices it at its next check.
	if at := cues[1].At; at <= 630*time.Second || at > 650*time.Second {
		t.Errorf("undo at %v, want just after 630s", at)
	}
}

func TestPlayer_AtAndRelativeStepsMix(t *testing.T) {
	s := mustParse(t, `
- at: 10s
  say: a
- wait: 5s
  say: b
- at: 12s
  say: c
- say: d
- wait: 0s
  say: e
`)
	c := articleCluster(t)
	var got []string
	NewPlayer(s).Advance(c, time.Minute, func(cue Cue) { got = append(got, cue.Say+"@"+cue.At.String()) })
	if want := []string{"a@10s", "c@12s", "d@12s", "e@12s", "b@15s"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestPlayer_PickNamesPodsByCreation: the oldest pod is one of the three the
// Deployment started with; delete it, and once the ReplicaSet has replaced
// it the newest pod is the replacement, a name that did not exist before.
func TestPlayer_PickNamesPodsByCreation(t *testing.T) {
	s := mustParse(t, `
- after: settled
  pick: OLD
  of: deployment/example-deployment
- run: kubectl delete pod $OLD
- after: settled
  pick: NEW
  of: deploy/example-deployment
  order: newest
- run: kubectl get pod ${NEW}
`)
	c := articleCluster(t)
	idle := idleAfter(articleCluster(t))
	twin := articleCluster(t)
	twin.RunUntil(idle)
	var before []string
	for _, p := range twin.Snapshot().Deployments[0].ReplicaSets[0].Pods {
		before = append(before, p.Name)
	}
	var out bytes.Buffer
	var cues []Cue
	NewPlayer(s).Advance(c, 5*time.Minute, func(cue Cue) {
		cues = append(cues, cue)
		if err := RunCue(c, cue, &out); err != nil {
			t.Fatal(err)
		}
	})
	if len(cues) != 4 {
		t.Fatalf("%d cues", len(cues))
	}
	old, repl := cues[0].Picked, cues[2].Picked
	if !slices.Contains(before, old) {
		t.Errorf("oldest %q is not one of the first pods %v", old, before)
	}
	if slices.Contains(before, repl) || !strings.HasPrefix(repl, "example-deployment-") {
		t.Errorf("newest %q should be the replacement, not one of %v", repl, before)
	}
	if got := cues[1].Action.String(); got != "kubectl delete pod "+old {
		t.Errorf("the delete ran %q", got)
	}
	for _, want := range []string{
		"$ OLD=$(kubectl get pods -l app=nginx --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[0].metadata.name}')\n# $OLD is " + old + "\n",
		"$ NEW=$(kubectl get pods -l app=nginx --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[-1].metadata.name}')\n# $NEW is " + repl + "\n",
		"$ kubectl delete pod " + old + "\npod \"" + old + "\" deleted from default namespace\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("session lacks %q:\n%s", want, out.String())
		}
	}
}

func TestPlayer_FailedPickLeavesTheVariableUnset(t *testing.T) {
	s := mustParse(t, `
- pick: POD
  of: deployment/example-deployment
  nth: 4
- run: kubectl delete pod $POD
`)
	c := articleCluster(t)
	c.RunUntil(time.Minute)
	err := Play(c, s, 2*time.Minute, nil)
	want := "s.yaml: step 1 at 1m0s: no pod to pick: deployment \"example-deployment\" has 3 pods, and nth is 4\n" +
		"s.yaml: step 2 at 1m0s: $POD is not set: its pick (step 1) failed"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

// TestPlayer_VariableNotPickedYet: an `at` step that uses a variable its
// pick sets later in time is refused when the script is read (the pick's
// sequence starts after it); one that may run first, a relative pick in
// an earlier sequence, says at play time that the pick has not run yet,
// not that it found no pod.
func TestPlayer_VariableNotPickedYet(t *testing.T) {
	_, err := Parse("s.yaml", []byte("- at: 5s\n  pick: POD\n  of: deployment/example-deployment\n- at: 1s\n  run: kubectl delete pod $POD\n"))
	want := "s.yaml: step 2 (at 1s): run: $POD is not set yet at 1s: its pick plays from 5s on (sequences play side by side); use it in a step at or after that time, or below the pick"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
	s := mustParse(t, `
- at: 1s
  say: start
- after: settled
  pick: POD
  of: deployment/example-deployment
- at: 2s
  run: kubectl delete pod $POD
`)
	err = Play(articleCluster(t), s, time.Minute, nil)
	want = "s.yaml: step 3 (at 2s): $POD is not set yet: no pick that names it has run"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

func TestPlay_Session(t *testing.T) {
	s := mustParse(t, `
- say: |
    Two lines
    of caption.
- at: 5s
  run: kubectl scale deployment/example-deployment --replicas=2
`)
	var out bytes.Buffer
	if err := Play(articleCluster(t), s, time.Minute, &out); err != nil {
		t.Fatal(err)
	}
	want := "[0s] # Two lines\n[0s] # of caption.\n[5s] $ kubectl scale deployment/example-deployment --replicas=2\ndeployment.apps/example-deployment scaled\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestPlayer_SettleGateSeesTheSameInstant: the player skips snapshots
// while no stall is possible (noStallBefore); it must still see the
// instant a stall begins, the first transition after which Settled holds.
func TestPlayer_SettleGateSeesTheSameInstant(t *testing.T) {
	const set = "kubectl set image deployment/example-deployment nginx=nginx:9.99.9"
	twin := articleCluster(t)
	twin.RunUntil(30 * time.Second)
	if _, err := mustParse(t, "- run: "+set+"\n").Steps[0].Action.Run(twin); err != nil {
		t.Fatal(err)
	}
	var want time.Duration
	for !Settled(twin.Snapshot()) {
		if !twin.Step() {
			t.Fatal("idle before settling")
		}
	}
	want = twin.Elapsed()

	s := mustParse(t, "- at: 30s\n  run: "+set+"\n- after: settled\n  say: stalled\n")
	c := articleCluster(t)
	var got time.Duration
	NewPlayer(s).Advance(c, time.Hour, func(cue Cue) {
		got = cue.At
		_ = RunCue(c, cue, nil)
	})
	if got != want || want < 630*time.Second {
		t.Errorf("settled at %v, want %v (the first instant Settled holds, past the 600s deadline)", got, want)
	}
}

// TestPlayer_ClusterChanged: with every Deployment paused no stall can
// come, so the player stops looking; an action from outside the script
// (resume and a bad image, by hand) must be told, or the stall it brings
// is missed.
func TestPlayer_ClusterChanged(t *testing.T) {
	crasher := "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: crasher\nspec:\n  containers:\n    - name: app\n      image: busybox:1.36\n      command: [\"sh\", \"-c\", \"exit 1\"]\n"
	run := func(t *testing.T, c *controller.Cluster, line string) {
		if _, err := mustParse(t, "- run: "+line+"\n").Steps[0].Action.Run(c); err != nil {
			t.Fatal(err)
		}
	}
	for _, told := range []bool{false, true} {
		objs, err := model.Parse("m.yaml", append(model.ExampleYAML(), crasher...), nil)
		if err != nil {
			t.Fatal(err)
		}
		c, err := controller.New(objs, controller.Options{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		run(t, c, "kubectl rollout pause deployment/example-deployment")
		p := NewPlayer(mustParse(t, "- after: settled\n  say: stalled\n"))
		var fired []time.Duration
		fire := func(cue Cue) { fired = append(fired, cue.At) }
		p.Advance(c, 20*time.Second, fire)
		run(t, c, "kubectl rollout resume deployment/example-deployment")
		run(t, c, "kubectl set image deployment/example-deployment nginx=nginx:9.99.9")
		if told {
			p.ClusterChanged()
		}
		p.Advance(c, time.Hour, fire)
		if told && (len(fired) != 1 || fired[0] < 620*time.Second || fired[0] > 700*time.Second) {
			t.Errorf("told: settled at %v, want once, just after 620s", fired)
		}
		if !told && len(fired) != 0 {
			t.Errorf("not told: settled at %v; the test no longer shows why ClusterChanged exists", fired)
		}
	}
}

// TestPlayer_StepPastTheTimeLimit: relative steps can add up past the 24h
// where the virtual clock stops; such a step never runs, and Advance
// returns instead of waiting for a clock that cannot get there.
func TestPlayer_StepPastTheTimeLimit(t *testing.T) {
	s := mustParse(t, "- at: 23h59m\n  say: last\n- wait: 2m\n  say: never\n")
	c := articleCluster(t)
	p := NewPlayer(s)
	var got []string
	p.Advance(c, 48*time.Hour, func(cue Cue) { got = append(got, cue.Say) })
	if !slices.Equal(got, []string{"last"}) || p.Done() || c.Elapsed() != model.MaxVirtualTime {
		t.Errorf("fired %v, done %v, clock %v", got, p.Done(), c.Elapsed())
	}
}

func TestPlayer_SetLimitHoldsStepsBack(t *testing.T) {
	s := mustParse(t, `
- say: one
- wait: 2s
  run: kubectl scale deployment/example-deployment --replicas=4
- say: two
- wait: 1s
  run: kubectl get pods
`)
	c := articleCluster(t)
	p := NewPlayer(s)
	p.SetLimit(2)
	var got []int
	fire := func(cue Cue) {
		got = append(got, cue.Step.N)
		if err := RunCue(c, cue, nil); err != nil {
			t.Error(err)
		}
	}
	p.Advance(c, time.Minute, fire)
	if !slices.Equal(got, []int{1, 2}) {
		t.Fatalf("with the limit at step 2, fired %v", got)
	}
	if p.Waiting() || p.Done() {
		t.Fatalf("held steps: Waiting() = %v, Done() = %v; want false, false", p.Waiting(), p.Done())
	}
	if _, ok := p.NextDue(); ok {
		t.Fatal("a held step counts as due")
	}
	// Let go: step 3 ran long ago in its own timing (wait 0 after step 2),
	// so it runs at once, and step 4 one second later.
	p.SetLimit(4)
	if !p.Waiting() {
		t.Fatal("Waiting() = false after raising the limit")
	}
	var at []time.Duration
	p.Advance(c, 2*time.Minute, func(cue Cue) {
		at = append(at, cue.At)
		fire(cue)
	})
	if !slices.Equal(got, []int{1, 2, 3, 4}) || at[0] != time.Minute || at[1] != time.Minute+time.Second {
		t.Fatalf("after raising the limit: fired %v at %v", got, at)
	}
	if !p.Done() {
		t.Fatal("not done")
	}
}

func TestPlay_AsksAndRevealsAtTheEndOfTheStop(t *testing.T) {
	s := mustParse(t, `
- ask: How many pods after the scale?
  choices: ["3", "5"]
  answer: 2
  why: replicas is 5.
- run: kubectl scale deployment/example-deployment --replicas=5
- after: settled
  run: kubectl get deployments
- say: done
`)
	var out bytes.Buffer
	if err := PlayAll(articleCluster(t), s, time.Hour, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	ask := strings.Index(text, "# ? How many pods after the scale?\n[0s] #   1) 3   2) 5\n")
	get := strings.Index(text, "$ kubectl get deployments")
	reveal := strings.Index(text, "# answer: 2) 5 — replicas is 5.\n")
	done := strings.Index(text, "# done")
	if ask < 0 || get < 0 || reveal < 0 || done < 0 || !(ask < get && get < reveal && reveal < done) {
		t.Fatalf("want the question, the stop, its answer, then the next stop:\n%s", text)
	}
}

// TestPlayer_AdvanceInAnySteps: the live view advances the player a frame
// at a time, a tour's replay in one go, headless play in one go: the
// steps must come due at the same instants however the time is cut.
func TestPlayer_AdvanceInAnySteps(t *testing.T) {
	s := mustParse(t, `
- after: settled
  pick: POD
  of: deployment/example-deployment
- run: kubectl delete pod $POD
- after: settled
  wait: 2s
  run: kubectl set image deployment/example-deployment nginx=nginx:9.99.9
- after: settled
  say: stalled
- wait: 1s
  run: kubectl rollout undo deployment/example-deployment
- after: settled
  run: kubectl get pods
`)
	run := func(step time.Duration) []string {
		c := articleCluster(t)
		p := NewPlayer(s)
		var got []string
		for now := time.Duration(0); now <= 20*time.Minute; now += step {
			p.Advance(c, now, func(cue Cue) {
				got = append(got, cue.At.String()+" "+cue.Step.Where()+" "+cue.Picked)
				if err := RunCue(c, cue, nil); err != nil {
					t.Error(err)
				}
			})
		}
		return got
	}
	whole := run(20 * time.Minute)
	if len(whole) != 6 {
		t.Fatalf("in one go: %v", whole)
	}
	for _, step := range []time.Duration{time.Second / 60, 250 * time.Millisecond, 7 * time.Second} {
		if got := run(step); !slices.Equal(got, whole) {
			t.Errorf("in steps of %v:\n%s\nin one go:\n%s", step, strings.Join(got, "\n"), strings.Join(whole, "\n"))
		}
	}
}
