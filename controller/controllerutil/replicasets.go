package controllerutil

// The ReplicaSet filters and orders the controllers share, as
// pkg/controller/controller_utils.go keeps them.

import appsv1 "k8s.io/api/apps/v1"

// rsReplicas is spec.replicas, 0 for a nil ReplicaSet or an unset field.
func rsReplicas(rs *appsv1.ReplicaSet) int32 {
	if rs == nil || rs.Spec.Replicas == nil {
		return 0
	}
	return *rs.Spec.Replicas
}

// FilterActiveReplicaSets keeps the ReplicaSets that have (or ought to have)
// pods: non-nil with spec.replicas > 0, in input order. Mirrors
// controller_utils.go FilterActiveReplicaSets.
func FilterActiveReplicaSets(rss []*appsv1.ReplicaSet) []*appsv1.ReplicaSet {
	var out []*appsv1.ReplicaSet
	for _, rs := range rss {
		if rsReplicas(rs) > 0 {
			out = append(out, rs)
		}
	}
	return out
}

// ReplicaSetsByCreationTimestamp sorts oldest first, ties by name. Mirrors
// controller_utils.go.
type ReplicaSetsByCreationTimestamp []*appsv1.ReplicaSet

func (o ReplicaSetsByCreationTimestamp) Len() int      { return len(o) }
func (o ReplicaSetsByCreationTimestamp) Swap(i, j int) { o[i], o[j] = o[j], o[i] }
func (o ReplicaSetsByCreationTimestamp) Less(i, j int) bool {
	if o[i].CreationTimestamp.Equal(&o[j].CreationTimestamp) {
		return o[i].Name < o[j].Name
	}
	return o[i].CreationTimestamp.Before(&o[j].CreationTimestamp)
}

// ReplicaSetsBySizeOlder sorts largest spec.replicas first, ties oldest
// first: the order proportional scaling takes replicas away in.
type ReplicaSetsBySizeOlder []*appsv1.ReplicaSet

func (o ReplicaSetsBySizeOlder) Len() int      { return len(o) }
func (o ReplicaSetsBySizeOlder) Swap(i, j int) { o[i], o[j] = o[j], o[i] }
func (o ReplicaSetsBySizeOlder) Less(i, j int) bool {
	if rsReplicas(o[i]) == rsReplicas(o[j]) {
		return ReplicaSetsByCreationTimestamp(o).Less(i, j)
	}
	return rsReplicas(o[i]) > rsReplicas(o[j])
}

// ReplicaSetsBySizeNewer sorts largest spec.replicas first, ties newest
// first: the order proportional scaling hands out replicas in.
type ReplicaSetsBySizeNewer []*appsv1.ReplicaSet

func (o ReplicaSetsBySizeNewer) Len() int      { return len(o) }
func (o ReplicaSetsBySizeNewer) Swap(i, j int) { o[i], o[j] = o[j], o[i] }
func (o ReplicaSetsBySizeNewer) Less(i, j int) bool {
	if rsReplicas(o[i]) == rsReplicas(o[j]) {
		return ReplicaSetsByCreationTimestamp(o).Less(j, i)
	}
	return rsReplicas(o[i]) > rsReplicas(o[j])
}
