package util

// Reproduces kubectl's TestDeploymentStatusViewerStatus
// (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status_test.go);
// upstream's messages end in "\n", which RolloutStatus leaves to the printer.

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestRolloutStatus(t *testing.T) {
	tests := []struct {
		name         string
		generation   int64
		specReplicas int32
		status       appsv1.DeploymentStatus
		wantMsg      string
		wantDone     bool
		wantFailed   bool
	}{
		{
			name: "0 of 1 updated: waiting for updates", generation: 0, specReplicas: 1,
			status:  appsv1.DeploymentStatus{ObservedGeneration: 1, Replicas: 1, UpdatedReplicas: 0, AvailableReplicas: 1},
			wantMsg: `Waiting for deployment "foo" rollout to finish: 0 out of 1 new replicas have been updated...`,
		},
		{
			name: "2 replicas, 1 updated: 1 old pending termination", generation: 1, specReplicas: 1,
			status:  appsv1.DeploymentStatus{ObservedGeneration: 1, Replicas: 2, UpdatedReplicas: 1, AvailableReplicas: 2},
			wantMsg: `Waiting for deployment "foo" rollout to finish: 1 old replicas are pending termination...`,
		},
		{
			name: "2 updated, 1 available: waiting for availability", generation: 1, specReplicas: 2,
			status:  appsv1.DeploymentStatus{ObservedGeneration: 1, Replicas: 2, UpdatedReplicas: 2, AvailableReplicas: 1, UnavailableReplicas: 1},
			wantMsg: `Waiting for deployment "foo" rollout to finish: 1 of 2 updated replicas are available...`,
		},
		{
			name: "2 of 2 updated and available: done", generation: 1, specReplicas: 2,
			status:  appsv1.DeploymentStatus{ObservedGeneration: 1, Replicas: 2, UpdatedReplicas: 2, AvailableReplicas: 2},
			wantMsg: `deployment "foo" successfully rolled out`, wantDone: true,
		},
		{
			name: "generation 2 observed 1: spec update not yet observed", generation: 2, specReplicas: 2,
			status:  appsv1.DeploymentStatus{ObservedGeneration: 1, Replicas: 2, UpdatedReplicas: 2, AvailableReplicas: 2},
			wantMsg: "Waiting for deployment spec update to be observed...",
		},
		// podviz's own, from the viewer's code: the deadline error wins over
		// the counts, but not over an unobserved generation.
		{
			name: "ProgressDeadlineExceeded with 1 of 3 updated: the error", generation: 3, specReplicas: 3,
			status: appsv1.DeploymentStatus{ObservedGeneration: 3, Replicas: 4, UpdatedReplicas: 1, AvailableReplicas: 3,
				Conditions: []appsv1.DeploymentCondition{{Type: appsv1.DeploymentProgressing, Status: corev1.ConditionFalse, Reason: TimedOutReason}}},
			wantMsg: `error: deployment "foo" exceeded its progress deadline`, wantFailed: true,
		},
		{
			name: "ProgressDeadlineExceeded but generation 4 observed 3: still waiting for the spec", generation: 4, specReplicas: 3,
			status: appsv1.DeploymentStatus{ObservedGeneration: 3,
				Conditions: []appsv1.DeploymentCondition{{Type: appsv1.DeploymentProgressing, Status: corev1.ConditionFalse, Reason: TimedOutReason}}},
			wantMsg: "Waiting for deployment spec update to be observed...",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &appsv1.Deployment{
				ObjectMeta: metav1.ObjectMeta{Namespace: "bar", Name: "foo", Generation: tt.generation},
				Spec:       appsv1.DeploymentSpec{Replicas: duInt32(tt.specReplicas)},
				Status:     tt.status,
			}
			msg, done, failed := RolloutStatus(d)
			if msg != tt.wantMsg || done != tt.wantDone || failed != tt.wantFailed {
				t.Errorf("got %q, done %v, failed %v\nwant %q, done %v, failed %v", msg, done, failed, tt.wantMsg, tt.wantDone, tt.wantFailed)
			}
		})
	}
}
