package controller

import (
	"strings"
	"testing"
	"time"

	"podviz/model"
)

// The container model's notices: one per distinct (container, message),
// naming the first pod that raised it and counting the pods; a container
// that restarts (its new process warns again) adds nothing.
func TestSnapshot_Notices(t *testing.T) {
	const yaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: app
          image: busybox:1.36
          command: ["sh", "-c", "if then"]
        - name: side
          image: busybox:1.36
          command: ["sh", "-c", "nc -l -p 8080 & sleep infinity"]
`
	objs, err := model.Parse("notices.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(objs, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	c.RunUntil(3 * time.Minute)
	snap := c.Snapshot()
	pods := snap.Deployments[0].ReplicaSets[0].Pods
	if pods[0].Restarts < 2 {
		t.Fatalf("the app container should crash-loop: %d restarts", pods[0].Restarts)
	}
	if len(snap.Notices) != 2 || snap.NoticesDropped != 0 {
		t.Fatalf("notices %+v (dropped %d), want 2", snap.Notices, snap.NoticesDropped)
	}
	for i, want := range []struct{ container, message string }{
		{"app", "sh: the script does not parse"},
		{"side", "sh: a background job (&) is not modelled"},
	} {
		n := snap.Notices[i]
		if n.Container != want.container || !strings.HasPrefix(n.Message, want.message) || n.Pods != 3 || n.Namespace != "default" || !strings.HasPrefix(n.Pod, "web-") {
			t.Errorf("notice %d: %+v, want %s: %s… raised by 3 pods", i, n, want.container, want.message)
		}
	}
}
