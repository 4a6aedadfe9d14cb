package difftest

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/tools/cache"

	"podviz/controller/script"
	"podviz/e2e/cluster"
	"podviz/source/kube/realkubectl"
)

// quiet is how long the cluster must go without a write to count as
// settled (the oracle's --quiet is 300ms; the real API server and a busy
// machine want a little more).
const quiet = 500 * time.Millisecond

// lockstepRun plays many scenarios side by side on one real cluster, one
// namespace each, in the oracle's lockstep model: settle; then make every
// pod that can become ready Ready as one batch, or, when there is none,
// run every scenario's next step; repeat until no step is left. The
// scenarios do not share objects, and each sees the same alternation of
// batches and steps as it would alone (a scenario with nothing to ready
// waits out another's batch at rest).
func lockstepRun(t *testing.T, scs []scenario) map[string]side {
	ctx := context.Background()
	c := cluster.Start(t, cluster.Options{Kubelet: cluster.KubeletOptions{Manual: true}})

	// ReplicaSets by creation order per namespace: the order the watch
	// delivers their creation in.
	var mu sync.Mutex
	order := map[string][]string{}
	factory := informers.NewSharedInformerFactory(c.Client, 0)
	rsInf := factory.Apps().V1().ReplicaSets().Informer()
	if _, err := rsInf.AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: func(obj any) {
		rs := obj.(*appsv1.ReplicaSet)
		mu.Lock()
		order[rs.Namespace] = append(order[rs.Namespace], rs.Name)
		mu.Unlock()
	}}); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	defer close(stop)
	factory.Start(stop)
	factory.WaitForCacheSync(stop)

	type run struct {
		sc     scenario
		ns     string
		steps  []script.Step
		next   int
		failed []string
		// stepPoint[k] is the lockstep point step k ran at.
		stepPoint []int
	}
	var runs []*run
	for i, sc := range scs {
		r := &run{sc: sc, ns: fmt.Sprintf("s%02d", i)}
		s, err := script.Parse("script.yaml", []byte(sc.script(r.ns)))
		if err != nil {
			t.Fatal(err)
		}
		r.steps = s.Steps
		if _, err := c.Client.CoreV1().Namespaces().Create(ctx, namespace(r.ns), metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, r)
	}
	// Each namespace needs its "default" ServiceAccount before pods can be
	// created there.
	for _, r := range runs {
		for {
			if _, err := c.Client.CoreV1().ServiceAccounts(r.ns).Get(ctx, "default", metav1.GetOptions{}); err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	for _, r := range runs {
		objs, err := realkubectl.Decode([]byte(r.sc.manifest))
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range objs {
			o.(*appsv1.Deployment).Namespace = r.ns
			if _, err := realkubectl.Apply(ctx, c.Client, o); err != nil {
				t.Fatalf("%s: %v", r.sc.name, err)
			}
		}
	}
	// eventPoint[i] is the lockstep point the i-th event was recorded in.
	var eventPoint []int
	point := 1
	points := 0
	start := time.Now()
	for {
		if err := c.WaitQuiet(ctx, quiet); err != nil {
			t.Fatal(err)
		}
		for range c.Events(len(eventPoint)) {
			eventPoint = append(eventPoint, point)
		}
		point++
		points++
		if points > 500 {
			t.Fatal("no end after 500 lockstep points")
		}
		n, err := c.ReadyBatch(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			continue
		}
		stepped := false
		for _, r := range runs {
			if r.next >= len(r.steps) {
				continue
			}
			stepped = true
			st := r.steps[r.next]
			r.next++
			r.stepPoint = append(r.stepPoint, point)
			if _, err := realkubectl.Run(ctx, c.Client, st.Action); err != nil {
				r.failed = append(r.failed, st.Run+": "+err.Error())
			}
		}
		if !stepped {
			break
		}
	}
	t.Logf("real cluster: %d scenarios in %d lockstep points, %v", len(runs), points, time.Since(start).Round(time.Millisecond))

	events := c.Events(0)
	out := map[string]side{}
	for _, r := range runs {
		mu.Lock()
		labels := map[string]string{}
		for i, name := range order[r.ns] {
			labels[name] = labelFor(i)
		}
		mu.Unlock()
		s := side{failed: r.failed, reactions: make([][]move, len(r.steps))}
		for i, e := range events {
			if e.Namespace != r.ns || e.Name != "web" || e.Reason != "ScalingReplicaSet" {
				continue
			}
			m, ok := parseMove(e.Message, labels)
			if !ok {
				t.Fatalf("%s: unexpected ScalingReplicaSet message %q", r.sc.name, e.Message)
			}
			s.moves = append(s.moves, m)
			for k, p := range r.stepPoint {
				if eventPoint[i] == p {
					s.reactions[k] = append(s.reactions[k], m)
				}
			}
		}
		d, err := c.Client.AppsV1().Deployments(r.ns).Get(ctx, "web", metav1.GetOptions{})
		if err != nil {
			t.Fatalf("%s: %v", r.sc.name, err)
		}
		list, err := c.Client.AppsV1().ReplicaSets(r.ns).List(ctx, metav1.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var rss []rsSize
		for _, rs := range list.Items {
			if ref := metav1.GetControllerOf(&rs); ref == nil || ref.UID != d.UID {
				continue
			}
			rev, _ := strconv.ParseInt(rs.Annotations["deployment.kubernetes.io/revision"], 10, 64)
			rss = append(rss, rsSize{label: labels[rs.Name], size: int(*rs.Spec.Replicas), revision: rev})
		}
		sort.Slice(rss, func(a, b int) bool { return rss[a].label < rss[b].label })
		s.end = newEndState(int(*d.Spec.Replicas), d.Spec.Paused, rss)
		out[r.sc.name] = s
	}
	return out
}
