package model

import (
	"encoding/json"
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Problem is what is wrong with one document of one file: either it could
// not be read as an object (Err), or the object it holds is invalid (Errs,
// all of the object's errors together, as the API server reports them).
type Problem struct {
	// File is the path as the user gave it ("-" reads as "<stdin>").
	File string
	// Doc is the 1-based document number in File; 0 when the problem is the
	// file as a whole (unreadable, too large).
	Doc int
	// Item is the 1-based item of a kind: List document; 0 otherwise.
	Item int
	// Kind and Name identify the object, when it got that far.
	Kind, Name string
	// Err is a decoding or limit error; nil when Errs holds the problem.
	Err error
	// Errs are the object's validation errors, each with its field path.
	Errs field.ErrorList
	// Omitted counts field errors beyond MaxFieldErrors, not kept in Errs.
	Omitted int
}

// where is the "file: document N: " prefix of every line about p.
func (p *Problem) where() string {
	var b strings.Builder
	b.WriteString(escapeControls(p.File))
	if p.Doc > 0 {
		fmt.Fprintf(&b, ": document %d", p.Doc)
	}
	if p.Item > 0 {
		fmt.Fprintf(&b, ": items[%d]", p.Item-1)
	}
	return b.String()
}

// Lines renders p one error per line: "web.yaml: document 2: Deployment
// "web": spec.replicas: Invalid value: -1: must be greater than or equal to
// 0". One line per field error keeps the output greppable.
func (p *Problem) Lines() []string {
	if p.Err != nil {
		return []string{p.where() + ": " + escapeControls(p.Err.Error())}
	}
	out := make([]string, 0, len(p.Errs)+1)
	for _, e := range p.Errs {
		out = append(out, fmt.Sprintf("%s: %s %q: %s", p.where(), p.Kind, p.Name, escapeControls(e.Error())))
	}
	if p.Omitted > 0 {
		out = append(out, fmt.Sprintf("%s: %s %q: %s", p.where(), p.Kind, p.Name, p.omitted()))
	}
	return out
}

func (p *Problem) omitted() string {
	return fmt.Sprintf("and %d more errors", p.Omitted)
}

// Kubectl renders p as kubectl prints the API server's answer, after the
// "file: document N: " prefix: one error on the same line, several as a "* "
// list (kubectl's cmdutil.MultilineError, trailing space included). The
// result ends with a newline.
func (p *Problem) Kubectl() string {
	if p.Err != nil {
		return p.where() + ": " + escapeControls(p.Err.Error()) + "\n"
	}
	prefix := fmt.Sprintf("%s: The %s %q is invalid: ", p.where(), p.Kind, p.Name)
	if len(p.Errs) == 1 && p.Omitted == 0 {
		return prefix + escapeControls(p.Errs[0].Error()) + "\n"
	}
	var b strings.Builder
	b.WriteString(prefix + "\n")
	for _, e := range p.Errs {
		b.WriteString("* " + escapeControls(e.Error()) + "\n")
	}
	if p.Omitted > 0 {
		b.WriteString("* " + p.omitted() + "\n")
	}
	return b.String()
}

// LoadError is every problem Load found, in file and document order. Load
// keeps going after a bad document so that one run reports them all.
type LoadError struct {
	Problems []*Problem
}

// Error lists every problem, one error per line.
func (e *LoadError) Error() string {
	var lines []string
	for _, p := range e.Problems {
		lines = append(lines, p.Lines()...)
	}
	return strings.Join(lines, "\n")
}

// Kubectl renders every problem the way kubectl prints them (see
// Problem.Kubectl); it ends with a newline.
func (e *LoadError) Kubectl() string {
	var b strings.Builder
	for _, p := range e.Problems {
		b.WriteString(p.Kubectl())
	}
	return b.String()
}

// add records p, trimmed to the limits (MaxFieldErrors, MaxValueBytes);
// past MaxProblems it records one last problem saying so, and full reports
// true so that Load stops reading.
func (e *LoadError) add(p *Problem) {
	if e.full() {
		return
	}
	if len(e.Problems) == MaxProblems {
		e.Problems = append(e.Problems, &Problem{File: p.File, Doc: p.Doc, Item: p.Item,
			Err: fmt.Errorf("too many errors: podviz stops after %d problems", MaxProblems)})
		return
	}
	p.Name = shortenTo(p.Name, MaxValueBytes)
	if len(p.Errs) > MaxFieldErrors {
		p.Omitted = len(p.Errs) - MaxFieldErrors
		p.Errs = p.Errs[:MaxFieldErrors]
	}
	for _, fe := range p.Errs {
		fe.BadValue = shortenValue(fe.BadValue)
	}
	e.Problems = append(e.Problems, p)
}

// full reports whether MaxProblems has been passed.
func (e *LoadError) full() bool { return len(e.Problems) > MaxProblems }

func (e *LoadError) orNil() error {
	if e == nil || len(e.Problems) == 0 {
		return nil
	}
	return e
}

// shortenValue cuts a field error's bad value to MaxValueBytes: a string
// directly; a structure (a whole selector, say) via its JSON form, which is
// how field.Error prints it, so only a huge one changes (it is then shown
// as a quoted, cut string).
func shortenValue(v any) any {
	switch t := v.(type) {
	case string:
		return shortenTo(t, MaxValueBytes)
	case nil, bool, int, int32, int64, float32, float64:
		return v
	}
	js, err := json.Marshal(v)
	if err != nil || len(js) <= MaxValueBytes {
		return v
	}
	return shortenTo(string(js), MaxValueBytes)
}
