package model

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// billionLaughs is the YAML alias bomb: nine levels of nine aliases expand
// to 9^9 strings if a parser expands them naively.
const billionLaughs = `apiVersion: v1
kind: Pod
metadata:
  name: lol
  annotations:
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
spec:
  containers: [{name: c, image: nginx}]
`

// quick fails the test if f takes longer than limit: hostile input must be
// refused in bounded time, not merely eventually. Each case takes well under
// 2 s on one idle core; the limits leave room for a loaded CI machine.
func quick(t *testing.T, limit time.Duration, f func()) {
	t.Helper()
	start := time.Now()
	f()
	if d := time.Since(start); d > limit {
		t.Errorf("took %v, want under %v", d, limit)
	}
}

func TestLoad_Hostile(t *testing.T) {
	pod := func(name, image string) string {
		return fmt.Sprintf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: %s\nspec:\n  containers:\n  - name: c\n    image: %q\n", name, image)
	}
	manyDocs := strings.Repeat("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", MaxObjects) + "---\n" + pod("p", "nginx")
	manyItems := `{"apiVersion":"v1","kind":"List","items":[` +
		strings.TrimSuffix(strings.Repeat(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}},`, MaxObjects+1), ",") + `]}`
	tests := []struct {
		name string
		data string
		want string // a substring of the error
	}{
		{"billion laughs alias bomb", billionLaughs, "excessive aliasing"},
		{"deeply nested flow sequences", "a: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000), "error converting YAML to JSON"},
		{"deeply nested JSON", strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000), "error converting YAML to JSON"},
		{"more documents than MaxObjects", manyDocs, "too many objects: podviz loads at most 10000"},
		{"more List items than MaxObjects", manyItems, "too many objects: podviz loads at most 10000"},
		{"replicas over the pod budget", strings.Replace(exampleDeployment, "replicas: 3", "replicas: 100001", 1),
			`spec.replicas: Invalid value: 100001: podviz's pod budget is 100000 pods for one cluster; this Deployment needs 125002 (100001 replicas + 25001 maxSurge)`},
		{"escape sequence in an image", pod("p", "nginx\x1b[2J"),
			`spec.containers[0].image: Invalid value: "nginx\x1b[2J": must not contain control characters or escape sequences`},
		{"escape sequence in the name", pod("\"p\\e]0;pwned\\a\"", "nginx"),
			`Pod "p\x1b]0;pwned\a": metadata.name: Invalid value: "p\x1b]0;pwned\a": must not contain control characters`},
		{"C1 control (CSI) in a label value", strings.Replace(exampleDeployment, "app: nginx\n  template", "app: \"nginx\\u009b31m\"\n  template", 1),
			`spec.selector.matchLabels.app: Invalid value: "nginx\u009b31m"`},
		{"control character in a label key", strings.Replace(exampleDeployment, "    matchLabels:\n      app: nginx", "    matchLabels:\n      \"a\\rpp\": nginx", 1),
			`spec.selector.matchLabels[a\rpp]: Invalid value: "a\rpp": must not contain`},
		{"carriage return in a command", strings.Replace(pod("p", "nginx"), "    image:", "    command: [\"sh\", \"-c\", \"echo hi\\rbye\"]\n    image:", 1),
			`spec.containers[0].command[2]: Invalid value: "echo hi\rbye"`},
		{"NUL byte in a value", pod("p", "ngi\x00nx"), "must not contain control characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			quick(t, 15*time.Second, func() { _, err = Parse("hostile.yaml", []byte(tt.data), nil) })
			if err == nil {
				t.Fatal("accepted, want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error does not contain %q:\n%s", tt.want, shorten(err.Error()))
			}
			assertPrintable(t, err.Error())
			if le, ok := err.(*LoadError); ok {
				assertPrintable(t, le.Kubectl())
			}
		})
	}
}

// assertPrintable fails if s holds anything that could drive a terminal.
func assertPrintable(t *testing.T, s string) {
	t.Helper()
	for _, r := range s {
		if r != '\n' && isUnsafeRune(r, false) {
			t.Fatalf("error text holds %U: %q", r, shorten(s))
		}
	}
}

func TestLoad_BidiOverrideRejected(t *testing.T) {
	data := strings.Replace(examplePod, "name: example-pod", "name: example-pod\n  annotations:\n    note: \"safe\u202etxt.exe\"", 1)
	_, err := Parse("bidi.yaml", []byte(data), nil)
	want := `bidi.yaml: document 1: Pod "example-pod": metadata.annotations.note: Invalid value: "safe\u202etxt.exe": must not contain control characters or escape sequences`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestLoad_TabsAndNewlinesInValuesAllowed(t *testing.T) {
	data := strings.Replace(examplePod, "image: nginx:latest", "image: nginx:latest\n      args: [\"line one\\nline\\ttwo\"]", 1)
	if _, err := Parse("ok.yaml", []byte(data), nil); err != nil {
		t.Fatal(err)
	}
}

func TestLoad_FileTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	// A valid manifest padded with a comment past the limit: refused by size,
	// before any parsing.
	data := append([]byte(examplePod+"#"), bytes.Repeat([]byte("x"), MaxFileBytes)...)
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var err error
	quick(t, 2*time.Second, func() { _, err = Load([]string{big}, nil, nil) })
	if err == nil || !strings.Contains(err.Error(), "big.yaml: file is larger than 8388608 bytes (8 MiB)") {
		t.Errorf("got %v", err)
	}
	// The same from stdin, which has no size to check first: the bounded read
	// stops one byte past the limit.
	quick(t, 2*time.Second, func() { _, err = Load([]string{"-"}, endless{}, nil) })
	if err == nil || !strings.Contains(err.Error(), "<stdin>: file is larger than 8388608 bytes") {
		t.Errorf("stdin: got %v", err)
	}
	// Parse applies the same limit to in-memory data.
	if _, err := Parse("big.yaml", data, nil); err == nil || !strings.Contains(err.Error(), "file is larger than") {
		t.Errorf("Parse: got %v", err)
	}
}

// endless is an infinite stream of '#' (a YAML comment), like cat /dev/zero.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	return len(p), nil
}

func TestLoad_FileAtLimitIsRead(t *testing.T) {
	data := []byte(examplePod + "#")
	data = append(data, bytes.Repeat([]byte("x"), MaxFileBytes-len(data))...)
	if _, err := Parse("limit.yaml", data, nil); err != nil {
		t.Fatalf("a file of exactly %d bytes must load: %v", MaxFileBytes, err)
	}
}

func TestLoad_ExactlyMaxObjects(t *testing.T) {
	items := strings.TrimSuffix(strings.Repeat(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}},`, MaxObjects-1), ",")
	data := `{"apiVersion":"v1","kind":"List","items":[` + items + `]}` + "\n---\n" + examplePod
	// The List document counts as one object too.
	_, err := Parse("many.yaml", []byte(data), nil)
	if err == nil || !strings.Contains(err.Error(), "too many objects") {
		t.Fatalf("List + %d items + 1 pod: got %v, want too many objects", MaxObjects-1, err)
	}
	items = strings.TrimSuffix(strings.Repeat(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}},`, MaxObjects-2), ",")
	data = `{"apiVersion":"v1","kind":"List","items":[` + items + `]}` + "\n---\n" + examplePod
	if _, err := Parse("many.yaml", []byte(data), nil); err != nil {
		t.Fatalf("exactly %d objects must load: %v", MaxObjects, err)
	}
}

func TestLoad_ErrorTextIsBounded(t *testing.T) {
	t.Run("a huge bad value is quoted shortened", func(t *testing.T) {
		huge := strings.Repeat("x", 1<<20) + " y"
		data := strings.Replace(exampleDeployment, "app: nginx\n  template", "app: \""+huge+"\"\n  template", 1)
		_, err := Parse("huge.yaml", []byte(data), nil)
		if err == nil {
			t.Fatal("accepted")
		}
		if n := len(err.Error()); n > 4096 {
			t.Errorf("error text is %d bytes, want under 4 KiB", n)
		}
	})
	t.Run("many errors in one object", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n")
		for range 200 {
			b.WriteString("  - name: Bad_Name\n    image: nginx\n")
		}
		_, err := Parse("many.yaml", []byte(b.String()), nil)
		le, ok := err.(*LoadError)
		if !ok {
			t.Fatalf("got %v", err)
		}
		p := le.Problems[0]
		// 200 invalid names + 199 duplicates = 399 errors
		if len(p.Errs) != MaxFieldErrors || p.Omitted != 399-MaxFieldErrors {
			t.Errorf("kept %d errors, omitted %d", len(p.Errs), p.Omitted)
		}
		if !strings.HasSuffix(le.Kubectl(), "* and 349 more errors\n") {
			t.Errorf("kubectl text does not end with the count of omitted errors")
		}
	})
	t.Run("many bad documents", func(t *testing.T) {
		data := strings.Repeat("---\n"+strings.Replace(examplePod, "nginx:latest", `""`, 1), MaxProblems+50)
		_, err := Parse("docs.yaml", []byte(data), nil)
		le, ok := err.(*LoadError)
		if !ok {
			t.Fatalf("got %v", err)
		}
		if len(le.Problems) != MaxProblems+1 {
			t.Errorf("got %d problems, want %d and a last one saying so", len(le.Problems), MaxProblems+1)
		}
		if last := le.Problems[len(le.Problems)-1].Err; last == nil || !strings.Contains(last.Error(), "too many errors: podviz stops after 100 problems") {
			t.Errorf("last problem: %v", last)
		}
	})
}
