package controller

import (
	"cmp"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestSnapshotOf_SameAsSnapshot: the snapshot built from the objects alone,
// as a client of a real cluster sees them, is the simulation's own
// snapshot, but for what only the simulation knows (the kubelet's retry
// times) and the why line's reason, which comes from the objects rather
// than the controller's last sync. Checked while a rolling update is under
// way and once it settled.
func TestSnapshotOf_SameAsSnapshot(t *testing.T) {
	c := loadCluster(t, "")
	c.RunUntilSettled(time.Minute)
	if _, err := c.SetImage("default", "example-deployment", []ContainerImage{{Container: "nginx", Image: "nginx:1.27"}}); err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{"mid-rollout", "settled"} {
		if stage == "settled" {
			c.RunUntilSettled(c.Elapsed() + 10*time.Minute)
		} else {
			c.Advance(2 * time.Second)
		}
		want := c.Snapshot()
		got := SnapshotOf(Observed{Now: c.Now(), Deployments: c.deploys.List(), ReplicaSets: c.rss.List(), Pods: c.pods.List(), Events: want.Events})
		if len(got.Deployments) != 1 || len(want.Deployments) != 1 {
			t.Fatalf("%s: %d deployments observed, %d simulated", stage, len(got.Deployments), len(want.Deployments))
		}
		gd, wd := got.Deployments[0], want.Deployments[0]
		if stage == "mid-rollout" && (gd.Decision.Reason == "" || gd.Decision.Budget != wd.Decision.Budget) {
			t.Errorf("%s: observed decision %+v; the controller's %+v", stage, gd.Decision, wd.Decision)
		}
		if stage == "settled" && gd.Decision != wd.Decision {
			t.Errorf("%s: observed decision %+v; the controller's %+v", stage, gd.Decision, wd.Decision)
		}
		gd.Decision, wd.Decision = Decision{}, Decision{}
		for _, s := range []*Snapshot{got, want} {
			for i := range s.Deployments {
				for j := range s.Deployments[i].ReplicaSets {
					pods := s.Deployments[i].ReplicaSets[j].Pods
					clearRetry(pods)
					// Pods created in the same second: the simulation knows
					// their order, a client sorts them by name.
					slices.SortStableFunc(pods, func(a, b PodView) int {
						return cmp.Or(cmp.Compare(a.Created, b.Created), cmp.Compare(a.Name, b.Name))
					})
				}
			}
			clearRetry(s.BarePods)
		}
		if !reflect.DeepEqual(gd, wd) {
			t.Errorf("%s: deployment view differs:\nobserved  %+v\nsimulated %+v", stage, gd, wd)
		}
		if !reflect.DeepEqual(got.BarePods, want.BarePods) || !reflect.DeepEqual(got.ReplicaSets, want.ReplicaSets) {
			t.Errorf("%s: bare pods or ReplicaSets differ:\nobserved  %+v %+v\nsimulated %+v %+v", stage, got.BarePods, got.ReplicaSets, want.BarePods, want.ReplicaSets)
		}
		if got.Elapsed != want.Elapsed || !got.Idle {
			t.Errorf("%s: observed at %v (idle %v), simulated at %v", stage, got.Elapsed, got.Idle, want.Elapsed)
		}
	}
}

func clearRetry(pods []PodView) {
	for i := range pods {
		for j := range pods[i].Containers {
			pods[i].Containers[j].RetryAt = 0
		}
	}
}
