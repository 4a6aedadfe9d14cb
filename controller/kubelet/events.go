package kubelet

import "podviz/controller/events"

// What the kubelet and the scheduler write, as upstream writes it
// (pkg/kubelet/events, the container runtime's reasons).
const (
	// Event sources as `kubectl get events` shows them.
	sourceScheduler = "default-scheduler"
	sourceKubelet   = "kubelet"

	eventNormal  = events.Normal
	eventWarning = events.Warning

	// Event reasons.
	reasonScheduled = "Scheduled"
	reasonPulling   = "Pulling"
	reasonPulled    = "Pulled"
	reasonCreated   = "Created"
	reasonStarted   = "Started"
	reasonKilling   = "Killing"
	reasonBackOff   = "BackOff"
	reasonFailed    = "Failed"

	// Container waiting / terminated reasons.
	waitingContainerCreating = "ContainerCreating"
	waitingErrImagePull      = "ErrImagePull"
	waitingImagePullBackOff  = "ImagePullBackOff"
	waitingCrashLoopBackOff  = "CrashLoopBackOff"
	waitingPodInitializing   = "PodInitializing"
	terminatedError          = "Error"
	terminatedCompleted      = "Completed"
)
