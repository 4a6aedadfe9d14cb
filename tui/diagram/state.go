package diagram

import (
	"strings"

	"podviz/controller"
)

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
	if rest, ok := strings.CutPrefix(p.Status, "Init:"); ok {
		// kubectl's init-container statuses: "Init:0/2" while they run,
		// "Init:Error", "Init:CrashLoopBackOff", "Init:ExitCode:3" when one
		// fails; the word stays kubectl's.
		s := statusState(rest)
		switch {
		case strings.HasPrefix(rest, "ExitCode:") || strings.HasPrefix(rest, "Signal:"):
			s = stateError
		case s == stateOther:
			s = stateCreating
		}
		return s, clean(p.Status)
	}
	if p.Status == "PodInitializing" {
		return stateCreating, p.Status
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

// LegendEntry explains one symbol of the diagram.
type LegendEntry struct {
	Symbol, Word, Meaning string
}

// stateMeanings say what each pod state means, for the help's legend.
var stateMeanings = [numStates]string{
	statePending:      "created; waiting for a node and a sandbox",
	stateCreating:     "on the node: pulling the image, starting containers",
	stateRunning:      "running, not ready yet",
	stateReady:        "running and ready (available after minReadySeconds)",
	stateTerminating:  "deleted: its containers are stopping",
	stateErrImagePull: "the image cannot be pulled; the kubelet retries",
	stateBackOff:      "",
	stateCrashLoop:    "the container keeps exiting; restarts back off",
	stateCompleted:    "the container exited 0 and stays stopped",
	stateError:        "the container exited with an error",
	stateOther:        "any other kubectl STATUS, printed as it is",
}

// Legend lists every pod state symbol the diagram draws (in the chosen
// alphabet) with its word and meaning, then the box borders. Symbols shared
// by two states are listed once, with both words.
func Legend(ascii bool) []LegendEntry {
	g := &unicodeGlyphs
	if ascii {
		g = &asciiGlyphs
	}
	var out []LegendEntry
	for s := podState(0); s < numStates; s++ {
		if stateMeanings[s] == "" {
			continue
		}
		word := stateWords[s]
		switch s {
		case stateErrImagePull:
			word += "/" + stateWords[stateBackOff]
		case stateOther:
			word = "(other)"
		}
		out = append(out, LegendEntry{g.states[s], word, stateMeanings[s]})
	}
	out = append(out,
		LegendEntry{g.selected.vertical, "heavy border", "the selected object (keys act on it)"},
		LegendEntry{g.pointer, "pointer", "the selected pod, in one-line form"},
		LegendEntry{g.ghost.vertical, "dashed border", "a deleted Pod nothing recreated, or where the next ReplicaSet opens"},
		LegendEntry{g.ellipsis + "-x7k2p", "short name", "a pod named after its ReplicaSet: the part after it"},
	)
	return out
}
