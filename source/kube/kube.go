package kube

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/go-logr/logr"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
	"k8s.io/klog/v2"

	"podviz/controller"
)

// Source reads one cluster through shared informers. Open starts it;
// Close stops its watches.
type Source struct {
	target  Target
	version string
	client  kubernetes.Interface
	cancel  context.CancelFunc
	now     func() time.Time

	deployments, replicaSets, pods, events cache.SharedIndexInformer
	changed                                chan struct{}

	mu sync.Mutex
	// eventsErr is why events cannot be read (RBAC may allow the
	// objects and not their events); the picture is drawn without them.
	eventsErr error
	// watchErr is the latest error a watch or list met, and when;
	// cleared by the next successful sync (see Connection).
	watchErr   error
	watchErrAt time.Time
}

// openTimeout bounds the first contact and the first lists: a server that
// does not answer is reported rather than waited on for ever.
const openTimeout = 30 * time.Second

var quietOnce sync.Once

// quietLogs routes klog (client-go's reflectors and retries write to it)
// nowhere: what goes wrong reaches the user through Message, never as a
// raw log line on the terminal podviz draws on.
func quietLogs() {
	quietOnce.Do(func() { klog.SetLogger(logr.Discard()) })
}

// Open reads the kubeconfig, checks that the API server answers (its
// version) and that the namespace exists, starts the informers and waits
// for their first lists. Its errors are in kubectl's words (Message).
func Open(ctx context.Context, o Options) (*Source, error) {
	quietLogs()
	cfg, target, err := resolve(o)
	if err != nil {
		return nil, kubectlErr(err)
	}
	if _, err := labels.Parse(o.Selector); err != nil {
		return nil, kubectlErr(err)
	}
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, kubectlErr(err)
	}
	return open(ctx, client, cfg, target)
}

func open(ctx context.Context, client kubernetes.Interface, cfg *rest.Config, target Target) (*Source, error) {
	s := &Source{target: target, client: client, now: time.Now, changed: make(chan struct{}, 1)}
	octx, cancel := context.WithTimeout(ctx, openTimeout)
	defer cancel()
	if cfg != nil {
		probe := rest.CopyConfig(cfg)
		probe.Timeout = openTimeout
		pc, err := kubernetes.NewForConfig(probe)
		if err != nil {
			return nil, kubectlErr(err)
		}
		v, err := pc.Discovery().ServerVersion()
		if err != nil {
			return nil, kubectlErr(err)
		}
		s.version = v.GitVersion
	}
	if !target.All {
		// A missing namespace lists as empty; say it is missing, as
		// kubectl does when it needs the namespace. RBAC may forbid
		// reading namespaces: then the lists below speak.
		_, err := client.CoreV1().Namespaces().Get(octx, target.Namespace, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			return nil, kubectlErr(err)
		}
	}
	if err := s.start(octx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// start builds the informers, scoped to the target, and waits for their
// first lists (client-go lists in pages). A list the server refuses
// (Forbidden, Unauthorized) fails at once with its error; events are
// optional: without the right to list them the picture has none, and
// EventsError says why.
func (s *Source) start(ctx context.Context) error {
	opts := []informers.SharedInformerOption{}
	if !s.target.All {
		opts = append(opts, informers.WithNamespace(s.target.Namespace))
	}
	evFactory := informers.NewSharedInformerFactoryWithOptions(s.client, 0, opts...)
	if s.target.Selector != "" {
		sel := s.target.Selector
		opts = append(opts, informers.WithTweakListOptions(func(lo *metav1.ListOptions) { lo.LabelSelector = sel }))
	}
	factory := informers.NewSharedInformerFactoryWithOptions(s.client, 0, opts...)
	s.deployments = factory.Apps().V1().Deployments().Informer()
	s.replicaSets = factory.Apps().V1().ReplicaSets().Informer()
	s.pods = factory.Core().V1().Pods().Informer()
	s.events = evFactory.Events().V1().Events().Informer()
	s.watchChanges()

	listErrs := make(chan error, 4)
	required := []cache.SharedIndexInformer{s.deployments, s.replicaSets, s.pods}
	for _, inf := range required {
		_ = inf.SetWatchErrorHandlerWithContext(func(_ context.Context, _ *cache.Reflector, err error) {
			s.noteWatchError(err)
			if refused(err) {
				select {
				case listErrs <- err:
				default:
				}
			}
		})
	}
	_ = s.events.SetWatchErrorHandlerWithContext(func(_ context.Context, _ *cache.Reflector, err error) {
		if refused(err) {
			s.mu.Lock()
			s.eventsErr = err
			s.mu.Unlock()
			return
		}
		s.noteWatchError(err)
	})

	runCtx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	factory.Start(runCtx.Done())
	evFactory.Start(runCtx.Done())

	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		synced := true
		for _, inf := range required {
			synced = synced && inf.HasSynced()
		}
		s.mu.Lock()
		eventsDone := s.events.HasSynced() || s.eventsErr != nil
		s.mu.Unlock()
		if synced && eventsDone {
			return nil
		}
		select {
		case err := <-listErrs:
			return kubectlErr(apiStatus(err))
		case <-ctx.Done():
			s.mu.Lock()
			err := s.watchErr
			s.mu.Unlock()
			if err != nil {
				return kubectlErr(apiStatus(err))
			}
			return kubectlErr(fmt.Errorf("the server did not list the objects within %v", openTimeout))
		case <-tick.C:
		}
	}
}

// refused is an error that retrying will not mend: the server said no.
func refused(err error) bool {
	return apierrors.IsForbidden(err) || apierrors.IsUnauthorized(err)
}

// apiStatus unwraps a reflector's "failed to list …: %w" to the API
// server's own error, which kubectl's words are made for.
func apiStatus(err error) error {
	var st apierrors.APIStatus
	if errors.As(err, &st) {
		if e, ok := st.(error); ok {
			return e
		}
	}
	return err
}

func (s *Source) noteWatchError(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.watchErr, s.watchErrAt = err, s.now()
}

// Close stops the informers.
func (s *Source) Close() {
	if s.cancel != nil {
		s.cancel()
	}
}

// Target is where the source reads.
func (s *Source) Target() Target { return s.target }

// ServerVersion is the API server's gitVersion ("v1.37.2").
func (s *Source) ServerVersion() string { return s.version }

// EventsError is why the source has no events ("" when it has them):
// RBAC may let a user list pods and not events.
func (s *Source) EventsError() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.eventsErr == nil {
		return ""
	}
	return Message(apiStatus(s.eventsErr))
}

// Snapshot is the picture the informers hold now.
func (s *Source) Snapshot() *controller.Snapshot {
	o := controller.Observed{Now: s.now()}
	for _, obj := range s.deployments.GetStore().List() {
		o.Deployments = append(o.Deployments, obj.(*appsv1.Deployment))
	}
	for _, obj := range s.replicaSets.GetStore().List() {
		o.ReplicaSets = append(o.ReplicaSets, obj.(*appsv1.ReplicaSet))
	}
	for _, obj := range s.pods.GetStore().List() {
		o.Pods = append(o.Pods, obj.(*corev1.Pod))
	}
	var evs []*eventsv1.Event
	for _, obj := range s.events.GetStore().List() {
		evs = append(evs, obj.(*eventsv1.Event))
	}
	var shown map[string]bool
	if s.target.Selector != "" {
		shown = shownObjects(o)
	}
	o.Events, o.EventsDropped = convertEvents(evs, shown)
	return controller.SnapshotOf(o)
}
