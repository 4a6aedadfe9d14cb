package diagram

import (
	"slices"
	"strconv"
	"strings"

	"podviz/controller"
)

// podGrid draws pods too many for boxes as one glyph each, in their slot
// order, wrapped at room cells, under a line of counts per state:
//
//	1000 pods: 990 ● Ready · 10 ○ Pending
//	●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●
//	●●●●●●●●●●●●●○○○○○○○○○○
//
// Runs of equal glyphs are painted as one span, so a thousand pods cost a
// handful of escape sequences, not a thousand.
//
// The selected pod's glyph is put in brackets, "●[●]●", so it shows without
// colour too; places holds its position.
func podGrid(p *painter, pods []controller.PodView, room int, o *Options) (out []span, places []Place) {
	if room < 1 {
		room = 1
	}
	states := make([]podState, len(pods))
	var counts [numStates]int
	var other []string    // STATUS words of pods outside the known states
	var creating []string // the words of creating pods (ContainerCreating, Init:0/1, PodInitializing)
	sel := -1             // the selected pod's index, found once
	for i := range pods {
		if sel < 0 && o.Selected != "" && len(pods[i].UID) == len(o.Selected) && pods[i].UID == o.Selected {
			sel = i
		}
		s, word := classify(&pods[i])
		states[i] = s
		counts[s]++
		if s == stateOther && len(other) < 3 {
			other = append(other, word)
		}
		if s == stateCreating && len(creating) < 3 && !slices.Contains(creating, word) {
			creating = append(creating, word)
		}
	}

	// Counts, in the states' fixed order, wrapped as words: "N pods: "
	// leads the first count, the others follow a dot.
	var items []span
	if len(pods) == 0 {
		var l line
		l.add(p, stLabel, "no pods") // as the other forms say it
		items = append(items, l.span())
	}
	for s := podState(0); s < numStates; s++ {
		if counts[s] == 0 {
			continue
		}
		word := stateWords[s]
		if s == stateOther {
			word = strings.Join(other, "/")
		}
		if s == stateCreating && len(creating) > 0 {
			word = strings.Join(creating, "/")
		}
		var l line
		if len(items) == 0 {
			l.add(p, stPlain, strconv.Itoa(len(pods))+" pods: ")
		}
		l.add(p, stPlain, strconv.Itoa(counts[s])+" ")
		l.addRaw(p, stateStyle(s), p.g.states[s], 1)
		l.add(p, stateStyle(s), " "+word)
		items = append(items, l.span())
	}
	if item, ok := containerCounts(p, pods); ok {
		items = append(items, item)
	}
	out = packSpans(items, room, p.g.dot)

	// The grid itself.
	var l line
	col := 0
	flush := func() {
		out = append(out, l.span())
		l = line{}
		col = 0
	}
	isSelected := func(i int) bool { return i == sel }
	places = make([]Place, 0, len(pods))
	for i := 0; i < len(states); {
		s := states[i]
		st := stateStyle(s)
		n := 1
		if isSelected(i) {
			if col+3 > room && col > 0 {
				flush()
			}
			places = append(places, Place{pods[i].UID, col + 1, len(out)})
			l.addRaw(p, stBorderSelected, "["+p.g.states[s]+"]", 3)
			col += 3
			i++
			if col >= room {
				flush()
			}
			continue
		}
		for i+n < len(states) && states[i+n] == s && col+n < room && !isSelected(i+n) {
			n++
		}
		for k := 0; k < n; k++ { // every glyph is a place: arrows move through the grid
			places = append(places, Place{pods[i+k].UID, col + k, len(out)})
		}
		l.addRaw(p, st, strings.Repeat(p.g.states[s], n), n)
		col += n
		i += n
		if col >= room {
			flush()
		}
	}
	if col > 0 {
		flush()
	}
	return out, places
}

// packSpans places spans on lines of at most room cells, sep between two
// on a line.
func packSpans(items []span, room int, sep string) []span {
	var out []span
	var cur strings.Builder
	w := 0
	sepW := cellWidth(sep)
	for _, it := range items {
		if w > 0 && w+sepW+it.w > room {
			out = append(out, span{cur.String(), w})
			cur.Reset()
			w = 0
		}
		if w > 0 {
			cur.WriteString(sep)
			w += sepW
		}
		cur.WriteString(it.s)
		w += it.w
	}
	if w > 0 {
		out = append(out, span{cur.String(), w})
	}
	return out
}

// containerCounts is the grid's "2/2" for pods of several containers: the
// ready containers over all of them (kubectl's READY summed, sidecars
// counted), and a mark when the pods run a native sidecar.
func containerCounts(p *painter, pods []controller.PodView) (span, bool) {
	ready, total, multi, sidecars := 0, 0, false, false
	for i := range pods {
		ready += pods[i].ReadyContainers
		total += pods[i].TotalContainers
		multi = multi || pods[i].TotalContainers > 1
		sidecars = sidecars || hasSidecar(&pods[i])
	}
	if !multi {
		return span{}, false
	}
	var l line
	l.add(p, stPlain, strconv.Itoa(ready)+"/"+strconv.Itoa(total))
	l.add(p, stLabel, " containers ready")
	if sidecars {
		l.add(p, stLabel, ", sidecars counted")
	}
	return l.span(), true
}
