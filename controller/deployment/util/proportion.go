package util

// Proportional scaling: how a replica-count change is shared among the
// ReplicaSets of a Deployment that is mid-rollout (or paused). Mirrors
// kubernetes v1.37 pkg/controller/deployment/util/deployment_util.go
// (GetReplicaSetProportion, getReplicaSetFraction, the replicas annotations)
// and the scale() loop of pkg/controller/deployment/sync.go, as a pure plan.

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	appsv1 "k8s.io/api/apps/v1"

	"podviz/controller/controllerutil"
)

// GetDesiredReplicasAnnotation reads the desired-replicas annotation: ok is
// false when it is absent or not a non-negative int32.
func GetDesiredReplicasAnnotation(rs *appsv1.ReplicaSet) (int32, bool) {
	return nonNegativeInt32Annotation(rs, DesiredReplicasAnnotation)
}

// getMaxReplicasAnnotation reads the max-replicas annotation like
// GetDesiredReplicasAnnotation.
func getMaxReplicasAnnotation(rs *appsv1.ReplicaSet) (int32, bool) {
	return nonNegativeInt32Annotation(rs, MaxReplicasAnnotation)
}

// nonNegativeInt32Annotation parses an unsigned decimal annotation that fits
// in an int32 ("+1", "-1" and "2147483648" are all rejected).
func nonNegativeInt32Annotation(rs *appsv1.ReplicaSet, key string) (int32, bool) {
	v, ok := rs.Annotations[key]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil || n > math.MaxInt32 {
		return 0, false
	}
	return int32(n), true
}

// SetReplicasAnnotations records desired (spec.replicas) and max
// (spec.replicas + maxSurge) on rs and reports whether either changed.
func SetReplicasAnnotations(rs *appsv1.ReplicaSet, desired, maxReplicas int32) bool {
	if rs.Annotations == nil {
		rs.Annotations = map[string]string{}
	}
	changed := setAnnotation(rs, DesiredReplicasAnnotation, desired)
	return setAnnotation(rs, MaxReplicasAnnotation, maxReplicas) || changed
}

// setAnnotation writes v in decimal under key and reports whether it changed.
func setAnnotation(rs *appsv1.ReplicaSet, key string, v int32) bool {
	s := strconv.FormatInt(int64(v), 10)
	if rs.Annotations[key] == s {
		return false
	}
	rs.Annotations[key] = s
	return true
}

// ReplicasAnnotationsNeedUpdate reports whether SetReplicasAnnotations with
// the same values would change rs (true also when rs has no annotations).
func ReplicasAnnotationsNeedUpdate(rs *appsv1.ReplicaSet, desired, maxReplicas int32) bool {
	if rs.Annotations == nil {
		return true
	}
	return rs.Annotations[DesiredReplicasAnnotation] != strconv.FormatInt(int64(desired), 10) ||
		rs.Annotations[MaxReplicasAnnotation] != strconv.FormatInt(int64(maxReplicas), 10)
}

// GetReplicaSetProportion is how many replicas rs gains (or, negative, loses)
// in a proportional scale, given the Deployment's total change toAdd and the
// part of it already handed out (added): rs's fraction, capped so the total
// never overshoots — min(fraction, toAdd − added) when adding, max(…) when
// removing. 0 for an empty rs or when nothing is left to hand out.
// Example (10/3/2 → 15, toAdd 5): old 8 gets round(8×18/13) − 8 = 3,
// then new 5 gets min(round(5×18/13) − 5, 5 − 3) = min(2, 2) = 2.
// Mirrors deployment_util.go GetReplicaSetProportion.
func GetReplicaSetProportion(rs *appsv1.ReplicaSet, d *appsv1.Deployment, toAdd, added int32) int32 {
	if rs == nil || RSReplicas(rs) == 0 || toAdd == 0 || toAdd == added {
		return 0
	}
	fraction := getReplicaSetFraction(rs, d)
	allowed := toAdd - added
	if toAdd > 0 {
		return min(fraction, allowed)
	}
	return max(fraction, allowed)
}

// GetProportion is GetReplicaSetProportion under its pre-1.27 name, which
// the podviz brief uses.
func GetProportion(rs *appsv1.ReplicaSet, d *appsv1.Deployment, toAdd, added int32) int32 {
	return GetReplicaSetProportion(rs, d, toAdd, added)
}

// getReplicaSetFraction is rs's share of a scale before capping:
// round(rs.replicas × (R + surge) ÷ max-replicas annotation) − rs.replicas,
// rounding halves away from zero. Scaling to 0 takes everything
// (−rs.replicas). A missing or zero annotation falls back to the
// Deployment's status.replicas, and to a 0 share if that is 0 too.
// Example: R 10 → 15 with surge 3 (max 13 → 18), rs of 8:
// round(8 × 18 / 13) = round(11.08) = 11, so +3.
func getReplicaSetFraction(rs *appsv1.ReplicaSet, d *appsv1.Deployment) int32 {
	if Replicas(d) == 0 {
		return -RSReplicas(rs)
	}
	deploymentMax := Replicas(d) + MaxSurge(d)
	before, ok := getMaxReplicasAnnotation(rs)
	if !ok || before == 0 {
		before = d.Status.Replicas
		if before == 0 {
			return 0
		}
	}
	base := RSReplicas(rs)
	// int32 product as upstream computes it, then a float division.
	size := float64(base*deploymentMax) / float64(before)
	return roundToInt32(size) - base
}

// roundToInt32 rounds half away from zero, like k8s.io/utils/integer.RoundToInt32.
func roundToInt32(a float64) int32 {
	if a < 0 {
		return int32(a - 0.5)
	}
	return int32(a + 0.5)
}

// ReplicaSetSize is one entry of a scaling plan: the ReplicaSet and the
// spec.replicas it should be set to.
type ReplicaSetSize struct {
	RS       *appsv1.ReplicaSet
	Replicas int32
	// Force is true when the write must happen even at an unchanged size, so
	// that the replicas annotations are refreshed (upstream's forceUpdate in
	// the proportional branch of scale()).
	Force bool
}

// ProportionalScale plans what upstream's scale() in sync.go does on a
// scaling event (spec.replicas changed while the rollout is unfinished, or
// while paused). It returns, in the order upstream writes them, the sizes to
// set; ReplicaSets absent from the plan stay as they are. The rules, first
// match wins:
//
//  1. At most one active ReplicaSet (FindActiveOrLatest): it goes to R; nothing
//     if it is already there.
//  2. The new ReplicaSet is saturated (IsSaturated): every active old one goes to 0.
//  3. RollingUpdate: allowed = R + MaxSurge (0 when R is 0) and toAdd =
//     allowed − the sum of the active ReplicaSets' replicas. Visit the active
//     ones largest first (ties: newest first when adding, oldest first when
//     removing); each gets GetReplicaSetProportion. The leftover
//     (toAdd − handed out) goes to the first visited, floored at 0. Every
//     active ReplicaSet is written (Force), so its annotations move to the new R.
//  4. Recreate with several active: nothing.
//
// Worked example (upstream's documented case): R 10, maxSurge 3,
// maxUnavailable 2, a bad image leaves old 8 / new 5 (both annotated max 13).
// Scaling to 15: allowed 15 + 3 = 18, toAdd 18 − 13 = 5. Old (8, largest) gets round(8×18/13) − 8 = 3, new gets
// min(round(5×18/13) − 5, 2) = 2; leftover 0. Result old 11 / new 7.
//
// newRS may be nil. oldRSs is sorted in place (newest first), as upstream.
func ProportionalScale(d *appsv1.Deployment, newRS *appsv1.ReplicaSet, oldRSs []*appsv1.ReplicaSet) []ReplicaSetSize {
	r := Replicas(d)
	if one := FindActiveOrLatest(newRS, oldRSs); one != nil {
		if RSReplicas(one) == r {
			return nil
		}
		return []ReplicaSetSize{{RS: one, Replicas: r}}
	}
	if IsSaturated(d, newRS) {
		var plan []ReplicaSetSize
		for _, old := range controllerutil.FilterActiveReplicaSets(oldRSs) {
			plan = append(plan, ReplicaSetSize{RS: old, Replicas: 0})
		}
		return plan
	}
	if !IsRollingUpdate(d) {
		return nil
	}
	all := make([]*appsv1.ReplicaSet, 0, len(oldRSs)+1)
	all = append(all, oldRSs...)
	active := controllerutil.FilterActiveReplicaSets(append(all, newRS))

	var allowed int32
	if r > 0 {
		allowed = r + MaxSurge(d)
	}
	toAdd := allowed - GetReplicaCountForReplicaSets(active)
	switch {
	case toAdd > 0:
		sort.Sort(controllerutil.ReplicaSetsBySizeNewer(active))
	case toAdd < 0:
		sort.Sort(controllerutil.ReplicaSetsBySizeOlder(active))
	}

	plan := make([]ReplicaSetSize, len(active))
	var added int32
	for i, rs := range active {
		size := RSReplicas(rs)
		if toAdd != 0 {
			p := GetReplicaSetProportion(rs, d, toAdd, added)
			size += p
			added += p
		}
		plan[i] = ReplicaSetSize{RS: rs, Replicas: size, Force: true}
	}
	if len(plan) > 0 && toAdd != 0 {
		plan[0].Replicas = max(plan[0].Replicas+toAdd-added, 0)
	}
	return plan
}

// String renders a plan entry as "name→size", for test failures and logs.
func (s ReplicaSetSize) String() string {
	return fmt.Sprintf("%s→%d", s.RS.Name, s.Replicas)
}
