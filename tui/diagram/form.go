package diagram

import (
	"strconv"
	"strings"

	"podviz/controller"
)

// podForm is how a ReplicaSet draws its pods, from roomiest to densest.
type podForm uint8

const (
	// formBoxes: one 5-line box per pod (state, IP, containers).
	formBoxes podForm = iota
	// formLines: one line per pod: "● …-rqp8q Ready 10.244.0.3".
	formLines
	// formGrid: one glyph per pod under a line of counts.
	formGrid
)

// plan is the drawing density and arrangement one Render uses for every
// object.
type plan struct {
	form        podForm
	compactBare bool // bare Pods as one line per container instead of nested boxes
	// beside puts the Deployments to the right of a column of bare Pods, as
	// the article draws its two pictures; otherwise they flow below.
	beside bool
}

// capacity is the most pods one of d's ReplicaSets is drawn for:
// spec.replicas, plus one for a killed pod still terminating beside its
// replacement, or more when more pods are actually there. A rollout never
// puts more than spec.replicas pods into one ReplicaSet — the new one is
// scaled up to at most spec.replicas, old ones only down; maxSurge is
// spent across them — so this is all the room a rollout needs.
func capacity(d *controller.DeploymentView, rs *controller.ReplicaSetView, r Reserve) int {
	c := r.replicas(d) + 1
	if rs != nil {
		c = max(c, len(rs.Pods))
	}
	return c
}

// maxCapacity is the largest capacity among d's ReplicaSets.
func maxCapacity(d *controller.DeploymentView, r Reserve) int {
	c := capacity(d, nil, r)
	for j := range d.ReplicaSets {
		c = max(c, capacity(d, &d.ReplicaSets[j], r))
	}
	return c
}

// metrics are what choosePlan compares candidate layouts by.
type metrics struct {
	// impossible: the arrangement cannot be drawn at this width at all.
	impossible bool
	height     int
	// podRows is the most rows of pod boxes any ReplicaSet box has (form
	// boxes): one row reads as the article's picture, more less so.
	podRows int
	// collapsed: in form boxes, some ReplicaSet had too little room for its
	// boxes and drew glyphs instead — not the form it claims to be.
	collapsed bool
}

// choosePlan picks the plan that shows the most in height lines: the
// roomiest pod form (boxes, then one line per pod, then glyphs) for which
// some arrangement fits, and among those the one with the fewest rows of
// pod boxes, then full bare Pod boxes over compact ones, then the least
// height (the rest of the screen goes to the event log).
//
// Every object is drawn at the size it can reach during a rollout (each
// ReplicaSet room for spec.replicas + maxSurge pods, a Deployment room for
// two ReplicaSets), so the choice depends only on the shape of the cluster
// (replicas, surge, objects, width, height), not on the pods' current
// count: the form does not flip and boxes do not move while pods come and
// go. Plans are remembered in the cache by that shape.
//
// The picture of the winner is returned too when it was drawn here (nil
// when the plan came from the cache or needed no drawing).
func choosePlan(snap *controller.Snapshot, width int, opts *Options) (plan, *block) {
	height := opts.Height
	if height <= 0 {
		// No height to fit (podviz render without --height): the roomiest
		// form, Deployments below the bare Pods, as the page reads.
		return plan{form: formBoxes}, nil
	}
	compacts := []bool{false, true}
	key := shapeKey(snap, width, opts)
	if c := opts.Cache; c != nil {
		if pl, ok := c.plans[key]; ok {
			return pl, nil
		}
	}
	maxCap := 0
	for i := range snap.Deployments {
		maxCap = max(maxCap, maxCapacity(&snap.Deployments[i], opts.Reserve))
	}
	besides := []bool{false}
	if len(snap.BarePods)+len(ghosts(snap)) > 0 && len(snap.Deployments)+len(snap.ReplicaSets) > 0 {
		besides = []bool{true, false}
	}
	chosen := plan{form: formGrid, compactBare: true}
	var picture *block
	found := false
	for _, form := range []podForm{formBoxes, formLines, formGrid} {
		// Cheap bounds first: a form whose pods alone cannot fit is skipped
		// without drawing 10,000 of them.
		if form == formLines && maxCap > height {
			continue
		}
		if form == formBoxes && podBoxLines*((maxCap+podsPerRow(width)-1)/podsPerRow(width)) > height {
			continue
		}
		var best metrics
		for _, compact := range compacts {
			for _, beside := range besides {
				pl := plan{form: form, compactBare: compact, beside: beside}
				m, out := layout(snap, width, opts, pl)
				m.collapsed = m.collapsed && form == formBoxes
				if m.impossible || m.collapsed || m.height > height {
					continue
				}
				if !found || better(m, pl, best, chosen) {
					chosen, best, found, picture = pl, m, true, &out
				}
			}
		}
		if found {
			break
		}
	}
	if c := opts.Cache; c != nil {
		if len(c.plans) > 64 {
			clear(c.plans)
		}
		c.plans[key] = chosen
	}
	return chosen, picture
}

// better orders two fitting candidates of one form: fewer rows of pod
// boxes, then full bare Pod boxes, then less height.
func better(m metrics, pl plan, best metrics, chosen plan) bool {
	if m.podRows != best.podRows {
		return m.podRows < best.podRows
	}
	if pl.compactBare != chosen.compactBare {
		return !pl.compactBare
	}
	return m.height < best.height
}

// shapeKey is everything choosePlan's answer depends on.
func shapeKey(snap *controller.Snapshot, width int, opts *Options) string {
	var b strings.Builder
	n := func(v int) { b.WriteString(strconv.Itoa(v)); b.WriteByte(',') }
	n(width)
	n(opts.Height)
	if opts.ASCII {
		n(1)
	}
	b.WriteByte('b')
	for i := range snap.BarePods {
		n(len(snap.BarePods[i].Containers))
		n(barePodWidth(&snap.BarePods[i], width))
	}
	n(len(ghosts(snap)))
	for i := range snap.Deployments {
		d := &snap.Deployments[i]
		b.WriteByte('d')
		b.WriteString(d.Strategy)
		n(capacity(d, nil, opts.Reserve))
		n(len(d.Name))
		var images int
		for j := range d.ReplicaSets {
			images = max(images, len(strings.Join(d.ReplicaSets[j].Images, ", ")))
		}
		n(images)
		for j := range d.ReplicaSets {
			if rsShowsBox(&d.ReplicaSets[j]) {
				n(capacity(d, &d.ReplicaSets[j], opts.Reserve))
			}
		}
	}
	for i := range snap.ReplicaSets {
		b.WriteByte('r')
		n(len(snap.ReplicaSets[i].Pods))
	}
	return b.String()
}
