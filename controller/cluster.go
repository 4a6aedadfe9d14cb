package controller

import (
	"math/rand/v2"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"

	"podviz/controller/apiserver"
	"podviz/controller/clock"
	"podviz/controller/controllerutil"
	"podviz/controller/deployment"
	"podviz/controller/events"
	"podviz/controller/kubelet"
	"podviz/controller/replicaset"
	"podviz/model"
)

// maxSyncsPerSettle bounds one fixed-point run of the controllers, so a bug
// that makes two controllers fight cannot hang the program.
const maxSyncsPerSettle = 100000

// Cluster is the in-process control plane: store, virtual clock, event
// recorder, controllers and kubelet. It is not safe for concurrent use; the
// TUI owns it and drives it from Update.
type Cluster struct {
	clock  *clock.Virtual
	events *events.Recorder
	// api is the store; deploys, rss and pods its kinds.
	api     *apiserver.Server
	deploys *apiserver.Store[*appsv1.Deployment]
	rss     *apiserver.Store[*appsv1.ReplicaSet]
	pods    *apiserver.Store[*corev1.Pod]
	rng     *rand.Rand
	kl      *kubelet.Kubelet
	rsc     *replicaset.Controller
	dc      *deployment.Controller

	// podViews caches PodViews by pod uid (see cachedPodView).
	podViews map[types.UID]podViewCache
	// demands caches each object's pod-budget demand by uid (budget.go).
	demands map[types.UID]cachedDemand
}

// New creates the objects (as `kubectl apply -f` would, in load order) and
// runs the controllers to a fixed point at virtual time 0.
func New(objs *model.Objects, opts Options) (*Cluster, error) {
	c := newCluster(opts)
	if objs != nil {
		if _, err := c.Apply(objs); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func newCluster(opts Options) *Cluster {
	clk := &clock.Virtual{}
	c := &Cluster{
		clock:    clk,
		api:      apiserver.NewServer(clk),
		events:   events.NewRecorder(clk),
		rng:      rand.New(rand.NewPCG(uint64(opts.Seed), 0x70647a)), // "pdz": a fixed stream
		podViews: map[types.UID]podViewCache{},
		demands:  map[types.UID]cachedDemand{},
	}
	c.deploys = apiserver.Register(c.api, "Deployment", deploymentStrategy)
	c.rss = apiserver.Register(c.api, "ReplicaSet", replicaSetStrategy)
	c.pods = apiserver.Register(c.api, "Pod", podStrategy)
	c.pods.CountBy(controllerutil.IsPodActive)
	c.pods.Graceful(podGracePeriod)
	apiserver.OwnedBy(c.rss, c.deploys)
	apiserver.OwnedBy(c.pods, c.rss)
	c.rsc = replicaset.NewController(clk, c.events, c.rss, c.pods, c.rss, c.pods, c.rng)
	c.dc = deployment.NewController(clk, c.events, c.deploys, c.rss, c.pods, c.deploys, c.rss)
	c.pods.AddHandler(apiserver.Handler[*corev1.Pod]{
		Delete: func(p *corev1.Pod) { delete(c.podViews, p.UID) },
	})
	c.kl = kubelet.New(NodeName, clk, c.events, c.pods)
	if opts.WatchEvents != nil {
		c.WatchEvents(opts.WatchEvents)
	}
	return c
}

// Now is the current virtual instant; Elapsed the time since start.
func (c *Cluster) Now() time.Time         { return c.clock.Now() }
func (c *Cluster) Elapsed() time.Duration { return c.clock.Elapsed() }

// Advance moves the clock forward by d, firing every transition due on the way, in order.
func (c *Cluster) Advance(d time.Duration) {
	if d > 0 {
		c.RunUntil(c.clock.Elapsed() + d)
	}
}

// RunUntil advances the clock to virtual time t (since start), firing every
// transition due until then. The clock never moves back, nor past
// model.MaxVirtualTime.
func (c *Cluster) RunUntil(t time.Duration) {
	t = min(t, model.MaxVirtualTime)
	for {
		tm, ok := c.clock.Next()
		if !ok || tm.At() > t {
			break
		}
		c.fire(tm.At())
	}
	c.clock.MoveTo(t)
}

// Step advances to the next pending transition and fires it (with every
// other transition due at the same instant); false when idle, or when the
// next transition lies past model.MaxVirtualTime.
func (c *Cluster) Step() bool {
	tm, ok := c.clock.Next()
	if !ok || tm.At() > model.MaxVirtualTime {
		return false
	}
	c.fire(tm.At())
	return true
}

// fire runs every transition due at t as one batch, then the controllers to
// a fixed point: pods that become ready together are seen together.
func (c *Cluster) fire(t time.Duration) {
	c.clock.FireDue(t)
	c.settle()
}

// NextTransition is the virtual time of the next pending transition; ok
// false when idle, or when it lies past model.MaxVirtualTime (the clock
// stops there, so nothing more will happen).
func (c *Cluster) NextTransition() (at time.Duration, ok bool) {
	tm, ok := c.clock.Next()
	if !ok || tm.At() > model.MaxVirtualTime {
		return 0, false
	}
	return tm.At(), true
}

// AtTimeLimit reports whether the clock has reached model.MaxVirtualTime,
// where it stops.
func (c *Cluster) AtTimeLimit() bool { return c.clock.Elapsed() >= model.MaxVirtualTime }

// RunUntilSettled runs the clock until nothing is pending (the cluster has
// settled: every pod started or failed for good, every rollout done or
// stuck with no check to come) or until limit, whichever is first, and
// returns the time it stopped at. A crash loop or an image that never
// pulls keeps the cluster busy; it then stops at limit.
func (c *Cluster) RunUntilSettled(limit time.Duration) time.Duration {
	limit = min(limit, model.MaxVirtualTime)
	for {
		at, ok := c.NextTransition()
		if !ok || at > limit {
			break
		}
		c.Step()
	}
	if _, busy := c.NextTransition(); busy {
		c.RunUntil(limit)
	}
	return c.clock.Elapsed()
}

// settle runs the controllers until neither queue has work: ReplicaSets
// first, so the deployment controller always sees fresh ReplicaSet status.
func (c *Cluster) settle() {
	for i := 0; i < maxSyncsPerSettle; i++ {
		if c.rsc.ProcessNextWorkItem() {
			continue
		}
		if c.dc.ProcessNextWorkItem() {
			continue
		}
		return
	}
}

// podGracePeriod is a pod's own terminationGracePeriodSeconds (30 when unset).
func podGracePeriod(p *corev1.Pod) int64 {
	if p.Spec.TerminationGracePeriodSeconds != nil {
		return *p.Spec.TerminationGracePeriodSeconds
	}
	return corev1.DefaultTerminationGracePeriodSeconds
}

// WatchEvents calls f with every occurrence of an event from now on, as it
// is recorded: the log's entry after it (a repeat has its count and last
// time bumped, its first time kept), so f sees every occurrence, also those
// the bounded log will later drop (`kubectl get events --watch`).
func (c *Cluster) WatchEvents(f func(Event)) { c.events.Watch(f) }

// record adds an event at the current instant.
func (c *Cluster) record(typ, reason, object, namespace, source, message string) {
	c.events.Record(typ, reason, object, namespace, source, message)
}
