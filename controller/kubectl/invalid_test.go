package kubectl

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"podviz/controller"
	"podviz/model"
	"podviz/termsafe"
)

var update = flag.Bool("update", false, "rewrite testdata/invalid/kubectl/*.txt from what podviz prints (read every change)")

// TestRun_InvalidLines runs every testdata/invalid/kubectl/NAME.sh, a
// kubectl line after its comment, against the article example at time 0,
// as the ":" prompt or a script step would: it must fail, and the error
// must be NAME.txt exactly (see testdata/invalid/README.md).
func TestRun_InvalidLines(t *testing.T) {
	t.Chdir("../..")
	files, err := filepath.Glob("testdata/invalid/kubectl/*.sh")
	if err != nil || len(files) < 10 {
		t.Fatalf("found %d invalid kubectl lines (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".sh"), func(t *testing.T) {
			line := commandLine(t, f)
			got := runLine(t, line)
			assertSafe(t, got)
			want := strings.TrimSuffix(f, ".sh") + ".txt"
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			data, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(data) {
				t.Errorf("error:\n%s\nwant:\n%s", got, data)
			}
		})
	}
}

// commandLine is the first line of f that is not a comment.
func commandLine(t *testing.T, f string) string {
	t.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			return l
		}
	}
	t.Fatalf("%s holds no command", f)
	return ""
}

// runLine parses and runs line on a fresh example cluster and returns its
// error text with a newline, as kubectl prints it on stderr.
func runLine(t *testing.T, line string) string {
	t.Helper()
	a, err := Parse(line)
	if err == nil {
		objs, lerr := model.LoadDefault()
		if lerr != nil {
			t.Fatal(lerr)
		}
		c, cerr := controller.New(objs, controller.Options{Seed: 1})
		if cerr != nil {
			t.Fatal(cerr)
		}
		_, err = a.Run(c)
	}
	if err == nil {
		t.Fatalf("%q succeeded, want an error", line)
	}
	return err.Error() + "\n"
}

func assertSafe(t *testing.T, s string) {
	t.Helper()
	if !termsafe.IsSafe(s, true) {
		t.Fatalf("error text is not terminal-safe: %q", s)
	}
}
