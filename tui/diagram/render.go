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
	pl := choosePlan(snap, width, &opts)
	_, out := layout(snap, width, &opts, pl)
	opts.Cache.end()

	var sb strings.Builder
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

// layout draws every object with plan pl and returns the picture's height.
func layout(snap *controller.Snapshot, width int, opts *Options, pl plan) (int, block) {
	p := &painter{g: &unicodeGlyphs, pal: noColor, ascii: opts.ASCII, plan: pl}
	if opts.ASCII {
		p.g = &asciiGlyphs
	}
	if opts.Color {
		p.pal = colorPalette
	}

	var blocks []block
	gs := ghosts(snap)
	if n := len(snap.BarePods); n > maxBarePodBox {
		blocks = append(blocks, barePodsGrid(p, snap.BarePods, opts, width))
	} else {
		// Live bare Pods and the ghosts of deleted ones, by namespace and
		// name: a deleted Pod's ghost takes its slot.
		bw := min(barePodWidth, width)
		i, j := 0, 0
		for i < len(snap.BarePods) || j < len(gs) {
			if j >= len(gs) || (i < len(snap.BarePods) && podBefore(&snap.BarePods[i], gs[j])) {
				blocks = append(blocks, barePodBox(p, &snap.BarePods[i], opts, bw))
				i++
			} else {
				blocks = append(blocks, ghostBox(p, gs[j], snap.Elapsed, bw))
				j++
			}
		}
	}
	for i := range snap.Deployments {
		blocks = append(blocks, deploymentBox(p, &snap.Deployments[i], opts, width))
	}
	for i := range snap.ReplicaSets {
		blocks = append(blocks, orphanReplicaSetBox(p, &snap.ReplicaSets[i], opts, width))
	}
	if len(blocks) == 0 {
		var l line
		l.add(p, stLabel, "no Pods, ReplicaSets or Deployments")
		blocks = append(blocks, block{lines: []string{l.b.String()}, w: l.w})
	}
	out := flow(blocks, width, 2, rowGap)
	return len(out.lines), out
}

func podBefore(p *controller.PodView, g ghost) bool {
	if p.Namespace != g.namespace {
		return p.Namespace < g.namespace
	}
	return p.Name < g.name
}
