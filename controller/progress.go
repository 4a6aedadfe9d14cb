package controller

import (
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// syncRolloutStatus is upstream's: status plus the Progressing condition —
// NewReplicaSetAvailable when complete, ReplicaSetUpdated on progress,
// ProgressDeadlineExceeded when no progress for progressDeadlineSeconds —
// and a check scheduled for the deadline so Step() reaches it.
func (c *Cluster) syncRolloutStatus(allRSs []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet, d *appsv1.Deployment) {
	st := c.calculateStatus(allRSs, newRS, d)
	if !HasProgressDeadline(d) {
		RemoveDeploymentCondition(&st, appsv1.DeploymentProgressing)
	}
	cur := GetDeploymentCondition(d.Status, appsv1.DeploymentProgressing)
	complete := st.Replicas == st.UpdatedReplicas && cur != nil && cur.Reason == NewRSAvailableReason
	if HasProgressDeadline(d) && !complete {
		now := c.condNow()
		switch {
		case DeploymentComplete(d, &st):
			SetDeploymentCondition(&st, *NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, NewRSAvailableReason, ProgressedMessage(d, newRS), now))
		case DeploymentProgressing(d, &st):
			cond := NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, ReplicaSetUpdatedReason, ProgressingMessage(d, newRS), now)
			if cur != nil {
				if cur.Status == corev1.ConditionTrue {
					cond.LastTransitionTime = cur.LastTransitionTime
				}
				RemoveDeploymentCondition(&st, appsv1.DeploymentProgressing)
			}
			SetDeploymentCondition(&st, *cond)
		case DeploymentTimedOut(d, &st, c.clock.Now()):
			SetDeploymentCondition(&st, *NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionFalse, TimedOutReason, TimedOutMessage(d, newRS), now))
		}
	}
	c.writeStatus(d, st)
	c.requeueStuckDeployment(d)
}

// requeueStuckDeployment schedules a re-sync one second after the progress
// deadline of an unfinished rollout would pass (upstream's enqueueAfter(d,
// after+1s)), so a stuck rollout times out on the virtual clock.
func (c *Cluster) requeueStuckDeployment(d *appsv1.Deployment) {
	k := key(d.Namespace, d.Name)
	cond := GetDeploymentCondition(d.Status, appsv1.DeploymentProgressing)
	if !HasProgressDeadline(d) || cond == nil || d.Spec.Paused || DeploymentComplete(d, &d.Status) || cond.Reason == TimedOutReason || cond.Reason == NewRSAvailableReason {
		c.deadlines[k].Stop()
		delete(c.deadlines, k)
		return
	}
	at := cond.LastUpdateTime.Time.Add(time.Duration(*d.Spec.ProgressDeadlineSeconds)*time.Second + time.Second).Sub(Epoch)
	if at <= c.clock.Elapsed() {
		at = c.clock.Elapsed() + time.Second
	}
	if t := c.deadlines[k]; t.Pending(at) {
		return
	}
	c.deadlines[k].Stop()
	c.deadlines[k] = c.clock.AtFunc(at, func() {
		delete(c.deadlines, k)
		c.dq.add(k)
	})
}
