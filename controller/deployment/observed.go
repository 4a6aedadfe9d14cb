package deployment

import (
	appsv1 "k8s.io/api/apps/v1"
)

// ObservedDecision is the Decision a client can tell from the objects
// alone, without the controller's own record of its last sync: a client
// of a real cluster sees the Deployment and its ReplicaSets, not the
// controller's moves. The budget is the same arithmetic (surge and
// unavailable resolved against spec.replicas); the reason is what the
// objects say (paused, past the progress deadline, rolling back, waiting
// for new pods to become available or old ones to terminate). false when
// the Deployment is settled.
func ObservedDecision(d *appsv1.Deployment, owned []*appsv1.ReplicaSet) (Decision, bool) {
	return decisionOf(d, owned, "")
}
