package controllerutil

// Reproduces kubernetes v1.37 pkg/controller/controller_utils_test.go
// TestSortingActivePods (through ActivePodsWithRanks with equal ranks and no
// Now, where it orders as upstream's ActivePods) and
// TestSortingActivePodsWithRanks (equality and inequality tables).

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

func TestActivePodsWithRanks_sortingActivePods(t *testing.T) {
	now := metav1.NewTime(duEpoch)
	then := metav1.NewTime(duEpoch.AddDate(0, -1, 0))
	always := corev1.ContainerRestartPolicyAlways
	ready := func(at metav1.Time) []corev1.PodCondition {
		return []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: at}}
	}
	pods := []corev1.Pod{
		{ObjectMeta: metav1.ObjectMeta{Name: "unscheduled"}, Status: corev1.PodStatus{Phase: corev1.PodPending}},
		{ObjectMeta: metav1.ObjectMeta{Name: "scheduledButPending"}, Spec: corev1.PodSpec{NodeName: "bar"}, Status: corev1.PodStatus{Phase: corev1.PodPending}},
		{ObjectMeta: metav1.ObjectMeta{Name: "unknownPhase"}, Spec: corev1.PodSpec{NodeName: "foo"}, Status: corev1.PodStatus{Phase: corev1.PodUnknown}},
		{ObjectMeta: metav1.ObjectMeta{Name: "runningButNotReady"}, Spec: corev1.PodSpec{NodeName: "foo"}, Status: corev1.PodStatus{Phase: corev1.PodRunning}},
		{ObjectMeta: metav1.ObjectMeta{Name: "runningNoLastTransitionTime"}, Spec: corev1.PodSpec{NodeName: "foo"}, Status: corev1.PodStatus{
			Phase: corev1.PodRunning, Conditions: ready(metav1.Time{}), ContainerStatuses: []corev1.ContainerStatus{{RestartCount: 3}, {RestartCount: 0}}}},
		{ObjectMeta: metav1.ObjectMeta{Name: "runningWithLastTransitionTime"}, Spec: corev1.PodSpec{NodeName: "foo"}, Status: corev1.PodStatus{
			Phase: corev1.PodRunning, Conditions: ready(now), ContainerStatuses: []corev1.ContainerStatus{{RestartCount: 3}, {RestartCount: 0}}}},
		{ObjectMeta: metav1.ObjectMeta{Name: "runningLongerTime"}, Spec: corev1.PodSpec{NodeName: "foo"}, Status: corev1.PodStatus{
			Phase: corev1.PodRunning, Conditions: ready(then), ContainerStatuses: []corev1.ContainerStatus{{RestartCount: 3}, {RestartCount: 0}}}},
		{ObjectMeta: metav1.ObjectMeta{Name: "lowerSidecarContainerRestartCount", CreationTimestamp: now},
			Spec: corev1.PodSpec{NodeName: "foo", InitContainers: []corev1.Container{{Name: "sidecar", RestartPolicy: &always}}},
			Status: corev1.PodStatus{Phase: corev1.PodRunning, Conditions: ready(then),
				ContainerStatuses:     []corev1.ContainerStatus{{RestartCount: 2}, {RestartCount: 1}},
				InitContainerStatuses: []corev1.ContainerStatus{{Name: "sidecar", RestartCount: 2}}}},
		{ObjectMeta: metav1.ObjectMeta{Name: "lowerContainerRestartCount", CreationTimestamp: now}, Spec: corev1.PodSpec{NodeName: "foo"}, Status: corev1.PodStatus{
			Phase: corev1.PodRunning, Conditions: ready(then), ContainerStatuses: []corev1.ContainerStatus{{RestartCount: 2}, {RestartCount: 1}}}},
		{ObjectMeta: metav1.ObjectMeta{Name: "oldest", CreationTimestamp: then}, Spec: corev1.PodSpec{NodeName: "foo"}, Status: corev1.PodStatus{
			Phase: corev1.PodRunning, Conditions: ready(then), ContainerStatuses: []corev1.ContainerStatus{{RestartCount: 2}, {RestartCount: 1}}}},
	}
	want := []string{
		"unscheduled", "scheduledButPending", "unknownPhase", "runningButNotReady",
		"runningNoLastTransitionTime", "runningWithLastTransitionTime", "runningLongerTime",
		"lowerSidecarContainerRestartCount", "lowerContainerRestartCount", "oldest",
	}
	// Upstream shuffles 20 times with the global source; a fixed seed keeps
	// this deterministic.
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20; i++ {
		shuffled := make([]*corev1.Pod, len(pods))
		for j, k := range r.Perm(len(pods)) {
			shuffled[j] = &pods[k]
		}
		ranks := make([]int, len(pods))
		sort.Sort(ActivePodsWithRanks{Pods: shuffled, Rank: ranks})
		var got []string
		for _, p := range shuffled {
			got = append(got, p.Name)
		}
		if !equalStrings(got, want) {
			t.Fatalf("shuffle %d:\n got %v\nwant %v", i, got, want)
		}
	}
}

func TestActivePodsWithRanks_Less(t *testing.T) {
	now := metav1.NewTime(duEpoch)
	then1Month := metav1.NewTime(now.AddDate(0, -1, 0))
	then2Hours := metav1.NewTime(now.Add(-2 * time.Hour))
	then5Hours := metav1.NewTime(now.Add(-5 * time.Hour))
	then8Hours := metav1.NewTime(now.Add(-8 * time.Hour))
	zero := metav1.Time{}
	always := corev1.ContainerRestartPolicyAlways
	pod := func(name, node string, phase corev1.PodPhase, ready bool, restarts, sideRestarts int32, readySince, created metav1.Time, annotations map[string]string) *corev1.Pod {
		p := &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: name, CreationTimestamp: created, Annotations: annotations},
			Spec:       corev1.PodSpec{NodeName: node, InitContainers: []corev1.Container{{Name: "sidecar", RestartPolicy: &always}}},
			Status:     corev1.PodStatus{Phase: phase},
		}
		if ready {
			p.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: readySince}}
			p.Status.ContainerStatuses = []corev1.ContainerStatus{{RestartCount: restarts}}
			p.Status.InitContainerStatuses = []corev1.ContainerStatus{{Name: "sidecar", RestartCount: sideRestarts}}
		}
		return p
	}
	cost := func(v string) map[string]string { return map[string]string{corev1.PodDeletionCost: v} }
	var (
		unscheduled             = pod("unscheduled", "", corev1.PodPending, false, 0, 0, zero, zero, nil)
		scheduledPending        = pod("pending", "node", corev1.PodPending, false, 0, 0, zero, zero, nil)
		unknownPhase            = pod("unknown-phase", "node", corev1.PodUnknown, false, 0, 0, zero, zero, nil)
		runningNotReady         = pod("not-ready", "node", corev1.PodRunning, false, 0, 0, zero, zero, nil)
		readyNoTransitionTime   = pod("ready-no-last-transition-time", "node", corev1.PodRunning, true, 0, 0, zero, zero, nil)
		readyNow                = pod("ready-now", "node", corev1.PodRunning, true, 0, 0, now, now, nil)
		readyThen               = pod("ready-then", "node", corev1.PodRunning, true, 0, 0, then1Month, then1Month, nil)
		readyNowHighRestarts    = pod("ready-high-restarts", "node", corev1.PodRunning, true, 9001, 0, now, now, nil)
		readyNowHighSideRestart = pod("ready-high-restarts", "node", corev1.PodRunning, true, 9001, 9001, now, now, nil)
		readyNowCreatedThen     = pod("ready-now-created-then", "node", corev1.PodRunning, true, 0, 0, now, then1Month, nil)
		lowDeletionCost         = pod("low-deletion-cost", "node", corev1.PodRunning, true, 0, 0, now, then1Month, cost("10"))
		highDeletionCost        = pod("high-deletion-cost", "node", corev1.PodRunning, true, 0, 0, now, then1Month, cost("100"))
		unscheduled5Hours       = pod("unscheduled-5-hours", "", corev1.PodPending, false, 0, 0, then5Hours, then5Hours, nil)
		unscheduled8Hours       = pod("unscheduled-10-hours", "", corev1.PodPending, false, 0, 0, then8Hours, then8Hours, nil)
		ready2Hours             = pod("ready-2-hours", "", corev1.PodRunning, true, 0, 0, then2Hours, then1Month, nil)
		ready5Hours             = pod("ready-5-hours", "", corev1.PodRunning, true, 0, 0, then5Hours, then1Month, nil)
		ready8Hours             = pod("ready-10-hours", "", corev1.PodRunning, true, 0, 0, then8Hours, then1Month, nil)
	)

	equal := []struct {
		name   string
		p1, p2 *corev1.Pod
	}{
		{"unscheduled equals itself", unscheduled, nil},
		{"scheduled pending equals itself", scheduledPending, nil},
		{"unknown phase equals itself", unknownPhase, nil},
		{"running not ready equals itself", runningNotReady, nil},
		{"ready now, created a month ago, equals itself", readyNowCreatedThen, nil},
		{"ready now equals itself", readyNow, nil},
		{"ready a month ago equals itself", readyThen, nil},
		{"ready now with 9001 restarts equals itself", readyNowHighRestarts, nil},
		{"ready now, created a month ago, equals itself (again, as upstream)", readyNowCreatedThen, nil},
		{"created 5h and 8h ago share the log2 bucket 2^44ns", unscheduled5Hours, unscheduled8Hours},
		{"ready 5h and 8h ago share the log2 bucket 2^44ns", ready5Hours, ready8Hours},
	}
	for _, tt := range equal {
		t.Run("equal: "+tt.name, func(t *testing.T) {
			p2 := tt.p2
			if p2 == nil {
				p2 = tt.p1
			}
			s := ActivePodsWithRanks{Pods: []*corev1.Pod{tt.p1, p2}, Rank: []int{1, 1}, Now: now.Time}
			if s.Less(0, 1) || s.Less(1, 0) {
				t.Errorf("%q and %q should be equivalent", tt.p1.Name, p2.Name)
			}
		})
	}

	type ranked struct {
		pod  *corev1.Pod
		rank int
	}
	less := []struct {
		name            string
		lesser, greater ranked
	}{
		{"unscheduled (rank 1) before scheduled (rank 2)", ranked{unscheduled, 1}, ranked{scheduledPending, 2}},
		{"unscheduled (rank 2) before scheduled (rank 1)", ranked{unscheduled, 2}, ranked{scheduledPending, 1}},
		{"pending before unknown phase", ranked{scheduledPending, 1}, ranked{unknownPhase, 2}},
		{"unknown phase before running", ranked{unknownPhase, 1}, ranked{runningNotReady, 2}},
		{"not ready before ready", ranked{runningNotReady, 1}, ranked{readyNoTransitionTime, 1}},
		{"ready with no transition time before ready now (zero counts as newest)", ranked{readyNoTransitionTime, 1}, ranked{readyNow, 1}},
		{"rank 2 before rank 1 whatever the ready time", ranked{readyNow, 2}, ranked{readyNoTransitionTime, 1}},
		{"ready now before ready a month ago", ranked{readyNow, 1}, ranked{readyThen, 1}},
		{"rank 2 ready now before rank 1 ready a month ago", ranked{readyNow, 2}, ranked{readyThen, 1}},
		{"9001 restarts before 0", ranked{readyNowHighRestarts, 1}, ranked{readyNow, 1}},
		{"same restarts, 9001 sidecar restarts before 0", ranked{readyNowHighSideRestart, 1}, ranked{readyNowHighRestarts, 1}},
		{"rank 2 before rank 1 whatever the restarts", ranked{readyNow, 2}, ranked{readyNowHighRestarts, 1}},
		{"created now before created a month ago", ranked{readyNow, 1}, ranked{readyNowCreatedThen, 1}},
		{"rank 2 created a month ago before rank 1 created now", ranked{readyNowCreatedThen, 2}, ranked{readyNow, 1}},
		{"deletion cost 10 (rank 2) before cost 100 (rank 1): cost decides before rank", ranked{lowDeletionCost, 2}, ranked{highDeletionCost, 1}},
		// Upstream's case with PodDeletionCost disabled (rank decides) has no
		// counterpart: the gate is on by default and podviz has no gates.
		{"ready 2h ago (bucket 2^42ns) before ready 5h ago (2^44ns)", ranked{ready2Hours, 1}, ranked{ready5Hours, 1}},
	}
	for _, tt := range less {
		t.Run("less: "+tt.name, func(t *testing.T) {
			s := ActivePodsWithRanks{
				Pods: []*corev1.Pod{tt.lesser.pod, tt.greater.pod},
				Rank: []int{tt.lesser.rank, tt.greater.rank},
				Now:  now.Time,
			}
			if !s.Less(0, 1) {
				t.Errorf("want %q (rank %d) before %q (rank %d)", tt.lesser.pod.Name, tt.lesser.rank, tt.greater.pod.Name, tt.greater.rank)
			}
			if s.Less(1, 0) {
				t.Errorf("want %q (rank %d) not before %q (rank %d)", tt.greater.pod.Name, tt.greater.rank, tt.lesser.pod.Name, tt.lesser.rank)
			}
		})
	}
}

func TestActivePodsWithRanks_logBucketTieBreaksByUID(t *testing.T) {
	// Created 5h and 8h ago: same bucket, so the smaller UID goes first,
	// whichever is older.
	now := duEpoch
	a := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "a", UID: "b-uid", CreationTimestamp: metav1.NewTime(now.Add(-5 * time.Hour))}}
	b := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "b", UID: "a-uid", CreationTimestamp: metav1.NewTime(now.Add(-8 * time.Hour))}}
	s := ActivePodsWithRanks{Pods: []*corev1.Pod{a, b}, Rank: []int{0, 0}, Now: now}
	if s.Less(0, 1) || !s.Less(1, 0) {
		t.Error("want the smaller UID (b, the older pod) first")
	}
}

func TestPodDeletionCost(t *testing.T) {
	tests := []struct {
		value string
		want  int32
	}{
		{"10", 10}, {"-5", -5}, {"0", 0}, {"+1", 0}, {"007", 0}, {"x", 0}, {"", 0}, {"2147483648", 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q is %d", tt.value, tt.want), func(t *testing.T) {
			p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Annotations: map[string]string{corev1.PodDeletionCost: tt.value}}}
			if got := podDeletionCost(p); got != tt.want {
				t.Errorf("got %d", got)
			}
		})
	}
}

func TestGetPodsToDelete(t *testing.T) {
	// Two pods of this ReplicaSet share node-a with a pod of a sibling
	// ReplicaSet; one is alone on node-b. All ready at the same time, same
	// age: the doubled-up ones (rank 3) go before the lone one (rank 1).
	ready := []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: metav1.NewTime(duEpoch)}}
	mk := func(name, node string) *corev1.Pod {
		return &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: name, UID: types.UID("uid-" + name), CreationTimestamp: metav1.NewTime(duEpoch)},
			Spec:       corev1.PodSpec{NodeName: node},
			Status:     corev1.PodStatus{Phase: corev1.PodRunning, Conditions: ready},
		}
	}
	lone, a1, a2 := mk("lone", "node-b"), mk("a1", "node-a"), mk("a2", "node-a")
	sibling := mk("sibling", "node-a")
	pods := []*corev1.Pod{lone, a1, a2}
	got := GetPodsToDelete(pods, []*corev1.Pod{lone, a1, a2, sibling}, 2, duEpoch.Add(time.Minute))
	if len(got) != 2 || got[0] == lone || got[1] == lone {
		t.Errorf("got %v, want a1 and a2", got)
	}
	t.Run("all of them: no sorting, input order", func(t *testing.T) {
		pods := []*corev1.Pod{lone, a1, a2}
		got := GetPodsToDelete(pods, pods, 3, duEpoch)
		if got[0] != lone || got[1] != a1 || got[2] != a2 {
			t.Errorf("got %v", got)
		}
	})
}

func TestIsPodAvailable(t *testing.T) {
	readyAt := duEpoch.Add(10 * time.Second)
	p := &corev1.Pod{Status: corev1.PodStatus{Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: metav1.NewTime(readyAt)}}}}
	notReady := &corev1.Pod{Status: corev1.PodStatus{Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionFalse}}}}
	tests := []struct {
		name            string
		pod             *corev1.Pod
		minReadySeconds int32
		now             time.Time
		want            bool
	}{
		{"ready, minReadySeconds 0: available at once", p, 0, readyAt, true},
		{"ready at 10s, minReadySeconds 5, at 14s: not yet", p, 5, readyAt.Add(4 * time.Second), false},
		{"ready at 10s, minReadySeconds 5, at 15s: available", p, 5, readyAt.Add(5 * time.Second), true},
		{"not ready: never", notReady, 0, readyAt, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsPodAvailable(tt.pod, tt.minReadySeconds, tt.now); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIsPodActive(t *testing.T) {
	deleting := metav1.NewTime(duEpoch)
	tests := []struct {
		name        string
		pod         corev1.Pod
		active      bool
		terminating bool
	}{
		{"running", corev1.Pod{Status: corev1.PodStatus{Phase: corev1.PodRunning}}, true, false},
		{"pending", corev1.Pod{Status: corev1.PodStatus{Phase: corev1.PodPending}}, true, false},
		{"succeeded", corev1.Pod{Status: corev1.PodStatus{Phase: corev1.PodSucceeded}}, false, false},
		{"failed", corev1.Pod{Status: corev1.PodStatus{Phase: corev1.PodFailed}}, false, false},
		{"running but being deleted", corev1.Pod{ObjectMeta: metav1.ObjectMeta{DeletionTimestamp: &deleting}, Status: corev1.PodStatus{Phase: corev1.PodRunning}}, false, true},
		{"failed and being deleted", corev1.Pod{ObjectMeta: metav1.ObjectMeta{DeletionTimestamp: &deleting}, Status: corev1.PodStatus{Phase: corev1.PodFailed}}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsPodActive(&tt.pod); got != tt.active {
				t.Errorf("active %v, want %v", got, tt.active)
			}
			if got := IsPodTerminating(&tt.pod); got != tt.terminating {
				t.Errorf("terminating %v, want %v", got, tt.terminating)
			}
		})
	}
}
