// Package boxcheck checks the boxes drawn on a screen of text, so a drawing
// bug fails a test with a reason ("line 7, column 42: right edge …") rather
// than only as a golden-file diff. A box is a rectangle of one border set:
// its corners line up, its edges are unbroken, every line of it is equally
// wide, and two boxes are either apart or one is inside the other's
// interior. Every corner glyph on the screen must belong to such a box.
//
// The border sets are written out here on purpose, apart from the
// renderer's own: a renderer that drew a wrong glyph would otherwise agree
// with itself.
package boxcheck

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// set is one border set: corners, then the horizontal and vertical rules.
type set struct {
	name                   string
	tl, tr, bl, br, hz, vt string
}

var sets = []set{
	{"rounded", "╭", "╮", "╰", "╯", "─", "│"},
	{"heavy", "┏", "┓", "┗", "┛", "━", "┃"},
	{"dashed", "╭", "╮", "╰", "╯", "┄", "┆"},
	{"square", "┌", "┐", "└", "┘", "─", "│"},
	{"double", "╔", "╗", "╚", "╝", "═", "║"},
	{"ASCII", "+", "+", "+", "+", "-", "|"},
	{"ASCII selected", "#", "#", "#", "#", "=", "#"},
	{"ASCII dashed", "+", "+", "+", "+", ".", ":"},
}

// Options say what kind of screen is checked.
type Options struct {
	// Viewport allows boxes cut off by the top or the bottom of a scrolled
	// or clipped area (a TUI pane): such a box has no bottom (or top) edge
	// but both its sides run to the cut, and every box cut at the bottom is
	// cut at the same line (and likewise at the top).
	Viewport bool
}

// Problem is one thing wrong on the screen, at a 1-based line and column.
type Problem struct {
	Line, Column int
	What         string
}

func (p Problem) String() string {
	return fmt.Sprintf("line %d, column %d: %s", p.Line, p.Column, p.What)
}

// box is a found box: rows top..bottom and columns left..right, all
// inclusive; cutTop/cutBottom mark a side cut off by the viewport (the box
// then runs past top or bottom).
type box struct {
	s                        set
	top, left, bottom, right int
	cutTop, cutBottom        bool
}

func (b box) String() string {
	return fmt.Sprintf("the %s box at line %d, column %d", b.s.name, b.top+1, b.left+1)
}

// grid is the screen as cells: one string per terminal cell, "" for the
// second cell of a wide character and for cells past a line's end.
type grid [][]string

func toGrid(screen string) grid {
	lines := strings.Split(ansi.Strip(screen), "\n")
	g := make(grid, len(lines))
	for i, l := range lines {
		var row []string
		for _, r := range l {
			w := ansi.StringWidth(string(r))
			switch {
			case w == 0 && len(row) > 0:
				row[len(row)-1] += string(r) // a combining mark joins its cell
			case w == 0:
				row = append(row, string(r))
			default:
				row = append(row, string(r))
				for ; w > 1; w-- {
					row = append(row, "")
				}
			}
		}
		g[i] = row
	}
	return g
}

func (g grid) at(r, c int) string {
	if r < 0 || r >= len(g) || c < 0 || c >= len(g[r]) {
		return ""
	}
	return g[r][c]
}

// quote shows a cell in a message; an empty one is past the line's end.
func quote(s string) string {
	if s == "" {
		return "nothing"
	}
	return fmt.Sprintf("%q", s)
}

// Check returns every problem with the boxes on screen (which may carry
// ANSI escapes), in reading order of where each was found.
func Check(screen string, opts Options) []Problem {
	g := toGrid(screen)
	var probs []Problem
	problem := func(r, c int, format string, a ...any) {
		probs = append(probs, Problem{r + 1, c + 1, fmt.Sprintf(format, a...)})
	}
	var boxes []box
	corner := map[[2]int]bool{} // cells that are a found box's corners

	// Boxes from their top-left corners: a corner glyph with the set's rule
	// to its right and its side below.
	for r := range g {
		for c := range g[r] {
			for _, s := range sets {
				if !isTopLeft(g, s, r, c) || g.at(r+1, c) != s.vt {
					continue
				}
				b, ok := parseFromTop(g, s, r, c, opts, problem)
				if ok {
					boxes = append(boxes, b)
				}
				break
			}
		}
	}
	// In a viewport, boxes whose top was scrolled away: a bottom-left
	// corner no found box owns, its side running up to the cut.
	if opts.Viewport {
		for _, b := range boxes {
			markCorners(corner, b)
		}
		for r := range g {
			for c := range g[r] {
				for _, s := range sets {
					if !isBottomLeft(g, s, r, c) || g.at(r-1, c) != s.vt || corner[[2]int{r, c}] {
						continue
					}
					if b, ok := parseFromBottom(g, s, r, c); ok {
						boxes = append(boxes, b)
					}
					break
				}
			}
		}
	}
	clear(corner)
	for _, b := range boxes {
		markCorners(corner, b)
	}

	// Every corner glyph belongs to a box. A Unicode corner is a corner
	// wherever it is; an ASCII one ("+", "#") only beside its set's rule,
	// since text may hold a "+" ("3 + surge 1").
	for r := range g {
		for c := range g[r] {
			if corner[[2]int{r, c}] {
				continue
			}
			for _, s := range sets {
				cell := g.at(r, c)
				if cell != s.tl && cell != s.tr && cell != s.bl && cell != s.br {
					continue
				}
				if isASCII(cell) && g.at(r, c-1) != s.hz && g.at(r, c+1) != s.hz {
					continue
				}
				problem(r, c, "corner %s belongs to no complete box (an edge cut short or too long?)", quote(cell))
				break
			}
		}
	}

	// A viewport has one bottom and one top.
	for _, cut := range []struct {
		name string
		is   func(box) bool
		row  func(box) int
	}{
		{"bottom", func(b box) bool { return b.cutBottom }, func(b box) int { return b.bottom }},
		{"top", func(b box) bool { return b.cutTop }, func(b box) int { return b.top }},
	} {
		first := -1
		for _, b := range boxes {
			if !cut.is(b) {
				continue
			}
			if first < 0 {
				first = cut.row(b)
			} else if cut.row(b) != first {
				problem(cut.row(b), b.left, "%s is cut off at line %d, another box at line %d: a box lacks its %s edge",
					b, cut.row(b)+1, first+1, cut.name)
			}
		}
	}

	// Boxes nest: apart, or one inside the other's interior.
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			if apart(a, b) || inside(a, b) || inside(b, a) {
				continue
			}
			problem(b.top, b.left, "%s overlaps %s without being inside it", b, a)
		}
	}
	return probs
}

func isASCII(s string) bool { return len(s) == 1 && s[0] < 0x80 }

// isBottomLeft: the set's bottom-left corner, with its rule to the right.
// The rule matters where a corner glyph is also the side ("#").
func isBottomLeft(g grid, s set, r, c int) bool {
	return g.at(r, c) == s.bl && g.at(r, c+1) == s.hz
}

// isTopLeft: the set's top-left corner, with its rule to the right.
func isTopLeft(g grid, s set, r, c int) bool {
	return g.at(r, c) == s.tl && g.at(r, c+1) == s.hz
}

func markCorners(m map[[2]int]bool, b box) {
	if !b.cutTop {
		m[[2]int{b.top, b.left}], m[[2]int{b.top, b.right}] = true, true
	}
	if !b.cutBottom {
		m[[2]int{b.bottom, b.left}], m[[2]int{b.bottom, b.right}] = true, true
	}
}

// parseFromTop follows a box from its top-left corner at (r, c): down the
// left side to the bottom-left corner, along the bottom edge to the
// bottom-right corner, then checks the top-right corner and the right side.
func parseFromTop(g grid, s set, r, c int, opts Options, problem func(r, c int, format string, a ...any)) (box, bool) {
	b := box{s: s, top: r, left: c}
	bottom := r + 1
	for g.at(bottom, c) == s.vt && !isBottomLeft(g, s, bottom, c) {
		bottom++
	}
	if !isBottomLeft(g, s, bottom, c) {
		if opts.Viewport {
			if cb, ok := cutAtBottom(g, b, bottom); ok {
				return cb, true
			}
		}
		problem(bottom, c, "the left side of %s ends in %s, want the corner %q", b, quote(g.at(bottom, c)), s.bl)
		return b, false
	}
	b.bottom = bottom
	right := c + 1
	for g.at(bottom, right) == s.hz {
		right++
	}
	if g.at(bottom, right) != s.br {
		problem(bottom, right, "the bottom edge of %s ends in %s, want the corner %q", b, quote(g.at(bottom, right)), s.br)
		return b, false
	}
	b.right = right
	ok := true
	if g.at(r, right) != s.tr {
		ok = false
		// The top and bottom edges disagree: the right side says which one
		// is off, when most of its lines follow the other.
		top := -1
		for d := 1; d <= 3 && top < 0; d++ {
			for _, c := range []int{right - d, right + d} {
				if g.at(r, c) == s.tr && sideAt(g, s, r, bottom, c) > sideAt(g, s, r, bottom, right) {
					top = c
					break
				}
			}
		}
		if top >= 0 {
			problem(bottom, right, "the bottom edge of %s is %s: its corner is at column %d, the top-right corner and the right side at column %d",
				b, cells(right-top), right+1, top+1)
			b.right = top
		} else {
			problem(r, right, "%s: the top edge has %s above the bottom-right corner, want the corner %q (the top edge is cut short or too long)",
				b, quote(g.at(r, right)), s.tr)
		}
	}
	for row := r + 1; row < bottom; row++ {
		if g.at(row, b.right) != s.vt {
			problem(row, b.right, "%s: the right side has %s, want %q (this line of the box is %s)",
				b, quote(g.at(row, b.right)), s.vt, widthHint(g, row, b.right, s))
			ok = false
		}
	}
	return b, ok
}

// sideAt counts the lines between top and bottom with the set's side at
// column c.
func sideAt(g grid, s set, top, bottom, c int) int {
	n := 0
	for row := top + 1; row < bottom; row++ {
		if g.at(row, c) == s.vt {
			n++
		}
	}
	return n
}

// cells says how far off an edge is: "1 cell short", "2 cells long".
func cells(d int) string {
	word := "long"
	if d < 0 {
		d, word = -d, "short"
	}
	if d == 1 {
		return "1 cell " + word
	}
	return fmt.Sprintf("%d cells %s", d, word)
}

// widthHint says whether a line whose right side is missing is short or long.
func widthHint(g grid, row, right int, s set) string {
	for d := 1; d <= 3; d++ {
		if g.at(row, right-d) == s.vt {
			return cells(-d)
		}
		if g.at(row, right+d) == s.vt {
			return cells(d)
		}
	}
	return "not closed"
}

// cutAtBottom accepts a box whose left side stops at row end without a
// corner as cut by the viewport, when its right side (found from the
// top-right corner) stops at the same row.
func cutAtBottom(g grid, b box, end int) (box, bool) {
	s := b.s
	right := -1
	for c := b.left + 1; c < len(g[b.top]); c++ {
		if g.at(b.top, c) == s.tr && (g.at(b.top, c-1) == s.hz || g.at(b.top, c-1) == " ") && g.at(b.top+1, c) == s.vt {
			right = c
			break
		}
	}
	if right < 0 {
		return b, false
	}
	row := b.top + 1
	for row < end && g.at(row, right) == s.vt {
		row++
	}
	if row != end || g.at(end, right) == s.vt || g.at(end, right) == s.br {
		return b, false
	}
	b.right, b.bottom, b.cutBottom = right, end, true
	return b, true
}

// parseFromBottom finds, in a viewport, a box whose top was cut off: from
// its bottom-left corner along the bottom edge, and up both sides to the
// same cut.
func parseFromBottom(g grid, s set, r, c int) (box, bool) {
	b := box{s: s, bottom: r, left: c, cutTop: true}
	right := c + 1
	for g.at(r, right) == s.hz {
		right++
	}
	if g.at(r, right) != s.br {
		return b, false
	}
	b.right = right
	top := r - 1
	for top >= 0 && g.at(top, c) == s.vt && !isTopLeft(g, s, top, c) {
		top--
	}
	rtop := r - 1
	for rtop >= 0 && g.at(rtop, right) == s.vt && rtop > top {
		rtop--
	}
	if top != rtop || isTopLeft(g, s, top, c) {
		return b, false
	}
	b.top = top
	return b, true
}

// apart: no cell in common.
func apart(a, b box) bool {
	return a.right < b.left || b.right < a.left || a.bottom < b.top || b.bottom < a.top
}

// inside: b lies in a's interior, not touching a's border; a side cut off
// by the viewport may run to the same cut as a's.
func inside(a, b box) bool {
	if b.left <= a.left || b.right >= a.right {
		return false
	}
	topOK := b.top > a.top || (a.cutTop && b.cutTop && b.top == a.top)
	bottomOK := b.bottom < a.bottom || (a.cutBottom && b.cutBottom && b.bottom == a.bottom)
	return topOK && bottomOK
}
