package deployment

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"podviz/controller/controllerutil"
	deploymentutil "podviz/controller/deployment/util"
)

// rolloutRecreate is upstream's rolloutRecreate: scale every old
// ReplicaSet to 0, wait until none of their pods is left (terminating ones
// included), then create / scale up the new ReplicaSet.
func (dc *Controller) rolloutRecreate(s *deploymentSync, rsList []*appsv1.ReplicaSet) {
	d := s.d
	newRS, oldRSs := dc.getAllReplicaSetsAndSyncRevision(s, rsList, false)
	allRSs := nonNil(append(append([]*appsv1.ReplicaSet{}, oldRSs...), newRS))
	if dc.scaleDownOldReplicaSetsForRecreate(s, controllerutil.FilterActiveReplicaSets(oldRSs)) {
		dc.syncRolloutStatus(allRSs, newRS, d)
		return
	}
	if n := dc.oldPodsRunning(newRS, oldRSs); n > 0 {
		s.reason = fmt.Sprintf("Recreate: waiting for %d old %s to terminate", n, pods(n))
		dc.syncRolloutStatus(allRSs, newRS, d)
		return
	}
	if newRS == nil {
		newRS, oldRSs = dc.getAllReplicaSetsAndSyncRevision(s, rsList, true)
		if newRS == nil {
			return
		}
		allRSs = nonNil(append(append([]*appsv1.ReplicaSet{}, oldRSs...), newRS))
	}
	from := deploymentutil.RSReplicas(newRS)
	if dc.scaleReplicaSet(newRS, deploymentutil.Replicas(d), d, false) {
		s.move("Recreate: scaled up new ReplicaSet %s from %d to %d", newRS.Name, from, deploymentutil.Replicas(d))
	}
	if deploymentutil.DeploymentComplete(d, &d.Status) {
		dc.cleanupDeployment(oldRSs, d)
	}
	dc.syncRolloutStatus(allRSs, newRS, d)
}

func (dc *Controller) scaleDownOldReplicaSetsForRecreate(s *deploymentSync, oldRSs []*appsv1.ReplicaSet) bool {
	scaled := false
	for _, rs := range oldRSs {
		cur := deploymentutil.RSReplicas(rs)
		if cur == 0 {
			continue
		}
		if dc.scaleReplicaSet(rs, 0, s.d, false) {
			s.move("Recreate: scaled down old ReplicaSet %s from %d to 0", rs.Name, cur)
			scaled = true
		}
	}
	return scaled
}

// oldPodsRunning counts the pods of old ReplicaSets that have not finished
// (upstream's oldPodsRunning, as a count for the Decision line): status
// replicas first, then any pod not Succeeded/Failed, terminating included.
func (dc *Controller) oldPodsRunning(newRS *appsv1.ReplicaSet, oldRSs []*appsv1.ReplicaSet) int32 {
	var n int32
	for _, rs := range oldRSs {
		if newRS != nil && rs.UID == newRS.UID {
			continue
		}
		for _, p := range dc.podLister.OwnedByUID(rs.UID) {
			if p.Status.Phase != corev1.PodSucceeded && p.Status.Phase != corev1.PodFailed {
				n++
			}
		}
	}
	if actual := deploymentutil.GetActualReplicaCountForReplicaSets(oldRSs); actual > n {
		n = actual
	}
	return n
}
