package util

// Which ReplicaSet runs a Deployment's current template, and which are old.
// Mirrors kubernetes v1.37 pkg/controller/deployment/util/deployment_util.go
// (EqualIgnoreHash, FindNewReplicaSet, FindOldReplicaSets, FindActiveOrLatest,
// ListReplicaSets' ownership filter).

import (
	"sort"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"podviz/controller/controllerutil"
)

// EqualIgnoreHash reports whether two pod templates are semantically equal
// once the pod-template-hash label is removed from both. The Deployment's
// template never carries the hash and a ReplicaSet's always does, so this is
// how a rollback finds the ReplicaSet it reuses. "Semantically" is
// apimachinery's equality: nil and empty maps/slices are equal, quantities
// compare by value. Neither argument is modified.
func EqualIgnoreHash(t1, t2 *corev1.PodTemplateSpec) bool {
	c1, c2 := t1.DeepCopy(), t2.DeepCopy()
	delete(c1.Labels, appsv1.DefaultDeploymentUniqueLabelKey)
	delete(c2.Labels, appsv1.DefaultDeploymentUniqueLabelKey)
	return equality.Semantic.DeepEqual(c1, c2)
}

// FindNewReplicaSet returns the ReplicaSet whose template equals the
// Deployment's (ignoring the hash), or nil. If several do (possible after
// upgrades, kubernetes#40415) the oldest wins, so rsList is sorted in place
// by creation time, as upstream does.
func FindNewReplicaSet(d *appsv1.Deployment, rsList []*appsv1.ReplicaSet) *appsv1.ReplicaSet {
	sort.Sort(controllerutil.ReplicaSetsByCreationTimestamp(rsList))
	for _, rs := range rsList {
		if EqualIgnoreHash(&rs.Spec.Template, &d.Spec.Template) {
			return rs
		}
	}
	return nil
}

// FindOldReplicaSets splits off everything but the new ReplicaSet: old are
// those with spec.replicas ≠ 0 (they still hold pods), allOld all of them
// (for history and cleanup). Both keep rsList's order, which
// FindNewReplicaSet leaves sorted by creation time.
func FindOldReplicaSets(d *appsv1.Deployment, rsList []*appsv1.ReplicaSet) (old, allOld []*appsv1.ReplicaSet) {
	newRS := FindNewReplicaSet(d, rsList)
	for _, rs := range rsList {
		if newRS != nil && rs.UID == newRS.UID {
			continue
		}
		allOld = append(allOld, rs)
		if RSReplicas(rs) != 0 {
			old = append(old, rs)
		}
	}
	return old, allOld
}

// FindActiveOrLatest returns the one ReplicaSet that should hold all of a
// Deployment's replicas when a scale needs no proportions: the only active
// one (spec.replicas > 0); if none is active, newRS, or else the newest old
// one; nil when two or more are active (proportional scaling then decides).
// oldRSs is sorted newest first in place, as upstream does.
func FindActiveOrLatest(newRS *appsv1.ReplicaSet, oldRSs []*appsv1.ReplicaSet) *appsv1.ReplicaSet {
	if newRS == nil && len(oldRSs) == 0 {
		return nil
	}
	sort.Sort(sort.Reverse(controllerutil.ReplicaSetsByCreationTimestamp(oldRSs)))
	all := make([]*appsv1.ReplicaSet, 0, len(oldRSs)+1)
	all = append(all, oldRSs...)
	active := controllerutil.FilterActiveReplicaSets(append(all, newRS))
	switch len(active) {
	case 0:
		if newRS != nil {
			return newRS
		}
		return oldRSs[0]
	case 1:
		return active[0]
	default:
		return nil
	}
}

// IsControlledByUID reports whether obj's controller ownerReference (the one
// with controller: true) points at uid. Only that reference confers
// ownership; a plain ownerReference does not.
func IsControlledByUID(obj metav1.Object, uid types.UID) bool {
	ref := metav1.GetControllerOfNoCopy(obj)
	return ref != nil && ref.UID == uid
}

// ListReplicaSetsOwnedBy keeps, in order, the ReplicaSets whose controller
// ownerReference is the Deployment (by UID). Upstream lists by the
// Deployment's selector first; in podviz the owner check alone decides,
// because a ReplicaSet a Deployment controls always matches its selector.
// Mirrors deployment_util.go ListReplicaSets' filter.
func ListReplicaSetsOwnedBy(d *appsv1.Deployment, rsList []*appsv1.ReplicaSet) []*appsv1.ReplicaSet {
	var out []*appsv1.ReplicaSet
	for _, rs := range rsList {
		if IsControlledByUID(rs, d.UID) {
			out = append(out, rs)
		}
	}
	return out
}

// ListPodsOwnedBy keeps, in order, the pods whose controller ownerReference
// is one of the given ReplicaSets (by UID): a Deployment's pods are its
// ReplicaSets' pods. Mirrors deployment_util.go ListPods' filter.
func ListPodsOwnedBy(rsList []*appsv1.ReplicaSet, pods []*corev1.Pod) []*corev1.Pod {
	owners := make(map[types.UID]bool, len(rsList))
	for _, rs := range rsList {
		owners[rs.UID] = true
	}
	var out []*corev1.Pod
	for _, p := range pods {
		if ref := metav1.GetControllerOfNoCopy(p); ref != nil && owners[ref.UID] {
			out = append(out, p)
		}
	}
	return out
}

// SetFromReplicaSetTemplate copies a ReplicaSet's template into the
// Deployment without the pod-template-hash label: what a rollback writes.
// Mirrors deployment_util.go SetFromReplicaSetTemplate.
func SetFromReplicaSetTemplate(d *appsv1.Deployment, template corev1.PodTemplateSpec) {
	t := template.DeepCopy()
	d.Spec.Template.ObjectMeta = t.ObjectMeta
	d.Spec.Template.Spec = t.Spec
	if len(t.Labels) > 0 {
		labels := make(map[string]string, len(t.Labels))
		for k, v := range t.Labels {
			if k != appsv1.DefaultDeploymentUniqueLabelKey {
				labels[k] = v
			}
		}
		d.Spec.Template.Labels = labels
	}
}
