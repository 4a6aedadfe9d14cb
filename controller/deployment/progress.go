package deployment

import (
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"podviz/controller/apiserver"
	"podviz/controller/clock"
	deploymentutil "podviz/controller/deployment/util"
)

// syncRolloutStatus is upstream's: status plus the Progressing condition —
// NewReplicaSetAvailable when complete, ReplicaSetUpdated on progress,
// ProgressDeadlineExceeded when no progress for progressDeadlineSeconds —
// and a check scheduled for the deadline so Step() reaches it.
func (dc *Controller) syncRolloutStatus(allRSs []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet, d *appsv1.Deployment) {
	st := dc.calculateStatus(allRSs, newRS, d)
	if !deploymentutil.HasProgressDeadline(d) {
		deploymentutil.RemoveDeploymentCondition(&st, appsv1.DeploymentProgressing)
	}
	cur := deploymentutil.GetDeploymentCondition(d.Status, appsv1.DeploymentProgressing)
	complete := st.Replicas == st.UpdatedReplicas && cur != nil && cur.Reason == deploymentutil.NewRSAvailableReason
	if deploymentutil.HasProgressDeadline(d) && !complete {
		now := dc.condNow()
		switch {
		case deploymentutil.DeploymentComplete(d, &st):
			deploymentutil.SetDeploymentCondition(&st, *deploymentutil.NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, deploymentutil.NewRSAvailableReason, deploymentutil.ProgressedMessage(d, newRS), now))
		case deploymentutil.DeploymentProgressing(d, &st):
			cond := deploymentutil.NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, deploymentutil.ReplicaSetUpdatedReason, deploymentutil.ProgressingMessage(d, newRS), now)
			if cur != nil {
				if cur.Status == corev1.ConditionTrue {
					cond.LastTransitionTime = cur.LastTransitionTime
				}
				deploymentutil.RemoveDeploymentCondition(&st, appsv1.DeploymentProgressing)
			}
			deploymentutil.SetDeploymentCondition(&st, *cond)
		case deploymentutil.DeploymentTimedOut(d, &st, dc.clock.Now()):
			deploymentutil.SetDeploymentCondition(&st, *deploymentutil.NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionFalse, deploymentutil.TimedOutReason, deploymentutil.TimedOutMessage(d, newRS), now))
		}
	}
	dc.writeStatus(d, st)
	dc.requeueStuckDeployment(d)
}

// requeueStuckDeployment schedules a re-sync one second after the progress
// deadline of an unfinished rollout would pass (upstream's enqueueAfter(d,
// after+1s)), so a stuck rollout times out on the virtual clock.
func (dc *Controller) requeueStuckDeployment(d *appsv1.Deployment) {
	k := apiserver.Key(d.Namespace, d.Name)
	cond := deploymentutil.GetDeploymentCondition(d.Status, appsv1.DeploymentProgressing)
	if !deploymentutil.HasProgressDeadline(d) || cond == nil || d.Spec.Paused || deploymentutil.DeploymentComplete(d, &d.Status) || cond.Reason == deploymentutil.TimedOutReason || cond.Reason == deploymentutil.NewRSAvailableReason {
		dc.deadlines[k].Stop()
		delete(dc.deadlines, k)
		return
	}
	at := cond.LastUpdateTime.Time.Add(time.Duration(*d.Spec.ProgressDeadlineSeconds)*time.Second + time.Second).Sub(clock.Epoch)
	if at <= dc.clock.Elapsed() {
		at = dc.clock.Elapsed() + time.Second
	}
	if t := dc.deadlines[k]; t.Pending(at) {
		return
	}
	dc.deadlines[k].Stop()
	dc.deadlines[k] = dc.clock.AtFunc(at, func() {
		delete(dc.deadlines, k)
		dc.queue.Add(k)
	})
}
