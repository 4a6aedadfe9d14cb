// Package prober is the kubelet's probe workers (startup, liveness,
// readiness) as a pure state machine on the virtual clock, with upstream's
// semantics (kubernetes/kubernetes pkg/kubelet/prober: worker.go doProbe,
// prober.go runProbe, prober_manager.go UpdatePodStatus) and one addition
// upstream does not need: a worker says when it next needs waking, and
// "never" when the answers it is given cannot change what it reports.
//
// A worker does not run probes itself: at a due tick it asks its caller for
// the answer (the container behaviour model answers exec, httpGet,
// tcpSocket and grpc), together with the instant until which that answer
// cannot change. Ticks that would only repeat the same answer are skipped
// and accounted for in closed form when the worker is next woken, so a
// probe whose answer is stable costs no wake-ups however long it runs.
package prober

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// Kind is the probe type. Its String is the word upstream puts in events
// ("Liveness probe failed: …").
type Kind uint8

const (
	Startup Kind = iota
	Liveness
	Readiness
)

func (k Kind) String() string {
	switch k {
	case Startup:
		return "Startup"
	case Liveness:
		return "Liveness"
	}
	return "Readiness"
}

// Result is a probe result as the kubelet's results managers hold it.
type Result uint8

const (
	Unknown Result = iota
	Success
	Failure
)

func (r Result) String() string {
	switch r {
	case Success:
		return "Success"
	case Failure:
		return "Failure"
	}
	return "Unknown"
}

// Answer is one probe run's outcome. Output is what upstream's prober puts
// after "probe failed: " ("HTTP probe failed with statuscode: 500", an exec
// command's output, "dial tcp 10.244.0.5:8080: connect: connection
// refused").
type Answer struct {
	Result Result // Success or Failure (upstream folds Unknown and errors into Failure)
	Output string
}

// Spec is a probe's timing, defaulted as the API server does (period 10 s,
// timeout 1 s, success and failure thresholds 1 and 3).
type Spec struct {
	InitialDelay     time.Duration
	Period           time.Duration
	Timeout          time.Duration
	SuccessThreshold int
	FailureThreshold int
}

// SpecOf reads a probe's timing, applying the API's defaults to unset
// (zero) fields and keeping every period at least a second so that a
// hostile value cannot make a worker spin.
func SpecOf(p *corev1.Probe) Spec {
	s := Spec{
		InitialDelay:     time.Duration(max(p.InitialDelaySeconds, 0)) * time.Second,
		Period:           time.Duration(p.PeriodSeconds) * time.Second,
		Timeout:          time.Duration(p.TimeoutSeconds) * time.Second,
		SuccessThreshold: int(p.SuccessThreshold),
		FailureThreshold: int(p.FailureThreshold),
	}
	if s.Period < time.Second {
		s.Period = 10 * time.Second
	}
	if s.Timeout < time.Second {
		s.Timeout = time.Second
	}
	if s.SuccessThreshold < 1 {
		s.SuccessThreshold = 1
	}
	if s.FailureThreshold < 1 {
		s.FailureThreshold = 3
	}
	return s
}

// Event is an Unhealthy event as upstream's event recorder would have
// aggregated it: the same message Count times, from First to Last.
type Event struct {
	Kind    Kind
	Reason  string // "Unhealthy"
	Message string // "Liveness probe failed: HTTP probe failed with statuscode: 500"
	Count   int
	First   time.Time
	Last    time.Time
}

// ReasonUnhealthy is upstream's events.ContainerUnhealthy.
const ReasonUnhealthy = "Unhealthy"

// KillMessage is the Killing event's message when a liveness or startup
// probe fails (kuberuntime computePodActions: "Container %s failed liveness
// probe", ", will be restarted" unless the pod's restartPolicy is Never).
func KillMessage(container string, k Kind, willRestart bool) string {
	m := fmt.Sprintf("Container %s failed %s probe", container, map[Kind]string{Startup: "startup", Liveness: "liveness"}[k])
	if willRestart {
		m += ", will be restarted"
	}
	return m
}

// worker is one probe of one container (upstream's worker struct).
type worker struct {
	kind Kind
	spec Spec

	result     Result // what the results manager holds
	lastResult Result
	run        int // resultRun, capped at the larger threshold
	onHold     bool

	origin   time.Time // ticks are origin + k·period
	lastTick time.Time // the latest tick accounted for (zero: none yet)

	// The answer last seen and the instant until which it holds (zero:
	// until the caller says otherwise).
	known  bool
	answer Answer
	until  time.Time

	// The current streak of failed runs with the same output, reported
	// lazily as one aggregated Unhealthy event.
	streak Event
}

func newWorker(k Kind, s Spec) *worker {
	return &worker{kind: k, spec: s, result: initial(k)}
}

// initial is the value a worker sets for a new container (newWorker):
// readiness starts failed, liveness succeeded, startup unknown.
func initial(k Kind) Result {
	switch k {
	case Readiness:
		return Failure
	case Liveness:
		return Success
	}
	return Unknown
}

// Container is the probe workers of one container instance after
// instance: Start when a container starts running, Stop when it exits or
// is killed. Its Started and Ready are the container status's started and
// ready fields (prober_manager.go UpdatePodStatus).
type Container struct {
	name        string
	willRestart bool
	w           [3]*worker // by Kind; nil when the container has no such probe

	running   bool
	startedAt time.Time
	started   bool
}

// New makes the workers for c's probes. willRestart is whether a failed
// liveness or startup probe restarts the container (the pod's
// restartPolicy is not Never, or c is a sidecar).
func New(c *corev1.Container, willRestart bool) *Container {
	ct := &Container{name: c.Name, willRestart: willRestart}
	for k, p := range [3]*corev1.Probe{Startup: c.StartupProbe, Liveness: c.LivenessProbe, Readiness: c.ReadinessProbe} {
		if p != nil {
			ct.w[k] = newWorker(Kind(k), SpecOf(p))
		}
	}
	return ct
}

// Has reports whether the container has a probe of kind k.
func (c *Container) Has(k Kind) bool { return c.w[k] != nil }

// Started is the container status's started field: running, and its
// startup probe (if any) has succeeded.
func (c *Container) Started() bool { return c.started }

// Ready is the container status's ready field: started, and its readiness
// probe (if any) has succeeded.
func (c *Container) Ready() bool {
	if !c.started {
		return false
	}
	r := c.w[Readiness]
	return r == nil || r.result == Success
}

// Result is what the kubelet's results manager holds for the probe of
// kind k (Unknown when the container has none).
func (c *Container) Result(k Kind) Result {
	if c.w[k] == nil {
		return Unknown
	}
	return c.w[k].result
}

// Outcome is what an Advance changed.
type Outcome struct {
	// Events are Unhealthy events that are complete (the failing streak
	// ended or its message changed); the open streak is read with
	// Unhealthy.
	Events []Event
	// Kill is set when a liveness or startup probe's failure reached its
	// threshold: the kubelet kills the container with a Killing event
	// carrying KillMessage (and restarts it if willRestart).
	Kill        bool
	KillKind    Kind
	KillMessage string
	// StartedChanged and ReadyChanged say whether Started or Ready changed.
	StartedChanged bool
	ReadyChanged   bool
}

// Start records that a new instance of the container started running at
// at: each worker takes its initial value and resumes probing (a new
// container ID ends a hold). Probes tick from at; the readiness probe runs
// at once when the container counts as started (upstream's manual trigger
// from UpdatePodStatus), then every period.
func (c *Container) Start(at time.Time) {
	c.running, c.startedAt = true, at
	for _, w := range c.w {
		if w != nil {
			w.result, w.onHold, w.known = initial(w.kind), false, false
			// Upstream's ticker phase is the worker's creation plus
			// jitter, which a viewer cannot see; podviz starts the ticks
			// at the end of the initial delay so the first probe runs
			// exactly initialDelaySeconds after the start, as the docs
			// tell it.
			w.setOrigin(at.Add(w.spec.InitialDelay))
		}
	}
	c.started = c.w[Startup] == nil
}

// Stop records that the container stopped running at at: every worker
// reports failure (doProbe on a non-running container) and open Unhealthy
// streaks are complete.
func (c *Container) Stop(at time.Time) []Event {
	var evs []Event
	for _, w := range c.w {
		if w != nil {
			w.catchUp(c, at)
			if w.streak.Count > 0 {
				evs = append(evs, w.streak)
				w.streak = Event{}
			}
			w.result = Failure
		}
	}
	c.running, c.started = false, false
	return evs
}

// Forget drops the answers the workers remember: what the container
// answers may have changed before the instant its caller last gave
// (kubectl exec changed its files), so each worker asks afresh at its next
// tick. Call it after an Advance to now, so the ticks before now are
// accounted for with the answers that held then.
func (c *Container) Forget() {
	for _, w := range c.w {
		if w != nil {
			w.known = false
		}
	}
}

// Advance brings the workers to now: ticks since the last Advance are
// accounted for with the answers they were given, and a worker due at now
// asks answer for a fresh one. until is the instant up to which answers
// cannot change (zero: until the caller says otherwise by calling Advance
// again); a worker that would only repeat itself before then sleeps.
func (c *Container) Advance(now, until time.Time, answer func(Kind) Answer) Outcome {
	var out Outcome
	wasStarted, wasReady := c.started, c.Ready()
	for k, w := range c.w {
		if w == nil {
			continue
		}
		if !c.running {
			continue
		}
		w.catchUp(c, now)
		// Ticks before now that catchUp could not account for ran while
		// the probe was gated, on hold or without a known answer: doProbe
		// returned early at them.
		if k := w.firstTick(w.lastTick, time.Time{}); k.Before(now) {
			w.lastTick = k.Add((now.Sub(k) - 1) / w.spec.Period * w.spec.Period)
		}
		if w.until != until {
			w.known = false // the caller's view of the answers moved on
		}
		if w.dueAt(c, now) {
			a := answer(Kind(k))
			w.known, w.answer, w.until = true, a, until
			w.apply(c, now, a, &out)
		}
		if Kind(k) == Startup && !c.started && w.result == Success {
			c.started = true
			if r := c.w[Readiness]; r != nil && r.result != Success {
				// UpdatePodStatus triggers the readiness worker when the
				// container is started but not ready; the worker's ticker
				// restarts from the manual run.
				r.setOrigin(latest(now, r.eligibleFrom(c)))
			}
		}
	}
	out.StartedChanged = c.started != wasStarted
	out.ReadyChanged = c.Ready() != wasReady
	return out
}

// Next is the earliest instant at which some worker needs waking: a tick
// at which its reported result would change given the answer it last saw,
// or the first tick at or after that answer's until. Zero means never:
// nothing the workers report can change until the caller's next Advance.
func (c *Container) Next() time.Time {
	var next time.Time
	if !c.running {
		return next
	}
	for _, w := range c.w {
		if w == nil {
			continue
		}
		if t := w.next(c); !t.IsZero() && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	return next
}

// Unhealthy is the open failing streak of each worker as of now, counted
// as upstream's event recorder would have aggregated one Unhealthy event
// per failed run, including the runs skipped since the last Advance.
func (c *Container) Unhealthy(now time.Time) []Event {
	var evs []Event
	for _, w := range c.w {
		if w == nil || w.streak.Count == 0 {
			continue
		}
		e := w.streak
		if c.running && w.known && w.answer.Result != Success && w.streak.Message == message(w.kind, w.answer) {
			if n, last := w.ticksIn(c, w.lastTick, now, true); n > 0 {
				e.Count += n
				e.Last = last
			}
		}
		evs = append(evs, e)
	}
	return evs
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// maxTicks keeps tick arithmetic inside time.Duration: a threshold times
// a period beyond it is as good as never.
func (w *worker) ticksFit(n int) bool {
	return n <= int((1<<62)/int64(w.spec.Period))
}

func message(k Kind, a Answer) string { return k.String() + " probe failed: " + a.Output }

func (w *worker) setOrigin(at time.Time) {
	w.origin = at
	w.lastTick = at.Add(-w.spec.Period)
}

// gated is doProbe's startup gating: a startup probe stops once the
// container has started; the others wait for it.
func (w *worker) gated(c *Container) bool {
	if w.kind == Startup {
		return c.started
	}
	return !c.started
}

// firstTick is the first tick strictly after after and at or after
// notBefore.
func (w *worker) firstTick(after, notBefore time.Time) time.Time {
	from := after.Add(1)
	if notBefore.After(from) {
		from = notBefore
	}
	d := from.Sub(w.origin)
	if d <= 0 {
		return w.origin
	}
	k := (d + w.spec.Period - 1) / w.spec.Period
	return w.origin.Add(k * w.spec.Period)
}

// eligibleFrom is the first instant a probe may run: doProbe skips while
// int32(seconds since start) < initialDelaySeconds.
func (w *worker) eligibleFrom(c *Container) time.Time {
	return c.startedAt.Add(w.spec.InitialDelay)
}

func (w *worker) dueAt(c *Container, now time.Time) bool {
	if w.onHold || w.gated(c) || now.Before(w.eligibleFrom(c)) || !now.After(w.lastTick) {
		return false
	}
	return now.Sub(w.origin)%w.spec.Period == 0
}

// ticksIn counts the eligible ticks in (from, to) — or (from, to] with
// inclusive — and returns the last of them.
func (w *worker) ticksIn(c *Container, from, to time.Time, inclusive bool) (int, time.Time) {
	if w.onHold || w.gated(c) {
		return 0, time.Time{}
	}
	first := w.firstTick(from, w.eligibleFrom(c))
	if first.After(to) || (!inclusive && !first.Before(to)) {
		return 0, time.Time{}
	}
	n := int(to.Sub(first)/w.spec.Period) + 1
	last := first.Add(time.Duration(n-1) * w.spec.Period)
	if !inclusive && !last.Before(to) {
		n--
		last = last.Add(-w.spec.Period)
	}
	return n, last
}

// catchUp accounts for the ticks in (lastTick, now) with the remembered
// answer, in O(1): at most one of them can change the reported result.
func (w *worker) catchUp(c *Container, now time.Time) {
	if !w.known {
		return
	}
	n, last := w.ticksIn(c, w.lastTick, now, false)
	if n == 0 {
		return
	}
	first := last.Add(-time.Duration(n-1) * w.spec.Period)
	res := w.answer.Result
	if res != Success {
		res = Failure
	}
	if w.result != res {
		need := w.threshold(res)
		if res == w.lastResult {
			need -= w.run
		}
		if need >= 1 && need <= n {
			w.bulk(res, need-1, first)
			at := first.Add(time.Duration(need-1) * w.spec.Period)
			var ignored Outcome
			w.apply(c, at, w.answer, &ignored)
			if rest := n - need; rest > 0 && !w.onHold {
				w.bulk(res, rest, at.Add(w.spec.Period))
			}
			w.lastTick = last
			return
		}
	}
	w.bulk(res, n, first)
	w.lastTick = last
}

// bulk applies n runs with result res, none of which changes the reported
// result, the first at first.
func (w *worker) bulk(res Result, n int, first time.Time) {
	if n <= 0 {
		return
	}
	if res == w.lastResult {
		w.run = min(w.run+n, w.capRun())
	} else {
		w.lastResult, w.run = res, min(n, w.capRun())
	}
	if res == Failure {
		last := first.Add(time.Duration(n-1) * w.spec.Period)
		w.extendStreak(message(w.kind, w.answer), first, last, n, nil)
	}
}

func (w *worker) threshold(r Result) int {
	if r == Success {
		return w.spec.SuccessThreshold
	}
	return w.spec.FailureThreshold
}

func (w *worker) capRun() int { return max(w.spec.SuccessThreshold, w.spec.FailureThreshold) }

func (w *worker) extendStreak(msg string, first, last time.Time, n int, out *Outcome) {
	if w.streak.Count > 0 && w.streak.Message != msg {
		if out != nil {
			out.Events = append(out.Events, w.streak)
		}
		w.streak = Event{}
	}
	if w.streak.Count == 0 {
		w.streak = Event{Kind: w.kind, Reason: ReasonUnhealthy, Message: msg, First: first}
	}
	w.streak.Count += n
	w.streak.Last = last
}

// apply is one probe run at at (doProbe after the probe returned).
func (w *worker) apply(c *Container, at time.Time, a Answer, out *Outcome) {
	w.lastTick = at
	res := a.Result
	if res != Success {
		res = Failure
		// prober.go runProbe records an Unhealthy event for every failed run.
		w.extendStreak(message(w.kind, a), at, at, 1, out)
	} else if w.streak.Count > 0 {
		out.Events = append(out.Events, w.streak)
		w.streak = Event{}
	}
	if res == w.lastResult {
		w.run = min(w.run+1, w.capRun())
	} else {
		w.lastResult, w.run = res, 1
	}
	if w.run < w.threshold(res) {
		return
	}
	changed := w.result != res
	w.result = res
	if (w.kind == Liveness && res == Failure) || w.kind == Startup {
		w.onHold, w.run = true, 0
	}
	if changed && res == Failure && w.kind != Readiness {
		out.Kill, out.KillKind = true, w.kind
		out.KillMessage = KillMessage(c.name, w.kind, c.willRestart)
	}
}

// next is the worker's next wake-up (see Container.Next).
func (w *worker) next(c *Container) time.Time {
	if w.onHold || w.gated(c) {
		return time.Time{}
	}
	te := w.firstTick(w.lastTick, w.eligibleFrom(c))
	if !w.known {
		return te
	}
	var tu time.Time
	if !w.until.IsZero() {
		tu = w.firstTick(w.lastTick, w.until)
		if w.until.Before(te) {
			tu = te
		}
	}
	res := w.answer.Result
	if res != Success {
		res = Failure
	}
	var tc time.Time
	if w.result != res {
		need := w.threshold(res)
		if res == w.lastResult {
			need -= w.run
		}
		need = max(need, 1)
		if !w.ticksFit(need) {
			return tu
		}
		tc = te.Add(time.Duration(need-1) * w.spec.Period)
	}
	switch {
	case tc.IsZero():
		return tu
	case tu.IsZero() || tc.Before(tu):
		return tc
	}
	return tu
}
