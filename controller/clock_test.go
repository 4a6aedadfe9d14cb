package controller

import (
	"strings"
	"testing"
	"time"

	"podviz/controller/clock"
)

// mustPanicStuck runs f and checks that it fails with the stuck-clock panic
// naming the instant. Without the guard f never returns: the test then
// fails after a generous wait instead of hanging (f's goroutine spins on).
func mustPanicStuck(t *testing.T, at string, f func()) {
	t.Helper()
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	select {
	case r := <-done:
		msg, _ := r.(string)
		if !strings.Contains(msg, "the virtual clock is stuck at "+at+":") {
			t.Fatalf("want the stuck-clock panic at %s, got %v", at, r)
		}
	case <-time.After(time.Minute):
		t.Fatalf("the clock spun at %s for a minute without failing", at)
	}
}

// TestClock_StuckInstantFailsLoudly: a transition that keeps rescheduling
// itself for the same instant panics with the instant named, instead of
// spinning there forever, whether it reschedules from inside its own round
// (a timer scheduling a timer) or from the controllers' settle between
// rounds (what a strict minReadySeconds boundary did: a re-check at the
// instant the pod should become available, which never finds it available).
func TestClock_StuckInstantFailsLoudly(t *testing.T) {
	t.Run("a timer rescheduling itself", func(t *testing.T) {
		c := newCluster(Options{})
		var again func()
		again = func() { c.clock.AfterFunc(0, again) }
		c.clock.AfterFunc(5*time.Second, again)
		mustPanicStuck(t, "5s", func() { c.RunUntil(time.Minute) })
	})
	t.Run("a re-check rescheduled between rounds", func(t *testing.T) {
		c := newCluster(Options{})
		c.Advance(7 * time.Second)
		mustPanicStuck(t, "7s", func() {
			for {
				c.clock.AfterFunc(0, func() {})
				c.Step()
			}
		})
	})
}

// TestClock_DeepButFiniteCascadesRun: a long cascade at one instant (under
// the bound) runs to the end, and the count starts again when time moves.
func TestClock_DeepButFiniteCascadesRun(t *testing.T) {
	c := newCluster(Options{})
	fired := 0
	var chain func(left int) func()
	chain = func(left int) func() {
		return func() {
			fired++
			if left > 0 {
				c.clock.AfterFunc(0, chain(left-1))
			}
		}
	}
	c.clock.AfterFunc(time.Second, chain(clock.MaxRoundsPerInstant-1))
	c.clock.AfterFunc(2*time.Second, chain(clock.MaxRoundsPerInstant-1))
	c.RunUntil(time.Minute)
	if want := 2 * clock.MaxRoundsPerInstant; fired != want {
		t.Fatalf("fired %d transitions, want %d", fired, want)
	}
	if c.Elapsed() != time.Minute {
		t.Fatalf("clock at %s, want 1m0s", c.Elapsed())
	}
}
