package script

import (
	"math"
	"time"

	"podviz/controller"
)

// backOffReasons are the waiting reasons of a container that is only
// waiting out a back-off: the kubelet retries it, forever, and nothing else
// changes meanwhile.
var backOffReasons = map[string]bool{
	"CrashLoopBackOff": true,
	"ImagePullBackOff": true,
	"ErrImagePull":     true,
}

// Settled reports whether the cluster has come to rest, what a script's
// `after: settled` waits for: nothing is pending (the virtual clock would
// change nothing), or the cluster is stalled — at least one Deployment's
// rollout has exceeded its progress deadline (`kubectl rollout status`
// fails), every other Deployment has rolled out, no pod is terminating,
// and every pod that is not Ready is waiting out a back-off or has
// finished. A stalled cluster only retries pulls and restarts until someone
// acts (upstream never rolls back by itself), so a demo waiting for "done"
// must count it as done. A crash loop that no progress deadline covers (a
// bare Pod, a Deployment that had rolled out) never settles: wait for it
// with `wait:` or `at:`.
func Settled(snap *controller.Snapshot) bool {
	if snap.Idle {
		return true
	}
	stalled := false
	for i := range snap.Deployments {
		d := &snap.Deployments[i]
		switch {
		case d.RolloutFailed:
			stalled = true
		case !d.RolloutDone:
			return false
		}
	}
	if !stalled {
		return false
	}
	resting := func(p *controller.PodView) bool {
		if p.Terminating {
			return false
		}
		if p.Ready || p.Phase == "Succeeded" || p.Phase == "Failed" {
			return true
		}
		for _, c := range p.Containers {
			if !(c.State == "Running" && c.Ready) && !(c.State == "Waiting" && backOffReasons[c.Reason]) {
				return false
			}
		}
		return len(p.Containers) > 0
	}
	for i := range snap.Deployments {
		for _, rs := range snap.Deployments[i].ReplicaSets {
			for j := range rs.Pods {
				if !resting(&rs.Pods[j]) {
					return false
				}
			}
		}
	}
	for _, rs := range snap.ReplicaSets {
		for j := range rs.Pods {
			if !resting(&rs.Pods[j]) {
				return false
			}
		}
	}
	for j := range snap.BarePods {
		if !resting(&snap.BarePods[j]) {
			return false
		}
	}
	return true
}

// noStallBefore is the earliest virtual time a stall could begin, judged
// from a snapshot that is not settled, if nobody acts on the cluster
// meanwhile: a stall needs a rollout past its progress deadline, and a
// Deployment times out only when its Progressing condition's last update
// is more than progressDeadlineSeconds old (a finished rollout is not
// judged until it makes progress again, which is now at the earliest).
// Until then Settled can only be true through Idle, which is cheap to see;
// the player uses this to skip building snapshots through a long rollout.
func noStallBefore(snap *controller.Snapshot) time.Duration {
	earliest := time.Duration(math.MaxInt64)
	for i := range snap.Deployments {
		d := &snap.Deployments[i]
		if d.RolloutFailed {
			return snap.Elapsed
		}
		if d.Paused || d.ProgressDeadlineSeconds <= 0 || d.ProgressDeadlineSeconds == math.MaxInt32 {
			continue // paused and deadline-less Deployments do not time out
		}
		from := snap.Elapsed
		if !d.RolloutDone {
			from = 0 // no Progressing condition: assume the oldest
			for _, c := range d.Conditions {
				if c.Type == "Progressing" {
					from = c.LastUpdate
				}
			}
		}
		earliest = min(earliest, from+time.Duration(d.ProgressDeadlineSeconds)*time.Second)
	}
	return earliest
}
