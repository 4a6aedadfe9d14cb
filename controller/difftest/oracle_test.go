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
	"slices"
	"sort"
	"strconv"
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
	scenarioCount = 60
	scenarioSeed  = 20260101
)

// side is what one implementation did with a scenario.
type side struct {
	moves []move
	// reactions[k] are the moves made at once in answer to step k, before
	// any pod became ready: they do not depend on readiness timing.
	reactions [][]move
	end       endState
	failed    bool // a step was refused
}

// TestOracle_Differential runs the scenarios through podviz and the oracle.
// End states must match; reactions and whole sequences are counted and
// every divergence is logged.
func TestOracle_Differential(t *testing.T) {
	bin := os.Getenv("PODVIZ_ORACLE")
	if bin == "" {
		t.Skip("PODVIZ_ORACLE is not set (the lead's .ci/run builds ../shared/oracle and sets it)")
	}
	r := rand.New(rand.NewPCG(scenarioSeed, scenarioSeed))
	scenarios := make([]scenario, scenarioCount)
	for i := range scenarios {
		scenarios[i] = genScenario(r, i)
	}
	var (
		mu                                          sync.Mutex
		run, endOK, reactOK, wholeOK, refusalsAgree int
		reactRecreate                               int
	)
	sem := make(chan struct{}, 2) // two oracle processes at a time
	t.Run("scenarios", func(t *testing.T) {
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				mpath, spath := filepath.Join(dir, "web.yaml"), filepath.Join(dir, "script.yaml")
				must(t, os.WriteFile(mpath, []byte(sc.manifest), 0o600))
				must(t, os.WriteFile(spath, []byte(sc.script()), 0o600))
				pv := runPodviz(t, sc, spath)
				sem <- struct{}{}
				or := runOracle(t, bin, mpath, spath)
				<-sem
				desc := fmt.Sprintf("%s (%s; steps %q)", sc.name, sc.summary, sc.steps)
				mu.Lock()
				defer mu.Unlock()
				run++
				if pv.end.String() == or.end.String() {
					endOK++
				} else {
					t.Errorf("%s: end states differ\npodviz: %s\noracle: %s\npodviz moves: %s\noracle moves: %s",
						desc, pv.end, or.end, movesString(pv.moves), movesString(or.moves))
				}
				reactSame := len(pv.reactions) == len(or.reactions)
				for k := 0; reactSame && k < len(pv.reactions); k++ {
					reactSame = slices.Equal(pv.reactions[k], or.reactions[k])
				}
				if reactSame {
					reactOK++
				} else if sc.recreate && reactionsArePrefixes(pv.reactions, or.reactions) {
					// The oracle deletes pods at once, so its Recreate scales the new
					// ReplicaSet up in the same lockstep point; podviz waits for the
					// old pods to finish terminating (their grace period) first, as
					// upstream's Recreate does (recreate.go: oldPodsRunning).
					reactRecreate++
					t.Logf("explained %s: Recreate's scale-up waits for terminating pods in podviz\npodviz: %v\noracle: %v", desc, pv.reactions, or.reactions)
				} else {
					t.Logf("DIVERGENCE %s: immediate reactions to steps differ\npodviz: %v\noracle: %v", desc, pv.reactions, or.reactions)
				}
				if slices.Equal(pv.moves, or.moves) {
					wholeOK++
				} else {
					t.Logf("sequence differs %s\npodviz: %s\noracle: %s", desc, movesString(pv.moves), movesString(or.moves))
				}
				if pv.failed == or.failed {
					refusalsAgree++
				} else {
					t.Logf("DIVERGENCE %s: a step failed on one side only (podviz %v, oracle %v)", desc, pv.failed, or.failed)
				}
			})
		}
	})
	t.Logf("differential: %d scenarios; end states matched %d; immediate reactions matched %d (+%d Recreate scenarios where podviz's graceful termination delays the scale-up); whole sequences matched %d; step refusals agreed %d",
		run, endOK, reactOK, reactRecreate, wholeOK, refusalsAgree)
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
		if _, err := st.Action.Run(c); err != nil {
			out.failed = true
		}
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

// reactionsArePrefixes is true when each of podviz's reactions begins the
// oracle's.
func reactionsArePrefixes(pv, or [][]move) bool {
	if len(pv) != len(or) {
		return false
	}
	for k := range pv {
		if len(pv[k]) > len(or[k]) || !slices.Equal(pv[k], or[k][:len(pv[k])]) {
			return false
		}
	}
	return true
}

func runOracle(t *testing.T, bin, manifest, scriptPath string) side {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-f", manifest, "--script", scriptPath, "-o", "json", "--steps")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var out side
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		out.failed = true // a step was refused; the output is complete
	} else if err != nil {
		t.Fatalf("oracle: %v\n%s", err, stderr.String())
	}
	var lines []oracleLine
	dec := json.NewDecoder(&stdout)
	for dec.More() {
		var l oracleLine
		must(t, dec.Decode(&l))
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
		t.Fatalf("oracle printed no state")
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
	nsteps := 0
	for _, l := range lines {
		if l.Cause == "script" && l.Script != nil {
			scriptPoint[l.Step] = l.Script.N
			nsteps = max(nsteps, l.Script.N)
		}
	}
	out.reactions = make([][]move, nsteps)
	for _, l := range lines {
		if l.Cause != "" || l.Reason != "ScalingReplicaSet" || l.Object != "deployment/web" {
			continue
		}
		m, ok := parseMove(l.Message, labels)
		if !ok {
			t.Fatalf("oracle: unexpected ScalingReplicaSet message %q", l.Message)
		}
		out.moves = append(out.moves, m)
		if k, ok := scriptPoint[l.Step]; ok {
			out.reactions[k-1] = append(out.reactions[k-1], m)
		}
	}
	return out
}
