package util

// Tables reproduced from kubernetes v1.37
// pkg/controller/deployment/util/deployment_util_test.go and
// pkg/controller/deployment/rolling_test.go; case names spell out the
// arithmetic (upstream numbers most rolling cases only by index).

import (
	"math"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

func TestResolveFenceposts(t *testing.T) {
	str := func(s string) *intstr.IntOrString { return duPercent(s) }
	tests := []struct {
		name                       string
		maxSurge, maxUnavailable   *intstr.IntOrString
		desired                    int32
		wantSurge, wantUnavailable int32
		wantErr                    bool
	}{
		{name: "0% and 0% of 0 → surge 0, unavailable forced to 1", maxSurge: str("0%"), maxUnavailable: str("0%"), desired: 0, wantSurge: 0, wantUnavailable: 1},
		{name: "39% and 39% of 10 → surge 3.9 up to 4, unavailable 3.9 down to 3", maxSurge: str("39%"), maxUnavailable: str("39%"), desired: 10, wantSurge: 4, wantUnavailable: 3},
		{name: "surge \"oops\" is an error", maxSurge: str("oops"), maxUnavailable: str("39%"), desired: 10, wantErr: true},
		{name: "unavailable \"urg\" is an error", maxSurge: str("55%"), maxUnavailable: str("urg"), desired: 10, wantErr: true},
		{name: "nil surge counts as 0; 39% of 10 → unavailable 3", maxUnavailable: str("39%"), desired: 10, wantSurge: 0, wantUnavailable: 3},
		{name: "39% of 10 → surge 4; nil unavailable counts as 0", maxSurge: str("39%"), desired: 10, wantSurge: 4, wantUnavailable: 0},
		{name: "nil and nil of 10 → 0 and 0, unavailable forced to 1", desired: 10, wantSurge: 0, wantUnavailable: 1},
		// podviz's own: the defaults on the article's 3 replicas.
		{name: "25% and 25% of 3 → surge 0.75 up to 1, unavailable 0.75 down to 0", maxSurge: str("25%"), maxUnavailable: str("25%"), desired: 3, wantSurge: 1, wantUnavailable: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			surge, unavailable, err := ResolveFenceposts(tt.maxSurge, tt.maxUnavailable, tt.desired)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if surge != tt.wantSurge || unavailable != tt.wantUnavailable {
				t.Errorf("got %d:%d, want %d:%d", surge, unavailable, tt.wantSurge, tt.wantUnavailable)
			}
		})
	}
}

func TestNewRSNewReplicas(t *testing.T) {
	tests := []struct {
		name          string
		strategy      appsv1.DeploymentStrategyType
		depReplicas   int32
		newRSReplicas int32
		maxSurge      int32
		want          int32
	}{
		{"can not scale up - to newRSReplicas", appsv1.RollingUpdateDeploymentStrategyType, 1, 5, 1, 5},
		{"scale up - to depReplicas", appsv1.RollingUpdateDeploymentStrategyType, 6, 2, 10, 6},
		{"recreate - to depReplicas", appsv1.RecreateDeploymentStrategyType, 3, 1, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := duImageDeployment("nginx")
			d.Spec.Replicas = duInt32(tt.depReplicas)
			d.Spec.Strategy = appsv1.DeploymentStrategy{
				Type:          tt.strategy,
				RollingUpdate: &appsv1.RollingUpdateDeployment{MaxUnavailable: duIntOrStr(1), MaxSurge: duIntOrStr(tt.maxSurge)},
			}
			newRS := duRSFor(d, "new")
			newRS.Spec.Replicas = duInt32(tt.newRSReplicas)
			rs5 := duRSFor(d, "five")
			rs5.Spec.Replicas = duInt32(5)

			got, err := NewRSNewReplicas(d, []*appsv1.ReplicaSet{rs5}, newRS)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestGetReplicaCountForReplicaSets(t *testing.T) {
	mk := func(name string, spec, status int32) *appsv1.ReplicaSet {
		rs := duRS(name, spec, duNoTimestamp)
		rs.Status.Replicas = status
		return rs
	}
	rs1, rs2, rs3, rs4 := mk("foo-rs", 1, 2), mk("bar-rs", 2, 3), mk("unsynced-rs", 3, 0), mk("dropped-rs", 1, 1)
	tests := []struct {
		name       string
		sets       []*appsv1.ReplicaSet
		wantCount  int32
		wantActual int32
	}{
		{"scaling down rs1", []*appsv1.ReplicaSet{rs1}, 1, 2},
		{"scaling down rs1 and rs2", []*appsv1.ReplicaSet{rs1, rs2}, 3, 5},
		{"scaling up rs3", []*appsv1.ReplicaSet{rs3}, 3, 0},
		{"scaling down rs1 and rs2 and scaling up rs3", []*appsv1.ReplicaSet{rs1, rs2, rs3}, 6, 5},
		{"rs4 alone", []*appsv1.ReplicaSet{rs4}, 1, 1},
		{"rs4 with rs1, rs2, rs3 and a nil entry", []*appsv1.ReplicaSet{rs1, rs2, nil, rs3, rs4}, 7, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GetReplicaCountForReplicaSets(tt.sets); got != tt.wantCount {
				t.Errorf("spec count %d, want %d", got, tt.wantCount)
			}
			if got := GetActualReplicaCountForReplicaSets(tt.sets); got != tt.wantActual {
				t.Errorf("actual count %d, want %d", got, tt.wantActual)
			}
		})
	}
}

func TestDeploymentComplete(t *testing.T) {
	deployment := func(desired, current, updated, available, maxUnavailable, maxSurge int32) *appsv1.Deployment {
		d := duDeployment("foo", desired, duIntOrStr(maxSurge), duIntOrStr(maxUnavailable), nil)
		d.Status = appsv1.DeploymentStatus{Replicas: current, UpdatedReplicas: updated, AvailableReplicas: available}
		return d
	}
	tests := []struct {
		name string
		d    *appsv1.Deployment
		want bool
	}{
		{"not complete: min but not all pods become available", deployment(5, 5, 5, 4, 1, 0), false},
		{"not complete: min availability is not honored", deployment(5, 5, 5, 3, 1, 0), false},
		{"complete", deployment(5, 5, 5, 5, 0, 0), true},
		{"not complete: all pods are available but not updated", deployment(5, 5, 4, 5, 0, 0), false},
		{"not complete: still running old pods", deployment(1, 2, 1, 1, 0, 1), false},
		{"not complete: one replica deployment never comes up", deployment(1, 1, 1, 0, 1, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DeploymentComplete(tt.d, &tt.d.Status); got != tt.want {
				t.Errorf("complete = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDeploymentProgressing(t *testing.T) {
	status := func(current, updated, ready, available int32) appsv1.DeploymentStatus {
		return appsv1.DeploymentStatus{Replicas: current, UpdatedReplicas: updated, ReadyReplicas: ready, AvailableReplicas: available}
	}
	tests := []struct {
		name     string
		old, new appsv1.DeploymentStatus
		want     bool
	}{
		{"progressing: updated pods", status(10, 4, 4, 4), status(10, 6, 4, 4), true},
		{"not progressing", status(10, 4, 4, 4), status(10, 4, 4, 4), false},
		{"progressing: old pods removed", status(10, 4, 6, 6), status(8, 4, 6, 6), true},
		{"not progressing: less new pods", status(10, 7, 3, 3), status(10, 6, 3, 3), false},
		{"progressing: less overall but more new pods", status(10, 4, 7, 7), status(8, 8, 5, 5), true},
		{"progressing: more ready pods", status(10, 10, 9, 8), status(10, 10, 10, 8), true},
		{"progressing: more available pods", status(10, 10, 10, 9), status(10, 10, 10, 10), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &appsv1.Deployment{Status: tt.old}
			if got := DeploymentProgressing(d, &tt.new); got != tt.want {
				t.Errorf("progressing = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDeploymentTimedOut(t *testing.T) {
	ten, infinite := int32(10), int32(math.MaxInt32)
	at := func(min, sec int) time.Time { return time.Date(2016, 1, 1, 0, min, sec, 0, time.UTC) }
	deployment := func(reason string, pds *int32, from time.Time) *appsv1.Deployment {
		return &appsv1.Deployment{
			Spec: appsv1.DeploymentSpec{ProgressDeadlineSeconds: pds},
			Status: appsv1.DeploymentStatus{Conditions: []appsv1.DeploymentCondition{{
				Type: appsv1.DeploymentProgressing, Status: corev1.ConditionTrue, Reason: reason,
				LastUpdateTime: metav1.Time{Time: from},
			}}},
		}
	}
	tests := []struct {
		name string
		d    *appsv1.Deployment
		now  time.Time
		want bool
	}{
		{"nil progressDeadlineSeconds specified - no timeout", deployment("", nil, at(1, 9)), at(1, 20), false},
		{"infinite progressDeadlineSeconds specified - no timeout", deployment("", &infinite, at(1, 9)), at(1, 20), false},
		{"progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:09 => 11s", deployment("", &ten, at(1, 9)), at(1, 20), true},
		{"progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:11 => 9s", deployment("", &ten, at(1, 11)), at(1, 20), false},
		{"previous status was a complete deployment", deployment(NewRSAvailableReason, nil, time.Time{}), time.Time{}, false},
		// podviz's own: the boundary is strict (Before), and a recorded timeout stays.
		{"progressDeadlineSeconds: 10s, exactly 10s since progress - not yet", deployment("", &ten, at(1, 10)), at(1, 20), false},
		{"already ProgressDeadlineExceeded - timed out whatever the time", deployment(TimedOutReason, &ten, at(1, 19)), at(1, 20), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DeploymentTimedOut(tt.d, &tt.d.Status, tt.now); got != tt.want {
				t.Errorf("timed out = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMaxUnavailable(t *testing.T) {
	deployment := func(replicas int32, maxUnavailable *intstr.IntOrString) *appsv1.Deployment {
		return duDeployment("foo", replicas, duIntOrStr(1), maxUnavailable, nil)
	}
	recreate := &appsv1.Deployment{Spec: appsv1.DeploymentSpec{Strategy: appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType}}}
	tests := []struct {
		name string
		d    *appsv1.Deployment
		want int32
	}{
		{"maxUnavailable less than replicas", deployment(10, duIntOrStr(5)), 5},
		{"maxUnavailable equal replicas", deployment(10, duIntOrStr(10)), 10},
		{"maxUnavailable greater than replicas", deployment(5, duIntOrStr(10)), 5},
		{"maxUnavailable with replicas is 0", deployment(0, duIntOrStr(10)), 0},
		{"maxUnavailable with Recreate deployment strategy", recreate, 0},
		{"maxUnavailable less than replicas with percents", deployment(10, duPercent("50%")), 5},
		{"maxUnavailable equal replicas with percents", deployment(10, duPercent("100%")), 10},
		{"maxUnavailable greater than replicas with percents", deployment(5, duPercent("100%")), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaxUnavailable(tt.d); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestMinAvailable(t *testing.T) {
	deployment := func(replicas int32, maxUnavailable *intstr.IntOrString) *appsv1.Deployment {
		return duDeployment("foo", replicas, duIntOrStr(1), maxUnavailable, nil)
	}
	recreate := &appsv1.Deployment{Spec: appsv1.DeploymentSpec{Replicas: duInt32(10), Strategy: appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType}}}
	tests := []struct {
		name string
		d    *appsv1.Deployment
		want int32
	}{
		{"replicas greater than maxUnavailable", deployment(10, duIntOrStr(5)), 5},
		{"replicas equal maxUnavailable", deployment(10, duIntOrStr(10)), 0},
		{"replicas less than maxUnavailable", deployment(5, duIntOrStr(10)), 0},
		{"replicas is 0", deployment(0, duIntOrStr(10)), 0},
		{"minAvailable with Recreate deployment strategy", recreate, 0},
		{"replicas greater than maxUnavailable with percents", deployment(10, duPercent("60%")), 4},
		{"replicas equal maxUnavailable with percents", deployment(10, duPercent("100%")), 0},
		{"replicas less than maxUnavailable with percents", deployment(5, duPercent("100%")), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MinAvailable(tt.d); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestMaxSurge(t *testing.T) {
	tests := []struct {
		name string
		d    *appsv1.Deployment
		want int32
	}{
		{"25% of 10 rounds 2.5 up to 3", duDeployment("foo", 10, duPercent("25%"), duPercent("25%"), nil), 3},
		{"absolute 3 of 10 is 3", duDeployment("foo", 10, duIntOrStr(3), duIntOrStr(2), nil), 3},
		{"Recreate never surges", &appsv1.Deployment{Spec: appsv1.DeploymentSpec{Replicas: duInt32(10), Strategy: appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType}}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaxSurge(tt.d); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

// Rolling-update planners: pkg/controller/deployment/rolling_test.go.

func TestPlanNewReplicaSetScale(t *testing.T) {
	// TestDeploymentController_reconcileNewReplicaSet: maxUnavailable 0.
	tests := []struct {
		name                 string
		replicas, maxSurge   int32
		oldReplicas, newReps int32
		wantScaled           bool
		wantNew              int32
	}{
		{"R 10, surge 0, old 10, new 0: total 10 ≥ 10, no scale", 10, 0, 10, 0, false, 0},
		{"R 10, surge 2, old 10, new 0: room 12 − 10 = 2, new 2", 10, 2, 10, 0, true, 2},
		{"R 10, surge 2, old 5, new 0: room 12 − 5 = 7, new 7", 10, 2, 5, 0, true, 7},
		{"R 10, surge 2, old 10, new 2: total 12 ≥ 12, no scale", 10, 2, 10, 2, false, 2},
		{"R 10, surge 2, old 2, new 11: new above R, scale down to 10", 10, 2, 2, 11, true, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			newRS := duRS("foo-v2", tt.newReps, duNoTimestamp)
			oldRS := duRS("foo-v1", tt.oldReplicas, duNoTimestamp)
			d := duDeployment("foo", tt.replicas, duIntOrStr(tt.maxSurge), duIntOrStr(0), map[string]string{"foo": "bar"})

			got, scaled := PlanNewReplicaSetScale(d, []*appsv1.ReplicaSet{newRS, oldRS}, newRS)
			if scaled != tt.wantScaled {
				t.Fatalf("scaled = %v, want %v", scaled, tt.wantScaled)
			}
			if got != tt.wantNew {
				t.Errorf("new replicas %d, want %d", got, tt.wantNew)
			}
		})
	}
}

func TestPlanReconcileOldReplicaSets(t *testing.T) {
	// TestDeploymentController_reconcileOldReplicaSets: maxSurge 0. Upstream
	// checks only "scaled"; the sizes here follow from its arithmetic
	// (cleanup, then scale-down by available − minAvailable).
	tests := []struct {
		name                       string
		replicas, maxUnavailable   int32
		oldReplicas, newReplicas   int32
		oldAvailable, newAvailable int32
		wantScaled                 bool
		wantOld                    int32
	}{
		{"R 10, surge 0 and unavailable 0 (forced to 1), old 10 all available: down by 1 → old 9", 10, 0, 10, 0, 10, 0, true, 9},
		{"R 10, unavailable 2, old 10 all available: down by 2 → old 8", 10, 2, 10, 0, 10, 0, true, 8},
		{"R 10, unavailable 2, old 10 with 8 available: 2 unhealthy cleaned → old 8", 10, 2, 10, 0, 8, 0, true, 8},
		{"R 10, unavailable 2, old 10 with 9 available: 1 cleaned, 1 scaled → old 8", 10, 2, 10, 0, 9, 0, true, 8},
		{"R 10, unavailable 2, old 8 + new 2 unavailable: 10 − 8 − 2 = 0, no scale", 10, 2, 8, 2, 8, 0, false, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			newRS := duRSAvailable("foo-new", tt.newReplicas, tt.newAvailable, duNoTimestamp)
			oldRS := duRSAvailable("foo-old", tt.oldReplicas, tt.oldAvailable, duNoTimestamp)
			d := duDeployment("foo", tt.replicas, duIntOrStr(0), duIntOrStr(tt.maxUnavailable), map[string]string{"foo": "new"})

			writes, scaled := PlanReconcileOldReplicaSets([]*appsv1.ReplicaSet{oldRS, newRS}, []*appsv1.ReplicaSet{oldRS}, newRS, d)
			if scaled != tt.wantScaled {
				t.Fatalf("scaled = %v, want %v (writes %v)", scaled, tt.wantScaled, writes)
			}
			final := *oldRS.Spec.Replicas
			for _, w := range writes {
				if w.RS != oldRS {
					t.Fatalf("write to %s, want only foo-old", w.RS.Name)
				}
				final = w.Replicas
			}
			if final != tt.wantOld {
				t.Errorf("old ends at %d, want %d (writes %v)", final, tt.wantOld, writes)
			}
			if *oldRS.Spec.Replicas != tt.oldReplicas {
				t.Errorf("planner modified the ReplicaSet")
			}
		})
	}
}

func TestPlanCleanupUnhealthyReplicas(t *testing.T) {
	// TestDeploymentController_cleanupUnhealthyReplicas: old 10.
	tests := []struct {
		name            string
		available       int32
		maxCleanupCount int32
		wantCleaned     int32
	}{
		{"8 of 10 available, cap 1: 1 cleaned", 8, 1, 1},
		{"8 of 10 available, cap 3: both unhealthy cleaned", 8, 3, 2},
		{"8 of 10 available, cap 0: none", 8, 0, 0},
		{"10 of 10 available, cap 3: nothing unhealthy", 10, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oldRS := duRSAvailable("foo-v2", 10, tt.available, duNoTimestamp)
			sizes, cleaned, err := PlanCleanupUnhealthyReplicas([]*appsv1.ReplicaSet{oldRS}, tt.maxCleanupCount)
			if err != nil {
				t.Fatal(err)
			}
			if cleaned != tt.wantCleaned {
				t.Errorf("cleaned %d, want %d", cleaned, tt.wantCleaned)
			}
			if sizes[0] != 10-tt.wantCleaned {
				t.Errorf("size %d, want %d", sizes[0], 10-tt.wantCleaned)
			}
		})
	}
	t.Run("oldest first across ReplicaSets, within the cap", func(t *testing.T) {
		newer := duRSAvailable("newer", 4, 2, metav1.NewTime(duEpoch.Add(time.Hour)))
		older := duRSAvailable("older", 3, 2, metav1.NewTime(duEpoch))
		rss := []*appsv1.ReplicaSet{newer, older}
		sizes, cleaned, err := PlanCleanupUnhealthyReplicas(rss, 2)
		if err != nil {
			t.Fatal(err)
		}
		// older: 1 unhealthy → 2; newer: min(2 − 1, 2) = 1 → 3.
		if rss[0] != older || sizes[0] != 2 || sizes[1] != 3 || cleaned != 2 {
			t.Errorf("got %v sizes %v cleaned %d, want [older newer] [2 3] 2", rss, sizes, cleaned)
		}
	})
	t.Run("more available than spec is upstream's invalid scale-down error", func(t *testing.T) {
		rs := duRSAvailable("shrinking", 2, 3, duNoTimestamp)
		sizes, cleaned, err := PlanCleanupUnhealthyReplicas([]*appsv1.ReplicaSet{rs}, 5)
		if err == nil || cleaned != 0 || sizes[0] != 2 {
			t.Errorf("got sizes %v cleaned %d err %v, want [2] 0 and an error", sizes, cleaned, err)
		}
	})
}

func TestPlanScaleDownOldReplicaSetsForRollingUpdate(t *testing.T) {
	// TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate: maxSurge 0.
	tests := []struct {
		name                     string
		replicas, maxUnavailable int32
		available, oldReplicas   int32
		wantScaled               bool
		wantOld                  int32
	}{
		{"R 10, surge 0 and unavailable 0 (forced to 1), 10 available: down by 10 − 9 = 1 → old 9", 10, 0, 10, 10, true, 9},
		{"R 10, unavailable 2, 10 available: down by 10 − 8 = 2 → old 8", 10, 2, 10, 10, true, 8},
		{"R 10, unavailable 2, 8 available: 8 ≤ minAvailable 8, no scale", 10, 2, 8, 10, false, 10},
		{"R 10, unavailable 2, old already 0: nothing to scale", 10, 2, 10, 0, false, 0},
		{"R 10, unavailable 2, 1 available: below minAvailable, no scale", 10, 2, 1, 10, false, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oldRS := duRSAvailable("foo-v2", tt.oldReplicas, tt.available, duNoTimestamp)
			d := duDeployment("foo", tt.replicas, duIntOrStr(0), duIntOrStr(tt.maxUnavailable), map[string]string{"foo": "bar"})
			sizes, total := PlanScaleDownOldReplicaSetsForRollingUpdate([]*appsv1.ReplicaSet{oldRS}, []*appsv1.ReplicaSet{oldRS}, d)
			if (total > 0) != tt.wantScaled {
				t.Fatalf("total %d, want scaled %v", total, tt.wantScaled)
			}
			if sizes[0] != tt.wantOld {
				t.Errorf("old %d, want %d", sizes[0], tt.wantOld)
			}
		})
	}
}

// TestPlanReconcileOldReplicaSets_upstreamCommentExample checks the worked
// example in rolling.go's reconcileOldReplicaSets comment: R 10,
// maxUnavailable 2, maxSurge 3; new RS crashlooping.
func TestPlanReconcileOldReplicaSets_upstreamCommentExample(t *testing.T) {
	d := duDeployment("foo", 10, duIntOrStr(3), duIntOrStr(2), nil)
	t.Run("crashlooping new 5, old 8 (one lost to a node): 13 − 8 − 5 = 0, old stays", func(t *testing.T) {
		oldRS := duRSAvailable("old", 8, 7, metav1.NewTime(duEpoch))
		newRS := duRSAvailable("new", 5, 0, metav1.NewTime(duEpoch.Add(time.Hour)))
		writes, scaled := PlanReconcileOldReplicaSets([]*appsv1.ReplicaSet{oldRS, newRS}, []*appsv1.ReplicaSet{oldRS}, newRS, d)
		if scaled || len(writes) != 0 {
			t.Errorf("got %v scaled %v, want nothing", writes, scaled)
		}
	})
	t.Run("rollback: good RS is new (8, 8 available), crashlooping 5 is old: 13 − 8 − 0 = 5, all 5 cleaned", func(t *testing.T) {
		// Upstream's comment counts newRSPodsUnavailable as 1 (one pod lost
		// to a node, maxScaledDown 4). With all 8 available it is 0 and the
		// cap is 5, so the 5 unhealthy pods all go.
		crashing := duRSAvailable("crashing", 5, 0, metav1.NewTime(duEpoch.Add(time.Hour)))
		good := duRSAvailable("good", 8, 8, metav1.NewTime(duEpoch))
		writes, scaled := PlanReconcileOldReplicaSets([]*appsv1.ReplicaSet{good, crashing}, []*appsv1.ReplicaSet{crashing}, good, d)
		if !scaled || len(writes) != 1 || writes[0].RS != crashing || writes[0].Replicas != 0 {
			t.Errorf("got %v scaled %v, want crashing→0", writes, scaled)
		}
	})
	t.Run("rollback with one good pod lost: 13 − 8 − 1 = 4, crashing 5 → 1", func(t *testing.T) {
		crashing := duRSAvailable("crashing", 5, 0, metav1.NewTime(duEpoch.Add(time.Hour)))
		good := duRSAvailable("good", 8, 7, metav1.NewTime(duEpoch))
		writes, scaled := PlanReconcileOldReplicaSets([]*appsv1.ReplicaSet{good, crashing}, []*appsv1.ReplicaSet{crashing}, good, d)
		if !scaled || len(writes) != 1 || writes[0].Replicas != 1 {
			t.Errorf("got %v scaled %v, want crashing→1", writes, scaled)
		}
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
