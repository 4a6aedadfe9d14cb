package util

// Pure replica arithmetic of a Deployment: the surge/unavailable fenceposts,
// the new ReplicaSet's next size, replica counts over ReplicaSets and the
// completion/progress/timeout predicates. Mirrors kubernetes v1.37
// pkg/controller/deployment/util/deployment_util.go and the ReplicaSet sort
// types of pkg/controller/controller_utils.go. Nothing here reads a clock or
// a store: callers pass what is needed, including "now".

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"podviz/controller/controllerutil"
)

// ResolveFenceposts resolves maxSurge and maxUnavailable against the desired
// replica count in one step: surge rounds up, unavailable rounds down, and if
// both come out 0 unavailable becomes 1. Both must be resolved together
// because only the pair can tell that rounding left the rollout unable to move.
//
// Validation refuses 0/0 written explicitly, but rounding down can still
// produce it: with 2 desired, maxUnavailable 1% and maxSurge 0%, surge is 0
// and unavailable rounds down to 0, so unavailable becomes 1 and the rollout
// goes old(-1), new(+1), old(-1), new(+1). With 2 desired, maxUnavailable
// 25% and maxSurge 1%, surge rounds up to 1 and unavailable down to 0: the
// rollout goes new(+1), old(-1), new(+1), old(-1). Upstream's default 25%/25%
// on 3 replicas gives surge 1 (0.75 up) and unavailable 0 (0.75 down).
// A nil value counts as 0. Mirrors deployment_util.go ResolveFenceposts.
func ResolveFenceposts(maxSurge, maxUnavailable *intstr.IntOrString, desired int32) (int32, int32, error) {
	zero := intstr.FromInt32(0)
	surge, err := intstr.GetScaledValueFromIntOrPercent(intstr.ValueOrDefault(maxSurge, zero), int(desired), true)
	if err != nil {
		return 0, 0, err
	}
	unavailable, err := intstr.GetScaledValueFromIntOrPercent(intstr.ValueOrDefault(maxUnavailable, zero), int(desired), false)
	if err != nil {
		return 0, 0, err
	}
	if surge == 0 && unavailable == 0 {
		// Rounding down made both zero; surge might be blocked by quota, so
		// upstream lets one pod go unavailable instead.
		unavailable = 1
	}
	return int32(surge), int32(unavailable), nil
}

// IsRollingUpdate reports whether the Deployment uses the RollingUpdate strategy.
func IsRollingUpdate(d *appsv1.Deployment) bool {
	return d.Spec.Strategy.Type == appsv1.RollingUpdateDeploymentStrategyType
}

// RollingParams returns the Deployment's maxSurge and maxUnavailable, nil when
// the strategy carries no rollingUpdate block (defaulting normally fills it).
func RollingParams(d *appsv1.Deployment) (maxSurge, maxUnavailable *intstr.IntOrString) {
	if ru := d.Spec.Strategy.RollingUpdate; ru != nil {
		return ru.MaxSurge, ru.MaxUnavailable
	}
	return nil, nil
}

// Replicas is spec.replicas, with the apiserver's default of 1 when unset.
func Replicas(d *appsv1.Deployment) int32 {
	if d.Spec.Replicas == nil {
		return 1
	}
	return *d.Spec.Replicas
}

// RSReplicas is a ReplicaSet's spec.replicas (0 when unset, as never synced).
func RSReplicas(rs *appsv1.ReplicaSet) int32 {
	if rs == nil || rs.Spec.Replicas == nil {
		return 0
	}
	return *rs.Spec.Replicas
}

// MaxSurge is how many pods above spec.replicas a rolling Deployment may run:
// maxSurge resolved against spec.replicas, rounding up (25% of 10 → 3).
// Recreate Deployments never surge: 0. Mirrors deployment_util.go MaxSurge.
func MaxSurge(d *appsv1.Deployment) int32 {
	if !IsRollingUpdate(d) {
		return 0
	}
	s, u := RollingParams(d)
	// Invalid values are refused by validation before they get here.
	surge, _, _ := ResolveFenceposts(s, u, Replicas(d))
	return surge
}

// MaxUnavailable is how many of spec.replicas a rolling Deployment may have
// unavailable: maxUnavailable resolved rounding down (25% of 10 → 2), 1 when
// both fenceposts resolve to 0, and never more than spec.replicas (so 100%
// of 0 replicas and the forced 1 of 0 replicas are both 0). Recreate: 0.
// Mirrors deployment_util.go MaxUnavailable.
func MaxUnavailable(d *appsv1.Deployment) int32 {
	r := Replicas(d)
	if !IsRollingUpdate(d) || r == 0 {
		return 0
	}
	s, u := RollingParams(d)
	_, unavailable, _ := ResolveFenceposts(s, u, r)
	return min(unavailable, r)
}

// MinAvailable is spec.replicas − MaxUnavailable for a rolling Deployment,
// the floor availability a rollout keeps (10 replicas, 25% → 8); 0 for
// Recreate. Mirrors deployment_util.go MinAvailable.
func MinAvailable(d *appsv1.Deployment) int32 {
	if !IsRollingUpdate(d) {
		return 0
	}
	return Replicas(d) - MaxUnavailable(d)
}

// NewRSNewReplicas is the size the new ReplicaSet may grow to in this sync.
// RollingUpdate: with total = the sum of every ReplicaSet's spec.replicas
// and R = spec.replicas, nothing changes once total ≥ R + surge; otherwise
// the new ReplicaSet grows by min(R + surge − total, R − new). Example: R 10,
// surge 3, old 10, new 0 → total 10, room 3, so new becomes 3. Recreate: R
// at once (the old ones are already gone when this is asked). Mirrors
// deployment_util.go NewRSNewReplicas.
func NewRSNewReplicas(d *appsv1.Deployment, allRSs []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet) (int32, error) {
	r := Replicas(d)
	switch d.Spec.Strategy.Type {
	case appsv1.RollingUpdateDeploymentStrategyType:
		s, _ := RollingParams(d)
		surge, err := intstr.GetScaledValueFromIntOrPercent(s, int(r), true)
		if err != nil {
			return 0, err
		}
		current := GetReplicaCountForReplicaSets(allRSs)
		maxTotal := r + int32(surge)
		if current >= maxTotal {
			return RSReplicas(newRS), nil
		}
		scaleUp := min(maxTotal-current, r-RSReplicas(newRS))
		return RSReplicas(newRS) + scaleUp, nil
	case appsv1.RecreateDeploymentStrategyType:
		return r, nil
	default:
		return 0, fmt.Errorf("deployment type %v isn't supported", d.Spec.Strategy.Type)
	}
}

// GetReplicaCountForReplicaSets sums spec.replicas (what the Deployment
// controller asked for) over the ReplicaSets, skipping nil entries.
func GetReplicaCountForReplicaSets(rss []*appsv1.ReplicaSet) int32 {
	var n int32
	for _, rs := range rss {
		n += RSReplicas(rs)
	}
	return n
}

// GetActualReplicaCountForReplicaSets sums status.replicas (pods that exist,
// as the ReplicaSet controller last counted them).
func GetActualReplicaCountForReplicaSets(rss []*appsv1.ReplicaSet) int32 {
	var n int32
	for _, rs := range rss {
		if rs != nil {
			n += rs.Status.Replicas
		}
	}
	return n
}

// GetReadyReplicaCountForReplicaSets sums status.readyReplicas.
func GetReadyReplicaCountForReplicaSets(rss []*appsv1.ReplicaSet) int32 {
	var n int32
	for _, rs := range rss {
		if rs != nil {
			n += rs.Status.ReadyReplicas
		}
	}
	return n
}

// GetAvailableReplicaCountForReplicaSets sums status.availableReplicas
// (ready for at least minReadySeconds).
func GetAvailableReplicaCountForReplicaSets(rss []*appsv1.ReplicaSet) int32 {
	var n int32
	for _, rs := range rss {
		if rs != nil {
			n += rs.Status.AvailableReplicas
		}
	}
	return n
}

// IsSaturated reports whether rs can own the whole Deployment: its
// spec.replicas and its desired-replicas annotation both equal the
// Deployment's spec.replicas, and all of those are available. Both sides
// must agree (the annotation) so that a scale of the Deployment is not taken
// for saturation. Mirrors deployment_util.go IsSaturated.
func IsSaturated(d *appsv1.Deployment, rs *appsv1.ReplicaSet) bool {
	if rs == nil {
		return false
	}
	desired, err := strconv.Atoi(rs.Annotations[DesiredReplicasAnnotation])
	if err != nil {
		return false
	}
	r := Replicas(d)
	return RSReplicas(rs) == r && int32(desired) == r && rs.Status.AvailableReplicas == r
}

// DeploymentComplete reports whether a rollout is finished in newStatus: all
// spec.replicas are updated, exist and are available (so no old pods
// remain), and the controller has observed the latest generation. Mirrors
// deployment_util.go DeploymentComplete.
func DeploymentComplete(d *appsv1.Deployment, newStatus *appsv1.DeploymentStatus) bool {
	r := Replicas(d)
	return newStatus.UpdatedReplicas == r &&
		newStatus.Replicas == r &&
		newStatus.AvailableReplicas == r &&
		newStatus.ObservedGeneration >= d.Generation
}

// DeploymentProgressing reports whether newStatus shows progress over the
// Deployment's current status: more updated pods, fewer old pods
// (replicas − updated), more ready or more available pods. Any of these
// refreshes the progress deadline. Mirrors deployment_util.go
// DeploymentProgressing.
func DeploymentProgressing(d *appsv1.Deployment, newStatus *appsv1.DeploymentStatus) bool {
	old := d.Status
	oldOld := old.Replicas - old.UpdatedReplicas
	newOld := newStatus.Replicas - newStatus.UpdatedReplicas
	return newStatus.UpdatedReplicas > old.UpdatedReplicas ||
		newOld < oldOld ||
		newStatus.ReadyReplicas > old.ReadyReplicas ||
		newStatus.AvailableReplicas > old.AvailableReplicas
}

// DeploymentTimedOut reports whether the rollout in newStatus has made no
// progress for progressDeadlineSeconds: its Progressing condition's
// lastUpdateTime + deadline is strictly before now. A missing condition
// cannot time out; reason NewReplicaSetAvailable (a finished rollout) never
// does; reason ProgressDeadlineExceeded already has. Example: last progress
// at 0s, deadline 600s: at 600s not yet, at 600.001s timed out. now is
// passed in (upstream reads time.Now through a test hook). Mirrors
// deployment_util.go DeploymentTimedOut.
func DeploymentTimedOut(d *appsv1.Deployment, newStatus *appsv1.DeploymentStatus, now time.Time) bool {
	if !HasProgressDeadline(d) {
		return false
	}
	cond := GetDeploymentCondition(*newStatus, appsv1.DeploymentProgressing)
	if cond == nil {
		return false
	}
	switch cond.Reason {
	case NewRSAvailableReason:
		// A finished rollout is not re-judged until a new one starts.
		return false
	case TimedOutReason:
		return true
	}
	deadline := time.Duration(*d.Spec.ProgressDeadlineSeconds) * time.Second
	return cond.LastUpdateTime.Add(deadline).Before(now)
}

// HasProgressDeadline reports whether the Deployment is judged against a
// progress deadline: progressDeadlineSeconds set and not MaxInt32 (which
// means "never"). Mirrors deployment_util.go HasProgressDeadline.
func HasProgressDeadline(d *appsv1.Deployment) bool {
	return d.Spec.ProgressDeadlineSeconds != nil && *d.Spec.ProgressDeadlineSeconds != math.MaxInt32
}

// HasRevisionHistoryLimit reports whether old ReplicaSets beyond a limit are
// cleaned up: revisionHistoryLimit set and not MaxInt32 (keep all).
// Mirrors deployment_util.go HasRevisionHistoryLimit.
func HasRevisionHistoryLimit(d *appsv1.Deployment) bool {
	return d.Spec.RevisionHistoryLimit != nil && *d.Spec.RevisionHistoryLimit != math.MaxInt32
}

// ReplicaSetsByRevision sorts by revision annotation, oldest first; equal or
// unparsable revisions fall back to creation time. Revision-history cleanup
// deletes from the front. Mirrors deployment_util.go ReplicaSetsByRevision.
type ReplicaSetsByRevision []*appsv1.ReplicaSet

func (o ReplicaSetsByRevision) Len() int      { return len(o) }
func (o ReplicaSetsByRevision) Swap(i, j int) { o[i], o[j] = o[j], o[i] }
func (o ReplicaSetsByRevision) Less(i, j int) bool {
	r1, err1 := Revision(o[i])
	r2, err2 := Revision(o[j])
	if err1 != nil || err2 != nil || r1 == r2 {
		return controllerutil.ReplicaSetsByCreationTimestamp(o).Less(i, j)
	}
	return r1 < r2
}

// PlanNewReplicaSetScale is the size reconcileNewReplicaSet (rolling.go)
// sets the new ReplicaSet to, and whether that is a change (a
// ScalingReplicaSet event; the rollout sync then stops there):
// at R already: (R, false); above R: scale down to R; below: NewRSNewReplicas.
// Example: R 10, maxSurge 2, old 5, new 0 → total 5, room 7, new 7.
// An unresolvable maxSurge (refused by validation) plans no change.
func PlanNewReplicaSetScale(d *appsv1.Deployment, allRSs []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet) (newReplicas int32, scaled bool) {
	cur, r := RSReplicas(newRS), Replicas(d)
	switch {
	case cur == r:
		return cur, false
	case cur > r:
		return r, true
	}
	n, err := NewRSNewReplicas(d, allRSs, newRS)
	if err != nil {
		return cur, false
	}
	return n, n != cur
}

// PlanCleanupUnhealthyReplicas is cleanupUnhealthyReplicas (rolling.go):
// it sorts oldRSs oldest first (in place) and, up to maxCleanupCount in
// total, removes each one's unhealthy replicas (spec − available). Those
// pods are not available, so removing them costs no availability.
// newSizes[i] is oldRSs[i]'s size afterwards (unchanged where nothing was
// removed); cleaned is the total removed. Example: old 10 with 8 available,
// maxCleanupCount 1 → 9, cleaned 1; maxCleanupCount 3 → 8, cleaned 2.
//
// err is upstream's "invalid request to scale down" guard: an old
// ReplicaSet reporting more available pods than spec.replicas (just scaled
// down, pods not yet gone) would be "scaled down" upward. Upstream has then
// already written the earlier ReplicaSets and abandons the rest of
// reconcileOldReplicaSets, reporting no scaling; newSizes holds those
// earlier writes (the rest unchanged) and cleaned 0, to be applied as is.
func PlanCleanupUnhealthyReplicas(oldRSs []*appsv1.ReplicaSet, maxCleanupCount int32) (newSizes []int32, cleaned int32, err error) {
	sort.Sort(controllerutil.ReplicaSetsByCreationTimestamp(oldRSs))
	newSizes = make([]int32, len(oldRSs))
	for i, rs := range oldRSs {
		newSizes[i] = RSReplicas(rs)
	}
	for i, rs := range oldRSs {
		if cleaned >= maxCleanupCount {
			break
		}
		cur := RSReplicas(rs)
		if cur == 0 || cur == rs.Status.AvailableReplicas {
			continue
		}
		down := min(maxCleanupCount-cleaned, cur-rs.Status.AvailableReplicas)
		if cur-down > cur {
			return newSizes, 0, fmt.Errorf("when cleaning up unhealthy replicas, got invalid request to scale down %s/%s %d -> %d", rs.Namespace, rs.Name, cur, cur-down)
		}
		newSizes[i] = cur - down
		cleaned += down
	}
	return newSizes, cleaned, nil
}

// PlanScaleDownOldReplicaSetsForRollingUpdate is
// scaleDownOldReplicaSetsForRollingUpdate (rolling.go): with minAvailable =
// R − MaxUnavailable and available = the sum of status.availableReplicas
// over allRSs, old ReplicaSets are scaled down oldest first (oldRSs sorted
// in place) by up to available − minAvailable in total; nothing when
// available ≤ minAvailable. newSizes[i] is oldRSs[i]'s size afterwards.
// Example: R 10, maxUnavailable 2, old 10 all available → 8, total 2.
func PlanScaleDownOldReplicaSetsForRollingUpdate(allRSs, oldRSs []*appsv1.ReplicaSet, d *appsv1.Deployment) (newSizes []int32, total int32) {
	newSizes = make([]int32, len(oldRSs))
	for i, rs := range oldRSs {
		newSizes[i] = RSReplicas(rs)
	}
	minAvailable := Replicas(d) - MaxUnavailable(d)
	available := GetAvailableReplicaCountForReplicaSets(allRSs)
	if available <= minAvailable {
		return newSizes, 0
	}
	sort.Sort(controllerutil.ReplicaSetsByCreationTimestamp(oldRSs))
	for i, rs := range oldRSs {
		newSizes[i] = RSReplicas(rs)
	}
	budget := available - minAvailable
	for i, rs := range oldRSs {
		if total >= budget {
			break
		}
		cur := RSReplicas(rs)
		if cur == 0 {
			continue
		}
		down := min(cur, budget-total)
		newSizes[i] = cur - down
		total += down
	}
	return newSizes, total
}

// PlanReconcileOldReplicaSets is reconcileOldReplicaSets (rolling.go) as a
// list of writes, in upstream's order; the same ReplicaSet may appear twice
// (cleanup, then scale-down), and each write is its own ScalingReplicaSet
// event. scaled reports what upstream returns (a scale-down happened).
//
// maxScaledDown = total − minAvailable − (new.spec − new.available), where
// total sums spec.replicas over allRSs; nothing happens when it is ≤ 0, so
// unavailable new pods never let old ones go. Then unhealthy old replicas
// go first (PlanCleanupUnhealthyReplicas, at most maxScaledDown), then
// available ones (PlanScaleDownOldReplicaSetsForRollingUpdate on the
// cleaned sizes). Upstream's worked example: R 10, maxUnavailable 2,
// maxSurge 3, new RS crashlooping at 5 with old at 8: total 13,
// minAvailable 8, new unavailable 5 → 13 − 8 − 5 = 0, old stays at 8.
// oldRSs is sorted in place; the ReplicaSets themselves are not modified.
func PlanReconcileOldReplicaSets(allRSs, oldRSs []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet, d *appsv1.Deployment) (writes []ReplicaSetSize, scaled bool) {
	if GetReplicaCountForReplicaSets(oldRSs) == 0 {
		return nil, false
	}
	total := GetReplicaCountForReplicaSets(allRSs)
	minAvailable := Replicas(d) - MaxUnavailable(d)
	newUnavailable := RSReplicas(newRS) - newRS.Status.AvailableReplicas
	maxScaledDown := total - minAvailable - newUnavailable
	if maxScaledDown <= 0 {
		return nil, false
	}
	sizes, cleaned, err := PlanCleanupUnhealthyReplicas(oldRSs, maxScaledDown)
	cleanedRSs := make([]*appsv1.ReplicaSet, len(oldRSs))
	for i, rs := range oldRSs {
		if sizes[i] != RSReplicas(rs) {
			writes = append(writes, ReplicaSetSize{RS: rs, Replicas: sizes[i]})
		}
		// What upstream's Update returns: the new size, the old status.
		c := rs.DeepCopy()
		c.Spec.Replicas = &sizes[i]
		cleanedRSs[i] = c
	}
	if err != nil {
		return writes, false
	}
	all := append(append([]*appsv1.ReplicaSet{}, cleanedRSs...), newRS)
	downSizes, down := PlanScaleDownOldReplicaSetsForRollingUpdate(all, cleanedRSs, d)
	for i, rs := range cleanedRSs {
		if downSizes[i] != RSReplicas(rs) {
			writes = append(writes, ReplicaSetSize{RS: originalOf(oldRSs, rs), Replicas: downSizes[i]})
		}
	}
	return writes, cleaned+down > 0
}

// originalOf maps a copy made in PlanReconcileOldReplicaSets back to the
// caller's object (same UID and name).
func originalOf(rss []*appsv1.ReplicaSet, c *appsv1.ReplicaSet) *appsv1.ReplicaSet {
	for _, rs := range rss {
		if rs.UID == c.UID && rs.Name == c.Name {
			return rs
		}
	}
	return c
}
