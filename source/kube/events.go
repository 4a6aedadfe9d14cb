package kube

import (
	"cmp"
	"slices"
	"strings"
	"time"

	eventsv1 "k8s.io/api/events/v1"

	"podviz/controller"
	"podviz/model"
)

// convertEvents turns events.k8s.io/v1 Events into podviz's event log:
// oldest first by the time each was last seen, the newest
// model.MaxEvents kept (the rest counted as dropped), numbered in that
// order. With shown (a label selector is in force) only the events of
// shown objects are kept: the selector picks the objects, and their
// events come with them.
func convertEvents(evs []*eventsv1.Event, shown map[string]bool) ([]controller.Event, uint64) {
	out := make([]controller.Event, 0, len(evs))
	for _, e := range evs {
		kind := strings.ToLower(e.Regarding.Kind)
		if shown != nil && !shown[kind+"/"+e.Regarding.Namespace+"/"+e.Regarding.Name] {
			continue
		}
		out = append(out, convertEvent(e, kind))
	}
	slices.SortStableFunc(out, func(a, b controller.Event) int {
		return cmp.Or(cmp.Compare(a.Last, b.Last), cmp.Compare(a.First, b.First), cmp.Compare(a.Object, b.Object), cmp.Compare(a.Message, b.Message))
	})
	var dropped uint64
	if len(out) > model.MaxEvents {
		dropped = uint64(len(out) - model.MaxEvents)
		out = out[len(out)-model.MaxEvents:]
	}
	for i := range out {
		out[i].Seq = uint64(i) + 1
	}
	return out, dropped
}

// convertEvent reads one Event as kubectl events prints it: the first and
// last time it was seen (the series', else the deprecated timestamps,
// else its eventTime), how often (the series' count, else the deprecated
// one, at least 1), the object it regards, the note, and who reported it.
func convertEvent(e *eventsv1.Event, kind string) controller.Event {
	first := e.EventTime.Time
	if first.IsZero() {
		first = e.DeprecatedFirstTimestamp.Time
	}
	if first.IsZero() {
		first = e.CreationTimestamp.Time
	}
	last := first
	count := int32(1)
	switch {
	case e.Series != nil:
		last, count = e.Series.LastObservedTime.Time, e.Series.Count
	case !e.DeprecatedLastTimestamp.IsZero():
		last = e.DeprecatedLastTimestamp.Time
		count = max(e.DeprecatedCount, 1)
	}
	source := e.ReportingController
	if source == "" {
		source = e.DeprecatedSource.Component
	}
	ns := e.Regarding.Namespace
	if ns == "" {
		ns = e.Namespace
	}
	return controller.Event{
		First: since(first), Last: since(last),
		Type: e.Type, Reason: e.Reason, Object: kind + "/" + e.Regarding.Name, Namespace: ns,
		Message: e.Note, Source: source, Count: count,
	}
}

func since(t time.Time) time.Duration {
	if t.IsZero() {
		return 0
	}
	return t.Sub(controller.Epoch)
}

// shownObjects names every object in the picture as "kind/namespace/name".
func shownObjects(o controller.Observed) map[string]bool {
	m := make(map[string]bool, len(o.Deployments)+len(o.ReplicaSets)+len(o.Pods))
	for _, d := range o.Deployments {
		m["deployment/"+d.Namespace+"/"+d.Name] = true
	}
	for _, rs := range o.ReplicaSets {
		m["replicaset/"+rs.Namespace+"/"+rs.Name] = true
	}
	for _, p := range o.Pods {
		m["pod/"+p.Namespace+"/"+p.Name] = true
	}
	return m
}
