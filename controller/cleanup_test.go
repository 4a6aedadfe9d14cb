package controller

import (
	"fmt"
	"testing"
	"time"
)

// revisionHistoryLimit 1: after three rollouts only the newest old
// ReplicaSet is kept (cleanupDeployment deletes the oldest revisions once
// they are scaled to 0 and the rollout is complete).
func TestDeployment_RevisionHistoryLimit(t *testing.T) {
	c := parseCluster(t, webYAML(2, "  revisionHistoryLimit: 1", ""))
	var steps []step
	for i, img := range []string{"nginx:1.27", "nginx:1.28", "nginx:1.29"} {
		steps = append(steps, step{time.Duration(30*(i+1)) * time.Second, setImage("web", img)})
	}
	c.play(t, steps, 3*time.Minute)
	d := deploymentView(t, c.Snapshot(), "web")
	var got []string
	for _, rs := range d.ReplicaSets {
		got = append(got, fmt.Sprintf("%s:%d", rs.Images[0], rs.Revision))
	}
	if joinSeq(got) != "nginx:1.28:3, nginx:1.29:4" {
		t.Errorf("kept %v", got)
	}
}

// `kubectl delete pod -l app=web`: every matching pod, sorted, each
// replaced by its ReplicaSet.
func TestCluster_DeletePodsBySelector(t *testing.T) {
	c := loadCluster(t, "bare")
	c.RunUntil(10 * time.Second)
	out, err := c.DeletePodsBySelector("", "app=web", DeleteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pods := deploymentView(t, c.Snapshot(), "web").ReplicaSets[0].Pods
	want := fmt.Sprintf("pod %q deleted from default namespace\npod %q deleted from default namespace", pods[0].Name, pods[1].Name)
	if pods[0].Name > pods[1].Name {
		want = fmt.Sprintf("pod %q deleted from default namespace\npod %q deleted from default namespace", pods[1].Name, pods[0].Name)
	}
	if out != want || len(pods) != 4 {
		t.Errorf("got %q (%d pods)", out, len(pods))
	}
	if out, _ := c.DeletePodsBySelector("", "app=none", DeleteOptions{}); out != "No resources found in default namespace." {
		t.Errorf("no match: %q", out)
	}
}

// A ReplicaSet from a manifest with no Deployment adopts a matching bare
// pod and creates only what is missing.
func TestReplicaSet_AdoptsOrphans(t *testing.T) {
	c := parseCluster(t, `apiVersion: v1
kind: Pod
metadata:
  name: loose
  labels:
    tier: cache
spec:
  containers:
    - name: redis
      image: redis:7
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: cache
spec:
  replicas: 2
  selector:
    matchLabels:
      tier: cache
  template:
    metadata:
      labels:
        tier: cache
    spec:
      containers:
        - name: redis
          image: redis:7
`)
	c.RunUntil(30 * time.Second)
	s := c.Snapshot()
	if len(s.BarePods) != 0 || len(s.ReplicaSets) != 1 || len(s.ReplicaSets[0].Pods) != 2 || s.ReplicaSets[0].Pods[0].Name != "loose" {
		t.Errorf("bare %d, replicasets %+v", len(s.BarePods), s.ReplicaSets)
	}
	if n := len(c.messages(reasonSuccessfulCreate)); n != 1 {
		t.Errorf("created %d pods, want 1", n)
	}
}

// Deleting a Deployment: it and its ReplicaSets go at once; their pods show
// Terminating (owner gone) until they stop, then nothing is left.
func TestCluster_DeleteDeploymentCascades(t *testing.T) {
	c := loadCluster(t, "web3")
	c.RunUntil(10 * time.Second)
	if _, err := c.DeleteDeployment("", "web"); err != nil {
		t.Fatal(err)
	}
	s := c.Snapshot()
	if len(s.Deployments) != 0 || len(s.ReplicaSets) != 0 || len(s.BarePods) != 3 {
		t.Fatalf("right after: %d deployments, %d replicasets, %d pods", len(s.Deployments), len(s.ReplicaSets), len(s.BarePods))
	}
	for _, p := range s.BarePods {
		if p.Status != "Terminating" {
			t.Errorf("%s: %s", p.Name, p.Status)
		}
	}
	c.RunUntil(20 * time.Second)
	if s := c.Snapshot(); len(s.BarePods) != 0 || !s.Idle {
		t.Errorf("left %d pods, idle %v", len(s.BarePods), s.Idle)
	}
}
