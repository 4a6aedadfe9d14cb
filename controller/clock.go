package controller

import (
	"container/heap"
	"fmt"
	"time"
)

// Epoch is virtual time zero, a fixed instant (the article's date) so that
// timestamps are reproducible.
var Epoch = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)

// timer is one pending transition. A cancelled timer stays in the heap and
// is dropped when it reaches the top (lazy deletion keeps cancel O(1)).
type timer struct {
	at        time.Duration
	seq       uint64
	fire      func()
	cancelled bool
}

func (t *timer) cancel() {
	if t != nil {
		t.cancelled = true
	}
}

// timerHeap orders timers by time, then by scheduling order.
type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *timerHeap) Push(x any)   { *h = append(*h, x.(*timer)) }
func (h *timerHeap) Pop() any {
	old := *h
	n := len(old)
	t := old[n-1]
	old[n-1] = nil
	*h = old[:n-1]
	return t
}

// maxRoundsPerInstant bounds the rounds of transitions fired at one
// virtual instant. A round is the transitions pending when it begins; what
// they (or the controllers they wake) schedule for that same instant makes
// the next round. Real cascades are a few rounds deep (a pod is bound, then
// the kubelet looks at it); a transition that keeps rescheduling itself for
// now (an availability re-check that never finds the pod available, say)
// would otherwise spin at one instant forever, the clock never moving on.
const maxRoundsPerInstant = 10000

// clock is the virtual clock: the current instant and the pending
// transitions. Time only moves forward.
type clock struct {
	now    time.Duration
	seq    uint64
	timers timerHeap
	// rounds counts the rounds fired at now; timers with seq > roundStart
	// were scheduled during the current round and belong to the next.
	rounds     int
	roundStart uint64
}

// moveTo moves the clock forward to t (never back).
func (c *clock) moveTo(t time.Duration) {
	if t > c.now {
		c.now = t
		c.rounds = 0
	}
}

// startRound begins a round of transitions at now, failing loudly when the
// clock is stuck (see maxRoundsPerInstant): a stuck simulation is a bug, and
// a panic names it where a hang would only freeze the screen or time out a
// test ten minutes later.
func (c *clock) startRound() {
	c.rounds++
	c.roundStart = c.seq
	if c.rounds > maxRoundsPerInstant {
		panic(fmt.Sprintf("controller: the virtual clock is stuck at %s: %d rounds of transitions fired at this instant "+
			"and each scheduled more for the same instant (a transition keeps rescheduling itself for now)", c.now, c.rounds-1))
	}
}

// Now is the current instant as a timestamp (the narrow interface readers take).
func (c *clock) Now() time.Time { return Epoch.Add(c.now) }

// after schedules fire at now+d (d < 0 counts as 0).
func (c *clock) after(d time.Duration, fire func()) *timer {
	if d < 0 {
		d = 0
	}
	return c.at(c.now+d, fire)
}

// at schedules fire at virtual time t (not before now).
func (c *clock) at(t time.Duration, fire func()) *timer {
	if t < c.now {
		t = c.now
	}
	c.seq++
	tm := &timer{at: t, seq: c.seq, fire: fire}
	heap.Push(&c.timers, tm)
	return tm
}

// next is the earliest live timer, dropping cancelled ones.
func (c *clock) next() (*timer, bool) {
	for len(c.timers) > 0 {
		t := c.timers[0]
		if !t.cancelled {
			return t, true
		}
		heap.Pop(&c.timers)
	}
	return nil, false
}

// fireDue moves the clock to t and fires every live timer due at exactly t,
// including ones those timers schedule for t. It reports whether any fired.
func (c *clock) fireDue(t time.Duration) bool {
	c.moveTo(t)
	c.startRound()
	fired := false
	for {
		tm, ok := c.next()
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
