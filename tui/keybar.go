package tui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// keyBar is the one-line key bar at the bottom, bubbles/help's short help
// with a drop order: it always ends with "? help" and "q quit", and when
// the width is short the entries of highest rank (least needed by a
// newcomer) are left out first, never cut in half.
func (m *Model) keyBar(w int) string {
	st := m.styles
	sep := st.Glyphs.Bullet
	sepW := ansi.StringWidth(sep)
	items := m.keys.barItems()
	entryW := func(it barItem) int {
		return ansi.StringWidth(m.clean(it.keys)) + 1 + ansi.StringWidth(m.clean(it.desc))
	}
	tail := []barItem{
		{keys: m.keys.Help.Help().Key, desc: m.keys.Help.Help().Desc},
		{keys: m.keys.Quit.Help().Key, desc: m.keys.Quit.Help().Desc},
	}
	used := entryW(tail[0]) + sepW + entryW(tail[1])

	// Keep entries by rank while they fit.
	byRank := slices.Clone(items)
	slices.SortStableFunc(byRank, func(a, b barItem) int { return a.rank - b.rank })
	keep := map[string]bool{}
	for _, it := range byRank {
		if used+entryW(it)+sepW > w {
			continue
		}
		used += entryW(it) + sepW
		keep[it.keys] = true
	}
	var parts []string
	for _, it := range append(items, tail...) {
		if it.rank > 0 && !keep[it.keys] {
			continue
		}
		parts = append(parts, st.Help.ShortKey.Render(m.clean(it.keys))+" "+st.Help.ShortDesc.Render(m.clean(it.desc)))
	}
	return fit(strings.Join(parts, st.Help.ShortSeparator.Render(sep)), w)
}
