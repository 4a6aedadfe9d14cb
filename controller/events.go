package controller

import (
	"hash/maphash"
	"time"

	"podviz/model"
)

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

// recorder is the event log: a ring of aggregated events, in order of first
// occurrence. An event identical to a stored one bumps its count and last
// time instead of adding an entry, as the apiserver's event correlator does.
type recorder struct {
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

func newRecorder() *recorder {
	return &recorder{index: map[uint64]uint64{}, limit: model.MaxEvents}
}

func (r *recorder) slot(seq uint64) int { return int(seq % uint64(r.limit)) }

// record adds one event at virtual time now and returns the entry as it
// now stands (a repeat: its count and last time bumped).
func (r *recorder) record(now time.Duration, typ, reason, object, namespace, source, message string) Event {
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
func (r *recorder) list() []Event {
	out := make([]Event, 0, len(r.ring))
	if len(r.ring) < r.limit {
		return append(out, r.ring...)
	}
	i := r.slot(r.seq)
	out = append(out, r.ring[i:]...)
	return append(out, r.ring[:i]...)
}
