package kube

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

var t0 = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

// web is a Deployment mid-rollout: revision 2's ReplicaSet has one pod
// (not ready yet), revision 1's three (ready).
func web() []runtime.Object {
	labels := map[string]string{"app": "web"}
	tmpl := func(image, hash string) corev1.PodTemplateSpec {
		return corev1.PodTemplateSpec{
			ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web", "pod-template-hash": hash}},
			Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: image}}},
		}
	}
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "web", UID: "d1", Generation: 2, CreationTimestamp: metav1.NewTime(t0),
			Annotations: map[string]string{"deployment.kubernetes.io/revision": "2"}, Labels: labels},
		Spec: appsv1.DeploymentSpec{Replicas: ptr(int32(3)), Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}}},
			Strategy: appsv1.DeploymentStrategy{Type: appsv1.RollingUpdateDeploymentStrategyType, RollingUpdate: &appsv1.RollingUpdateDeployment{
				MaxSurge: ptr(intstr.FromString("25%")), MaxUnavailable: ptr(intstr.FromString("25%"))}},
			ProgressDeadlineSeconds: ptr(int32(600))},
		Status: appsv1.DeploymentStatus{ObservedGeneration: 2, Replicas: 4, UpdatedReplicas: 1, ReadyReplicas: 3, AvailableReplicas: 3, UnavailableReplicas: 1},
	}
	owner := func(kind, name, uid string) []metav1.OwnerReference {
		return []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: kind, Name: name, UID: typesUID(uid), Controller: ptr(true)}}
	}
	rs := func(name, uid, hash, image, rev string, replicas, ready int32, at time.Time) *appsv1.ReplicaSet {
		t := tmpl(image, hash)
		return &appsv1.ReplicaSet{
			ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: name, UID: typesUID(uid), CreationTimestamp: metav1.NewTime(at),
				Labels: t.Labels, Annotations: map[string]string{"deployment.kubernetes.io/revision": rev}, OwnerReferences: owner("Deployment", "web", "d1")},
			Spec:   appsv1.ReplicaSetSpec{Replicas: ptr(replicas), Selector: &metav1.LabelSelector{MatchLabels: t.Labels}, Template: t},
			Status: appsv1.ReplicaSetStatus{Replicas: replicas, ReadyReplicas: ready, AvailableReplicas: ready},
		}
	}
	pod := func(name, rsName, rsUID, hash, image string, ready bool, at time.Time) *corev1.Pod {
		cond := corev1.ConditionFalse
		st := corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}}
		phase := corev1.PodPending
		if ready {
			cond, phase = corev1.ConditionTrue, corev1.PodRunning
			st = corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: metav1.NewTime(at)}}
		}
		return &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: name, UID: typesUID(name), CreationTimestamp: metav1.NewTime(at),
				Labels: map[string]string{"app": "web", "pod-template-hash": hash}, OwnerReferences: owner("ReplicaSet", rsName, rsUID)},
			Spec: corev1.PodSpec{NodeName: "node-1", Containers: []corev1.Container{{Name: "nginx", Image: image}}},
			Status: corev1.PodStatus{Phase: phase, Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: cond, LastTransitionTime: metav1.NewTime(at)}},
				ContainerStatuses: []corev1.ContainerStatus{{Name: "nginx", Image: image, Ready: ready, State: st}}},
		}
	}
	old := t0
	mid := t0.Add(time.Minute)
	objs := []runtime.Object{
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "shop"}},
		d,
		rs("web-old", "rs1", "aaa", "nginx:1.26", "1", 3, 3, old),
		rs("web-new", "rs2", "bbb", "nginx:1.27", "2", 1, 0, mid),
		pod("web-old-c", "web-old", "rs1", "aaa", "nginx:1.26", true, old),
		pod("web-old-a", "web-old", "rs1", "aaa", "nginx:1.26", true, old),
		pod("web-old-b", "web-old", "rs1", "aaa", "nginx:1.26", true, old.Add(time.Second)),
		pod("web-new-x", "web-new", "rs2", "bbb", "nginx:1.27", false, mid),
		&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "debug", UID: "p9", CreationTimestamp: metav1.NewTime(mid)},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "sh", Image: "busybox"}}}},
		&eventsv1.Event{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "web.1"}, EventTime: metav1.NewMicroTime(mid),
			Regarding: corev1.ObjectReference{Kind: "Deployment", Namespace: "shop", Name: "web"}, Type: "Normal", Reason: "ScalingReplicaSet",
			Note: "Scaled up replica set web-new from 0 to 1", ReportingController: "deployment-controller"},
		&eventsv1.Event{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "x.1"}, EventTime: metav1.NewMicroTime(old),
			Regarding: corev1.ObjectReference{Kind: "Pod", Namespace: "shop", Name: "web-old-a"}, Type: "Warning", Reason: "BackOff",
			Note: "Back-off pulling image", ReportingController: "kubelet",
			Series: &eventsv1.EventSeries{Count: 4, LastObservedTime: metav1.NewMicroTime(mid.Add(time.Second))}},
		&eventsv1.Event{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "dbg.1"}, EventTime: metav1.NewMicroTime(mid),
			Regarding: corev1.ObjectReference{Kind: "Pod", Namespace: "shop", Name: "debug"}, Type: "Normal", Reason: "Scheduled",
			Note: "Successfully assigned shop/debug to node-1", ReportingController: "default-scheduler"},
	}
	return objs
}

func typesUID(s string) types.UID { return types.UID(s) }

func openFake(t *testing.T, target Target, objs ...runtime.Object) (*Source, *fake.Clientset) {
	t.Helper()
	client := fake.NewClientset(objs...)
	s, err := open(context.Background(), client, nil, target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	s.now = func() time.Time { return t0.Add(2 * time.Minute) }
	return s, client
}

// TestSource_Snapshot: the informers' objects become the simulation's
// picture: the Deployment with its two ReplicaSets (the new one marked),
// their pods oldest first, the bare pod, the why line from the objects,
// and the events oldest last-seen first.
func TestSource_Snapshot(t *testing.T) {
	s, _ := openFake(t, Target{Namespace: "shop"}, web()...)
	snap := s.Snapshot()
	if len(snap.Deployments) != 1 {
		t.Fatalf("%d deployments", len(snap.Deployments))
	}
	d := snap.Deployments[0]
	var rss []string
	for _, rs := range d.ReplicaSets {
		var pods []string
		for _, p := range rs.Pods {
			pods = append(pods, p.Name+":"+p.Status)
		}
		rss = append(rss, rs.Name+map[bool]string{true: "(new)", false: ""}[rs.New]+"["+strings.Join(pods, " ")+"]")
	}
	if got, want := strings.Join(rss, " "), "web-old[web-old-a:Running web-old-c:Running web-old-b:Running] web-new(new)[web-new-x:ContainerCreating]"; got != want {
		t.Errorf("replica sets:\n got %s\nwant %s", got, want)
	}
	if want := "max 4 pods (3 + surge 1), min 3 available (3 - 0)"; d.Decision.Budget != want {
		t.Errorf("budget %q, want %q", d.Decision.Budget, want)
	}
	if want := "waiting for 3 of 3 new pods to become available"; d.Decision.Reason != want {
		t.Errorf("reason %q, want %q", d.Decision.Reason, want)
	}
	if len(snap.BarePods) != 1 || snap.BarePods[0].Name != "debug" {
		t.Errorf("bare pods %+v", snap.BarePods)
	}
	var evs []string
	for _, e := range snap.Events {
		evs = append(evs, e.Object+" "+e.Reason+" x"+itoa(e.Count)+" "+e.Source)
	}
	if got, want := strings.Join(evs, "; "), "deployment/web ScalingReplicaSet x1 deployment-controller; pod/debug Scheduled x1 default-scheduler; pod/web-old-a BackOff x4 kubelet"; got != want {
		t.Errorf("events:\n got %s\nwant %s", got, want)
	}
	if got := snap.Elapsed - d.Created; got != 2*time.Minute {
		t.Errorf("the deployment's age is %v, want 2m", got)
	}
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

// TestSource_Selector: -l picks Deployments, ReplicaSets and pods by
// their labels, and events come only with the objects shown.
func TestSource_Selector(t *testing.T) {
	s, _ := openFake(t, Target{Namespace: "shop", Selector: "app=web"}, web()...)
	snap := s.Snapshot()
	if len(snap.BarePods) != 0 {
		t.Errorf("the unlabelled pod is shown: %+v", snap.BarePods)
	}
	for _, e := range snap.Events {
		if e.Object == "pod/debug" {
			t.Errorf("the unlabelled pod's event is shown: %+v", e)
		}
	}
	if len(snap.Events) != 2 {
		t.Errorf("%d events, want the deployment's and web-old-a's", len(snap.Events))
	}
}

// TestOpen_Refused: a list the server refuses fails Open with the
// server's words, as kubectl prints them; events refused only leave the
// picture without events, and say why.
func TestOpen_Refused(t *testing.T) {
	client := fake.NewClientset(web()...)
	client.PrependReactor("list", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		return true, nil, apierrors.NewForbidden(schema.GroupResource{Resource: "pods"}, "", errors.New(`User "viewer" cannot list resource "pods" in API group "" in the namespace "shop"`))
	})
	_, err := open(context.Background(), client, nil, Target{Namespace: "shop"})
	want := `Error from server (Forbidden): pods is forbidden: User "viewer" cannot list resource "pods" in API group "" in the namespace "shop"`
	if err == nil || Message(err) != want {
		t.Errorf("got %v\nwant %s", err, want)
	}

	client = fake.NewClientset(web()...)
	client.PrependReactor("list", "events", func(a k8stesting.Action) (bool, runtime.Object, error) {
		return true, nil, apierrors.NewForbidden(schema.GroupResource{Group: "events.k8s.io", Resource: "events"}, "", errors.New("no"))
	})
	s, err := open(context.Background(), client, nil, Target{Namespace: "shop"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if snap := s.Snapshot(); len(snap.Deployments) != 1 || len(snap.Events) != 0 {
		t.Errorf("%d deployments, %d events", len(snap.Deployments), len(snap.Events))
	}
	if got := s.EventsError(); !strings.HasPrefix(got, "Error from server (Forbidden): events.events.k8s.io is forbidden") {
		t.Errorf("EventsError %q", got)
	}
}

// TestOpen_MissingNamespace: kubectl's NotFound for the namespace.
func TestOpen_MissingNamespace(t *testing.T) {
	_, err := open(context.Background(), fake.NewClientset(web()...), nil, Target{Namespace: "nosuch"})
	if want := `Error from server (NotFound): namespaces "nosuch" not found`; Message(err) != want {
		t.Errorf("got %q, want %q", Message(err), want)
	}
}

// TestSource_Rollout: kubectl's status viewer and history viewer, and
// its NotFound.
func TestSource_Rollout(t *testing.T) {
	s, _ := openFake(t, Target{Namespace: "shop"}, web()...)
	got, err := s.RolloutStatus("", "web", 0)
	if want := "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n"; err != nil || got != want {
		t.Errorf("status: %q, %v; want %q", got, err, want)
	}
	got, err = s.RolloutHistory("", "web", 0)
	if want := "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n"; err != nil || got != want {
		t.Errorf("history: %q, %v; want %q", got, err, want)
	}
	_, err = s.RolloutStatus("", "nosuch", 0)
	if want := `Error from server (NotFound): deployments.apps "nosuch" not found`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestMessage_KubectlWords: the errors a user meets before any object,
// as kubectl prints them.
func TestMessage_KubectlWords(t *testing.T) {
	refused := &url.Error{Op: "Get", URL: "https://127.0.0.1:1/version", Err: syscall.ECONNREFUSED}
	if got, want := Message(refused), "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?"; got != want {
		t.Errorf("refused: %q, want %q", got, want)
	}
	unauth := apierrors.NewUnauthorized("Unauthorized")
	if got, want := Message(unauth), "error: You must be logged in to the server (Unauthorized)"; got != want {
		t.Errorf("unauthorized: %q, want %q", got, want)
	}
	dir := t.TempDir()
	kc := filepath.Join(dir, "config")
	if err := os.WriteFile(kc, []byte(kubeconfig), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), Options{Kubeconfig: kc, Context: "nosuch"})
	if got, want := Message(err), `error: context "nosuch" does not exist`; got != want {
		t.Errorf("no such context: %q, want %q", got, want)
	}
	_, err = Open(context.Background(), Options{Kubeconfig: kc})
	if got, want := Message(err), "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?"; got != want {
		t.Errorf("unreachable: %q, want %q", got, want)
	}
	_, err = Open(context.Background(), Options{Kubeconfig: kc, Selector: "a==b==c"})
	if got := Message(err); !strings.HasPrefix(got, "error: ") {
		t.Errorf("bad selector: %q", got)
	}
}

const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: https://127.0.0.1:1
contexts:
- name: ctx
  context:
    cluster: c
    user: u
    namespace: shop
current-context: ctx
users:
- name: u
  user:
    token: secret-token-never-printed
`
