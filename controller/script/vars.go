package script

import (
	"fmt"
	"strings"
)

// placeholder stands for a $VARIABLE when a step is checked at load time: a
// valid pod name, so the command parses as it will once the pick has run.
const placeholder = "picked-pod"

// maxVarName bounds a variable's name.
const maxVarName = 64

// expand replaces $NAME and ${NAME} in a command line as a POSIX shell
// would: not inside single quotes, not after a backslash, and a `$` that
// starts no name stays as it is. lookup gives a variable's value or the
// error to report (an unset variable is an error, not an empty word: a
// script that deletes "" would be a silent mistake).
func expand(line string, lookup func(name string) (string, error)) (string, error) {
	if !strings.Contains(line, "$") {
		return line, nil
	}
	var b strings.Builder
	var quote byte // the quote we are inside, 0 if none
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case c == '\\' && i+1 < len(line):
			b.WriteByte(c)
			i++
			c = line[i]
		case c == '\'' && quote == 0, c == '"' && quote == 0:
			quote = c
		case c == '"' && quote == '"':
			quote = 0
		case c == '$':
			name, n, err := varName(line[i+1:])
			if err != nil {
				return "", err
			}
			if n == 0 {
				break // a lone $: literal, as in a shell
			}
			v, err := lookup(name)
			if err != nil {
				return "", err
			}
			b.WriteString(v)
			i += n
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), nil
}

// varName reads the name after a `$`: NAME or {NAME}. n is how many bytes
// it took (0: no name, the `$` is literal).
func varName(s string) (name string, n int, err error) {
	if strings.HasPrefix(s, "{") {
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return "", 0, fmt.Errorf("run: ${ without a closing }")
		}
		name = s[1:end]
		if !validVarName(name) {
			return "", 0, fmt.Errorf("run: ${%s} is not a variable name (letters, digits and _, not starting with a digit)", quoteRaw([]byte(name)))
		}
		return name, end + 1, nil
	}
	for n < len(s) && isVarByte(s[n], n == 0) {
		n++
	}
	if n > maxVarName {
		return "", 0, fmt.Errorf("run: a variable name may have at most %d characters", maxVarName)
	}
	return s[:n], n, nil
}

func validVarName(name string) bool {
	if name == "" || len(name) > maxVarName {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isVarByte(name[i], i == 0) {
			return false
		}
	}
	return true
}

func isVarByte(c byte, first bool) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9')
}

// Vars lists the variables a command line uses, in order, as expand reads
// them (none inside single quotes); a line that does not expand gives
// none.
func Vars(line string) []string {
	var names []string
	_, _ = expand(line, func(name string) (string, error) {
		names = append(names, name)
		return "", nil
	})
	return names
}
