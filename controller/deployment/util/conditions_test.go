package util

// TestGetDeploymentCondition, TestSetDeploymentCondition and
// TestRemoveDeploymentCondition reproduce upstream's TestGetCondition,
// TestSetCondition and TestRemoveCondition (deployment_util_test.go).

import (
	"errors"
	"reflect"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func duCondProgressing() appsv1.DeploymentCondition {
	return appsv1.DeploymentCondition{Type: appsv1.DeploymentProgressing, Status: corev1.ConditionFalse, Reason: "ForSomeReason"}
}

func duCondProgressing2() appsv1.DeploymentCondition {
	return appsv1.DeploymentCondition{Type: appsv1.DeploymentProgressing, Status: corev1.ConditionTrue, Reason: "BecauseItIs"}
}

func duCondAvailable() appsv1.DeploymentCondition {
	return appsv1.DeploymentCondition{Type: appsv1.DeploymentAvailable, Status: corev1.ConditionTrue, Reason: "AwesomeController"}
}

func duStatus() *appsv1.DeploymentStatus {
	return &appsv1.DeploymentStatus{Conditions: []appsv1.DeploymentCondition{duCondProgressing(), duCondAvailable()}}
}

func TestGetDeploymentCondition(t *testing.T) {
	tests := []struct {
		name     string
		condType appsv1.DeploymentConditionType
		want     bool
	}{
		{"condition exists", appsv1.DeploymentAvailable, true},
		{"condition does not exist", appsv1.DeploymentReplicaFailure, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GetDeploymentCondition(*duStatus(), tt.condType) != nil; got != tt.want {
				t.Errorf("exists = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSetDeploymentCondition(t *testing.T) {
	tests := []struct {
		name   string
		status *appsv1.DeploymentStatus
		cond   appsv1.DeploymentCondition
		want   *appsv1.DeploymentStatus
	}{
		{"set for the first time", &appsv1.DeploymentStatus{}, duCondAvailable(),
			&appsv1.DeploymentStatus{Conditions: []appsv1.DeploymentCondition{duCondAvailable()}}},
		{"simple set", &appsv1.DeploymentStatus{Conditions: []appsv1.DeploymentCondition{duCondProgressing()}}, duCondAvailable(), duStatus()},
		{"overwrite", &appsv1.DeploymentStatus{Conditions: []appsv1.DeploymentCondition{duCondProgressing()}}, duCondProgressing2(),
			&appsv1.DeploymentStatus{Conditions: []appsv1.DeploymentCondition{duCondProgressing2()}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			SetDeploymentCondition(tt.status, tt.cond)
			if !reflect.DeepEqual(tt.status, tt.want) {
				t.Errorf("got %v, want %v", tt.status, tt.want)
			}
		})
	}
}

func TestSetDeploymentCondition_times(t *testing.T) {
	t0, t1 := duEpoch, duEpoch.Add(30*time.Second)
	t.Run("same status, same reason: nothing changes, not even the message", func(t *testing.T) {
		st := &appsv1.DeploymentStatus{}
		SetDeploymentCondition(st, *NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, ReplicaSetUpdatedReason, `ReplicaSet "a" is progressing.`, t0))
		SetDeploymentCondition(st, *NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, ReplicaSetUpdatedReason, `ReplicaSet "b" is progressing.`, t1))
		c := st.Conditions[0]
		if c.Message != `ReplicaSet "a" is progressing.` || !c.LastUpdateTime.Time.Equal(t0) {
			t.Errorf("got %+v", c)
		}
	})
	t.Run("same status, new reason: replaced, lastTransitionTime kept", func(t *testing.T) {
		st := &appsv1.DeploymentStatus{}
		SetDeploymentCondition(st, *NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, NewReplicaSetReason, NewReplicaSetMessage("web-1"), t0))
		SetDeploymentCondition(st, *NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, NewRSAvailableReason, "done", t1))
		c := st.Conditions[0]
		if c.Reason != NewRSAvailableReason || !c.LastTransitionTime.Time.Equal(t0) || !c.LastUpdateTime.Time.Equal(t1) {
			t.Errorf("got %+v", c)
		}
	})
	t.Run("status flips: both times move", func(t *testing.T) {
		st := &appsv1.DeploymentStatus{}
		SetDeploymentCondition(st, *NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, ReplicaSetUpdatedReason, "x", t0))
		SetDeploymentCondition(st, *NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionFalse, TimedOutReason, "y", t1))
		c := st.Conditions[0]
		if !c.LastTransitionTime.Time.Equal(t1) || !c.LastUpdateTime.Time.Equal(t1) {
			t.Errorf("got %+v", c)
		}
	})
}

func TestRemoveDeploymentCondition(t *testing.T) {
	tests := []struct {
		name     string
		status   *appsv1.DeploymentStatus
		condType appsv1.DeploymentConditionType
		want     *appsv1.DeploymentStatus
	}{
		{"remove from empty status", &appsv1.DeploymentStatus{}, appsv1.DeploymentProgressing, &appsv1.DeploymentStatus{}},
		{"simple remove", &appsv1.DeploymentStatus{Conditions: []appsv1.DeploymentCondition{duCondProgressing()}}, appsv1.DeploymentProgressing, &appsv1.DeploymentStatus{}},
		{"doesn't remove anything", duStatus(), appsv1.DeploymentReplicaFailure, duStatus()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			RemoveDeploymentCondition(tt.status, tt.condType)
			if !reflect.DeepEqual(tt.status, tt.want) {
				t.Errorf("got %v, want %v", tt.status, tt.want)
			}
		})
	}
}

func TestConditionMessages(t *testing.T) {
	d := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: "web"}}
	rs := &appsv1.ReplicaSet{ObjectMeta: metav1.ObjectMeta{Name: "web-5d4f8b7c9"}}
	tests := []struct {
		name, got, want string
	}{
		{"created", NewReplicaSetMessage(rs.Name), `Created new replica set "web-5d4f8b7c9"`},
		{"found", FoundNewRSMessage(rs.Name), `Found new replica set "web-5d4f8b7c9"`},
		{"failed create", FailedRSCreateMessage(rs.Name, errors.New("quota")), `Failed to create new replica set "web-5d4f8b7c9": quota`},
		{"progressing", ProgressingMessage(d, rs), `ReplicaSet "web-5d4f8b7c9" is progressing.`},
		{"progressing without a new ReplicaSet", ProgressingMessage(d, nil), `Deployment "web" is progressing.`},
		{"progressed", ProgressedMessage(d, rs), `ReplicaSet "web-5d4f8b7c9" has successfully progressed.`},
		{"progressed without a new ReplicaSet", ProgressedMessage(d, nil), `Deployment "web" has successfully progressed.`},
		{"timed out", TimedOutMessage(d, rs), `ReplicaSet "web-5d4f8b7c9" has timed out progressing.`},
		{"timed out without a new ReplicaSet", TimedOutMessage(d, nil), `Deployment "web" has timed out progressing.`},
		{"rolled back", RolledBackMessage("web", 2), `Rolled back deployment "web" to revision 2`},
		{"rollback unchanged", RollbackTemplateUnchangedMessage("web"), `The rollback revision contains the same template as current deployment "web"`},
		{"available", MinimumAvailabilityMessage, "Deployment has minimum availability."},
		{"unavailable", NoMinimumAvailabilityMessage, "Deployment does not have minimum availability."},
		{"paused", PausedMessage, "Deployment is paused"},
		{"resumed", ResumedMessage, "Deployment is resumed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
