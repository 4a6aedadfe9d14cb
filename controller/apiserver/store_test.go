package apiserver

import (
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// TestStore_CascadeAndGrace: deleting a ReplicaSet removes it at once and
// marks its pods deleting with their own grace period; the counted index
// and the watchers follow; a second delete with grace 0 removes the pod.
func TestStore_CascadeAndGrace(t *testing.T) {
	now := time.Date(2024, 12, 1, 0, 0, 10, 500, time.UTC)
	srv := NewServer(fixedClock{now})
	rss := Register[*appsv1.ReplicaSet](srv, "ReplicaSet")
	pods := Register[*corev1.Pod](srv, "Pod")
	pods.CountBy(func(p *corev1.Pod) bool { return p.DeletionTimestamp == nil })
	pods.Graceful(func(*corev1.Pod) int64 { return 30 })
	OwnedBy(pods, rss)
	var seen []string
	pods.AddHandler(Handler[*corev1.Pod]{
		Add:    func(p *corev1.Pod) { seen = append(seen, "add "+p.Name) },
		Update: func(_, p *corev1.Pod) { seen = append(seen, "update "+p.Name) },
		Delete: func(p *corev1.Pod) { seen = append(seen, "delete "+p.Name) },
	})

	rs := &appsv1.ReplicaSet{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "web"}}
	rss.Create(rs)
	if rs.UID == "" || rs.ResourceVersion != "1" || rs.Generation != 1 || !rs.CreationTimestamp.Time.Equal(now.Truncate(time.Second)) {
		t.Fatalf("not stamped: %+v", rs.ObjectMeta)
	}
	for _, name := range []string{"web-b", "web-a"} {
		pods.Create(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name,
			OwnerReferences: []metav1.OwnerReference{NewControllerRef(rs.Name, rs.UID, "ReplicaSet", "apps/v1")}}})
	}
	if got := pods.Counted(rs.UID); got != 2 {
		t.Fatalf("counted %d, want 2", got)
	}
	rss.Remove(rs)
	if rss.Len() != 0 || pods.Len() != 2 || pods.Counted(rs.UID) != 0 {
		t.Fatalf("after the cascade: %d replicasets, %d pods, %d counted; want 0, 2, 0", rss.Len(), pods.Len(), pods.Counted(rs.UID))
	}
	a := pods.Get(Key("default", "web-a"))
	if a.DeletionTimestamp == nil || *a.DeletionGracePeriodSeconds != 30 || !a.DeletionTimestamp.Time.Equal(now.Truncate(time.Second).Add(30*time.Second)) {
		t.Fatalf("web-a not marked with its grace period: %+v", a.ObjectMeta)
	}
	pods.Delete(a, new(int64))
	want := []string{"add web-b", "add web-a", "update web-a", "update web-b", "delete web-a"}
	if len(seen) != len(want) {
		t.Fatalf("watchers saw %v, want %v", seen, want)
	}
	for i := range want {
		if seen[i] != want[i] {
			t.Fatalf("watchers saw %v, want %v", seen, want)
		}
	}
}
