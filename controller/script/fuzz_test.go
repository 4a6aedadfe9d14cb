package script

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"podviz/controller"
)

// FuzzParse checks that no script panics the parser or the player, that a
// refusal names the script and carries no control character (it is printed
// on a terminal), and that every accepted `at` step does something.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/scripts/*.yaml")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"- after: settled\n  wait: 2s\n  say: hi\n",
		"- pick: POD\n  of: deployment/web -n demo\n  order: newest\n  nth: 2\n- run: kubectl delete pod ${POD}\n",
		"- at: 1s\n  after: settled\n", "- say: \"\\u001b[2J\"\n", "- wait: 1e9h\n", "- pick: P\n  of: deploy/x\n  nth: 1.5\n",
		"- run: kubectl delete pod '$P'\n", "- {}\n- []\n", "- say: [1, {a: b}]\n",
		"- at: 2s\n  ask: How many?\n  choices: [\"1\", \"2\"]\n  answer: 2\n  why: two\n- run: kubectl get pods\n",
		"- ask: q\n  choices: [a, b, c]\n  answer: 0\n  why: w\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		s, err := Parse("s.yaml", data)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "s.yaml: ") {
				t.Fatalf("error does not name the script: %q", msg)
			}
			for _, r := range msg {
				if unicode.IsControl(r) && r != '\n' {
					t.Fatalf("control character %U in the error %q", r, msg)
				}
			}
			return
		}
		for _, st := range s.Steps {
			// A step with nothing to do is a pause (after/wait, even "wait: 0s").
			if st.Action == nil && st.Say == "" && st.Pick == nil && st.Ask == nil && !st.Relative {
				t.Fatalf("%s does nothing: %+v", st.Where(), st)
			}
		}
		c, err := controller.New(nil, controller.Options{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, stop := range Stops(s) {
			if stop.First > stop.Last || (stop.Ask != nil && len(stop.Ask.Choices) < 2) {
				t.Fatalf("a bad stop %+v", stop)
			}
		}
		_ = Play(c, s, time.Minute, io.Discard)
	})
}
