package util

// What `kubectl rollout status deployment/NAME` prints for one observation
// of a Deployment. Mirrors kubectl's DeploymentStatusViewer.Status in
// staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go
// (v1.37, revision 0, i.e. no --revision flag).

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
)

// RolloutStatus returns the line kubectl shows for d, without the trailing
// newline, whether the rollout is done, and whether it failed (kubectl
// exits 1). The first rule that applies wins:
//
//  1. generation > status.observedGeneration:
//     "Waiting for deployment spec update to be observed..."
//  2. Progressing condition has reason ProgressDeadlineExceeded:
//     `error: deployment "web" exceeded its progress deadline` (failed; kubectl
//     returns it as an error, printed with the "error: " prefix);
//  3. status.updatedReplicas < spec.replicas:
//     `Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...`
//  4. status.replicas > status.updatedReplicas:
//     `Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...`
//  5. status.availableReplicas < status.updatedReplicas:
//     `Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...`
//  6. otherwise `deployment "web" successfully rolled out` (done).
//
// Names are quoted with Go's %q, as kubectl does.
func RolloutStatus(d *appsv1.Deployment) (msg string, done bool, failed bool) {
	if d.Generation > d.Status.ObservedGeneration {
		return "Waiting for deployment spec update to be observed...", false, false
	}
	st := d.Status
	if c := GetDeploymentCondition(st, appsv1.DeploymentProgressing); c != nil && c.Reason == TimedOutReason {
		return fmt.Sprintf("error: deployment %q exceeded its progress deadline", d.Name), false, true
	}
	if d.Spec.Replicas != nil && st.UpdatedReplicas < *d.Spec.Replicas {
		return fmt.Sprintf("Waiting for deployment %q rollout to finish: %d out of %d new replicas have been updated...", d.Name, st.UpdatedReplicas, *d.Spec.Replicas), false, false
	}
	if st.Replicas > st.UpdatedReplicas {
		return fmt.Sprintf("Waiting for deployment %q rollout to finish: %d old replicas are pending termination...", d.Name, st.Replicas-st.UpdatedReplicas), false, false
	}
	if st.AvailableReplicas < st.UpdatedReplicas {
		return fmt.Sprintf("Waiting for deployment %q rollout to finish: %d of %d updated replicas are available...", d.Name, st.AvailableReplicas, st.UpdatedReplicas), false, false
	}
	return fmt.Sprintf("deployment %q successfully rolled out", d.Name), true, false
}
