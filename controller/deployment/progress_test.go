package deployment

import (
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	deploymentutil "podviz/controller/deployment/util"
)

// TestDeploymentController_syncRolloutStatus: the Progressing condition
// of a new rollout with progressDeadlineSeconds 10 — NewReplicaSetCreated
// at once; ProgressDeadlineExceeded from the re-check at 10s + 1s if no
// pod became available; NewReplicaSetAvailable (and no timeout after) when
// the rollout completes in time; nothing judged while paused.
func TestDeploymentController_syncRolloutStatus(t *testing.T) {
	tests := []struct {
		name       string
		paused     bool
		completeAt time.Duration // 0: never
		// expectations: the condition at 9s and at 12s
		wantAt9, wantAt12 string
		wantStatus12      corev1.ConditionStatus
	}{
		{name: "deadline 10s, no pod available: timed out at 11s",
			wantAt9: deploymentutil.NewReplicaSetReason, wantAt12: deploymentutil.TimedOutReason, wantStatus12: corev1.ConditionFalse},
		{name: "deadline 10s, all 3 available at 5s: complete, never timed out", completeAt: 5 * time.Second,
			wantAt9: deploymentutil.NewRSAvailableReason, wantAt12: deploymentutil.NewRSAvailableReason, wantStatus12: corev1.ConditionTrue},
		{name: "deadline 10s, paused from the start: DeploymentPaused, nothing judged", paused: true,
			wantAt9: deploymentutil.PausedDeployReason, wantAt12: deploymentutil.PausedDeployReason, wantStatus12: corev1.ConditionUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := newDeployment("foo", 3, 1, 0)
			deadline := int32(10)
			d.Spec.ProgressDeadlineSeconds = &deadline
			d.Spec.Paused = tt.paused
			f.createDeployment(d)
			progressing := func() *appsv1.DeploymentCondition {
				return deploymentutil.GetDeploymentCondition(d.Status, appsv1.DeploymentProgressing)
			}

			f.run()
			if tt.completeAt > 0 {
				f.advance(tt.completeAt)
				// The replicaset controller's part: all 3 pods available.
				for _, rs := range f.rss.List() {
					n := *rs.Spec.Replicas
					rs.Status = appsv1.ReplicaSetStatus{Replicas: n, ReadyReplicas: n, AvailableReplicas: n, ObservedGeneration: rs.Generation}
					f.rss.UpdateStatus(rs)
				}
				f.run()
			}
			f.advance(9*time.Second - f.clock.Elapsed())
			at9 := progressing()
			f.advance(3 * time.Second)
			at12 := progressing()

			if at9 == nil || at9.Reason != tt.wantAt9 {
				t.Errorf("at 9s: %+v, want reason %s", at9, tt.wantAt9)
			}
			if at12 == nil || at12.Reason != tt.wantAt12 || at12.Status != tt.wantStatus12 {
				t.Errorf("at 12s: %+v, want %s %s", at12, tt.wantStatus12, tt.wantAt12)
			}
			if tt.wantAt12 == deploymentutil.TimedOutReason {
				want := `ReplicaSet "` + f.rss.List()[0].Name + `" has timed out progressing.`
				if at12.Message != want || !at12.LastUpdateTime.Time.Equal(f.clock.Now().Add(-time.Second)) {
					t.Errorf("timed out: %q at %v, want %q at 11s", at12.Message, at12.LastUpdateTime, want)
				}
			}
		})
	}
}
