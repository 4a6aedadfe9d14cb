package diagram

import (
	"strconv"

	"podviz/controller"
)

// deploymentWidth decides how wide a Deployment's box is, given avail cells.
// Every ReplicaSet box of one Deployment has the same width — room for
// spec.replicas pods in a row — so an old ReplicaSet keeps its size while it
// drains and the new one opens beside it (or below it when two do not fit).
// A ReplicaSet whose pods collapse to a grid takes the whole width.
func deploymentWidth(d *controller.DeploymentView, avail int) (depW, rsW int) {
	maxRS := max(avail-4, 4)
	slots := min(max(int(d.Replicas), 1), podsPerRow(maxRS-4))
	rsW = min(rsWidthFor(slots), maxRS)
	n := 0
	for i := range d.ReplicaSets {
		rs := &d.ReplicaSets[i]
		if !rsShowsBox(rs) {
			continue
		}
		n++
		if collapses(rs, rsW) {
			rsW = maxRS
		}
	}
	depW = rsW + 4
	if n > 1 && n*(rsW+gap)-gap+4 <= avail {
		depW = n*(rsW+gap) - gap + 4 // side by side
	}
	return max(min(depW, avail), min(minDeployWidth, avail)), rsW
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
	w, rsW := deploymentWidth(d, avail)
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
	body := []span{counts.span()}

	if d.RolloutStatus != "" {
		st := stWhy
		switch {
		case d.RolloutFailed:
			st = stWarn
		case d.RolloutDone:
			st = stateStyle(stateReady)
		}
		for _, t := range wrapWords(p.text(d.RolloutStatus), room) {
			var l line
			l.addRaw(p, st, t, cellWidth(t))
			body = append(body, l.span())
		}
	}

	// The why: the controller's arithmetic and its current move, its words.
	if d.Decision.Budget != "" || d.Decision.Reason != "" {
		why := d.Decision.Budget
		if d.Decision.Reason != "" {
			if why != "" {
				why += " · "
			}
			why += d.Decision.Reason
		}
		lines := wrapWords(p.text(why), room)
		for len(lines) < 2 { // a fixed minimum, so short reasons do not make the boxes below jump
			lines = append(lines, "")
		}
		for _, t := range lines {
			var l line
			l.addRaw(p, stWhy, t, cellWidth(t))
			body = append(body, l.span())
		}
	}

	var boxes []block
	var history []*controller.ReplicaSetView
	for i := range d.ReplicaSets {
		rs := &d.ReplicaSets[i]
		if !rsShowsBox(rs) {
			history = append(history, rs)
			continue
		}
		boxes = append(boxes, replicaSetBox(p, rs, o, min(rsW, room)))
	}
	if len(boxes) > 0 {
		body = append(body, blockSpans(flow(boxes, room, gap, 0))...)
	}
	body = append(body, historyLine(p, history, room)...)

	b, bs := p.g.normal, stBorder
	if d.UID != "" && d.UID == o.Selected {
		b, bs = p.g.selected, stBorderSelected
	}
	return drawBox(p, boxSpec{border: b, borderStyle: bs, title: title.span(), body: body}, w)
}

// orphanReplicaSetBox draws a ReplicaSet no Deployment owns at top level.
func orphanReplicaSetBox(p *painter, rs *controller.ReplicaSetView, o *Options, avail int) block {
	slots := min(max(int(rs.Desired), 1), podsPerRow(avail-4))
	w := min(rsWidthFor(slots), avail)
	if collapses(rs, w) {
		w = avail
	}
	return replicaSetBox(p, rs, o, w)
}

// barePodsGrid collects many bare pods into one box of glyphs.
func barePodsGrid(p *painter, pods []controller.PodView, o *Options, w int) block {
	var title line
	title.add(p, stKind, "Pods")
	title.add(p, stLabel, " without a controller (nothing recreates them)")
	body := podGrid(p, pods, w-4, o)
	return drawBox(p, boxSpec{border: p.g.normal, borderStyle: stBorder, title: title.span(), body: body}, w)
}
