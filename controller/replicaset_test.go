package controller

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"podviz/model"
)

// probedReplicas is a Deployment or a bare ReplicaSet "web" of N nginx
// pods whose readiness probe waits 20 s, so a pod is Running but not ready
// for its first 20 s.
func probedReplicas(kind string, replicas int) string {
	return fmt.Sprintf(`apiVersion: apps/v1
kind: %s
metadata:
  name: web
spec:
  replicas: %d
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
          readinessProbe:
            httpGet:
              path: /
              port: 80
            initialDelaySeconds: 20
`, kind, replicas)
}

// TestReplicaSet_ScaleDownDeletesByRank drives the live scale-down path:
// five pods, each told apart by one rule of ActivePodsWithRanks, scaled
// down, and the deleted pods read from the SuccessfulDelete events.
//
//	old1, old2  created at 0s, ready since about 24s
//	young       created at 60s, ready since about 81s (a younger log2 bucket)
//	notReady    created at 90s, Running, its probe not passed yet at 100s
//	unassigned  created at 100s, the scale-down's own instant: not yet bound
//	            to the node (Pending, no node)
//
// Upstream deletes the unassigned pod first, then the not-ready one, then
// the one ready for the shortest time.
func TestReplicaSet_ScaleDownDeletesByRank(t *testing.T) {
	for _, kind := range []string{"Deployment", "ReplicaSet"} {
		for _, tc := range []struct {
			to   int32
			want []string
		}{
			{4, []string{"unassigned"}},
			{3, []string{"unassigned", "notReady"}},
			{2, []string{"unassigned", "notReady", "young"}},
		} {
			t.Run(fmt.Sprintf("%s 5 -> %d", kind, tc.to), func(t *testing.T) {
				c := parseCluster(t, probedReplicas(kind, 2))
				scaleTo := func(n int) {
					t.Helper()
					var err error
					if kind == "Deployment" {
						_, err = c.Scale("", "web", int32(n))
					} else {
						var objs *model.Objects
						objs, err = model.Parse("web.yaml", []byte(probedReplicas(kind, n)), nil)
						if err == nil {
							_, err = c.Apply(objs)
						}
					}
					if err != nil {
						t.Fatal(err)
					}
				}
				c.RunUntil(60 * time.Second)
				scaleTo(3)
				c.RunUntil(90 * time.Second)
				scaleTo(4)
				c.RunUntil(100 * time.Second)
				scaleTo(5)

				// Name the pods by their creation, and check they are as
				// described above before the scale-down.
				created := c.messages(reasonSuccessfulCreate)
				if len(created) != 5 {
					t.Fatalf("want 5 pods created, got %q", created)
				}
				role := map[string]string{}
				names := map[string]string{}
				for i, r := range []string{"old1", "old2", "young", "notReady", "unassigned"} {
					name := strings.TrimPrefix(created[i], "Created pod: ")
					role[name], names[r] = r, name
				}
				pods := map[string]PodView{}
				for _, p := range allPodViews(c.Snapshot()) {
					pods[role[p.Name]] = p
				}
				for r, want := range map[string]struct {
					ready bool
					node  string
				}{
					"old1": {true, NodeName}, "old2": {true, NodeName}, "young": {true, NodeName},
					"notReady": {false, NodeName}, "unassigned": {false, ""},
				} {
					if p := pods[r]; p.Ready != want.ready || p.Node != want.node {
						t.Fatalf("%s (%s): ready %v on %q, want ready %v on %q", r, names[r], p.Ready, p.Node, want.ready, want.node)
					}
				}
				if p := pods["notReady"]; p.Phase != "Running" {
					t.Fatalf("notReady is %s, want Running", p.Phase)
				}

				deletedBefore := len(c.messages(reasonSuccessfulDelete))
				scaleTo(int(tc.to))
				var got []string
				for _, m := range c.messages(reasonSuccessfulDelete)[deletedBefore:] {
					got = append(got, role[strings.TrimPrefix(m, "Deleted pod: ")])
				}
				slices.Sort(got)
				want := slices.Clone(tc.want)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("deleted %q, want %q", got, want)
				}
			})
		}
	}
}

// allPodViews is every pod of the snapshot.
func allPodViews(s *Snapshot) []PodView {
	var out []PodView
	for _, d := range s.Deployments {
		for _, rs := range d.ReplicaSets {
			out = append(out, rs.Pods...)
		}
	}
	for _, rs := range s.ReplicaSets {
		out = append(out, rs.Pods...)
	}
	return append(out, s.BarePods...)
}
