package util

// Revisions and the annotations a Deployment shares with its ReplicaSets.
// Mirrors kubernetes v1.37 pkg/controller/deployment/util/deployment_util.go
// (revision and annotation helpers) and kubectl's restartedAt annotation.

import (
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// RevisionHistoryAnnotation lists, comma-separated, the earlier revisions a
// ReplicaSet served before a rollback made it new again. The other keys
// (RevisionAnnotation, DesiredReplicasAnnotation, MaxReplicasAnnotation,
// RestartedAtAnnotation, ChangeCauseAnnotation) live with the other wire
// strings in constants.go.
const RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history"

// annotationsToSkip are the Deployment annotations never copied to a
// ReplicaSet (and never overwritten on rollback): kubectl apply's record,
// the controller's own bookkeeping, and the deprecated rollback request.
var annotationsToSkip = map[string]bool{
	corev1.LastAppliedConfigAnnotation: true,
	RevisionAnnotation:                 true,
	RevisionHistoryAnnotation:          true,
	DesiredReplicasAnnotation:          true,
	MaxReplicasAnnotation:              true,
	appsv1.DeprecatedRollbackTo:        true,
}

// Revision parses obj's revision annotation: 0 when absent, an error when it
// is not an integer. Mirrors deployment_util.go Revision.
func Revision(obj metav1.Object) (int64, error) {
	v, ok := obj.GetAnnotations()[RevisionAnnotation]
	if !ok {
		return 0, nil
	}
	return strconv.ParseInt(v, 10, 64)
}

// MaxRevision is the highest revision among the ReplicaSets (0 if none);
// unparsable revisions are skipped. The new ReplicaSet gets MaxRevision of
// the old ones + 1. Mirrors deployment_util.go MaxRevision.
func MaxRevision(allRSs []*appsv1.ReplicaSet) int64 {
	var highest int64
	for _, rs := range allRSs {
		if v, err := Revision(rs); err == nil && v > highest {
			highest = v
		}
	}
	return highest
}

// LastRevision is the second-highest revision among the ReplicaSets: the one
// `kubectl rollout undo` without --to-revision goes back to. Revisions 1, 3,
// 2 → 2. A repeated maximum counts twice (3, 3 → 3), as upstream's `>=`
// does. Mirrors deployment_util.go LastRevision.
func LastRevision(allRSs []*appsv1.ReplicaSet) int64 {
	var highest, second int64
	for _, rs := range allRSs {
		v, err := Revision(rs)
		if err != nil {
			continue
		}
		if v >= highest {
			second, highest = highest, v
		} else if v > second {
			second = v
		}
	}
	return second
}

// SetDeploymentRevision writes revision into the Deployment's revision
// annotation and reports whether it changed.
func SetDeploymentRevision(d *appsv1.Deployment, revision string) bool {
	if d.Annotations == nil {
		d.Annotations = map[string]string{}
	}
	if d.Annotations[RevisionAnnotation] == revision {
		return false
	}
	d.Annotations[RevisionAnnotation] = revision
	return true
}

// SetNewReplicaSetAnnotations brings the new ReplicaSet's annotations up to
// date and reports whether any changed:
//  1. the Deployment's annotations are copied over (except annotationsToSkip);
//  2. the revision is raised to newRevision, never lowered (old ReplicaSets
//     may have been deleted since the new one was numbered);
//  3. if it already had a revision (a rollback reusing it), the old number is
//     appended to the revision-history annotation, dropping the oldest
//     entries while the list would exceed revHistoryLimitInChars (upstream's
//     limit is 2000); "1" then rollback to it as 4 → history "1";
//  4. a ReplicaSet about to be created (!exists) gets desired-replicas R and
//     max-replicas R + MaxSurge.
//
// An unparsable old or new revision stops at step 1 and returns false, as
// upstream does. Mirrors deployment_util.go SetNewReplicaSetAnnotations.
func SetNewReplicaSetAnnotations(d *appsv1.Deployment, newRS *appsv1.ReplicaSet, newRevision string, exists bool, revHistoryLimitInChars int) bool {
	changed := copyDeploymentAnnotationsToReplicaSet(d, newRS)
	if newRS.Annotations == nil {
		newRS.Annotations = map[string]string{}
	}
	oldRevision, hadRevision := newRS.Annotations[RevisionAnnotation]
	oldRev, err := strconv.ParseInt(oldRevision, 10, 64)
	if err != nil {
		if oldRevision != "" {
			return false
		}
		oldRev = 0
	}
	newRev, err := strconv.ParseInt(newRevision, 10, 64)
	if err != nil {
		return false
	}
	if oldRev < newRev {
		newRS.Annotations[RevisionAnnotation] = newRevision
		changed = true
	}
	if hadRevision && oldRev < newRev {
		appendRevisionHistory(newRS, oldRevision, revHistoryLimitInChars)
	}
	if !exists && SetReplicasAnnotations(newRS, Replicas(d), Replicas(d)+MaxSurge(d)) {
		changed = true
	}
	return changed
}

// appendRevisionHistory appends oldRevision to rs's revision history,
// dropping entries from the front until "history,old" fits limit characters.
// If even "old" alone does not fit, the history is left as it was.
func appendRevisionHistory(rs *appsv1.ReplicaSet, oldRevision string, limit int) {
	history := rs.Annotations[RevisionHistoryAnnotation]
	entries := strings.Split(history, ",")
	if entries[0] == "" {
		rs.Annotations[RevisionHistoryAnnotation] = oldRevision
		return
	}
	total := len(history) + len(oldRevision) + 1
	start := 0
	for total > limit && start < len(entries) {
		total -= len(entries[start]) + 1
		start++
	}
	if total <= limit {
		rs.Annotations[RevisionHistoryAnnotation] = strings.Join(append(entries[start:], oldRevision), ",")
	}
}

// copyDeploymentAnnotationsToReplicaSet copies the Deployment's annotations
// onto rs, except annotationsToSkip (the revision especially: the
// ReplicaSet's own number is the reliable one), and reports whether rs
// changed. Annotations rs has that the Deployment lacks are kept.
func copyDeploymentAnnotationsToReplicaSet(d *appsv1.Deployment, rs *appsv1.ReplicaSet) bool {
	changed := false
	if rs.Annotations == nil {
		rs.Annotations = map[string]string{}
	}
	for k, v := range d.Annotations {
		if cur, ok := rs.Annotations[k]; annotationsToSkip[k] || (ok && cur == v) {
			continue
		}
		rs.Annotations[k] = v
		changed = true
	}
	return changed
}

// SetDeploymentAnnotationsTo replaces the Deployment's annotations with those
// of the ReplicaSet it rolls back to, keeping the Deployment's own values of
// annotationsToSkip (its revision, its last-applied record). Used only on
// rollback. Mirrors deployment_util.go SetDeploymentAnnotationsTo.
func SetDeploymentAnnotationsTo(d *appsv1.Deployment, rollbackToRS *appsv1.ReplicaSet) {
	kept := map[string]string{}
	for k, v := range d.Annotations {
		if annotationsToSkip[k] {
			kept[k] = v
		}
	}
	d.Annotations = kept
	for k, v := range rollbackToRS.Annotations {
		if !annotationsToSkip[k] {
			d.Annotations[k] = v
		}
	}
}
