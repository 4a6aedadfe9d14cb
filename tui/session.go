package tui

import (
	"strings"
	"time"

	"podviz/controller"
)

// session remembers what the user did and what the cluster did about it,
// so the "Pod vs Deployment" pane can back each row of the article's table
// with something seen on this screen.
type session struct {
	kills    []killRecord
	scales   []scaleRecord
	rollouts []rolloutRecord
}

type killRecord struct {
	at                     time.Duration
	pod, namespace         string
	replicaSet, deployment string // both "" for a bare pod
}

type scaleRecord struct {
	at         time.Duration
	deployment string
	from, to   int32
}

type rolloutRecord struct {
	at           time.Duration
	deployment   string
	command      string
	from, to     string // images
	done         bool
	doneAt       time.Duration
	minAvailable int32
}

// recordAction notes a successful action, comparing the snapshots before
// and after it.
func (s *session) recordAction(command string, at time.Duration, before, after *controller.Snapshot) {
	w := strings.Fields(strings.TrimPrefix(command, "kubectl "))
	if len(w) < 2 {
		return
	}
	switch {
	case w[0] == "delete" && w[1] == "pod" && len(w) >= 3:
		if k, ok := findPod(before, w[2]); ok {
			k.at = at
			s.kills = append(s.kills, k)
		}
	case w[0] == "scale":
		name := strings.TrimPrefix(w[1], "deployment/")
		b, a := findDeployment(before, name), findDeployment(after, name)
		if b != nil && a != nil && a.Replicas != b.Replicas {
			s.scales = append(s.scales, scaleRecord{at, name, b.Replicas, a.Replicas})
		}
	case (w[0] == "set" && w[1] == "image") || (w[0] == "rollout" && (w[1] == "undo" || w[1] == "restart")):
		if len(w) < 3 {
			return
		}
		name := strings.TrimPrefix(w[2], "deployment/")
		b, a := findDeployment(before, name), findDeployment(after, name)
		if b == nil || a == nil || a.Generation == b.Generation {
			return
		}
		s.rollouts = append(s.rollouts, rolloutRecord{at: at, deployment: name, command: command,
			from: strings.Join(b.Images, ","), to: strings.Join(a.Images, ","), minAvailable: a.AvailableReplicas})
	}
}

// observe follows rollouts in progress: the fewest available pods seen, and
// when they finish.
func (s *session) observe(snap *controller.Snapshot) {
	for i := range s.rollouts {
		r := &s.rollouts[i]
		if r.done {
			continue
		}
		d := findDeployment(snap, r.deployment)
		if d == nil {
			continue
		}
		r.minAvailable = min(r.minAvailable, d.AvailableReplicas)
		if d.RolloutDone {
			r.done, r.doneAt = true, snap.Elapsed
		}
	}
}

func findDeployment(snap *controller.Snapshot, name string) *controller.DeploymentView {
	if snap == nil {
		return nil
	}
	for i := range snap.Deployments {
		if snap.Deployments[i].Name == name {
			return &snap.Deployments[i]
		}
	}
	return nil
}

func findPod(snap *controller.Snapshot, name string) (killRecord, bool) {
	if snap == nil {
		return killRecord{}, false
	}
	for _, p := range snap.BarePods {
		if p.Name == name {
			return killRecord{pod: name, namespace: p.Namespace}, true
		}
	}
	for _, d := range snap.Deployments {
		for _, rs := range d.ReplicaSets {
			for _, p := range rs.Pods {
				if p.Name == name {
					return killRecord{pod: name, namespace: p.Namespace, replicaSet: rs.Name, deployment: d.Name}, true
				}
			}
		}
	}
	for _, rs := range snap.ReplicaSets {
		for _, p := range rs.Pods {
			if p.Name == name {
				return killRecord{pod: name, namespace: p.Namespace, replicaSet: rs.Name}, true
			}
		}
	}
	return killRecord{}, false
}

// replacement finds the pod a ReplicaSet created after a kill, from the
// event log ("Created pod: NAME" on replicaset/RS), and when.
func replacement(snap *controller.Snapshot, k killRecord) (pod string, after time.Duration, ok bool) {
	for _, e := range snap.Events {
		if e.Reason != "SuccessfulCreate" || e.Object != "replicaset/"+k.replicaSet || e.Last < k.at {
			continue
		}
		if name, found := strings.CutPrefix(e.Message, "Created pod: "); found {
			return name, e.Last - k.at, true
		}
	}
	return "", 0, false
}
