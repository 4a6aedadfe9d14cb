// Package replicaset is upstream's ReplicaSetController
// (pkg/controller/replicaset): it keeps each ReplicaSet's pods at
// spec.replicas, adopting matching orphans, creating pods in slow-start
// batches and deleting the ones GetPodsToDelete ranks first, and writes
// the ReplicaSet's status. It sees the cluster as a real controller does:
// the apiserver's stores (its listers, its watch and its client), the
// event recorder and the clock; its own queue and minReadySeconds timers.
// It knows nothing of Deployments: a ReplicaSet's owner matters only to
// rank the pods of its siblings.
package replicaset

import (
	"math/rand/v2"
	"sort"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"podviz/controller/apiserver"
	"podviz/controller/clock"
	"podviz/controller/controllerutil"
	"podviz/controller/events"
	"podviz/controller/workqueue"
	"podviz/model"
)

// burstReplicas caps the pods one ReplicaSet sync creates or deletes
// (upstream's --concurrent-replicaset-syncs burst, 500).
const burstReplicas = 500

// source is the controller's name in events.
const source = "replicaset-controller"

// Controller is one replicaset controller.
type Controller struct {
	clock     clock.Clock
	recorder  *events.Recorder
	rsLister  apiserver.Lister[*appsv1.ReplicaSet]
	podLister apiserver.Lister[*corev1.Pod]
	rsClient  apiserver.Client[*appsv1.ReplicaSet]
	podClient apiserver.Client[*corev1.Pod]
	// rng draws generated pod names (the cluster's one seeded source).
	rng   *rand.Rand
	queue workqueue.Queue
	// minReady holds each ReplicaSet's pending availability re-check
	// (minReadySeconds), by key.
	minReady map[string]*clock.Timer
}

// NewController returns a controller watching ReplicaSets and pods and
// writing them through the clients.
func NewController(clk clock.Clock, recorder *events.Recorder,
	rsInformer apiserver.Informer[*appsv1.ReplicaSet], podInformer apiserver.Informer[*corev1.Pod],
	rsClient apiserver.Client[*appsv1.ReplicaSet], podClient apiserver.Client[*corev1.Pod], rng *rand.Rand) *Controller {
	rsc := &Controller{clock: clk, recorder: recorder, rsLister: rsInformer, podLister: podInformer,
		rsClient: rsClient, podClient: podClient, rng: rng, minReady: map[string]*clock.Timer{}}
	rsInformer.AddHandler(apiserver.Handler[*appsv1.ReplicaSet]{
		Add:    rsc.enqueue,
		Update: func(_, rs *appsv1.ReplicaSet) { rsc.enqueue(rs) },
		// Its own status write wakes no ReplicaSet: the ReplicaSet wrote it.
		UpdateStatus: func(_, _ *appsv1.ReplicaSet) {},
		Delete: func(rs *appsv1.ReplicaSet) {
			k := apiserver.Key(rs.Namespace, rs.Name)
			rsc.minReady[k].Stop()
			delete(rsc.minReady, k)
		},
	})
	podInformer.AddHandler(apiserver.Handler[*corev1.Pod]{
		Add:    rsc.podChanged,
		Update: func(_, p *corev1.Pod) { rsc.podChanged(p) },
		Delete: rsc.podGone,
	})
	return rsc
}

// ProcessNextWorkItem syncs the next queued ReplicaSet; false when the
// queue is empty.
func (rsc *Controller) ProcessNextWorkItem() bool {
	k, ok := rsc.queue.Get()
	if ok {
		rsc.syncReplicaSet(k)
	}
	return ok
}

func (rsc *Controller) enqueue(rs *appsv1.ReplicaSet) {
	rsc.queue.Add(apiserver.Key(rs.Namespace, rs.Name))
}

// podChanged enqueues the pod's ReplicaSet (or, for an orphan, every
// ReplicaSet that could adopt it).
func (rsc *Controller) podChanged(p *corev1.Pod) {
	if uid := apiserver.ControllerUID(p); uid != "" {
		if rs := rsc.rsLister.GetByUID(uid); rs != nil {
			rsc.enqueue(rs)
		}
		return
	}
	for _, rs := range rsc.rsLister.ListNamespace(p.Namespace) {
		if p.DeletionTimestamp == nil && selectorMatches(rs.Spec.Selector, p.Labels) {
			rsc.enqueue(rs)
		}
	}
}

// podGone is podChanged for a pod that left the store.
func (rsc *Controller) podGone(p *corev1.Pod) {
	if rs := rsc.rsLister.GetByUID(apiserver.ControllerUID(p)); rs != nil {
		rsc.enqueue(rs)
	}
}

func (rsc *Controller) record(reason string, rs *appsv1.ReplicaSet, message string) {
	rsc.recorder.Record(corev1.EventTypeNormal, reason, "replicaset/"+rs.Name, rs.Namespace, source, message)
}

// syncReplicaSet is upstream's ReplicaSetController.syncReplicaSet: adopt
// matching orphans, create or delete pods to match spec.replicas, then
// write the status. Creation happens in slow-start batches 1, 2, 4, …;
// since a simulated create never fails every batch succeeds, so the batches
// only matter for the order of the SuccessfulCreate events.
func (rsc *Controller) syncReplicaSet(k string) {
	rs := rsc.rsLister.Get(k)
	if rs == nil || rs.DeletionTimestamp != nil {
		return
	}
	rsc.claimPods(rs)
	var active []*corev1.Pod
	diff := rsc.podLister.Counted(rs.UID) - int(replicas(rs))
	if diff > 0 {
		// Only a scale-down needs the pods themselves, in a fixed order.
		for _, p := range rsc.podLister.ListOwnedBy(rs.UID) {
			if controllerutil.IsPodActive(p) {
				active = append(active, p)
			}
		}
	}
	switch {
	case diff < 0:
		// Upstream creates at most burstReplicas per sync and syncs again at
		// once; doing the bursts back to back in one sync gives the same
		// pods and events without recounting 10,000 pods per burst.
	create:
		for left := -diff; left > 0; left -= burstReplicas {
			for i := 0; i < min(left, burstReplicas); i++ {
				if !rsc.createPod(rs) {
					// Upstream's slowStartBatch stops at the first refusal
					// and the sync fails; the next change to the
					// ReplicaSet or its pods tries again (podviz has no
					// rate-limited requeue: the same pod would be refused
					// again at once).
					break create
				}
			}
		}
	case diff > 0:
		n := min(diff, burstReplicas)
		for _, p := range rsc.podsToDelete(rs, active, n) {
			rsc.record(controllerutil.SuccessfulDeletePodReason, rs, "Deleted pod: "+p.Name)
			rsc.podClient.Delete(p, nil)
		}
		if diff > burstReplicas {
			rsc.queue.Add(k)
		}
	}
	rsc.updateReplicaSetStatus(rs)
}

// replicas is spec.replicas, 0 when unset (the apiserver defaults it).
func replicas(rs *appsv1.ReplicaSet) int32 {
	if rs.Spec.Replicas == nil {
		return 0
	}
	return *rs.Spec.Replicas
}

// claimPods adopts orphan pods that match the ReplicaSet's selector
// (upstream's PodControllerRefManager.ClaimPods). Only orphans are looked
// at, so a settled cluster pays nothing here.
func (rsc *Controller) claimPods(rs *appsv1.ReplicaSet) {
	orphans := rsc.podLister.OwnedByUID("")
	if len(orphans) == 0 {
		return
	}
	sel, err := metav1.LabelSelectorAsSelector(rs.Spec.Selector)
	if err != nil || sel.Empty() {
		return
	}
	var claim []*corev1.Pod
	for _, p := range orphans {
		if p.Namespace == rs.Namespace && p.DeletionTimestamp == nil && sel.Matches(labels.Set(p.Labels)) {
			claim = append(claim, p)
		}
	}
	sort.Slice(claim, func(i, j int) bool { return claim[i].Name < claim[j].Name })
	for _, p := range claim {
		rsc.podClient.SetController(p, apiserver.NewControllerRef(rs.Name, rs.UID, "ReplicaSet", "apps/v1"))
	}
}

// createPod creates one pod from the ReplicaSet's template, named
// `<rs>-<5 chars>` from the cluster's seeded source (the apiserver's
// generateName; a taken name is drawn again), and reports whether the
// apiserver admitted it; a refusal is a FailedCreate Warning in upstream's
// words (controller_utils.go createPods).
func (rsc *Controller) createPod(rs *appsv1.ReplicaSet) bool {
	name := ""
	for {
		name = rs.Name + "-" + model.NameSuffix(rsc.rng)
		if rsc.podLister.GetNamespaced(rs.Namespace, name) == nil {
			break
		}
	}
	t := rs.Spec.Template.DeepCopy()
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Name:            name,
			GenerateName:    rs.Name + "-",
			Namespace:       rs.Namespace,
			Labels:          t.Labels,
			Annotations:     t.Annotations,
			OwnerReferences: []metav1.OwnerReference{apiserver.NewControllerRef(rs.Name, rs.UID, "ReplicaSet", "apps/v1")},
		},
		Spec: t.Spec,
	}
	if err := rsc.podClient.Create(p); err != nil {
		rsc.recorder.Record(corev1.EventTypeWarning, controllerutil.FailedCreatePodReason, "replicaset/"+rs.Name, rs.Namespace, source, "Error creating: "+err.Error())
		return false
	}
	rsc.record(controllerutil.SuccessfulCreatePodReason, rs, "Created pod: "+name)
	return true
}

// podsToDelete picks the n pods a ReplicaSet with too many deletes:
// GetPodsToDelete (upstream's getPodsToDelete), ranking each pod by the
// active pods of every ReplicaSet with the same owner that share its node.
// A ReplicaSet without an owner has no related pods, so every rank is 0, as
// upstream's getIndirectlyRelatedPods finds none for it. active is sorted
// in place.
func (rsc *Controller) podsToDelete(rs *appsv1.ReplicaSet, active []*corev1.Pod, n int) []*corev1.Pod {
	var related []*corev1.Pod
	if owner := apiserver.ControllerUID(rs); owner != "" && n < len(active) {
		for _, sib := range rsc.rsLister.ListOwnedBy(owner) {
			// Only counted per node, so the map's order does not matter.
			for _, p := range rsc.podLister.OwnedByUID(sib.UID) {
				related = append(related, p)
			}
		}
	}
	return controllerutil.GetPodsToDelete(active, related, n, rsc.clock.Now())
}

// updateReplicaSetStatus is upstream's calculateStatus +
// updateReplicaSetStatus: counts over active pods, written only when
// changed. With minReadySeconds, a re-sync is scheduled for when the next
// ready pod becomes available.
func (rsc *Controller) updateReplicaSetStatus(rs *appsv1.ReplicaSet) {
	now := rsc.clock.Now()
	pods := rsc.podLister.OwnedByUID(rs.UID)
	var replicas, labeled, ready, available, terminating int32
	tmpl := rs.Spec.Template.Labels
	var nextAvailable time.Time
	generated := rs.Name + "-"
	for _, p := range pods {
		if !controllerutil.IsPodActive(p) {
			if p.DeletionTimestamp != nil {
				terminating++
			}
			continue
		}
		replicas++
		// A pod this ReplicaSet created carries its template's labels
		// (nothing in podviz relabels it); only adopted pods need a look.
		if p.GenerateName == generated || hasLabels(p.Labels, tmpl) {
			labeled++
		}
		if controllerutil.IsPodReady(p) {
			ready++
			if controllerutil.IsPodAvailable(p, rs.Spec.MinReadySeconds, now) {
				available++
			} else if cond := controllerutil.GetPodReadyCondition(p.Status); cond != nil {
				at := cond.LastTransitionTime.Add(time.Duration(rs.Spec.MinReadySeconds) * time.Second)
				if nextAvailable.IsZero() || at.Before(nextAvailable) {
					nextAvailable = at
				}
			}
		}
	}
	st := rs.Status
	st.Replicas, st.FullyLabeledReplicas, st.ReadyReplicas, st.AvailableReplicas = replicas, labeled, ready, available
	st.TerminatingReplicas = &terminating
	st.ObservedGeneration = rs.Generation
	if !nextAvailable.IsZero() {
		rsc.recheckAvailability(rs, nextAvailable.Sub(clock.Epoch))
	}
	old := rs.Status
	if old.Replicas == st.Replicas && old.FullyLabeledReplicas == st.FullyLabeledReplicas && old.ReadyReplicas == st.ReadyReplicas &&
		old.AvailableReplicas == st.AvailableReplicas && old.ObservedGeneration == st.ObservedGeneration &&
		old.TerminatingReplicas != nil && *old.TerminatingReplicas == terminating {
		return
	}
	rs.Status = st
	rsc.rsClient.UpdateStatus(rs)
}

func (rsc *Controller) recheckAvailability(rs *appsv1.ReplicaSet, at time.Duration) {
	k := apiserver.Key(rs.Namespace, rs.Name)
	if t := rsc.minReady[k]; t.Pending(at) {
		return
	}
	rsc.minReady[k].Stop()
	rsc.minReady[k] = rsc.clock.AtFunc(at, func() {
		delete(rsc.minReady, k)
		rsc.queue.Add(k)
	})
}

// selectorMatches reports whether a label selector selects the labels.
func selectorMatches(sel *metav1.LabelSelector, l map[string]string) bool {
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil || s.Empty() {
		return false
	}
	return s.Matches(labels.Set(l))
}

// hasLabels reports whether have contains every label of want (a
// selector built from want matching have, without building one).
func hasLabels(have, want map[string]string) bool {
	for k, v := range want {
		if hv, ok := have[k]; !ok || hv != v {
			return false
		}
	}
	return true
}
