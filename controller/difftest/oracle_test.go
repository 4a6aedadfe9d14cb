package difftest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"podviz/controller"
	"podviz/controller/script"
	"podviz/model"
)

// scenarioCount and scenarioSeed fix the generated scenarios: the same
// scenarios on every run, so a divergence can be replayed.
const (
	scenarioCount = 100
	scenarioSeed  = 20260101
)

// side is what one implementation did with a scenario.
type side struct {
	moves []move
	// reactions[k] are the moves made at once in answer to step k, before
	// any pod became ready: they do not depend on readiness timing.
	reactions [][]move
	end       endState
	// steps[k] is what step k printed, as kubectl prints it.
	steps []stepResult
}

// stepResult is what one script step printed: its output, or its error
// when it was refused.
type stepResult struct {
	out, err string
}

// oracleSlots bounds how many oracle processes run at once. An oracle
// mostly waits (a lockstep point is 300 ms without an API write): four use
// about a third of a core in all, leaving its controllers room to answer.
const oracleSlots = 4

// calmQuiet is the oracle's --quiet for confirming a divergence: a busy
// machine can stall the oracle's controllers past the default 300 ms, which
// would end a lockstep point early; a divergence must survive a calm run.
const (
	calmQuiet     = "1500ms"
	maxCalmReruns = 3
)

// TestOracle_Differential runs the scenarios through podviz and the oracle.
// Every scenario must match exactly: end states, the whole sequence of
// ScalingReplicaSet moves, the immediate reaction to each step, and what
// each step printed (refusals included). The two documented exceptions are
// Recreate's scale-up (see compare) and pausing a paused Deployment or
// resuming a running one (see pauseRefusal).
func TestOracle_Differential(t *testing.T) {
	bin := os.Getenv("PODVIZ_ORACLE")
	if bin == "" {
		t.Skip("PODVIZ_ORACLE is not set (the lead's .ci/run builds ../shared/oracle and sets it)")
	}
	// go test caches this test's result on the variable's value alone (it
	// does not track files outside the module), so .ci/run passes -count=1.
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("PODVIZ_ORACLE: %v", err)
	}
	r := rand.New(rand.NewPCG(scenarioSeed, scenarioSeed))
	scenarios := make([]scenario, scenarioCount)
	dir := t.TempDir()
	for i := range scenarios {
		scenarios[i] = genScenario(r, i)
		scenarios[i].manifestPath = filepath.Join(dir, scenarios[i].name+".yaml")
		scenarios[i].scriptPath = filepath.Join(dir, scenarios[i].name+"-script.yaml")
		must(t, os.WriteFile(scenarios[i].manifestPath, []byte(scenarios[i].manifest), 0o600))
		must(t, os.WriteFile(scenarios[i].scriptPath, []byte(scenarios[i].script()), 0o600))
	}
	// The oracle runs in a pool of its own, not in parallel subtests: go
	// test runs at most GOMAXPROCS of those at once (2 on CI), and an oracle
	// process mostly waits for its 300 ms lockstep points. Each scenario's
	// result arrives on its own channel; the subtests take them in order.
	type oracleResult struct {
		side side
		err  error
	}
	results := make([]chan oracleResult, len(scenarios))
	for i := range results {
		results[i] = make(chan oracleResult, 1)
	}
	jobs := make(chan int)
	ctx, cancel := context.WithCancel(context.Background())
	var workers sync.WaitGroup
	for range oracleSlots {
		workers.Go(func() {
			for i := range jobs {
				sc := scenarios[i]
				s, err := runOracle(ctx, bin, sc.manifestPath, sc.scriptPath)
				results[i] <- oracleResult{s, err}
			}
		})
	}
	go func() {
		defer close(jobs)
		for i := range scenarios {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	// A test that stops early must not leave oracle processes running:
	// stop handing out jobs, kill the running ones, wait for the workers.
	t.Cleanup(func() { cancel(); workers.Wait() })

	var matched, recreates, pauseRefusals, calmReruns int
	kinds := map[string]int{}
	for i, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			for _, k := range sc.kinds {
				kinds[k]++
			}
			pv := runPodviz(t, sc, sc.scriptPath)
			res := <-results[i]
			if res.err != nil {
				t.Fatal(res.err)
			}
			diffs, explained := compare(sc, pv, res.side)
			// Load may explain a divergence or two, not a broken podviz: only
			// the first maxCalmReruns divergent scenarios are re-run calmly,
			// so a real bug fails the test about as fast as a clean run passes.
			if len(diffs) > 0 && calmReruns < maxCalmReruns {
				calmReruns++
				calm, err := runOracle(ctx, bin, sc.manifestPath, sc.scriptPath, "--quiet", calmQuiet)
				if err != nil {
					t.Fatal(err)
				}
				first := diffs
				if diffs, explained = compare(sc, pv, calm); len(diffs) == 0 {
					t.Logf("the oracle diverged under load and matched on a calm re-run (--quiet %s): %s", calmQuiet, strings.Join(first, "; "))
				}
			}
			desc := fmt.Sprintf("%s (%s; steps %q)", sc.name, sc.summary, sc.steps)
			for _, d := range diffs {
				t.Errorf("DIVERGENCE %s: %s", desc, d)
			}
			for _, e := range explained {
				t.Logf("explained %s: %s", desc, e)
			}
			if len(diffs) == 0 {
				matched++
			}
			if slices.ContainsFunc(explained, func(e string) bool { return strings.Contains(e, "Recreate's scale-up") }) {
				recreates++
			}
			if slices.ContainsFunc(explained, func(e string) bool { return strings.Contains(e, "kubectl refuses it") }) {
				pauseRefusals++
			}
		})
	}
	var ks []string
	for k, n := range kinds {
		ks = append(ks, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(ks)
	t.Logf("differential: %d scenarios, %d matched exactly (%d of them with Recreate's scale-up waiting for terminating pods in podviz, %d with a pause/resume that kubectl refuses and the oracle's emulation does not); cases: %s",
		len(scenarios), matched, recreates, pauseRefusals, strings.Join(ks, ", "))
}

// compare lists every way the two sides differ. explained lists the
// differences that are not divergences: with Recreate, the oracle deletes a
// pod at once, so its Recreate scales the new ReplicaSet up at the same
// lockstep point as the scale-down; podviz waits for the old pods to finish
// terminating (their grace period) first, as upstream's Recreate does
// (recreate.go: oldPodsRunning). The reaction to a step may then lack the
// oracle's trailing scale-ups, and nothing else: the whole sequence must
// still match move for move.
func compare(sc scenario, pv, or side) (diffs, explained []string) {
	if pv.end.String() != or.end.String() {
		diffs = append(diffs, fmt.Sprintf("end states differ\npodviz: %s\noracle: %s", pv.end, or.end))
	}
	if !slices.Equal(pv.moves, or.moves) {
		diffs = append(diffs, fmt.Sprintf("whole sequences differ\npodviz: %s\noracle: %s", movesString(pv.moves), movesString(or.moves)))
	}
	if len(pv.reactions) != len(or.reactions) {
		diffs = append(diffs, fmt.Sprintf("podviz answered %d steps, the oracle %d", len(pv.reactions), len(or.reactions)))
	} else {
		for k := range pv.reactions {
			p, o := pv.reactions[k], or.reactions[k]
			switch {
			case slices.Equal(p, o):
			case sc.recreate && recreateWaits(p, o):
				explained = append(explained, fmt.Sprintf("step %d: Recreate's scale-up waits for terminating pods in podviz: podviz [%s], oracle [%s]", k+1, movesString(p), movesString(o)))
			default:
				diffs = append(diffs, fmt.Sprintf("the immediate reaction to step %d (%s) differs\npodviz: [%s]\noracle: [%s]", k+1, sc.steps[k], movesString(p), movesString(o)))
			}
		}
	}
	if len(pv.steps) != len(or.steps) {
		diffs = append(diffs, fmt.Sprintf("podviz ran %d steps, the oracle %d", len(pv.steps), len(or.steps)))
	} else {
		for k := range pv.steps {
			p, o := pv.steps[k], or.steps[k]
			switch {
			case p == o:
			case pauseRefusal(p, o):
				explained = append(explained, fmt.Sprintf("step %d (%s): kubectl refuses it (%s), the oracle's kubectl emulation prints %q", k+1, sc.steps[k], p.err, o.out))
			default:
				diffs = append(diffs, fmt.Sprintf("step %d (%s) printed differently\npodviz: out %q err %q\noracle: out %q err %q", k+1, sc.steps[k], p.out, p.err, o.out, o.err))
			}
		}
	}
	return diffs, explained
}

// pauseRefusal is the second documented exception: kubectl v1.37 refuses
// to pause a paused Deployment or resume one that is not paused
// (polymorphichelpers' ObjectPauser/ObjectResumer: "is already paused",
// "is not paused"; rollout_pause.go wraps it as `error: deployments.apps
// "NAME" is already paused`, exit 1), where the oracle's kubectl emulation
// prints "deployment.apps/NAME already paused" and succeeds. podviz does
// what kubectl does.
func pauseRefusal(pv, or stepResult) bool {
	if pv.out != "" || or.err != "" {
		return false
	}
	switch pv.err {
	case "is already paused":
		return strings.HasSuffix(or.out, " already paused")
	case "is not paused":
		return strings.HasSuffix(or.out, " already resumed")
	}
	return false
}

// recreateWaits is true when podviz's reaction is the oracle's without
// the trailing scale-ups (and there was one to wait for).
func recreateWaits(pv, or []move) bool {
	if len(pv) >= len(or) || !slices.Equal(pv, or[:len(pv)]) {
		return false
	}
	for _, m := range or[len(pv):] {
		if !m.up {
			return false
		}
	}
	return true
}

var (
	// deletedPod matches kubectl delete's line for one pod; the two sides
	// name pods differently (random suffixes here, sequential ones in the
	// oracle).
	deletedPod = regexp.MustCompile(`pod "[^"]+" deleted`)
	// kubectlWrapper is what kubectl puts before a refusal when it prints
	// it: "error: ", and for rollout restart the resource too
	// (rollout_restart.go: "error: %s %q %v"). The oracle reports the
	// refusal itself, mostly without them; both sides drop them.
	kubectlWrapper = regexp.MustCompile(`^(error: )?(deployments\.apps "[^"]*" )?`)
)

// normalizeOutput makes step outputs comparable across the two sides.
func normalizeOutput(s string) string {
	return strings.TrimSpace(deletedPod.ReplaceAllString(s, `pod "…" deleted`))
}

// normalizeError makes refusals comparable across the two sides.
func normalizeError(s string) string {
	return kubectlWrapper.ReplaceAllString(strings.TrimSpace(s), "")
}

// mustMove parses a ScalingReplicaSet message; with labels nil the
// ReplicaSet keeps its name (relabel it later).
func mustMove(t *testing.T, msg string, labels map[string]string) move {
	t.Helper()
	l := labels
	if l == nil {
		l = map[string]string{}
	}
	m, ok := parseMove(msg, l)
	if !ok {
		t.Fatalf("unexpected ScalingReplicaSet message %q", msg)
	}
	if labels == nil {
		m.rs = scalingMessage.FindStringSubmatch(msg)[2]
	}
	return m
}

// relabel turns a ReplicaSet name into its creation-order label.
func relabel(name string, labels map[string]string) string {
	if l, ok := labels[name]; ok {
		return l
	}
	l := labelFor(len(labels))
	labels[name] = l
	return l
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// runPodviz plays the scenario in-process; each step comes stepGap after
// the last, by which time the cluster has settled.
func runPodviz(t *testing.T, sc scenario, scriptPath string) side {
	objs, err := model.Parse("web.yaml", []byte(sc.manifest), io.Discard)
	must(t, err)
	s, err := script.Parse(scriptPath, []byte(sc.script()))
	must(t, err)
	c, err := controller.New(objs, controller.Options{Seed: 1})
	must(t, err)
	var out side
	out.reactions = make([][]move, len(sc.steps))
	// The event log aggregates repeats (one entry, Count 2, as upstream's
	// recorder does), which hides when the repeat happened; so the log is
	// read after every transition and each count increase is a new move.
	// An aggregated repeat keeps its first place in the log; Seq says
	// where it really happened, so new occurrences are put in Seq order.
	type occurrence struct {
		at  time.Duration
		msg string
		seq uint64
	}
	var seen = map[string]int32{}
	var occs []occurrence
	collect := func() {
		var fresh []occurrence
		for _, e := range c.Snapshot().Events {
			if e.Reason != "ScalingReplicaSet" || e.Object != "deployment/web" {
				continue
			}
			key := e.Type + "|" + e.Message
			for n := seen[key]; n < max(e.Count, 1); n++ {
				fresh = append(fresh, occurrence{at: e.Last, msg: e.Message, seq: e.Seq})
			}
			seen[key] = max(e.Count, 1)
		}
		sort.SliceStable(fresh, func(i, j int) bool { return fresh[i].seq < fresh[j].seq })
		occs = append(occs, fresh...)
	}
	advanceTo := func(target time.Duration) {
		for {
			at, ok := c.NextTransition()
			if !ok || at > target {
				break
			}
			c.Step()
			collect()
		}
		c.RunUntil(target)
		collect()
	}
	collect()
	for _, st := range s.Steps {
		advanceTo(st.At)
		before := len(occs)
		text, err := st.Action.Run(c)
		res := stepResult{out: normalizeOutput(text)}
		if err != nil {
			res = stepResult{err: normalizeError(err.Error())}
		}
		out.steps = append(out.steps, res)
		collect()
		// The moves made at the step's own instant answer the command.
		k := int(st.At/stepGap) - 1
		for _, o := range occs[before:] {
			out.reactions[k] = append(out.reactions[k], mustMove(t, o.msg, nil))
		}
	}
	advanceTo(time.Duration(len(sc.steps)+1) * stepGap)
	snap := c.Snapshot()
	var d *controller.DeploymentView
	for i := range snap.Deployments {
		if snap.Deployments[i].Name == "web" {
			d = &snap.Deployments[i]
		}
	}
	if d == nil {
		t.Fatalf("podviz: deployment web is gone")
	}
	labels := map[string]string{}
	for i, rs := range d.ReplicaSets { // oldest first
		labels[rs.Name] = labelFor(i)
	}
	for _, o := range occs {
		out.moves = append(out.moves, mustMove(t, o.msg, labels))
	}
	for k := range out.reactions {
		for i := range out.reactions[k] {
			out.reactions[k][i].rs = relabel(out.reactions[k][i].rs, labels)
		}
	}
	var rss []rsSize
	for _, rs := range d.ReplicaSets {
		rss = append(rss, rsSize{label: labels[rs.Name], size: int(rs.Desired), revision: rs.Revision})
	}
	out.end = newEndState(int(d.Replicas), d.Paused, rss)
	return out
}

// oracleLine is one NDJSON line of `oracle -o json --steps`: an event, or
// (with cause set) a lockstep point.
type oracleLine struct {
	Step    int    `json:"step"`
	Reason  string `json:"reason"`
	Object  string `json:"object"`
	Message string `json:"message"`
	Cause   string `json:"cause"`
	Output  string `json:"output"`
	Error   string `json:"error"`
	Script  *struct {
		N int `json:"n"`
	} `json:"script"`
	State *struct {
		Deployments []struct {
			Name        string `json:"name"`
			Desired     int    `json:"desired"`
			Paused      bool   `json:"paused"`
			ReplicaSets []struct {
				Label    string `json:"label"`
				Name     string `json:"name"`
				Revision string `json:"revision"`
				Desired  int    `json:"desired"`
			} `json:"replicaSets"`
		} `json:"deployments"`
	} `json:"state"`
}

// runOracle runs the oracle on the scenario's files (extra: more flags).
// It runs outside any subtest (see TestOracle_Differential), so it returns
// its failures instead of failing a test.
func runOracle(ctx context.Context, bin, manifest, scriptPath string, extra ...string) (side, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	args := append([]string{"-f", manifest, "--script", scriptPath, "-o", "json", "--steps"}, extra...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var out side
	// Exit 1 with complete output is a refused step (its error is on the
	// step's line, compared below); anything else is the oracle failing.
	if ee, ok := err.(*exec.ExitError); !(ok && ee.ExitCode() == 1) && err != nil {
		return out, fmt.Errorf("oracle %v: %v\n%s", args, err, stderr.String())
	}
	var lines []oracleLine
	dec := json.NewDecoder(&stdout)
	for dec.More() {
		var l oracleLine
		if err := dec.Decode(&l); err != nil {
			return out, fmt.Errorf("oracle %v: %v", args, err)
		}
		lines = append(lines, l)
	}
	// The last point's state names the ReplicaSets by creation order.
	labels := map[string]string{}
	var last *oracleLine
	for i := range lines {
		if lines[i].State != nil {
			last = &lines[i]
		}
	}
	if last == nil {
		return out, fmt.Errorf("oracle %v printed no state:\n%s", args, stderr.String())
	}
	var rss []rsSize
	replicas, paused := 0, false
	for _, d := range last.State.Deployments {
		if d.Name != "web" {
			continue
		}
		replicas, paused = d.Desired, d.Paused
		for _, rs := range d.ReplicaSets {
			labels[rs.Name] = rs.Label
			rev, _ := strconv.ParseInt(rs.Revision, 10, 64)
			rss = append(rss, rsSize{label: rs.Label, size: rs.Desired, revision: rev})
		}
	}
	out.end = newEndState(replicas, paused, rss)
	// scriptPoint[p] = k when lockstep point p applied script step k.
	scriptPoint := map[int]int{}
	for _, l := range lines {
		if l.Cause == "script" && l.Script != nil {
			if l.Script.N != len(out.steps)+1 {
				return out, fmt.Errorf("oracle %v: script step %d reported after step %d", args, l.Script.N, len(out.steps))
			}
			scriptPoint[l.Step] = l.Script.N
			res := stepResult{out: normalizeOutput(l.Output)}
			if l.Error != "" {
				res = stepResult{err: normalizeError(l.Error)}
			}
			out.steps = append(out.steps, res)
		}
	}
	if err != nil && !slices.ContainsFunc(out.steps, func(r stepResult) bool { return r.err != "" }) {
		return out, fmt.Errorf("oracle %v exited 1 with no refused step:\n%s", args, stderr.String())
	}
	out.reactions = make([][]move, len(out.steps))
	for _, l := range lines {
		if l.Cause != "" || l.Reason != "ScalingReplicaSet" || l.Object != "deployment/web" {
			continue
		}
		m, ok := parseMove(l.Message, labels)
		if !ok {
			return out, fmt.Errorf("oracle: unexpected ScalingReplicaSet message %q", l.Message)
		}
		out.moves = append(out.moves, m)
		if k, ok := scriptPoint[l.Step]; ok {
			out.reactions[k-1] = append(out.reactions[k-1], m)
		}
	}
	return out, nil
}
