package kubectl

import (
	"errors"
	"strings"
)

// errUnterminatedQuote is what a shell would complain about; podviz reads the
// command line itself, so it says so in kubectl's "error: " voice.
var errUnterminatedQuote = errors.New("error: unterminated quoted string")

// splitWords splits a command line the way a POSIX shell splits words, for
// the subset people type at a kubectl prompt: blanks separate words, single
// quotes keep everything literally, double quotes keep everything but let a
// backslash escape `"` and `\`, and a bare backslash escapes the next
// character. No globbing, variables or substitutions: podviz runs no shell.
func splitWords(line string) ([]string, error) {
	var (
		words   []string
		cur     strings.Builder
		inWord  bool
		runes   = []rune(line)
		closing rune // the quote we are inside, 0 if none
	)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case closing == '\'':
			if r == '\'' {
				closing = 0
			} else {
				cur.WriteRune(r)
			}
		case closing == '"':
			switch {
			case r == '"':
				closing = 0
			case r == '\\' && i+1 < len(runes) && (runes[i+1] == '"' || runes[i+1] == '\\'):
				i++
				cur.WriteRune(runes[i])
			default:
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			closing, inWord = r, true
		case r == '\\':
			inWord = true
			if i+1 < len(runes) {
				i++
				cur.WriteRune(runes[i])
			}
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			inWord = true
			cur.WriteRune(r)
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

// quoteWord returns w so that splitWords, and a real shell the user pastes
// the command into, read it back as one word: bare when it holds nothing a
// shell treats specially (a glob "*", "(", "$"…), else in single quotes (a single quote
// inside is written '\” as a shell would).
func quoteWord(w string) string {
	if w != "" && !strings.ContainsAny(w, " \t\n\r'\"\\*?[]$`()&;|<>#~{}!") {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}

// joinWords is the inverse of splitWords for the canonical command line.
func joinWords(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = quoteWord(w)
	}
	return strings.Join(q, " ")
}
