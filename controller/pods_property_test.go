package controller

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"podviz/model"
	"podviz/termsafe"
)

// randomPodYAML is a bare Pod of 1–4 app containers and 0–2 init
// containers (some of them native sidecars) running commands of the
// container model that sleep, exit 0 or 1 at once or later, or serve, with
// random exec and httpGet probes and a random restartPolicy.
func randomPodYAML(r *rand.Rand, name string) (yaml string, policy string) {
	policy = []string{"Always", "OnFailure", "Never"}[r.IntN(3)]
	commands := []string{
		"sleep 3600",
		"exit 0",
		"exit 1",
		"sleep 7; exit 1",
		"sleep 4; exit 0",
		"touch /tmp/ok; sleep 20; rm /tmp/ok; sleep 3600",
		"touch /tmp/ok; while true; do sleep 5; done",
		"while true; do :; done",
	}
	probe := func(kind string) string {
		if r.IntN(3) != 0 {
			return ""
		}
		var handler string
		if r.IntN(2) == 0 {
			handler = "exec: {command: [cat, /tmp/ok]}"
		} else {
			handler = "httpGet: {path: /, port: 80}"
		}
		return fmt.Sprintf("\n      %s: {%s, initialDelaySeconds: %d, periodSeconds: %d, failureThreshold: %d, successThreshold: 1}",
			kind, handler, r.IntN(4), 1+r.IntN(5), 1+r.IntN(3))
	}
	container := func(n string, sidecar bool) string {
		var b strings.Builder
		fmt.Fprintf(&b, "\n    - name: %s", n)
		if r.IntN(4) == 0 {
			fmt.Fprintf(&b, "\n      image: nginx:1.27")
		} else {
			fmt.Fprintf(&b, "\n      image: busybox:1.36\n      command: [sh, -c, %q]", commands[r.IntN(len(commands))])
		}
		if sidecar {
			b.WriteString("\n      restartPolicy: Always")
		}
		b.WriteString(probe("readinessProbe"))
		if sidecar || r.IntN(2) == 0 {
			b.WriteString(probe("livenessProbe"))
		}
		return b.String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: %s\nspec:\n  restartPolicy: %s", name, policy)
	if n := r.IntN(3); n > 0 {
		b.WriteString("\n  initContainers:")
		for i := range n {
			b.WriteString(container(fmt.Sprintf("init%d", i), r.IntN(2) == 0))
		}
	}
	b.WriteString("\n  containers:")
	for i := range 1 + r.IntN(4) {
		b.WriteString(container(fmt.Sprintf("app%d", i), false))
	}
	return b.String() + "\n", policy
}

// TestPods_Properties runs random multi-container pods and checks, at
// every look, what upstream's rules imply whatever the pod does: READY
// never exceeds the containers kubectl counts (app containers and
// sidecars); restart counts never go down; the phase agrees with
// getPhase's rules (Succeeded only with every app container exited 0 and
// a policy that does not restart, Failed only under one that does not
// always restart, never Pending once initialized with every app container
// started, terminal phases final); events are well formed; and the same
// seed plays the same events.
func TestPods_Properties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	cases := 60
	if testing.Short() {
		cases = 15
	}
	for i := range cases {
		var docs []string
		policies := map[string]string{}
		for j := range 1 + r.IntN(3) {
			name := fmt.Sprintf("p%d-%d", i, j)
			y, policy := randomPodYAML(r, name)
			docs = append(docs, y)
			policies[name] = policy
		}
		yaml := strings.Join(docs, "---\n")
		steps := make([]time.Duration, 1+r.IntN(12))
		for k := range steps {
			steps[k] = time.Duration(1+r.IntN(40)) * time.Second
		}
		first := playPods(t, yaml, policies, steps)
		if again := playPods(t, yaml, policies, steps); again != first {
			t.Fatalf("case %d: the same pods and seed played different events:\n%s\nthen:\n%s\n%s", i, first, again, yaml)
		}
	}
}

// playPods loads the pods, advances the clock by steps checking the
// properties at each look, and returns the event log as text.
func playPods(t *testing.T, yaml string, policies map[string]string, steps []time.Duration) string {
	t.Helper()
	objs, err := model.Parse("pods.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, yaml)
	}
	c, err := New(objs, Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	restarts := map[string]int32{}
	terminal := map[string]string{}
	for _, d := range steps {
		c.Advance(d)
		snap := c.Snapshot()
		for _, p := range snap.BarePods {
			fail := func(format string, args ...any) {
				t.Helper()
				t.Fatalf("at %v, pod %s (%s, %s %d/%d): %s\n%+v\n%s", snap.Elapsed, p.Name, p.Phase, p.Status, p.ReadyContainers, p.TotalContainers, fmt.Sprintf(format, args...), p.Containers, yaml)
			}
			policy := policies[p.Name]
			apps, sidecars, inits := 0, 0, 0
			allAppsExited0, initsDone, appsStarted := true, true, true
			for _, ct := range p.Containers {
				key := p.UID + "/" + ct.Name
				if ct.Restarts < restarts[key] {
					fail("container %s restarts went from %d to %d", ct.Name, restarts[key], ct.Restarts)
				}
				restarts[key] = ct.Restarts
				switch {
				case ct.Sidecar:
					sidecars++
				case ct.Init:
					inits++
					if ct.State != "Terminated" || ct.ExitCode != 0 {
						initsDone = false
					}
				default:
					apps++
					if ct.State != "Terminated" || ct.ExitCode != 0 {
						allAppsExited0 = false
					}
					if ct.State != "Running" && !ct.Exited {
						appsStarted = false
					}
				}
			}
			if p.TotalContainers != apps+sidecars || p.ReadyContainers > p.TotalContainers || p.ReadyContainers < 0 {
				fail("READY %d/%d for %d app containers and %d sidecars", p.ReadyContainers, p.TotalContainers, apps, sidecars)
			}
			switch p.Phase {
			case "Succeeded":
				if policy == "Always" || !allAppsExited0 {
					fail("Succeeded under %s with app containers not all exited 0", policy)
				}
			case "Failed":
				if policy != "Never" {
					fail("Failed under %s: only Never fails a pod", policy)
				}
			case "Pending":
				if initsDone && appsStarted && inits+sidecars == 0 {
					fail("Pending with every app container started")
				}
			case "Running":
				if !initsDone {
					fail("Running before its init containers completed")
				}
			default:
				fail("phase %q", p.Phase)
			}
			if was := terminal[p.UID]; was != "" && p.Phase != was {
				fail("left the terminal phase %s", was)
			}
			if p.Phase == "Succeeded" || p.Phase == "Failed" {
				terminal[p.UID] = p.Phase
			}
		}
		for _, e := range snap.Events {
			if (e.Type != "Normal" && e.Type != "Warning") || e.Reason == "" || e.Message == "" || e.Count < 1 ||
				e.First > e.Last || e.Last > snap.Elapsed || !strings.HasPrefix(e.Object, "pod/") || !termsafe.IsSafe(e.Message, true) {
				t.Fatalf("at %v, a malformed event %+v\n%s", snap.Elapsed, e, yaml)
			}
		}
	}
	var b strings.Builder
	for _, e := range c.Snapshot().Events {
		fmt.Fprintf(&b, "%v %v %s %s %s %q x%d\n", e.First, e.Last, e.Type, e.Reason, e.Object, e.Message, e.Count)
	}
	return b.String()
}
