package deployment

import (
	"reflect"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
)

// The cases are upstream's rolling_test.go tables (maxUnavailable 0 while
// surging, maxSurge 0 while scaling down), with what podviz also checks:
// the size stored and the ScalingReplicaSet event recorded.

// TestDeploymentController_reconcileNewReplicaSet: the new ReplicaSet
// grows to replicas + maxSurge − the old ReplicaSets' replicas, and
// shrinks to replicas when it is larger.
func TestDeploymentController_reconcileNewReplicaSet(t *testing.T) {
	tests := []struct {
		name                     string
		replicas, maxSurge       int32
		oldReplicas, newReplicas int32
		// expectations
		wantScaled bool
		wantNew    int32
		wantEvents []string
	}{
		{name: "10 replicas, maxSurge 0, 10 old + 0 new: no room, new stays 0",
			replicas: 10, maxSurge: 0, oldReplicas: 10, newReplicas: 0,
			wantNew: 0},
		{name: "10 replicas, maxSurge 2, 10 old + 0 new: new 0 -> 2 (12 - 10)",
			replicas: 10, maxSurge: 2, oldReplicas: 10, newReplicas: 0,
			wantScaled: true, wantNew: 2, wantEvents: []string{"Scaled up replica set foo-new from 0 to 2"}},
		{name: "10 replicas, maxSurge 2, 5 old + 0 new: new 0 -> 7 (12 - 5)",
			replicas: 10, maxSurge: 2, oldReplicas: 5, newReplicas: 0,
			wantScaled: true, wantNew: 7, wantEvents: []string{"Scaled up replica set foo-new from 0 to 7"}},
		{name: "10 replicas, maxSurge 2, 10 old + 2 new: at 12 already, new stays 2",
			replicas: 10, maxSurge: 2, oldReplicas: 10, newReplicas: 2,
			wantNew: 2},
		{name: "10 replicas, maxSurge 2, 2 old + 11 new: new 11 -> 10, down to replicas",
			replicas: 10, maxSurge: 2, oldReplicas: 2, newReplicas: 11,
			wantScaled: true, wantNew: 10, wantEvents: []string{"Scaled down replica set foo-new from 11 to 10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.createDeployment(newDeployment("foo", tt.replicas, tt.maxSurge, 0))
			oldRS := f.createRS(d, "foo-old", tt.oldReplicas, tt.oldReplicas, 0)
			newRS := f.createRS(d, "foo-new", tt.newReplicas, 0, 1)

			scaled := f.dc.reconcileNewReplicaSet(sync(d), []*appsv1.ReplicaSet{oldRS, newRS}, newRS)

			if scaled != tt.wantScaled {
				t.Errorf("scaled %v, want %v", scaled, tt.wantScaled)
			}
			if got := *f.rss.GetNamespaced("default", "foo-new").Spec.Replicas; got != tt.wantNew {
				t.Errorf("new ReplicaSet has %d replicas, want %d", got, tt.wantNew)
			}
			if got := f.scalingEvents(); !reflect.DeepEqual(got, tt.wantEvents) {
				t.Errorf("events %q, want %q", got, tt.wantEvents)
			}
		})
	}
}

// TestDeploymentController_reconcileOldReplicaSets: the old ReplicaSets
// shrink by at most all − (replicas − maxUnavailable) − the new ones not
// yet available, unavailable old pods first; when nothing may go the sync
// says what it waits for.
func TestDeploymentController_reconcileOldReplicaSets(t *testing.T) {
	tests := []struct {
		name                     string
		replicas, maxUnavailable int32
		oldReplicas, newReplicas int32
		oldAvailable             int32
		newAvailable             int32
		// expectations
		wantScaled bool
		wantOld    int32
		wantReason string
	}{
		{name: "10 replicas, maxSurge 0 and maxUnavailable 0 (the fenceposts make it 1), 10 old all available: old 10 -> 9",
			replicas: 10, maxUnavailable: 0, oldReplicas: 10, oldAvailable: 10,
			wantScaled: true, wantOld: 9},
		{name: "10 replicas, maxUnavailable 2, 10 old all available: old 10 -> 8",
			replicas: 10, maxUnavailable: 2, oldReplicas: 10, oldAvailable: 10,
			wantScaled: true, wantOld: 8},
		{name: "10 replicas, maxUnavailable 2, 10 old with 8 available: the 2 unavailable go, old 10 -> 8",
			replicas: 10, maxUnavailable: 2, oldReplicas: 10, oldAvailable: 8,
			wantScaled: true, wantOld: 8},
		{name: "10 replicas, maxUnavailable 2, 10 old with 9 available: 1 unavailable and 1 available go, old 10 -> 8",
			replicas: 10, maxUnavailable: 2, oldReplicas: 10, oldAvailable: 9,
			wantScaled: true, wantOld: 8},
		{name: "10 replicas, maxUnavailable 2, 8 old + 2 new not available: 10 - 8 - 2 = 0 may go, wait",
			replicas: 10, maxUnavailable: 2, oldReplicas: 8, newReplicas: 2, oldAvailable: 8,
			wantOld:    8,
			wantReason: "waiting for 2 new pods to become available before scaling down the old ReplicaSet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.createDeployment(newDeployment("foo", tt.replicas, 0, tt.maxUnavailable))
			oldRS := f.createRS(d, "foo-old", tt.oldReplicas, tt.oldAvailable, 0)
			newRS := f.createRS(d, "foo-new", tt.newReplicas, tt.newAvailable, 1)
			s := sync(d)

			scaled := f.dc.reconcileOldReplicaSets(s, []*appsv1.ReplicaSet{oldRS, newRS}, []*appsv1.ReplicaSet{oldRS}, newRS)

			if scaled != tt.wantScaled {
				t.Errorf("scaled %v, want %v", scaled, tt.wantScaled)
			}
			if got := *f.rss.GetNamespaced("default", "foo-old").Spec.Replicas; got != tt.wantOld {
				t.Errorf("old ReplicaSet has %d replicas, want %d", got, tt.wantOld)
			}
			if s.reason != tt.wantReason {
				t.Errorf("reason %q, want %q", s.reason, tt.wantReason)
			}
		})
	}
}

// TestDeploymentController_cleanupUnhealthyReplicas: an old ReplicaSet
// loses its unavailable replicas (spec − available), at most maxCleanup.
func TestDeploymentController_cleanupUnhealthyReplicas(t *testing.T) {
	tests := []struct {
		name                             string
		oldReplicas, available, maxClean int32
		// expectations
		wantCleaned int32
		wantOld     int32
	}{
		{name: "10 old, 8 available, at most 1: 1 cleaned", oldReplicas: 10, available: 8, maxClean: 1, wantCleaned: 1, wantOld: 9},
		{name: "10 old, 8 available, at most 3: the 2 unavailable cleaned", oldReplicas: 10, available: 8, maxClean: 3, wantCleaned: 2, wantOld: 8},
		{name: "10 old, 8 available, at most 0: none", oldReplicas: 10, available: 8, maxClean: 0, wantCleaned: 0, wantOld: 10},
		{name: "10 old, 10 available, at most 3: none unavailable", oldReplicas: 10, available: 10, maxClean: 3, wantCleaned: 0, wantOld: 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.createDeployment(newDeployment("foo", 10, 2, 2))
			oldRS := f.createRS(d, "foo-old", tt.oldReplicas, tt.available, 0)

			_, cleaned := f.dc.cleanupUnhealthyReplicas(sync(d), []*appsv1.ReplicaSet{oldRS}, tt.maxClean)

			if cleaned != tt.wantCleaned {
				t.Errorf("cleaned %d, want %d", cleaned, tt.wantCleaned)
			}
			if got := *f.rss.GetNamespaced("default", "foo-old").Spec.Replicas; got != tt.wantOld {
				t.Errorf("old ReplicaSet has %d replicas, want %d", got, tt.wantOld)
			}
		})
	}
}

// TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate:
// available old replicas go while more than replicas − maxUnavailable are
// available.
func TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate(t *testing.T) {
	tests := []struct {
		name                                     string
		replicas, maxUnavailable, available, old int32
		// expectations
		wantScaled int32
		wantOld    int32
	}{
		{name: "10 replicas, maxSurge 0 and maxUnavailable 0 (the fenceposts make it 1), 10 available: 10 - 9 = 1 goes, old 10 -> 9", replicas: 10, maxUnavailable: 0, available: 10, old: 10, wantScaled: 1, wantOld: 9},
		{name: "10 replicas, maxUnavailable 2, 10 available: 10 - 8 = 2 go, old 10 -> 8", replicas: 10, maxUnavailable: 2, available: 10, old: 10, wantScaled: 2, wantOld: 8},
		{name: "10 replicas, maxUnavailable 2, 8 available: 8 - 8 = 0 go", replicas: 10, maxUnavailable: 2, available: 8, old: 10, wantOld: 10},
		{name: "10 replicas, maxUnavailable 2, old at 0: nothing to scale", replicas: 10, maxUnavailable: 2, available: 10, old: 0, wantOld: 0},
		{name: "10 replicas, maxUnavailable 2, 1 available: below 8, none go", replicas: 10, maxUnavailable: 2, available: 1, old: 10, wantOld: 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.createDeployment(newDeployment("foo", tt.replicas, 0, tt.maxUnavailable))
			oldRS := f.createRS(d, "foo-old", tt.old, tt.available, 0)
			all := []*appsv1.ReplicaSet{oldRS}

			scaled := f.dc.scaleDownOldReplicaSetsForRollingUpdate(sync(d), all, all)

			if scaled != tt.wantScaled {
				t.Errorf("scaled %d, want %d", scaled, tt.wantScaled)
			}
			if got := *f.rss.GetNamespaced("default", "foo-old").Spec.Replicas; got != tt.wantOld {
				t.Errorf("old ReplicaSet has %d replicas, want %d", got, tt.wantOld)
			}
		})
	}
}
