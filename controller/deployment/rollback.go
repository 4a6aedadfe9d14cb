package deployment

import (
	"sort"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	deploymentutil "podviz/controller/deployment/util"
)

// In apps/v1 a rollback is kubectl's (DeploymentRollbacker): it copies a
// ReplicaSet's template into the Deployment, and this controller then
// finds that ReplicaSet as the new one, gives it the next revision and
// rolls to it like to any update. These are the helpers kubectl's side
// needs, kept with the controller whose revisions they read.

// rollbackAnnotationsToSkip are the Deployment annotations a rollback keeps
// from the Deployment rather than copying from the ReplicaSet (kubectl's
// rollback.go annotationsToSkip).
var rollbackAnnotationsToSkip = map[string]bool{
	corev1.LastAppliedConfigAnnotation:       true,
	deploymentutil.RevisionAnnotation:        true,
	deploymentutil.RevisionHistoryAnnotation: true,
	deploymentutil.DesiredReplicasAnnotation: true,
	deploymentutil.MaxReplicasAnnotation:     true,
	appsv1.DeprecatedRollbackTo:              true,
}

// RollbackTarget finds, among a Deployment's ReplicaSets, the one of
// revision toRevision, or with toRevision 0 the previous revision (the
// second highest); nil when there is none.
func RollbackTarget(rsList []*appsv1.ReplicaSet, toRevision int64) *appsv1.ReplicaSet {
	var target, latest, prev *appsv1.ReplicaSet
	latestRev, prevRev := int64(-1), int64(-1)
	for _, rs := range rsList {
		v, err := deploymentutil.Revision(rs)
		if err != nil {
			continue
		}
		if toRevision > 0 {
			if v == toRevision {
				target = rs
			}
			continue
		}
		if latestRev < v {
			prevRev, prev = latestRev, latest
			latestRev, latest = v, rs
		} else if prevRev < v {
			prevRev, prev = v, rs
		}
	}
	if toRevision > 0 {
		return target
	}
	return prev
}

// Rollback copies target's template (without its pod-template-hash label)
// and its annotations into d, keeping d's own annotations that a rollback
// does not copy.
func Rollback(d *appsv1.Deployment, target *appsv1.ReplicaSet) {
	deploymentutil.SetFromReplicaSetTemplate(d, target.Spec.Template)
	ann := map[string]string{}
	for k := range rollbackAnnotationsToSkip {
		if v, ok := d.Annotations[k]; ok {
			ann[k] = v
		}
	}
	for k, v := range target.Annotations {
		if !rollbackAnnotationsToSkip[k] {
			ann[k] = v
		}
	}
	d.Annotations = ann
}

// History is a Deployment's revision history: its ReplicaSets by revision
// (the last one listed wins a duplicate revision) and the revisions in
// ascending order (kubectl's DeploymentHistoryViewer).
func History(rsList []*appsv1.ReplicaSet) (revisions []int64, byRevision map[int64]*appsv1.ReplicaSet) {
	byRevision = map[int64]*appsv1.ReplicaSet{}
	for _, rs := range rsList {
		v, err := deploymentutil.Revision(rs)
		if err != nil || v <= 0 {
			continue
		}
		if _, dup := byRevision[v]; !dup {
			revisions = append(revisions, v)
		}
		byRevision[v] = rs
	}
	sort.Slice(revisions, func(i, j int) bool { return revisions[i] < revisions[j] })
	return revisions, byRevision
}
