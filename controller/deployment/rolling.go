package deployment

import (
	"fmt"
	"sort"

	appsv1 "k8s.io/api/apps/v1"

	"podviz/controller/controllerutil"
	deploymentutil "podviz/controller/deployment/util"
)

// rolloutRolling is upstream's rolloutRolling: one move per sync — scale
// the new ReplicaSet up, else scale old ones down, else (complete) clean up
// history — then the rollout status.
func (dc *Controller) rolloutRolling(s *deploymentSync, rsList []*appsv1.ReplicaSet) {
	d := s.d
	newRS, oldRSs := dc.getAllReplicaSetsAndSyncRevision(s, rsList, true)
	if newRS == nil {
		// A hash collision was recorded; the next sync retries.
		return
	}
	allRSs := append(append([]*appsv1.ReplicaSet{}, oldRSs...), newRS)
	if dc.reconcileNewReplicaSet(s, allRSs, newRS) {
		dc.syncRolloutStatus(allRSs, newRS, d)
		return
	}
	if dc.reconcileOldReplicaSets(s, allRSs, controllerutil.FilterActiveReplicaSets(oldRSs), newRS) {
		dc.syncRolloutStatus(allRSs, newRS, d)
		return
	}
	if deploymentutil.DeploymentComplete(d, &d.Status) {
		dc.cleanupDeployment(oldRSs, d)
	}
	dc.syncRolloutStatus(allRSs, newRS, d)
}

// reconcileNewReplicaSet grows the new ReplicaSet as far as maxSurge allows
// (NewRSNewReplicas), or shrinks it to spec.replicas if it is larger.
// Example: R 3, surge 1, old 3 + new 0 → new 1 (total 4 = 3 + 1).
func (dc *Controller) reconcileNewReplicaSet(s *deploymentSync, allRSs []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet) bool {
	d := s.d
	r, cur := deploymentutil.Replicas(d), deploymentutil.RSReplicas(newRS)
	if cur == r {
		return false
	}
	if cur > r {
		if dc.scaleReplicaSet(newRS, r, d, false) {
			s.move("scaled down new ReplicaSet %s from %d to %d", newRS.Name, cur, r)
			return true
		}
		return false
	}
	want, err := deploymentutil.NewRSNewReplicas(d, allRSs, newRS)
	if err != nil {
		return false
	}
	if dc.scaleReplicaSet(newRS, want, d, false) {
		s.move("scaled up new ReplicaSet %s from %d to %d", newRS.Name, cur, want)
		return true
	}
	return false
}

// reconcileOldReplicaSets scales old ReplicaSets down as far as
// maxUnavailable allows: maxScaledDown = all − minAvailable − new
// unavailable. Example: R 3, unavailable 0, old 3 + new 1 (not yet
// available) → 4 − 3 − 1 = 0: wait; once the new pod is available → 1.
// Unhealthy old replicas go first (cleanupUnhealthyReplicas), then healthy
// ones while more than minAvailable are available.
func (dc *Controller) reconcileOldReplicaSets(s *deploymentSync, allRSs, oldRSs []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet) bool {
	d := s.d
	if deploymentutil.GetReplicaCountForReplicaSets(oldRSs) == 0 {
		return false
	}
	allPods := deploymentutil.GetReplicaCountForReplicaSets(allRSs)
	minAvailable := deploymentutil.Replicas(d) - deploymentutil.MaxUnavailable(d)
	newUnavailable := deploymentutil.RSReplicas(newRS) - newRS.Status.AvailableReplicas
	maxScaledDown := allPods - minAvailable - newUnavailable
	if maxScaledDown <= 0 {
		if newUnavailable > 0 {
			s.reason = fmt.Sprintf("waiting for %d new %s to become available before scaling down the old ReplicaSet", newUnavailable, pods(newUnavailable))
		} else {
			s.reason = fmt.Sprintf("waiting: %d pods, at least %d must stay available", allPods, minAvailable)
		}
		return false
	}
	oldRSs, cleaned := dc.cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown)
	all := append(append([]*appsv1.ReplicaSet{}, oldRSs...), newRS)
	scaled := dc.scaleDownOldReplicaSetsForRollingUpdate(s, all, oldRSs)
	if cleaned+scaled == 0 {
		avail := deploymentutil.GetAvailableReplicaCountForReplicaSets(all)
		s.reason = fmt.Sprintf("waiting: %d available, at least %d must stay available", avail, minAvailable)
	}
	return cleaned+scaled > 0
}

// cleanupUnhealthyReplicas scales down old replicas that are not available
// (spec − available), oldest ReplicaSet first, up to maxCleanup: removing
// them costs no availability.
func (dc *Controller) cleanupUnhealthyReplicas(s *deploymentSync, oldRSs []*appsv1.ReplicaSet, maxCleanup int32) ([]*appsv1.ReplicaSet, int32) {
	sort.Sort(controllerutil.ReplicaSetsByCreationTimestamp(oldRSs))
	var total int32
	for _, rs := range oldRSs {
		if total >= maxCleanup {
			break
		}
		cur := deploymentutil.RSReplicas(rs)
		if cur == 0 || cur == rs.Status.AvailableReplicas {
			continue
		}
		n := min(maxCleanup-total, cur-rs.Status.AvailableReplicas)
		if dc.scaleReplicaSet(rs, cur-n, s.d, false) {
			s.move("removed %d unavailable %s of old ReplicaSet %s (%d->%d)", n, pods(n), rs.Name, cur, cur-n)
		}
		total += n
	}
	return oldRSs, total
}

// scaleDownOldReplicaSetsForRollingUpdate removes available old replicas
// while more than minAvailable pods are available, oldest ReplicaSet first.
func (dc *Controller) scaleDownOldReplicaSetsForRollingUpdate(s *deploymentSync, allRSs, oldRSs []*appsv1.ReplicaSet) int32 {
	d := s.d
	minAvailable := deploymentutil.Replicas(d) - deploymentutil.MaxUnavailable(d)
	available := deploymentutil.GetAvailableReplicaCountForReplicaSets(allRSs)
	if available <= minAvailable {
		return 0
	}
	sort.Sort(controllerutil.ReplicaSetsByCreationTimestamp(oldRSs))
	var total int32
	want := available - minAvailable
	for _, rs := range oldRSs {
		if total >= want {
			break
		}
		cur := deploymentutil.RSReplicas(rs)
		if cur == 0 {
			continue
		}
		n := min(cur, want-total)
		if dc.scaleReplicaSet(rs, cur-n, d, false) {
			s.move("scaled down old ReplicaSet %s from %d to %d", rs.Name, cur, cur-n)
		}
		total += n
	}
	return total
}
