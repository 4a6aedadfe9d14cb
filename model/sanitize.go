package model

import (
	"encoding/json"
	"regexp"
	"sort"
	"unicode/utf8"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"podviz/termsafe"
)

// Every string podviz loads ends up on a terminal (names in boxes, images,
// events). A manifest must not be able to drive that terminal, so a string
// holding a control character or an escape sequence is rejected at load,
// with the field named, rather than silently stripped: the user learns that
// the file is not what it looks like.

// msgControlCharacters is the detail of the error for such a string.
const msgControlCharacters = "must not contain control characters or escape sequences"

// maxUnsafeStringErrors caps how many such errors one document reports, so a
// hostile file cannot turn into a gigabyte of error text.
const maxUnsafeStringErrors = 10

// isUnsafeRune reports whether r must not appear in a loaded string: what
// termsafe refuses, with tab and newline allowed in values (shell scripts in
// `command:` and `args:` legitimately hold them) but not in keys.
func isUnsafeRune(r rune, inKey bool) bool { return !termsafe.Safe(r, !inKey) }

func hasUnsafe(s string, inKey bool) bool { return !termsafe.IsSafe(s, !inKey) }

// escapeControls makes s safe to print on one line: every unsafe rune
// (newline included) becomes a Go escape. Used on text that may quote
// input, such as a parser's error message or a file name.
func escapeControls(s string) string { return termsafe.Line(s) }

// identifier matches keys that field.Path shows as ".key"; other keys (label
// keys like app.kubernetes.io/name) show as "[key]", like upstream's Key().
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func childPath(p *field.Path, key string) *field.Path {
	key = escapeControls(key)
	if identifier.MatchString(key) {
		if p == nil {
			return field.NewPath(key)
		}
		return p.Child(key)
	}
	if p == nil {
		return field.NewPath("").Key(key)
	}
	return p.Key(key)
}

// checkStrings walks a decoded JSON document (maps, slices, strings) and
// reports every string and map key holding an unsafe rune, named by its
// field path. It runs on the generic document before typed decoding so that
// the path uses the manifest's own field names and so that no later message
// (unknown field "...") can echo an escape sequence.
func checkStrings(v any, path *field.Path, errs *field.ErrorList) {
	if len(*errs) >= maxUnsafeStringErrors {
		return
	}
	switch t := v.(type) {
	case string:
		if hasUnsafe(t, false) {
			*errs = append(*errs, field.Invalid(path, shorten(t), msgControlCharacters))
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if hasUnsafe(k, true) {
				*errs = append(*errs, field.Invalid(childPath(path, k), shorten(k), msgControlCharacters))
				continue
			}
			checkStrings(t[k], childPath(path, k), errs)
		}
	case []any:
		for i, e := range t {
			var p *field.Path
			if path == nil {
				p = field.NewPath("").Index(i)
			} else {
				p = path.Index(i)
			}
			checkStrings(e, p, errs)
		}
	}
}

// shorten keeps an error about a huge string readable.
func shorten(s string) string { return shortenTo(s, 64) }

// shortenTo cuts s to at most max bytes (at a rune boundary) plus "...".
func shortenTo(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// UnsafeText is the load-time control-character check for an object that
// did not come from a file: one a kubectl line changed (`set image`,
// `scale`, `rollout restart`). It names each offending field by the path a
// manifest would use (spec.template.spec.containers[0].image), with the
// same words, so a command is refused exactly as the manifest would be.
func UnsafeText(obj any) field.ErrorList {
	js, err := json.Marshal(obj)
	if err != nil {
		return field.ErrorList{field.InternalError(nil, err)}
	}
	var generic any
	if err := json.Unmarshal(js, &generic); err != nil {
		return field.ErrorList{field.InternalError(nil, err)}
	}
	var errs field.ErrorList
	checkStrings(generic, nil, &errs)
	return errs
}
