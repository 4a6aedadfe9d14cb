package controller

import (
	"fmt"
	"sort"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"podviz/controller/apiserver"
	"podviz/controller/controllerutil"
	deploymentutil "podviz/controller/deployment/util"
	"podviz/model"
)

// burstReplicas caps the pods one ReplicaSet sync creates or deletes
// (upstream's --concurrent-replicaset-syncs burst, 500).
const burstReplicas = 500

// syncReplicaSet is upstream's ReplicaSetController.syncReplicaSet: adopt
// matching orphans, create or delete pods to match spec.replicas, then
// write the status. Creation happens in slow-start batches 1, 2, 4, …;
// since a simulated create never fails every batch succeeds, so the batches
// only matter for the order of the SuccessfulCreate events.
func (c *Cluster) syncReplicaSet(k string) {
	rs := c.rss.Get(k)
	if rs == nil || rs.DeletionTimestamp != nil {
		return
	}
	c.claimPods(rs)
	var active []*corev1.Pod
	diff := c.pods.Counted(rs.UID) - int(deploymentutil.RSReplicas(rs))
	if diff > 0 {
		// Only a scale-down needs the pods themselves, in a fixed order.
		for _, p := range c.pods.ListOwnedBy(rs.UID) {
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
		for left := -diff; left > 0; left -= burstReplicas {
			for i := 0; i < min(left, burstReplicas); i++ {
				c.createPod(rs)
			}
		}
	case diff > 0:
		n := min(diff, burstReplicas)
		for _, p := range c.podsToDelete(rs, active, n) {
			c.record(eventNormal, reasonSuccessfulDelete, "replicaset/"+rs.Name, rs.Namespace, sourceReplicaSet, "Deleted pod: "+p.Name)
			c.pods.Delete(p, nil)
		}
		if diff > burstReplicas {
			c.rsq.add(k)
		}
	}
	c.updateReplicaSetStatus(rs)
}

// claimPods adopts orphan pods that match the ReplicaSet's selector
// (upstream's PodControllerRefManager.ClaimPods). Only orphans are looked
// at, so a settled cluster pays nothing here.
func (c *Cluster) claimPods(rs *appsv1.ReplicaSet) {
	orphans := c.pods.OwnedByUID("")
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
		c.pods.SetController(p, apiserver.NewControllerRef(rs.Name, rs.UID, "ReplicaSet", "apps/v1"))
	}
}

// createPod creates one pod from the ReplicaSet's template, named
// `<rs>-<5 chars>` from the cluster's seeded source (the apiserver's
// generateName; a taken name is drawn again).
func (c *Cluster) createPod(rs *appsv1.ReplicaSet) {
	name := ""
	for {
		name = rs.Name + "-" + model.NameSuffix(c.rng)
		if c.pods.Get(apiserver.Key(rs.Namespace, name)) == nil {
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
	c.pods.Create(p)
	c.record(eventNormal, reasonSuccessfulCreate, "replicaset/"+rs.Name, rs.Namespace, sourceReplicaSet, "Created pod: "+name)
}

// podsToDelete picks the n pods a ReplicaSet with too many deletes:
// GetPodsToDelete (upstream's getPodsToDelete), ranking each pod by the
// active pods of every ReplicaSet with the same owner that share its node.
// A ReplicaSet without an owner has no related pods, so every rank is 0, as
// upstream's getIndirectlyRelatedPods finds none for it. active is sorted
// in place.
func (c *Cluster) podsToDelete(rs *appsv1.ReplicaSet, active []*corev1.Pod, n int) []*corev1.Pod {
	var related []*corev1.Pod
	if owner := apiserver.ControllerUID(rs); owner != "" && n < len(active) {
		for _, sib := range c.rss.ListOwnedBy(owner) {
			// Only counted per node, so the map's order does not matter.
			for _, p := range c.pods.OwnedByUID(sib.UID) {
				related = append(related, p)
			}
		}
	}
	return controllerutil.GetPodsToDelete(active, related, n, c.clock.Now())
}

// updateReplicaSetStatus is upstream's calculateStatus +
// updateReplicaSetStatus: counts over active pods, written only when
// changed. With minReadySeconds, a re-sync is scheduled for when the next
// ready pod becomes available.
func (c *Cluster) updateReplicaSetStatus(rs *appsv1.ReplicaSet) {
	now := c.clock.Now()
	pods := c.pods.OwnedByUID(rs.UID)
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
		c.recheckAvailability(rs, nextAvailable.Sub(Epoch))
	}
	old := rs.Status
	if old.Replicas == st.Replicas && old.FullyLabeledReplicas == st.FullyLabeledReplicas && old.ReadyReplicas == st.ReadyReplicas &&
		old.AvailableReplicas == st.AvailableReplicas && old.ObservedGeneration == st.ObservedGeneration &&
		old.TerminatingReplicas != nil && *old.TerminatingReplicas == terminating {
		return
	}
	rs.Status = st
	c.rss.UpdateStatus(rs)
}

func (c *Cluster) recheckAvailability(rs *appsv1.ReplicaSet, at time.Duration) {
	k := apiserver.Key(rs.Namespace, rs.Name)
	if t := c.minReady[k]; t.Pending(at) {
		return
	}
	c.minReady[k].Stop()
	c.minReady[k] = c.clock.AtFunc(at, func() {
		delete(c.minReady, k)
		c.rsq.add(k)
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

var _ = fmt.Sprintf

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
