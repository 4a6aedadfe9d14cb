// Package clock is the virtual clock the control plane runs on: the
// current instant and the pending timers, shaped as k8s.io/utils/clock
// shapes a clock (Now, AfterFunc) but driven by the caller instead of
// by wall time, so that a run is reproducible.
package clock

import (
	"container/heap"
	"fmt"
	"time"
)

// Epoch is virtual time zero, a fixed instant (the article's date) so that
// timestamps are reproducible.
var Epoch = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)

// PassiveClock is what a reader of time needs: the instant as a timestamp,
// and as virtual time since Epoch.
type PassiveClock interface {
	Now() time.Time
	Elapsed() time.Duration
}

// Clock adds scheduling: what a controller or the kubelet needs.
type Clock interface {
	PassiveClock
	// AfterFunc schedules f at now+d (d < 0 counts as 0).
	AfterFunc(d time.Duration, f func()) *Timer
	// AtFunc schedules f at virtual time t (not before now).
	AtFunc(t time.Duration, f func()) *Timer
}

// Timer is one pending transition. A stopped timer stays in the heap and
// is dropped when it reaches the top (lazy deletion keeps Stop O(1)).
type Timer struct {
	at        time.Duration
	seq       uint64
	fire      func()
	cancelled bool
}

// Stop cancels the timer; a nil timer is fine.
func (t *Timer) Stop() {
	if t != nil {
		t.cancelled = true
	}
}

// Pending reports whether the timer will still fire at t.
func (t *Timer) Pending(at time.Duration) bool {
	return t != nil && !t.cancelled && t.at == at
}

// At is the virtual time the timer fires at.
func (t *Timer) At() time.Duration { return t.at }

// timerHeap orders timers by time, then by scheduling order.
type timerHeap []*Timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *timerHeap) Push(x any)   { *h = append(*h, x.(*Timer)) }
func (h *timerHeap) Pop() any {
	old := *h
	n := len(old)
	t := old[n-1]
	old[n-1] = nil
	*h = old[:n-1]
	return t
}

// MaxRoundsPerInstant bounds the rounds of transitions fired at one
// virtual instant. A round is the transitions pending when it begins; what
// they (or the controllers they wake) schedule for that same instant makes
// the next round. Real cascades are a few rounds deep (a pod is bound, then
// the kubelet looks at it); a transition that keeps rescheduling itself for
// now (an availability re-check that never finds the pod available, say)
// would otherwise spin at one instant forever, the clock never moving on.
const MaxRoundsPerInstant = 10000

// Virtual is the virtual clock: the current instant and the pending
// transitions. Time only moves forward.
type Virtual struct {
	now    time.Duration
	seq    uint64
	timers timerHeap
	// rounds counts the rounds fired at now; timers with seq > roundStart
	// were scheduled during the current round and belong to the next.
	rounds     int
	roundStart uint64
}

// MoveTo moves the clock forward to t (never back).
func (c *Virtual) MoveTo(t time.Duration) {
	if t > c.now {
		c.now = t
		c.rounds = 0
	}
}

// startRound begins a round of transitions at now, failing loudly when the
// clock is stuck (see MaxRoundsPerInstant): a stuck simulation is a bug, and
// a panic names it where a hang would only freeze the screen or time out a
// test ten minutes later.
func (c *Virtual) startRound() {
	c.rounds++
	c.roundStart = c.seq
	if c.rounds > MaxRoundsPerInstant {
		panic(fmt.Sprintf("controller: the virtual clock is stuck at %s: %d rounds of transitions fired at this instant "+
			"and each scheduled more for the same instant (a transition keeps rescheduling itself for now)", c.now, c.rounds-1))
	}
}

// Now is the current instant as a timestamp.
func (c *Virtual) Now() time.Time { return Epoch.Add(c.now) }

// Elapsed is the current instant as virtual time since Epoch.
func (c *Virtual) Elapsed() time.Duration { return c.now }

// AfterFunc schedules fire at now+d (d < 0 counts as 0).
func (c *Virtual) AfterFunc(d time.Duration, fire func()) *Timer {
	if d < 0 {
		d = 0
	}
	return c.AtFunc(c.now+d, fire)
}

// AtFunc schedules fire at virtual time t (not before now).
func (c *Virtual) AtFunc(t time.Duration, fire func()) *Timer {
	if t < c.now {
		t = c.now
	}
	c.seq++
	tm := &Timer{at: t, seq: c.seq, fire: fire}
	heap.Push(&c.timers, tm)
	return tm
}

// Next is the earliest live timer, dropping stopped ones.
func (c *Virtual) Next() (*Timer, bool) {
	for len(c.timers) > 0 {
		t := c.timers[0]
		if !t.cancelled {
			return t, true
		}
		heap.Pop(&c.timers)
	}
	return nil, false
}

// FireDue moves the clock to t and fires every live timer due at exactly t,
// including ones those timers schedule for t. It reports whether any fired.
func (c *Virtual) FireDue(t time.Duration) bool {
	c.MoveTo(t)
	c.startRound()
	fired := false
	for {
		tm, ok := c.Next()
		if !ok || tm.at > c.now {
			return fired
		}
		if tm.seq > c.roundStart {
			c.startRound()
		}
		heap.Pop(&c.timers)
		fired = true
		tm.fire()
	}
}
