package kubelet

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"podviz/controller/apiserver"
	"podviz/controller/clock"
	"podviz/controller/events"
	"podviz/controller/kubelet/prober"
	"podviz/controller/kubelet/program"
)

// Kubelet simulates the scheduler and the kubelet of the one node: binding,
// sandbox and IP, image pulls (with the registry), container create/start,
// readiness, crashes with back-off, and graceful termination. Each step is a
// timer on the virtual clock; every duration comes from timings.go.
type Kubelet struct {
	node   string
	clock  clock.Clock
	rec    *events.Recorder
	api    *apiserver.Store[*corev1.Pod]
	pods   map[types.UID]*podRuntime
	cached map[string]bool // images present on the node
	// IPs come from 10.244.0.0/16, handed out in order like host-local IPAM
	// (the next free address after the last one given).
	lastIP uint32
	usedIP map[uint32]bool
	// idleImages caches program.Idle by image.
	idleImages map[string]bool
	// notices are the container model's distinct notices (notices.go).
	notices        []Notice
	noticeIndex    map[noticeKey]int
	noticesDropped uint64
}

// podRuntime is the kubelet's state for one pod.
type podRuntime struct {
	pod        *corev1.Pod
	containers []*containerRuntime // the app containers, in spec order
	inits      []*containerRuntime // the init containers (sidecars among them)
	all        []*containerRuntime // inits, then containers
	// initialized: every regular init container has completed and every
	// sidecar has started; the app containers have been started.
	initialized bool
	ip          uint32
	// dying: deletion started; only the removal timer still fires.
	dying bool
	// volumes are the pod's volumes, shared by its containers' processes
	// and kept across their restarts.
	volumes map[string]*program.Volume
	// wake is the pod's next look at its processes and probes (step).
	wake  *clock.Timer
	progs []*program.Program // scratch for step
	// notices are the container model's warnings for the pod
	// ("container: message"), noticed the same by key (notices.go).
	notices []string
	noticed map[noticeKey]bool
}

type containerRuntime struct {
	spec *corev1.Container
	// init: an init container (index in initContainerStatuses); sidecar:
	// an init container with restartPolicy Always, which keeps running.
	init, sidecar bool
	index         int
	// begun: the kubelet has started working on it (pull, create); done: a
	// regular init container that exited 0.
	begun, done bool
	// term says how the container takes SIGTERM (from its command).
	term   containerProgram
	prog   *program.Program // the running (or last) process
	probes *prober.Container
	// runStart is when the process started; visibleAt when the kubelet's
	// relist first sees it running (see launch).
	runStart, visibleAt time.Time
	// failing: a probe's last answer was a failure, so it runs (and
	// records Unhealthy) at each of its ticks.
	failing  bool
	reported map[streakKey]int // Unhealthy occurrences recorded per streak
	timer    *clock.Timer      // the container's pending step
	started  bool              // has run at least once
	running  bool
	ready    bool
	restarts int32
	// crashBackOff / pullBackOff: the next back-off (0 before the first).
	crashBackOff, pullBackOff time.Duration
	// retryAt: when the back-off in progress ends (the next pull or
	// restart), for the snapshot; 0 when none.
	retryAt time.Duration
}

// New returns the kubelet of node: it watches the pods in api, runs them
// on clk and records what it does in rec.
func New(node string, clk clock.Clock, rec *events.Recorder, api *apiserver.Store[*corev1.Pod]) *Kubelet {
	k := &Kubelet{node: node, clock: clk, rec: rec, api: api, pods: map[types.UID]*podRuntime{}, cached: map[string]bool{}, usedIP: map[uint32]bool{}, idleImages: map[string]bool{}}
	api.AddHandler(apiserver.Handler[*corev1.Pod]{Add: k.podCreated, Update: k.podUpdated, Delete: k.podDeleted})
	return k
}

// RetryAt is when the kubelet's next attempt for container i of the pod
// (a pull or a restart after a back-off) is due; 0 when none is scheduled.
// i counts the app containers, then the init containers.
func (k *Kubelet) RetryAt(uid types.UID, i int) time.Duration {
	pr := k.pods[uid]
	switch {
	case pr == nil || i < 0:
	case i < len(pr.containers):
		return pr.containers[i].retryAt
	case i-len(pr.containers) < len(pr.inits):
		return pr.inits[i-len(pr.containers)].retryAt
	}
	return 0
}

// podUpdated starts the kill when the apiserver marked the pod for
// deletion (once: a later update of a dying pod changes nothing).
func (k *Kubelet) podUpdated(_, p *corev1.Pod) {
	if p.DeletionTimestamp == nil || p.DeletionGracePeriodSeconds == nil {
		return
	}
	if pr := k.pods[p.UID]; pr != nil && pr.dying {
		return
	}
	k.kill(p, time.Duration(*p.DeletionGracePeriodSeconds)*time.Second)
}

// podDeleted drops what the kubelet still holds of a pod the apiserver
// removed (a forced deletion of a terminating pod).
func (k *Kubelet) podDeleted(p *corev1.Pod) {
	if pr := k.pods[p.UID]; pr != nil && pr.pod == p {
		k.forget(pr)
	}
}

func (k *Kubelet) now() time.Duration { return k.clock.Elapsed() }

func podObject(p *corev1.Pod) string { return "pod/" + p.Name }

func (k *Kubelet) event(pr *podRuntime, source, typ, reason, msg string) {
	k.rec.Record(typ, reason, podObject(pr.pod), pr.pod.Namespace, source, msg)
}

// after schedules a step for a live pod; it does nothing once the pod is gone.
func (k *Kubelet) after(pr *podRuntime, d time.Duration, fn func()) *clock.Timer {
	return k.clock.AfterFunc(d, func() {
		if k.pods[pr.pod.UID] == pr && !pr.dying {
			fn()
		}
	})
}

// podCreated starts a new pod's life: Pending until the scheduler binds it.
func (k *Kubelet) podCreated(p *corev1.Pod) {
	pr := &podRuntime{pod: p}
	for i := range p.Spec.InitContainers {
		c := &p.Spec.InitContainers[i]
		sidecar := c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
		pr.inits = append(pr.inits, &containerRuntime{spec: c, init: true, sidecar: sidecar, index: i, term: programOf(c),
			probes: prober.New(c, sidecar || willRestart(p))})
	}
	for i := range p.Spec.Containers {
		c := &p.Spec.Containers[i]
		pr.containers = append(pr.containers, &containerRuntime{spec: c, index: i, term: programOf(c), probes: prober.New(c, willRestart(p))})
	}
	pr.all = append(append(make([]*containerRuntime, 0, len(pr.inits)+len(pr.containers)), pr.inits...), pr.containers...)
	pr.initialized = len(pr.inits) == 0
	k.pods[p.UID] = pr
	p.Status = corev1.PodStatus{Phase: corev1.PodPending, QOSClass: corev1.PodQOSBestEffort}
	k.after(pr, scheduleDelay, func() { k.bind(pr) })
}

// bind is the scheduler's move: the pod lands on the node.
func (k *Kubelet) bind(pr *podRuntime) {
	p := pr.pod
	p.Spec.NodeName = k.node
	now := metav1.NewTime(k.clock.Now().Truncate(time.Second))
	if p.Status.Conditions == nil {
		// The kubelet adds four more (PodReadyToStartContainers, Initialized,
		// ContainersReady, Ready): one allocation instead of four growths,
		// which was a fifth of a 10,000-pod rollout's garbage.
		p.Status.Conditions = make([]corev1.PodCondition, 0, 5)
	}
	p.Status.Conditions = append(p.Status.Conditions, corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: now})
	// Concatenated, not Sprintf: the node's name is a variable now (one
	// kubelet per node), and boxing it for fmt cost an allocation per pod.
	k.event(pr, sourceScheduler, eventNormal, reasonScheduled, "Successfully assigned "+p.Namespace+"/"+p.Name+" to "+k.node)
	// The kubelet picks the pod up: containers are being created.
	p.Status.HostIP = "192.168.49.2"
	p.Status.HostIPs = []corev1.HostIP{{IP: p.Status.HostIP}}
	p.Status.StartTime = &now
	k.writeStatus(pr)
	k.after(pr, SandboxDelay, func() { k.sandbox(pr) })
}

// sandbox creates the pod sandbox (its IP) and starts the init containers
// in order, or every container when there are none.
func (k *Kubelet) sandbox(pr *podRuntime) {
	pr.ip = k.allocateIP()
	ip := ipString(pr.ip)
	pr.pod.Status.PodIP = ip
	pr.pod.Status.PodIPs = []corev1.PodIP{{IP: ip}}
	if pr.initialized {
		for _, cr := range pr.containers {
			cr.begun = true
			k.startContainer(pr, cr)
		}
	} else {
		k.initNext(pr)
	}
	k.writeStatus(pr)
}

// initNext moves the pod's initialization on (kuberuntime
// computeInitContainerActions): the init containers start one at a time,
// in order, a regular one once the one before has exited 0, the one after
// a sidecar once the sidecar has started (running, its startup probe if
// any passed); when all are through, the app containers start together.
// It reports whether it started anything.
func (k *Kubelet) initNext(pr *podRuntime) bool {
	if pr.initialized || pr.dying {
		return false
	}
	for _, cr := range pr.inits {
		if !cr.begun {
			cr.begun = true
			k.startContainer(pr, cr)
			return true
		}
		if cr.sidecar {
			if cr.running && cr.probes.Started() {
				continue
			}
			return false
		}
		if !cr.done {
			return false
		}
	}
	pr.initialized = true
	for _, cr := range pr.containers {
		cr.begun = true
		k.startContainer(pr, cr)
	}
	return true
}

// startContainer pulls the image as the pull policy says, then creates and
// starts the container.
func (k *Kubelet) startContainer(pr *podRuntime, cr *containerRuntime) {
	image := cr.spec.Image
	present := k.cached[image]
	if cr.spec.ImagePullPolicy == corev1.PullNever || (cr.spec.ImagePullPolicy != corev1.PullAlways && present) {
		if present {
			k.event(pr, sourceKubelet, eventNormal, reasonPulled, fmt.Sprintf("Container image %q already present on machine", image))
			cr.timer = k.after(pr, CreateStartDelay, func() { k.run(pr, cr) })
			return
		}
		if cr.spec.ImagePullPolicy == corev1.PullNever {
			msg := fmt.Sprintf("Container image %q is not present with pull policy of Never", image)
			k.event(pr, sourceKubelet, eventWarning, "ErrImageNeverPull", msg)
			k.setWaiting(pr, cr, "ErrImageNeverPull", msg)
			return
		}
	}
	k.event(pr, sourceKubelet, eventNormal, reasonPulling, fmt.Sprintf("Pulling image %q", image))
	size, err := pull(image)
	if err != nil {
		cr.timer = k.after(pr, PullFailDuration, func() { k.pullFailed(pr, cr, err) })
		return
	}
	d := PullDuration(size)
	if present {
		d = pullCachedDuration
	}
	cr.timer = k.after(pr, d, func() {
		k.cached[image] = true
		k.event(pr, sourceKubelet, eventNormal, reasonPulled, fmt.Sprintf("Successfully pulled image %q in %v (%v including waiting). Image size: %v bytes.", image, d, d, size))
		cr.timer = k.after(pr, CreateStartDelay, func() { k.run(pr, cr) })
	})
}

// pullFailed: ErrImagePull now, ImagePullBackOff at the kubelet's next
// sync, and another pull once the back-off (10s, doubling, at most 5m)
// since this failure has passed — as the kubelet's image manager does.
func (k *Kubelet) pullFailed(pr *podRuntime, cr *containerRuntime, err error) {
	image := cr.spec.Image
	k.event(pr, sourceKubelet, eventWarning, reasonFailed, fmt.Sprintf("Failed to pull image %q: %v", image, err))
	k.event(pr, sourceKubelet, eventWarning, reasonFailed, "Error: "+waitingErrImagePull)
	cr.pullBackOff = nextBackOff(cr.pullBackOff)
	backOff := cr.pullBackOff
	cr.retryAt = k.now() + backOff
	k.setWaiting(pr, cr, waitingErrImagePull, err.Error())
	k.writeStatus(pr)
	cr.timer = k.after(pr, BackOffNoticeDelay, func() {
		k.event(pr, sourceKubelet, eventNormal, reasonBackOff, fmt.Sprintf("Back-off pulling image %q", image))
		k.event(pr, sourceKubelet, eventWarning, reasonFailed, "Error: "+waitingImagePullBackOff)
		k.setWaiting(pr, cr, waitingImagePullBackOff, fmt.Sprintf("Back-off pulling image %q: %s: %v", image, waitingErrImagePull, err))
		k.writeStatus(pr)
		cr.timer = k.after(pr, backOff-BackOffNoticeDelay, func() { k.startContainer(pr, cr) })
	})
}

func nextBackOff(cur time.Duration) time.Duration {
	if cur == 0 {
		return BackOffInitial
	}
	return min(2*cur, backOffMax)
}

// run creates and starts the container: its process runs, and it becomes
// ready when it is seen running and its readiness probe (if any) succeeds.
func (k *Kubelet) run(pr *podRuntime, cr *containerRuntime) {
	cr.retryAt = 0
	if cr.started {
		cr.restarts++
	}
	cr.started, cr.running, cr.ready = true, true, false
	k.event(pr, sourceKubelet, eventNormal, reasonCreated, "Container created")
	k.event(pr, sourceKubelet, eventNormal, reasonStarted, "Container started")
	st := k.status(pr, cr)
	if st.State.Terminated != nil {
		st.LastTerminationState = corev1.ContainerState{Terminated: st.State.Terminated}
	}
	st.State = corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: metav1.NewTime(k.clock.Now())}}
	st.RestartCount = cr.restarts
	st.Started = ptrTo(true)
	st.ImageID = "docker.io/library/" + parseImage(cr.spec.Image).repo + "@sha256:0000"
	st.ContainerID = fmt.Sprintf("containerd://%s-%s-%d", pr.pod.UID, cr.spec.Name, cr.restarts)
	k.launch(pr, cr)
	k.step(pr)
	k.writeStatus(pr)
}

// exited: the container's process ended. Under restartPolicy Always (or
// OnFailure with a non-zero code) the kubelet restarts it: the first time at
// its next sync, then after a back-off of 10s, 20s, … 5m since the exit,
// showing CrashLoopBackOff meanwhile (kuberuntime doBackOff).
func (k *Kubelet) exited(pr *podRuntime, cr *containerRuntime, code int32) {
	if !cr.running {
		return
	}
	cr.running, cr.ready, cr.failing = false, false, false
	k.unhealthy(pr, cr, cr.probes.Stop(k.clock.Now()))
	reason := terminatedCompleted
	if code != 0 {
		reason = terminatedError
	}
	st := k.status(pr, cr)
	started := metav1.Time{}
	if st.State.Running != nil {
		started = st.State.Running.StartedAt
	}
	st.State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: code, Reason: reason, StartedAt: started, FinishedAt: metav1.NewTime(k.clock.Now()), ContainerID: st.ContainerID}}
	st.Started = ptrTo(false)
	st.Ready = false
	policy := pr.pod.Spec.RestartPolicy
	var restart bool
	switch {
	case cr.sidecar:
		// A sidecar is restarted whatever its exit code and the pod's
		// policy, until the pod's app containers are done.
		restart = !pr.finished()
	case cr.init:
		// A failed init container is retried unless the pod's policy is
		// Never (then the pod fails); one that succeeded lets the next go.
		restart = code != 0 && policy != corev1.RestartPolicyNever
		cr.done = code == 0
	default:
		restart = policy == corev1.RestartPolicyAlways || policy == "" || (policy == corev1.RestartPolicyOnFailure && code != 0)
	}
	if !restart && !cr.init && pr.finished() {
		// The app containers are done for good: the kubelet stops the
		// sidecars, and the pod reaches its terminal phase.
		k.stopSidecars(pr)
	}
	k.writeStatus(pr)
	if cr.done {
		if k.initNext(pr) {
			k.writeStatus(pr)
		}
	}
	if !restart {
		return
	}
	if k.clock.Now().Sub(cr.runStart) >= backOffReset {
		// A container that ran 10 minutes without trouble starts its
		// back-off afresh (the kubelet's back-off entries expire).
		cr.crashBackOff = 0
	}
	if cr.crashBackOff == 0 {
		cr.crashBackOff = BackOffInitial
		cr.retryAt = k.now() + BackOffNoticeDelay
		cr.timer = k.after(pr, BackOffNoticeDelay, func() { k.startContainer(pr, cr) })
		return
	}
	backOff := cr.crashBackOff
	cr.retryAt = k.now() + backOff
	cr.crashBackOff = min(2*cr.crashBackOff, backOffMax)
	cr.timer = k.after(pr, BackOffNoticeDelay, func() {
		k.event(pr, sourceKubelet, eventWarning, reasonBackOff, fmt.Sprintf("Back-off restarting failed container %s in pod %s_%s(%s)", cr.spec.Name, pr.pod.Name, pr.pod.Namespace, pr.pod.UID))
		last := k.status(pr, cr).State
		st := k.status(pr, cr)
		st.LastTerminationState = last
		st.State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: waitingCrashLoopBackOff,
			Message: fmt.Sprintf("back-off %v restarting failed container=%s pod=%s_%s(%s)", backOff, cr.spec.Name, pr.pod.Name, pr.pod.Namespace, pr.pod.UID)}}
		k.writeStatus(pr)
		cr.timer = k.after(pr, backOff-BackOffNoticeDelay, func() { k.startContainer(pr, cr) })
	})
}

// kill starts a graceful deletion: SIGTERM to every running container, and
// the pod leaves the store when they have stopped (about a second for a
// server, the whole grace period for a process that ignores SIGTERM), at
// most after grace. grace 0 removes it at once.
func (k *Kubelet) kill(p *corev1.Pod, grace time.Duration) {
	pr := k.pods[p.UID]
	if pr == nil {
		k.api.Remove(p)
		return
	}
	stop := time.Duration(0)
	pr.wake.Stop()
	for _, cr := range pr.all {
		cr.timer.Stop()
		if cr.running {
			if !pr.dying {
				k.event(pr, sourceKubelet, eventNormal, reasonKilling, "Stopping container "+cr.spec.Name)
			}
			d := stopDuration
			if cr.term.ignoresSIGTERM {
				d = grace
			}
			stop = max(stop, min(d, grace))
		}
	}
	if pr.dying {
		// A second delete may only shorten the wait (kubectl --force).
		if grace != 0 {
			return
		}
	}
	pr.dying = true
	if grace == 0 {
		k.forget(pr)
		k.api.Remove(p)
		return
	}
	k.clock.AfterFunc(stop, func() {
		if k.pods[p.UID] == pr {
			k.forget(pr)
			k.api.Remove(p)
		}
	})
}

// forget drops the kubelet's state for a pod and frees its IP.
func (k *Kubelet) forget(pr *podRuntime) {
	pr.wake.Stop()
	for _, cr := range pr.all {
		cr.timer.Stop()
	}
	if pr.ip != 0 {
		delete(k.usedIP, pr.ip)
	}
	delete(k.pods, pr.pod.UID)
}

func (k *Kubelet) allocateIP() uint32 {
	const first, last = 2, 65534 // 10.244.0.2 … 10.244.255.254
	ip := k.lastIP
	for range last {
		ip++
		if ip < first || ip > last {
			ip = first
		}
		if !k.usedIP[ip] && ip&0xff != 0 && ip&0xff != 255 {
			k.usedIP[ip] = true
			k.lastIP = ip
			return ip
		}
	}
	return 0
}

func ipString(ip uint32) string {
	if ip == 0 {
		return ""
	}
	return fmt.Sprintf("10.244.%d.%d", ip>>8, ip&0xff)
}

// status returns the container's status entry (initContainerStatuses for
// an init container), creating the lists on first use: every container
// waits, ContainerCreating, or PodInitializing in a pod with init
// containers (kubelet convertToAPIContainerStatuses).
func (k *Kubelet) status(pr *podRuntime, cr *containerRuntime) *corev1.ContainerStatus {
	p := pr.pod
	waiting := waitingContainerCreating
	if len(pr.inits) > 0 {
		waiting = waitingPodInitializing
	}
	fresh := func(list []*containerRuntime) []corev1.ContainerStatus {
		out := make([]corev1.ContainerStatus, len(list))
		for i, c := range list {
			out[i] = corev1.ContainerStatus{Name: c.spec.Name, Image: c.spec.Image,
				State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: waiting}}, Started: ptrTo(false)}
		}
		return out
	}
	if len(p.Status.ContainerStatuses) != len(pr.containers) {
		p.Status.ContainerStatuses = fresh(pr.containers)
	}
	if len(p.Status.InitContainerStatuses) != len(pr.inits) {
		p.Status.InitContainerStatuses = fresh(pr.inits)
	}
	if cr.init {
		return &p.Status.InitContainerStatuses[cr.index]
	}
	return &p.Status.ContainerStatuses[cr.index]
}

func (k *Kubelet) setWaiting(pr *podRuntime, cr *containerRuntime, reason, msg string) {
	st := k.status(pr, cr)
	if st.State.Terminated != nil {
		st.LastTerminationState = corev1.ContainerState{Terminated: st.State.Terminated}
	}
	st.State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason, Message: msg}}
}

// writeStatus derives the pod's phase and conditions from its containers
// (kubelet's getPhase and generateAPIPodStatus) and writes the pod.
func (k *Kubelet) writeStatus(pr *podRuntime) {
	p := pr.pod
	now := metav1.NewTime(k.clock.Now().Truncate(time.Second))
	allReady := true
	for _, cr := range pr.all {
		st := k.status(pr, cr)
		st.Ready = cr.ready
		if !cr.ready && (!cr.init || cr.sidecar) {
			allReady = false
		}
	}
	p.Status.Phase = getPhase(pr)
	if p.Spec.NodeName != "" {
		ready := corev1.ConditionFalse
		if allReady && len(pr.containers) > 0 {
			ready = corev1.ConditionTrue
		}
		setPodCondition(p, corev1.PodReadyToStartContainers, boolCond(pr.ip != 0), now)
		setPodCondition(p, corev1.PodInitialized, boolCond(pr.initialized), now)
		setPodCondition(p, corev1.ContainersReady, ready, now)
		setPodCondition(p, corev1.PodReady, ready, now)
	}
	k.api.UpdateStatus(p)
}

// getPhase is the kubelet's getPhase (pkg/kubelet/kubelet_pods.go, v1.37):
// a regular init container not yet through keeps the pod Pending (Failed
// under restartPolicy Never if one failed), a sidecar not yet started
// does until the pod has initialized; then Pending while an app container
// waits for its first start, Running while any container runs; with all
// stopped, Running under Always (they restart), else Succeeded when all
// exited 0, Failed under Never, Running under OnFailure.
func getPhase(pr *podRuntime) corev1.PodPhase {
	p := pr.pod
	policy := p.Spec.RestartPolicy
	pendingRegular, pendingSidecars, failedInit := 0, 0, 0
	running, waiting, stopped, succeeded := 0, 0, 0, 0
	for i := range p.Status.InitContainerStatuses {
		st := &p.Status.InitContainerStatuses[i]
		sidecar := i < len(pr.inits) && pr.inits[i].sidecar
		switch {
		case sidecar && st.State.Running != nil:
			if st.Started == nil || !*st.Started {
				pendingSidecars++
			}
			running++
		case sidecar && st.State.Terminated != nil:
		case sidecar && st.State.Waiting != nil:
			if st.LastTerminationState.Terminated == nil {
				pendingSidecars++
				waiting++
			}
		case st.State.Running != nil:
			pendingRegular++
		case st.State.Terminated != nil:
			if st.State.Terminated.ExitCode != 0 {
				failedInit++
			}
		case st.State.Waiting != nil && st.LastTerminationState.Terminated != nil:
			if st.LastTerminationState.Terminated.ExitCode != 0 {
				failedInit++
			}
		default:
			pendingRegular++
		}
	}
	for i := range p.Status.ContainerStatuses {
		st := &p.Status.ContainerStatuses[i]
		switch {
		case st.State.Running != nil:
			running++
		case st.State.Terminated != nil:
			stopped++
			if st.State.Terminated.ExitCode == 0 {
				succeeded++
			}
		case st.State.Waiting != nil && st.LastTerminationState.Terminated != nil:
			stopped++
		default:
			waiting++
		}
	}
	if failedInit > 0 && policy == corev1.RestartPolicyNever {
		return corev1.PodFailed
	}
	switch {
	case pendingRegular > 0 || (pendingSidecars > 0 && !pr.initialized) || waiting > 0:
		return corev1.PodPending
	case running > 0:
		return corev1.PodRunning
	case stopped > 0:
		switch {
		case policy == corev1.RestartPolicyAlways || policy == "":
			return corev1.PodRunning
		case stopped == succeeded:
			return corev1.PodSucceeded
		case policy == corev1.RestartPolicyNever:
			return corev1.PodFailed
		}
		return corev1.PodRunning
	}
	return corev1.PodPending
}

// finished: the pod's app containers have all exited and none will be
// restarted (restartPolicy Never, or OnFailure with every one succeeded).
func (pr *podRuntime) finished() bool {
	policy := pr.pod.Spec.RestartPolicy
	if policy == corev1.RestartPolicyAlways || policy == "" {
		return false
	}
	for _, cr := range pr.containers {
		if cr.running || !cr.started {
			return false
		}
		st := &pr.pod.Status.ContainerStatuses[cr.index]
		if t := st.State.Terminated; t == nil || (policy == corev1.RestartPolicyOnFailure && t.ExitCode != 0) {
			return false
		}
	}
	return true
}

// stopSidecars stops the running sidecars of a pod whose app containers
// are done, as the kubelet does before the pod's terminal phase.
func (k *Kubelet) stopSidecars(pr *podRuntime) {
	for _, cr := range pr.inits {
		if !cr.sidecar {
			continue
		}
		cr.timer.Stop()
		if !cr.running {
			continue
		}
		k.event(pr, sourceKubelet, eventNormal, reasonKilling, "Stopping container "+cr.spec.Name)
		code := int32(143)
		if cr.term.ignoresSIGTERM {
			code = 137
		}
		if cr.prog != nil {
			cr.prog.Kill(int(code))
		}
		k.exited(pr, cr, code)
	}
}

func boolCond(b bool) corev1.ConditionStatus {
	if b {
		return corev1.ConditionTrue
	}
	return corev1.ConditionFalse
}

// setPodCondition sets a condition, moving its transition time only when
// its status changes (as the kubelet's status manager does).
func setPodCondition(p *corev1.Pod, typ corev1.PodConditionType, status corev1.ConditionStatus, now metav1.Time) {
	for i := range p.Status.Conditions {
		c := &p.Status.Conditions[i]
		if c.Type == typ {
			if c.Status != status {
				c.Status = status
				c.LastTransitionTime = now
			}
			return
		}
	}
	p.Status.Conditions = append(p.Status.Conditions, corev1.PodCondition{Type: typ, Status: status, LastTransitionTime: now})
}

func ptrTo[T any](v T) *T { return &v }
