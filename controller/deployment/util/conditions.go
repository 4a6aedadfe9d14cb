package util

// Deployment conditions (Available, Progressing) with upstream's reasons and
// messages. Mirrors kubernetes v1.37 pkg/controller/deployment/util/
// deployment_util.go (condition helpers and reason constants) and the
// messages written by pkg/controller/deployment/{sync,progress,rollback}.go.
// Time is passed in; nothing here reads a clock.

import (
	"fmt"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Condition reasons and rollback event reasons, exactly as upstream writes them.
const (
	// ReplicaSetUpdatedReason (Progressing True): a ReplicaSet of the rollout changed.
	ReplicaSetUpdatedReason = "ReplicaSetUpdated"
	// FailedRSCreateReason (Progressing False): the new ReplicaSet could not be created.
	FailedRSCreateReason = "ReplicaSetCreateError"
	// NewReplicaSetReason (Progressing True): the controller created the new ReplicaSet.
	NewReplicaSetReason = "NewReplicaSetCreated"
	// FoundNewRSReason (Progressing True): the controller adopted an existing new ReplicaSet.
	FoundNewRSReason = "FoundNewReplicaSet"
	// NewRSAvailableReason (Progressing True): the rollout completed.
	NewRSAvailableReason = "NewReplicaSetAvailable"
	// TimedOutReason (Progressing False): no progress within progressDeadlineSeconds.
	TimedOutReason = "ProgressDeadlineExceeded"
	// PausedDeployReason (Progressing Unknown): paused, so the deadline is not judged.
	PausedDeployReason = "DeploymentPaused"
	// ResumedDeployReason (Progressing Unknown): resumed; the deadline restarts from here.
	ResumedDeployReason = "DeploymentResumed"
	// MinimumReplicasAvailable (Available True): available ≥ replicas − maxUnavailable.
	MinimumReplicasAvailable = "MinimumReplicasAvailable"
	// MinimumReplicasUnavailable (Available False): fewer than that are available.
	MinimumReplicasUnavailable = "MinimumReplicasUnavailable"

	// RollbackRevisionNotFound is the event reason when undo finds no such revision.
	RollbackRevisionNotFound = "DeploymentRollbackRevisionNotFound"
	// RollbackTemplateUnchanged is the event reason when undo would change nothing.
	RollbackTemplateUnchanged = "DeploymentRollbackTemplateUnchanged"
	// RollbackDone is the event reason of a completed rollback.
	RollbackDone = "DeploymentRollback"
)

// Fixed condition messages.
const (
	// MinimumAvailabilityMessage goes with MinimumReplicasAvailable.
	MinimumAvailabilityMessage = "Deployment has minimum availability."
	// NoMinimumAvailabilityMessage goes with MinimumReplicasUnavailable.
	NoMinimumAvailabilityMessage = "Deployment does not have minimum availability."
	// PausedMessage goes with PausedDeployReason.
	PausedMessage = "Deployment is paused"
	// ResumedMessage goes with ResumedDeployReason.
	ResumedMessage = "Deployment is resumed"
)

// NewReplicaSetMessage is `Created new replica set "web-5d4f8b7c9"`.
func NewReplicaSetMessage(rsName string) string {
	return fmt.Sprintf("Created new replica set %q", rsName)
}

// FoundNewRSMessage is `Found new replica set "web-5d4f8b7c9"`.
func FoundNewRSMessage(rsName string) string {
	return fmt.Sprintf("Found new replica set %q", rsName)
}

// FailedRSCreateMessage is `Failed to create new replica set "X": ERR`.
func FailedRSCreateMessage(rsName string, err error) string {
	return fmt.Sprintf("Failed to create new replica set %q: %v", rsName, err)
}

// ProgressingMessage is `ReplicaSet "X" is progressing.`, or
// `Deployment "D" is progressing.` when there is no new ReplicaSet.
func ProgressingMessage(d *appsv1.Deployment, newRS *appsv1.ReplicaSet) string {
	return subjectMessage(d, newRS, "is progressing.")
}

// ProgressedMessage is `ReplicaSet "X" has successfully progressed.`, or the
// Deployment's name when there is no new ReplicaSet.
func ProgressedMessage(d *appsv1.Deployment, newRS *appsv1.ReplicaSet) string {
	return subjectMessage(d, newRS, "has successfully progressed.")
}

// TimedOutMessage is `ReplicaSet "X" has timed out progressing.`, or the
// Deployment's name when there is no new ReplicaSet.
func TimedOutMessage(d *appsv1.Deployment, newRS *appsv1.ReplicaSet) string {
	return subjectMessage(d, newRS, "has timed out progressing.")
}

// subjectMessage names the new ReplicaSet if there is one, else the
// Deployment, as progress.go does.
func subjectMessage(d *appsv1.Deployment, newRS *appsv1.ReplicaSet, predicate string) string {
	if newRS != nil {
		return fmt.Sprintf("ReplicaSet %q %s", newRS.Name, predicate)
	}
	return fmt.Sprintf("Deployment %q %s", d.Name, predicate)
}

// RolledBackMessage is the RollbackDone event: `Rolled back deployment "D" to revision N`.
func RolledBackMessage(dName string, revision int64) string {
	return fmt.Sprintf("Rolled back deployment %q to revision %d", dName, revision)
}

// RollbackTemplateUnchangedMessage is the RollbackTemplateUnchanged event text.
func RollbackTemplateUnchangedMessage(dName string) string {
	return fmt.Sprintf("The rollback revision contains the same template as current deployment %q", dName)
}

// NewDeploymentCondition builds a condition whose lastUpdateTime and
// lastTransitionTime are both now.
func NewDeploymentCondition(condType appsv1.DeploymentConditionType, status corev1.ConditionStatus, reason, message string, now time.Time) *appsv1.DeploymentCondition {
	t := metav1.NewTime(now)
	return &appsv1.DeploymentCondition{
		Type:               condType,
		Status:             status,
		LastUpdateTime:     t,
		LastTransitionTime: t,
		Reason:             reason,
		Message:            message,
	}
}

// GetDeploymentCondition returns a copy of the condition of that type, or nil.
func GetDeploymentCondition(status appsv1.DeploymentStatus, condType appsv1.DeploymentConditionType) *appsv1.DeploymentCondition {
	for i := range status.Conditions {
		if status.Conditions[i].Type == condType {
			c := status.Conditions[i]
			return &c
		}
	}
	return nil
}

// SetDeploymentCondition puts cond into status, replacing one of its type.
// Same status and reason as the current one: nothing changes (not even the
// message or lastUpdateTime). Same status, other reason: replaced but keeps
// the old lastTransitionTime. The replaced condition moves to the end of the
// list, as upstream's filter-then-append does.
func SetDeploymentCondition(status *appsv1.DeploymentStatus, cond appsv1.DeploymentCondition) {
	cur := GetDeploymentCondition(*status, cond.Type)
	if cur != nil && cur.Status == cond.Status && cur.Reason == cond.Reason {
		return
	}
	if cur != nil && cur.Status == cond.Status {
		cond.LastTransitionTime = cur.LastTransitionTime
	}
	status.Conditions = append(filterOutCondition(status.Conditions, cond.Type), cond)
}

// RemoveDeploymentCondition drops the condition of that type, if any.
func RemoveDeploymentCondition(status *appsv1.DeploymentStatus, condType appsv1.DeploymentConditionType) {
	status.Conditions = filterOutCondition(status.Conditions, condType)
}

// filterOutCondition returns a new slice without conditions of that type
// (nil when none remain, as upstream).
func filterOutCondition(conds []appsv1.DeploymentCondition, condType appsv1.DeploymentConditionType) []appsv1.DeploymentCondition {
	var out []appsv1.DeploymentCondition
	for _, c := range conds {
		if c.Type != condType {
			out = append(out, c)
		}
	}
	return out
}

// ReplicaSetToDeploymentCondition promotes a ReplicaSet condition (a
// ReplicaFailure) to the Deployment, both times set to its transition time.
func ReplicaSetToDeploymentCondition(cond appsv1.ReplicaSetCondition) appsv1.DeploymentCondition {
	return appsv1.DeploymentCondition{
		Type:               appsv1.DeploymentConditionType(cond.Type),
		Status:             cond.Status,
		LastTransitionTime: cond.LastTransitionTime,
		LastUpdateTime:     cond.LastTransitionTime,
		Reason:             cond.Reason,
		Message:            cond.Message,
	}
}
