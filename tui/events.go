package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"k8s.io/apimachinery/pkg/util/duration"

	"podviz/controller"
	"podviz/termsafe"
)

// wideEvents is the width from which the events pane has kubectl's own
// columns (LAST SEEN TYPE REASON OBJECT MESSAGE) with room left for MESSAGE.
const wideEvents = 120

// eventsTable is the tail of the event log in at most n lines (the header
// and the newest events, newest last), w cells wide. From wideEvents
// columns it has kubectl's columns (LAST SEEN TYPE REASON OBJECT MESSAGE);
// below, it drops TYPE (a Warning's reason says enough: Failed, BackOff),
// keeps LAST SEEN (the age of the last occurrence: an AGE header said the
// first's, which a repeated BackOff is not), shows OBJECT with kubectl's
// short kind names and the
// end of the name — the part that tells pods apart — so that MESSAGE, the
// column that says what happened, keeps its room:
//
//	LAST SEEN  REASON             OBJECT                MESSAGE
//	3s         ScalingReplicaSet  deploy/…e-deployment  Scaled up replica set …-5dbb5b4c5 from 0 to 1
//
// A long message continues under itself, once; past that it is cut with
// an ellipsis. Whole events are dropped from the top when they do not fit.
func eventsTable(snap *controller.Snapshot, w, n int, ellipsis string) []string {
	if n <= 0 {
		return nil
	}
	wide := w >= wideEvents
	events := snap.Events
	if len(events) > n-1 {
		events = events[len(events)-max(n-1, 0):]
	}
	type row struct{ age, typ, reason, object, message string }
	rows := make([]row, 0, len(events)+1)
	var short *strings.Replacer
	if wide {
		rows = append(rows, row{"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"})
	} else {
		rows = append(rows, row{"LAST SEEN", "", "REASON", "OBJECT", "MESSAGE"})
		// A Deployment's ReplicaSets and pods are named DEPLOYMENT-HASH[-XXXXX]:
		// inside a message the Deployment's name is implied, so "…-HASH" is
		// enough and leaves room for "from 1 to 2".
		var pairs []string
		for _, d := range snap.Deployments {
			pairs = append(pairs, d.Name+"-", ellipsis+"-")
		}
		short = strings.NewReplacer(pairs...)
	}
	const maxReason, maxObject = 17, 16
	for _, e := range events {
		r := row{age: duration.HumanDuration(snap.Elapsed - e.Last), message: strings.TrimSpace(e.Message)}
		if wide {
			r.typ, r.reason, r.object = e.Type, e.Reason, e.Object
		} else {
			r.reason = cut(e.Reason, maxReason, ellipsis)
			r.object = shortObject(short.Replace(e.Object), maxObject, ellipsis)
			r.message = short.Replace(r.message)
		}
		rows = append(rows, r)
	}
	var ageW, typW, reasonW, objectW int
	for _, r := range rows {
		ageW = max(ageW, ansi.StringWidth(r.age))
		typW = max(typW, ansi.StringWidth(r.typ))
		reasonW = max(reasonW, ansi.StringWidth(r.reason))
		objectW = max(objectW, ansi.StringWidth(r.object))
	}
	padW := 2
	if wide {
		padW = 3 // kubectl's tabwriter padding
	}
	pad := func(s string, n int) string { return s + strings.Repeat(" ", max(n-ansi.StringWidth(s), 0)+padW) }
	indent := ageW + reasonW + objectW + 3*padW
	if wide {
		indent += typW + padW
	}
	room := w - indent
	render := func(r row) []string {
		head := pad(r.age, ageW)
		if wide {
			head += pad(r.typ, typW)
		}
		head += pad(r.reason, reasonW) + pad(r.object, objectW)
		msg := wrap(r.message, max(room, 10))
		if len(msg) > 2 {
			msg[1] = cut(strings.Join(msg[1:], " "), room, ellipsis)
			msg = msg[:2]
		}
		if len(msg) == 0 {
			return []string{strings.TrimRight(head, " ")}
		}
		out := []string{head + msg[0]}
		for _, l := range msg[1:] {
			out = append(out, strings.Repeat(" ", indent)+l)
		}
		return out
	}
	header := render(rows[0])[0]
	var body []string
	for i := len(rows) - 1; i >= 1; i-- {
		lines := render(rows[i])
		if len(body)+len(lines) > n-1 {
			break
		}
		body = append(lines, body...)
	}
	return append([]string{header}, body...)
}

// shortKinds are kubectl's short names for the kinds podviz runs.
var shortKinds = map[string]string{"pod": "po", "replicaset": "rs", "deployment": "deploy"}

// shortObject is "po/…-rqp8q" for "pod/…-585c5579f6-rqp8q" (a Deployment's
// pod, its prefix already shortened): kubectl's short kind names, at most w
// cells.
func shortObject(obj string, w int, ellipsis string) string {
	kind, name, ok := strings.Cut(obj, "/")
	if !ok {
		return cut(obj, w, ellipsis)
	}
	if s, ok := shortKinds[kind]; ok {
		kind = s
	}
	// A Deployment's pod ("…-HASH-XXXXX") is told apart by its last part,
	// as the diagram shows it; anything else is cut at its end.
	if strings.HasPrefix(name, ellipsis) && kind == "po" {
		if i := strings.LastIndexByte(name, '-'); i >= 0 {
			name = ellipsis + name[i:]
		}
	}
	return cut(kind+"/"+name, w, ellipsis)
}

// cut shortens s to w cells, marking the cut with an ellipsis: nothing is
// ever cut silently.
func cut(s string, w int, ellipsis string) string {
	if w <= 0 {
		return ""
	}
	if len(s) <= w || ansi.StringWidth(s) <= w {
		return s
	}
	if ansi.StringWidth(ellipsis) > w {
		ellipsis = ""
	}
	return ansi.Truncate(s, w, ellipsis)
}

// noticeLines are the container model's notices (Snapshot.Notices) shown
// above the events, in at most n lines of w cells: one line each, newest
// last, the pod told apart by the end of its name as in the events —
//
//	podviz: po/…-rqp8q app: sh: a background job (&) is not modelled: the…
//
// They are podviz's words, not events, so they are not in the table; a
// line that does not fit is cut with an ellipsis, and notices that do not
// fit are counted on the first line, with where to read them all.
func noticeLines(snap *controller.Snapshot, w, n int, ellipsis string) []string {
	notices := snap.Notices
	hidden := uint64(0)
	if n <= 0 || (len(notices) == 0 && snap.NoticesDropped == 0) {
		return nil
	}
	if len(notices) > n || snap.NoticesDropped > 0 {
		keep := min(len(notices), max(n-1, 1))
		hidden = uint64(len(notices)-keep) + snap.NoticesDropped
		notices = notices[len(notices)-keep:]
	}
	var out []string
	prefix := "podviz: "
	if hidden > 0 {
		if n == 1 {
			prefix = "podviz (" + plural(hidden, "more note") + "): "
		} else {
			out = append(out, cut("podviz: "+plural(hidden, "earlier note")+" (podviz get pods prints every one on stderr)", w, ellipsis))
		}
	}
	for _, nt := range notices {
		// The pod as the events name it: whole from wideEvents on, else
		// by the end of its name.
		obj := "pod/" + nt.Pod
		if w < wideEvents {
			obj = "po/" + nt.Pod
			if i := strings.LastIndexByte(nt.Pod, '-'); i > 0 && len(nt.Pod) > 13 {
				obj = "po/" + ellipsis + nt.Pod[i:]
			}
		}
		line := prefix + obj + " " + nt.Container + ": " + nt.Message
		if nt.Pods > 1 {
			line += " (" + strconv.Itoa(nt.Pods) + " pods)"
		}
		out = append(out, cut(termsafe.Line(line), w, ellipsis))
	}
	return out
}

// plural is "1 more note", "2 more notes".
func plural(n uint64, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.FormatUint(n, 10) + " " + what + "s"
}
