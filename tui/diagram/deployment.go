package diagram

import (
	"strconv"

	"podviz/controller"
)

// deploymentWidth decides how wide a Deployment's box is, given avail cells.
// Every ReplicaSet box of one Deployment has the same width — room for
// spec.replicas pods in a row, or half the width for one-line pods — so an
// old ReplicaSet keeps its size while it drains and the new one opens beside
// it (or below it when two do not fit). The Deployment keeps room for two
// side by side even before a rollout, so its box does not widen when the
// new one opens. Glyph grids take the whole width.
func deploymentWidth(p *painter, d *controller.DeploymentView, avail int, boxes []*controller.ReplicaSetView) (depW, rsW int) {
	maxRS := max(avail-4, 4)
	switch p.plan.form {
	case formLines:
		rsW = maxRS
		if half := (maxRS - gap) / 2; half >= minLinesRS {
			rsW = min(half, maxLinesRS)
		}
	case formGrid:
		rsW = maxRS
	default:
		slots := min(max(int(d.Replicas), 1), podsPerRow(maxRS-4))
		rsW = min(rsWidthFor(slots), maxRS)
		for _, rs := range boxes {
			if collapses(rs, rsW) {
				rsW = maxRS
			}
		}
	}
	n := max(len(boxes), 2)
	depW = rsW + 4
	if n*(rsW+gap)-gap+4 <= avail {
		depW = n*(rsW+gap) - gap + 4 // side by side
	} else if 2*(rsW+gap)-gap+4 <= avail {
		depW = 2*(rsW+gap) - gap + 4
	}
	return max(min(depW, avail), min(minDeployWidth, avail)), rsW
}

// replicaSetBoxes are the ReplicaSets drawn as boxes, oldest first: those
// with pods or replicas, the new one, and — when that leaves fewer than two
// — the newest old one kept at zero (the one `rollout undo` scales up), so
// that the box of the ReplicaSet that just finished draining stays where it
// was. The rest are history, listed on one line.
func replicaSetBoxes(d *controller.DeploymentView) (boxes, history []*controller.ReplicaSetView) {
	show := make([]bool, len(d.ReplicaSets))
	n := 0
	for i := range d.ReplicaSets {
		if rsShowsBox(&d.ReplicaSets[i]) {
			show[i] = true
			n++
		}
	}
	if n < 2 {
		for i := len(d.ReplicaSets) - 1; i >= 0; i-- {
			if !show[i] {
				show[i] = true
				break
			}
		}
	}
	for i := range d.ReplicaSets {
		if show[i] {
			boxes = append(boxes, &d.ReplicaSets[i])
		} else {
			history = append(history, &d.ReplicaSets[i])
		}
	}
	return boxes, history
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
	return []string{long, short, ""}
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

// deploymentBox draws a Deployment: the strategy and its budget on the top
// edge; a line of replica counts; `kubectl rollout status`'s line; during a
// rollout the controller's own budget and reason (the "why" line); then its
// ReplicaSets, oldest first, each holding its pods; and the old ReplicaSets
// kept at zero for rollback.
func deploymentBox(p *painter, d *controller.DeploymentView, o *Options, avail int) block {
	rsBoxes0, _ := replicaSetBoxes(d)
	w, rsW := deploymentWidth(p, d, avail, rsBoxes0)
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

	var counts line
	counts.add(p, stLabel, "replicas ")
	counts.add(p, stPlain, itoa(d.Replicas))
	counts.add(p, stLabel, p.g.dot+"updated ")
	counts.add(p, stPlain, itoa(d.UpdatedReplicas))
	counts.add(p, stLabel, p.g.dot+"ready ")
	counts.add(p, stPlain, itoa(d.ReadyReplicas))
	counts.add(p, stLabel, p.g.dot+"available ")
	counts.add(p, stPlain, itoa(d.AvailableReplicas))
	if d.Revision > 0 {
		counts.add(p, stLabel, p.g.dot+"rev ")
		counts.add(p, stPlain, strconv.FormatInt(d.Revision, 10))
	}
	if d.Paused {
		counts.add(p, stWarn, p.g.dot+"rollout paused")
	}
	var bd body
	bd.add(counts.span())

	// `kubectl rollout status`'s line, then the why: the controller's
	// arithmetic and its current move, its words. Two lines each, always.
	st := stWhy
	switch {
	case d.RolloutFailed:
		st = stWarn
	case d.RolloutDone:
		st = stateStyle(stateReady)
	}
	bd.add(fixedLines(p, st, d.RolloutStatus, room, 2)...)
	why := d.Decision.Budget
	if why == "" {
		why = "settled · " + settledBudget(d)
	}
	if d.Decision.Reason != "" {
		why += " · " + d.Decision.Reason
	}
	bd.add(fixedLines(p, stWhy, why, room, 2)...)

	rsBoxes, history := replicaSetBoxes(d)
	var boxes []block
	for _, rs := range rsBoxes {
		capPods := capacity(d, rs)
		if p.plan.form == formBoxes && !p.plan.reserve {
			capPods = int(d.Replicas) // boxes: room for spec.replicas, not the surge
		}
		boxes = append(boxes, replicaSetBox(p, rs, o, min(rsW, room), capPods))
	}
	if p.plan.reserve && len(boxes) == 1 && 2*(rsW+gap)-gap > room {
		// Room for the next rollout's ReplicaSet below (its lines only: the
		// places are not drawn twice).
		boxes = append(boxes, block{lines: boxes[0].lines, w: boxes[0].w})
	}
	if len(boxes) > 0 {
		bd.addBlock(flow(boxes, room, gap, 0))
	}
	bd.add(historyLine(p, history, room))

	b, bs := p.g.normal, stBorder
	if d.UID != "" && d.UID == o.Selected {
		b, bs = p.g.selected, stBorderSelected
	}
	return drawBox(p, boxSpec{border: b, borderStyle: bs, title: title.span(), body: bd.spans, uid: d.UID, places: bd.places}, w)
}

// orphanReplicaSetBox draws a ReplicaSet no Deployment owns at top level.
func orphanReplicaSetBox(p *painter, rs *controller.ReplicaSetView, o *Options, avail int) block {
	slots := min(max(int(rs.Desired), 1), podsPerRow(avail-4))
	w := min(rsWidthFor(slots), avail)
	if collapses(rs, w) || p.plan.form == formGrid {
		w = avail
	}
	return replicaSetBox(p, rs, o, w, 0)
}

// barePodsGrid collects many bare pods into one box of glyphs.
func barePodsGrid(p *painter, pods []controller.PodView, o *Options, w int) block {
	var title line
	title.add(p, stKind, "Pods")
	title.add(p, stLabel, " without a controller (nothing recreates them)")
	body, places := podGrid(p, pods, w-4, o)
	return drawBox(p, boxSpec{border: p.g.normal, borderStyle: stBorder, title: title.span(), body: body, places: places}, w)
}
