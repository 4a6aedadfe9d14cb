package diagram

import "strings"

// block is a rectangle of styled text: every line is exactly w cells wide.
type block struct {
	lines []string
	w     int
}

// boxSpec is one box to draw: its border set and style, a title and body.
type boxSpec struct {
	border      border
	borderStyle styleID
	title       span
	body        []span
}

// drawBox draws a box w cells wide (at least 4): the title set into the top
// edge ("╭─ title ───╮"), each body line padded inside "│ … │", the article's
// shape. Content wider than the box is cut with an ellipsis, never wrapped
// past the edge.
func drawBox(p *painter, spec boxSpec, w int) block {
	if w < 4 {
		w = 4
	}
	b := spec.border
	inner := w - 2
	lines := make([]string, 0, len(spec.body)+2)

	// Top edge: corner, one rule, " title ", rules to the corner.
	var top line
	top.addRaw(p, spec.borderStyle, b.topLeft, 1)
	title := spec.title
	if title.w > 0 && inner >= 5 {
		room := inner - 3 // "─ " before, " " after
		t := title.s
		tw := title.w
		if tw > room {
			t = truncate(t, room, p.g.ellipsis)
			tw = cellWidth(t)
		}
		top.addRaw(p, spec.borderStyle, b.horizontal+" ", 2)
		top.addRaw(p, stPlain, t, tw)
		top.addRaw(p, spec.borderStyle, " "+strings.Repeat(b.horizontal, inner-3-tw), inner-2-tw)
	} else {
		top.addRaw(p, spec.borderStyle, strings.Repeat(b.horizontal, inner), inner)
	}
	top.addRaw(p, spec.borderStyle, b.topRight, 1)
	lines = append(lines, top.b.String())

	// Body: "│ content │" with one cell of padding each side when there is room.
	pad := 1
	if inner < 4 {
		pad = 0
	}
	room := inner - 2*pad
	left := p.pal.open[spec.borderStyle] + b.vertical + p.pal.close[spec.borderStyle] + strings.Repeat(" ", pad)
	right := strings.Repeat(" ", pad) + p.pal.open[spec.borderStyle] + b.vertical + p.pal.close[spec.borderStyle]
	for _, s := range spec.body {
		content, cw := s.s, s.w
		if cw > room {
			content = truncate(content, room, p.g.ellipsis)
			cw = cellWidth(content)
		}
		lines = append(lines, left+content+strings.Repeat(" ", room-cw)+right)
	}

	var bottom line
	bottom.addRaw(p, spec.borderStyle, b.bottomLeft+strings.Repeat(b.horizontal, inner)+b.bottomRight, w)
	lines = append(lines, bottom.b.String())
	return block{lines: lines, w: w}
}

// blockSpan turns a nested block into body spans for an enclosing box.
func blockSpans(bl block) []span {
	out := make([]span, len(bl.lines))
	for i, l := range bl.lines {
		out[i] = span{l, bl.w}
	}
	return out
}
