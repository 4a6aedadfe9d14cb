// Package deployment is upstream's DeploymentController
// (pkg/controller/deployment): sync, the rolling and recreate strategies,
// proportional scaling, progress and its deadline, history cleanup, and
// the helpers of a rollback. The pure arithmetic lives in
// controller/deployment/util as upstream's deployment_util.go.
//
// It sees the cluster as a real controller does: the apiserver's stores
// (its listers, its watch and its client), the event recorder and the
// clock; its own queue and progress-deadline timers. It never touches a
// pod: ReplicaSets are its only lever, and pods only wake it (a Recreate
// Deployment waits for its old pods to be gone).
//
// Each sync also leaves a Decision, podviz's own: the budget arithmetic
// and the move made or the wait, for the TUI to show.
package deployment

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"podviz/controller/apiserver"
	"podviz/controller/clock"
	"podviz/controller/events"
	"podviz/controller/workqueue"
)

// Wire strings as upstream writes them.
const (
	sourceDeployment        = "deployment-controller"
	eventNormal             = corev1.EventTypeNormal
	eventWarning            = corev1.EventTypeWarning
	reasonScalingReplicaSet = "ScalingReplicaSet"
	reasonSelectingAll      = "SelectingAll"
)

// Controller is one deployment controller.
type Controller struct {
	clock     clock.Clock
	recorder  *events.Recorder
	dLister   apiserver.Lister[*appsv1.Deployment]
	rsLister  apiserver.Lister[*appsv1.ReplicaSet]
	podLister apiserver.Lister[*corev1.Pod]
	dClient   apiserver.Client[*appsv1.Deployment]
	rsClient  apiserver.Client[*appsv1.ReplicaSet]
	queue     workqueue.Queue
	// decisions is each Deployment's latest Decision, by key.
	decisions map[string]Decision
	// deadlines holds each Deployment's pending progress-deadline check.
	deadlines map[string]*clock.Timer
}

// Decision explains one deployment-controller sync. Budget is the arithmetic
// ("max 4 pods (3 + surge 1) · min 3 available (3 − 0)"), Reason the current
// move or wait ("waiting for 1 new pod to become available before scaling
// down the old ReplicaSet"). Both empty when the Deployment is settled.
type Decision struct {
	Budget string
	Reason string
}

// NewController returns a controller watching Deployments, their
// ReplicaSets and (for Recreate) their pods, and writing Deployments and
// ReplicaSets through the clients; it never writes a pod.
func NewController(clk clock.Clock, recorder *events.Recorder, dInformer apiserver.Informer[*appsv1.Deployment],
	rsInformer apiserver.Informer[*appsv1.ReplicaSet], podInformer apiserver.Informer[*corev1.Pod],
	dClient apiserver.Client[*appsv1.Deployment], rsClient apiserver.Client[*appsv1.ReplicaSet]) *Controller {
	dc := &Controller{clock: clk, recorder: recorder, dLister: dInformer, rsLister: rsInformer, podLister: podInformer,
		dClient: dClient, rsClient: rsClient, decisions: map[string]Decision{}, deadlines: map[string]*clock.Timer{}}
	dInformer.AddHandler(apiserver.Handler[*appsv1.Deployment]{
		Add:    dc.enqueueDeployment,
		Update: func(_, d *appsv1.Deployment) { dc.enqueueDeployment(d) },
		Delete: func(d *appsv1.Deployment) {
			k := apiserver.Key(d.Namespace, d.Name)
			dc.deadlines[k].Stop()
			delete(dc.deadlines, k)
			delete(dc.decisions, k)
		},
	})
	// Any change to a ReplicaSet, its status included, wakes its owner.
	rsInformer.AddHandler(apiserver.Handler[*appsv1.ReplicaSet]{
		Add:    dc.enqueueOwner,
		Update: func(_, rs *appsv1.ReplicaSet) { dc.enqueueOwner(rs) },
		Delete: dc.enqueueOwner,
	})
	podInformer.AddHandler(apiserver.Handler[*corev1.Pod]{Delete: dc.podGone})
	return dc
}

// ProcessNextWorkItem syncs the next queued Deployment; false when the
// queue is empty.
func (dc *Controller) ProcessNextWorkItem() bool {
	k, ok := dc.queue.Get()
	if ok {
		dc.syncDeployment(k)
	}
	return ok
}

// Decision is the latest Decision of the Deployment at key (zero when
// settled).
func (dc *Controller) Decision(key string) Decision { return dc.decisions[key] }

func (dc *Controller) enqueueDeployment(d *appsv1.Deployment) {
	dc.queue.Add(apiserver.Key(d.Namespace, d.Name))
}

// enqueueOwner queues the ReplicaSet's owning Deployment, if any.
func (dc *Controller) enqueueOwner(rs *appsv1.ReplicaSet) {
	if d := dc.dLister.GetByUID(apiserver.ControllerUID(rs)); d != nil {
		dc.enqueueDeployment(d)
	}
}

// podGone wakes a Recreate Deployment, which waits for its old pods to
// be gone (upstream's deletePod handler).
func (dc *Controller) podGone(p *corev1.Pod) {
	rs := dc.rsLister.GetByUID(apiserver.ControllerUID(p))
	if rs == nil {
		return
	}
	if d := dc.dLister.GetByUID(apiserver.ControllerUID(rs)); d != nil && d.Spec.Strategy.Type == appsv1.RecreateDeploymentStrategyType {
		dc.enqueueDeployment(d)
	}
}

// record adds an event at the current instant.
func (dc *Controller) record(typ, reason, object, namespace, source, message string) {
	dc.recorder.Record(typ, reason, object, namespace, source, message)
}
