package script

import "podviz/controller"

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
