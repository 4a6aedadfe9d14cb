package diagram

import (
	"strconv"
	"strings"

	"podviz/controller"
)

// Layout constants. Pod boxes have one fixed width so that a pod keeps its
// slot (and its size) whatever its state: the widest state word,
// "ContainerCreating", plus its symbol fits exactly.
const (
	podBoxWidth    = 23 // "│ ◔ ContainerCreating │"
	podBoxLines    = 5  // a one-container pod box: edges, state, IP, container
	minLinesRS     = 36 // a ReplicaSet of one-line pods: "▶ ● …-rqp8q ContainerCreating", "rev 1 · nginx:latest · ready 3/3"
	maxLinesRS     = 48 // wider helps nothing: the line is all there is
	minRSWidth     = 40 // a ReplicaSet's title and the line under it
	gap            = 1  // cells between sibling boxes
	rowGap         = 1  // blank lines between rows of top-level boxes
	collapseRows   = 2  // a ReplicaSet with more pods than this many rows of boxes collapses to glyphs
	maxBarePodBox  = 6  // more bare pods than this collapse into one glyph grid
	minDeployWidth = 40
	// textWidth is the width a Deployment box takes at least (when there is
	// room) so that kubectl's rollout status and the controller's why line
	// each fit in their two lines.
	textWidth = 80
	// containerText is the widest line a container box holds for any state:
	// "◑ Running, not ready · 10 restarts", "exit 1 · 3 restarts · restart in 4m40s".
	containerText = 36
)

// barePodWidth is a bare Pod box's width, from what it can ever show (its
// name, its containers' images and ports, the widest state line), so that
// it keeps its size whatever its state.
func barePodWidth(pod *controller.PodView, avail int) int {
	inner := containerText
	for i := range pod.Containers {
		c := &pod.Containers[i]
		inner = max(inner, cellWidth(clean(c.Image)), cellWidth(clean(strings.Join(c.Ports, ", ")))+len("port  on 10.244.255.254"))
	}
	if n := len(pod.Containers); n > 1 {
		inner = max(inner, len(strconv.Itoa(n)+" containers share one IP and one port space")-4)
	}
	for i := range pod.Volumes {
		v := &pod.Volumes[i]
		inner = max(inner, cellWidth(clean(v.Name+v.Kind))+len("volume  (), not mounted")-4)
		for _, m := range v.Mounts {
			inner = max(inner, cellWidth(clean(m))+len("   at ")-4) // the box's inner margin is 4 wider
		}
	}
	w := max(cellWidth(clean(pod.Name))+10, inner+8) // "╭─ Pod " + name + " ─╮"; container box in pod box
	return max(min(w, avail), 1)
}

// ghostWidth is the width of a deleted bare Pod's box: a Pod box's, or
// wider for a long name.
func ghostWidth(g ghost) int {
	return max(containerText+8, cellWidth(clean(g.name))+20) // "╭─ Pod " + name + " — deleted ─╮"
}

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
	sep := blanks(gap)
	lines := make([]string, h)
	lineLen := 0
	for _, b := range blocks {
		if len(b.lines) > 0 {
			lineLen += len(b.lines[0]) + gap
		}
	}
	var places []Place
	x := 0
	for _, b := range blocks {
		places = offset(places, b.places, x, 0)
		x += b.w + gap
	}
	var sb strings.Builder
	for y := 0; y < h; y++ {
		sb.Reset()
		sb.Grow(lineLen)
		for i, b := range blocks {
			if i > 0 {
				sb.WriteString(sep)
			}
			if y < len(b.lines) {
				sb.WriteString(b.lines[y])
			} else {
				sb.WriteString(blanks(b.w))
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
				out.lines = append(out.lines, blanks(out.w))
			}
		}
		out.places = offset(out.places, r.places, 0, len(out.lines))
		pad := blanks(out.w - r.w)
		for _, l := range r.lines {
			if pad != "" {
				l += pad
			}
			out.lines = append(out.lines, l)
		}
	}
	return out
}
