package kube

import (
	"context"
	"time"

	"k8s.io/client-go/tools/cache"

	"podviz/controller/kubectl"
	"podviz/source/kube/realkubectl"
)

// Changed is signalled (at most one pending signal) whenever an informer
// adds, updates or deletes an object: the live view takes a new Snapshot
// then, and otherwise stays still.
func (s *Source) Changed() <-chan struct{} { return s.changed }

func (s *Source) notify() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

// watchChanges registers the notifier on every informer.
func (s *Source) watchChanges() {
	h := cache.ResourceEventHandlerFuncs{
		AddFunc:    func(any) { s.notify() },
		UpdateFunc: func(any, any) { s.notify() },
		DeleteFunc: func(any) { s.notify() },
	}
	for _, inf := range []cache.SharedIndexInformer{s.deployments, s.replicaSets, s.pods, s.events} {
		_, _ = inf.AddEventHandler(h)
	}
}

// Probe asks the API server for its version: nil while it answers. The
// informers reconnect by themselves (client-go backs off between tries);
// the probe is how the live view tells the user its picture went stale,
// and since when.
func (s *Source) Probe(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	err := s.client.Discovery().RESTClient().Get().AbsPath("/version").Do(ctx).Error()
	if err != nil {
		return kubectlErr(err)
	}
	return nil
}

// Run carries out a kubectl action on the cluster with the API calls
// kubectl makes (realkubectl): what kubectl prints, or its error in
// kubectl's words.
func (s *Source) Run(ctx context.Context, a kubectl.Action) (string, error) {
	return realkubectl.Run(ctx, s.client, a)
}
