package tui

import "strings"

// The status bar's IdleMarker is what a vhs tape waits for, so nothing else
// on screen may read "[idle]": an image called nginx[idle], an event
// quoting it, a command's output, a caption cut just so. Rather than
// trusting every place that draws user text to unmark it, View passes every
// finished line through unforge, which looks at the line as a terminal
// shows it (escape sequences skipped, so styling between the letters does
// not hide a match) and turns each "[idle]" into "(idle)" — all but the
// marker itself, the first cells of the status bar while idle. The
// replacement has as many cells, so nothing moves.

// unforge returns line with every visible "[idle]" but the one starting at
// visible byte keep (-1: none) turned into "(idle)".
func unforge(line string, keep int) string {
	// Any visible "]" is a "]" byte, and the SGR styling lipgloss writes has
	// none: most lines are passed on that alone.
	if !strings.Contains(line, "]") {
		return line
	}
	// visible is the text a terminal shows; at[i] is where visible byte i
	// is in line.
	visible := make([]byte, 0, len(line))
	at := make([]int, 0, len(line))
	for i := 0; i < len(line); {
		if line[i] == '\x1b' {
			i = skipEscape(line, i)
			continue
		}
		visible = append(visible, line[i])
		at = append(at, i)
		i++
	}
	var out []byte
	for from := 0; ; {
		j := strings.Index(string(visible[from:]), IdleMarker)
		if j < 0 {
			break
		}
		j += from
		if j != keep {
			if out == nil {
				out = []byte(line)
			}
			out[at[j]] = '('
			out[at[j+len(IdleMarker)-1]] = ')'
		}
		from = j + 1
	}
	if out == nil {
		return line
	}
	return string(out)
}

// skipEscape returns the index just past the escape sequence starting at
// s[i] (ESC): CSI (ESC [ … final byte), OSC, DCS, SOS, PM and APC strings
// (ended by BEL or ESC \), or ESC and one byte.
func skipEscape(s string, i int) int {
	if i+1 >= len(s) {
		return len(s)
	}
	switch s[i+1] {
	case '[':
		for j := i + 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_':
		for j := i + 2; j < len(s); j++ {
			if s[j] == '\a' {
				return j + 1
			}
			if s[j] == '\x1b' && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return i + 2
}
