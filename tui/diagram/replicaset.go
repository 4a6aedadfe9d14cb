package diagram

import (
	"strconv"
	"strings"

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
// revision, hash, image and desired/ready, then its pods in their slots.
// Old ReplicaSets are drawn dim.
func replicaSetBox(p *painter, rs *controller.ReplicaSetView, o *Options, w int) block {
	old := rs.Owner != "" && !rs.New
	nameStyle, kindStyle := stName, stKind
	if old {
		nameStyle, kindStyle = stOld, stOld
	}
	var title line
	title.add(p, kindStyle, "ReplicaSet ")
	title.add(p, nameStyle, rs.Name)
	switch {
	case rs.Owner == "":
	case rs.New:
		title.add(p, stLabel, p.g.dot+"new")
	default:
		title.add(p, stOld, p.g.dot+"old")
	}

	var info line
	textStyle := stPlain
	if old {
		textStyle = stOld
	}
	if rs.Revision > 0 {
		info.add(p, stLabel, "rev ")
		info.add(p, textStyle, strconv.FormatInt(rs.Revision, 10))
		info.add(p, stLabel, p.g.dot)
	}
	if rs.Hash != "" {
		info.add(p, stLabel, "hash ")
		info.add(p, textStyle, rs.Hash)
		info.add(p, stLabel, p.g.dot)
	}
	info.add(p, textStyle, strings.Join(rs.Images, ", "))
	info.add(p, stLabel, p.g.dot+"desired ")
	info.add(p, textStyle, strconv.Itoa(int(rs.Desired)))
	info.add(p, stLabel, p.g.dot+"ready ")
	info.add(p, textStyle, strconv.Itoa(int(rs.Ready))+"/"+strconv.Itoa(int(rs.Desired)))

	body := []span{info.span()}
	room := w - 4
	switch {
	case len(rs.Pods) == 0:
		var l line
		l.add(p, stLabel, "no pods")
		body = append(body, l.span())
	case collapses(rs, w):
		body = append(body, podGrid(p, rs.Pods, room, o)...)
	default:
		pw := min(podBoxWidth, room)
		boxes := make([]block, len(rs.Pods))
		for i := range rs.Pods {
			boxes[i] = o.cachedPodBox(p, &rs.Pods[i], old, pw)
		}
		body = append(body, blockSpans(flow(boxes, room, gap, 0))...)
	}

	b, bs := p.g.normal, stBorder
	if old {
		bs = stBorderOld
	}
	if rs.UID != "" && rs.UID == o.Selected {
		b, bs = p.g.selected, stBorderSelected
	}
	return drawBox(p, boxSpec{border: b, borderStyle: bs, title: title.span(), body: body}, w)
}

// historyLine lists old ReplicaSets kept at zero replicas, which a rollback
// would scale up again.
func historyLine(p *painter, rss []*controller.ReplicaSetView, room int) []span {
	if len(rss) == 0 {
		return nil
	}
	items := []span{}
	var head line
	head.add(p, stLabel, "kept for rollback (0 pods):")
	items = append(items, head.span())
	for _, rs := range rss {
		var l line
		l.add(p, stOld, "rev "+strconv.FormatInt(rs.Revision, 10)+" "+rs.Hash+" "+strings.Join(rs.Images, ","))
		items = append(items, l.span())
	}
	return packSpans(items, room)
}
