// Package termsafe decides what text may reach a terminal. podviz prints
// text that came from users (manifests, scripts, kubectl lines, flags,
// file names) and from people the user trusts less (a tutorial's file):
// none of it may drive the terminal (move the cursor, set the title, write
// the clipboard with OSC 52) or reorder what is displayed. Everything
// printable passes unchanged; everything else is written as a Go escape
// (\x1b, \a, \u202e), so the user sees that the text is not what it looks
// like.
//
// Safe is the rule. Text and Line apply it to a string; Writer applies it to
// everything written through it, which is how podviz's commands write
// stdout, stderr and the transcript: a message cannot forget to be escaped.
package termsafe

import (
	"fmt"
	"unicode/utf8"
)

// Safe reports whether r may be written raw: not a C0 control character
// (tab and newline are allowed only when multiLine: a value's shell script,
// a multi-line message), not DEL, not a C1 control character (U+009B is
// CSI), not a bidirectional override or isolate, which reorder what is
// displayed (the "Trojan Source" trick).
func Safe(r rune, multiLine bool) bool {
	switch {
	case r == '\t' || r == '\n':
		return multiLine
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return false
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return false
	}
	return true
}

// IsSafe reports whether every rune of s is Safe and s is valid UTF-8 (an
// invalid byte such as 0x9b is CSI to a terminal that is not in UTF-8 mode).
func IsSafe(s string, multiLine bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !Safe(rune(c), multiLine) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || !Safe(r, multiLine) {
			return false
		}
		i += size
	}
	return true
}

// safeBytes is IsSafe(string(p), true) without the copy.
func safeBytes(p []byte) bool {
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			if !Safe(rune(c), true) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		if (r == utf8.RuneError && size == 1) || !Safe(r, true) {
			return false
		}
		i += size
	}
	return true
}

// Text returns s with every unsafe rune escaped, tab and newline kept: for
// multi-line messages.
func Text(s string) string { return escapeString(s, true) }

// Line returns s with every unsafe rune escaped, tab and newline included:
// for text that must stay on one line (a name, a flag, a status bar note).
func Line(s string) string { return escapeString(s, false) }

func escapeString(s string, multiLine bool) string {
	if IsSafe(s, multiLine) {
		return s
	}
	return string(appendEscaped(make([]byte, 0, len(s)+16), []byte(s), multiLine, false))
}

// appendEscaped appends p to dst, escaping what is not Safe. With sgr,
// complete SGR sequences (ESC [ params m: colour and weight, nothing else)
// pass raw, for output podviz coloured itself.
func appendEscaped(dst, p []byte, multiLine, sgr bool) []byte {
	for i := 0; i < len(p); {
		c := p[i]
		if c == 0x1b && sgr {
			if n := sgrLen(p[i:]); n > 0 {
				dst = append(dst, p[i:i+n]...)
				i += n
				continue
			}
		}
		if c < utf8.RuneSelf {
			if Safe(rune(c), multiLine) {
				dst = append(dst, c)
			} else {
				dst = appendRuneEscape(dst, rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = fmt.Appendf(dst, `\x%02x`, c)
		case Safe(r, multiLine):
			dst = append(dst, p[i:i+size]...)
		default:
			dst = appendRuneEscape(dst, r)
		}
		i += size
	}
	return dst
}

// appendRuneEscape writes r as Go writes it in a quoted string: \n, \a,
// \x1b, \u202e.
func appendRuneEscape(dst []byte, r rune) []byte {
	q := fmt.Sprintf("%+q", string(r))
	return append(dst, q[1:len(q)-1]...)
}

// sgrLen is the length of the SGR sequence p starts with (ESC [, digits,
// ';' or ':', then 'm'), or 0 when p does not start with one.
func sgrLen(p []byte) int {
	if len(p) < 3 || p[0] != 0x1b || p[1] != '[' {
		return 0
	}
	for i := 2; i < len(p) && i < 64; i++ {
		switch c := p[i]; {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}
