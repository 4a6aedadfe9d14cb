package util

// The annotations the deployment controller writes, as upstream names them
// (deployment_util.go).
const (
	// RevisionAnnotation is the revision of a Deployment and its ReplicaSets.
	RevisionAnnotation = "deployment.kubernetes.io/revision"
	// DesiredReplicasAnnotation is spec.replicas of the Deployment when the ReplicaSet was last scaled.
	DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
	// MaxReplicasAnnotation is spec.replicas + maxSurge of the Deployment when the ReplicaSet was last scaled.
	MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas"
	// ChangeCauseAnnotation is the CHANGE-CAUSE column of `kubectl rollout history`;
	// the deployment controller copies it to the new ReplicaSet with the others.
	ChangeCauseAnnotation = "kubernetes.io/change-cause"
)
