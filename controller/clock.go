package controller

import (
	"container/heap"
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

// clock is the virtual clock: the current instant and the pending
// transitions. Time only moves forward.
type clock struct {
	now    time.Duration
	seq    uint64
	timers timerHeap
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
	if t > c.now {
		c.now = t
	}
	fired := false
	for {
		tm, ok := c.next()
		if !ok || tm.at > c.now {
			return fired
		}
		heap.Pop(&c.timers)
		fired = true
		tm.fire()
	}
}
