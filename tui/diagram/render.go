package diagram

import (
	"strings"

	"podviz/controller"
)

// Options choose how a snapshot is drawn. The zero value is Unicode boxes
// without colour.
type Options struct {
	// ASCII draws the article's pure ASCII boxes ("+--+", "|") and symbols;
	// every byte of the output is then printable 7-bit ASCII (plus colour
	// escapes if Color is also set).
	ASCII bool
	// Color paints states and borders from the palette; without it states
	// stay distinguishable by symbol and word.
	Color bool
	// Light picks the palette for a light terminal background (with Color).
	Light bool
	// Selected is the UID of the selected object (pod, ReplicaSet or
	// Deployment); its box is drawn with a heavy border.
	Selected string
	// Cache, when set, keeps pod boxes between calls keyed by what they show;
	// the output is the same with or without it.
	Cache *Cache
	// Height, when positive, is the number of lines the picture should fit:
	// pods are drawn as boxes, one line each, or glyphs, whichever is the
	// roomiest that fits (bare Pods shrink first). 0 means no limit.
	Height int
	// Reserve keeps room in Deployment boxes for more replicas than they
	// have now (see Reserve).
	Reserve Reserve
}

// Reserve is room for replicas a Deployment does not have yet. Each
// Deployment is drawn with room for its spec.replicas (plus one pod
// terminating beside its replacement), which a rollout never exceeds in
// one ReplicaSet; scaling changes that room, so the box grows or shrinks
// and everything below it moves. A recorded demo that scales reserves the
// room of the largest count it reaches, and nothing moves.
type Reserve struct {
	// All is room for at least this many replicas in every Deployment.
	All int
	// Deployments is room per Deployment, keyed "namespace/name".
	Deployments map[string]int
}

// replicas is the number of replicas d is drawn with room for.
func (r Reserve) replicas(d *controller.DeploymentView) int {
	n := max(int(d.Replicas), r.All)
	if v, ok := r.Deployments[d.Namespace+"/"+d.Name]; ok {
		n = max(n, v)
	}
	return n
}

// Render draws snap as text at most width cells wide: bare Pods first (as the
// article puts the Pod on the left), then Deployments, then ReplicaSets no
// Deployment owns, flowed into rows. No line is wider than width, and lines
// carry no trailing spaces.
func Render(snap *controller.Snapshot, width int, opts Options) string {
	out, _ := Layout(snap, width, opts)
	return out
}

// Layout is Render that also says where each selectable object (Pod,
// ReplicaSet, Deployment) starts in the text, for selection by direction
// and for scrolling to the selection.
func Layout(snap *controller.Snapshot, width int, opts Options) (string, []Place) {
	if snap == nil || width <= 0 {
		return "", nil
	}
	opts.Cache.begin(opts)
	pl, picture := choosePlan(snap, width, &opts)
	var out block
	if picture != nil {
		out = *picture
	} else {
		_, out = layout(snap, width, &opts, pl)
	}
	opts.Cache.end()

	var sb strings.Builder
	n := 0
	for _, l := range out.lines {
		n += len(l) + 1
	}
	sb.Grow(n)
	for i, l := range out.lines {
		if i > 0 {
			sb.WriteByte('\n')
		}
		l = strings.TrimRight(l, " ")
		if out.w > width && !fitsIn(l, width) { // only at widths below a box's minimum
			l = truncate(l, width, "")
		}
		sb.WriteString(l)
	}
	return sb.String(), out.places
}

// layout draws every object with plan pl and returns the picture and what
// choosePlan compares it by.
func layout(snap *controller.Snapshot, width int, opts *Options, pl plan) (metrics, block) {
	p := &painter{g: &unicodeGlyphs, pal: noColor, ascii: opts.ASCII, plan: pl, now: snap.Elapsed, reserve: opts.Reserve}
	if opts.ASCII {
		p.g = &asciiGlyphs
	}
	if opts.Color {
		p.pal = colorPalettes[0]
		if opts.Light {
			p.pal = colorPalettes[1]
		}
	}

	var bare []block
	gs := ghosts(snap)
	if n := len(snap.BarePods); n > maxBarePodBox {
		bare = append(bare, barePodsGrid(p, snap.BarePods, opts, width))
	} else {
		// Live bare Pods and the ghosts of deleted ones, by namespace and
		// name: a deleted Pod's ghost takes its slot.
		i, j := 0, 0
		for i < len(snap.BarePods) || j < len(gs) {
			if j >= len(gs) || (i < len(snap.BarePods) && podBefore(&snap.BarePods[i], gs[j])) {
				pod := &snap.BarePods[i]
				bare = append(bare, barePodBox(p, pod, opts, barePodWidth(pod, width)))
				i++
			} else {
				bare = append(bare, ghostBox(p, gs[j], snap.Elapsed, min(ghostWidth(gs[j]), width)))
				j++
			}
		}
	}
	avail := width
	var column block
	if pl.beside && len(bare) > 0 {
		column = stack(bare, rowGap)
		avail = width - column.w - 2
		if avail < textWidth { // beside, a Deployment still gets room for its text
			return metrics{impossible: true}, block{}
		}
	}
	var others []block
	for i := range snap.Deployments {
		others = append(others, deploymentBox(p, &snap.Deployments[i], opts, avail))
	}
	for i := range snap.ReplicaSets {
		others = append(others, orphanReplicaSetBox(p, &snap.ReplicaSets[i], opts, avail))
	}
	var out block
	switch {
	case pl.beside && len(bare) > 0 && len(others) > 0:
		out = joinH([]block{column, flow(others, avail, 2, rowGap)}, 2)
	case len(bare)+len(others) > 0:
		out = flow(append(bare, others...), width, 2, rowGap)
	default:
		var l line
		l.add(p, stLabel, "no Pods, ReplicaSets or Deployments")
		out = block{lines: []string{l.b.String()}, w: l.w}
	}
	return metrics{height: len(out.lines), podRows: p.podRows, collapsed: p.collapsed}, out
}

// stack puts blocks one above the other, vGap blank lines apart, left
// aligned.
func stack(blocks []block, vGap int) block {
	var out block
	for _, b := range blocks {
		out.w = max(out.w, b.w)
	}
	for i, b := range blocks {
		if i > 0 {
			for j := 0; j < vGap; j++ {
				out.lines = append(out.lines, blanks(out.w))
			}
		}
		out.places = offset(out.places, b.places, 0, len(out.lines))
		pad := blanks(out.w - b.w)
		for _, l := range b.lines {
			if pad != "" {
				l += pad
			}
			out.lines = append(out.lines, l)
		}
	}
	return out
}

func podBefore(p *controller.PodView, g ghost) bool {
	if p.Namespace != g.namespace {
		return p.Namespace < g.namespace
	}
	return p.Name < g.name
}
