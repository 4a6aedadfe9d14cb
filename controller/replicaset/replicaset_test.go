package replicaset

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"podviz/controller/apiserver"
)

func pendingPods(prefix string, n int) []*corev1.Pod {
	out := make([]*corev1.Pod, n)
	for i := range out {
		out[i] = newPod(fmt.Sprintf("%s-%03d", prefix, i), "web")
	}
	return out
}

// TestReplicaSetController_syncReplicaSet: a sync adopts matching orphans,
// then creates or deletes the difference between spec.replicas and the
// active pods, recording an event per pod (replica_set.go
// manageReplicas; upstream's TestSyncReplicaSetCreates / ...Deletes /
// ...Dormancy, as arithmetic).
func TestReplicaSetController_syncReplicaSet(t *testing.T) {
	terminating := newPod("web-leaving", "web")
	terminating.DeletionTimestamp = &metav1.Time{Time: time.Date(2024, 12, 1, 0, 0, 30, 0, time.UTC)}
	elsewhere := newPod("web-elsewhere", "web")
	elsewhere.Namespace = "other"
	tests := []struct {
		name     string
		replicas int32
		owned    []*corev1.Pod
		orphans  []*corev1.Pod
		// expectations
		wantActive  int
		wantReasons []string
		wantDeleted []string // sorted
		wantAdopted []string
	}{
		{name: "3 replicas, 0 pods: 3 created", replicas: 3,
			wantActive: 3, wantReasons: []string{"Normal SuccessfulCreate x3"}},
		{name: "2 replicas, 2 pods: nothing to do", replicas: 2,
			owned:      []*corev1.Pod{readyPod("web-a", "web", 0), readyPod("web-b", "web", 0)},
			wantActive: 2},
		{name: "2 replicas, 5 pods (2 ready, 3 pending): the 3 pending deleted", replicas: 2,
			owned: []*corev1.Pod{readyPod("web-a", "web", 0), readyPod("web-b", "web", 0),
				newPod("web-c", "web"), newPod("web-d", "web"), newPod("web-e", "web")},
			wantActive: 2, wantReasons: []string{"Normal SuccessfulDelete x3"},
			wantDeleted: []string{"Deleted pod: web-c", "Deleted pod: web-d", "Deleted pod: web-e"}},
		{name: "1 replica, 3 ready for 100s, 10s and 1s: the 2 ready for less time deleted", replicas: 1,
			owned:      []*corev1.Pod{readyPod("web-a", "web", 0), readyPod("web-b", "web", 90*time.Second), readyPod("web-c", "web", 99*time.Second)},
			wantActive: 1, wantReasons: []string{"Normal SuccessfulDelete x2"},
			wantDeleted: []string{"Deleted pod: web-b", "Deleted pod: web-c"}},
		{name: "3 replicas, 1 matching orphan: adopted, 3 - 1 = 2 created", replicas: 3,
			orphans:    []*corev1.Pod{readyPod("web-orphan", "web", 0)},
			wantActive: 3, wantReasons: []string{"Normal SuccessfulCreate x2"}, wantAdopted: []string{"web-orphan"}},
		{name: "1 replica, orphans of another app, terminating, in another namespace: none adopted, 1 created", replicas: 1,
			orphans:    []*corev1.Pod{readyPod("db-a", "db", 0), terminating, elsewhere},
			wantActive: 1, wantReasons: []string{"Normal SuccessfulCreate x1"}},
		{name: "501 replicas, 0 pods: a burst of 500 and 1 more, 501 created in one sync", replicas: 501,
			wantActive: 501, wantReasons: []string{"Normal SuccessfulCreate x501"}},
		{name: "0 replicas, 502 pods: 500 deleted, then 2 on the requeue", replicas: 0,
			owned:      pendingPods("web", 502),
			wantActive: 0, wantReasons: []string{"Normal SuccessfulDelete x502"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, apiserver.Strategy[*corev1.Pod]{})
			f.clock.MoveTo(100 * time.Second)
			rs := newReplicaSet("web", tt.replicas, nil)
			f.create(rs)
			for _, p := range tt.owned {
				f.create(ownPod(p.DeepCopy(), rs))
			}
			for _, p := range tt.orphans {
				f.create(p.DeepCopy())
			}

			f.run()

			if got := len(f.activePods(rs)); got != tt.wantActive {
				t.Errorf("active pods: %d, want %d", got, tt.wantActive)
			}
			if got := f.reasons(); !reflect.DeepEqual(got, tt.wantReasons) && len(got)+len(tt.wantReasons) > 0 {
				t.Errorf("events: %v, want %v", got, tt.wantReasons)
			}
			if tt.wantDeleted != nil {
				got := f.messages("SuccessfulDelete")
				sort.Strings(got)
				if !reflect.DeepEqual(got, tt.wantDeleted) {
					t.Errorf("deleted: %v, want %v", got, tt.wantDeleted)
				}
			}
			for _, name := range tt.wantAdopted {
				if p := f.pods.GetNamespaced("default", name); apiserver.ControllerUID(p) != rs.UID {
					t.Errorf("%s not adopted: owners %v", name, p.OwnerReferences)
				}
			}
			if rs.Status.Replicas != int32(tt.wantActive) || rs.Status.ObservedGeneration != rs.Generation {
				t.Errorf("status: replicas %d, observedGeneration %d; want %d, %d", rs.Status.Replicas, rs.Status.ObservedGeneration, tt.wantActive, rs.Generation)
			}
		})
	}
}

// TestReplicaSetController_updateReplicaSetStatus: the status counts
// active pods only (a terminating one apart), ready ones, available ones
// (ready for minReadySeconds), those carrying every template label; a
// ready pod not yet available is re-checked when it becomes so.
func TestReplicaSetController_updateReplicaSetStatus(t *testing.T) {
	type counts struct{ replicas, labeled, ready, available, terminating int32 }
	tests := []struct {
		name     string
		minReady int32
		owned    []*corev1.Pod
		orphans  []*corev1.Pod
		// expectations: now (at 20s) and after 10s more
		want, wantLater counts
	}{
		{name: "minReadySeconds 10 at 20s: ready at 5s is available, ready at 15s from 25s",
			minReady:  10,
			owned:     []*corev1.Pod{readyPod("web-a", "web", 5*time.Second), readyPod("web-b", "web", 15*time.Second), newPod("web-c", "web")},
			want:      counts{replicas: 3, labeled: 3, ready: 2, available: 1},
			wantLater: counts{replicas: 3, labeled: 3, ready: 2, available: 2}},
		{name: "minReadySeconds 0: ready is available",
			owned:     []*corev1.Pod{readyPod("web-a", "web", 15*time.Second), readyPod("web-b", "web", 15*time.Second), newPod("web-c", "web")},
			want:      counts{replicas: 3, labeled: 3, ready: 2, available: 2},
			wantLater: counts{replicas: 3, labeled: 3, ready: 2, available: 2}},
		{name: "an adopted orphan without the template's tier label: 3 replicas, 2 fully labeled",
			orphans:   []*corev1.Pod{readyPod("web-orphan", "web", 0)},
			want:      counts{replicas: 3, labeled: 2, ready: 1, available: 1},
			wantLater: counts{replicas: 3, labeled: 2, ready: 1, available: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, apiserver.Strategy[*corev1.Pod]{})
			f.clock.MoveTo(20 * time.Second)
			rs := newReplicaSet("web", 3, map[string]string{"tier": "fe"})
			rs.Spec.MinReadySeconds = tt.minReady
			f.create(rs)
			for _, p := range tt.owned {
				p = ownPod(p.DeepCopy(), rs)
				p.Labels["tier"] = "fe"
				f.create(p)
			}
			for _, p := range tt.orphans {
				f.create(p.DeepCopy())
			}
			status := func() counts {
				st := rs.Status
				var term int32
				if st.TerminatingReplicas != nil {
					term = *st.TerminatingReplicas
				}
				return counts{st.Replicas, st.FullyLabeledReplicas, st.ReadyReplicas, st.AvailableReplicas, term}
			}

			f.run()
			got := status()
			f.advance(10 * time.Second)
			later := status()

			if got != tt.want {
				t.Errorf("at 20s: %+v, want %+v", got, tt.want)
			}
			if later != tt.wantLater {
				t.Errorf("at 30s: %+v, want %+v", later, tt.wantLater)
			}
		})
	}
}

// TestReplicaSetController_terminatingPods: scaling 3 -> 1 marks two pods
// deleting (graceful: they stay until the kubelet removes them); they
// leave status.replicas for status.terminatingReplicas, and no pod is
// created to replace them.
func TestReplicaSetController_terminatingPods(t *testing.T) {
	f := newFixture(t, apiserver.Strategy[*corev1.Pod]{})
	rs := newReplicaSet("web", 3, nil)
	f.create(rs)
	for _, n := range []string{"web-a", "web-b", "web-c"} {
		f.create(ownPod(readyPod(n, "web", 0), rs))
	}
	f.run()
	*rs.Spec.Replicas = 1
	f.rss.UpdateSpec(rs)

	f.run()

	if f.pods.Len() != 3 || len(f.activePods(rs)) != 1 {
		t.Fatalf("%d pods stored, %d active; want 3 (2 terminating), 1", f.pods.Len(), len(f.activePods(rs)))
	}
	if rs.Status.Replicas != 1 || rs.Status.TerminatingReplicas == nil || *rs.Status.TerminatingReplicas != 2 {
		t.Fatalf("status: replicas %d, terminating %v; want 1, 2", rs.Status.Replicas, rs.Status.TerminatingReplicas)
	}
	if got := f.reasons(); !reflect.DeepEqual(got, []string{"Normal SuccessfulDelete x2"}) {
		t.Fatalf("events: %v", got)
	}
}

// TestReplicaSetController_createRefused: when the apiserver refuses a
// pod, the controller records upstream's FailedCreate Warning with the
// apiserver's words and stops creating in that sync (slowStartBatch stops
// at the first error); nothing is stored.
func TestReplicaSetController_createRefused(t *testing.T) {
	refuse := apiserver.Strategy[*corev1.Pod]{Validate: func(*corev1.Pod) field.ErrorList {
		return field.ErrorList{field.Forbidden(field.NewPath("spec"), "refused by the test")}
	}}
	f := newFixture(t, refuse)
	rs := newReplicaSet("web", 3, nil)
	f.create(rs)

	f.run()

	if f.pods.Len() != 0 || rs.Status.Replicas != 0 {
		t.Fatalf("%d pods stored, status replicas %d; want 0, 0", f.pods.Len(), rs.Status.Replicas)
	}
	if got := f.reasons(); !reflect.DeepEqual(got, []string{"Warning FailedCreate x1"}) {
		t.Fatalf("events: %v, want one FailedCreate", got)
	}
	msg := f.messages("FailedCreate")[0]
	if !strings.HasPrefix(msg, `Error creating: The Pod "web-`) || !strings.HasSuffix(msg, `" is invalid: spec: Forbidden: refused by the test`) {
		t.Fatalf("message %q", msg)
	}
}
