package kubelet

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"

	"podviz/controller/clock"
	"podviz/controller/kubelet/prober"
	"podviz/controller/kubelet/program"
)

// The kubelet runs each container's process (package program) and its
// probes (package prober) on the virtual clock. A pod has one wake-up
// timer, at the earliest instant at which something the kubelet can see
// may change: a process exits or changes what it answers, a probe's result
// would cross its threshold, or a failing probe runs again (each failed
// run is an Unhealthy event). A pod whose processes and probes cannot
// change anything has no timer at all.

// volumesOf makes the pod's volumes: an emptyDir is one directory shared by
// every container that mounts it; other kinds are modelled as empty
// directories too. They live as long as the pod, across container restarts.
func volumesOf(p *corev1.Pod) map[string]*program.Volume {
	if len(p.Spec.Volumes) == 0 {
		return nil
	}
	vols := make(map[string]*program.Volume, len(p.Spec.Volumes))
	for _, v := range p.Spec.Volumes {
		vols[v.Name] = program.NewVolume(v.Name)
	}
	return vols
}

// probeOf is the container's probe of kind kd.
func probeOf(c *corev1.Container, kd prober.Kind) *corev1.Probe {
	switch kd {
	case prober.Startup:
		return c.StartupProbe
	case prober.Liveness:
		return c.LivenessProbe
	}
	return c.ReadinessProbe
}

// willRestart: a container the kubelet restarts after it stops (a failed
// liveness probe's Killing message says so).
func willRestart(p *corev1.Pod) bool {
	return p.Spec.RestartPolicy != corev1.RestartPolicyNever
}

// launch starts the container's process and its probes at now.
func (k *Kubelet) launch(pr *podRuntime, cr *containerRuntime) {
	now := k.clock.Now()
	if pr.volumes == nil && len(pr.pod.Spec.Volumes) > 0 {
		pr.volumes = volumesOf(pr.pod)
	}
	cr.runStart, cr.visibleAt, cr.failing = now, now, false
	cr.reported = nil
	cr.prog = nil
	if k.idle(cr) {
		// Nothing can be seen of it until someone looks (Process).
		cr.probes.Start(now)
		return
	}
	cr.prog = program.Start(program.SpecOf(cr.spec, pr.volumes, pr.pod.Name, ipString(pr.ip)), now)
	if st := cr.prog.Status(); !st.Exited && !st.Next.IsZero() && st.Next.Before(now.Add(plegPeriod)) {
		// The process may be gone before the kubelet's next relist: until
		// that relist it is not seen running, so not ready (and if it has
		// exited by then, never).
		cr.visibleAt = now.Add(plegPeriod)
	}
	cr.probes.Start(now)
}

// step brings the pod's processes and probes to now, acts on what
// happened (exits, liveness kills, Unhealthy events, readiness) and
// schedules the pod's next wake-up. It reports whether the container
// statuses changed in a way the caller must write; an exit or a kill has
// written the status already.
func (k *Kubelet) step(pr *podRuntime) bool {
	now := k.clock.Now()
	progs := pr.progs[:0]
	for _, cr := range pr.all {
		if cr.running && cr.prog != nil {
			progs = append(progs, cr.prog)
		}
	}
	pr.progs = progs
	next := program.AdvanceAll(progs, now)
	wake := next
	changed := false
	for _, cr := range pr.all {
		if !cr.running {
			continue
		}
		if cr.prog == nil {
			// idle: a server with no probes that changes nothing.
			if !cr.ready && !now.Before(cr.visibleAt) {
				cr.ready = cr.probes.Ready()
				changed = changed || cr.ready
			}
			continue
		}
		k.notice(pr, cr, cr.prog.Warnings())
		if st := cr.prog.Status(); st.Exited {
			// A process that exits at once is noticed at the kubelet's
			// relist, CrashRunTime after its start.
			if seen := cr.runStart.Add(CrashRunTime); now.Before(seen) {
				wake = earliest(wake, seen)
				continue
			}
			k.exited(pr, cr, int32(st.ExitCode))
			continue
		}
		if now.Before(cr.visibleAt) {
			wake = earliest(wake, cr.visibleAt)
			continue
		}
		wasReady := cr.ready
		if k.probe(pr, cr, now, next) {
			continue // killed
		}
		cr.ready = cr.probes.Ready()
		if cr.ready != wasReady {
			changed = true
		}
		if st := k.status(pr, cr); st.Started == nil || *st.Started != cr.probes.Started() {
			st.Started = ptrTo(cr.probes.Started())
			changed = true
		}
		wake = earliest(wake, cr.probes.Next())
	}
	if !pr.initialized && k.initNext(pr) {
		changed = true
	}
	k.scheduleWake(pr, wake)
	return changed
}

// idle reports whether the container's process can be left unstarted:
// a known server on its own entrypoint, with no probe and no volume (no
// one can observe it until Process is asked). Cached by image.
func (k *Kubelet) idle(cr *containerRuntime) bool {
	c := cr.spec
	if len(c.VolumeMounts) > 0 || c.ReadinessProbe != nil || c.LivenessProbe != nil || c.StartupProbe != nil || len(c.Command) > 0 || len(c.Args) > 0 {
		return false
	}
	idle, ok := k.idleImages[c.Image]
	if !ok {
		idle = program.Idle(c.Image, nil, nil)
		if len(k.idleImages) < 1024 {
			k.idleImages[c.Image] = idle
		}
	}
	return idle
}

// Process is the running (or last) process of container name of the pod,
// for the views (what it runs, its ports, its files); nil when the pod or
// the container is unknown or the container has not started.
func (k *Kubelet) Process(uid types.UID, name string) *program.Program {
	pr := k.pods[uid]
	if pr == nil {
		return nil
	}
	for _, cr := range pr.all {
		if cr.spec.Name != name || !cr.started {
			continue
		}
		if cr.prog == nil {
			// An idle server: starting it now, at its start, gives what
			// it would have been all along.
			cr.prog = program.Start(program.SpecOf(cr.spec, pr.volumes, pr.pod.Name, ipString(pr.ip)), cr.runStart)
		}
		return cr.prog
	}
	return nil
}

// probe runs the container's due probes at now; until is when the pod's
// processes may next change what they answer. It reports whether a
// liveness or startup failure killed the container.
func (k *Kubelet) probe(pr *podRuntime, cr *containerRuntime, now, until time.Time) bool {
	asked, failed := false, false
	answer := func(kd prober.Kind) prober.Answer {
		asked = true
		ok, out := cr.prog.ProbeAnswer(probeOf(cr.spec, kd), now)
		if !ok {
			failed = true
			return prober.Answer{Result: prober.Failure, Output: out}
		}
		return prober.Answer{Result: prober.Success}
	}
	if cr.failing {
		// Every failed run is an Unhealthy event: a failing probe is woken
		// at each of its ticks (the prober asks afresh when until moves).
		until = now
	}
	out := cr.probes.Advance(now, until, answer)
	if asked {
		if failed && !cr.failing {
			cr.failing = true
			more := cr.probes.Advance(now, now, answer)
			out.Events = append(out.Events, more.Events...)
		} else {
			cr.failing = failed
		}
	}
	k.unhealthy(pr, cr, out.Events)
	k.unhealthy(pr, cr, cr.probes.Unhealthy(now))
	if !out.Kill {
		return false
	}
	k.event(pr, sourceKubelet, eventNormal, reasonKilling, out.KillMessage)
	// The runtime stops the process: a server exits on SIGTERM (143, as
	// containerd reports a process killed by a signal: 128+15); a PID 1
	// that ignores it is killed at the end of the grace period (137).
	code := int32(143)
	if cr.term.ignoresSIGTERM {
		code = 137
	}
	cr.prog.Kill(int(code))
	k.exited(pr, cr, code)
	return true
}

type streakKey struct {
	kind  prober.Kind
	first time.Time
	msg   string
}

// unhealthy records the Unhealthy events of a container's probes that the
// recorder has not seen yet: each failed run is one occurrence, which the
// recorder aggregates as upstream's does.
func (k *Kubelet) unhealthy(pr *podRuntime, cr *containerRuntime, evs []prober.Event) {
	for _, e := range evs {
		key := streakKey{e.Kind, e.First, e.Message}
		if cr.reported == nil {
			cr.reported = map[streakKey]int{}
		}
		n := min(e.Count-cr.reported[key], 1000)
		for range n {
			k.event(pr, sourceKubelet, eventWarning, prober.ReasonUnhealthy, e.Message)
		}
		cr.reported[key] = e.Count
		if len(cr.reported) > 16 {
			// Old streaks are complete: only the open ones can grow.
			for old := range cr.reported {
				if old != key {
					delete(cr.reported, old)
				}
			}
		}
	}
}

// scheduleWake sets the pod's one wake-up timer to at (zero: none).
func (k *Kubelet) scheduleWake(pr *podRuntime, at time.Time) {
	if at.IsZero() {
		pr.wake.Stop()
		pr.wake = nil
		return
	}
	d := at.Sub(clock.Epoch)
	if pr.wake.Pending(d) {
		return
	}
	pr.wake.Stop()
	pr.wake = k.clock.AtFunc(d, func() {
		if k.pods[pr.pod.UID] == pr && !pr.dying {
			pr.wake = nil
			if k.step(pr) {
				k.writeStatus(pr)
			}
		}
	})
}

func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}
