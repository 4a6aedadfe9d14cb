package deployment

import (
	"reflect"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"podviz/controller/apiserver"
)

// TestDeploymentController_scaleDownOldReplicaSetsForRecreate: every old
// ReplicaSet with replicas goes to 0 at once, one event each.
func TestDeploymentController_scaleDownOldReplicaSetsForRecreate(t *testing.T) {
	tests := []struct {
		name string
		olds []rsSize
		// expectations
		wantScaled bool
		wantEvents []string
	}{
		{name: "one old at 3: 3 -> 0", olds: []rsSize{{"foo-1", 3}},
			wantScaled: true, wantEvents: []string{"Scaled down replica set foo-1 from 3 to 0"}},
		{name: "old at 0 and 2: only the 2 -> 0", olds: []rsSize{{"foo-1", 0}, {"foo-2", 2}},
			wantScaled: true, wantEvents: []string{"Scaled down replica set foo-2 from 2 to 0"}},
		{name: "old at 0: nothing to do", olds: []rsSize{{"foo-1", 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.createDeployment(recreate(newDeployment("foo", 3, 0, 0)))
			var olds []*appsv1.ReplicaSet
			for i, o := range tt.olds {
				olds = append(olds, f.createRS(d, o.name, o.replicas, o.replicas, time.Duration(i)*time.Minute))
			}

			scaled := f.dc.scaleDownOldReplicaSetsForRecreate(sync(d), olds)

			if scaled != tt.wantScaled {
				t.Errorf("scaled %v, want %v", scaled, tt.wantScaled)
			}
			for _, o := range tt.olds {
				if got := *f.rss.GetNamespaced("default", o.name).Spec.Replicas; got != 0 {
					t.Errorf("%s: %d replicas, want 0", o.name, got)
				}
			}
			if got := f.scalingEvents(); !reflect.DeepEqual(got, tt.wantEvents) {
				t.Errorf("events %q, want %q", got, tt.wantEvents)
			}
		})
	}
}

// TestDeploymentController_oldPodsRunning: what a Recreate rollout waits
// for — every pod of an old ReplicaSet not Succeeded or Failed
// (terminating ones included), or the old status replicas if more
// (upstream's TestOldPodsRunning, as counts).
func TestDeploymentController_oldPodsRunning(t *testing.T) {
	tests := []struct {
		name           string
		statusReplicas int32
		phases         []corev1.PodPhase
		terminating    int
		// expectations
		want int32
	}{
		{name: "no pods, status 0: 0", want: 0},
		{name: "2 running pods: 2", statusReplicas: 2, phases: []corev1.PodPhase{corev1.PodRunning, corev1.PodRunning}, want: 2},
		{name: "no pods seen yet, status 3: 3", statusReplicas: 3, want: 3},
		{name: "status 0, pods Succeeded and Failed: 0", phases: []corev1.PodPhase{corev1.PodSucceeded, corev1.PodFailed}, want: 0},
		{name: "status 0, pods Pending, Unknown and Running: 3", phases: []corev1.PodPhase{corev1.PodPending, corev1.PodUnknown, corev1.PodRunning}, want: 3},
		{name: "status 0, 2 terminating Running pods: 2", phases: []corev1.PodPhase{corev1.PodRunning, corev1.PodRunning}, terminating: 2, want: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.createDeployment(recreate(newDeployment("foo", 3, 0, 0)))
			old := f.createRS(d, "foo-1", 0, 0, 0)
			old.Status.Replicas = tt.statusReplicas
			for i, ph := range tt.phases {
				p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: old.Name + "-" + string(rune('a'+i)),
					OwnerReferences: []metav1.OwnerReference{apiserver.NewControllerRef(old.Name, old.UID, "ReplicaSet", "apps/v1")}},
					Status: corev1.PodStatus{Phase: ph}}
				if i < tt.terminating {
					p.DeletionTimestamp = &metav1.Time{Time: f.clock.Now().Add(30 * time.Second)}
				}
				if err := f.pods.Create(p); err != nil {
					t.Fatal(err)
				}
			}

			got := f.dc.oldPodsRunning(nil, []*appsv1.ReplicaSet{old})

			if got != tt.want {
				t.Errorf("%d old pods running, want %d", got, tt.want)
			}
		})
	}
}

// TestDeploymentController_rolloutRecreate: a template change scales the
// old ReplicaSet 3 -> 0 and waits, saying for what, while its pods are
// there; once they are gone the new ReplicaSet is created at 3.
func TestDeploymentController_rolloutRecreate(t *testing.T) {
	f := newFixture(t)
	d := f.createDeployment(recreate(newDeployment("foo", 3, 0, 0)))
	old := f.createRS(d, "foo-1", 3, 3, 0)
	d.Spec.Template.Spec.Containers[0].Image = "nginx:1.28"
	f.deploys.UpdateSpec(d)

	f.run()

	if got := *old.Spec.Replicas; got != 0 || f.rss.Len() != 1 {
		t.Fatalf("old at %d, %d ReplicaSets; want 0, 1 (the new one waits)", got, f.rss.Len())
	}
	if got, want := f.dc.Decision("default/foo").Reason, "Recreate: waiting for 3 old pods to terminate"; got != want {
		t.Fatalf("reason %q, want %q", got, want)
	}

	// The replicaset controller's part: the old pods are gone.
	old.Status = appsv1.ReplicaSetStatus{ObservedGeneration: old.Generation}
	f.rss.UpdateStatus(old)
	f.run()

	var newRS *appsv1.ReplicaSet
	for _, rs := range f.rss.List() {
		if rs.Name != "foo-1" {
			newRS = rs
		}
	}
	if newRS == nil || *newRS.Spec.Replicas != 3 {
		t.Fatalf("new ReplicaSet %v, want one at 3", newRS)
	}
	want := []string{"Scaled down replica set foo-1 from 3 to 0", "Scaled up replica set " + newRS.Name + " from 0 to 3"}
	if got := f.scalingEvents(); !reflect.DeepEqual(got, want) {
		t.Fatalf("events %q, want %q", got, want)
	}
}
