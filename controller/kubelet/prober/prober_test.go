package prober

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func sec(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }

// world answers probes as a function of time, with the instant until which
// the answer holds (zero: forever).
type world func(k Kind, at time.Time) (Answer, time.Time)

// podWide asks a world for the instant until which every answer holds.
const podWide Kind = 99

type trace struct {
	wakes  []time.Time
	kills  []string
	killAt []time.Time
	ready  []string // "12s ready" / "12s unready"
	events []Event
}

// drive runs c from its start to end the way the kubelet will: wake at
// c.Next(), Advance with fresh answers, stop on a kill.
func drive(t *testing.T, c *Container, start, end time.Time, w world) trace {
	t.Helper()
	var tr trace
	c.Start(start)
	now := start
	for range 10000 {
		_, until := w(podWide, now)
		out := c.Advance(now, until, func(k Kind) Answer { a, _ := w(k, now); return a })
		tr.events = append(tr.events, out.Events...)
		if out.ReadyChanged {
			tr.ready = append(tr.ready, fmt.Sprintf("%gs %v", now.Sub(t0).Seconds(), map[bool]string{true: "ready", false: "unready"}[c.Ready()]))
		}
		if out.Kill {
			tr.kills = append(tr.kills, out.KillMessage)
			tr.killAt = append(tr.killAt, now)
			tr.events = append(tr.events, c.Stop(now)...)
			return tr
		}
		next := c.Next()
		if next.IsZero() || next.After(end) {
			tr.events = append(tr.events, c.Unhealthy(end)...)
			return tr
		}
		if !next.After(now) {
			t.Fatalf("Next %v does not move past %v", next, now)
		}
		now = next
		tr.wakes = append(tr.wakes, now)
	}
	t.Fatal("no end in sight")
	return tr
}

func secs(ts []time.Time) string {
	var b []string
	for _, t := range ts {
		b = append(b, fmt.Sprintf("%gs", t.Sub(t0).Seconds()))
	}
	return strings.Join(b, " ")
}

// pods/probe/http-liveness.yaml: agnhost liveness answers /healthz 200 for
// its first 10 seconds, then 500 (test/images/agnhost/liveness/server.go:
// "if duration.Seconds() > 10"). With initialDelaySeconds 3 and
// periodSeconds 3 the kubelet probes at 3, 6, 9 (200), 12, 15, 18 (500);
// the third failure (failureThreshold 3) kills the container at 18 s. The
// docs: "After 10 seconds, ... the container has been restarted".
func TestHTTPLivenessDocsExample(t *testing.T) {
	c := New(&corev1.Container{Name: "liveness", LivenessProbe: &corev1.Probe{
		ProbeHandler:        corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstr.FromInt32(8080)}},
		InitialDelaySeconds: 3, PeriodSeconds: 3}}, true)
	agnhost := func(k Kind, at time.Time) (Answer, time.Time) {
		turn := sec(10).Add(1) // the first instant with duration.Seconds() > 10
		if at.Before(turn) {
			return Answer{Result: Success, Output: "ok"}, turn
		}
		return Answer{Result: Failure, Output: "HTTP probe failed with statuscode: 500"}, time.Time{}
	}
	tr := drive(t, c, t0, sec(600), agnhost)
	if got := secs(tr.killAt); got != "18s" {
		t.Fatalf("killed at %s, want 18s", got)
	}
	if want := "Container liveness failed liveness probe, will be restarted"; len(tr.kills) != 1 || tr.kills[0] != want {
		t.Errorf("kill message %q, want %q", tr.kills, want)
	}
	if len(tr.events) != 1 {
		t.Fatalf("events %+v, want one aggregated Unhealthy", tr.events)
	}
	e := tr.events[0]
	if e.Reason != "Unhealthy" || e.Message != "Liveness probe failed: HTTP probe failed with statuscode: 500" || e.Count != 3 || !e.First.Equal(sec(12)) || !e.Last.Equal(sec(18)) {
		t.Errorf("event %+v, want Unhealthy ×3 from 12s to 18s", e)
	}
	// Probes whose answer cannot change cost nothing: the worker wakes at
	// the first probe (3s, to learn the answer), when the answer turns
	// (12s) and when the threshold is reached (18s).
	if got := secs(tr.wakes); got != "3s 12s 18s" {
		t.Errorf("wake-ups %s, want 3s 12s 18s", got)
	}
	if c.Started() || c.Ready() {
		t.Errorf("killed container still started/ready")
	}
	// The restarted container starts over: liveness holds again.
	c.Start(sec(19))
	if c.Result(Liveness) != Success || !c.Started() || !c.Ready() {
		t.Errorf("restarted container: liveness %v started %v ready %v", c.Result(Liveness), c.Started(), c.Ready())
	}
}

// pods/probe/tcp-liveness-readiness.yaml: goproxy listens on 8080 at once;
// both probes wait initialDelaySeconds 15 and repeat every 10 s. The docs:
// "The kubelet will send the first readiness probe 15 seconds after the
// container starts ... the kubelet will run the first liveness probe 15
// seconds after the container starts". The container is unready until
// then, ready from 15 s, and never wakes the clock again.
func TestTCPLivenessReadinessDocsExample(t *testing.T) {
	tcp := &corev1.Probe{ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(8080)}},
		InitialDelaySeconds: 15, PeriodSeconds: 10}
	c := New(&corev1.Container{Name: "goproxy", ReadinessProbe: tcp, LivenessProbe: tcp}, true)
	open := func(Kind, time.Time) (Answer, time.Time) { return Answer{Result: Success}, time.Time{} }
	tr := drive(t, c, t0, sec(3600), open)
	if got := strings.Join(tr.ready, ", "); got != "15s ready" {
		t.Errorf("readiness %s, want 15s ready", got)
	}
	if got := secs(tr.wakes); got != "15s" {
		t.Errorf("wake-ups %s, want only 15s", got)
	}
	if len(tr.kills) != 0 || len(tr.events) != 0 {
		t.Errorf("kills %v events %v on a healthy container", tr.kills, tr.events)
	}
}

// A readiness probe that never succeeds: the container stays unready, is
// never killed, and after its first answer costs no wake-ups; the
// Unhealthy event still counts every period, lazily.
func TestFailingReadinessIsFreeAndCounted(t *testing.T) {
	c := New(&corev1.Container{Name: "app", ReadinessProbe: &corev1.Probe{
		ProbeHandler:  corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/ready", Port: intstr.FromInt32(80)}},
		PeriodSeconds: 5}}, true)
	refused := func(Kind, time.Time) (Answer, time.Time) {
		return Answer{Result: Failure, Output: `Get "http://10.244.0.7:80/ready": dial tcp 10.244.0.7:80: connect: connection refused`}, time.Time{}
	}
	tr := drive(t, c, t0, sec(60), refused)
	if len(tr.wakes) != 0 || len(tr.ready) != 0 || len(tr.kills) != 0 {
		t.Errorf("wakes %v ready %v kills %v", secs(tr.wakes), tr.ready, tr.kills)
	}
	if len(tr.events) != 1 || tr.events[0].Count != 13 || !tr.events[0].Last.Equal(sec(60)) ||
		!strings.HasPrefix(tr.events[0].Message, "Readiness probe failed: Get ") {
		t.Errorf("events %+v, want one Unhealthy ×13 (0s…60s every 5s)", tr.events)
	}
}

// pods/multi-container/startup-coordination.yaml: the config-sidecar's
// startup probe (exec test -f /config/app.conf, periodSeconds 2) succeeds
// at its first run because the sidecar writes the file at once; only then
// does the container count as started (and the kubelet starts main-app).
func TestStartupGatesLivenessAndReadiness(t *testing.T) {
	c := New(&corev1.Container{Name: "config-sidecar",
		StartupProbe:   &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"test", "-f", "/config/app.conf"}}}, PeriodSeconds: 2},
		ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}}, PeriodSeconds: 10}}, true)
	c.Start(t0)
	if c.Started() {
		t.Fatal("started before the startup probe ran")
	}
	asked := map[Kind]int{}
	out := c.Advance(t0, time.Time{}, func(k Kind) Answer { asked[k]++; return Answer{Result: Success} })
	if !c.Started() || !c.Ready() || !out.StartedChanged || !out.ReadyChanged {
		t.Errorf("after a successful startup probe: started %v ready %v (%+v)", c.Started(), c.Ready(), out)
	}
	if asked[Startup] != 1 || asked[Readiness] != 1 {
		t.Errorf("probes run %v, want startup then readiness at once (manual trigger)", asked)
	}
	if !c.Next().IsZero() {
		t.Errorf("Next %v, want never", c.Next())
	}

	// A startup probe that keeps failing kills after failureThreshold runs
	// (6 s, periods 2, threshold 3: at 0, 2, 4), and liveness never ran.
	c = New(&corev1.Container{Name: "slow",
		StartupProbe:  &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"cat", "/tmp/ready"}}}, PeriodSeconds: 2},
		LivenessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}}}}, false)
	tr := drive(t, c, t0, sec(100), func(k Kind, _ time.Time) (Answer, time.Time) {
		if k == Liveness {
			t.Error("liveness probed before the container started")
		}
		return Answer{Result: Failure, Output: "cat: can't open '/tmp/ready': No such file or directory"}, time.Time{}
	})
	if secs(tr.killAt) != "4s" || tr.kills[0] != "Container slow failed startup probe" {
		t.Errorf("killed at %s with %q, want 4s, no restart under restartPolicy Never", secs(tr.killAt), tr.kills)
	}
}

// successThreshold: readiness needs that many successes in a row.
func TestSuccessThreshold(t *testing.T) {
	c := New(&corev1.Container{Name: "app", ReadinessProbe: &corev1.Probe{
		ProbeHandler:  corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(80)}},
		PeriodSeconds: 4, SuccessThreshold: 3}}, true)
	tr := drive(t, c, t0, sec(100), func(Kind, time.Time) (Answer, time.Time) { return Answer{Result: Success}, time.Time{} })
	if got := strings.Join(tr.ready, ", "); got != "8s ready" {
		t.Errorf("ready %s, want 8s ready (runs at 0, 4, 8)", got)
	}
}

// The closed-form catch-up agrees with running every tick: for random
// specs and answer timelines, a worker woken only at Next reports the same
// results, kills and event counts as one woken at every second.
func TestLazyEqualsEager(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		probe := func() *corev1.Probe {
			if r.IntN(3) == 0 {
				return nil
			}
			return &corev1.Probe{InitialDelaySeconds: int32(r.IntN(5)), PeriodSeconds: int32(1 + r.IntN(5)),
				SuccessThreshold: int32(1 + r.IntN(3)), FailureThreshold: int32(1 + r.IntN(4))}
		}
		ctr := &corev1.Container{Name: "c", StartupProbe: probe(), LivenessProbe: probe(), ReadinessProbe: probe()}
		// Answers switch at a few random whole seconds.
		var flips [3][]int
		for k := range flips {
			at := 0
			for range 4 {
				at += 1 + r.IntN(15)
				flips[k] = append(flips[k], at)
			}
		}
		w := func(k Kind, at time.Time) (Answer, time.Time) {
			s := at.Sub(t0)
			res, until := Success, time.Time{}
			for j, f := range flips[k] {
				if s < time.Duration(f)*time.Second {
					until = sec(float64(f))
					break
				}
				if j%2 == 0 {
					res = Failure
				} else {
					res = Success
				}
			}
			if res == Failure {
				return Answer{Result: Failure, Output: "nope"}, until
			}
			return Answer{Result: Success}, until
		}
		// The caller's until must be the earliest change of any answer.
		pod := func(at time.Time) time.Time {
			var u time.Time
			for k := range 3 {
				if _, uk := w(Kind(k), at); !uk.IsZero() && (u.IsZero() || uk.Before(u)) {
					u = uk
				}
			}
			return u
		}
		lazy := New(ctr, true)
		tr := drive(t, lazy, t0, sec(80), func(k Kind, at time.Time) (Answer, time.Time) {
			if k == podWide {
				return Answer{}, pod(at)
			}
			a, _ := w(k, at)
			return a, time.Time{}
		})
		eager := New(ctr, true)
		eager.Start(t0)
		var kills []time.Time
		var evs []Event
		var readyAt []string
		for s := 0; s <= 80; s++ {
			now := sec(float64(s))
			out := eager.Advance(now, time.Time{}, func(k Kind) Answer { a, _ := w(k, now); return a })
			eager.w[0], eager.w[1], eager.w[2] = forget(eager.w[0]), forget(eager.w[1]), forget(eager.w[2])
			evs = append(evs, out.Events...)
			if out.ReadyChanged {
				readyAt = append(readyAt, fmt.Sprintf("%gs %v", now.Sub(t0).Seconds(), map[bool]string{true: "ready", false: "unready"}[eager.Ready()]))
			}
			if out.Kill {
				kills = append(kills, now)
				evs = append(evs, eager.Stop(now)...)
				break
			}
		}
		if len(kills) == 0 {
			evs = append(evs, eager.Unhealthy(sec(80))...)
		}
		if secs(kills) != secs(tr.killAt) || strings.Join(readyAt, ",") != strings.Join(tr.ready, ",") || fmt.Sprint(counts(evs)) != fmt.Sprint(counts(tr.events)) {
			t.Fatalf("case %d (%+v %+v %+v, flips %v): eager kills %s ready %v events %v; lazy kills %s ready %v events %v",
				i, ctr.StartupProbe, ctr.LivenessProbe, ctr.ReadinessProbe, flips, secs(kills), readyAt, counts(evs), secs(tr.killAt), tr.ready, counts(tr.events))
		}
	}
}

// forget drops the remembered answer so every tick asks afresh.
func forget(w *worker) *worker {
	if w != nil {
		w.known = false
	}
	return w
}

func counts(evs []Event) []string {
	var s []string
	for _, e := range evs {
		s = append(s, fmt.Sprintf("%v×%d@%g-%g", e.Kind, e.Count, e.First.Sub(t0).Seconds(), e.Last.Sub(t0).Seconds()))
	}
	return s
}

func TestSpecOfDefaultsAndHostileValues(t *testing.T) {
	s := SpecOf(&corev1.Probe{})
	if s.Period != 10*time.Second || s.Timeout != time.Second || s.SuccessThreshold != 1 || s.FailureThreshold != 3 {
		t.Errorf("defaults %+v", s)
	}
	c := New(&corev1.Container{Name: "x", LivenessProbe: &corev1.Probe{PeriodSeconds: 1 << 30, FailureThreshold: 1 << 30, InitialDelaySeconds: 1 << 30}}, true)
	c.Start(t0)
	c.Advance(sec(1), time.Time{}, func(Kind) Answer { return Answer{Result: Failure} })
	_ = c.Next() // must not overflow or panic
}

func BenchmarkIdleAdvance(b *testing.B) {
	c := New(&corev1.Container{Name: "app", ReadinessProbe: &corev1.Probe{
		ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromInt32(80)}}, PeriodSeconds: 10}}, true)
	c.Start(t0)
	ok := func(Kind) Answer { return Answer{Result: Success} }
	c.Advance(t0, time.Time{}, ok)
	now := t0
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(time.Second)
		c.Advance(now, time.Time{}, ok)
		_ = c.Next()
	}
}
