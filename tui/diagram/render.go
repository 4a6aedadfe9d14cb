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
}

// Render draws snap as text at most width cells wide: bare Pods first (as the
// article puts the Pod on the left), then Deployments, then ReplicaSets no
// Deployment owns, flowed into rows. No line is wider than width, and lines
// carry no trailing spaces.
func Render(snap *controller.Snapshot, width int, opts Options) string {
	if snap == nil || width <= 0 {
		return ""
	}
	p := &painter{g: &unicodeGlyphs, pal: noColor, ascii: opts.ASCII}
	if opts.ASCII {
		p.g = &asciiGlyphs
	}
	if opts.Color {
		p.pal = colorPalette
	}
	opts.Cache.begin(opts)

	var blocks []block
	if n := len(snap.BarePods); n > maxBarePodBox {
		blocks = append(blocks, barePodsGrid(p, snap.BarePods, &opts, width))
	} else {
		for i := range snap.BarePods {
			blocks = append(blocks, barePodBox(p, &snap.BarePods[i], &opts, min(barePodWidth, width)))
		}
	}
	for i := range snap.Deployments {
		blocks = append(blocks, deploymentBox(p, &snap.Deployments[i], &opts, width))
	}
	for i := range snap.ReplicaSets {
		blocks = append(blocks, orphanReplicaSetBox(p, &snap.ReplicaSets[i], &opts, width))
	}
	if len(blocks) == 0 {
		var l line
		l.add(p, stLabel, "no Pods, ReplicaSets or Deployments")
		blocks = append(blocks, block{lines: []string{l.b.String()}, w: l.w})
	}
	out := flow(blocks, width, 2, rowGap)
	opts.Cache.end()

	var sb strings.Builder
	for i, l := range out.lines {
		if i > 0 {
			sb.WriteByte('\n')
		}
		l = strings.TrimRight(l, " ")
		if cellWidth(l) > width { // only at widths below a box's minimum
			l = truncate(l, width, "")
		}
		sb.WriteString(l)
	}
	return sb.String()
}
