package diagram

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"podviz/controller"
)

// rsShowsBox reports whether a ReplicaSet gets its own box. An old
// ReplicaSet scaled to zero with no pods left is history (kept for rollback,
// up to revisionHistoryLimit) and is listed on one line instead.
func rsShowsBox(rs *controller.ReplicaSetView) bool {
	return rs.New || rs.Owner == "" || rs.Desired > 0 || len(rs.Pods) > 0
}

// podsPerRow is how many pod slots fit across room cells.
func podsPerRow(room int) int {
	return max(1, (room+gap)/(podBoxWidth+gap))
}

// rsWidthFor is the width of a ReplicaSet box holding slots pods in one row.
func rsWidthFor(slots int) int {
	return max(slots*(podBoxWidth+gap)-gap+4, 40)
}

// collapses reports whether rs's pods are drawn as a glyph grid: more pods
// than collapseRows rows of boxes at box width w.
func collapses(rs *controller.ReplicaSetView, w int) bool {
	return len(rs.Pods) > podsPerRow(w-4)*collapseRows
}

// replicaSetBox draws one ReplicaSet w cells wide: its name (and whether it
// is the Deployment's new or an old one) on the top edge, a line with
// revision, hash, image and desired/ready, then its pods in their slots, in
// the plan's form. capPods is how many pods the box keeps room for (0: only
// those present), so its height holds still while pods come and go. Old
// ReplicaSets are drawn dim.
func replicaSetBox(p *painter, rs *controller.ReplicaSetView, o *Options, w, capPods int) block {
	old := rs.Owner != "" && !rs.New
	nameStyle, kindStyle := stName, stKind
	if old {
		nameStyle, kindStyle = stOld, stOld
	}
	// The title names the ReplicaSet; inside its Deployment's box, when the
	// full name does not fit, "…-HASH" (the name is DEPLOYMENT-HASH).
	var title line
	for _, short := range []bool{false, true} {
		title = line{}
		title.add(p, kindStyle, "ReplicaSet ")
		name := rs.Name
		if short && rs.Owner != "" && strings.HasPrefix(name, rs.Owner+"-") {
			name = "…" + name[len(rs.Owner):]
		}
		title.add(p, nameStyle, name)
		switch {
		case rs.Owner == "":
		case rs.New:
			title.add(p, stLabel, p.g.dot+"new")
		default:
			title.add(p, stOld, p.g.dot+"old")
		}
		if title.w <= w-5 {
			break
		}
	}
	showsHash := strings.Contains(ansi.Strip(title.b.String()), rs.Hash)

	textStyle := stPlain
	if old {
		textStyle = stOld
	}
	var items []span
	item := func(label, value string) {
		var l line
		l.add(p, stLabel, label)
		l.add(p, textStyle, value)
		items = append(items, l.span())
	}
	if rs.Revision > 0 {
		item("rev ", strconv.FormatInt(rs.Revision, 10))
	}
	if rs.Hash != "" && (p.plan.form == formBoxes || !showsHash) {
		item("hash ", rs.Hash)
	}
	item("", strings.Join(rs.Images, ", "))
	item("desired ", strconv.Itoa(int(rs.Desired)))
	item("ready ", strconv.Itoa(int(rs.Ready))+"/"+strconv.Itoa(int(rs.Desired)))

	room := w - 4
	var bd body
	form := p.plan.form
	if form == formBoxes && collapses(rs, w) {
		form = formGrid
	}
	switch form {
	case formBoxes:
		bd.add(joinSpans(p, items, 1<<30)...) // one line, cut by the box
	case formLines:
		// One line, the same height whatever the image's length, so that
		// ReplicaSets side by side stay level: "rev 2 · nginx:1.27 · ready
		// 0/1" (ready/desired), cut by the box if it must be.
		var short []span
		for _, it := range items {
			if s := ansi.Strip(it.s); !strings.HasPrefix(s, "desired ") && !strings.HasPrefix(s, "hash ") {
				short = append(short, it)
			}
		}
		bd.add(joinSpans(p, short, 1<<30)...)
	default:
		bd.add(joinSpans(p, items, room)...)
	}

	podsStart := len(bd.spans)
	rows := 0 // the rows the pod area keeps room for
	switch form {
	case formBoxes:
		per := podsPerRow(room)
		rows = (capPods + per - 1) / per * (podBoxLines + 0)
		if len(rs.Pods) == 0 {
			var l line
			l.add(p, stLabel, "no pods")
			bd.add(l.span())
			break
		}
		pw := min(podBoxWidth, room)
		boxes := make([]block, len(rs.Pods))
		for i := range rs.Pods {
			boxes[i] = o.cachedPodBox(p, &rs.Pods[i], old, pw)
		}
		bd.addBlock(flow(boxes, room, gap, 0))
	case formLines:
		rows = capPods
		if len(rs.Pods) == 0 {
			var l line
			l.add(p, stLabel, "no pods")
			bd.add(l.span())
		}
		for i := range rs.Pods {
			pod := &rs.Pods[i]
			bd.places = append(bd.places, Place{pod.UID, 0, len(bd.spans)})
			bd.add(podLine(p, pod, o, old, room))
		}
	case formGrid:
		rows = 1 + (capPods+room-1)/max(room, 1)
		spans, places := podGrid(p, rs.Pods, room, o)
		bd.places = offset(bd.places, places, 0, len(bd.spans))
		bd.add(spans...)
	}
	for len(bd.spans)-podsStart < rows {
		bd.add(span{})
	}

	b, bs := p.g.normal, stBorder
	if old {
		bs = stBorderOld
	}
	if rs.UID != "" && rs.UID == o.Selected {
		b, bs = p.g.selected, stBorderSelected
	}
	return drawBox(p, boxSpec{border: b, borderStyle: bs, title: title.span(), body: bd.spans,
		uid: rs.UID, places: bd.places}, w)
}

// joinSpans puts items on lines of at most room cells, " · " apart.
func joinSpans(p *painter, items []span, room int) []span {
	var out []span
	var cur line
	for _, it := range items {
		sepW := cellWidth(p.g.dot)
		if cur.w > 0 && cur.w+sepW+it.w > room {
			out = append(out, cur.span())
			cur = line{}
		}
		if cur.w > 0 {
			cur.addRaw(p, stLabel, p.g.dot, sepW)
		}
		cur.b.WriteString(it.s)
		cur.w += it.w
	}
	if cur.w > 0 {
		out = append(out, cur.span())
	}
	return out
}

// historyLine lists old ReplicaSets kept at zero replicas, which a rollback
// would scale up again, on one line (always there, so nothing jumps when
// the first one arrives).
func historyLine(p *painter, rss []*controller.ReplicaSetView, room int) span {
	var l line
	if len(rss) == 0 {
		l.add(p, stLabel, "kept for rollback: none yet")
		return l.span()
	}
	l.add(p, stLabel, "kept for rollback (0 pods):")
	for i := len(rss) - 1; i >= 0; i-- { // newest first: the likeliest rollback
		rs := rss[i]
		l.add(p, stOld, " rev "+strconv.FormatInt(rs.Revision, 10)+" "+rs.Hash+" "+strings.Join(rs.Images, ","))
		if i > 0 {
			l.add(p, stLabel, ";")
		}
	}
	s := l.span()
	if s.w > room {
		s.s = truncate(s.s, room, p.g.ellipsis)
		s.w = cellWidth(s.s)
	}
	return s
}
