package program

import (
	"strings"
	"testing"
	"time"
)

// A loop whose turns take no virtual time and change nothing it can read
// spins: the container is Running with no wake-up, and the shortcut that
// spends the step budget in O(1) leaves the process exactly where
// interpreting every step leaves it (same log, same files, same place in
// the script when a file it waits on appears).
func TestSpinningLoop_SameAsEveryStep(t *testing.T) {
	for _, script := range []string{
		"while true; do :; done",
		"while :; do true; done; echo never",
		"until [ -f /data/go ]; do :; done; echo went",
		"while true; do echo spin; done",
		"touch /data/f; while true; do echo x >> /data/f; printf ab; done",
		"for i in 1 2; do while true; do echo $i >> /data/f; done; done",
		"while true; do date >> /data/d; [ -d /data ] && echo yes; done",
		"touch /data/f; while true; do echo a >> /data/f; echo tick; echo b >> /data/f; echo tock; done",
	} {
		t.Run(script, func(t *testing.T) {
			fast, slow := spinPair(script)
			for _, s := range []float64{0, 1, 30} {
				fs, ss := fast.Advance(at(s)), slow.Advance(at(s))
				if fs != ss {
					t.Fatalf("at %vs: status %+v, every step %+v", s, fs, ss)
				}
				if fs.Exited || !fs.Next.IsZero() {
					t.Fatalf("at %vs: %+v, want running with no wake-up", s, fs)
				}
			}
			if fast.sh.steps != slow.sh.steps || fast.sh.pc != slow.sh.pc || !fast.sh.busy || !slow.sh.busy {
				t.Errorf("stopped after %d steps at %d (busy %v), every step after %d at %d (busy %v)",
					fast.sh.steps, fast.sh.pc, fast.sh.busy, slow.sh.steps, slow.sh.pc, slow.sh.busy)
			}
			sameProcess(t, fast, slow)
			if w := fast.Warnings(); len(w) != 1 || !strings.Contains(w[0], "never sleeps") {
				t.Errorf("warnings %q", w)
			}
			// A file appearing wakes it: both go on alike.
			for _, p := range []*Program{fast, slow} {
				_ = p.fs.write("/data/go", nil, false)
			}
			if fs, ss := fast.Advance(at(31)), slow.Advance(at(31)); fs != ss {
				t.Fatalf("after the file: %+v, every step %+v", fs, ss)
			}
			sameProcess(t, fast, slow)
		})
	}
}

func spinPair(script string) (fast, slow *Program) {
	spec := func() Spec {
		return Spec{Image: "busybox", Command: []string{"sh", "-c", script}, Mounts: []Mount{{Path: "/data", Volume: NewVolume("data")}}}
	}
	fast = Start(spec(), t0)
	slow = Start(spec(), t0)
	slow.everyStep = true
	return fast, slow
}

func sameProcess(t *testing.T, fast, slow *Program) {
	t.Helper()
	if f, s := strings.Join(fast.Logs(), "\n"), strings.Join(slow.Logs(), "\n"); f != s {
		t.Errorf("logs differ:\n%.300q\nevery step:\n%.300q", f, s)
	}
	for _, name := range []string{"/data/f", "/data/d", "/data/go"} {
		f, fok := fast.ReadFile(name)
		s, sok := slow.ReadFile(name)
		fsize, _ := fast.fs.mounts[0].Volume.Size(strings.TrimPrefix(name, "/data/"))
		ssize, _ := slow.fs.mounts[0].Volume.Size(strings.TrimPrefix(name, "/data/"))
		if f != s || fok != sok || fsize != ssize {
			t.Errorf("%s: %d bytes (size %d), every step %d bytes (size %d)", name, len(f), fsize, len(s), ssize)
		}
	}
}

// The shortcut costs a spinning container's start what a sleeping one's
// costs, not the step budget.
func TestSpinningLoop_StartsCheaply(t *testing.T) {
	p, _ := run(t, "while true; do :; done", 0)
	if p.sh.steps != stepBudget {
		t.Errorf("spent %d steps, want the whole budget %d", p.sh.steps, stepBudget)
	}
	allocs := testing.AllocsPerRun(20, func() { run(t, "while true; do :; done", 0) })
	if allocs > 200 {
		t.Errorf("%v allocations to start a spinning loop", allocs)
	}
}

// Loops that end are not taken for spinning ones: each turn changes a
// variable, or appends to a file the condition reads, so no two turns
// start alike, and they run to their end at the instant they start.
func TestSpinningLoop_FiniteLoopsFinish(t *testing.T) {
	for _, tc := range []struct {
		script, logs string
	}{
		{"for i in $(seq 1000); do echo $i > /data/n; done; cat /data/n; sleep 3600", "1000"},
		{"i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done; echo $i; sleep 3600", "1000"},
		{"touch /data/f; while [ \"$(cat /data/f)\" != xxx ]; do printf x >> /data/f; done; echo reached; sleep 3600", "reached"},
		{"touch /data/f; until [ -s /data/f ]; do echo x >> /data/f; done; echo grown; sleep 3600", "grown"},
		{"n=0; while true; do n=$((n+1)); [ $n -ge 2000 ] && break; done; echo $n; sleep 3600", "2000"},
	} {
		t.Run(tc.script, func(t *testing.T) {
			p, st := run(t, tc.script, 0)
			if st.Exited || st.Next != at(3600) || strings.Join(p.Logs(), "|") != tc.logs {
				t.Errorf("%+v logs %q, want asleep until 3600 s after %q", st, p.Logs(), tc.logs)
			}
			if w := p.Warnings(); len(w) != 0 {
				t.Errorf("warnings %q", w)
			}
		})
	}
}

// BenchmarkStartSpinningLoop starts a container whose loop never sleeps
// and changes nothing; BenchmarkStartCountingLoop one whose variable
// changes every turn (it still pays for the budget's steps).
func BenchmarkStartSpinningLoop(b *testing.B) { benchStart(b, "while true; do :; done") }
func BenchmarkStartSpinningAppend(b *testing.B) {
	benchStart(b, "while true; do echo spin >> /data/spin.log; done")
}
func BenchmarkStartCountingLoop(b *testing.B) { benchStart(b, "i=0; while true; do i=$((i+1)); done") }

func benchStart(b *testing.B, script string) {
	b.ReportAllocs()
	for b.Loop() {
		p := Start(Spec{Image: "busybox", Command: []string{"sh", "-c", script}, Mounts: []Mount{{Path: "/data", Volume: NewVolume("data")}}}, t0)
		p.Advance(t0.Add(time.Second))
	}
}

// A volume that reaches its bound is said once per container: what was
// written past it counts in the file's size but is not kept.
func TestVolumeFull_Warns(t *testing.T) {
	line := strings.Repeat("x", 199)
	p, st := run(t, "while true; do echo "+line+" >> /data/f; done", 0)
	if st.Exited {
		t.Fatalf("%+v", st)
	}
	size, _ := p.fs.mounts[0].Volume.Size("f")
	data, _ := p.ReadFile("/data/f")
	if size <= MaxVolumeBytes || len(data) != MaxVolumeBytes {
		t.Fatalf("size %d, kept %d; want more than %d written, %[3]d kept", size, len(data), MaxVolumeBytes)
	}
	w := p.Warnings()
	if len(w) != 2 || !strings.Contains(w[1], `volume "data" is full in podviz's model (256 KiB of contents, 512 files)`) {
		t.Errorf("warnings %q", w)
	}
	p.Advance(at(5))
	if w := p.Warnings(); len(w) != 0 {
		t.Errorf("said again: %q", w)
	}
}
