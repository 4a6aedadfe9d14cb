package source_test

import (
	"testing"
	"time"

	"podviz/controller"
	"podviz/controller/kubectl"
	"podviz/model"
	"podviz/source"
)

// TestSimulation_SameAsKubectl: the simulation as a Source prints what
// podviz's kubectl prints on the cluster it wraps.
func TestSimulation_SameAsKubectl(t *testing.T) {
	objs, err := model.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	c, err := controller.New(objs, controller.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	c.RunUntilSettled(c.Elapsed() + 10*time.Minute)
	var src source.Source = source.Simulation{Cluster: c}
	for _, line := range []string{
		"kubectl rollout status deployment/example-deployment",
		"kubectl rollout history deployment/example-deployment",
		"kubectl rollout history deployment/example-deployment --revision=1",
		"kubectl rollout status deployment/nosuch",
	} {
		a, err := kubectl.Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		want, wantErr := a.Run(c)
		var got string
		var gotErr error
		switch a := a.(type) {
		case *kubectl.RolloutStatusOptions:
			got, gotErr = src.RolloutStatus(a.Namespace, a.Name, a.Revision)
		case *kubectl.RolloutHistoryOptions:
			got, gotErr = src.RolloutHistory(a.Namespace, a.Name, a.Revision)
		}
		if got != want || (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
			t.Errorf("%s: got %q, %v; want %q, %v", line, got, gotErr, want, wantErr)
		}
	}
	if got, want := src.Snapshot(), c.Snapshot(); len(got.Deployments) != len(want.Deployments) || len(got.BarePods) != len(want.BarePods) {
		t.Errorf("snapshot: %d deployments, %d bare pods; the cluster has %d, %d", len(got.Deployments), len(got.BarePods), len(want.Deployments), len(want.BarePods))
	}
}
