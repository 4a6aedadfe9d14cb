package podprint

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
)

var now = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func running() corev1.ContainerState {
	return corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}
}
func waiting(reason string) corev1.ContainerState {
	return corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason}}
}
func terminated(reason string, code int32) corev1.ContainerState {
	return corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: reason, ExitCode: code}}
}
func finished(ago time.Duration) corev1.ContainerState {
	return corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{FinishedAt: metav1.NewTime(now.Add(-ago))}}
}

func containers(n int) []corev1.Container {
	cs := make([]corev1.Container, n)
	for i := range cs {
		cs[i].Name = fmt.Sprintf("c%d", i)
	}
	return cs
}

func sidecars(names ...string) []corev1.Container {
	cs := make([]corev1.Container, len(names))
	for i, n := range names {
		cs[i] = corev1.Container{Name: n, RestartPolicy: ptr.To(corev1.ContainerRestartPolicyAlways)}
	}
	return cs
}

// The cases of upstream's TestPrintPod and
// TestPrintPodWithRestartableInitContainer
// (pkg/printers/internalversion/printers_test.go), with their expected
// READY, STATUS and RESTARTS cells.
func TestOfUpstreamCases(t *testing.T) {
	deleted := metav1.NewTime(now.Add(-10 * time.Second))
	tests := []struct {
		name                    string
		pod                     corev1.Pod
		ready, status, restarts string
	}{
		{"test1", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(2)}, Status: corev1.PodStatus{Phase: "podPhase",
			ContainerStatuses: []corev1.ContainerStatus{{Ready: true, RestartCount: 3, State: running()}, {RestartCount: 3}}}},
			"1/2", "podPhase", "6"},
		{"test2 container error overwrites pod phase", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(2)}, Status: corev1.PodStatus{Phase: "podPhase",
			ContainerStatuses: []corev1.ContainerStatus{{Ready: true, RestartCount: 3, State: running()}, {State: waiting("ContainerWaitingReason"), RestartCount: 3}}}},
			"1/2", "ContainerWaitingReason", "6"},
		{"test3 first container overwrites the rest", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(2)}, Status: corev1.PodStatus{Phase: "podPhase",
			ContainerStatuses: []corev1.ContainerStatus{{State: waiting("ContainerWaitingReason"), RestartCount: 3}, {State: terminated("ContainerTerminatedReason", 0), RestartCount: 3}}}},
			"0/2", "ContainerWaitingReason", "6"},
		{"test4 ready is not enough for running", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(2)}, Status: corev1.PodStatus{Phase: "podPhase",
			ContainerStatuses: []corev1.ContainerStatus{{Ready: true, RestartCount: 3, State: running()}, {Ready: true, RestartCount: 3}}}},
			"1/2", "podPhase", "6"},
		{"test5 pod reason", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(2)}, Status: corev1.PodStatus{Phase: "podPhase", Reason: "podReason",
			ContainerStatuses: []corev1.ContainerStatus{{Ready: true, RestartCount: 3, State: running()}, {Ready: true, RestartCount: 3}}}},
			"1/2", "podReason", "6"},
		{"test6 completed and running without Ready condition", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(2)}, Status: corev1.PodStatus{Phase: "Running",
			ContainerStatuses: []corev1.ContainerStatus{{Ready: true, RestartCount: 3, State: terminated("Completed", 0)}, {Ready: true, RestartCount: 3, State: running()}}}},
			"1/2", "NotReady", "6"},
		{"test6 completed and running with Ready condition", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(2)}, Status: corev1.PodStatus{Phase: "Running",
			ContainerStatuses: []corev1.ContainerStatus{{Ready: true, RestartCount: 3, State: terminated("Completed", 0)}, {Ready: true, RestartCount: 3, State: running()}},
			Conditions:        []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}}},
			"1/2", "Running", "6"},
		{"test7 init container restarting", corev1.Pod{Spec: corev1.PodSpec{InitContainers: containers(1), Containers: containers(1)}, Status: corev1.PodStatus{Phase: "podPhase",
			InitContainerStatuses: []corev1.ContainerStatus{{RestartCount: 3, State: running(), LastTerminationState: finished(10 * time.Second)}},
			ContainerStatuses:     []corev1.ContainerStatus{{State: waiting("")}}}},
			"0/1", "Init:0/1", "3 (10s ago)"},
		{"test8 two init containers, first restarting", corev1.Pod{Spec: corev1.PodSpec{InitContainers: containers(2), Containers: containers(1)}, Status: corev1.PodStatus{Phase: "podPhase",
			InitContainerStatuses: []corev1.ContainerStatus{{RestartCount: 3, State: running(), LastTerminationState: finished(10 * time.Second)}, {State: waiting("")}},
			ContainerStatuses:     []corev1.ContainerStatus{{State: waiting("")}}}},
			"0/1", "Init:0/2", "3 (10s ago)"},
		{"test9 first init completed, second restarting", corev1.Pod{Spec: corev1.PodSpec{InitContainers: containers(2), Containers: containers(1)}, Status: corev1.PodStatus{Phase: "podPhase",
			InitContainerStatuses: []corev1.ContainerStatus{{State: terminated("", 0)}, {RestartCount: 3, State: running(), LastTerminationState: finished(10 * time.Second)}},
			ContainerStatuses:     []corev1.ContainerStatus{{State: waiting("")}}}},
			"0/1", "Init:1/2", "3 (10s ago)"},
		{"test10 init restarts add up", corev1.Pod{Spec: corev1.PodSpec{InitContainers: containers(2), Containers: containers(1)}, Status: corev1.PodStatus{Phase: "podPhase",
			InitContainerStatuses: []corev1.ContainerStatus{{RestartCount: 2, State: terminated("", 0), LastTerminationState: finished(2 * time.Minute)},
				{RestartCount: 3, State: running(), LastTerminationState: finished(10 * time.Second)}},
			ContainerStatuses: []corev1.ContainerStatus{{State: waiting("")}}}},
			"0/1", "Init:1/2", "5 (10s ago)"},
		{"test11 initialized: init restarts no longer count", corev1.Pod{Spec: corev1.PodSpec{InitContainers: containers(1), Containers: containers(1)}, Status: corev1.PodStatus{Phase: "Running",
			InitContainerStatuses: []corev1.ContainerStatus{{RestartCount: 2, State: terminated("", 0), LastTerminationState: finished(2 * time.Minute)}},
			ContainerStatuses:     []corev1.ContainerStatus{{RestartCount: 4, State: running(), LastTerminationState: finished(20 * time.Second)}}}},
			"0/1", "Running", "4 (20s ago)"},
		{"test12 restarted 5d ago", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(1)}, Status: corev1.PodStatus{Phase: "Running",
			ContainerStatuses: []corev1.ContainerStatus{{Ready: true, RestartCount: 3, State: running(), LastTerminationState: finished(5 * 24 * time.Hour)}}}},
			"1/1", "Running", "3 (5d ago)"},
		{"test14 latest termination wins", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(2)}, Status: corev1.PodStatus{Phase: "Running",
			ContainerStatuses: []corev1.ContainerStatus{{Ready: true, RestartCount: 6, State: running(), LastTerminationState: finished(5 * 24 * time.Hour)},
				{Ready: true, RestartCount: 3, State: running(), LastTerminationState: finished(20 * 24 * time.Hour)}}}},
			"2/2", "Running", "9 (5d ago)"},
		{"test15 scheduling gated", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(2)}, Status: corev1.PodStatus{Phase: "podPhase",
			Conditions: []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionFalse, Reason: "SchedulingGated"}}}},
			"0/2", "SchedulingGated", "0"},
		{"test16 succeeded", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(1)}, Status: corev1.PodStatus{Phase: corev1.PodSucceeded,
			ContainerStatuses: []corev1.ContainerStatus{{State: terminated("Completed", 0)}}}},
			"0/1", "Completed", "0"},
		{"test17 failed", corev1.Pod{Spec: corev1.PodSpec{Containers: containers(1)}, Status: corev1.PodStatus{Phase: corev1.PodFailed,
			ContainerStatuses: []corev1.ContainerStatus{{State: terminated("Error", 1)}}}},
			"0/1", "Error", "0"},
		{"test18 succeeded and deleted", corev1.Pod{ObjectMeta: metav1.ObjectMeta{DeletionTimestamp: &deleted}, Spec: corev1.PodSpec{Containers: containers(1)},
			Status: corev1.PodStatus{Phase: corev1.PodSucceeded, ContainerStatuses: []corev1.ContainerStatus{{State: terminated("Completed", 0)}}}},
			"0/1", "Completed", "0"},
		{"test19 running and deleted", corev1.Pod{ObjectMeta: metav1.ObjectMeta{DeletionTimestamp: &deleted}, Spec: corev1.PodSpec{Containers: containers(1)},
			Status: corev1.PodStatus{Phase: "Running", ContainerStatuses: []corev1.ContainerStatus{{State: running()}}}},
			"0/1", "Terminating", "0"},
		{"test20 pending and deleted", corev1.Pod{ObjectMeta: metav1.ObjectMeta{DeletionTimestamp: &deleted}, Spec: corev1.PodSpec{Containers: containers(1)},
			Status: corev1.PodStatus{Phase: "Pending"}},
			"0/1", "Terminating", "0"},

		// TestPrintPodWithRestartableInitContainer.
		{"sidecar running but not started", corev1.Pod{Spec: corev1.PodSpec{InitContainers: sidecars("restartable-init-1", "restartable-init-2"), Containers: containers(1)},
			Status: corev1.PodStatus{Phase: "Pending",
				InitContainerStatuses: []corev1.ContainerStatus{
					{Name: "restartable-init-1", RestartCount: 3, State: running(), Started: ptr.To(false), LastTerminationState: finished(10 * time.Second)},
					{Name: "restartable-init-2", State: waiting(""), Started: ptr.To(false)}},
				ContainerStatuses: []corev1.ContainerStatus{{State: waiting("")}},
				Conditions:        []corev1.PodCondition{{Type: corev1.PodInitialized, Status: corev1.ConditionFalse}}}},
			"0/3", "Init:0/2", "3 (10s ago)"},
		{"first sidecar started, second not", corev1.Pod{Spec: corev1.PodSpec{InitContainers: sidecars("restartable-init-1", "restartable-init-2"), Containers: containers(1)},
			Status: corev1.PodStatus{Phase: "Pending",
				InitContainerStatuses: []corev1.ContainerStatus{
					{Name: "restartable-init-1", RestartCount: 3, State: running(), Started: ptr.To(true), LastTerminationState: finished(10 * time.Second)},
					{Name: "restartable-init-2", State: running(), Started: ptr.To(false)}},
				ContainerStatuses: []corev1.ContainerStatus{{State: waiting("")}},
				Conditions:        []corev1.PodCondition{{Type: corev1.PodInitialized, Status: corev1.ConditionFalse}}}},
			"0/3", "Init:1/2", "3 (10s ago)"},
		{"both sidecars started, app running", corev1.Pod{Spec: corev1.PodSpec{InitContainers: sidecars("restartable-init-1", "restartable-init-2"), Containers: containers(1)},
			Status: corev1.PodStatus{Phase: "Running",
				InitContainerStatuses: []corev1.ContainerStatus{
					{Name: "restartable-init-1", RestartCount: 3, State: running(), Started: ptr.To(true), LastTerminationState: finished(10 * time.Second)},
					{Name: "restartable-init-2", State: running(), Started: ptr.To(true)}},
				ContainerStatuses: []corev1.ContainerStatus{{Ready: true, RestartCount: 4, State: running(), LastTerminationState: finished(20 * time.Second)}},
				Conditions:        []corev1.PodCondition{{Type: corev1.PodInitialized, Status: corev1.ConditionTrue}}}},
			"1/3", "Running", "7 (10s ago)"},
		{"sidecars errored, app completed", corev1.Pod{Spec: corev1.PodSpec{InitContainers: sidecars("restartable-init-1", "restartable-init-2"), Containers: containers(1)},
			Status: corev1.PodStatus{Phase: "Succeeded",
				InitContainerStatuses: []corev1.ContainerStatus{
					{Name: "restartable-init-1", RestartCount: 3, State: terminated("Error", 137), Started: ptr.To(false), LastTerminationState: finished(10 * time.Second)},
					{Name: "restartable-init-2", State: terminated("Error", 137), Started: ptr.To(false)}},
				ContainerStatuses: []corev1.ContainerStatus{{RestartCount: 4, State: terminated("Completed", 0), LastTerminationState: finished(20 * time.Second)}},
				Conditions:        []corev1.PodCondition{{Type: corev1.PodInitialized, Status: corev1.ConditionTrue}}}},
			"0/3", "Completed", "7 (10s ago)"},
		{"statuses for containers not in the spec", corev1.Pod{Spec: corev1.PodSpec{
			InitContainers: append(containers(1), sidecars("sidecar1")...), Containers: containers(1)},
			Status: corev1.PodStatus{Phase: "Running",
				InitContainerStatuses: []corev1.ContainerStatus{{Name: "initinvalid"}, {Name: "c0"}, {Name: "sidecar1"}},
				ContainerStatuses:     []corev1.ContainerStatus{{Name: "containerinvalid"}, {Name: "c0"}}}},
			"0/2", "Init:0/2", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Of(&tt.pod, now)
			if got.Ready != tt.ready || got.Status != tt.status || got.Restarts != tt.restarts {
				t.Errorf("got %s %s %q, want %s %s %q", got.Ready, got.Status, got.Restarts, tt.ready, tt.status, tt.restarts)
			}
		})
	}
}

// The states the Kubernetes docs show for init containers and sidecars
// (tasks/debug/debug-application/debug-init-containers: "Init:N/M",
// "Init:Error", "Init:CrashLoopBackOff", "PodInitializing"; the sidecar
// tutorial's "2/2").
func TestOfDocsStates(t *testing.T) {
	initCtr := containers(2)
	withInit := func(init []corev1.ContainerStatus, app corev1.ContainerStatus, conds ...corev1.PodCondition) corev1.Pod {
		return corev1.Pod{Spec: corev1.PodSpec{InitContainers: initCtr, Containers: containers(1)},
			Status: corev1.PodStatus{Phase: corev1.PodPending, InitContainerStatuses: init, ContainerStatuses: []corev1.ContainerStatus{app}, Conditions: conds}}
	}
	appWaiting := corev1.ContainerStatus{State: waiting("PodInitializing")}
	tests := []struct {
		name          string
		pod           corev1.Pod
		ready, status string
	}{
		{"first init running", withInit([]corev1.ContainerStatus{{Name: "c0", State: running()}, {Name: "c1", State: waiting("PodInitializing")}}, appWaiting), "0/1", "Init:0/2"},
		{"second init running", withInit([]corev1.ContainerStatus{{Name: "c0", State: terminated("Completed", 0)}, {Name: "c1", State: running()}}, appWaiting), "0/1", "Init:1/2"},
		{"init failed", withInit([]corev1.ContainerStatus{{Name: "c0", State: terminated("Error", 1)}, {Name: "c1", State: waiting("PodInitializing")}}, appWaiting), "0/1", "Init:Error"},
		{"init in back-off", withInit([]corev1.ContainerStatus{{Name: "c0", State: waiting("CrashLoopBackOff"), RestartCount: 2,
			LastTerminationState: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 1, Reason: "Error", FinishedAt: metav1.NewTime(now.Add(-7 * time.Second))}}},
			{Name: "c1", State: waiting("PodInitializing")}}, appWaiting), "0/1", "Init:CrashLoopBackOff"},
		{"init exit code without reason", withInit([]corev1.ContainerStatus{{Name: "c0", State: terminated("", 3)}, {Name: "c1"}}, appWaiting), "0/1", "Init:ExitCode:3"},
		{"inits done, app creating", withInit([]corev1.ContainerStatus{{Name: "c0", State: terminated("Completed", 0)}, {Name: "c1", State: terminated("Completed", 0)}},
			corev1.ContainerStatus{State: waiting("PodInitializing")}), "0/1", "PodInitializing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Of(&tt.pod, now)
			if got.Ready != tt.ready || got.Status != tt.status {
				t.Errorf("got %s %s, want %s %s", got.Ready, got.Status, tt.ready, tt.status)
			}
		})
	}

	// deployment-sidecar.yaml once running: the app and the logshipper
	// sidecar are both ready, kubectl prints 2/2 Running.
	sc := corev1.Pod{Spec: corev1.PodSpec{InitContainers: sidecars("logshipper"), Containers: []corev1.Container{{Name: "myapp"}}},
		Status: corev1.PodStatus{Phase: corev1.PodRunning,
			InitContainerStatuses: []corev1.ContainerStatus{{Name: "logshipper", Ready: true, Started: ptr.To(true), State: running()}},
			ContainerStatuses:     []corev1.ContainerStatus{{Name: "myapp", Ready: true, Started: ptr.To(true), State: running()}},
			Conditions:            []corev1.PodCondition{{Type: corev1.PodInitialized, Status: corev1.ConditionTrue}, {Type: corev1.PodReady, Status: corev1.ConditionTrue}}}}
	if got := Of(&sc, now); got.Ready != "2/2" || got.Status != "Running" || got.Restarts != "0" {
		t.Errorf("sidecar pod: got %+v, want 2/2 Running 0", got)
	}
	// two-container-pod.yaml after debian wrote index.html and exited: one
	// container completed, nginx running, the pod not Ready → NotReady 1/2.
	two := corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx-container"}, {Name: "debian-container"}}},
		Status: corev1.PodStatus{Phase: corev1.PodRunning, ContainerStatuses: []corev1.ContainerStatus{
			{Name: "debian-container", State: terminated("Completed", 0)},
			{Name: "nginx-container", Ready: true, State: running()}}}}
	if got := Of(&two, now); got.Ready != "1/2" || got.Status != "NotReady" {
		t.Errorf("two-container pod: got %s %s, want 1/2 NotReady", got.Ready, got.Status)
	}
}

func TestRestartsAgoTruncatesToTheSecond(t *testing.T) {
	p := corev1.Pod{Spec: corev1.PodSpec{Containers: containers(1)}, Status: corev1.PodStatus{Phase: corev1.PodRunning,
		ContainerStatuses: []corev1.ContainerStatus{{RestartCount: 4, State: running(),
			LastTerminationState: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{FinishedAt: metav1.NewTime(now.Add(-11*time.Second - 300*time.Millisecond))}}}}}}
	if got := Of(&p, now).Restarts; got != "4 (12s ago)" {
		t.Errorf("got %q, want 4 (12s ago)", got)
	}
}

// randomPod builds a pod of 1–4 app containers and 0–3 init containers
// (some sidecars) in random states.
func randomPod(r *rand.Rand) corev1.Pod {
	var p corev1.Pod
	phases := []corev1.PodPhase{corev1.PodPending, corev1.PodRunning, corev1.PodSucceeded, corev1.PodFailed}
	p.Status.Phase = phases[r.IntN(len(phases))]
	states := func() corev1.ContainerState {
		switch r.IntN(5) {
		case 0:
			return running()
		case 1:
			return waiting([]string{"", "PodInitializing", "ContainerCreating", "CrashLoopBackOff"}[r.IntN(4)])
		case 2:
			return terminated([]string{"", "Completed", "Error"}[r.IntN(3)], int32(r.IntN(3)))
		case 3:
			return corev1.ContainerState{}
		}
		return corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Signal: 9, ExitCode: 137}}
	}
	status := func(name string) corev1.ContainerStatus {
		st := corev1.ContainerStatus{Name: name, Ready: r.IntN(2) == 0, RestartCount: int32(r.IntN(4)), State: states()}
		if r.IntN(2) == 0 {
			st.Started = ptr.To(r.IntN(2) == 0)
		}
		if st.RestartCount > 0 && r.IntN(3) > 0 {
			st.LastTerminationState = finished(time.Duration(r.IntN(600)) * time.Second)
		}
		return st
	}
	for i := range 1 + r.IntN(4) {
		c := corev1.Container{Name: fmt.Sprintf("app%d", i)}
		p.Spec.Containers = append(p.Spec.Containers, c)
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, status(c.Name))
	}
	for i := range r.IntN(4) {
		c := corev1.Container{Name: fmt.Sprintf("init%d", i)}
		if r.IntN(2) == 0 {
			c.RestartPolicy = ptr.To(corev1.ContainerRestartPolicyAlways)
		}
		p.Spec.InitContainers = append(p.Spec.InitContainers, c)
		p.Status.InitContainerStatuses = append(p.Status.InitContainerStatuses, status(c.Name))
	}
	if r.IntN(2) == 0 {
		p.Status.Conditions = append(p.Status.Conditions, corev1.PodCondition{Type: corev1.PodInitialized, Status: corev1.ConditionStatus([]string{"True", "False"}[r.IntN(2)])})
	}
	if r.IntN(2) == 0 {
		p.Status.Conditions = append(p.Status.Conditions, corev1.PodCondition{Type: corev1.PodReady, Status: corev1.ConditionStatus([]string{"True", "False"}[r.IntN(2)])})
	}
	if r.IntN(5) == 0 {
		ts := metav1.NewTime(now.Add(-time.Second))
		p.DeletionTimestamp = &ts
	}
	return p
}

// Properties that follow from printPod's rules, checked on random pods:
// READY counts only ready containers and sidecars and never exceeds the
// total; the total is app containers plus sidecars; RESTARTS is the sum
// over the containers printPod counts; a deleted pod that is not terminal
// prints Terminating; an "Init:" status appears only with init containers
// (a status the init loop computed survives Initialized=True only when no
// app container overrides it).
func TestOfProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 37))
	for i := range 20000 {
		p := randomPod(r)
		got := Of(&p, now)
		nSidecars := 0
		for j := range p.Spec.InitContainers {
			if IsSidecar(&p.Spec.InitContainers[j]) {
				nSidecars++
			}
		}
		if got.TotalContainers != len(p.Spec.Containers)+nSidecars {
			t.Fatalf("pod %d: total %d, want %d", i, got.TotalContainers, len(p.Spec.Containers)+nSidecars)
		}
		maxReady := 0
		for _, st := range p.Status.ContainerStatuses {
			if st.Ready && st.State.Running != nil {
				maxReady++
			}
		}
		for j, st := range p.Status.InitContainerStatuses {
			if IsSidecar(&p.Spec.InitContainers[j]) && st.Ready && st.Started != nil && *st.Started {
				maxReady++
			}
		}
		if got.ReadyContainers > maxReady || got.ReadyContainers > got.TotalContainers {
			t.Fatalf("pod %d: ready %d of %d, at most %d ready containers exist", i, got.ReadyContainers, got.TotalContainers, maxReady)
		}
		if got.Ready != fmt.Sprintf("%d/%d", got.ReadyContainers, got.TotalContainers) {
			t.Fatalf("pod %d: READY cell %q disagrees with %d/%d", i, got.Ready, got.ReadyContainers, got.TotalContainers)
		}
		all := 0
		for _, st := range p.Status.ContainerStatuses {
			all += int(st.RestartCount)
		}
		for _, st := range p.Status.InitContainerStatuses {
			all += int(st.RestartCount)
		}
		if got.RestartCount > all {
			t.Fatalf("pod %d: %d restarts counted, only %d happened", i, got.RestartCount, all)
		}
		terminal := p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed
		if p.DeletionTimestamp != nil && !terminal && got.Status != "Terminating" {
			t.Fatalf("pod %d: deleted %s pod prints %q", i, p.Status.Phase, got.Status)
		}
		if strings.HasPrefix(got.Status, "Init:") && len(p.Spec.InitContainers) == 0 {
			t.Fatalf("pod %d: %q without init containers", i, got.Status)
		}
		if got.Status == "" && p.Status.Phase != "" {
			t.Fatalf("pod %d: empty STATUS", i)
		}
		if (got.RestartCount == 0) != (got.Restarts == "0") {
			t.Fatalf("pod %d: RESTARTS cell %q for %d restarts", i, got.Restarts, got.RestartCount)
		}
	}
}

func BenchmarkOf(b *testing.B) {
	p := corev1.Pod{Spec: corev1.PodSpec{InitContainers: sidecars("logshipper"), Containers: []corev1.Container{{Name: "myapp"}}},
		Status: corev1.PodStatus{Phase: corev1.PodRunning,
			InitContainerStatuses: []corev1.ContainerStatus{{Name: "logshipper", Ready: true, Started: ptr.To(true), State: running()}},
			ContainerStatuses:     []corev1.ContainerStatus{{Name: "myapp", Ready: true, Started: ptr.To(true), RestartCount: 2, State: running(), LastTerminationState: finished(12 * time.Second)}},
			Conditions:            []corev1.PodCondition{{Type: corev1.PodInitialized, Status: corev1.ConditionTrue}, {Type: corev1.PodReady, Status: corev1.ConditionTrue}}}}
	b.ReportAllocs()
	for b.Loop() {
		_ = Of(&p, now)
	}
}
