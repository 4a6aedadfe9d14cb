package diagram

import "strings"

// block is a rectangle of styled text: every line is exactly w cells wide.
type block struct {
	lines []string
	w     int
	// places are where selectable objects start inside the block.
	places []Place
}

// Place is where a selectable object (a box's top-left corner, or a pod's
// glyph in a grid) starts in the rendered text: column X of line Y.
type Place struct {
	UID  string
	X, Y int
}

// offset moves src's places by (dx, dy) and appends them to dst. src is
// moved in place and, when dst is empty, returned as it is: a block owns its
// places (cached pod boxes hand out copies), and a grid of 10,000 glyphs is
// then not copied at every level of nesting.
func offset(dst, src []Place, dx, dy int) []Place {
	for i := range src {
		src[i].X += dx
		src[i].Y += dy
	}
	if len(dst) == 0 {
		return src
	}
	return append(dst, src...)
}

// boxSpec is one box to draw: its border set and style, a title and body.
type boxSpec struct {
	border      border
	borderStyle styleID
	title       span
	body        []span
	// uid is the object the box draws ("" for none); places are the
	// selectable objects inside, in body coordinates (line, column).
	uid    string
	places []Place
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
	var sb strings.Builder
	for _, s := range spec.body {
		content, cw := s.s, s.w
		if cw > room {
			content = truncate(content, room, p.g.ellipsis)
			cw = cellWidth(content)
		}
		sb.Grow(len(left) + len(content) + room - cw + len(right))
		sb.WriteString(left)
		sb.WriteString(content)
		sb.WriteString(blanks(room - cw))
		sb.WriteString(right)
		lines = append(lines, sb.String())
		sb.Reset()
	}

	var bottom line
	bottom.addRaw(p, spec.borderStyle, b.bottomLeft+strings.Repeat(b.horizontal, inner)+b.bottomRight, w)
	lines = append(lines, bottom.b.String())
	out := block{lines: lines, w: w}
	out.places = offset(nil, spec.places, 1+pad, 1)
	if spec.uid != "" {
		out.places = append(out.places, Place{spec.uid, 0, 0})
	}
	return out
}

// spaces backs blanks: padding is sliced from it, not allocated.
var spaces = strings.Repeat(" ", 1024)

// blanks is n spaces.
func blanks(n int) string {
	if n <= 0 {
		return ""
	}
	if n <= len(spaces) {
		return spaces[:n]
	}
	return strings.Repeat(" ", n)
}

// body accumulates a box's body lines and the places inside them.
type body struct {
	spans  []span
	places []Place
}

func (b *body) add(s ...span) { b.spans = append(b.spans, s...) }

// addBlock appends a nested block's lines, keeping its places.
func (b *body) addBlock(bl block) {
	b.places = offset(b.places, bl.places, 0, len(b.spans))
	b.spans = append(b.spans, blockSpans(bl)...)
}

// blockSpan turns a nested block into body spans for an enclosing box.
func blockSpans(bl block) []span {
	out := make([]span, len(bl.lines))
	for i, l := range bl.lines {
		out[i] = span{l, bl.w}
	}
	return out
}
