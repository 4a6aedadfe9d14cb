package diagram

import (
	"strconv"
	"strings"
	"time"

	"podviz/controller"
)

// Failing reports whether a pod cannot start or keep running by itself: a
// container whose image cannot be pulled, or one that keeps crashing. A
// rollout waiting on such a pod is stuck.
func Failing(p *controller.PodView) bool {
	for i := range p.Containers {
		if failingContainer(&p.Containers[i]) {
			return true
		}
	}
	return false
}

func failingContainer(c *controller.ContainerView) bool {
	switch c.Reason {
	case "ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName", "CrashLoopBackOff":
		return true
	case "Error":
		return c.State == "Terminated"
	}
	return false
}

// trouble says, in a few words, why a pod is not running as it should and
// what the kubelet will do next, from its first failing container:
//
//	image not found       retry in 40s
//	no such repository    retry in 5m0s
//	exit 1 · 3 restarts   restart in 20s
//
// Both are "" for a pod without trouble. The times count down on the
// virtual clock; "retrying now" once the back-off is over and the attempt
// is under way.
func trouble(p *controller.PodView, now time.Duration) (why, next string) {
	for i := range p.Containers {
		c := &p.Containers[i]
		if !failingContainer(c) {
			continue
		}
		switch c.Reason {
		case "ErrImagePull", "ImagePullBackOff":
			why = pullProblem(c.Message)
			next = countdown("retry in ", c.RetryAt, now, "retrying now")
		case "ErrImageNeverPull":
			why = "image not on the node"
			next = "pull policy Never"
		case "InvalidImageName":
			why = "invalid image name"
		default: // crashed: CrashLoopBackOff, or Error before the kubelet's back-off
			why = "crashing"
			if c.Exited {
				why = "exit " + strconv.Itoa(int(c.ExitCode))
			}
			if c.Restarts > 0 {
				why += " · " + restartsWord(c.Restarts)
			}
			next = countdown("restart in ", c.RetryAt, now, "restarting now")
		}
		return why, next
	}
	return "", ""
}

// pullProblem reads the container runtime's pull error as a person would
// say it.
func pullProblem(msg string) string {
	switch {
	case strings.Contains(msg, "pull access denied"), strings.Contains(msg, "repository does not exist"):
		return "no such repository"
	case strings.Contains(msg, ": not found"):
		return "image not found"
	}
	return "image pull failed"
}

// countdown is "retry in 40s": the time left until at, rounded up to the
// second; done once it has passed; "" when nothing is scheduled.
func countdown(prefix string, at, now time.Duration, done string) string {
	if at <= 0 {
		return ""
	}
	left := at - now
	if left <= 0 {
		return done
	}
	return prefix + ((left + time.Second - 1) / time.Second * time.Second).String()
}
