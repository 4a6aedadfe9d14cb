package diagram

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// clean removes every control character (C0, DEL, C1) from a string that came
// from the snapshot. model already sanitises manifest strings; this keeps the
// promise that the renderer never emits a control character it did not create
// even if a future caller forgets.
func clean(s string) string {
	wide := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == 0x7f:
			return cleanSlow(s)
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xa0: // a C1 control, U+0080–U+009F
			return cleanSlow(s)
		case c >= 0x80:
			wide = true
		}
	}
	if wide && !utf8.ValidString(s) {
		return cleanSlow(s)
	}
	return s
}

func cleanSlow(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// asciiReplacements transliterates the few non-ASCII characters podviz's own
// words use (and the controller's "why" line) into 7-bit text.
var asciiReplacements = strings.NewReplacer(
	" · ", ", ",
	"·", ".",
	"−", "-",
	"–", "-",
	"—", "-",
	"…", "...",
	"→", "->",
	"←", "<-",
	"×", "x",
	"≥", ">=",
	"≤", "<=",
	"“", `"`,
	"”", `"`,
	"‘", "'",
	"’", "'",
)

// asciify returns s as printable 7-bit ASCII: known characters are
// transliterated, anything else becomes '?'.
func asciify(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] > 0x7e || s[i] < 0x20 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	s = asciiReplacements.Replace(s)
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			b.WriteByte('?')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cellWidth is the number of terminal cells s occupies (ANSI codes excluded).
// Plain ASCII (what names, IPs and most labels are) is measured by its
// length: grapheme segmentation was a third of a frame's cost.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// fitsIn reports whether s is at most w cells wide. A string never takes
// more cells than bytes, so most lines are decided by their length alone.
func fitsIn(s string, w int) bool { return len(s) <= w || cellWidth(s) <= w }

// truncate cuts plain or styled s to at most w cells, marking the cut with
// the glyph set's ellipsis.
func truncate(s string, w int, ellipsis string) string {
	if w <= 0 {
		return ""
	}
	if fitsIn(s, w) {
		return s
	}
	if cellWidth(ellipsis) > w {
		ellipsis = ""
	}
	return ansi.Truncate(s, w, ellipsis)
}

// wrapWords breaks plain text into lines of at most w cells, at spaces where
// it can and mid-word where a word alone is too long.
func wrapWords(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, word := range strings.Fields(s) {
		ww := cellWidth(word)
		for ww > w { // a word longer than the line: hard-break it
			if curW > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
				curW = 0
			}
			head := ansi.Truncate(word, w, "")
			lines = append(lines, head)
			word = word[len(head):]
			ww = cellWidth(word)
		}
		if ww == 0 {
			continue
		}
		if curW > 0 && curW+1+ww > w {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		if curW > 0 {
			cur.WriteByte(' ')
			curW++
		}
		cur.WriteString(word)
		curW += ww
	}
	if curW > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
