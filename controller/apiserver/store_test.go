package apiserver

import (
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// TestStore_CascadeAndGrace: deleting a ReplicaSet removes it at once and
// marks its pods deleting with their own grace period; the counted index
// and the watchers follow; a second delete with grace 0 removes the pod.
func TestStore_CascadeAndGrace(t *testing.T) {
	now := time.Date(2024, 12, 1, 0, 0, 10, 500, time.UTC)
	srv := NewServer(fixedClock{now})
	rss := Register(srv, "ReplicaSet", Strategy[*appsv1.ReplicaSet]{})
	pods := Register(srv, "Pod", Strategy[*corev1.Pod]{})
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

// TestStore_NamespaceAndLabelIndexes: Select finds exactly what a scan of
// every object with the selector finds, in name order, across namespaces,
// operators, a create after the indexes were built, a relabel (in place or
// by a new map) and a removal; ListNamespace lists one namespace by name;
// the indexes cost nothing until first used.
func TestStore_NamespaceAndLabelIndexes(t *testing.T) {
	srv := NewServer(fixedClock{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)})
	pods := Register(srv, "Pod", Strategy[*corev1.Pod]{})
	mk := func(ns, name string, l map[string]string) *corev1.Pod {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: l}}
		pods.Create(p)
		return p
	}
	mk("default", "web-b", map[string]string{"app": "web", "tier": "front"})
	webA := mk("default", "web-a", map[string]string{"app": "web"})
	mk("default", "db-0", map[string]string{"app": "db"})
	mk("other", "web-c", map[string]string{"app": "web"})
	bare := mk("default", "bare", nil)
	names := func(ps []*corev1.Pod) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Name)
		}
		return strings.Join(out, ",")
	}
	scan := func(ns string, sel labels.Selector) string {
		var out []*corev1.Pod
		for _, p := range pods.List() {
			if p.Namespace == ns && sel.Matches(labels.Set(p.Labels)) {
				out = append(out, p)
			}
		}
		return names(out)
	}
	check := func(step string, want map[string]string) {
		t.Helper()
		for _, ns := range []string{"default", "other", "none"} {
			for _, q := range []string{"", "app=web", "app==web", "app in (web,db)", "app!=web", "tier", "!tier", "app=web,tier=front", "app=nope", "app notin (db)"} {
				sel, err := labels.Parse(q)
				if err != nil {
					t.Fatal(err)
				}
				got := names(pods.Select(ns, sel))
				if w := scan(ns, sel); got != w {
					t.Errorf("%s: Select(%q, %q) = %q, a scan finds %q", step, ns, q, got, w)
				}
				if w, ok := want[ns+" "+q]; ok && got != w {
					t.Errorf("%s: Select(%q, %q) = %q, want %q", step, ns, q, got, w)
				}
			}
		}
	}
	if pods.indexed != nil || pods.byNamespace != nil {
		t.Fatal("indexes built before any Select")
	}
	check("created", map[string]string{"default app=web": "web-a,web-b", "other app=web": "web-c", "default ": "bare,db-0,web-a,web-b"})
	mk("default", "web-d", map[string]string{"app": "web"})
	webA.Labels["app"] = "db" // in place, then written
	pods.Update(webA)
	bare.Labels = map[string]string{"app": "web"}
	pods.Update(bare)
	check("relabelled", map[string]string{"default app=web": "bare,web-b,web-d", "default app=db": "db-0,web-a"})
	pods.Remove(bare)
	check("removed", map[string]string{"default app=web": "web-b,web-d"})
	if got := names(pods.ListNamespace("default")); got != "db-0,web-a,web-b,web-d" {
		t.Errorf("ListNamespace(default) = %q", got)
	}
	if len(pods.byLabel["tier"]) != 1 || len(pods.indexed) != 5 {
		t.Errorf("index keeps stale entries: %v, %d indexed", pods.byLabel, len(pods.indexed))
	}
}
