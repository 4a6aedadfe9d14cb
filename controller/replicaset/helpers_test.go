package replicaset

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"podviz/controller/apiserver"
	"podviz/controller/clock"
	"podviz/controller/controllerutil"
	"podviz/controller/events"
)

// fixture is the least wiring a replicaset controller needs: the store's
// two kinds (pods counted and graceful, owned by their ReplicaSet, as the
// Cluster registers them), a recorder and a virtual clock. No kubelet:
// pods keep the status a test gives them.
type fixture struct {
	t        *testing.T
	clock    *clock.Virtual
	recorder *events.Recorder
	rss      *apiserver.Store[*appsv1.ReplicaSet]
	pods     *apiserver.Store[*corev1.Pod]
	rsc      *Controller
}

func newFixture(t *testing.T, podStrategy apiserver.Strategy[*corev1.Pod]) *fixture {
	t.Helper()
	clk := &clock.Virtual{}
	srv := apiserver.NewServer(clk)
	f := &fixture{t: t, clock: clk, recorder: events.NewRecorder(clk)}
	f.rss = apiserver.Register(srv, "ReplicaSet", apiserver.Strategy[*appsv1.ReplicaSet]{})
	f.pods = apiserver.Register(srv, "Pod", podStrategy)
	f.pods.CountBy(controllerutil.IsPodActive)
	f.pods.Graceful(func(*corev1.Pod) int64 { return 30 })
	apiserver.OwnedBy(f.pods, f.rss)
	f.rsc = NewController(clk, f.recorder, f.rss, f.pods, f.rss, f.pods, rand.New(rand.NewPCG(1, 2)))
	return f
}

// run syncs until the queue is empty.
func (f *fixture) run() {
	for f.rsc.ProcessNextWorkItem() {
	}
}

// advance moves the clock by d, firing each timer due (the
// minReadySeconds re-checks) and syncing after each.
func (f *fixture) advance(d time.Duration) {
	end := f.clock.Elapsed() + d
	for {
		tm, ok := f.clock.Next()
		if !ok || tm.At() > end {
			break
		}
		f.clock.FireDue(tm.At())
		f.run()
	}
	f.clock.MoveTo(end)
}

func (f *fixture) create(objs ...any) {
	f.t.Helper()
	for _, o := range objs {
		var err error
		switch o := o.(type) {
		case *appsv1.ReplicaSet:
			err = f.rss.Create(o)
		case *corev1.Pod:
			err = f.pods.Create(o)
		}
		if err != nil {
			f.t.Fatal(err)
		}
	}
}

// ownPod makes rs the pod's controller (set before the pod is created).
func ownPod(p *corev1.Pod, rs *appsv1.ReplicaSet) *corev1.Pod {
	p.OwnerReferences = []metav1.OwnerReference{apiserver.NewControllerRef(rs.Name, rs.UID, "ReplicaSet", "apps/v1")}
	return p
}

// newReplicaSet is a ReplicaSet of replicas selecting app=name, whose
// template carries the selector's labels and any extra.
func newReplicaSet(name string, replicas int32, extra map[string]string) *appsv1.ReplicaSet {
	tl := map[string]string{"app": name}
	for k, v := range extra {
		tl[k] = v
	}
	return &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name},
		Spec: appsv1.ReplicaSetSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: tl},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx:1.27"}}},
			},
		},
	}
}

// newPod is a pending pod with labels app=app (none when app is "").
func newPod(name, app string) *corev1.Pod {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name}, Status: corev1.PodStatus{Phase: corev1.PodPending}}
	if app != "" {
		p.Labels = map[string]string{"app": app}
	}
	return p
}

// readyPod is a running pod on the node, Ready since readyAt (virtual
// time since the clock's epoch).
func readyPod(name, app string, readyAt time.Duration) *corev1.Pod {
	p := newPod(name, app)
	p.Spec.NodeName = "node-1"
	p.Status.Phase = corev1.PodRunning
	p.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue,
		LastTransitionTime: metav1.NewTime(clock.Epoch.Add(readyAt))}}
	return p
}

// reasons sums the events' occurrences by reason: "SuccessfulCreate x3".
func (f *fixture) reasons() []string {
	n := map[string]int32{}
	for _, e := range f.recorder.List() {
		n[e.Type+" "+e.Reason] += e.Count
	}
	var out []string
	for r, c := range n {
		out = append(out, fmt.Sprintf("%s x%d", r, c))
	}
	sort.Strings(out)
	return out
}

// messages lists the events' messages of one reason, in order.
func (f *fixture) messages(reason string) []string {
	var out []string
	for _, e := range f.recorder.List() {
		if e.Reason == reason {
			out = append(out, e.Message)
		}
	}
	return out
}

// activePods names rs's active pods, sorted.
func (f *fixture) activePods(rs *appsv1.ReplicaSet) []string {
	var out []string
	for _, p := range f.pods.ListOwnedBy(rs.UID) {
		if controllerutil.IsPodActive(p) {
			out = append(out, p.Name)
		}
	}
	return out
}
