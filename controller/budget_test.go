package controller

import (
	"strings"
	"testing"

	"podviz/model"
)

// TestCluster_checkDeploymentBudget: a change that raises a Deployment's
// demand past the budget is refused; one that lowers it is always allowed,
// even in a cluster over the budget (which no action can reach: the
// Deployment is written into the store directly).
func TestCluster_checkDeploymentBudget(t *testing.T) {
	objs, err := model.Parse("web.yaml", []byte(webYAML(3, "", "")), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := newCluster(Options{Seed: 1})
	live := objs.Deployments[0]
	live.Spec.Replicas = ptrTo(int32(90000)) // 90,000 + 22,500 surge: over
	c.deploys.Create(live)

	lower := live.DeepCopy()
	lower.Spec.Replicas = ptrTo(int32(85000))
	if e := c.checkDeploymentBudget(live, lower); e != nil {
		t.Errorf("scaling down was refused: %v", e)
	}
	higher := live.DeepCopy()
	higher.Spec.Replicas = ptrTo(int32(95000))
	e := c.checkDeploymentBudget(live, higher)
	if e == nil || !strings.Contains(e.Error(), "podviz's pod budget is 100000 pods for one cluster; this Deployment needs 118750 (95000 replicas + 23750 maxSurge)") {
		t.Errorf("scaling up: got %v", e)
	}
}

// TestCluster_podBudgetUsed counts a rolling Deployment's surge, a bare
// pod, and leaves out what skip names.
func TestCluster_podBudgetUsed(t *testing.T) {
	tc := loadCluster(t, "web10") // web10: 10 replicas
	c := tc.Cluster
	d := deploymentView(t, c.Snapshot(), "web")
	want := int64(d.Replicas + d.Surge)
	if got := c.podBudgetUsed(nil); got != want {
		t.Errorf("used %d, want %d (replicas %d + surge %d)", got, want, d.Replicas, d.Surge)
	}
	if got := c.podBudgetUsed(map[string]bool{"Deployment/default/web": true}); got != 0 {
		t.Errorf("with web skipped: used %d, want 0", got)
	}
}
