// Package events is the event recorder, as client-go's tools/record is:
// components record what they did on an object, the recorder aggregates
// repeats as the apiserver's event correlator does, keeps a bounded log,
// and streams every occurrence to whoever watches (the TUI, `podviz events
// --watch`, tests).
package events

import (
	"hash/maphash"
	"time"

	"podviz/model"
)

// Event types.
const (
	Normal  = "Normal"
	Warning = "Warning"
)

// Event is one entry of the event log, aggregated as upstream does (Count
// and the first/last times).
type Event struct {
	First, Last time.Duration
	Type        string // Normal or Warning
	Reason      string
	Object      string // "replicaset/web-5d4f8b7c9"
	Namespace   string
	Message     string
	Source      string // "deployment-controller", "kubelet", …
	Count       int32
	// Seq numbers every occurrence of every event, in the order recorded;
	// this is the number of the latest one. An aggregated event keeps its
	// place in the log, so Seq is what tells the true order of repeats
	// (undo's "Scaled up replica set X from 0 to 1" repeats revision 1's).
	Seq uint64
}

// Clock is what the recorder reads: virtual time since the start.
type Clock interface{ Elapsed() time.Duration }

// Recorder records events at the clock's instant into the log and hands
// every occurrence to the watchers.
type Recorder struct {
	clock    Clock
	log      *eventLog
	watchers []func(Event)
	// trace, when set (tests), sees every event before aggregation.
	trace func(Event)
}

// NewRecorder returns a recorder with an empty log of model.MaxEvents entries.
func NewRecorder(c Clock) *Recorder {
	return &Recorder{clock: c, log: newLog()}
}

// Record adds an event at the current instant.
func (r *Recorder) Record(typ, reason, object, namespace, source, message string) {
	now := r.clock.Elapsed()
	e := r.log.record(now, typ, reason, object, namespace, source, message)
	for _, w := range r.watchers {
		w(e)
	}
	if r.trace != nil {
		r.trace(Event{First: now, Last: now, Type: typ, Reason: reason, Object: object, Namespace: namespace, Message: message, Source: source, Count: 1})
	}
}

// Watch calls f with every occurrence of an event from now on, as it is
// recorded: the log's entry after it (a repeat has its count and last time
// bumped, its first time kept), so f sees every occurrence, also those the
// bounded log will later drop (`kubectl get events --watch`).
func (r *Recorder) Watch(f func(Event)) { r.watchers = append(r.watchers, f) }

// SetTrace installs f to see every event before aggregation (tests).
func (r *Recorder) SetTrace(f func(Event)) { r.trace = f }

// SetLimit bounds the log to n entries instead of model.MaxEvents; only
// before the first event (tests).
func (r *Recorder) SetLimit(n int) { r.log.limit = n }

// List returns the stored events, oldest first, as a fresh slice.
func (r *Recorder) List() []Event { return r.log.list() }

// Dropped counts the entries that fell off the bounded log.
func (r *Recorder) Dropped() uint64 { return r.log.dropped }

// eventSeed keys the aggregation index. maphash's output differs between
// processes, but it only picks map slots: which events aggregate (and so
// the log) does not depend on it.
var eventSeed = maphash.MakeSeed()

// eventKey hashes what upstream's correlator aggregates on: object, type,
// reason, message and source. A hit is confirmed field by field.
func eventKey(object, namespace, typ, reason, message, source string) uint64 {
	var h maphash.Hash
	h.SetSeed(eventSeed)
	for _, s := range [...]string{object, namespace, typ, reason, message, source} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// eventLog is a ring of aggregated events, in order of first occurrence.
// An event identical to a stored one bumps its count and last time instead
// of adding an entry, as the apiserver's event correlator does.
type eventLog struct {
	ring  []Event // ring buffer, len ≤ model.MaxEvents
	start int     // index of the oldest entry when full
	seq   uint64  // total entries ever added
	// index maps a key to its absolute sequence number (entry seq-1 → slot).
	index map[uint64]uint64
	keys  []uint64 // parallel to ring, to drop index entries on eviction
	limit int
	// occurrences counts every record call, aggregated or not (Event.Seq).
	occurrences uint64
	// dropped counts the entries that fell off the ring: every view of the
	// log says so (Snapshot.EventsDropped), and `podviz events --watch`
	// streams them all instead.
	dropped uint64
}

func newLog() *eventLog {
	return &eventLog{index: map[uint64]uint64{}, limit: model.MaxEvents}
}

func (r *eventLog) slot(seq uint64) int { return int(seq % uint64(r.limit)) }

// record adds one event at virtual time now and returns the entry as it
// now stands (a repeat: its count and last time bumped).
func (r *eventLog) record(now time.Duration, typ, reason, object, namespace, source, message string) Event {
	r.occurrences++
	k := eventKey(object, namespace, typ, reason, message, source)
	if s, ok := r.index[k]; ok {
		e := &r.ring[r.slot(s)]
		if e.Object == object && e.Namespace == namespace && e.Type == typ && e.Reason == reason && e.Message == message && e.Source == source {
			e.Count++
			e.Last = now
			e.Seq = r.occurrences
			return *e
		}
	}
	e := Event{First: now, Last: now, Type: typ, Reason: reason, Object: object, Namespace: namespace, Message: message, Source: source, Count: 1, Seq: r.occurrences}
	if len(r.ring) < r.limit {
		r.ring = append(r.ring, e)
		r.keys = append(r.keys, k)
	} else {
		i := r.slot(r.seq)
		if r.index[r.keys[i]] == r.seq-uint64(r.limit) {
			delete(r.index, r.keys[i])
		}
		r.ring[i] = e
		r.keys[i] = k
		r.dropped++
	}
	r.index[k] = r.seq
	r.seq++
	return e
}

// list returns the stored events, oldest first, as a fresh slice.
func (r *eventLog) list() []Event {
	out := make([]Event, 0, len(r.ring))
	if len(r.ring) < r.limit {
		return append(out, r.ring...)
	}
	i := r.slot(r.seq)
	out = append(out, r.ring[i:]...)
	return append(out, r.ring[:i]...)
}
