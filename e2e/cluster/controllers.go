package cluster

import (
	"context"
	"fmt"
	"time"

	"k8s.io/client-go/discovery"
	cacheddiscovery "k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/metadata/metadatainformer"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/events"
	"k8s.io/controller-manager/pkg/informerfactory"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/controller/deployment"
	"k8s.io/kubernetes/pkg/controller/garbagecollector"
	"k8s.io/kubernetes/pkg/controller/nodelifecycle"
	"k8s.io/kubernetes/pkg/controller/replicaset"
	"k8s.io/kubernetes/pkg/controller/serviceaccount"
	"k8s.io/kubernetes/pkg/scheduler"
	"k8s.io/kubernetes/pkg/scheduler/profile"
)

// workers is kube-controller-manager's default number of workers for the
// deployment and replicaset controllers (--concurrent-deployment-syncs,
// --concurrent-replicaset-syncs).
const workers = 5

// startControllers builds and runs the controllers a Deployment needs, from
// one shared informer factory as kube-controller-manager does: deployment
// and replicaset (their notifications through g), the garbage collector
// (for cascading deletion), the service-account controller (pods need the
// namespace's "default" ServiceAccount to pass admission) and the node
// lifecycle controller (it lifts the not-ready taint that admission puts on
// a new Node once the kubelet reports it Ready, and taints a node whose
// Lease lapses). It returns the pod store the deployment and replicaset
// controllers read.
func startControllers(ctx context.Context, cfg *rest.Config, g *gate) (cache.Store, error) {
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	md, err := metadata.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	disc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return nil, err
	}
	factory := informers.NewSharedInformerFactory(client, 0)
	mdFactory := metadatainformer.NewSharedInformerFactory(md, 0)
	dInf := factory.Apps().V1().Deployments()
	rsInf := factory.Apps().V1().ReplicaSets()
	podInf := factory.Core().V1().Pods()

	dc, err := deployment.NewDeploymentController(ctx, gatedDeployments{dInf, g}, gatedReplicaSets{rsInf, g}, gatedPods{podInf, g}, client)
	if err != nil {
		return nil, fmt.Errorf("deployment controller: %w", err)
	}
	rsc := replicaset.NewReplicaSetController(ctx, gatedReplicaSets{rsInf, g}, gatedPods{podInf, g}, client, replicaset.BurstReplicas)
	sac, err := serviceaccount.NewServiceAccountsController(klog.FromContext(ctx),
		factory.Core().V1().ServiceAccounts(), factory.Core().V1().Namespaces(), client,
		serviceaccount.DefaultServiceAccountsControllerOptions())
	if err != nil {
		return nil, fmt.Errorf("service account controller: %w", err)
	}

	// kube-controller-manager's defaults (--node-monitor-period 5s,
	// --node-startup-grace-period 1m, --node-monitor-grace-period 50s,
	// eviction rates 0.1 and 0.01 per second, large cluster 50 nodes,
	// unhealthy zone 55%).
	nlc, err := nodelifecycle.NewNodeLifecycleController(ctx, factory.Coordination().V1().Leases(),
		factory.Core().V1().Pods(), factory.Core().V1().Nodes(), factory.Apps().V1().DaemonSets(), client,
		5*time.Second, time.Minute, 50*time.Second, 0.1, 0.01, 50, 0.55)
	if err != nil {
		return nil, fmt.Errorf("node lifecycle controller: %w", err)
	}

	mapper := restmapper.NewDeferredDiscoveryRESTMapper(cacheddiscovery.NewMemCacheClient(disc))
	started := make(chan struct{})
	gc, err := garbagecollector.NewGarbageCollector(ctx, client, md, mapper,
		garbagecollector.DefaultIgnoredResources(), informerfactory.NewInformerFactory(factory, mdFactory), started)
	if err != nil {
		return nil, fmt.Errorf("garbage collector: %w", err)
	}

	factory.Start(ctx.Done())
	mdFactory.Start(ctx.Done())
	close(started)
	for typ, ok := range factory.WaitForCacheSync(ctx.Done()) {
		if !ok {
			return nil, fmt.Errorf("informer for %v did not sync", typ)
		}
	}
	go dc.Run(ctx, workers)
	go rsc.Run(ctx, workers)
	go sac.Run(ctx, 1)
	go nlc.Run(ctx)
	go gc.Run(ctx, workers, 30*time.Second)
	// Resources the GC watches come from discovery; refresh them as
	// kube-controller-manager does, every 30s.
	go gc.Sync(ctx, disc, 30*time.Second)
	return podInf.Informer().GetStore(), nil
}

// startScheduler runs the real kube-scheduler with its default profile, on
// informers of its own, as its own process would.
func startScheduler(ctx context.Context, cfg *rest.Config) error {
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	factory := scheduler.NewInformerFactory(client, 0, nil)
	broadcaster := events.NewBroadcaster(&events.EventSinkImpl{Interface: client.EventsV1()})
	broadcaster.StartRecordingToSink(ctx.Done())
	go func() {
		<-ctx.Done()
		broadcaster.Shutdown()
	}()
	sched, err := scheduler.New(ctx, client, factory, nil, profile.NewRecorderFactory(broadcaster),
		scheduler.WithKubeConfig(cfg))
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	factory.Start(ctx.Done())
	factory.WaitForCacheSync(ctx.Done())
	if err := sched.WaitForHandlersSync(ctx); err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	go sched.Run(ctx)
	return nil
}
