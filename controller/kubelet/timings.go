package kubelet

import "time"

// Every duration the simulation uses, in one place. They are fixed (no
// jitter): pods created in the same sync share every timing, so a batch
// becomes ready at one virtual instant, as upstream's lockstep oracle assumes.
const (
	// scheduleDelay: the scheduler binds a new pod at once.
	scheduleDelay = 0
	// SandboxDelay: the kubelet sets up the pod sandbox (network, pause
	// container) before it looks at the first image.
	SandboxDelay = 500 * time.Millisecond
	// pullBase + size/pullBytesPerSecond is a fresh pull: nginx (~72 MB) ≈ 2.4 s.
	pullBase           = time.Second
	pullBytesPerSecond = 50 << 20
	// pullCachedDuration: imagePullPolicy Always with the image cached only
	// checks the registry's digest.
	pullCachedDuration = 450 * time.Millisecond
	// PullFailDuration: the registry answers "not found" quickly.
	PullFailDuration = 800 * time.Millisecond
	// CreateStartDelay: container create + start.
	CreateStartDelay = time.Second
	// BackOffNoticeDelay: the kubelet's next pod sync notices the back-off
	// (ErrImagePull → ImagePullBackOff, exit → CrashLoopBackOff).
	BackOffNoticeDelay = time.Second
	// plegPeriod: the kubelet relists containers every second; a process
	// that exits sooner is never seen running (so never ready).
	plegPeriod = time.Second
	// CrashRunTime: how long a container whose command fails runs.
	CrashRunTime = 500 * time.Millisecond
	// stopDuration: nginx exits on SIGTERM in about a second (never more than
	// the grace period).
	stopDuration = time.Second
	// BackOffInitial doubling to backOffMax: image pull and crash back-off
	// (kubelet's 10s → 5m).
	BackOffInitial = 10 * time.Second
	backOffMax     = 5 * time.Minute
	// backOffReset: a container that ran this long without trouble starts
	// its crash back-off afresh ("Once a container has executed for 10
	// minutes without any problems, the kubelet resets the restart backoff
	// timer", Pod Lifecycle docs).
	backOffReset = 10 * time.Minute
)
