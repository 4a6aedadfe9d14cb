package deployment

import (
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"podviz/controller/apiserver"
	"podviz/controller/clock"
	deploymentutil "podviz/controller/deployment/util"
	"podviz/controller/events"
)

// fixture is the least wiring a deployment controller needs: the store's
// three kinds (ReplicaSets owned by their Deployment, pods by their
// ReplicaSet, as the Cluster registers them), a recorder and a virtual
// clock. No replicaset controller and no kubelet: a ReplicaSet keeps the
// status a test gives it, so each case states what the controller sees.
type fixture struct {
	t        *testing.T
	clock    *clock.Virtual
	recorder *events.Recorder
	deploys  *apiserver.Store[*appsv1.Deployment]
	rss      *apiserver.Store[*appsv1.ReplicaSet]
	pods     *apiserver.Store[*corev1.Pod]
	dc       *Controller
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixtureWith(t, apiserver.Strategy[*appsv1.ReplicaSet]{})
}

// newFixtureWith admits ReplicaSets with rsStrategy.
func newFixtureWith(t *testing.T, rsStrategy apiserver.Strategy[*appsv1.ReplicaSet]) *fixture {
	t.Helper()
	clk := &clock.Virtual{}
	srv := apiserver.NewServer(clk)
	f := &fixture{t: t, clock: clk, recorder: events.NewRecorder(clk)}
	f.deploys = apiserver.Register(srv, "Deployment", apiserver.Strategy[*appsv1.Deployment]{})
	f.rss = apiserver.Register(srv, "ReplicaSet", rsStrategy)
	f.pods = apiserver.Register(srv, "Pod", apiserver.Strategy[*corev1.Pod]{})
	apiserver.OwnedBy(f.rss, f.deploys)
	apiserver.OwnedBy(f.pods, f.rss)
	f.dc = NewController(clk, f.recorder, f.deploys, f.rss, f.pods, f.deploys, f.rss)
	return f
}

// run syncs until the queue is empty.
func (f *fixture) run() {
	for f.dc.ProcessNextWorkItem() {
	}
}

// advance moves the clock by d, firing each timer due (the progress
// deadline checks) and syncing after each.
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

// newDeployment is a RollingUpdate Deployment of replicas selecting
// foo=bar, with maxSurge and maxUnavailable as counts (upstream's test
// newDeployment), revisionHistoryLimit 10 and no progress deadline.
func newDeployment(name string, replicas int32, maxSurge, maxUnavailable int32) *appsv1.Deployment {
	surge, unavailable := intstr.FromInt32(maxSurge), intstr.FromInt32(maxUnavailable)
	limit := int32(10)
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"foo": "bar"}},
			Strategy: appsv1.DeploymentStrategy{
				Type:          appsv1.RollingUpdateDeploymentStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDeployment{MaxSurge: &surge, MaxUnavailable: &unavailable},
			},
			RevisionHistoryLimit: &limit,
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"foo": "bar"}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx:1.27"}}},
			},
		},
	}
}

// recreate makes d a Recreate Deployment.
func recreate(d *appsv1.Deployment) *appsv1.Deployment {
	d.Spec.Strategy = appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType}
	return d
}

func (f *fixture) createDeployment(d *appsv1.Deployment) *appsv1.Deployment {
	f.t.Helper()
	if err := f.deploys.Create(d); err != nil {
		f.t.Fatal(err)
	}
	return d
}

// createRS stores a ReplicaSet of d named name with replicas, all of them
// existing and available ones of them, created at virtual time created
// (older ReplicaSets first in the controller's orders), sized for d's
// current replicas (its annotations, as the controller last left them).
func (f *fixture) createRS(d *appsv1.Deployment, name string, replicas, available int32, created time.Duration) *appsv1.ReplicaSet {
	f.t.Helper()
	rs := &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{Namespace: d.Namespace, Name: name, Labels: map[string]string{"foo": "bar"},
			OwnerReferences: []metav1.OwnerReference{apiserver.NewControllerRef(d.Name, d.UID, "Deployment", "apps/v1")}},
		Spec: appsv1.ReplicaSetSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"foo": "bar"}},
			Template: *d.Spec.Template.DeepCopy(),
		},
		Status: appsv1.ReplicaSetStatus{Replicas: replicas, ReadyReplicas: available, AvailableReplicas: available},
	}
	deploymentutil.SetReplicasAnnotations(rs, deploymentutil.Replicas(d), deploymentutil.Replicas(d)+deploymentutil.MaxSurge(d))
	if err := f.rss.Create(rs); err != nil {
		f.t.Fatal(err)
	}
	rs.CreationTimestamp = metav1.NewTime(clock.Epoch.Add(created))
	rs.Status.ObservedGeneration = rs.Generation
	return rs
}

// scalingEvents are the ScalingReplicaSet messages, in order.
func (f *fixture) scalingEvents() []string {
	var out []string
	for _, e := range f.recorder.List() {
		if e.Reason == reasonScalingReplicaSet {
			out = append(out, e.Message)
		}
	}
	return out
}

func sync(d *appsv1.Deployment) *deploymentSync { return &deploymentSync{d: d} }
