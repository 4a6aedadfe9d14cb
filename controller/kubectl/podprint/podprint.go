// Package podprint computes the READY, STATUS and RESTARTS cells of
// `kubectl get pods` from a Pod, as kubectl v1.37's table printer does
// (kubernetes/kubernetes pkg/printers/internalversion/printers.go, printPod).
// It is pure: the same pod and instant give the same cells.
package podprint

import (
	"fmt"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/duration"
)

// Columns are the cells kubectl prints for one pod, and the numbers behind
// them so a caller can draw them differently (the diagram's "2/2").
type Columns struct {
	Ready    string // "1/2"
	Status   string // "Running", "Init:0/2", "CrashLoopBackOff", "Terminating", …
	Restarts string // "4", or "4 (12s ago)"

	ReadyContainers int
	TotalContainers int
	RestartCount    int
	// LastRestart is when the latest counted container last terminated
	// (zero when unknown); "12s ago" is measured from it.
	LastRestart time.Time
}

// Upstream reasons that printPod compares against.
const (
	reasonCompleted       = "Completed"
	reasonPodInitializing = "PodInitializing"
	reasonSchedulingGated = "SchedulingGated" // corev1.PodReasonSchedulingGated
	// node.NodeUnreachablePodReason (pkg/util/node): a pod deleted while its
	// node is unreachable prints "Unknown" rather than "Terminating".
	reasonNodeLost = "NodeLost"
)

// Of computes kubectl's cells for p at instant now (RESTARTS' "ago" is
// measured from now).
//
// It follows printPod step by step: the phase, overridden by status.reason
// and SchedulingGated; then the init containers in order, the first that
// has not completed deciding "Init:…" (a native sidecar — an init container
// with restartPolicy Always — that has started counts towards READY and
// does not block); then, once initialization is over, the app containers
// from last to first, a waiting or terminated reason overriding; "Completed"
// with a container still running reads "Running" or "NotReady" after the
// pod's Ready condition; a deleted pod reads "Terminating" until its phase
// is terminal.
func Of(p *corev1.Pod, now time.Time) Columns {
	restarts := 0
	sidecarRestarts := 0
	total := len(p.Spec.Containers)
	ready := 0
	var lastRestart, lastSidecarRestart time.Time

	reason := string(p.Status.Phase)
	if p.Status.Reason != "" {
		reason = p.Status.Reason
	}
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Reason == reasonSchedulingGated {
			reason = reasonSchedulingGated
		}
	}

	// printPod looks init containers up by name: a status whose name is not
	// in the spec is treated as a plain (non-sidecar) init container.
	for i := range p.Spec.InitContainers {
		if IsSidecar(&p.Spec.InitContainers[i]) {
			total++
		}
	}
	sidecar := func(name string) bool {
		for i := range p.Spec.InitContainers {
			if p.Spec.InitContainers[i].Name == name {
				return IsSidecar(&p.Spec.InitContainers[i])
			}
		}
		return false
	}

	initializing := false
	for i := range p.Status.InitContainerStatuses {
		st := &p.Status.InitContainerStatuses[i]
		restarts += int(st.RestartCount)
		if t := st.LastTerminationState.Terminated; t != nil && t.FinishedAt.After(lastRestart) {
			lastRestart = t.FinishedAt.Time
		}
		if sidecar(st.Name) {
			sidecarRestarts += int(st.RestartCount)
			if t := st.LastTerminationState.Terminated; t != nil && t.FinishedAt.After(lastSidecarRestart) {
				lastSidecarRestart = t.FinishedAt.Time
			}
		}
		switch {
		case st.State.Terminated != nil && st.State.Terminated.ExitCode == 0:
			continue
		case sidecar(st.Name) && st.Started != nil && *st.Started:
			if st.Ready {
				ready++
			}
			continue
		case st.State.Terminated != nil:
			t := st.State.Terminated
			switch {
			case t.Reason != "":
				reason = "Init:" + t.Reason
			case t.Signal != 0:
				reason = fmt.Sprintf("Init:Signal:%d", t.Signal)
			default:
				reason = fmt.Sprintf("Init:ExitCode:%d", t.ExitCode)
			}
		case st.State.Waiting != nil && st.State.Waiting.Reason != "" && st.State.Waiting.Reason != reasonPodInitializing:
			reason = "Init:" + st.State.Waiting.Reason
		default:
			reason = fmt.Sprintf("Init:%d/%d", i, len(p.Spec.InitContainers))
		}
		initializing = true
		break
	}

	if !initializing || conditionTrue(p, corev1.PodInitialized) {
		// Only the sidecars' restarts count once the pod is initialized:
		// plain init containers are done and their history is old news.
		restarts = sidecarRestarts
		lastRestart = lastSidecarRestart
		hasRunning := false
		for i := len(p.Status.ContainerStatuses) - 1; i >= 0; i-- {
			st := &p.Status.ContainerStatuses[i]
			restarts += int(st.RestartCount)
			if t := st.LastTerminationState.Terminated; t != nil && t.FinishedAt.After(lastRestart) {
				lastRestart = t.FinishedAt.Time
			}
			switch {
			case st.State.Waiting != nil && st.State.Waiting.Reason != "":
				reason = st.State.Waiting.Reason
			case st.State.Terminated != nil && st.State.Terminated.Reason != "":
				reason = st.State.Terminated.Reason
			case st.State.Terminated != nil:
				if st.State.Terminated.Signal != 0 {
					reason = fmt.Sprintf("Signal:%d", st.State.Terminated.Signal)
				} else {
					reason = fmt.Sprintf("ExitCode:%d", st.State.Terminated.ExitCode)
				}
			case st.Ready && st.State.Running != nil:
				hasRunning = true
				ready++
			}
		}
		if reason == reasonCompleted && hasRunning {
			if anyConditionTrue(p, corev1.PodReady) {
				reason = "Running"
			} else {
				reason = "NotReady"
			}
		}
	}

	if p.DeletionTimestamp != nil && p.Status.Reason == reasonNodeLost {
		reason = "Unknown"
	} else if p.DeletionTimestamp != nil && p.Status.Phase != corev1.PodSucceeded && p.Status.Phase != corev1.PodFailed {
		reason = "Terminating"
	}

	// The API server keeps timestamps to the second (RFC 3339 on the wire),
	// so kubectl measures "ago" from a whole second.
	lastRestart = lastRestart.Truncate(time.Second)
	cell := strconv.Itoa(restarts)
	if restarts != 0 && !lastRestart.IsZero() {
		cell = fmt.Sprintf("%d (%s ago)", restarts, Ago(now, lastRestart))
	}
	return Columns{
		Ready:           strconv.Itoa(ready) + "/" + strconv.Itoa(total),
		Status:          reason,
		Restarts:        cell,
		ReadyContainers: ready,
		TotalContainers: total,
		RestartCount:    restarts,
		LastRestart:     lastRestart,
	}
}

// Ago is kubectl's translateTimestampSince: the human duration from then
// to now ("12s", "5m3s", "5d").
func Ago(now, then time.Time) string {
	if then.IsZero() {
		return "<unknown>"
	}
	return duration.HumanDuration(now.Sub(then))
}

// IsSidecar reports whether c is a native sidecar: an init container with
// restartPolicy Always (podutil.IsRestartableInitContainer).
func IsSidecar(c *corev1.Container) bool {
	return c != nil && c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
}

// anyConditionTrue is printPod's hasPodReadyCondition: any condition of
// the type that is True (duplicates included).
func anyConditionTrue(p *corev1.Pod, t corev1.PodConditionType) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == t && c.Status == corev1.ConditionTrue {
			return true
		}
	}
	return false
}

// conditionTrue is printPod's isPodInitializedConditionTrue: the first
// condition of the type decides.
func conditionTrue(p *corev1.Pod, t corev1.PodConditionType) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == t {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}
