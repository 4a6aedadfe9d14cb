package podviz_test

// Each built-in scenario is played headless on the virtual clock and its key
// moments are checked against what Kubernetes does: the ScalingReplicaSet
// sequences are upstream's own (../shared/oracle, run on the same manifests
// with each step as an `at` step; noted at each), the rest follows the
// rules in ../shared/KUBERNETES.md, stated at each check.

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"podviz"
	"podviz/controller"
	"podviz/controller/kubectl"
	"podviz/controller/script"
	"podviz/model"
)

// scenarioRun is a scenario played to its end, observed at every transition.
type scenarioRun struct {
	t *testing.T
	c *controller.Cluster
	// cues are the steps as they came due, with the snapshot just before
	// each ran (before[i] belongs to cues[i]).
	cues   []script.Cue
	before []*controller.Snapshot
	// session is the terminal session (script.RunCue's lines).
	session bytes.Buffer
	// moves are the ScalingReplicaSet occurrences in the order they
	// happened, as the oracle writes them ("upB0→1"), ReplicaSets lettered
	// by creation.
	moves []string
	seen  map[string]int32
	raw   []occurrence
}

type occurrence struct {
	at  time.Duration
	msg string
	seq uint64
}

// playScenario plays a built-in scenario to until, calling observe after
// every transition and every step.
func playScenario(t *testing.T, name string, until time.Duration, observe func(*controller.Snapshot)) *scenarioRun {
	t.Helper()
	e, err := podviz.LookupExample(name)
	if err != nil || !e.Scenario() {
		t.Fatalf("no scenario %q: %v", name, err)
	}
	manifests, err := podviz.ExampleManifests(e.Manifests)
	if err != nil {
		t.Fatal(err)
	}
	objs, err := model.Parse(e.Manifests, manifests, nil)
	if err != nil {
		t.Fatal(err)
	}
	src, err := podviz.ScenarioScript(e.Script)
	if err != nil {
		t.Fatal(err)
	}
	s, err := script.Parse(e.Script, src)
	if err != nil {
		t.Fatal(err)
	}
	c, err := controller.New(objs, controller.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := &scenarioRun{t: t, c: c, seen: map[string]int32{}}
	look := func() {
		snap := c.Snapshot()
		r.collect(snap)
		if observe != nil {
			observe(snap)
		}
	}
	look()
	p := script.NewPlayer(s)
	fire := func(cue script.Cue) {
		r.before = append(r.before, c.Snapshot())
		r.cues = append(r.cues, cue)
		if err := script.RunCue(c, cue, &r.session); err != nil {
			t.Errorf("%s: %v", cue.Step.Where(), err)
		}
		look()
	}
	for c.Elapsed() < until {
		next := until
		if at, ok := c.NextTransition(); ok && at < next {
			next = at
		}
		if at, ok := p.NextDue(); ok && at < next {
			next = max(at, c.Elapsed())
		}
		p.Advance(c, next, fire)
		look()
	}
	if !p.Done() {
		t.Fatalf("%s: steps left at %v", name, until)
	}
	r.letter()
	return r
}

var scalingMessage = regexp.MustCompile(`^Scaled (up|down) replica set (\S+) from (\d+) to (\d+)$`)

// collect notes every new ScalingReplicaSet occurrence: the log aggregates
// repeats, so a count increase is a new one, placed by Seq.
func (r *scenarioRun) collect(snap *controller.Snapshot) {
	var fresh []occurrence
	for _, e := range snap.Events {
		if e.Reason != "ScalingReplicaSet" {
			continue
		}
		key := e.Object + "|" + e.Message
		for n := r.seen[key]; n < max(e.Count, 1); n++ {
			fresh = append(fresh, occurrence{at: e.Last, msg: e.Message, seq: e.Seq})
		}
		r.seen[key] = max(e.Count, 1)
	}
	slices.SortStableFunc(fresh, func(a, b occurrence) int { return cmp.Compare(a.seq, b.seq) })
	r.raw = append(r.raw, fresh...)
}

// letter writes the moves with ReplicaSets lettered A, B, … by creation, as
// the oracle does.
func (r *scenarioRun) letter() {
	snap := r.c.Snapshot()
	letters := map[string]string{}
	for _, d := range snap.Deployments {
		for i, rs := range d.ReplicaSets {
			letters[rs.Name] = string(rune('A' + i))
		}
	}
	for _, o := range r.raw {
		m := scalingMessage.FindStringSubmatch(o.msg)
		if m == nil {
			r.t.Fatalf("unexpected ScalingReplicaSet message %q", o.msg)
		}
		r.moves = append(r.moves, fmt.Sprintf("%s%s%s→%s", m[1], letters[m[2]], m[3], m[4]))
	}
}

// cue is the cue of step n.
func (r *scenarioRun) cue(n int) (script.Cue, *controller.Snapshot) {
	r.t.Helper()
	for i, c := range r.cues {
		if c.Step.N == n {
			return c, r.before[i]
		}
	}
	r.t.Fatalf("step %d never ran", n)
	return script.Cue{}, nil
}

// output is what step n printed in the session.
func (r *scenarioRun) output(n int) string {
	r.t.Helper()
	cue, _ := r.cue(n)
	prompt := fmt.Sprintf("[%s] $ %s\n", cue.At, cue.Action.String())
	_, rest, ok := strings.Cut(r.session.String(), prompt)
	if !ok {
		r.t.Fatalf("step %d: %q not in the session:\n%s", n, prompt, r.session.String())
	}
	if i := strings.Index(rest, "\n["); i >= 0 {
		rest = rest[:i+1]
	}
	return rest
}

// kubectlNow runs a read-only kubectl command on the cluster as it is now.
func (r *scenarioRun) kubectlNow(line string) string {
	r.t.Helper()
	a, err := kubectl.Parse(line)
	if err != nil {
		r.t.Fatal(err)
	}
	out, err := a.Run(r.c)
	if err != nil {
		return err.Error()
	}
	return out
}

func (r *scenarioRun) wantMoves(want string) {
	r.t.Helper()
	if got := strings.Join(r.moves, ", "); got != want {
		r.t.Errorf("ScalingReplicaSet sequence:\ngot  %s\nwant %s (upstream's, from ../shared/oracle)", got, want)
	}
}

func deployment(snap *controller.Snapshot) *controller.DeploymentView {
	return &snap.Deployments[0]
}

func podNames(snap *controller.Snapshot) []string {
	var names []string
	for _, rs := range deployment(snap).ReplicaSets {
		for _, p := range rs.Pods {
			names = append(names, p.Name)
		}
	}
	return names
}

func TestScenario_SelfHealing(t *testing.T) {
	r := playScenario(t, "self-healing", 30*time.Second, nil)
	pick, before := r.cue(2)
	originals := podNames(before)
	if !slices.Contains(originals, pick.Picked) {
		t.Fatalf("picked %q, not one of the Deployment's pods %v", pick.Picked, originals)
	}
	// The ReplicaSet replaces a deleted pod at once: its SuccessfulCreate is
	// recorded at the instant of the delete, not after the old pod is gone.
	del, _ := r.cue(3)
	var replacement string
	for _, e := range r.c.Snapshot().Events {
		if e.Reason == "SuccessfulCreate" && e.First == del.At {
			replacement = strings.TrimPrefix(e.Message, "Created pod: ")
		}
	}
	if replacement == "" || slices.Contains(originals, replacement) {
		t.Fatalf("no replacement created at the delete (%v)", del.At)
	}
	if newest, _ := r.cue(4); newest.Picked != replacement {
		t.Errorf("the newest pod is %q, want the replacement %q", newest.Picked, replacement)
	}
	if out := r.output(5); !strings.Contains(out, replacement+"   1/1     Running") {
		t.Errorf("the replacement is not Running:\n%s", out)
	}
	// A bare Pod has no controller: once deleted it stays gone.
	final := r.output(7)
	if strings.Contains(final, "example-pod") || strings.Contains(final, pick.Picked) {
		t.Errorf("a deleted pod is back:\n%s", final)
	}
	if n := strings.Count(final, "example-deployment-"); n != 3 {
		t.Errorf("the Deployment has %d pods, want 3:\n%s", n, final)
	}
	if snap := r.c.Snapshot(); len(snap.BarePods) != 0 {
		t.Errorf("bare pods at the end: %v", snap.BarePods)
	}
}

func TestScenario_Scaling(t *testing.T) {
	r := playScenario(t, "scaling", time.Minute, nil)
	r.wantMoves("upA0→3, upA3→10, downA10→2") // oracle: article.yaml, scale 10 then 2
	down, before := r.cue(2)
	// Which 8 go: all are Running and Ready on one node, so ranking rule 6
	// decides first, ready for less time first, comparing log2 buckets of
	// the time since Ready (controller_utils.go ActivePodsWithRanks,
	// LogarithmicScaleDown): the 7 added pods, in a younger bucket. The
	// first three became ready at the same instant and were created at the
	// same instant, so they tie on every rule (the UID decides only between
	// different times in one bucket): any one of them may be the 8th.
	started := map[string]time.Duration{}
	for _, e := range before.Events {
		if e.Reason == "Started" {
			started[strings.TrimPrefix(e.Object, "pod/")] = e.First
		}
	}
	bucket := func(pod string) int {
		return int(math.Log2(float64(down.At - started[pod])))
	}
	pods := deployment(before).ReplicaSets[0].Pods
	var first, added []controller.PodView
	for _, p := range pods {
		if p.Created == 0 {
			first = append(first, p)
		} else {
			added = append(added, p)
		}
	}
	if len(first) != 3 || len(added) != 7 {
		t.Fatalf("%d first pods and %d added, want 3 and 7", len(first), len(added))
	}
	for _, a := range added {
		for _, f := range first {
			if bucket(a.Name) >= bucket(f.Name) {
				t.Fatalf("the script's timing no longer separates the buckets (%s %d, %s %d): the expected victims below would not follow", a.Name, bucket(a.Name), f.Name, bucket(f.Name))
			}
		}
	}
	deleted := map[string]bool{}
	for _, e := range r.c.Snapshot().Events {
		if e.Reason == "SuccessfulDelete" {
			deleted[strings.TrimPrefix(e.Message, "Deleted pod: ")] = true
		}
	}
	for _, a := range added {
		if !deleted[a.Name] {
			t.Errorf("%s, added by the scale-up, was not deleted", a.Name)
		}
	}
	var left []string
	for _, f := range first {
		if !deleted[f.Name] {
			left = append(left, f.Name)
		}
	}
	if len(deleted) != 8 || len(left) != 2 {
		t.Fatalf("deleted %d pods, %d of the first three left; want 8 and 2", len(deleted), len(left))
	}
	final := r.output(3)
	for _, name := range left {
		if !strings.Contains(final, name+"   1/1     Running") {
			t.Errorf("%s should be left running:\n%s", name, final)
		}
	}
}

func TestScenario_RollingUpdate(t *testing.T) {
	var updating bool
	r := playScenario(t, "rolling-update", time.Minute, func(snap *controller.Snapshot) {
		d := deployment(snap)
		if len(d.ReplicaSets) > 1 {
			updating = true
		}
		if !updating {
			return
		}
		// maxSurge 25% of 3 rounds up to 1, maxUnavailable 25% rounds down
		// to 0: at most 4 pods wanted, at least 3 available, at every instant.
		var desired, available int32
		for _, rs := range d.ReplicaSets {
			desired += rs.Desired
			available += rs.Available
		}
		if desired > 4 || available < 3 {
			t.Errorf("at %v: %d pods desired, %d available; want at most 4 and at least 3", snap.Elapsed, desired, available)
		}
	})
	r.wantMoves("upA0→3, upB0→1, downA3→2, upB1→2, downA2→1, upB2→3, downA1→0") // oracle: article.yaml, set image nginx:1.27
	if out := r.output(2); out != "deployment \"example-deployment\" successfully rolled out\n" {
		t.Errorf("rollout status: %q", out)
	}
	if out := r.output(3); !strings.Contains(out, "\n1         <none>\n2         <none>\n") {
		t.Errorf("rollout history:\n%s", out)
	}
}

func TestScenario_BadImageRollback(t *testing.T) {
	r := playScenario(t, "bad-image-rollback", 15*time.Minute, func(snap *controller.Snapshot) {
		// maxUnavailable 0: the three old pods keep serving throughout.
		if d := deployment(snap); d.AvailableReplicas < 3 && snap.Elapsed > 10*time.Second {
			t.Errorf("at %v: %d available, want 3", snap.Elapsed, d.AvailableReplicas)
		}
	})
	r.wantMoves("upA0→3, upB0→1, downB1→0") // oracle: article.yaml, set image nginx:9.99.9, then undo
	set, _ := r.cue(1)
	pods := r.output(2)
	if !regexp.MustCompile(`example-deployment-\S+   0/1     (ImagePullBackOff|ErrImagePull)   0 `).MatchString(pods) ||
		strings.Count(pods, "1/1     Running") != 4 { // three old pods and example-pod
		t.Errorf("15s after the bad image:\n%s", pods)
	}
	// progressDeadlineSeconds 600: the deadline counts only when strictly
	// past, from the last progress (the new pod's creation, at the set image).
	stall, snap := r.cue(3)
	if d := deployment(snap); !d.RolloutFailed || stall.At <= set.At+600*time.Second {
		t.Errorf("settled at %v (set image at %v): rollout status %q", stall.At, set.At, d.RolloutStatus)
	}
	if out := r.output(5); out != "deployment \"example-deployment\" successfully rolled out\n" {
		t.Errorf("after the undo: %q", out)
	}
	// The undo reuses revision 1's ReplicaSet as revision 3.
	if h := r.kubectlNow("rollout history deployment/example-deployment"); !strings.Contains(h, "\n2         <none>\n3         <none>\n") {
		t.Errorf("history:\n%s", h)
	}
}

func TestScenario_ProportionalScaling(t *testing.T) {
	r := playScenario(t, "proportional-scaling", 2*time.Minute, nil)
	// oracle --bad-image '*:sometag': nginx-deployment.yaml, set image, scale to 15, undo
	r.wantMoves("upA0→10, upB0→3, downA10→8, upB3→5, upA8→11, upB5→7, downB7→2, upA11→15, downB2→0")
	desired := func(out string) []string {
		var d []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			d = append(d, strings.Fields(line)[1])
		}
		return d
	}
	// The docs' numbers: stuck at 8 old and 5 new, then 11 and 7.
	if got := desired(r.output(2)); !slices.Equal(got, []string{"8", "5"}) {
		t.Errorf("stuck rollout: desired %v, want [8 5]", got)
	}
	if got := desired(r.output(4)); !slices.Equal(got, []string{"11", "7"}) {
		t.Errorf("after scaling to 15: desired %v, want [11 7]", got)
	}
	if got := desired(r.output(6)); !slices.Equal(got, []string{"15", "0"}) {
		t.Errorf("after the undo: desired %v, want [15 0]", got)
	}
}

func TestScenario_Crashloop(t *testing.T) {
	var restarts int32
	var at []time.Duration
	r := playScenario(t, "crashloop", 20*time.Minute, func(snap *controller.Snapshot) {
		p := deployment(snap).ReplicaSets[0].Pods[0]
		if p.Restarts > restarts {
			restarts = p.Restarts
			at = append(at, snap.Elapsed)
		}
	})
	// The first restart is immediate (at the kubelet's next sync), then the
	// back-off doubles from 10s to a 5m cap; each gap also holds the
	// container's start and its short run.
	var started time.Duration
	for _, e := range r.c.Snapshot().Events {
		if e.Reason == "Started" {
			started = e.First
			break
		}
	}
	if len(at) == 0 || at[0]-started > 3*time.Second {
		t.Fatalf("first start at %v, restarts at %v: the first restart is not immediate", started, at)
	}
	want := []time.Duration{10 * time.Second, 20 * time.Second, 40 * time.Second, 80 * time.Second, 160 * time.Second, 300 * time.Second, 300 * time.Second}
	if len(at) < len(want)+1 {
		t.Fatalf("restarts at %v", at)
	}
	for i, w := range want {
		gap := at[i+1] - at[i]
		if gap < w || gap > w+3*time.Second {
			t.Errorf("restart %d came %v after the one before, want %v plus the start", i+2, gap, w)
		}
	}
	if out := r.output(2); !strings.Contains(out, "0/1     CrashLoopBackOff   2 ") {
		t.Errorf("at 20s:\n%s", out)
	}
	stall, snap := r.cue(4)
	if d := deployment(snap); !d.RolloutFailed || stall.At <= 600*time.Second {
		t.Errorf("settled at %v: rollout status %q", stall.At, d.RolloutStatus)
	}
}

func TestScenario_Recreate(t *testing.T) {
	var scaledUp, oldGone time.Duration = -1, -1
	var sawNoneReady bool
	r := playScenario(t, "recreate", time.Minute, func(snap *controller.Snapshot) {
		d := deployment(snap)
		if d.Generation < 2 {
			return // before the update
		}
		var oldPods, newPods int
		var ready int32
		for _, rs := range d.ReplicaSets {
			if rs.New {
				newPods += len(rs.Pods)
			} else {
				oldPods += len(rs.Pods)
			}
			ready += rs.Ready
		}
		// Recreate waits for every old pod, terminating ones included, before
		// it creates a new one: the two never run side by side.
		if oldPods > 0 && newPods > 0 {
			t.Errorf("at %v: %d old and %d new pods at once", snap.Elapsed, oldPods, newPods)
		}
		if oldPods == 0 && oldGone < 0 {
			oldGone = snap.Elapsed
		}
		if len(d.ReplicaSets) > 1 && d.ReplicaSets[1].Desired > 0 && scaledUp < 0 {
			scaledUp = snap.Elapsed
		}
		if ready == 0 {
			sawNoneReady = true
		}
	})
	r.wantMoves("upA0→3, downA3→0, upB0→3") // oracle: recreate-web.yaml, set image nginx:1.27
	if scaledUp < oldGone || !sawNoneReady {
		t.Errorf("new ReplicaSet scaled up at %v, last old pod gone at %v, a moment with no ready pod: %v", scaledUp, oldGone, sawNoneReady)
	}
	if out := r.output(2); strings.Count(out, "Terminating") != 3 || strings.Count(out, "\n") != 4 {
		t.Errorf("half a second in:\n%s", out)
	}
}

// TestScenario_ArticleTour: each stop shows what its caption says.
func TestScenario_ArticleTour(t *testing.T) {
	checked := 0
	r := playScenario(t, "article-tour", 5*time.Minute, func(snap *controller.Snapshot) {
		d := deployment(snap)
		if d.Replicas != 5 || len(d.ReplicaSets) < 2 {
			return // not yet rolling at 5 replicas
		}
		checked++
		// 5 replicas, maxSurge 25% → 2, maxUnavailable 25% → 1: the caption's 7 and 4.
		pods := 0
		for _, rs := range d.ReplicaSets {
			for _, p := range rs.Pods {
				if !p.Terminating {
					pods++
				}
			}
		}
		if pods > 7 || d.AvailableReplicas < 4 {
			t.Errorf("at %v: %d pods, %d available; the caption says at most 7 and at least 4", snap.Elapsed, pods, d.AvailableReplicas)
		}
	})
	if checked < 10 {
		t.Errorf("the rollout at 5 replicas was seen %d times", checked)
	}
	if out := r.kubectlNow("get pods"); strings.Contains(out, "example-pod ") {
		t.Errorf("the deleted bare Pod came back:\n%s", out)
	}
	del, _ := r.cue(8)
	if !strings.HasPrefix(del.Action.String(), "kubectl delete pod example-deployment-") {
		t.Errorf("self-healing deletes %q", del.Action.String())
	}
	_, after := r.cue(9) // the scale step comes after the replacement settled
	if d := deployment(after); d.ReadyReplicas != 3 || slices.Contains(podNames(after), del.Picked) {
		t.Errorf("after the delete: %d ready, names %v (deleted %s)", d.ReadyReplicas, podNames(after), del.Picked)
	}
	if d := deployment(r.c.Snapshot()); d.Replicas != 5 || strings.Join(d.Images, ",") != "nginx:latest" || !d.RolloutDone {
		t.Errorf("at the end: %d replicas of %v, rolled out %v; want 5 of nginx:latest", d.Replicas, d.Images, d.RolloutDone)
	}
}

// TestScenario_RollingUpdateTutorial: every checkpoint's answer is what the
// controller then does, in the tutorial's own steps.
func TestScenario_RollingUpdateTutorial(t *testing.T) {
	checked := 0
	r := playScenario(t, "rolling-update-tutorial", 10*time.Minute, func(snap *controller.Snapshot) {
		d := deployment(snap)
		if len(d.ReplicaSets) < 2 {
			return // before the first update
		}
		checked++
		// The answers' arithmetic: 4 replicas, surge 1, unavailable 1.
		pods := 0
		for _, rs := range d.ReplicaSets {
			pods += len(rs.Pods)
		}
		if d.Surge != 1 || d.Unavailable != 1 {
			t.Fatalf("surge %d, unavailable %d; the lesson's answers assume 1 and 1", d.Surge, d.Unavailable)
		}
		if d.AvailableReplicas < 3 || pods-terminating(d) > 5 {
			t.Errorf("at %v: %d available, %d pods; the answers say at least 4 - 1, at most 4 + 1", snap.Elapsed, d.AvailableReplicas, pods)
		}
	})
	if checked < 10 {
		t.Errorf("the updates were seen %d times", checked)
	}
	rsOf := func(snap *controller.Snapshot, tag string) (desired int32, ready, pods int) {
		for _, rs := range deployment(snap).ReplicaSets {
			if strings.HasSuffix(strings.Join(rs.Images, ","), ":"+tag) {
				for _, p := range rs.Pods {
					pods++
					if p.Ready {
						ready++
					}
				}
				return rs.Desired, ready, pods
			}
		}
		return -1, 0, 0
	}
	// Checkpoint 1 (step 3): v1 keeps 3 while the first v2 pods start.
	_, snap := r.cue(5)
	if d, _, _ := rsOf(snap, "v1"); d != 3 {
		t.Errorf("1s after v2: the v1 ReplicaSet wants %d, the answer says 3", d)
	}
	if d, ready, _ := rsOf(snap, "v2"); d != 2 || ready != 0 {
		t.Errorf("1s after v2: the v2 ReplicaSet wants %d with %d ready, the why says room for 2", d, ready)
	}
	// Checkpoints 2 and 3 (steps 7, 10): 3 v2 pods serve, 2 v10 pods stuck.
	_, snap = r.cue(9)
	if _, ready, pods := rsOf(snap, "v2"); ready != 3 || pods != 3 {
		t.Errorf("30s after v10: %d v2 pods, %d ready; the answer says 3", pods, ready)
	}
	if _, ready, pods := rsOf(snap, "v10"); pods != 2 || ready != 0 {
		t.Errorf("30s after v10: %d v10 pods, %d ready; the answer says 2, none", pods, ready)
	}
	// Checkpoint 4 (step 12): undo returns to v2, as revision 4.
	_, snap = r.cue(15)
	if d := deployment(snap); strings.Join(d.Images, ",") != "docker.io/jocatalin/kubernetes-bootcamp:v2" || d.ReadyReplicas != 4 {
		t.Errorf("after the undo: %v with %d ready; the answer says 4 of v2", d.Images, d.ReadyReplicas)
	}
	if h := r.kubectlNow("rollout history deployment/kubernetes-bootcamp"); !strings.Contains(h, "\n1         <none>\n3         <none>\n4         <none>\n") {
		t.Errorf("the last caption says revisions 1, 3 and 4:\n%s", h)
	}
}

// terminating counts d's pods that are terminating.
func terminating(d *controller.DeploymentView) int {
	n := 0
	for _, rs := range d.ReplicaSets {
		for _, p := range rs.Pods {
			if p.Terminating {
				n++
			}
		}
	}
	return n
}
