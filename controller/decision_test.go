package controller

import (
	"testing"
	"time"
)

// The "why" line follows the rollout: the arithmetic, then the move or the
// wait, in the controller's words; nothing once settled.
func TestDeployment_Decision(t *testing.T) {
	c := loadCluster(t, "web3")
	c.play(t, []step{{30 * time.Second, setImage("web", "nginx:1.27")}}, 30*time.Second)
	budget := "max 4 pods (3 + surge 1), min 3 available (3 - 0)"
	d := deploymentView(t, c.Snapshot(), "web")
	want := Decision{Budget: budget, Reason: "waiting for 1 new pod to become available before scaling down the old ReplicaSet"}
	if d.Decision != want {
		t.Errorf("after set image:\n got %+v\nwant %+v", d.Decision, want)
	}
	c.RunUntil(2 * time.Minute)
	if d := deploymentView(t, c.Snapshot(), "web"); d.Decision != (Decision{}) {
		t.Errorf("settled: %+v", d.Decision)
	}
	if _, err := c.RolloutUndo("", "web", 0); err != nil {
		t.Fatal(err)
	}
	d = deploymentView(t, c.Snapshot(), "web")
	old := d.ReplicaSets[0].Name
	want = Decision{Budget: budget, Reason: "rolling back: scaling up the old ReplicaSet " + old + " (same pod-template-hash) again; waiting for 1 new pod to become available before scaling down the old ReplicaSet"}
	if d.Decision != want {
		t.Errorf("after undo:\n got %+v\nwant %+v", d.Decision, want)
	}
	for _, r := range []string{d.Decision.Budget, d.Decision.Reason} {
		for _, ch := range r {
			if ch > 0x7e {
				t.Errorf("non-ASCII %q in %q", ch, r)
			}
		}
	}
}
