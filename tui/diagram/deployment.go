package diagram

import (
	"strconv"
	"strings"
	"time"

	"podviz/controller"
)

// depShape is how a Deployment box is laid out in the width it has.
type depShape struct {
	w, rsW int
	// side: two ReplicaSets stand side by side (old left, new right);
	// otherwise one above the other.
	side bool
	// textLines is how many lines kubectl's rollout status and the
	// controller's why line each keep; historyLines the rollout history.
	textLines, historyLines int
}

// deploymentShape decides a Deployment box's width and arrangement in avail
// cells. Every ReplicaSet box of one Deployment has the same width — room
// for spec.replicas + maxSurge pods in as few rows as fit, or half the
// width for one-line pods — so an old ReplicaSet keeps its size while it
// drains and the new one opens beside or below it. Two ReplicaSets stand
// side by side when that takes no more rows of pods than one above the
// other. The box is as wide as that, its title, or textWidth (so its text
// lines are not cut), whichever is widest, within avail. None of it depends
// on the pods' current states, so nothing moves during a rollout.
func deploymentShape(p *painter, d *controller.DeploymentView, avail int) depShape {
	room := max(avail-4, 4)
	c := maxCapacity(d, p.reserve)
	sideW := (room - gap) / 2
	// Side by side only when the line under a ReplicaSet's title fits
	// there (or fits nowhere).
	infoW := infoWidth(p, d) + 4
	sideFits := infoW <= sideW || infoW > room
	var s depShape
	switch p.plan.form {
	case formLines:
		if sideW >= minLinesRS && sideFits {
			s.side, s.rsW = true, min(sideW, maxLinesRS)
		} else {
			s.rsW = min(room, maxLinesRS)
		}
	case formGrid:
		s.rsW = room
	default:
		// Slots for spec.replicas + surge in a row when they fit, rows for
		// spec.replicas (see deploymentBox).
		r := max(p.reserve.replicas(d), 1)
		slots := podsPerRow(room - 4)
		rows := ceilDiv(r, slots)
		s.rsW = min(max(rsWidthFor(min(c, slots)), minRSWidth), room)
		if sideW-4 >= podBoxWidth && sideFits {
			if sideSlots := podsPerRow(sideW - 4); ceilDiv(r, sideSlots) <= rows {
				s.side, s.rsW = true, min(max(rsWidthFor(min(c, sideSlots)), minRSWidth), sideW)
			}
		}
		if rows > collapseRows { // glyphs inside: as wide as there is room
			s.side, s.rsW = false, room
		}
	}
	// Wide enough for the line under each ReplicaSet's title, whichever
	// image it runs (the next rollout's is the template's), within the room.
	if p.plan.form != formGrid {
		limit := room
		if s.side {
			limit = sideW
		}
		s.rsW = min(max(s.rsW, infoW), limit)
	}
	area := s.rsW
	if s.side {
		area = 2*s.rsW + gap
	}
	titleW := 0
	if ts := strategyTitles(d, p.g); len(ts) > 0 {
		var t line
		t.add(p, stKind, "Deployment "+d.Name+p.g.dot+ts[0])
		titleW = t.w + 5
	}
	// Wide enough for the whole rollout history on one line too, within
	// avail: a box narrower than the screen used to leave out revisions
	// ("(5 older)") beside empty columns.
	histW := 0
	if h := historyLines(p, d, 1<<20, 1); len(h) > 0 {
		histW = h[0].w + 4
	}
	s.w = min(avail, max(area+4, titleW, textWidth, histW))
	s.w = max(s.w, min(minDeployWidth, avail))
	s.textLines, s.historyLines = 2, 1
	if s.w-4 < 72 {
		s.textLines, s.historyLines = 3, 2
	}
	return s
}

// infoWidth is the width of the shortest line under a ReplicaSet's title
// ("rev 12 · nginx:1.27 · ready 10/10") for the widest image list among
// d's ReplicaSets and its template.
func infoWidth(p *painter, d *controller.DeploymentView) int {
	images := cellWidth(p.text(strings.Join(d.Images, ", ")))
	rev := int64(1)
	for i := range d.ReplicaSets {
		images = max(images, cellWidth(p.text(strings.Join(d.ReplicaSets[i].Images, ", "))))
		rev = max(rev, d.ReplicaSets[i].Revision+1)
	}
	dot := cellWidth(p.g.dot)
	return len("rev ") + len(strconv.FormatInt(rev, 10)) + dot + images + dot + len("ready /") + 2*len(strconv.Itoa(p.reserve.replicas(d)+1))
}

func ceilDiv(a, b int) int { return (a + max(b, 1) - 1) / max(b, 1) }

// replicaSetBoxes are the ReplicaSets drawn as boxes, oldest first: those
// with pods or replicas, the new one, and — when that leaves fewer than two
// — the old one `rollout undo` would scale up again (the highest revision
// below the current one), so that the box of the ReplicaSet that just
// finished draining stays where it was. The rest are only in the history
// line.
func replicaSetBoxes(d *controller.DeploymentView) (boxes, rest []*controller.ReplicaSetView) {
	show := make([]bool, len(d.ReplicaSets))
	n := 0
	for i := range d.ReplicaSets {
		if rsShowsBox(&d.ReplicaSets[i]) {
			show[i] = true
			n++
		}
	}
	if n < 2 {
		if i := undoTarget(d); i >= 0 {
			show[i] = true
		}
	}
	for i := range d.ReplicaSets {
		if show[i] {
			boxes = append(boxes, &d.ReplicaSets[i])
		} else {
			rest = append(rest, &d.ReplicaSets[i])
		}
	}
	return boxes, rest
}

// undoTarget is the index of the ReplicaSet `kubectl rollout undo` goes back
// to: the highest revision below the Deployment's new ReplicaSet's (-1 when
// there is none).
func undoTarget(d *controller.DeploymentView) int {
	cur := int64(-1)
	for i := range d.ReplicaSets {
		if d.ReplicaSets[i].New {
			cur = d.ReplicaSets[i].Revision
		}
	}
	best := -1
	for i := range d.ReplicaSets {
		rs := &d.ReplicaSets[i]
		if rs.New || (cur >= 0 && rs.Revision >= cur) {
			continue
		}
		if best < 0 || rs.Revision > d.ReplicaSets[best].Revision {
			best = i
		}
	}
	return best
}

// settledBudget is the rolling-update budget in the same words the
// controller uses during a rollout, shown while nothing happens so the line
// is always there (and nothing below it moves when a rollout starts).
func settledBudget(d *controller.DeploymentView) string {
	if d.Strategy != "RollingUpdate" {
		return d.Strategy + ": all old pods are stopped before new ones start"
	}
	return "max " + itoa(d.Replicas+d.Surge) + " pods (" + itoa(d.Replicas) + " + surge " + itoa(d.Surge) + "), min " +
		itoa(d.Replicas-d.Unavailable) + " available (" + itoa(d.Replicas) + " - " + itoa(d.Unavailable) + ")"
}

// whyText is the Deployment's "why" line: the controller's budget and its
// current move or wait, in its own words. While nothing is pending it says
// so ("nothing to do"). When the rollout waits on pods that cannot start,
// it says why they cannot and that the controller will wait forever: a
// Deployment never rolls back by itself, and the progress deadline only
// reports the failure. A paused rollout says what resumes it.
func whyText(p *painter, d *controller.DeploymentView) string {
	reason := d.Decision.Reason
	if reason == "" {
		return "nothing to do" + p.g.dot + settledBudget(d)
	}
	if cause := stuckCause(d, p.now); cause != "" && !d.Paused {
		reason = strings.TrimPrefix(reason, "progress deadline exceeded; ")
		return reason + " — never: " + cause + "; the controller waits forever"
	}
	why := d.Decision.Budget
	if why == "" {
		why = settledBudget(d)
	}
	why += p.g.dot + reason
	if d.Paused {
		why += " until the rollout is resumed (kubectl rollout resume)"
	}
	return why
}

// stuckCause says why the new ReplicaSet's pods will not become available
// by themselves ("" when nothing is failing).
func stuckCause(d *controller.DeploymentView, now time.Duration) string {
	if d.RolloutDone {
		return ""
	}
	for i := range d.ReplicaSets {
		rs := &d.ReplicaSets[i]
		if !rs.New {
			continue
		}
		for j := range rs.Pods {
			if !Failing(&rs.Pods[j]) {
				continue
			}
			why, _ := trouble(&rs.Pods[j], now)
			if strings.HasPrefix(why, "exit ") || why == "crashing" {
				why, _, _ = strings.Cut(why, " · ")
				return "the new pods crash (" + why + ")"
			}
			return why
		}
	}
	return ""
}

// fixedLines wraps text into exactly n lines of at most room cells: padded
// with blank lines, and the last one cut with an ellipsis when there is
// more. Reserved heights keep the boxes below from jumping.
func fixedLines(p *painter, st styleID, text string, room, n int) []span {
	lines := wrapWords(p.text(text), room)
	if len(lines) > n {
		lines[n-1] = truncate(lines[n-1]+" "+lines[n], room-1, "") + p.g.ellipsis
		lines = lines[:n]
	}
	out := make([]span, n)
	for i, t := range lines {
		var l line
		l.addRaw(p, st, t, cellWidth(t))
		out[i] = l.span()
	}
	return out
}

// strategyTitles are the Deployment's title lines, longest first; the box
// uses the first that fits. The budget is the spec's value and what the
// controller resolved it to against spec.replicas.
func strategyTitles(d *controller.DeploymentView, g *glyphSet) []string {
	if d.Strategy != "RollingUpdate" {
		return []string{d.Strategy, ""}
	}
	long := "RollingUpdate" + g.dot + "maxSurge " + d.MaxSurge + " " + g.arrow + " " + itoa(d.Surge) +
		", maxUnavailable " + d.MaxUnavailable + " " + g.arrow + " " + itoa(d.Unavailable)
	short := "RollingUpdate" + g.dot + "surge " + itoa(d.Surge) + ", unavailable " + itoa(d.Unavailable)
	return []string{long, short, "RollingUpdate", ""}
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

// deploymentBox draws a Deployment: the strategy and its budget on the top
// edge; a line of replica counts; `kubectl rollout status`'s line; the
// controller's own budget and reason (the "why" line); then its
// ReplicaSets, oldest first, each holding its pods (and, before the first
// rollout, the empty place where the next one will open); and the rollout
// history.
func deploymentBox(p *painter, d *controller.DeploymentView, o *Options, avail int) block {
	sh := deploymentShape(p, d, avail)
	w := sh.w
	room := w - 4

	var title line
	for _, strategy := range strategyTitles(d, p.g) {
		title = line{}
		title.add(p, stKind, "Deployment ")
		title.add(p, stName, d.Name)
		if strategy != "" {
			title.add(p, stLabel, p.g.dot+strategy)
		}
		if title.w <= w-5 {
			break
		}
	}

	var counts []span
	item := func(label, value string) {
		var l line
		l.add(p, stLabel, label)
		l.add(p, stPlain, value)
		counts = append(counts, l.span())
	}
	item("replicas ", itoa(d.Replicas))
	item("updated ", itoa(d.UpdatedReplicas))
	item("ready ", itoa(d.ReadyReplicas))
	item("available ", itoa(d.AvailableReplicas))
	if d.Revision > 0 {
		item("rev ", strconv.FormatInt(d.Revision, 10))
	}
	if d.Paused {
		var l line
		l.add(p, stWarn, "rollout paused")
		counts = append(counts, l.span())
	}
	var bd body
	bd.add(joinSpans(p, counts, room)...)

	// `kubectl rollout status`'s line, then the why: the controller's
	// arithmetic and its current move, its words. A fixed number of lines
	// each, always.
	st := stWhy
	switch {
	case d.RolloutFailed:
		st = stWarn
	case d.RolloutDone:
		st = stateStyle(stateReady)
	}
	bd.add(fixedLines(p, st, d.RolloutStatus, room, sh.textLines)...)
	bd.add(fixedLines(p, stWhy, whyText(p, d), room, sh.textLines)...)

	rsBoxes, _ := replicaSetBoxes(d)
	var boxes []block
	for _, rs := range rsBoxes {
		capPods := capacity(d, rs, p.reserve)
		if p.plan.form == formBoxes {
			// Rows of boxes are kept for spec.replicas: the surge pod takes a
			// free slot in the last row when there is one (a rollout moves
			// at most spec.replicas pods into either ReplicaSet).
			capPods = max(p.reserve.replicas(d), len(rs.Pods))
		}
		boxes = append(boxes, replicaSetBox(p, rs, o, min(sh.rsW, room), capPods))
	}
	if len(boxes) == 1 {
		h := len(boxes[0].lines)
		if p.plan.form == formGrid || (p.plan.form == formBoxes && collapses(max(p.reserve.replicas(d), 1), sh.rsW)) {
			h = min(h, 3) // thousands of pods: the room is a glyph grid's, not worth a screen of blank
		}
		boxes = append(boxes, nextReplicaSetBox(p, boxes[0].w, h))
	}
	if len(boxes) > 0 {
		if sh.side {
			bd.addBlock(flow(boxes, room, gap, 0))
		} else {
			bd.addBlock(stack(boxes, 0))
		}
	}
	bd.add(historyLines(p, d, room, sh.historyLines)...)

	b, bs := p.g.normal, stBorder
	if d.UID != "" && d.UID == o.Selected {
		b, bs = p.g.selected, stBorderSelected
	}
	return drawBox(p, boxSpec{border: b, borderStyle: bs, title: title.span(), body: bd.spans, uid: d.UID, places: bd.places}, w)
}

// nextReplicaSetBox is the empty, dashed place where the next rollout's
// ReplicaSet will open, as big as the current one, so the Deployment box
// does not grow (and nothing below it moves) when the first rollout starts.
func nextReplicaSetBox(p *painter, w, h int) block {
	var title line
	title.add(p, stOld, "next ReplicaSet")
	n := max(h-2, 1)
	text := fixedLines(p, stOld, "a rollout opens it here", max(w-4, 1), n)
	body := make([]span, n)
	copy(body, text)
	return drawBox(p, boxSpec{border: p.g.ghost, borderStyle: stBorderOld, title: title.span(), body: body}, w)
}

// orphanReplicaSetBox draws a ReplicaSet no Deployment owns at top level,
// with room for its desired pods.
func orphanReplicaSetBox(p *painter, rs *controller.ReplicaSetView, o *Options, avail int) block {
	capPods := max(int(rs.Desired), len(rs.Pods))
	slots := min(max(capPods, 1), podsPerRow(avail-4))
	w := min(max(rsWidthFor(slots), minRSWidth), avail)
	if collapses(capPods, w) || p.plan.form == formGrid {
		w = avail
	}
	return replicaSetBox(p, rs, o, w, capPods)
}

// barePodsGrid collects many bare pods into one box of glyphs.
func barePodsGrid(p *painter, pods []controller.PodView, o *Options, w int) block {
	var title line
	title.add(p, stKind, "Pods")
	title.add(p, stLabel, " without a controller (nothing recreates them)")
	body, places := podGrid(p, pods, w-4, o)
	return drawBox(p, boxSpec{border: p.g.normal, borderStyle: stBorder, title: title.span(), body: body, places: places}, w)
}
