package kubelet

import (
	"time"

	"k8s.io/apimachinery/pkg/types"
)

// The container model's notices: what it did not understand in a
// container's command or image, or what it bounded (a full volume), said
// once. Upstream has no such thing — a real node runs whatever it is given
// — so they are podviz's own words, kept apart from the event log (which
// `kubectl get events` prints as the apiserver holds it) and shown beside
// it.

// Notice is one distinct notice: the first pod and container that raised
// it, when, and how many pods have raised it since (the pods of one
// template raise the same ones).
type Notice struct {
	Namespace, Pod, Container string
	Message                   string
	At                        time.Duration
	Pods                      int
}

// Bounds: a pod keeps maxNotices (the model's warnings are few per
// container); the node keeps maxNodeNotices distinct ones and counts the
// rest it could not keep.
const (
	maxNotices     = 8
	maxNodeNotices = 64
)

type noticeKey struct{ namespace, container, message string }

// notice records the model's new warnings for container cr of the pod:
// once per pod, once per node with the pods that raised it counted.
func (k *Kubelet) notice(pr *podRuntime, cr *containerRuntime, ws []string) {
	for _, w := range ws {
		key := noticeKey{pr.pod.Namespace, cr.spec.Name, w}
		if pr.noticed[key] {
			continue // a restarted container's new process warns again
		}
		if len(pr.noticed) >= maxNotices {
			k.noticesDropped++
			continue
		}
		if pr.noticed == nil {
			pr.noticed = map[noticeKey]bool{}
		}
		pr.noticed[key] = true
		pr.notices = append(pr.notices, cr.spec.Name+": "+w)
		if i, ok := k.noticeIndex[key]; ok {
			k.notices[i].Pods++
			continue
		}
		if len(k.notices) >= maxNodeNotices {
			k.noticesDropped++
			continue
		}
		if k.noticeIndex == nil {
			k.noticeIndex = map[noticeKey]int{}
		}
		k.noticeIndex[key] = len(k.notices)
		k.notices = append(k.notices, Notice{Namespace: pr.pod.Namespace, Pod: pr.pod.Name, Container: cr.spec.Name, Message: w, At: k.now(), Pods: 1})
	}
}

// Notices are the node's distinct notices, oldest first, and how many
// were not kept (past the bounds).
func (k *Kubelet) Notices() ([]Notice, uint64) {
	return append([]Notice(nil), k.notices...), k.noticesDropped
}

// PodNotices are the notices of a pod ("container: message"), in order.
func (k *Kubelet) PodNotices(uid types.UID) []string {
	if pr := k.pods[uid]; pr != nil {
		return append([]string(nil), pr.notices...)
	}
	return nil
}
