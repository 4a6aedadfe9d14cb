package main

import (
	"os"
	"strings"
	"testing"

	"podviz"
)

func TestExamples_List(t *testing.T) {
	out, errOut, code := runArgs(t, "examples")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	longest := 0 // the scenario column is as wide as the longest name, plus 3
	for _, e := range podviz.Examples() {
		if e.Scenario() {
			longest = max(longest, len(e.Name))
		}
	}
	for _, e := range podviz.Examples() {
		line := e.Name + " "
		if e.Scenario() {
			line += strings.Repeat(" ", longest+3-len(e.Name)-1) + e.Manifests
		}
		if !strings.Contains(out, "\n"+line) {
			t.Errorf("the list lacks %q:\n%s", line, out)
		}
	}
	if !strings.HasPrefix(out, "EXAMPLE ") || !strings.Contains(out, "\nSCENARIO ") {
		t.Errorf("headers:\n%s", out)
	}
}

func TestExamples_PrintOne(t *testing.T) {
	for _, tc := range []struct{ name, file string }{
		{"article", "../../testdata/examples/article.yaml"},
		{"recreate-web", "../../testdata/examples/recreate-web.yaml"},
		{"self-healing", "../../testdata/scripts/self-healing.yaml"},
	} {
		want, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		out, errOut, code := runArgs(t, "examples", tc.name)
		if code != exitOK || errOut != "" || out != string(want) {
			t.Errorf("examples %s: exit %d, stderr %q, output is not %s", tc.name, code, errOut, tc.file)
		}
	}
}

func TestExamples_Flag(t *testing.T) {
	cases := []struct {
		name       string
		args       []string
		wantOut    string // a line the output must hold
		wantStderr string
		wantCode   int
	}{
		{"an example's manifests", []string{"get", "deploy", "--example", "nginx-deployment", "--at", "1m"},
			"nginx-deployment   10/10   10           10          60s", "", exitOK},
		{"validate takes it too", []string{"validate", "--example", "crasher"}, "deployment.apps/crasher valid", "", exitOK},
		{"a scenario plays its script", []string{"get", "rs", "--example", "proportional-scaling", "--at", "16s"},
			"nginx-deployment-b85c6c44f    5         5         0       11s", "", exitOK},
		{"no example by that name", []string{"get", "pods", "--example", "nope", "--at", "1s"}, "",
			"error: no example \"nope\" (podviz examples lists them)\nSee 'podviz get --help' for usage.\n", exitUsage},
		{"not with -f", []string{"render", "--example", "article", "-f", "x.yaml", "--at", "1s"}, "",
			"error: --example and -f cannot be combined (podviz examples article > f.yaml gives the example as a file)\nSee 'podviz render --help' for usage.\n", exitUsage},
		{"a scenario brings its own script", []string{"events", "--example", "scaling", "--script", "s.yaml", "--until", "1s"}, "",
			"error: --example scaling plays its own script; drop --script, or use --example article with your script\nSee 'podviz events --help' for usage.\n", exitUsage},
		{"examples of a name that does not exist", []string{"examples", "nope"}, "",
			"error: no example \"nope\" (podviz examples lists them)\nSee 'podviz examples --help' for usage.\n", exitUsage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runArgs(t, tc.args...)
			if code != tc.wantCode || errOut != tc.wantStderr || !strings.Contains(out, tc.wantOut) {
				t.Fatalf("podviz %s: exit %d, stderr %q, stdout:\n%s\nwant exit %d, stderr %q, a line %q",
					strings.Join(tc.args, " "), code, errOut, out, tc.wantCode, tc.wantStderr, tc.wantOut)
			}
		})
	}
}

// TestExamples_DefaultUnchanged: with neither -f nor --example the article's
// example loads, as before --example existed.
func TestExamples_DefaultUnchanged(t *testing.T) {
	plain, _, _ := runArgs(t, "get", "pods", "--at", "30s")
	named, _, _ := runArgs(t, "get", "pods", "--at", "30s", "--example", "article")
	if plain != named || !strings.Contains(plain, "example-pod ") {
		t.Errorf("default:\n%s\n--example article:\n%s", plain, named)
	}
}

// TestExamples_DefaultAtIsAfterTheLastStep: without --at a headless command
// shows the cluster settled after the script's last step, which for
// relative steps is known only by playing them (their `at` says nothing).
func TestExamples_DefaultAtIsAfterTheLastStep(t *testing.T) {
	out, errOut, code := runArgs(t, "get", "pods", "--example", "self-healing")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if strings.Contains(out, "example-pod") || strings.Count(out, "example-deployment-") != 3 {
		t.Errorf("not after the last step (the bare Pod deleted):\n%s", out)
	}
}
