package diagram

import "podviz/controller"

// podState is what a pod box shows in its state line: the kubectl STATUS
// column, except that a Running pod is split into Running (not ready yet) and
// Ready, the difference a rollout waits on.
type podState int

const (
	statePending podState = iota
	stateCreating
	stateRunning
	stateReady
	stateTerminating
	stateErrImagePull
	stateBackOff
	stateCrashLoop
	stateCompleted
	stateError
	stateOther
	numStates
)

// stateWords are the words beside each symbol (stateOther shows the pod's own
// STATUS instead).
var stateWords = [numStates]string{
	statePending:      "Pending",
	stateCreating:     "ContainerCreating",
	stateRunning:      "Running",
	stateReady:        "Ready",
	stateTerminating:  "Terminating",
	stateErrImagePull: "ErrImagePull",
	stateBackOff:      "ImagePullBackOff",
	stateCrashLoop:    "CrashLoopBackOff",
	stateCompleted:    "Completed",
	stateError:        "Error",
	stateOther:        "",
}

// classify maps a pod to its state and the word to print.
func classify(p *controller.PodView) (podState, string) {
	if p.Terminating || p.Status == "Terminating" {
		return stateTerminating, stateWords[stateTerminating]
	}
	s := statusState(p.Status)
	if s == stateRunning && p.Ready {
		s = stateReady
	}
	if s == stateOther {
		return s, clean(p.Status)
	}
	return s, stateWords[s]
}

func statusState(status string) podState {
	switch status {
	case "Pending":
		return statePending
	case "ContainerCreating", "PodInitializing":
		return stateCreating
	case "Running":
		return stateRunning
	case "ErrImagePull":
		return stateErrImagePull
	case "ImagePullBackOff":
		return stateBackOff
	case "CrashLoopBackOff":
		return stateCrashLoop
	case "Completed", "Succeeded":
		return stateCompleted
	case "Error", "Failed":
		return stateError
	}
	return stateOther
}

// containerState maps a container to a state and word the same way.
func containerState(c *controller.ContainerView) (podState, string) {
	switch c.State {
	case "Running":
		if c.Ready {
			return stateReady, "Running, ready"
		}
		return stateRunning, "Running, not ready"
	case "Waiting":
		if c.Reason == "" {
			return statePending, "Waiting"
		}
		s := statusState(c.Reason)
		if s == stateOther {
			return s, clean(c.Reason)
		}
		return s, stateWords[s]
	case "Terminated":
		s := statusState(c.Reason)
		if s == stateOther {
			s = stateError
		}
		if c.Reason == "" {
			return s, "Terminated"
		}
		return s, clean(c.Reason)
	}
	return statePending, "Waiting"
}
