package controller

import (
	"podviz/controller/controllerutil"
	deploymentutil "podviz/controller/deployment/util"
)

// Wire strings: annotation keys, event reasons and sources, exactly as
// upstream writes them (k8s.io/kubernetes pkg/controller/deployment/util,
// pkg/kubelet/events, kubectl).
const (
	// RevisionAnnotation is the revision of a Deployment and its ReplicaSets.
	RevisionAnnotation = deploymentutil.RevisionAnnotation
	// DesiredReplicasAnnotation is spec.replicas of the Deployment when the ReplicaSet was last scaled.
	DesiredReplicasAnnotation = deploymentutil.DesiredReplicasAnnotation
	// MaxReplicasAnnotation is spec.replicas + maxSurge of the Deployment when the ReplicaSet was last scaled.
	MaxReplicasAnnotation = deploymentutil.MaxReplicasAnnotation
	// RestartedAtAnnotation is what `kubectl rollout restart` writes on the pod template.
	RestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt"
	// DefaultContainerAnnotation names the container kubectl exec, logs and attach use without -c.
	DefaultContainerAnnotation = "kubectl.kubernetes.io/default-container"
	// ChangeCauseAnnotation is the CHANGE-CAUSE column of `kubectl rollout history`.
	ChangeCauseAnnotation = deploymentutil.ChangeCauseAnnotation
	// PodDeletionCostAnnotation ranks pods for scale-down (lower goes first).
	PodDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

	// NodeName is the single simulated node (one kubelet runs it).
	NodeName = "podviz-node"

	// Event reasons the tests look for (each package that records an
	// event keeps its own).
	reasonScalingReplicaSet = "ScalingReplicaSet"
	reasonSuccessfulCreate  = controllerutil.SuccessfulCreatePodReason
	reasonSuccessfulDelete  = controllerutil.SuccessfulDeletePodReason
	reasonPulling           = "Pulling"
	reasonStarted           = "Started"
	reasonKilling           = "Killing"
	reasonBackOff           = "BackOff"
	reasonFailed            = "Failed"
)
