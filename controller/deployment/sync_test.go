package deployment

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"podviz/controller/apiserver"
	deploymentutil "podviz/controller/deployment/util"
	"podviz/model"
)

// rsSize is one ReplicaSet of a case: its name and replicas, oldest first.
type rsSize struct {
	name     string
	replicas int32
}

// TestDeploymentController_scale: on a scaling event the ReplicaSets are
// resized in proportion to their sizes, the leftover going to the largest
// (newest on a tie), as upstream's TestScale tables have it. Each case
// starts from ReplicaSets the controller last sized for the old replicas
// and maxSurge, then changes the Deployment.
func TestDeploymentController_scale(t *testing.T) {
	tests := []struct {
		name            string
		oldReplicas     int32
		oldSurge        int32
		replicas, surge int32
		maxUnavailable  int32
		newTemplate     bool // the template changed too: no new ReplicaSet yet
		olds            []rsSize
		newRS           *rsSize
		newBroken       bool // no pod of the new ReplicaSet is available
		// expectations: the sizes in the same order, the new one last
		wantOld []int32
		wantNew int32
	}{
		{name: "normal scaling event: 10 -> 12", oldReplicas: 10, replicas: 12,
			newRS: &rsSize{"foo-v1", 10}, wantNew: 12},
		{name: "normal scaling event: 10 -> 5", oldReplicas: 10, replicas: 5,
			newRS: &rsSize{"foo-v1", 10}, wantNew: 5},
		{name: "proportional scaling: 5 -> 10", oldReplicas: 5, replicas: 10,
			olds: []rsSize{{"foo-v1", 3}}, newRS: &rsSize{"foo-v2", 2}, wantOld: []int32{6}, wantNew: 4},
		{name: "proportional scaling: 5 -> 3", oldReplicas: 5, replicas: 3,
			olds: []rsSize{{"foo-v1", 3}}, newRS: &rsSize{"foo-v2", 2}, wantOld: []int32{2}, wantNew: 1},
		{name: "proportional scaling: 9 -> 4", oldReplicas: 9, replicas: 4,
			olds: []rsSize{{"foo-v1", 1}}, newRS: &rsSize{"foo-v2", 8}, wantOld: []int32{0}, wantNew: 4},
		{name: "proportional scaling: 7 -> 10", oldReplicas: 7, replicas: 10,
			olds: []rsSize{{"foo-v1", 2}, {"foo-v2", 3}}, newRS: &rsSize{"foo-v3", 2}, wantOld: []int32{3, 4}, wantNew: 3},
		{name: "proportional scaling: 13 -> 8", oldReplicas: 13, replicas: 8,
			olds: []rsSize{{"foo-v1", 3}, {"foo-v2", 8}}, newRS: &rsSize{"foo-v3", 2}, wantOld: []int32{2, 5}, wantNew: 1},
		{name: "leftover distribution: 3 -> 4, the new one grows", oldReplicas: 3, replicas: 4,
			olds: []rsSize{{"foo-v1", 1}, {"foo-v2", 1}}, newRS: &rsSize{"foo-v3", 1}, wantOld: []int32{1, 1}, wantNew: 2},
		{name: "leftover distribution: 3 -> 2, the oldest shrinks", oldReplicas: 3, replicas: 2,
			olds: []rsSize{{"foo-v1", 1}, {"foo-v2", 1}}, newRS: &rsSize{"foo-v3", 1}, wantOld: []int32{0, 1}, wantNew: 1},
		{name: "proportional scaling (no new ReplicaSet): 4 -> 5, the latest grows", oldReplicas: 4, replicas: 5,
			olds: []rsSize{{"foo-v1", 2}, {"foo-v2", 2}}, wantOld: []int32{2, 3}},
		{name: "proportional scaling: 6 -> 0", oldReplicas: 6, replicas: 0,
			olds: []rsSize{{"foo-v1", 1}, {"foo-v2", 2}}, newRS: &rsSize{"foo-v3", 3}, wantOld: []int32{0, 0}, wantNew: 0},
		{name: "proportional scaling: 0 -> 6, all to the new one", oldReplicas: 6, replicas: 6,
			olds: []rsSize{{"foo-v1", 0}, {"foo-v2", 0}}, newRS: &rsSize{"foo-v3", 0}, wantOld: []int32{0, 0}, wantNew: 6},
		{name: "deployment with surge pods: 10 -> 20, maxSurge 2", oldReplicas: 10, oldSurge: 2, replicas: 20, surge: 2,
			olds: []rsSize{{"foo-v1", 6}}, newRS: &rsSize{"foo-v2", 6}, wantOld: []int32{11}, wantNew: 11},
		{name: "change both surge and size: 10 (surge 3) -> 50 (surge 6)", oldReplicas: 10, oldSurge: 3, replicas: 50, surge: 6,
			olds: []rsSize{{"foo-v1", 8}}, newRS: &rsSize{"foo-v2", 5}, wantOld: []int32{34}, wantNew: 22},
		{name: "change both size and template: 10 -> 14", oldReplicas: 10, replicas: 14, newTemplate: true,
			olds: []rsSize{{"foo-v1", 3}, {"foo-v2", 7}}, wantOld: []int32{4, 10}},
		{name: "saturated but broken new ReplicaSet does not affect old pods: 2, surge 1, unavailable 1",
			oldReplicas: 2, oldSurge: 1, replicas: 2, surge: 1, maxUnavailable: 1, newBroken: true,
			olds: []rsSize{{"foo-v1", 1}}, newRS: &rsSize{"foo-v2", 2}, wantOld: []int32{1}, wantNew: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.createDeployment(newDeployment("foo", tt.oldReplicas, tt.oldSurge, tt.maxUnavailable))
			var olds []*appsv1.ReplicaSet
			for i, o := range tt.olds {
				olds = append(olds, f.createRS(d, o.name, o.replicas, o.replicas, time.Duration(i)*time.Hour))
			}
			var newRS *appsv1.ReplicaSet
			if tt.newRS != nil {
				newRS = f.createRS(d, tt.newRS.name, tt.newRS.replicas, tt.newRS.replicas, time.Duration(len(olds))*time.Hour)
				if tt.newBroken {
					newRS.Status.AvailableReplicas = 0
				}
			}
			*d.Spec.Replicas = tt.replicas
			surge := intstr.FromInt32(tt.surge)
			d.Spec.Strategy.RollingUpdate.MaxSurge = &surge
			if tt.newTemplate {
				d.Spec.Template.Labels["another"] = "label"
			}

			f.dc.scale(sync(d), newRS, olds)

			for i, o := range tt.olds {
				if got := *f.rss.GetNamespaced("default", o.name).Spec.Replicas; got != tt.wantOld[i] {
					t.Errorf("%s: %d replicas, want %d", o.name, got, tt.wantOld[i])
				}
			}
			if tt.newRS != nil {
				if got := *f.rss.GetNamespaced("default", tt.newRS.name).Spec.Replicas; got != tt.wantNew {
					t.Errorf("%s: %d replicas, want %d", tt.newRS.name, got, tt.wantNew)
				}
			}
		})
	}
}

// TestDeploymentController_cleanupDeployment: old ReplicaSets beyond
// revisionHistoryLimit are deleted, oldest first, but only those scaled
// to 0 with no pod left (spec and status replicas 0) — upstream's table.
func TestDeploymentController_cleanupDeployment(t *testing.T) {
	type old struct {
		name           string
		spec, replicas int32
	}
	tests := []struct {
		name  string
		olds  []old
		limit int32
		// expectations
		wantDeleted int
	}{
		{name: "3 old at 0, limit 1: 3 - 1 = 2 deleted", limit: 1,
			olds: []old{{"foo-1", 0, 0}, {"foo-2", 0, 0}, {"foo-3", 0, 0}}, wantDeleted: 2},
		{name: "4 old, limit 0: only the one with spec and status 0 deleted", limit: 0,
			olds: []old{{"foo-1", 0, 0}, {"foo-2", 0, 1}, {"foo-3", 1, 0}, {"foo-4", 1, 1}}, wantDeleted: 1},
		{name: "2 old at 0, limit 0: both deleted", limit: 0,
			olds: []old{{"foo-1", 0, 0}, {"foo-2", 0, 0}}, wantDeleted: 2},
		{name: "2 old at 1, limit 0: none deleted", limit: 0,
			olds: []old{{"foo-1", 1, 1}, {"foo-2", 1, 1}}, wantDeleted: 0},
		{name: "3 old at 0, unlimited history: none deleted", limit: math.MaxInt32,
			olds: []old{{"foo-1", 0, 0}, {"foo-2", 0, 0}, {"foo-3", 0, 0}}, wantDeleted: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := newDeployment("foo", 1, 0, 1)
			d.Spec.RevisionHistoryLimit = &tt.limit
			f.createDeployment(d)
			var olds []*appsv1.ReplicaSet
			for i, o := range tt.olds {
				rs := f.createRS(d, o.name, o.spec, 0, time.Duration(i)*time.Minute)
				rs.Status.Replicas = o.replicas
				olds = append(olds, rs)
			}
			before := f.rss.Len()

			f.dc.cleanupDeployment(olds, d)

			if got := before - f.rss.Len(); got != tt.wantDeleted {
				t.Errorf("%d deleted, want %d", got, tt.wantDeleted)
			}
		})
	}
}

// TestDeploymentController_syncDeployment: what one sync of a new
// Deployment of 3 does — refuse to select everything, create the new
// ReplicaSet at 3, or, when the apiserver refuses that ReplicaSet, say so
// as upstream does (a Warning, and Progressing False with the reason).
func TestDeploymentController_syncDeployment(t *testing.T) {
	refuse := apiserver.Strategy[*appsv1.ReplicaSet]{Validate: func(*appsv1.ReplicaSet) field.ErrorList {
		return field.ErrorList{field.Forbidden(field.NewPath("spec"), "refused by the test")}
	}}
	tests := []struct {
		name          string
		emptySelector bool
		rsStrategy    apiserver.Strategy[*appsv1.ReplicaSet]
		// expectations; %s is the new ReplicaSet's name
		wantRSs         int
		wantEvents      []string
		wantProgressing string
	}{
		{name: "empty selector: SelectingAll, nothing created", emptySelector: true,
			wantEvents: []string{"Warning SelectingAll This deployment is selecting all pods. A non-empty selector is required."}},
		{name: "3 replicas, no ReplicaSet: the new one created at 3", wantRSs: 1,
			wantEvents:      []string{"Normal ScalingReplicaSet Scaled up replica set %s from 0 to 3"},
			wantProgressing: "True NewReplicaSetCreated Created new replica set \"%s\""},
		{name: "3 replicas, the new ReplicaSet refused: ReplicaSetCreateError", rsStrategy: refuse,
			wantEvents:      []string{"Warning ReplicaSetCreateError Failed to create new replica set \"%s\": The ReplicaSet \"%s\" is invalid: spec: Forbidden: refused by the test"},
			wantProgressing: "False ReplicaSetCreateError Failed to create new replica set \"%s\": The ReplicaSet \"%s\" is invalid: spec: Forbidden: refused by the test"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixtureWith(t, tt.rsStrategy)
			d := newDeployment("foo", 3, 1, 0)
			deadline := int32(600)
			d.Spec.ProgressDeadlineSeconds = &deadline
			if tt.emptySelector {
				d.Spec.Selector = &metav1.LabelSelector{}
			}
			f.createDeployment(d)

			f.run()

			// The name is the template's hash, as upstream computes it.
			name := "foo-" + model.ComputeHash(&d.Spec.Template, nil)
			expand := func(s string) string { return strings.ReplaceAll(s, "%s", name) }
			if f.rss.Len() != tt.wantRSs {
				t.Errorf("%d ReplicaSets, want %d", f.rss.Len(), tt.wantRSs)
			}
			var got []string
			for _, e := range f.recorder.List() {
				got = append(got, e.Type+" "+e.Reason+" "+e.Message)
			}
			var want []string
			for _, e := range tt.wantEvents {
				want = append(want, expand(e))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("events\n%q\nwant\n%q", got, want)
			}
			cond := deploymentutil.GetDeploymentCondition(d.Status, appsv1.DeploymentProgressing)
			gotCond := ""
			if cond != nil {
				gotCond = string(cond.Status) + " " + cond.Reason + " " + cond.Message
			}
			if gotCond != expand(tt.wantProgressing) {
				t.Errorf("Progressing %q, want %q", gotCond, expand(tt.wantProgressing))
			}
		})
	}
}
