package controllerutil

import (
	"sort"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

var duNoTimestamp = metav1.Time{}

// duRS is upstream's newReplicaSet: a ReplicaSet of the given size and
// creation time.
func duRS(name string, replicas int32, created metav1.Time) *appsv1.ReplicaSet {
	return &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{
			Name:              name,
			UID:               types.UID("uid-" + name),
			CreationTimestamp: created,
			Namespace:         metav1.NamespaceDefault,
		},
		Spec: appsv1.ReplicaSetSpec{Replicas: &replicas},
	}
}

func TestFilterActiveReplicaSets(t *testing.T) {
	// controller_utils_test.go TestActiveReplicaSetsFiltering: zero-size and
	// nil ReplicaSets are dropped, order kept.
	rss := []*appsv1.ReplicaSet{
		duRS("zero", 0, duNoTimestamp), nil, duRS("foo", 1, duNoTimestamp), duRS("bar", 2, duNoTimestamp),
	}
	got := FilterActiveReplicaSets(rss)
	if len(got) != 2 || got[0].Name != "foo" || got[1].Name != "bar" {
		t.Errorf("got %v, want [foo bar]", got)
	}
}

func TestReplicaSetSorts(t *testing.T) {
	older := metav1.NewTime(duEpoch)
	newer := metav1.NewTime(duEpoch.Add(time.Hour))
	names := func(rss []*appsv1.ReplicaSet) []string {
		var out []string
		for _, rs := range rss {
			out = append(out, rs.Name)
		}
		return out
	}
	mk := func() []*appsv1.ReplicaSet {
		return []*appsv1.ReplicaSet{duRS("b-old-2", 2, older), duRS("c-new-2", 2, newer), duRS("a-old-5", 5, older), duRS("d-new-1", 1, newer)}
	}
	tests := []struct {
		name string
		sort func([]*appsv1.ReplicaSet)
		want []string
	}{
		{"by creation, ties by name", func(r []*appsv1.ReplicaSet) { sort.Sort(ReplicaSetsByCreationTimestamp(r)) }, []string{"a-old-5", "b-old-2", "c-new-2", "d-new-1"}},
		{"by size, ties oldest first (removing)", func(r []*appsv1.ReplicaSet) { sort.Sort(ReplicaSetsBySizeOlder(r)) }, []string{"a-old-5", "b-old-2", "c-new-2", "d-new-1"}},
		{"by size, ties newest first (adding)", func(r []*appsv1.ReplicaSet) { sort.Sort(ReplicaSetsBySizeNewer(r)) }, []string{"a-old-5", "c-new-2", "b-old-2", "d-new-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mk()
			tt.sort(r)
			if got := names(r); !equalStrings(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
