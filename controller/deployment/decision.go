package deployment

import (
	"fmt"
	"strings"

	appsv1 "k8s.io/api/apps/v1"

	"podviz/controller/apiserver"
	deploymentutil "podviz/controller/deployment/util"
)

// recordDecision stores the sync's Decision: the budget arithmetic and the
// move made or the wait, in the controller's words (ASCII only). A settled
// Deployment has none.
func (dc *Controller) recordDecision(s *deploymentSync, rsList []*appsv1.ReplicaSet) {
	d := s.d
	k := apiserver.Key(d.Namespace, d.Name)
	reason := strings.Join(s.moves, "; ")
	if reason == "" {
		reason = s.reason
	}
	if dec, ok := decisionOf(d, dc.rsLister.ListOwnedBy(d.UID), reason); ok {
		dc.decisions[k] = dec
	} else {
		delete(dc.decisions, k)
	}
}

// decisionOf is the Decision for a Deployment whose sync made reason (its
// moves, or why it made none; "" for neither), given all the ReplicaSets
// it owns: the budget arithmetic and the reason with what the objects say
// besides (paused, past the progress deadline, rolling back, waiting on
// pods). false when there is nothing to say: the Deployment is settled.
func decisionOf(d *appsv1.Deployment, all []*appsv1.ReplicaSet, reason string) (Decision, bool) {
	if d.Spec.Paused {
		if reason != "" {
			reason = "paused: only scaling; " + reason
		} else {
			reason = "paused: only scaling"
		}
	}
	if cond := deploymentutil.GetDeploymentCondition(d.Status, appsv1.DeploymentProgressing); cond != nil && cond.Reason == deploymentutil.TimedOutReason {
		if reason != "" {
			reason = "progress deadline exceeded; " + reason
		} else {
			reason = "progress deadline exceeded"
		}
	}
	newRS := deploymentutil.FindNewReplicaSet(d, append([]*appsv1.ReplicaSet(nil), all...))
	// A new ReplicaSet with a revision history is an old template coming
	// back (undo); say so while other ReplicaSets still hold pods.
	if newRS != nil && newRS.Annotations[deploymentutil.RevisionHistoryAnnotation] != "" && !deploymentutil.DeploymentComplete(d, &d.Status) &&
		deploymentutil.GetReplicaCountForReplicaSets(all)-deploymentutil.RSReplicas(newRS) > 0 {
		back := fmt.Sprintf("rolling back: scaling up the old ReplicaSet %s (same pod-template-hash) again", newRS.Name)
		if reason != "" {
			back += "; " + reason
		}
		reason = back
	}
	if reason == "" && !deploymentutil.DeploymentComplete(d, &d.Status) && newRS != nil {
		if n := deploymentutil.Replicas(d) - newRS.Status.AvailableReplicas; n > 0 {
			reason = fmt.Sprintf("waiting for %d of %d new %s to become available", n, deploymentutil.Replicas(d), pods(deploymentutil.Replicas(d)))
		} else if old := d.Status.Replicas - d.Status.UpdatedReplicas; old > 0 {
			reason = fmt.Sprintf("waiting for %d old %s to terminate", old, pods(old))
		}
	}
	if reason == "" {
		return Decision{}, false
	}
	r := deploymentutil.Replicas(d)
	var budget string
	if deploymentutil.IsRollingUpdate(d) {
		surge, unav := deploymentutil.MaxSurge(d), deploymentutil.MaxUnavailable(d)
		budget = fmt.Sprintf("max %d pods (%d + surge %d), min %d available (%d - %d)", r+surge, r, surge, r-unav, r, unav)
	} else {
		budget = fmt.Sprintf("Recreate: old pods go to 0 before new ones start (%d replicas)", r)
	}
	return Decision{Budget: budget, Reason: reason}, true
}
