package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"k8s.io/apimachinery/pkg/util/duration"

	"podviz/controller"
)

// wideEvents is the width from which the events pane is kubectl's own
// table (LAST SEEN TYPE REASON OBJECT MESSAGE) with room left for MESSAGE.
const wideEvents = 120

// narrowEvents is the events table for a narrow pane, as a person would
// shorten it: LAST SEEN as AGE, no TYPE (a Warning's reason says enough:
// Failed, BackOff), OBJECT with kubectl's short kind names and the end of
// the name — the part that tells pods apart — and MESSAGE in the rest of
// the line, cut with an ellipsis:
//
//	AGE  REASON             OBJECT                MESSAGE
//	3s   ScalingReplicaSet  deploy/…e-deployment  Scaled up replica set …-5dbb5b4c5 from 0 to 1
func narrowEvents(snap *controller.Snapshot, w int, ellipsis string) string {
	const maxReason, maxObject = 17, 16
	// A Deployment's ReplicaSets and pods are named DEPLOYMENT-HASH[-XXXXX]:
	// inside a message the Deployment's name is implied, so "…-HASH" is
	// enough and leaves room for "from 1 to 2".
	var pairs []string
	for _, d := range snap.Deployments {
		pairs = append(pairs, d.Name+"-", ellipsis+"-")
	}
	short := strings.NewReplacer(pairs...)
	type row struct{ age, reason, object, message string }
	rows := []row{{"AGE", "REASON", "OBJECT", "MESSAGE"}}
	for _, e := range snap.Events {
		rows = append(rows, row{duration.HumanDuration(snap.Elapsed - e.Last), cut(e.Reason, maxReason, ellipsis),
			shortObject(short.Replace(e.Object), maxObject, ellipsis), short.Replace(strings.TrimSpace(e.Message))})
	}
	var ageW, reasonW, objectW int
	for _, r := range rows {
		ageW = max(ageW, len(r.age))
		reasonW = max(reasonW, ansi.StringWidth(r.reason))
		objectW = max(objectW, ansi.StringWidth(r.object))
	}
	pad := func(s string, n int) string { return s + strings.Repeat(" ", max(n-ansi.StringWidth(s), 0)+2) }
	indent := ageW + reasonW + objectW + 6
	room := w - indent
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(pad(r.age, ageW) + pad(r.reason, reasonW) + pad(r.object, objectW))
		// A long message continues under itself, at most once; then it is cut.
		msg := wrap(r.message, max(room, 10))
		if len(msg) > 2 {
			msg[1] = cut(strings.Join(msg[1:], " "), room, ellipsis)
			msg = msg[:2]
		}
		for i, l := range msg {
			if i > 0 {
				b.WriteString(strings.Repeat(" ", indent))
			}
			b.WriteString(l)
			b.WriteByte('\n')
		}
		if len(msg) == 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
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
