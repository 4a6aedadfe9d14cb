package diagram

import "strings"

// Layout constants. Pod boxes have one fixed width so that a pod keeps its
// slot (and its size) whatever its state: the widest state word,
// "ContainerCreating", plus its symbol fits exactly.
const (
	podBoxWidth    = 23 // "│ ◔ ContainerCreating │"
	podBoxLines    = 5  // a one-container pod box: edges, state, IP, container
	minLinesRS     = 34 // a ReplicaSet of one-line pods: "● …-rqp8q ContainerCreating" and its edges
	maxLinesRS     = 44 // wider helps nothing: the line is all there is
	barePodWidth   = 44 // a bare Pod box, holding its container boxes
	gap            = 1  // cells between sibling boxes
	rowGap         = 1  // blank lines between rows of top-level boxes
	collapseRows   = 2  // a ReplicaSet with more pods than this many rows of boxes collapses to glyphs
	maxBarePodBox  = 6  // more bare pods than this collapse into one glyph grid
	minDeployWidth = 40
)

// joinH places blocks side by side, gap cells apart, tops aligned; shorter
// blocks are padded with blank lines.
func joinH(blocks []block, gap int) block {
	if len(blocks) == 1 {
		return blocks[0]
	}
	h, w := 0, 0
	for i, b := range blocks {
		h = max(h, len(b.lines))
		w += b.w
		if i > 0 {
			w += gap
		}
	}
	sep := strings.Repeat(" ", gap)
	lines := make([]string, h)
	var places []Place
	x := 0
	for _, b := range blocks {
		places = offset(places, b.places, x, 0)
		x += b.w + gap
	}
	var sb strings.Builder
	for y := 0; y < h; y++ {
		sb.Reset()
		for i, b := range blocks {
			if i > 0 {
				sb.WriteString(sep)
			}
			if y < len(b.lines) {
				sb.WriteString(b.lines[y])
			} else {
				sb.WriteString(strings.Repeat(" ", b.w))
			}
		}
		lines[y] = sb.String()
	}
	return block{lines: lines, w: w, places: places}
}

// flow lays blocks out left to right in their given (stable) order, starting
// a new row when the next one would pass width — flex-wrap. Rows are joined
// with vGap blank lines. The order never changes, so an object keeps its
// place while the objects before it keep their sizes.
func flow(blocks []block, avail, hGap, vGap int) block {
	var rows []block
	var row []block
	rowW := 0
	for _, b := range blocks {
		need := b.w
		if len(row) > 0 {
			need += hGap
		}
		if len(row) > 0 && rowW+need > avail {
			rows = append(rows, joinH(row, hGap))
			row, rowW = nil, 0
			need = b.w
		}
		row = append(row, b)
		rowW += need
	}
	if len(row) > 0 {
		rows = append(rows, joinH(row, hGap))
	}
	var out block
	for _, r := range rows {
		out.w = max(out.w, r.w)
	}
	// Every line of a row is r.w cells (block's contract): pad narrower rows
	// to a true rectangle without measuring them again.
	for i, r := range rows {
		if i > 0 {
			for j := 0; j < vGap; j++ {
				out.lines = append(out.lines, strings.Repeat(" ", out.w))
			}
		}
		out.places = offset(out.places, r.places, 0, len(out.lines))
		pad := strings.Repeat(" ", out.w-r.w)
		for _, l := range r.lines {
			out.lines = append(out.lines, l+pad)
		}
	}
	return out
}
