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

// plan is the drawing density one Render uses for every object.
type plan struct {
	form        podForm
	compactBare bool // bare Pods as one line per container instead of nested boxes
	// reserve draws every ReplicaSet as full as it can get during a rollout
	// (spec.replicas + maxSurge pods) and gives a Deployment room for a
	// second ReplicaSet: the height the plan must fit.
	reserve bool
}

// candidates are tried in order; the first whose reserved height fits wins.
// The bare Pod shrinks before the ReplicaSets' pods do, because the
// Deployment's pods are where a rollout happens.
var candidates = []plan{
	{form: formBoxes},
	{form: formBoxes, compactBare: true},
	{form: formLines},
	{form: formLines, compactBare: true},
	{form: formGrid, compactBare: true},
}

// capacity is the most pods one of d's ReplicaSets is drawn for: spec.replicas
// plus the surge (the old ReplicaSet keeps its pods while the new one surges;
// a killed pod and its replacement fit in the same room), or more when more
// pods are actually there.
func capacity(d *controller.DeploymentView, rs *controller.ReplicaSetView) int {
	c := int(d.Replicas + d.Surge)
	if d.Strategy != "RollingUpdate" {
		c = int(d.Replicas) + 1
	}
	if rs != nil {
		c = max(c, len(rs.Pods))
	}
	return c
}

// choosePlan picks the roomiest plan whose reserved height fits height
// lines. The choice depends only on the shape of the cluster (replicas,
// surge, how many objects, width, height), not on the pods' current count,
// so it holds still through a rollout: the form does not flip while pods
// come and go. Plans are remembered in the cache by that shape.
func choosePlan(snap *controller.Snapshot, width int, opts *Options) plan {
	if opts.Height <= 0 {
		return plan{form: formBoxes}
	}
	key := shapeKey(snap, width, opts)
	if c := opts.Cache; c != nil {
		if pl, ok := c.plans[key]; ok {
			return pl
		}
	}
	maxCap := 0
	for i := range snap.Deployments {
		d := &snap.Deployments[i]
		maxCap = max(maxCap, capacity(d, nil))
		for j := range d.ReplicaSets {
			maxCap = max(maxCap, capacity(d, &d.ReplicaSets[j]))
		}
	}
	chosen := candidates[len(candidates)-1]
	for _, pl := range candidates {
		if pl.form != formGrid && maxCap > opts.Height { // cannot fit: skip the costly try
			continue
		}
		pl.reserve = true
		h, _ := layout(snap, width, opts, pl)
		if h <= opts.Height {
			pl.reserve = false
			chosen = pl
			break
		}
	}
	if c := opts.Cache; c != nil {
		if len(c.plans) > 64 {
			clear(c.plans)
		}
		c.plans[key] = chosen
	}
	return chosen
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
	}
	n(len(ghosts(snap)))
	for i := range snap.Deployments {
		d := &snap.Deployments[i]
		b.WriteByte('d')
		b.WriteString(d.Strategy)
		n(capacity(d, nil))
		for j := range d.ReplicaSets {
			if rsShowsBox(&d.ReplicaSets[j]) {
				n(capacity(d, &d.ReplicaSets[j]))
			}
		}
	}
	for i := range snap.ReplicaSets {
		b.WriteByte('r')
		n(len(snap.ReplicaSets[i].Pods))
	}
	return b.String()
}
