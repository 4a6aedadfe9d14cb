package diagram

import (
	"cmp"
	"slices"
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

// collapses reports whether rs's pods are drawn as a glyph grid in form
// boxes: room for more pods than collapseRows rows of boxes at box width w.
func collapses(capPods, w int) bool {
	return capPods > podsPerRow(w-4)*collapseRows
}

// replicaSetBox draws one ReplicaSet w cells wide: its name (and whether it
// is the Deployment's new or an old one) on the top edge, a line with
// revision, hash, image and desired/ready, then its pods in their slots, in
// the plan's form. capPods is how many pods the box keeps room for, so its
// height holds still while pods come and go. Old ReplicaSets are drawn dim.
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
	room := w - 4
	form := p.plan.form
	if form == formBoxes && collapses(capPods, w) {
		form = formGrid
		p.collapsed = true
	}
	// The line under the title: "rev 2 · hash 6b7f675859 · nginx:1.27 ·
	// desired 3 · ready 1/3", one line whatever the width, so ReplicaSets
	// side by side stay level: the hash (when the title shows it, or in
	// narrow forms) and then desired (ready r/d says it) are left out
	// before anything is cut.
	type infoItem struct {
		label, value string
		optional     int // 0: always; 1: left out first; 2: next
	}
	items := []infoItem{}
	if rs.Revision > 0 {
		items = append(items, infoItem{"rev ", strconv.FormatInt(rs.Revision, 10), 0})
	}
	if rs.Hash != "" && !showsHash {
		opt := 1
		if form != formBoxes {
			opt = -1
		}
		items = append(items, infoItem{"hash ", rs.Hash, opt})
	}
	items = append(items, infoItem{"", strings.Join(rs.Images, ", "), 0})
	if form == formBoxes {
		items = append(items, infoItem{"desired ", strconv.Itoa(int(rs.Desired)), 2})
	}
	items = append(items, infoItem{"ready ", strconv.Itoa(int(rs.Ready)) + "/" + strconv.Itoa(int(rs.Desired)), 0})
	var info []span
	for drop := 0; drop <= 2; drop++ {
		info = info[:0]
		width := 0
		for _, it := range items {
			if it.optional < 0 || (it.optional > 0 && it.optional <= drop) {
				continue
			}
			var l line
			l.add(p, stLabel, it.label)
			l.add(p, textStyle, it.value)
			info = append(info, l.span())
			width += l.w + cellWidth(p.g.dot)
		}
		if width-cellWidth(p.g.dot) <= room {
			break
		}
	}

	var bd body
	bd.add(joinSpans(p, info, 1<<30)...) // one line, cut by the box only as a last resort

	podsStart := len(bd.spans)
	rows := 0 // the lines the pod area keeps room for
	switch form {
	case formBoxes:
		per := podsPerRow(room)
		podRows := ceilDiv(max(capPods, 1), per)
		p.podRows = max(p.podRows, podRows)
		rows = podRows * podBoxLines
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
		// A pod in trouble gets a second line saying why, when the reserved
		// rows have room for one under every such pod; otherwise, when
		// they all fail alike, one line under the last says it for all.
		spare := capPods - len(rs.Pods)
		type why struct{ why, next string }
		whys := make([]why, len(rs.Pods))
		failing, alike := 0, true
		for i := range rs.Pods {
			w, n := trouble(&rs.Pods[i], p.now)
			whys[i] = why{w, n}
			if w != "" {
				if failing > 0 && whys[i] != whys[failing-1] {
					alike = false
				}
				failing++
			}
		}
		for i := range rs.Pods {
			pod := &rs.Pods[i]
			bd.places = append(bd.places, Place{pod.UID, 0, len(bd.spans)})
			bd.add(podLine(p, pod, o, old, room))
			if whys[i].why != "" && failing <= spare {
				bd.add(troubleLine(p, "", whys[i].why, whys[i].next, room))
			}
		}
		if failing > spare && spare > 0 {
			var w why
			for _, x := range whys {
				if x.why != "" {
					w = x
				}
			}
			if alike {
				bd.add(troubleLine(p, "all "+strconv.Itoa(failing)+": ", w.why, w.next, room))
			} else {
				bd.add(troubleLine(p, "", strconv.Itoa(failing)+" pods failing: e shows why", "", room))
			}
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

// troubleLine is the line under a one-line pod in trouble, indented under
// its name: "image not found, retry in 40s". What does not fit goes, in
// order: the restart count, then the countdown.
func troubleLine(p *painter, prefix, why, next string, room int) span {
	var l line
	l.addRaw(p, stPlain, "    ", 4)
	short, _, _ := strings.Cut(why, " · ")
	text := prefix + why
	for _, t := range []string{prefix + why + ", " + next, prefix + short + ", " + next, prefix + short} {
		if next == "" && strings.HasSuffix(t, ", ") {
			continue
		}
		if l.w+cellWidth(p.text(t)) <= room {
			text = t
			break
		}
	}
	l.add(p, stWarn, text)
	return l.span()
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

// historyLines is the Deployment's rollout history in n lines, as `kubectl
// rollout history` orders it (by revision, oldest first), each revision
// with its image, "restart" when it came from `kubectl rollout restart`,
// the current one marked, and where `u` goes:
//
//	revisions 1 nginx:latest · 2 nginx:1.27 (current) · u: back to 1
//
// When it does not fit, the oldest revisions are left out and counted.
func historyLines(p *painter, d *controller.DeploymentView, room, n int) []span {
	revs := make([]*controller.ReplicaSetView, 0, len(d.ReplicaSets))
	for i := range d.ReplicaSets {
		if d.ReplicaSets[i].Revision > 0 {
			revs = append(revs, &d.ReplicaSets[i])
		}
	}
	slices.SortStableFunc(revs, func(a, b *controller.ReplicaSetView) int { return cmp.Compare(a.Revision, b.Revision) })
	entry := func(i int) span {
		rs := revs[i]
		var notes []string
		if rs.Restarted && (i == 0 || !revs[i-1].Restarted || revs[i-1].RestartedAt != rs.RestartedAt) {
			notes = append(notes, "restart")
		}
		if rs.New {
			notes = append(notes, "current")
		}
		st := stOld
		if rs.New {
			st = stPlain
		}
		var l line
		l.add(p, st, strconv.FormatInt(rs.Revision, 10)+" "+strings.Join(rs.Images, ","))
		if len(notes) > 0 {
			l.add(p, stLabel, " ("+strings.Join(notes, ", ")+")")
		}
		return l.span()
	}
	var tail line
	if t := undoTarget(d); t >= 0 {
		tail.add(p, stLabel, "u: back to "+strconv.FormatInt(d.ReplicaSets[t].Revision, 10))
	} else {
		tail.add(p, stLabel, "nothing to undo yet")
	}
	var lines []span
	for skip := 0; skip <= max(len(revs)-1, 0); skip++ {
		var head line
		if skip == 0 {
			head.add(p, stLabel, "revisions")
		} else {
			head.add(p, stLabel, "revisions ("+strconv.Itoa(skip)+" older)")
		}
		items := []span{head.span()}
		for i := skip; i < len(revs); i++ {
			items = append(items, entry(i))
		}
		items = append(items, tail.span())
		lines = joinWords(p, items, room)
		if len(lines) <= n {
			break
		}
	}
	if len(lines) > n { // a last resort: the room is truly too small
		lines = lines[:n]
		lines[n-1].s = truncate(lines[n-1].s, room-1, "") + p.g.ellipsis
		lines[n-1].w = cellWidth(lines[n-1].s)
	}
	for len(lines) < n {
		lines = append(lines, span{})
	}
	return lines
}

// joinWords is joinSpans for the history: the first item and the next are
// a space apart, the rest " · " apart.
func joinWords(p *painter, items []span, room int) []span {
	if len(items) < 2 {
		return joinSpans(p, items, room)
	}
	first := span{items[0].s + " " + items[1].s, items[0].w + 1 + items[1].w}
	return joinSpans(p, append([]span{first}, items[2:]...), room)
}
