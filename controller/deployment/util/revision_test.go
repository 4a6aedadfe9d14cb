package util

// Revision helpers. TestSetNewReplicaSetAnnotations_history reproduces the
// SetNewReplicaSetAnnotations part of upstream's TestAnnotationUtils
// (deployment_util_test.go); the rest follow deployment_util.go's rules.

import (
	"fmt"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

func TestSetNewReplicaSetAnnotations_history(t *testing.T) {
	// Upstream: the Deployment is at revision 1; the ReplicaSet is given
	// revisions 11 … 20 in turn with a 5-character history limit, so from
	// revision 13 on the history holds the two previous ones ("11,12" fits,
	// "10,11,12" would not).
	d := duImageDeployment("nginx")
	rs := duRSFor(d, "rs")
	d.Annotations[RevisionAnnotation] = "1"
	for i := 10; i < 20; i++ {
		next := fmt.Sprint(i + 1)
		SetNewReplicaSetAnnotations(d, rs, next, true, 5)
		if i >= 12 {
			if want := fmt.Sprintf("%d,%d", i-1, i); rs.Annotations[RevisionHistoryAnnotation] != want {
				t.Errorf("revision %s: history %q, want %q", next, rs.Annotations[RevisionHistoryAnnotation], want)
			}
		}
		if rs.Annotations[RevisionAnnotation] != next {
			t.Errorf("revision %q, want %q", rs.Annotations[RevisionAnnotation], next)
		}
	}
}

func TestSetNewReplicaSetAnnotations(t *testing.T) {
	deployment := func() *appsv1.Deployment {
		d := duDeployment("web", 10, duPercent("25%"), duPercent("25%"), nil)
		d.Annotations = map[string]string{
			RevisionAnnotation:                 "4",
			ChangeCauseAnnotation:              "kubectl set image deployment/web nginx=nginx:1.25",
			corev1.LastAppliedConfigAnnotation: "{}",
		}
		return d
	}
	tests := []struct {
		name        string
		rsAnn       map[string]string
		newRevision string
		exists      bool
		wantChanged bool
		want        map[string]string
	}{
		{
			name:  "new ReplicaSet at revision 5 of 10 replicas, 25% surge: desired 10, max 13",
			rsAnn: nil, newRevision: "5", exists: false, wantChanged: true,
			want: map[string]string{
				RevisionAnnotation:        "5",
				ChangeCauseAnnotation:     "kubectl set image deployment/web nginx=nginx:1.25",
				DesiredReplicasAnnotation: "10",
				MaxReplicasAnnotation:     "13",
			},
		},
		{
			name:  "rollback reuses revision 2 as 5: history gets 2",
			rsAnn: map[string]string{RevisionAnnotation: "2", DesiredReplicasAnnotation: "10", MaxReplicasAnnotation: "13"}, newRevision: "5", exists: true, wantChanged: true,
			want: map[string]string{
				RevisionAnnotation:        "5",
				RevisionHistoryAnnotation: "2",
				ChangeCauseAnnotation:     "kubectl set image deployment/web nginx=nginx:1.25",
				DesiredReplicasAnnotation: "10",
				MaxReplicasAnnotation:     "13",
			},
		},
		{
			name:  "second rollback appends to the history: 1,3 then 5 → 1,3,5",
			rsAnn: map[string]string{RevisionAnnotation: "5", RevisionHistoryAnnotation: "1,3"}, newRevision: "7", exists: true, wantChanged: true,
			want: map[string]string{
				RevisionAnnotation:        "7",
				RevisionHistoryAnnotation: "1,3,5",
				ChangeCauseAnnotation:     "kubectl set image deployment/web nginx=nginx:1.25",
			},
		},
		{
			name:  "a revision is never lowered: 6 stays 6 when told 5",
			rsAnn: map[string]string{RevisionAnnotation: "6", ChangeCauseAnnotation: "kubectl set image deployment/web nginx=nginx:1.25"}, newRevision: "5", exists: true, wantChanged: false,
			want: map[string]string{RevisionAnnotation: "6", ChangeCauseAnnotation: "kubectl set image deployment/web nginx=nginx:1.25"},
		},
		{
			name:  "an unparsable old revision stops after copying",
			rsAnn: map[string]string{RevisionAnnotation: "x"}, newRevision: "5", exists: true, wantChanged: false,
			want: map[string]string{RevisionAnnotation: "x", ChangeCauseAnnotation: "kubectl set image deployment/web nginx=nginx:1.25"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := duRS("web-abc", 0, duNoTimestamp)
			rs.Annotations = tt.rsAnn
			changed := SetNewReplicaSetAnnotations(deployment(), rs, tt.newRevision, tt.exists, 2000)
			if changed != tt.wantChanged {
				t.Errorf("changed = %v, want %v", changed, tt.wantChanged)
			}
			if fmt.Sprint(rs.Annotations) != fmt.Sprint(tt.want) {
				t.Errorf("annotations\n got %v\nwant %v", rs.Annotations, tt.want)
			}
		})
	}
}

func TestMaxRevisionAndLastRevision(t *testing.T) {
	rev := func(name, r string) *appsv1.ReplicaSet {
		rs := duRS(name, 0, duNoTimestamp)
		if r != "" {
			rs.Annotations = map[string]string{RevisionAnnotation: r}
		}
		return rs
	}
	tests := []struct {
		name     string
		rss      []*appsv1.ReplicaSet
		wantMax  int64
		wantLast int64
	}{
		{"none: 0 and 0", nil, 0, 0},
		{"1, 3, 2: max 3, last 2", []*appsv1.ReplicaSet{rev("a", "1"), rev("b", "3"), rev("c", "2")}, 3, 2},
		{"3, 3: a repeated maximum is also the last", []*appsv1.ReplicaSet{rev("a", "3"), rev("b", "3")}, 3, 3},
		{"unannotated counts as 0, unparsable is skipped: 2, -, x → 2, 0", []*appsv1.ReplicaSet{rev("a", "2"), rev("b", ""), rev("c", "x")}, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaxRevision(tt.rss); got != tt.wantMax {
				t.Errorf("MaxRevision %d, want %d", got, tt.wantMax)
			}
			if got := LastRevision(tt.rss); got != tt.wantLast {
				t.Errorf("LastRevision %d, want %d", got, tt.wantLast)
			}
		})
	}
}

func TestRevision(t *testing.T) {
	rs := duRS("a", 0, duNoTimestamp)
	if v, err := Revision(rs); v != 0 || err != nil {
		t.Errorf("unannotated: %d, %v; want 0, nil", v, err)
	}
	rs.Annotations = map[string]string{RevisionAnnotation: "12"}
	if v, err := Revision(rs); v != 12 || err != nil {
		t.Errorf("12: %d, %v", v, err)
	}
	rs.Annotations[RevisionAnnotation] = "twelve"
	if _, err := Revision(rs); err == nil {
		t.Error("twelve: want an error")
	}
}

func TestSetDeploymentRevision(t *testing.T) {
	d := &appsv1.Deployment{}
	if !SetDeploymentRevision(d, "3") || d.Annotations[RevisionAnnotation] != "3" {
		t.Errorf("first set: annotations %v", d.Annotations)
	}
	if SetDeploymentRevision(d, "3") {
		t.Error("same revision reported a change")
	}
}

func TestSetDeploymentAnnotationsTo(t *testing.T) {
	d := &appsv1.Deployment{}
	d.Annotations = map[string]string{
		RevisionAnnotation:                 "5",
		corev1.LastAppliedConfigAnnotation: "{}",
		ChangeCauseAnnotation:              "new cause",
		"team":                             "a",
	}
	rs := duRS("web-old", 0, duNoTimestamp)
	rs.Annotations = map[string]string{
		RevisionAnnotation:        "2",
		DesiredReplicasAnnotation: "3",
		ChangeCauseAnnotation:     "old cause",
	}
	SetDeploymentAnnotationsTo(d, rs)
	want := map[string]string{
		RevisionAnnotation:                 "5",
		corev1.LastAppliedConfigAnnotation: "{}",
		ChangeCauseAnnotation:              "old cause",
	}
	if fmt.Sprint(d.Annotations) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", d.Annotations, want)
	}
}

func TestCopyDeploymentAnnotationsToReplicaSet(t *testing.T) {
	d := &appsv1.Deployment{}
	d.Annotations = map[string]string{RevisionAnnotation: "3", MaxReplicasAnnotation: "9", "team": "a"}
	rs := duRS("web-x", 0, duNoTimestamp)
	rs.Annotations = map[string]string{"own": "kept"}
	if !copyDeploymentAnnotationsToReplicaSet(d, rs) {
		t.Error("want a change")
	}
	want := map[string]string{"own": "kept", "team": "a"}
	if fmt.Sprint(rs.Annotations) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", rs.Annotations, want)
	}
	if copyDeploymentAnnotationsToReplicaSet(d, rs) {
		t.Error("second copy reported a change")
	}
}
