package controller

import (
	"cmp"
	"slices"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"podviz/controller/deployment"
	deploymentutil "podviz/controller/deployment/util"
)

// Observed is a cluster as a client sees it: the objects its informers
// hold at one wall-clock instant, and the events it read (oldest first).
type Observed struct {
	Now         time.Time
	Deployments []*appsv1.Deployment
	ReplicaSets []*appsv1.ReplicaSet
	Pods        []*corev1.Pod
	Events      []Event
	// EventsDropped counts the events left out of Events (a bounded read).
	EventsDropped uint64
}

// SnapshotOf builds the Snapshot of observed objects, as Snapshot builds
// it from the simulation's store: the same views, owners found through
// controller ownerReferences, ReplicaSets and pods oldest first
// (creationTimestamp, then name: a real uid says nothing of order), and
// each Deployment's Decision from its objects (deployment.ObservedDecision).
// Times are wall-clock instants measured from Epoch, so ages print as
// kubectl prints them. A real cluster has no virtual clock: the snapshot
// is Idle.
func SnapshotOf(o Observed) *Snapshot {
	s := &Snapshot{Elapsed: o.Now.Sub(Epoch), Now: o.Now, Idle: true}
	rsByUID := make(map[types.UID]*appsv1.ReplicaSet, len(o.ReplicaSets))
	dByUID := make(map[types.UID]*appsv1.Deployment, len(o.Deployments))
	for _, d := range o.Deployments {
		dByUID[d.UID] = d
	}
	rsOf := map[types.UID][]*appsv1.ReplicaSet{} // by owning Deployment
	var orphanRS []*appsv1.ReplicaSet
	for _, rs := range o.ReplicaSets {
		rsByUID[rs.UID] = rs
		if ref := metav1.GetControllerOf(rs); ref != nil && dByUID[ref.UID] != nil {
			rsOf[ref.UID] = append(rsOf[ref.UID], rs)
		} else {
			orphanRS = append(orphanRS, rs)
		}
	}
	podsOf := map[types.UID][]*corev1.Pod{} // by owning ReplicaSet
	var bare []*corev1.Pod
	for _, p := range o.Pods {
		if ref := metav1.GetControllerOf(p); ref != nil && rsByUID[ref.UID] != nil {
			podsOf[ref.UID] = append(podsOf[ref.UID], p)
		} else {
			bare = append(bare, p)
		}
	}
	rsView := func(rs *appsv1.ReplicaSet, owner *appsv1.Deployment) ReplicaSetView {
		v := replicaSetBase(rs, owner)
		pods := podsOf[rs.UID]
		slices.SortFunc(pods, byCreation[*corev1.Pod])
		v.Pods = make([]PodView, len(pods))
		for i, p := range pods {
			v.Pods[i] = podView(p, rs.Spec.MinReadySeconds, o.Now)
			v.Pods[i].Owner = rs.Name
		}
		return v
	}
	deploys := slices.Clone(o.Deployments)
	slices.SortFunc(deploys, byNamespaceName[*appsv1.Deployment])
	for _, d := range deploys {
		v := deploymentBase(d)
		rss := rsOf[d.UID]
		v.Decision, _ = deployment.ObservedDecision(d, rss)
		slices.SortFunc(rss, byCreation[*appsv1.ReplicaSet])
		newRS := deploymentutil.FindNewReplicaSet(d, slices.Clone(rss))
		for _, rs := range rss {
			rv := rsView(rs, d)
			rv.New = rs == newRS
			v.ReplicaSets = append(v.ReplicaSets, rv)
		}
		s.Deployments = append(s.Deployments, v)
	}
	slices.SortFunc(orphanRS, byNamespaceName[*appsv1.ReplicaSet])
	for _, rs := range orphanRS {
		s.ReplicaSets = append(s.ReplicaSets, rsView(rs, nil))
	}
	slices.SortFunc(bare, byNamespaceName[*corev1.Pod])
	for _, p := range bare {
		s.BarePods = append(s.BarePods, podView(p, 0, o.Now))
	}
	s.Events = slices.Clone(o.Events)
	s.EventsDropped = o.EventsDropped
	return s
}

func byNamespaceName[T metav1.Object](a, b T) int {
	return cmp.Or(cmp.Compare(a.GetNamespace(), b.GetNamespace()), cmp.Compare(a.GetName(), b.GetName()))
}

func byCreation[T metav1.Object](a, b T) int {
	return cmp.Or(a.GetCreationTimestamp().Compare(b.GetCreationTimestamp().Time), cmp.Compare(a.GetName(), b.GetName()))
}
