package util

// Tables from kubernetes v1.37 pkg/controller/deployment/util/
// deployment_util_test.go (TestEqualIgnoreHash, TestFindNewReplicaSet,
// TestFindOldReplicaSets), plus FindActiveOrLatest and ownership filters.

import (
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestEqualIgnoreHash(t *testing.T) {
	const hash = appsv1.DefaultDeploymentUniqueLabelKey
	none := map[string]string{}
	tests := []struct {
		name           string
		former, latter corev1.PodTemplateSpec
		want           bool
	}{
		{"Same spec, same labels",
			duTemplate("foo", "foo-node", none, map[string]string{hash: "value-1", "something": "else"}),
			duTemplate("foo", "foo-node", none, map[string]string{hash: "value-1", "something": "else"}), true},
		{"Same spec, only pod-template-hash label value is different",
			duTemplate("foo", "foo-node", none, map[string]string{hash: "value-1", "something": "else"}),
			duTemplate("foo", "foo-node", none, map[string]string{hash: "value-2", "something": "else"}), true},
		{"Same spec, the former doesn't have pod-template-hash label",
			duTemplate("foo", "foo-node", none, map[string]string{"something": "else"}),
			duTemplate("foo", "foo-node", none, map[string]string{hash: "value-2", "something": "else"}), true},
		{"Same spec, the label is different, the former doesn't have pod-template-hash label, same number of labels",
			duTemplate("foo", "foo-node", none, map[string]string{"something": "else"}),
			duTemplate("foo", "foo-node", none, map[string]string{hash: "value-2"}), false},
		{"Same spec, the label is different, the latter doesn't have pod-template-hash label, same number of labels",
			duTemplate("foo", "foo-node", none, map[string]string{hash: "value-1"}),
			duTemplate("foo", "foo-node", none, map[string]string{"something": "else"}), false},
		{"Same spec, the label is different, and the pod-template-hash label value is the same",
			duTemplate("foo", "foo-node", none, map[string]string{hash: "value-1"}),
			duTemplate("foo", "foo-node", none, map[string]string{hash: "value-1", "something": "else"}), false},
		{"Different spec, same labels",
			duTemplate("foo", "foo-node", map[string]string{"former": "value"}, map[string]string{hash: "value-1", "something": "else"}),
			duTemplate("foo", "foo-node", map[string]string{"latter": "value"}, map[string]string{hash: "value-1", "something": "else"}), false},
		{"Different spec, different pod-template-hash label value",
			duTemplate("foo-1", "foo-node", none, map[string]string{hash: "value-1", "something": "else"}),
			duTemplate("foo-2", "foo-node", none, map[string]string{hash: "value-2", "something": "else"}), false},
		{"Different spec, the former doesn't have pod-template-hash label",
			duTemplate("foo-1", "foo-node-1", none, map[string]string{"something": "else"}),
			duTemplate("foo-2", "foo-node-2", none, map[string]string{hash: "value-2", "something": "else"}), false},
		{"Different spec, different labels",
			duTemplate("foo", "foo-node-1", none, map[string]string{"something": "else"}),
			duTemplate("foo", "foo-node-2", none, map[string]string{"nothing": "else"}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(t1, t2 *corev1.PodTemplateSpec, order string) {
				before1, before2 := len(t1.Labels), len(t2.Labels)
				if got := EqualIgnoreHash(t1, t2); got != tt.want {
					t.Errorf("%s: got %v, want %v", order, got, tt.want)
				}
				if t1.Labels == nil || t2.Labels == nil || len(t1.Labels) != before1 || len(t2.Labels) != before2 {
					t.Errorf("%s: labels were modified", order)
				}
			}
			check(&tt.former, &tt.latter, "in order")
			check(&tt.latter, &tt.former, "reverse order")
		})
	}
}

// duTemplateFixtures builds upstream's FindNewReplicaSet/FindOldReplicaSets
// fixtures: newRS (later, hash "hash"), newRSDup (now, "different-hash"),
// both with the Deployment's template, and oldRS with a renamed container.
func duTemplateFixtures() (d *appsv1.Deployment, newRS, newRSDup, oldRS *appsv1.ReplicaSet, now metav1.Time) {
	now = metav1.NewTime(duEpoch)
	d = duImageDeployment("nginx")
	newRS = duRSFor(d, "new")
	newRS.Spec.Template.Labels = map[string]string{"name": "nginx", appsv1.DefaultDeploymentUniqueLabelKey: "hash"}
	newRS.CreationTimestamp = metav1.NewTime(duEpoch.Add(time.Minute))
	newRSDup = duRSFor(d, "dup")
	newRSDup.Spec.Template.Labels = map[string]string{"name": "nginx", appsv1.DefaultDeploymentUniqueLabelKey: "different-hash"}
	newRSDup.CreationTimestamp = now
	old := duImageDeployment("nginx")
	old.Spec.Template.Spec.Containers[0].Name = "nginx-old-1"
	oldRS = duRSFor(old, "old")
	return d, newRS, newRSDup, oldRS, now
}

func TestFindNewReplicaSet(t *testing.T) {
	d, newRS, newRSDup, oldRS, _ := duTemplateFixtures()
	tests := []struct {
		name   string
		rsList []*appsv1.ReplicaSet
		want   *appsv1.ReplicaSet
	}{
		{"Get new ReplicaSet with the same template as Deployment spec but different pod-template-hash value", []*appsv1.ReplicaSet{newRS, oldRS}, newRS},
		{"Get the oldest new ReplicaSet when there are more than one ReplicaSet with the same template", []*appsv1.ReplicaSet{newRS, oldRS, newRSDup}, newRSDup},
		{"Get nil new ReplicaSet", []*appsv1.ReplicaSet{oldRS}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FindNewReplicaSet(d, tt.rsList); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFindOldReplicaSets(t *testing.T) {
	d, newRS, newRSDup, oldRS, now := duTemplateFixtures()
	newRS.Spec.Replicas = duInt32(1)
	oldRS.CreationTimestamp = metav1.NewTime(now.Add(-time.Minute))
	tests := []struct {
		name        string
		rsList      []*appsv1.ReplicaSet
		wantAll     []*appsv1.ReplicaSet
		wantRequire []*appsv1.ReplicaSet
	}{
		{"Get old ReplicaSets", []*appsv1.ReplicaSet{newRS, oldRS}, []*appsv1.ReplicaSet{oldRS}, nil},
		{"Get old ReplicaSets with no new ReplicaSet", []*appsv1.ReplicaSet{oldRS}, []*appsv1.ReplicaSet{oldRS}, nil},
		{"Get old ReplicaSets with two new ReplicaSets, only the oldest new ReplicaSet is seen as new ReplicaSet",
			[]*appsv1.ReplicaSet{oldRS, newRS, newRSDup}, []*appsv1.ReplicaSet{oldRS, newRS}, []*appsv1.ReplicaSet{newRS}},
		{"Get empty old ReplicaSets", []*appsv1.ReplicaSet{newRS}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require, all := FindOldReplicaSets(d, tt.rsList)
			if !sameRSs(all, tt.wantAll) {
				t.Errorf("all old %v, want %v", all, tt.wantAll)
			}
			if !sameRSs(require, tt.wantRequire) {
				t.Errorf("old with replicas %v, want %v", require, tt.wantRequire)
			}
		})
	}
}

func TestFindActiveOrLatest(t *testing.T) {
	older, newer := metav1.NewTime(duEpoch), metav1.NewTime(duEpoch.Add(time.Hour))
	tests := []struct {
		name   string
		newRS  *appsv1.ReplicaSet
		oldRSs []*appsv1.ReplicaSet
		want   string // "" for nil
	}{
		{"nothing at all: nil", nil, nil, ""},
		{"only the new one is active", duRS("new", 3, newer), []*appsv1.ReplicaSet{duRS("old", 0, older)}, "new"},
		{"only an old one is active", duRS("new", 0, newer), []*appsv1.ReplicaSet{duRS("old", 2, older)}, "old"},
		{"none active: the new one", duRS("new", 0, newer), []*appsv1.ReplicaSet{duRS("old", 0, older)}, "new"},
		{"none active and no new one: the newest old one", nil, []*appsv1.ReplicaSet{duRS("older", 0, older), duRS("newer", 0, newer)}, "newer"},
		{"two active: nil (proportional scaling decides)", duRS("new", 1, newer), []*appsv1.ReplicaSet{duRS("old", 2, older)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindActiveOrLatest(tt.newRS, tt.oldRSs)
			name := ""
			if got != nil {
				name = got.Name
			}
			if name != tt.want {
				t.Errorf("got %q, want %q", name, tt.want)
			}
		})
	}
}

func TestListReplicaSetsOwnedBy(t *testing.T) {
	d := duImageDeployment("web")
	other := duImageDeployment("api")
	mine := duRSFor(d, "a")
	theirs := duRSFor(other, "b")
	notController := duRSFor(d, "c")
	notController.OwnerReferences[0].Controller = nil
	orphan := duRS("orphan", 1, duNoTimestamp)

	got := ListReplicaSetsOwnedBy(d, []*appsv1.ReplicaSet{mine, theirs, notController, orphan})
	if !sameRSs(got, []*appsv1.ReplicaSet{mine}) {
		t.Errorf("got %v, want only %s", got, mine.Name)
	}

	isController := true
	pod := func(name string, owner *appsv1.ReplicaSet) *corev1.Pod {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name}}
		if owner != nil {
			p.OwnerReferences = []metav1.OwnerReference{{Kind: "ReplicaSet", Name: owner.Name, UID: owner.UID, Controller: &isController}}
		}
		return p
	}
	pods := ListPodsOwnedBy([]*appsv1.ReplicaSet{mine}, []*corev1.Pod{pod("p1", mine), pod("p2", theirs), pod("bare", nil)})
	if len(pods) != 1 || pods[0].Name != "p1" {
		t.Errorf("pods %v, want [p1]", pods)
	}
}

func TestSetFromReplicaSetTemplate(t *testing.T) {
	d := duImageDeployment("nginx")
	rs := duRSFor(d, "x")
	rs.Spec.Template.Labels = map[string]string{"name": "nginx", appsv1.DefaultDeploymentUniqueLabelKey: "abc"}
	rs.Spec.Template.Spec.Containers[0].Image = "nginx:1.25"
	SetFromReplicaSetTemplate(d, rs.Spec.Template)
	if _, ok := d.Spec.Template.Labels[appsv1.DefaultDeploymentUniqueLabelKey]; ok {
		t.Error("hash label copied into the Deployment")
	}
	if d.Spec.Template.Spec.Containers[0].Image != "nginx:1.25" || !EqualIgnoreHash(&d.Spec.Template, &rs.Spec.Template) {
		t.Error("template not copied")
	}
	if rs.Spec.Template.Labels[appsv1.DefaultDeploymentUniqueLabelKey] != "abc" {
		t.Error("ReplicaSet modified")
	}
}

// sameRSs compares two lists of ReplicaSets by identity, in order; nil and
// empty are the same.
func sameRSs(a, b []*appsv1.ReplicaSet) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
