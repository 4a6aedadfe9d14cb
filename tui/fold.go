package tui

import (
	"strings"
	"unicode"
)

// A kubectl table wider than the pane (get pods -o wide at 80 columns is
// some 150) used to be hard-wrapped, which splits cells ("10.244." on one
// line, "0.4" on the next) and leaves rows unreadable. foldTables instead
// folds it by whole columns: the columns that fit, then the rest under
// them, each part led by the first column (NAME) so a row is still found
// by its name:
//
//	NAME    READY   STATUS    IP
//	web-1   1/1     Running   10.244.0.4
//
//	NAME    NODE          NOMINATED NODE
//	web-1   podviz-node   <none>

// foldTables folds every table in text wider than w; other lines are left
// for the pane's hard wrap.
func foldTables(text string, w int) string {
	lines := strings.Split(text, "\n")
	var out []string
	for i := 0; i < len(lines); {
		starts := columnStarts(lines[i])
		end := i + 1
		for end < len(lines) && lines[end] != "" {
			end++
		}
		if len(starts) < 2 || !fitsColumns(lines[i:end], starts) || widest(lines[i:end]) <= w {
			out = append(out, lines[i])
			i++
			continue
		}
		out = append(out, fold(lines[i:end], starts, w)...)
		i = end
	}
	return strings.Join(out, "\n")
}

// columnStarts is where a kubectl header's columns start: words in capitals
// after a gap of two spaces or more (kubectl pads with three; "NOMINATED
// NODE" is one column). nil when line is not such a header.
func columnStarts(line string) []int {
	if line == "" || line[0] == ' ' {
		return nil
	}
	starts := []int{0}
	for i, r := range line {
		if r > unicode.MaxASCII || unicode.IsLower(r) {
			return nil
		}
		if i >= 2 && r != ' ' && line[i-1] == ' ' && line[i-2] == ' ' {
			starts = append(starts, i)
		}
	}
	return starts
}

// fitsColumns: every row is ASCII and has a gap before each column start,
// so cutting there cuts between cells.
func fitsColumns(rows []string, starts []int) bool {
	for _, row := range rows {
		for _, r := range row {
			if r > unicode.MaxASCII {
				return false
			}
		}
		for _, s := range starts[1:] {
			if s < len(row) && row[s-1] != ' ' {
				return false
			}
		}
	}
	return true
}

func widest(lines []string) int {
	n := 0
	for _, l := range lines {
		n = max(n, len(l))
	}
	return n
}

// fold splits rows into parts of whole columns no wider than w, each led
// by the first column, a blank line between parts.
func fold(rows []string, starts []int, w int) []string {
	cell := func(row string, c int) string {
		from := min(starts[c], len(row))
		to := len(row)
		if c+1 < len(starts) {
			to = min(starts[c+1], len(row))
		}
		return row[from:to]
	}
	lead := starts[1] // the first column with its gap
	var out []string
	for c := 1; c < len(starts); {
		// Take columns while they fit after the first; always at least one.
		last, width := c, lead+columnWidth(starts, c, rows)
		for last+1 < len(starts) && width+columnWidth(starts, last+1, rows) <= w {
			last++
			width += columnWidth(starts, last, rows)
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		for _, row := range rows {
			var b strings.Builder
			b.WriteString(cell(row, 0))
			for k := c; k <= last; k++ {
				b.WriteString(cell(row, k))
			}
			out = append(out, strings.TrimRight(b.String(), " "))
		}
		c = last + 1
	}
	return out
}

// columnWidth is column c's width with its gap: to the next start, or the
// longest cell for the last column.
func columnWidth(starts []int, c int, rows []string) int {
	if c+1 < len(starts) {
		return starts[c+1] - starts[c]
	}
	return widest(rows) - starts[c]
}
