package controller

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"

	"podviz/controller/apiserver"
	"podviz/controller/controllerutil"
	deploymentutil "podviz/controller/deployment/util"
)

// TestCluster_RandomActions drives clusters with random action sequences
// and checks, after every action and every clock step:
//   - surge bound: a rolling Deployment's ReplicaSets together want at most
//     R + maxSurge pods (the sum of spec.replicas, as upstream counts);
//   - availability floor: since the last completed rollout, with no pod
//     killed and no scale-up, at least R − maxUnavailable pods are available;
//   - ownership: every ReplicaSet belongs to a live Deployment, every pod to
//     a live ReplicaSet (or is bare), and the owner's selector matches;
//   - the clock and the event log only move forward;
//
// and that the same seed gives the same event log.
func TestCluster_RandomActions(t *testing.T) {
	for seed := uint64(1); seed <= 25; seed++ {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			a := runRandom(t, seed, true)
			b := runRandom(t, seed, false)
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("same seed, different event logs (%d vs %d events)", len(a), len(b))
			}
		})
	}
}

var randomImages = []string{"nginx:1.25", "nginx:1.26", "nginx:1.27", "nginx:latest", "nginx:9.99.9"}

func runRandom(t *testing.T, seed uint64, check bool) []Event {
	r := rand.New(rand.NewPCG(seed, 42))
	manifests := []string{"web3", "surge0", "unavailable100", "web10", "recreate"}
	c := loadCluster(t, manifests[r.IntN(len(manifests))])
	floorValid := false
	var last time.Duration
	verify := func(what string) {
		if !check {
			return
		}
		if c.Elapsed() < last {
			t.Fatalf("%s: clock went back from %v to %v", what, last, c.Elapsed())
		}
		last = c.Elapsed()
		checkInvariants(t, c.Cluster, what, &floorValid)
	}
	for i := 0; i < 40; i++ {
		var what string
		switch r.IntN(8) {
		case 0:
			n := int32(r.IntN(9))
			what = fmt.Sprintf("scale to %d", n)
			if d := c.deploys.Get("default/web"); d != nil && n > deploymentutil.Replicas(d) {
				floorValid = false
			}
			c.Scale("", "web", n)
		case 1:
			img := randomImages[r.IntN(len(randomImages))]
			what = "set image " + img
			c.SetImage("", "web", []ContainerImage{{"*", img}})
		case 2:
			what = "kill a pod"
			if s := c.Snapshot(); len(s.Deployments) > 0 {
				var names []string
				for _, rs := range s.Deployments[0].ReplicaSets {
					for _, p := range rs.Pods {
						names = append(names, p.Name)
					}
				}
				if len(names) > 0 {
					floorValid = false
					c.DeletePod("", names[r.IntN(len(names))], DeleteOptions{})
				}
			}
		case 3:
			what = "undo"
			c.RolloutUndo("", "web", 0)
		case 4:
			what = "pause"
			c.RolloutPause("", "web")
		case 5:
			what = "resume"
			c.RolloutResume("", "web")
		default:
			d := time.Duration(r.IntN(20000)) * time.Millisecond
			what = fmt.Sprintf("advance %v", d)
			target := c.Elapsed() + d
			for {
				at, ok := c.NextTransition()
				if !ok || at > target {
					break
				}
				c.Step()
				verify(what + " (step)")
			}
			c.RunUntil(target)
		}
		verify(what)
	}
	return c.Snapshot().Events
}

func checkInvariants(t *testing.T, c *Cluster, what string, floorValid *bool) {
	t.Helper()
	for _, d := range c.deploys.Items() {
		rss := c.rss.ListOwnedBy(d.UID)
		if deploymentutil.IsRollingUpdate(d) {
			if total, limit := deploymentutil.GetReplicaCountForReplicaSets(rss), deploymentutil.Replicas(d)+deploymentutil.MaxSurge(d); total > limit {
				t.Fatalf("after %s: %s wants %d pods > R %d + surge %d", what, d.Name, total, deploymentutil.Replicas(d), deploymentutil.MaxSurge(d))
			}
			if *floorValid && !d.Spec.Paused {
				if avail, floor := deploymentutil.GetAvailableReplicaCountForReplicaSets(rss), deploymentutil.Replicas(d)-deploymentutil.MaxUnavailable(d); avail < floor {
					t.Fatalf("after %s: %s has %d available < R %d - unavailable %d", what, d.Name, avail, deploymentutil.Replicas(d), deploymentutil.MaxUnavailable(d))
				}
			}
			if deploymentutil.DeploymentComplete(d, &d.Status) {
				*floorValid = true
			}
		}
		for _, rs := range rss {
			if !selectorMatches(d.Spec.Selector, rs.Spec.Template.Labels) {
				t.Fatalf("after %s: %s's selector does not match ReplicaSet %s", what, d.Name, rs.Name)
			}
		}
	}
	for _, rs := range c.rss.Items() {
		if uid := apiserver.ControllerUID(rs); uid != "" && c.deploys.GetByUID(uid) == nil {
			t.Fatalf("after %s: ReplicaSet %s owned by a missing Deployment", what, rs.Name)
		}
	}
	for _, p := range c.pods.Items() {
		uid := apiserver.ControllerUID(p)
		if uid == "" {
			continue
		}
		rs := c.rss.GetByUID(uid)
		if rs == nil {
			t.Fatalf("after %s: pod %s owned by a missing ReplicaSet", what, p.Name)
		}
		sel, _ := metav1.LabelSelectorAsSelector(rs.Spec.Selector)
		if !sel.Matches(labels.Set(p.Labels)) || p.Labels[appsv1.DefaultDeploymentUniqueLabelKey] != rs.Labels[appsv1.DefaultDeploymentUniqueLabelKey] {
			t.Fatalf("after %s: pod %s does not match its ReplicaSet %s", what, p.Name, rs.Name)
		}
	}
	counts := map[types.UID]int{}
	for _, p := range c.pods.Items() {
		if controllerutil.IsPodActive(p) {
			counts[apiserver.ControllerUID(p)]++
		}
	}
	if !reflect.DeepEqual(counts, c.pods.Counts()) {
		t.Fatalf("after %s: active pod counts %v, index says %v", what, counts, c.pods.Counts())
	}
	evs := c.events.List()
	for i := 1; i < len(evs); i++ {
		if evs[i].First < evs[i-1].First {
			t.Fatalf("after %s: event log out of order at %d", what, i)
		}
	}
}

// selectorMatches reports whether a label selector selects the labels.
func selectorMatches(sel *metav1.LabelSelector, l map[string]string) bool {
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil || s.Empty() {
		return false
	}
	return s.Matches(labels.Set(l))
}
