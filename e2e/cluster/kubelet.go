package cluster

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/retry"
	"k8s.io/client-go/util/workqueue"
)

// KubeletOptions script the fake kubelet.
type KubeletOptions struct {
	// Node is the node's name; default "node-1".
	Node string
	// StartAfter is how long a pod bound to the node stays Pending
	// (ContainerCreating) before the kubelet makes it Running and Ready.
	// Ignored while the kubelet is manual.
	StartAfter time.Duration
	// Manual keeps every pod Pending until ReadyPods (or the cluster's
	// ReadyBatch) makes it ready.
	Manual bool
	// TerminateAfter is how long a deleted pod takes to stop before the
	// kubelet removes it (0: at once, whatever its grace period).
	TerminateAfter time.Duration
	// Failure says why a container can never start ("ErrImagePull",
	// "CrashLoopBackOff"), or "". Default: ErrImagePull for an image whose
	// tag starts with 9.99, as ../shared/oracle's default --bad-image.
	Failure func(corev1.Container) string
	// LeaseEvery is how often the node's Lease is renewed; default 10s, the
	// real kubelet's (a quarter of its 40s lease).
	LeaseEvery time.Duration
}

// DefaultFailure is the default KubeletOptions.Failure.
func DefaultFailure(c corev1.Container) string {
	if _, tag, ok := strings.Cut(path.Base(c.Image), ":"); ok && strings.HasPrefix(tag, "9.99") {
		return "ErrImagePull"
	}
	return ""
}

// Kubelet is a scripted stand-in for a node's kubelet: it registers its
// Node, renews its Lease, and moves the pods the scheduler binds to it
// through Pending to Running and Ready by UpdateStatus, on a schedule the
// test controls, and finishes their deletion. It runs no containers.
type Kubelet struct {
	opts   KubeletOptions
	client kubernetes.Interface
	store  cache.Store
	queue  workqueue.TypedRateLimitingInterface[string]

	mu       sync.Mutex
	manual   bool
	seen     map[types.UID]time.Time // when the kubelet first set up each pod
	deleting map[types.UID]time.Time
	ips      int
	lastErr  error
}

// LastError is the last error the kubelet met syncing a pod (it retries),
// for a failing test to show.
func (k *Kubelet) LastError() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.lastErr
}

func newKubelet(opts KubeletOptions, client kubernetes.Interface) *Kubelet {
	if opts.Node == "" {
		opts.Node = "node-1"
	}
	if opts.Failure == nil {
		opts.Failure = DefaultFailure
	}
	if opts.LeaseEvery == 0 {
		opts.LeaseEvery = 10 * time.Second
	}
	return &Kubelet{opts: opts, client: client, manual: opts.Manual,
		seen: map[types.UID]time.Time{}, deleting: map[types.UID]time.Time{},
		queue: workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]())}
}

// Node is the node's name.
func (k *Kubelet) Node() string { return k.opts.Node }

// SetManual switches between manual readiness (pods wait for ReadyPods)
// and the StartAfter schedule.
func (k *Kubelet) SetManual(manual bool) {
	k.mu.Lock()
	k.manual = manual
	k.mu.Unlock()
	for _, key := range k.store.ListKeys() {
		k.queue.Add(key)
	}
}

func (k *Kubelet) start(ctx context.Context) error {
	if err := k.register(ctx); err != nil {
		return err
	}
	go k.renewLease(ctx)
	factory := informers.NewSharedInformerFactoryWithOptions(k.client, 0,
		informers.WithTweakListOptions(func(o *metav1.ListOptions) {
			o.FieldSelector = fields.OneTermEqualSelector("spec.nodeName", k.opts.Node).String()
		}))
	inf := factory.Core().V1().Pods().Informer()
	enqueue := func(obj any) {
		if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
			k.queue.Add(key)
		}
	}
	if _, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    enqueue,
		UpdateFunc: func(_, obj any) { enqueue(obj) },
		DeleteFunc: enqueue,
	}); err != nil {
		return err
	}
	k.store = inf.GetStore()
	factory.Start(ctx.Done())
	factory.WaitForCacheSync(ctx.Done())
	go func() {
		<-ctx.Done()
		k.queue.ShutDown()
	}()
	go wait.UntilWithContext(ctx, k.work, time.Second)
	return nil
}

func (k *Kubelet) work(ctx context.Context) {
	for {
		key, quit := k.queue.Get()
		if quit {
			return
		}
		err := k.sync(ctx, key)
		if err != nil && ctx.Err() == nil {
			k.mu.Lock()
			k.lastErr = fmt.Errorf("pod %s: %w", key, err)
			k.mu.Unlock()
			k.queue.AddRateLimited(key)
		} else {
			k.queue.Forget(key)
		}
		k.queue.Done(key)
	}
}

// sync moves one pod along: finish its deletion, set it up (Pending, or
// its final failure), or make it Running and Ready when its time has come.
func (k *Kubelet) sync(ctx context.Context, key string) error {
	obj, ok, err := k.store.GetByKey(key)
	if err != nil || !ok {
		return err
	}
	pod := obj.(*corev1.Pod)
	k.mu.Lock()
	manual := k.manual
	_, setUp := k.seen[pod.UID]
	k.mu.Unlock()
	switch {
	case pod.DeletionTimestamp != nil:
		return k.finishDeletion(ctx, pod)
	case !setUp:
		return k.setUp(ctx, pod)
	case manual || podReady(pod) || !k.canBecomeReady(pod):
		return nil
	}
	k.mu.Lock()
	left := k.opts.StartAfter - time.Since(k.seen[pod.UID])
	k.mu.Unlock()
	if left > 0 {
		k.queue.AddAfter(key, left)
		return nil
	}
	_, err = k.makeReady(ctx, pod)
	return err
}

func (k *Kubelet) finishDeletion(ctx context.Context, pod *corev1.Pod) error {
	k.mu.Lock()
	since, ok := k.deleting[pod.UID]
	if !ok {
		since = time.Now()
		k.deleting[pod.UID] = since
	}
	k.mu.Unlock()
	if left := k.opts.TerminateAfter - time.Since(since); left > 0 {
		key, _ := cache.MetaNamespaceKeyFunc(pod)
		k.queue.AddAfter(key, left)
		return nil
	}
	// The containers have stopped: remove the pod for good, as the kubelet
	// does once termination is done (grace period 0, this very pod only).
	zero := int64(0)
	err := k.client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{
		GracePeriodSeconds: &zero, Preconditions: metav1.NewUIDPreconditions(string(pod.UID))})
	if err == nil || apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		k.mu.Lock()
		delete(k.deleting, pod.UID)
		delete(k.seen, pod.UID)
		k.mu.Unlock()
		return nil
	}
	return err
}

// setUp is the kubelet's first status for a pod: Pending with its
// containers creating, or the failure it can never get past.
func (k *Kubelet) setUp(ctx context.Context, pod *corev1.Pod) error {
	k.mu.Lock()
	k.ips++
	ip := fmt.Sprintf("10.244.%d.%d", k.ips/250, 2+k.ips%250)
	k.mu.Unlock()
	err := k.updateStatus(ctx, pod, func(p *corev1.Pod) bool {
		if p.Status.StartTime != nil || podReady(p) {
			return false // ReadyPods got there first
		}
		now := metav1.Now()
		p.Status.HostIP = "192.0.2.10"
		p.Status.HostIPs = []corev1.HostIP{{IP: "192.0.2.10"}}
		p.Status.PodIP = ip
		p.Status.PodIPs = []corev1.PodIP{{IP: ip}}
		p.Status.StartTime = &now
		p.Status.Phase = corev1.PodPending
		p.Status.QOSClass = corev1.PodQOSBestEffort
		p.Status.ContainerStatuses = nil
		for _, c := range p.Spec.Containers {
			cs := corev1.ContainerStatus{Name: c.Name, Image: c.Image, Started: new(bool)}
			switch k.opts.Failure(c) {
			case "":
				cs.State.Waiting = &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}
			case "CrashLoopBackOff":
				cs.State.Waiting = &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff",
					Message: fmt.Sprintf("back-off 10s restarting failed container=%s pod=%s", c.Name, p.Name)}
				cs.LastTerminationState.Terminated = &corev1.ContainerStateTerminated{ExitCode: 1, Reason: "Error", StartedAt: now, FinishedAt: now}
				cs.RestartCount = 1
				p.Status.Phase = corev1.PodRunning
			default:
				reason := k.opts.Failure(c)
				cs.State.Waiting = &corev1.ContainerStateWaiting{Reason: reason,
					Message: fmt.Sprintf("failed to pull and unpack image %q: not found", c.Image)}
			}
			p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, cs)
		}
		setConditions(p, now, false)
		return true
	})
	if err != nil {
		return err
	}
	k.mu.Lock()
	k.seen[pod.UID] = time.Now()
	k.mu.Unlock()
	key, _ := cache.MetaNamespaceKeyFunc(pod)
	k.queue.Add(key)
	return nil
}

// makeReady makes the pod Running with every container running and ready;
// it returns the pod as written.
func (k *Kubelet) makeReady(ctx context.Context, pod *corev1.Pod) (*corev1.Pod, error) {
	var out *corev1.Pod
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		cur, err := k.client.CoreV1().Pods(pod.Namespace).Get(ctx, pod.Name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		if cur.UID != pod.UID || cur.DeletionTimestamp != nil {
			return nil
		}
		now := metav1.Now()
		cur.Status.Phase = corev1.PodRunning
		if cur.Status.StartTime == nil {
			cur.Status.StartTime = &now
		}
		cur.Status.ContainerStatuses = nil
		for _, c := range cur.Spec.Containers {
			cur.Status.ContainerStatuses = append(cur.Status.ContainerStatuses, corev1.ContainerStatus{
				Name: c.Name, Image: c.Image, ImageID: "docker.io/library/" + c.Image,
				ContainerID: "containerd://" + string(cur.UID) + "-" + c.Name,
				Ready:       true, Started: ptrTo(true),
				State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: now}},
			})
		}
		setConditions(cur, now, true)
		out, err = k.client.CoreV1().Pods(cur.Namespace).UpdateStatus(ctx, cur, metav1.UpdateOptions{})
		return err
	})
	if apierrors.IsNotFound(err) {
		return nil, nil
	}
	return out, err
}

// ReadyPods makes every pod on the node that can become ready (set up or
// not yet) Running and Ready now, in name order, and returns them as
// written. Pods being deleted and pods that can never start are left.
func (k *Kubelet) ReadyPods(ctx context.Context) ([]*corev1.Pod, error) {
	var todo []*corev1.Pod
	for _, obj := range k.store.List() {
		p := obj.(*corev1.Pod)
		if p.DeletionTimestamp == nil && !podReady(p) && k.canBecomeReady(p) {
			todo = append(todo, p)
		}
	}
	sort.Slice(todo, func(a, b int) bool {
		return todo[a].Namespace+"/"+todo[a].Name < todo[b].Namespace+"/"+todo[b].Name
	})
	var done []*corev1.Pod
	for _, p := range todo {
		k.mu.Lock()
		if _, ok := k.seen[p.UID]; !ok {
			k.seen[p.UID] = time.Now()
		}
		k.mu.Unlock()
		up, err := k.makeReady(ctx, p)
		if err != nil {
			return done, err
		}
		if up != nil {
			done = append(done, up)
		}
	}
	return done, nil
}

func (k *Kubelet) canBecomeReady(p *corev1.Pod) bool {
	for _, c := range p.Spec.Containers {
		if k.opts.Failure(c) != "" {
			return false
		}
	}
	return len(p.Spec.Containers) > 0
}

// updateStatus writes the status change makes, unless it declines (false),
// retrying on conflicts with the pod as it is now.
func (k *Kubelet) updateStatus(ctx context.Context, pod *corev1.Pod, change func(*corev1.Pod) bool) error {
	p := pod.DeepCopy()
	first := true
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		if !first {
			cur, err := k.client.CoreV1().Pods(pod.Namespace).Get(ctx, pod.Name, metav1.GetOptions{})
			if err != nil {
				return err
			}
			if cur.UID != pod.UID {
				return nil
			}
			p = cur
		}
		first = false
		if !change(p) {
			return nil
		}
		_, err := k.client.CoreV1().Pods(p.Namespace).UpdateStatus(ctx, p, metav1.UpdateOptions{})
		if apierrors.IsNotFound(err) {
			return nil
		}
		return err
	})
}

// register creates the Node, schedulable and Ready, with room for many
// pods.
func (k *Kubelet) register(ctx context.Context) error {
	nodes := k.client.CoreV1().Nodes()
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: k.opts.Node, Labels: map[string]string{
		"kubernetes.io/hostname": k.opts.Node, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"}}}
	if _, err := nodes.Create(ctx, node, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("kubelet: register node: %w", err)
	}
	room := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("64"),
		corev1.ResourceMemory: resource.MustParse("256Gi"),
		corev1.ResourcePods:   resource.MustParse("10000"),
	}
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		n, err := nodes.Get(ctx, k.opts.Node, metav1.GetOptions{})
		if err != nil {
			return err
		}
		now := metav1.Now()
		n.Status.Capacity, n.Status.Allocatable = room, room
		n.Status.Addresses = []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: "192.0.2.10"},
			{Type: corev1.NodeHostName, Address: k.opts.Node}}
		n.Status.Conditions = []corev1.NodeCondition{
			{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady",
				Message: "kubelet is posting ready status", LastHeartbeatTime: now, LastTransitionTime: now},
			{Type: corev1.NodeMemoryPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasSufficientMemory", LastHeartbeatTime: now, LastTransitionTime: now},
			{Type: corev1.NodeDiskPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasNoDiskPressure", LastHeartbeatTime: now, LastTransitionTime: now},
			{Type: corev1.NodePIDPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasSufficientPID", LastHeartbeatTime: now, LastTransitionTime: now},
		}
		n.Status.NodeInfo = corev1.NodeSystemInfo{KubeletVersion: "v1.37.2", OperatingSystem: "linux", Architecture: "amd64",
			ContainerRuntimeVersion: "fake://0"}
		_, err = nodes.UpdateStatus(ctx, n, metav1.UpdateOptions{})
		return err
	})
}

// renewLease keeps the node's Lease fresh, as the kubelet's heartbeat does;
// failures (an API server that is down) are retried at the next beat.
func (k *Kubelet) renewLease(ctx context.Context) {
	leases := k.client.CoordinationV1().Leases(corev1.NamespaceNodeLease)
	seconds := int32(4 * k.opts.LeaseEvery / time.Second)
	wait.UntilWithContext(ctx, func(ctx context.Context) {
		now := metav1.NewMicroTime(time.Now())
		l, err := leases.Get(ctx, k.opts.Node, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			l = &coordinationv1.Lease{ObjectMeta: metav1.ObjectMeta{Name: k.opts.Node},
				Spec: coordinationv1.LeaseSpec{HolderIdentity: &k.opts.Node, LeaseDurationSeconds: &seconds, RenewTime: &now}}
			_, _ = leases.Create(ctx, l, metav1.CreateOptions{})
			return
		}
		if err != nil {
			return
		}
		l.Spec.RenewTime = &now
		_, _ = leases.Update(ctx, l, metav1.UpdateOptions{})
	}, k.opts.LeaseEvery)
}

func podReady(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// setConditions writes the pod's five conditions as the kubelet keeps
// them, keeping PodScheduled as the scheduler wrote it.
func setConditions(p *corev1.Pod, now metav1.Time, ready bool) {
	st, reason := corev1.ConditionFalse, "ContainersNotReady"
	if ready {
		st, reason = corev1.ConditionTrue, ""
	}
	set := func(t corev1.PodConditionType, s corev1.ConditionStatus, r string) {
		for i := range p.Status.Conditions {
			if p.Status.Conditions[i].Type == t {
				if p.Status.Conditions[i].Status != s {
					p.Status.Conditions[i].LastTransitionTime = now
				}
				p.Status.Conditions[i].Status, p.Status.Conditions[i].Reason = s, r
				return
			}
		}
		p.Status.Conditions = append(p.Status.Conditions, corev1.PodCondition{Type: t, Status: s, Reason: r, LastTransitionTime: now})
	}
	set(corev1.PodReadyToStartContainers, corev1.ConditionTrue, "")
	set(corev1.PodInitialized, corev1.ConditionTrue, "")
	set(corev1.ContainersReady, st, reason)
	set(corev1.PodReady, st, reason)
}

func ptrTo[T any](v T) *T { return &v }
