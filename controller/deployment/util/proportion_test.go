package util

// TestProportionalScale reproduces kubernetes v1.37
// pkg/controller/deployment/sync_test.go TestScale against the pure plan;
// the fraction and annotation tables come from
// pkg/controller/deployment/util/deployment_util_test.go.

import (
	"fmt"
	"math"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

func TestProportionalScale(t *testing.T) {
	newTS := metav1.Date(2016, 5, 20, 2, 0, 0, 0, time.UTC)
	oldTS := metav1.Date(2016, 5, 20, 1, 0, 0, 0, time.UTC)
	olderTS := metav1.Date(2016, 5, 20, 0, 0, 0, 0, time.UTC)
	dep := func(replicas int32, maxSurge *intstr.IntOrString) *appsv1.Deployment {
		return duDeployment("foo", replicas, maxSurge, nil, nil)
	}
	updatedTemplate := func(replicas int32) *appsv1.Deployment {
		d := duDeployment("foo", replicas, nil, nil, map[string]string{"foo": "bar"})
		d.Spec.Template.Labels = map[string]string{"foo": "bar", "another": "label"}
		return d
	}
	type rsSpec struct {
		name     string
		replicas int32
		created  metav1.Time
	}
	tests := []struct {
		name          string
		deployment    *appsv1.Deployment
		oldDeployment *appsv1.Deployment // its size and surge are in the annotations

		newRS  *rsSpec
		oldRSs []rsSpec
		// newAvailable is the new ReplicaSet's status.availableReplicas.
		newAvailable int32
		// desiredAnnotations overrides the desired-replicas annotation (and
		// with it max-replicas) for some ReplicaSets.
		desiredAnnotations map[string]int32
		// wasntUpdated: upstream's fake client drops these writes.
		wasntUpdated map[string]bool

		want map[string]int32
	}{
		{
			name: "normal scaling event: 10 -> 12", deployment: dep(12, nil), oldDeployment: dep(10, nil),
			newRS: &rsSpec{"foo-v1", 10, newTS},
			want:  map[string]int32{"foo-v1": 12},
		},
		{
			name: "normal scaling event: 10 -> 5", deployment: dep(5, nil), oldDeployment: dep(10, nil),
			newRS: &rsSpec{"foo-v1", 10, newTS},
			want:  map[string]int32{"foo-v1": 5},
		},
		{
			name: "proportional scaling: 5 -> 10", deployment: dep(10, nil), oldDeployment: dep(5, nil),
			newRS: &rsSpec{"foo-v2", 2, newTS}, oldRSs: []rsSpec{{"foo-v1", 3, oldTS}},
			want: map[string]int32{"foo-v2": 4, "foo-v1": 6},
		},
		{
			name: "proportional scaling: 5 -> 3", deployment: dep(3, nil), oldDeployment: dep(5, nil),
			newRS: &rsSpec{"foo-v2", 2, newTS}, oldRSs: []rsSpec{{"foo-v1", 3, oldTS}},
			want: map[string]int32{"foo-v2": 1, "foo-v1": 2},
		},
		{
			name: "proportional scaling: 9 -> 4", deployment: dep(4, nil), oldDeployment: dep(9, nil),
			newRS: &rsSpec{"foo-v2", 8, newTS}, oldRSs: []rsSpec{{"foo-v1", 1, oldTS}},
			want: map[string]int32{"foo-v2": 4, "foo-v1": 0},
		},
		{
			name: "proportional scaling: 7 -> 10", deployment: dep(10, nil), oldDeployment: dep(7, nil),
			newRS: &rsSpec{"foo-v3", 2, newTS}, oldRSs: []rsSpec{{"foo-v2", 3, oldTS}, {"foo-v1", 2, olderTS}},
			want: map[string]int32{"foo-v3": 3, "foo-v2": 4, "foo-v1": 3},
		},
		{
			name: "proportional scaling: 13 -> 8", deployment: dep(8, nil), oldDeployment: dep(13, nil),
			newRS: &rsSpec{"foo-v3", 2, newTS}, oldRSs: []rsSpec{{"foo-v2", 8, oldTS}, {"foo-v1", 3, olderTS}},
			want: map[string]int32{"foo-v3": 1, "foo-v2": 5, "foo-v1": 2},
		},
		{
			name: "leftover distribution: 3 -> 4 (scales up the new replica set)", deployment: dep(4, nil), oldDeployment: dep(3, nil),
			newRS: &rsSpec{"foo-v3", 1, newTS}, oldRSs: []rsSpec{{"foo-v2", 1, oldTS}, {"foo-v1", 1, olderTS}},
			want: map[string]int32{"foo-v3": 2, "foo-v2": 1, "foo-v1": 1},
		},
		{
			name: "leftover distribution: 3 -> 2 (scales down the older replica set)", deployment: dep(2, nil), oldDeployment: dep(3, nil),
			newRS: &rsSpec{"foo-v3", 1, newTS}, oldRSs: []rsSpec{{"foo-v2", 1, oldTS}, {"foo-v1", 1, olderTS}},
			want: map[string]int32{"foo-v3": 1, "foo-v2": 1, "foo-v1": 0},
		},
		{
			name: "proportional scaling (no new rs): 4 -> 5 (scales up the latest replica set first)", deployment: dep(5, nil), oldDeployment: dep(4, nil),
			oldRSs: []rsSpec{{"foo-v2", 2, oldTS}, {"foo-v1", 2, olderTS}},
			want:   map[string]int32{"foo-v2": 3, "foo-v1": 2},
		},
		{
			name: "proportional scaling: 6 -> 0 (scales down to zero)", deployment: dep(0, nil), oldDeployment: dep(6, nil),
			newRS: &rsSpec{"foo-v3", 3, newTS}, oldRSs: []rsSpec{{"foo-v2", 2, oldTS}, {"foo-v1", 1, olderTS}},
			want: map[string]int32{"foo-v3": 0, "foo-v2": 0, "foo-v1": 0},
		},
		{
			name: "proportional scaling: 0 -> 6 (scales up from zero: the new replica set takes all)", deployment: dep(6, nil), oldDeployment: dep(6, nil),
			newRS: &rsSpec{"foo-v3", 0, newTS}, oldRSs: []rsSpec{{"foo-v2", 0, oldTS}, {"foo-v1", 0, olderTS}},
			wasntUpdated: map[string]bool{"foo-v2": true, "foo-v1": true},
			want:         map[string]int32{"foo-v3": 6, "foo-v2": 0, "foo-v1": 0},
		},
		{
			name: "failed rs update: 1+1+2 with foo-v2 annotated for 3 -> 5", deployment: dep(5, nil), oldDeployment: dep(5, nil),
			newRS: &rsSpec{"foo-v3", 2, newTS}, oldRSs: []rsSpec{{"foo-v2", 1, oldTS}, {"foo-v1", 1, olderTS}},
			desiredAnnotations: map[string]int32{"foo-v2": 3},
			wasntUpdated:       map[string]bool{"foo-v3": true, "foo-v1": true},
			want:               map[string]int32{"foo-v3": 2, "foo-v2": 2, "foo-v1": 1},
		},
		{
			name: "deployment with surge pods: 10+2 -> 20+2, 6/6 -> 11/11", deployment: dep(20, duIntOrStr(2)), oldDeployment: dep(10, duIntOrStr(2)),
			newRS: &rsSpec{"foo-v2", 6, newTS}, oldRSs: []rsSpec{{"foo-v1", 6, oldTS}},
			want: map[string]int32{"foo-v2": 11, "foo-v1": 11},
		},
		{
			name: "change both surge and size: 10+3 -> 50+6, 8/5 -> 34/22", deployment: dep(50, duIntOrStr(6)), oldDeployment: dep(10, duIntOrStr(3)),
			newRS: &rsSpec{"foo-v2", 5, newTS}, oldRSs: []rsSpec{{"foo-v1", 8, oldTS}},
			want: map[string]int32{"foo-v2": 22, "foo-v1": 34},
		},
		{
			name: "change both size and template: 10 -> 14, 7/3 -> 10/4", deployment: updatedTemplate(14), oldDeployment: dep(10, nil),
			oldRSs: []rsSpec{{"foo-v2", 7, newTS}, {"foo-v1", 3, oldTS}},
			want:   map[string]int32{"foo-v2": 10, "foo-v1": 4},
		},
		{
			name:          "saturated but broken new replica set does not affect old pods",
			deployment:    duDeployment("foo", 2, duIntOrStr(1), duIntOrStr(1), nil),
			oldDeployment: duDeployment("foo", 2, duIntOrStr(1), duIntOrStr(1), nil),
			newRS:         &rsSpec{"foo-v2", 2, newTS}, oldRSs: []rsSpec{{"foo-v1", 1, oldTS}},
			newAvailable: 0,
			want:         map[string]int32{"foo-v2": 2, "foo-v1": 1},
		},
		// podviz's own: the saturated shortcut (new at R, annotated R, all available).
		{
			name:          "saturated new replica set: 3 of 3 available, old 1 -> 0",
			deployment:    duDeployment("foo", 3, duIntOrStr(1), duIntOrStr(0), nil),
			oldDeployment: duDeployment("foo", 3, duIntOrStr(1), duIntOrStr(0), nil),
			newRS:         &rsSpec{"foo-v2", 3, newTS}, oldRSs: []rsSpec{{"foo-v1", 1, oldTS}},
			newAvailable: 3,
			want:         map[string]int32{"foo-v2": 3, "foo-v1": 0},
		},
		// Upstream's documented example (concepts/workloads/controllers/deployment,
		// "Proportional scaling"), also KUBERNETES.md's.
		{
			name:          "documented example: R 10 surge 3 unavailable 2, old 8 / new 5, 10 -> 15 gives 11 / 7",
			deployment:    duDeployment("foo", 15, duIntOrStr(3), duIntOrStr(2), nil),
			oldDeployment: duDeployment("foo", 10, duIntOrStr(3), duIntOrStr(2), nil),
			newRS:         &rsSpec{"foo-v2", 5, newTS}, oldRSs: []rsSpec{{"foo-v1", 8, oldTS}},
			want: map[string]int32{"foo-v2": 7, "foo-v1": 11},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			annotate := func(rs *appsv1.ReplicaSet) {
				desired := *tt.oldDeployment.Spec.Replicas
				if v, ok := tt.desiredAnnotations[rs.Name]; ok {
					desired = v
				}
				SetReplicasAnnotations(rs, desired, desired+MaxSurge(tt.oldDeployment))
			}
			var newRS *appsv1.ReplicaSet
			got := map[string]int32{}
			if tt.newRS != nil {
				newRS = duRSAvailable(tt.newRS.name, tt.newRS.replicas, tt.newAvailable, tt.newRS.created)
				annotate(newRS)
				got[newRS.Name] = tt.newRS.replicas
			}
			var oldRSs []*appsv1.ReplicaSet
			for _, s := range tt.oldRSs {
				rs := duRS(s.name, s.replicas, s.created)
				annotate(rs)
				oldRSs = append(oldRSs, rs)
				got[rs.Name] = s.replicas
			}

			for _, w := range ProportionalScale(tt.deployment, newRS, oldRSs) {
				if !tt.wasntUpdated[w.RS.Name] {
					got[w.RS.Name] = w.Replicas
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("sizes %v, want %v", got, tt.want)
			}
		})
	}
}

func TestProportionalScale_writeOrderAndForce(t *testing.T) {
	// 5 -> 10 with old 3 / new 2: upstream visits largest first when adding
	// (old 3, then new 2) and writes every active ReplicaSet even when its
	// size is unchanged, so that its annotations follow the Deployment.
	d := duDeployment("foo", 10, nil, nil, nil)
	old := duRS("foo-v1", 3, metav1.NewTime(duEpoch))
	newRS := duRS("foo-v2", 2, metav1.NewTime(duEpoch.Add(time.Hour)))
	for _, rs := range []*appsv1.ReplicaSet{old, newRS} {
		SetReplicasAnnotations(rs, 5, 5)
	}
	plan := ProportionalScale(d, newRS, []*appsv1.ReplicaSet{old})
	if fmt.Sprint(plan) != "[foo-v1→6 foo-v2→4]" {
		t.Errorf("plan %v, want [foo-v1→6 foo-v2→4]", plan)
	}
	for _, w := range plan {
		if !w.Force {
			t.Errorf("%v not forced", w)
		}
	}
	if *old.Spec.Replicas != 3 || *newRS.Spec.Replicas != 2 {
		t.Error("planner modified the ReplicaSets")
	}
}

func TestGetReplicaSetFraction(t *testing.T) {
	tests := []struct {
		name                     string
		deploymentReplicas       int32
		deploymentStatusReplicas int32
		deploymentMaxSurge       int32
		rsReplicas               int32
		rsAnnotations            map[string]string
		want                     int32
	}{
		{name: "empty deployment always scales to 0", deploymentReplicas: 0, rsReplicas: 10, want: -10},
		{name: "unsynced deployment does not scale when max-replicas annotation is missing (removed by a 3rd party)", deploymentReplicas: 10, rsReplicas: 5, want: 0},
		{name: "unsynced deployment does not scale when max-replicas annotation is incorrectly set to 0 (by a 3rd party)", deploymentReplicas: 10, rsReplicas: 5, rsAnnotations: map[string]string{MaxReplicasAnnotation: "0"}, want: 0},
		{name: "scale up by 1/5 should increase RS replicas by 1/5 when max-replicas annotation is missing (removed by a 3rd party)", deploymentReplicas: 120, deploymentStatusReplicas: 100, rsReplicas: 50, want: 10},
		{name: "scale up by 1/5 should increase RS replicas by 1/5 when max-replicas annotation is incorrectly set to 0 (by a 3rd party)", deploymentReplicas: 120, deploymentStatusReplicas: 100, rsReplicas: 50, rsAnnotations: map[string]string{MaxReplicasAnnotation: "0"}, want: 10},
		{name: "scale up by 1/5 should increase RS replicas by 1/5", deploymentReplicas: 120, rsReplicas: 50, rsAnnotations: map[string]string{MaxReplicasAnnotation: "100"}, want: 10},
		{name: "scale up with maxSurge by 1/5 should increase RS replicas approximately by 1/5", deploymentReplicas: 120, deploymentMaxSurge: 10, rsReplicas: 50, rsAnnotations: map[string]string{MaxReplicasAnnotation: "110"}, want: 9},
		{name: "scale down by 1/6 should decrease RS replicas by 1/6", deploymentReplicas: 10, rsReplicas: 6, rsAnnotations: map[string]string{MaxReplicasAnnotation: "12"}, want: -1},
		{name: "scale down with maxSurge by 1/6 should decrease RS replicas approximately by 1/6", deploymentReplicas: 100, deploymentMaxSurge: 10, rsReplicas: 50, rsAnnotations: map[string]string{MaxReplicasAnnotation: "130"}, want: -8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := duImageDeployment("nginx")
			d.Status.Replicas = tt.deploymentStatusReplicas
			d.Spec.Replicas = duInt32(tt.deploymentReplicas)
			d.Spec.Strategy = appsv1.DeploymentStrategy{
				Type:          appsv1.RollingUpdateDeploymentStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDeployment{MaxSurge: duIntOrStr(tt.deploymentMaxSurge), MaxUnavailable: duIntOrStr(1)},
			}
			rs := duRSFor(d, "rs")
			rs.Annotations = tt.rsAnnotations
			rs.Spec.Replicas = duInt32(tt.rsReplicas)
			if got := getReplicaSetFraction(rs, d); got != tt.want {
				t.Errorf("fraction %d, want %d", got, tt.want)
			}
		})
	}
}

func TestGetReplicaSetProportion(t *testing.T) {
	// The capping rule of GetReplicaSetProportion on the documented
	// example (10 → 15, surge 3, max-replicas 13).
	d := duDeployment("foo", 15, duIntOrStr(3), duIntOrStr(2), nil)
	rs := func(n int32) *appsv1.ReplicaSet {
		r := duRS("rs", n, duNoTimestamp)
		SetReplicasAnnotations(r, 10, 13)
		return r
	}
	tests := []struct {
		name         string
		rs           *appsv1.ReplicaSet
		toAdd, added int32
		want         int32
	}{
		{"old 8: round(8×18/13) − 8 = 3, room 5", rs(8), 5, 0, 3},
		{"new 5: round(5×18/13) − 5 = 2, room 5 − 3 = 2", rs(5), 5, 3, 2},
		{"capped by what is left: fraction 3, room 1", rs(8), 5, 4, 1},
		{"nothing left to add", rs(8), 5, 5, 0},
		{"empty ReplicaSet never scales from zero", rs(0), 5, 0, 0},
		{"no change to share", rs(8), 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GetProportion(tt.rs, d, tt.toAdd, tt.added); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
	t.Run("removing: fraction −1 floored at room −3 stays −1; room −1 caps fraction −3", func(t *testing.T) {
		down := duDeployment("foo", 10, duIntOrStr(0), duIntOrStr(1), nil)
		r := duRS("rs", 6, duNoTimestamp)
		SetReplicasAnnotations(r, 12, 12)
		if got := GetReplicaSetProportion(r, down, -3, 0); got != -1 {
			t.Errorf("got %d, want -1", got)
		}
		r2 := duRS("rs2", 18, duNoTimestamp)
		SetReplicasAnnotations(r2, 12, 12)
		// round(18×10/12) − 18 = 15 − 18 = −3; room −3 − (−2) = −1 → −1.
		if got := GetReplicaSetProportion(r2, down, -3, -2); got != -1 {
			t.Errorf("got %d, want -1", got)
		}
	})
}

func TestGetNonNegativeInt32FromAnnotation(t *testing.T) {
	tests := []struct {
		name        string
		annotations map[string]string
		want        int32
		wantOK      bool
	}{
		{name: "invalid empty"},
		{name: "invalid", annotations: map[string]string{DesiredReplicasAnnotation: "invalid", "foo": "2"}},
		{name: "invalid negative ", annotations: map[string]string{DesiredReplicasAnnotation: "-1", "foo": "2"}},
		{name: "valid zero", annotations: map[string]string{DesiredReplicasAnnotation: "0", "foo": "2"}, want: 0, wantOK: true},
		{name: "valid", annotations: map[string]string{DesiredReplicasAnnotation: "13", "foo": "2"}, want: 13, wantOK: true},
		{name: "valid max", annotations: map[string]string{DesiredReplicasAnnotation: fmt.Sprint(math.MaxInt32)}, want: math.MaxInt32, wantOK: true},
		{name: "invalid max out of range", annotations: map[string]string{DesiredReplicasAnnotation: fmt.Sprint(uint32(math.MaxInt32) + 1)}},
		{name: "invalid max out of range 2", annotations: map[string]string{DesiredReplicasAnnotation: fmt.Sprint(uint64(math.MaxUint32) + 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := duRS("rs", 1, duNoTimestamp)
			rs.Annotations = tt.annotations
			got, ok := GetDesiredReplicasAnnotation(rs)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("got %d, %v; want %d, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestAnnotationUtils(t *testing.T) {
	d := duImageDeployment("nginx")
	rs := duRSFor(d, "rs")
	t.Run("SetReplicasAnnotations", func(t *testing.T) {
		if !SetReplicasAnnotations(rs, 10, 11) {
			t.Fatal("SetReplicasAnnotations reported no change")
		}
		if rs.Annotations[DesiredReplicasAnnotation] != "10" || rs.Annotations[MaxReplicasAnnotation] != "11" {
			t.Errorf("annotations %v, want desired 10, max 11", rs.Annotations)
		}
		if SetReplicasAnnotations(rs, 10, 11) {
			t.Error("second identical set reported a change")
		}
	})
	t.Run("IsSaturated", func(t *testing.T) {
		rs.Annotations[DesiredReplicasAnnotation] = "1"
		rs.Status.AvailableReplicas = 1
		rs.Spec.Replicas = duInt32(1)
		if !IsSaturated(d, rs) {
			t.Error("1 of 1, annotated 1: want saturated")
		}
		rs.Status.AvailableReplicas = 0
		if IsSaturated(d, rs) {
			t.Error("0 of 1 available: want not saturated")
		}
	})
}

func TestReplicasAnnotationsNeedUpdate(t *testing.T) {
	tests := []struct {
		name        string
		annotations map[string]string
		want        bool
	}{
		{"test Annotations nil", nil, true},
		{"test desiredReplicas update", map[string]string{DesiredReplicasAnnotation: "8", MaxReplicasAnnotation: "20"}, true},
		{"test maxReplicas update", map[string]string{DesiredReplicasAnnotation: "10", MaxReplicasAnnotation: "16"}, true},
		{"test needn't update", map[string]string{DesiredReplicasAnnotation: "10", MaxReplicasAnnotation: "20"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := duRS("hello", 1, duNoTimestamp)
			rs.Annotations = tt.annotations
			if got := ReplicasAnnotationsNeedUpdate(rs, 10, 20); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPlans_badImageThenScaleTo15 replays, with the planners, the sequence
// /tmp/oracle (upstream v1.37.2 controllers) prints for the documented
// example: 10 replicas, maxSurge 3, maxUnavailable 2, `set image` to a bad
// tag, then `scale --replicas=15`:
//
//	upB0→3, downA10→8, upB3→5, upA8→11, upB5→7
func TestPlans_badImageThenScaleTo15(t *testing.T) {
	d := duDeployment("web", 10, duIntOrStr(3), duIntOrStr(2), nil)
	a := duRSAvailable("web-a", 10, 10, metav1.NewTime(duEpoch))
	SetReplicasAnnotations(a, 10, 13)
	b := duRSAvailable("web-b", 0, 0, metav1.NewTime(duEpoch.Add(10*time.Second)))
	SetReplicasAnnotations(b, 10, 13)
	var seq []string
	apply := func(rs *appsv1.ReplicaSet, to int32) {
		from := *rs.Spec.Replicas
		dir := "up"
		if to < from {
			dir = "down"
		}
		seq = append(seq, fmt.Sprintf("%s%s%d→%d", dir, rs.Name[len(rs.Name)-1:], from, to))
		rs.Spec.Replicas = duInt32(to)
	}

	if n, scaled := PlanNewReplicaSetScale(d, []*appsv1.ReplicaSet{a, b}, b); scaled {
		apply(b, n)
	}
	writes, _ := PlanReconcileOldReplicaSets([]*appsv1.ReplicaSet{a, b}, []*appsv1.ReplicaSet{a}, b, d)
	for _, w := range writes {
		apply(w.RS, w.Replicas)
	}
	a.Status.AvailableReplicas = 8 // the ReplicaSet controller deleted 2 ready pods
	if n, scaled := PlanNewReplicaSetScale(d, []*appsv1.ReplicaSet{a, b}, b); scaled {
		apply(b, n)
	}
	// Stuck: nothing more moves until the scale.
	if _, scaled := PlanNewReplicaSetScale(d, []*appsv1.ReplicaSet{a, b}, b); scaled {
		t.Fatal("new ReplicaSet grew past the surge")
	}
	if w, _ := PlanReconcileOldReplicaSets([]*appsv1.ReplicaSet{a, b}, []*appsv1.ReplicaSet{a}, b, d); len(w) != 0 {
		t.Fatalf("old ReplicaSet shrank while new pods are unavailable: %v", w)
	}

	d.Spec.Replicas = duInt32(15)
	for _, w := range ProportionalScale(d, b, []*appsv1.ReplicaSet{a}) {
		if *w.RS.Spec.Replicas != w.Replicas {
			apply(w.RS, w.Replicas)
		}
	}
	want := "[upb0→3 downa10→8 upb3→5 upa8→11 upb5→7]"
	if fmt.Sprint(seq) != want {
		t.Errorf("sequence %v, want %v", seq, want)
	}
}
