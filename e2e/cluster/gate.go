package cluster

import (
	"sync"
	"time"

	appsinformers "k8s.io/client-go/informers/apps/v1"
	coreinformers "k8s.io/client-go/informers/core/v1"
	"k8s.io/client-go/tools/cache"
)

// gate holds back the notifications that make the deployment and
// replicaset controllers act, while their informer caches keep updating,
// so that a batch of pod changes reaches them as one change (the oracle's
// lockstep model; see ../shared/oracle/README.md).
type gate struct {
	mu     sync.Mutex
	closed bool
	held   []func()
}

func (g *gate) do(f func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		g.held = append(g.held, f)
		return
	}
	f()
}

func (g *gate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

// open delivers what was held, in order, and lets the next ones through.
func (g *gate) open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, f := range g.held {
		f()
	}
	g.held, g.closed = nil, false
}

type gatedHandler struct {
	h cache.ResourceEventHandler
	g *gate
}

func (x gatedHandler) OnAdd(obj any, initial bool) { x.g.do(func() { x.h.OnAdd(obj, initial) }) }
func (x gatedHandler) OnUpdate(old, obj any)       { x.g.do(func() { x.h.OnUpdate(old, obj) }) }
func (x gatedHandler) OnDelete(obj any)            { x.g.do(func() { x.h.OnDelete(obj) }) }

type gatedInformer struct {
	cache.SharedIndexInformer
	g *gate
}

func (s gatedInformer) AddEventHandler(h cache.ResourceEventHandler) (cache.ResourceEventHandlerRegistration, error) {
	return s.SharedIndexInformer.AddEventHandler(gatedHandler{h, s.g})
}

func (s gatedInformer) AddEventHandlerWithResyncPeriod(h cache.ResourceEventHandler, p time.Duration) (cache.ResourceEventHandlerRegistration, error) {
	return s.SharedIndexInformer.AddEventHandlerWithResyncPeriod(gatedHandler{h, s.g}, p)
}

func (s gatedInformer) AddEventHandlerWithOptions(h cache.ResourceEventHandler, o cache.HandlerOptions) (cache.ResourceEventHandlerRegistration, error) {
	return s.SharedIndexInformer.AddEventHandlerWithOptions(gatedHandler{h, s.g}, o)
}

type gatedDeployments struct {
	appsinformers.DeploymentInformer
	g *gate
}

func (w gatedDeployments) Informer() cache.SharedIndexInformer {
	return gatedInformer{w.DeploymentInformer.Informer(), w.g}
}

type gatedReplicaSets struct {
	appsinformers.ReplicaSetInformer
	g *gate
}

func (w gatedReplicaSets) Informer() cache.SharedIndexInformer {
	return gatedInformer{w.ReplicaSetInformer.Informer(), w.g}
}

type gatedPods struct {
	coreinformers.PodInformer
	g *gate
}

func (w gatedPods) Informer() cache.SharedIndexInformer {
	return gatedInformer{w.PodInformer.Informer(), w.g}
}
