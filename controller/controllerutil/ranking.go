package controllerutil

// Which pods a ReplicaSet deletes first when it has too many, and the pod
// predicates the controllers share. Mirrors kubernetes v1.37
// pkg/controller/controller_utils.go (ActivePodsWithRanks, IsPodActive),
// pkg/controller/replicaset/replica_set.go (getPodsToDelete,
// getPodsRankedByRelatedPodsOnSameNode) and pkg/api/v1/pod/util.go
// (IsPodReady, IsPodAvailable).

import (
	"math"
	"sort"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// podPhaseOrdinal orders phases for deletion: Pending before Unknown before
// Running. Succeeded, Failed and "" are absent from upstream's map and so
// rank as 0, like Pending.
var podPhaseOrdinal = map[corev1.PodPhase]int{corev1.PodPending: 0, corev1.PodUnknown: 1, corev1.PodRunning: 2}

// IsPodActive reports whether the pod counts toward its ReplicaSet: not
// being deleted and not Succeeded or Failed.
func IsPodActive(p *corev1.Pod) bool {
	return p.Status.Phase != corev1.PodSucceeded &&
		p.Status.Phase != corev1.PodFailed &&
		p.DeletionTimestamp == nil
}

// IsPodTerminating reports whether the pod is being deleted but has not
// reached a terminal phase (what `kubectl get pods` shows as Terminating).
func IsPodTerminating(p *corev1.Pod) bool {
	return p.Status.Phase != corev1.PodSucceeded &&
		p.Status.Phase != corev1.PodFailed &&
		p.DeletionTimestamp != nil
}

// GetPodReadyCondition returns the pod's first Ready condition, or nil.
func GetPodReadyCondition(status corev1.PodStatus) *corev1.PodCondition {
	for i := range status.Conditions {
		if status.Conditions[i].Type == corev1.PodReady {
			return &status.Conditions[i]
		}
	}
	return nil
}

// IsPodReady reports whether the pod's Ready condition is True.
func IsPodReady(p *corev1.Pod) bool {
	c := GetPodReadyCondition(p.Status)
	return c != nil && c.Status == corev1.ConditionTrue
}

// IsPodAvailable reports whether the pod has been Ready for at least
// minReadySeconds at now: with minReadySeconds 0, ready is enough;
// otherwise Ready's lastTransitionTime + minReadySeconds must be ≤ now
// (ready at 10s with minReadySeconds 5 is available from 15s exactly).
// Mirrors pkg/api/v1/pod/util.go IsPodAvailable.
func IsPodAvailable(p *corev1.Pod, minReadySeconds int32, now time.Time) bool {
	if !IsPodReady(p) {
		return false
	}
	if minReadySeconds == 0 {
		return true
	}
	c := GetPodReadyCondition(p.Status)
	wait := time.Duration(minReadySeconds) * time.Second
	return !c.LastTransitionTime.IsZero() && !c.LastTransitionTime.Add(wait).After(now)
}

// podDeletionCost reads the controller.kubernetes.io/pod-deletion-cost
// annotation: an int32 in canonical decimal ("-5", "0", "10"); anything else
// ("+1", "007", "x") counts as 0, as upstream's GetDeletionCostFromPodAnnotations.
func podDeletionCost(p *corev1.Pod) int32 {
	v, ok := p.Annotations[corev1.PodDeletionCost]
	if !ok || v == "" {
		return 0
	}
	if !(v[0] == '-' || v == "0" || (v[0] >= '1' && v[0] <= '9')) {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return 0
	}
	return int32(n)
}

// ActivePodsWithRanks sorts pods so that the first ones are the best to
// delete. Rank[i] belongs to Pods[i]: the number of active related pods on
// the same node. Comparing two pods, the first rule that tells them apart
// decides:
//
//  1. not assigned to a node before assigned;
//  2. Pending before Unknown before Running;
//  3. not ready before ready;
//  4. lower pod-deletion-cost first (the PodDeletionCost feature, on by
//     default since 1.22);
//  5. higher rank first (doubled-up pods go first);
//  6. both ready: ready for a shorter time first;
//  7. more container restarts first (then more sidecar restarts);
//  8. created more recently first.
//
// In 6 and 8 times compare on a log2 scale of their age at Now (the
// LogarithmicScaleDown behaviour, GA and no longer switchable in v1.37):
// ages 5s and 7s share bucket ⌊log2(ns)⌋ and so tie; ties in the bucket go
// to the smaller UID. A zero Now (or a zero timestamp) compares the times
// exactly, a zero time counting as the newest. If no rule decides, Less is
// false. Mirrors controller_utils.go ActivePodsWithRanks.
type ActivePodsWithRanks struct {
	Pods []*corev1.Pod
	Rank []int
	Now  time.Time
}

func (s ActivePodsWithRanks) Len() int { return len(s.Pods) }

func (s ActivePodsWithRanks) Swap(i, j int) {
	s.Pods[i], s.Pods[j] = s.Pods[j], s.Pods[i]
	s.Rank[i], s.Rank[j] = s.Rank[j], s.Rank[i]
}

// Less reports whether Pods[i] should be deleted before Pods[j].
func (s ActivePodsWithRanks) Less(i, j int) bool {
	pi, pj := s.Pods[i], s.Pods[j]
	// 1. Unassigned < assigned.
	if pi.Spec.NodeName != pj.Spec.NodeName && (pi.Spec.NodeName == "" || pj.Spec.NodeName == "") {
		return pi.Spec.NodeName == ""
	}
	// 2. Pending < Unknown < Running.
	if oi, oj := podPhaseOrdinal[pi.Status.Phase], podPhaseOrdinal[pj.Status.Phase]; oi != oj {
		return oi < oj
	}
	// 3. Not ready < ready.
	ri, rj := IsPodReady(pi), IsPodReady(pj)
	if ri != rj {
		return !ri
	}
	// 4. Lower deletion cost < higher.
	if ci, cj := podDeletionCost(pi), podDeletionCost(pj); ci != cj {
		return ci < cj
	}
	// 5. Doubled up (higher rank) < not doubled up.
	if s.Rank[i] != s.Rank[j] {
		return s.Rank[i] > s.Rank[j]
	}
	// 6. Ready for less time < more time.
	if ri && rj {
		ti, tj := podReadyTime(pi), podReadyTime(pj)
		if !ti.Equal(tj) {
			if s.Now.IsZero() || ti.IsZero() || tj.IsZero() {
				return afterOrZero(ti, tj)
			}
			if d := logarithmicRankDiff(ti, tj, s.Now); d != 0 {
				return d < 0
			}
			return pi.UID < pj.UID
		}
	}
	// 7. More restarts < fewer.
	if res, ok := compareMaxContainerRestarts(pi, pj); ok {
		return res
	}
	// 8. Newer < older.
	ci, cj := pi.CreationTimestamp.Time, pj.CreationTimestamp.Time
	if !ci.Equal(cj) {
		if s.Now.IsZero() || ci.IsZero() || cj.IsZero() {
			return afterOrZero(ci, cj)
		}
		if d := logarithmicRankDiff(ci, cj, s.Now); d != 0 {
			return d < 0
		}
		return pi.UID < pj.UID
	}
	return false
}

// afterOrZero reports whether t1 is after t2, a zero time counting as after
// any other.
func afterOrZero(t1, t2 time.Time) bool {
	if t1.IsZero() || t2.IsZero() {
		return t1.IsZero()
	}
	return t1.After(t2)
}

// logarithmicRankDiff compares the ages of t1 and t2 at now in log2 buckets
// of nanoseconds (a future time is bucket −1): negative when t1 is in a
// younger bucket. Ages 3s and 3.9s: ⌊log2(3e9)⌋ = ⌊log2(3.9e9)⌋ = 31 → 0.
func logarithmicRankDiff(t1, t2, now time.Time) int64 {
	bucket := func(t time.Time) int64 {
		if d := now.Sub(t); d > 0 {
			return int64(math.Log2(float64(d)))
		}
		return -1
	}
	return bucket(t1) - bucket(t2)
}

// podReadyTime is the lastTransitionTime of the pod's Ready=True condition,
// zero when it is not ready.
func podReadyTime(p *corev1.Pod) time.Time {
	if IsPodReady(p) {
		for _, c := range p.Status.Conditions {
			if c.Type == corev1.PodReady && c.Status == corev1.ConditionTrue {
				return c.LastTransitionTime.Time
			}
		}
	}
	return time.Time{}
}

// maxContainerRestarts returns the highest restart count among regular
// containers and among sidecars (init containers with restartPolicy Always).
func maxContainerRestarts(p *corev1.Pod) (regular, sidecar int32) {
	for _, c := range p.Status.ContainerStatuses {
		regular = max(regular, c.RestartCount)
	}
	sidecars := map[string]bool{}
	for _, c := range p.Spec.InitContainers {
		if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			sidecars[c.Name] = true
		}
	}
	for _, c := range p.Status.InitContainerStatuses {
		if sidecars[c.Name] {
			sidecar = max(sidecar, c.RestartCount)
		}
	}
	return regular, sidecar
}

// compareMaxContainerRestarts reports (pi restarted more, true) when the
// restart counts differ, regular containers first, then sidecars; ok is
// false when both are equal.
func compareMaxContainerRestarts(pi, pj *corev1.Pod) (res, ok bool) {
	ri, si := maxContainerRestarts(pi)
	rj, sj := maxContainerRestarts(pj)
	if ri != rj {
		return ri > rj, true
	}
	if si != sj {
		return si > sj, true
	}
	return false, false
}

// RankPodsOnSameNode wraps pods with their ranks: each pod's rank is the
// number of active pods in related that run on the same node (pods without
// a node share the "" node). related should be the pods of every
// ReplicaSet with the same owner as the one scaling down, so a Deployment's
// pods doubled up with an older revision's pods rank higher. now is the
// reference for the log-scale comparisons. Mirrors replica_set.go
// getPodsRankedByRelatedPodsOnSameNode.
func RankPodsOnSameNode(pods, related []*corev1.Pod, now time.Time) ActivePodsWithRanks {
	onNode := map[string]int{}
	for _, p := range related {
		if IsPodActive(p) {
			onNode[p.Spec.NodeName]++
		}
	}
	ranks := make([]int, len(pods))
	for i, p := range pods {
		ranks[i] = onNode[p.Spec.NodeName]
	}
	return ActivePodsWithRanks{Pods: pods, Rank: ranks, Now: now}
}

// SortPodsForDeletion orders pods (in place) best-to-delete first, by
// ActivePodsWithRanks with ranks from related. Like upstream it leaves the
// slice untouched when all of them go anyway (diff ≥ len(pods)), and it
// uses sort.Sort (not stable), so ties keep upstream's order for the same
// input order.
func SortPodsForDeletion(pods, related []*corev1.Pod, diff int, now time.Time) {
	if diff >= len(pods) {
		return
	}
	sort.Sort(RankPodsOnSameNode(pods, related, now))
}

// GetPodsToDelete returns the diff pods the ReplicaSet controller deletes
// when it has diff too many: the first diff after SortPodsForDeletion.
// Mirrors replica_set.go getPodsToDelete.
func GetPodsToDelete(pods, related []*corev1.Pod, diff int, now time.Time) []*corev1.Pod {
	diff = min(diff, len(pods))
	SortPodsForDeletion(pods, related, diff, now)
	return pods[:diff]
}

// Reasons of the events a controller records for the pods it creates and
// deletes (controller_utils.go).
const (
	SuccessfulCreatePodReason = "SuccessfulCreate"
	SuccessfulDeletePodReason = "SuccessfulDelete"
	// FailedCreatePodReason: the apiserver refused a pod the controller
	// created (a Warning, "Error creating: …").
	FailedCreatePodReason = "FailedCreate"
)
