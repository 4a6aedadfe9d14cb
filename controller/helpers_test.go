package controller

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"podviz/model"
)

// tracedCluster is a Cluster plus every event it recorded, unaggregated.
type tracedCluster struct {
	*Cluster
	raw []Event
}

// loadCluster loads testdata/NAME.yaml (or the embedded example for "") and
// starts a cluster with seed 1.
func loadCluster(t testing.TB, manifest string) *tracedCluster {
	t.Helper()
	var objs *model.Objects
	var err error
	if manifest == "" {
		objs, err = model.LoadDefault()
	} else {
		path := filepath.Join("testdata", manifest+".yaml")
		var data []byte
		data, err = os.ReadFile(path)
		if err == nil {
			objs, err = model.Parse(path, data, nil)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return newTraced(t, objs, 1)
}

func newTraced(t testing.TB, objs *model.Objects, seed int64) *tracedCluster {
	t.Helper()
	tc := &tracedCluster{}
	c := newCluster0(Options{Seed: seed}, func(e Event) { tc.raw = append(tc.raw, e) })
	if _, err := c.Apply(objs); err != nil {
		t.Fatal(err)
	}
	tc.Cluster = c
	return tc
}

// newCluster0 is New with a trace hook installed before the first object.
func newCluster0(opts Options, trace func(Event)) *Cluster {
	c := newCluster(opts)
	c.events.SetTrace(trace)
	return c
}

// step is one scripted action at a virtual time.
type step struct {
	at  time.Duration
	run func(c *Cluster) (string, error)
}

// play runs the steps at their times, failing on an action error, then runs
// the clock to until.
func (tc *tracedCluster) play(t testing.TB, steps []step, until time.Duration) {
	t.Helper()
	for _, s := range steps {
		tc.RunUntil(s.at)
		if _, err := s.run(tc.Cluster); err != nil {
			t.Fatalf("at %v: %v", s.at, err)
		}
	}
	tc.RunUntil(until)
}

var scaledRE = regexp.MustCompile(`^Scaled (up|down) replica set (\S+) from (\d+) to (\d+)$`)

// sequence is the Deployment's ScalingReplicaSet events in the oracle's
// notation: ReplicaSets lettered A, B, … by first appearance ("upA0→3").
func (tc *tracedCluster) sequence(deployment string) []string {
	letters := map[string]string{}
	var out []string
	for _, e := range tc.raw {
		if e.Reason != reasonScalingReplicaSet || e.Object != "deployment/"+deployment {
			continue
		}
		m := scaledRE.FindStringSubmatch(e.Message)
		if m == nil {
			out = append(out, "?"+e.Message)
			continue
		}
		l, ok := letters[m[2]]
		if !ok {
			l = string(rune('A' + len(letters)))
			letters[m[2]] = l
		}
		out = append(out, fmt.Sprintf("%s%s%s→%s", m[1], l, m[3], m[4]))
	}
	return out
}

// messages returns the raw events' messages with a given reason.
func (tc *tracedCluster) messages(reason string) []string {
	var out []string
	for _, e := range tc.raw {
		if e.Reason == reason {
			out = append(out, e.Message)
		}
	}
	return out
}

func joinSeq(s []string) string { return strings.Join(s, ", ") }

func scale(name string, n int32) func(c *Cluster) (string, error) {
	return func(c *Cluster) (string, error) { return c.Scale("", name, n) }
}

func setImage(name, image string) func(c *Cluster) (string, error) {
	return func(c *Cluster) (string, error) {
		return c.SetImage("", name, []ContainerImage{{Container: "*", Image: image}})
	}
}

func undo(name string, rev int64) func(c *Cluster) (string, error) {
	return func(c *Cluster) (string, error) { return c.RolloutUndo("", name, rev) }
}

func pause(name string) func(c *Cluster) (string, error) {
	return func(c *Cluster) (string, error) { return c.RolloutPause("", name) }
}

func resume(name string) func(c *Cluster) (string, error) {
	return func(c *Cluster) (string, error) { return c.RolloutResume("", name) }
}

// deployment returns the named Deployment's view.
func deploymentView(t testing.TB, s *Snapshot, name string) DeploymentView {
	t.Helper()
	for _, d := range s.Deployments {
		if d.Name == name {
			return d
		}
	}
	t.Fatalf("no deployment %q", name)
	return DeploymentView{}
}

// sizes renders the Deployment's ReplicaSets oldest first as "A3 B0".
func sizes(d DeploymentView) string {
	var parts []string
	for i, rs := range d.ReplicaSets {
		parts = append(parts, fmt.Sprintf("%c%d", 'A'+i, rs.Desired))
	}
	return strings.Join(parts, " ")
}

func mustParse(t testing.TB, manifest string) *model.Objects {
	t.Helper()
	path := filepath.Join("testdata", manifest+".yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	objs, err := model.Parse(path, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return objs
}

// parseCluster starts a seed-1 cluster from inline YAML.
func parseCluster(t testing.TB, yaml string) *tracedCluster {
	t.Helper()
	objs, err := model.Parse("inline.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	return newTraced(t, objs, 1)
}

// webYAML is a Deployment "web" of nginx:1.26 with extra spec lines
// (indented two spaces) and extra container lines (indented ten).
func webYAML(replicas int, spec, container string) string {
	return fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: %d
%s
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.26
%s
`, replicas, spec, container)
}

func ptrTo[T any](v T) *T { return &v }
