package kubectl

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"podviz/termsafe"
)

// errUnterminatedQuote is what a shell would complain about; podviz reads the
// command line itself, so it says so in kubectl's "error: " voice.
var errUnterminatedQuote = errors.New("error: unterminated quoted string")

// splitWords splits a command line the way a POSIX shell splits words, for
// the subset people type at a kubectl prompt: blanks separate words, single
// quotes keep everything literally, double quotes keep everything but let a
// backslash escape `"` and `\`, a bare backslash escapes the next
// character, and $'…' (POSIX.1-2024, bash, zsh) reads C escapes such as
// \n, \t, \e and \x1b. No globbing, variables or substitutions: podviz runs
// no shell.
func splitWords(line string) ([]string, error) {
	var (
		words   []string
		cur     strings.Builder
		inWord  bool
		closing byte // the quote we are inside ('\'', '"', or '$' for $'…'), 0 if none
	)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case closing == '\'':
			if c == '\'' {
				closing = 0
			} else {
				cur.WriteByte(c)
			}
		case closing == '"':
			switch {
			case c == '"':
				closing = 0
			case c == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\'):
				i++
				cur.WriteByte(line[i])
			default:
				cur.WriteByte(c)
			}
		case closing == '$':
			switch {
			case c == '\'':
				closing = 0
			case c == '\\' && i+1 < len(line):
				i += ansiEscape(line[i+1:], &cur)
			default:
				cur.WriteByte(c)
			}
		case c == '$' && i+1 < len(line) && line[i+1] == '\'':
			i++
			closing, inWord = '$', true
		case c == '\'' || c == '"':
			closing, inWord = c, true
		case c == '\\':
			inWord = true
			if i+1 < len(line) {
				// The next character, whole (it may be several bytes).
				_, size := utf8.DecodeRuneInString(line[i+1:])
				cur.WriteString(line[i+1 : i+1+size])
				i += size
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			inWord = true
			cur.WriteByte(c)
		}
	}
	if closing != 0 {
		return nil, errUnterminatedQuote
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// ansiEscape reads the escape after a backslash inside $'…' (s starts just
// after the backslash), writes what it stands for and returns how many
// bytes of s it used. An unknown escape is kept as written, as bash keeps it.
func ansiEscape(s string, out *strings.Builder) int {
	simple := map[byte]byte{'a': '\a', 'b': '\b', 'e': 0x1b, 'E': 0x1b, 'f': '\f', 'n': '\n', 'r': '\r',
		't': '\t', 'v': '\v', '\\': '\\', '\'': '\'', '"': '"', '?': '?'}
	if b, ok := simple[s[0]]; ok {
		out.WriteByte(b)
		return 1
	}
	digits := func(from, max int, isDigit func(byte) bool) int {
		n := from
		for n < len(s) && n-from < max && isDigit(s[n]) {
			n++
		}
		return n
	}
	var base, end int
	switch {
	case s[0] == 'x':
		base, end = 16, digits(1, 2, isHex)
	case s[0] == 'u':
		base, end = 16, digits(1, 4, isHex)
	case s[0] == 'U':
		base, end = 16, digits(1, 8, isHex)
	case s[0] >= '0' && s[0] <= '7':
		base, end = 8, digits(0, 3, func(b byte) bool { return b >= '0' && b <= '7' })
	}
	start := 1
	if base == 8 {
		start = 0
	}
	if base == 0 || end == start {
		out.WriteByte('\\')
		out.WriteByte(s[0])
		return 1
	}
	var v uint64
	fmt.Sscanf(s[start:end], map[int]string{16: "%x", 8: "%o"}[base], &v)
	if s[0] == 'u' || s[0] == 'U' {
		if v > utf8.MaxRune {
			v = utf8.RuneError
		}
		out.WriteRune(rune(v))
	} else {
		out.WriteByte(byte(v))
	}
	return end
}

func isHex(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F'
}

// quoteWord returns w so that splitWords, and a real shell the user pastes
// the command into, read it back as one word: bare when it holds nothing a
// shell treats specially (a glob "*", "(", "$"…); in single quotes when it
// is printable (a single quote inside is written '\” as a shell would);
// and as $'…' with C escapes when it holds anything a terminal would act on
// (an escape sequence, a newline), so the command line is safe to show and
// to write into a transcript, and still names the same bytes.
func quoteWord(w string) string {
	if !termsafe.IsSafe(w, false) {
		return ansiQuote(w)
	}
	if w != "" && !strings.ContainsAny(w, " \t\n\r'\"\\*?[]$`()&;|<>#~{}!") {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}

// ansiQuote writes w as $'…': printable runes as they are, a backslash and
// a single quote escaped, the rest as \n, \t, \r, \xHH (a control byte or
// an invalid one) or \uHHHH (a C1 or bidi control).
func ansiQuote(w string) string {
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, w[i])
		case r == '\\' || r == '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case !termsafe.Safe(r, false):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(w[i : i+size])
		}
		i += size
	}
	b.WriteByte('\'')
	return b.String()
}

// joinWords is the inverse of splitWords for the canonical command line.
func joinWords(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = quoteWord(w)
	}
	return strings.Join(q, " ")
}
