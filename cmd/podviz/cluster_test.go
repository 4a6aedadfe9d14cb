package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// scriptPath is a script under the repository's testdata/scripts.
func scriptPath(name string) string { return "../../testdata/scripts/" + name }

// runArgs runs the whole command line through the root, as main does.
func runArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	f := &Factory{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	code = run(args, f)
	return out.String(), errOut.String(), code
}

// goldenCase is one headless command whose stdout is a golden file and
// whose stderr and exit code are checked exactly.
type goldenCase struct {
	name       string
	args       []string
	wantStderr string
	wantCode   int
}

func runGoldenCases(t *testing.T, cases []goldenCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runArgs(t, tc.args...)
			if code != tc.wantCode || errOut != tc.wantStderr {
				t.Fatalf("podviz %s: exit %d, stderr %q; want exit %d, stderr %q",
					strings.Join(tc.args, " "), code, errOut, tc.wantCode, tc.wantStderr)
			}
			golden.RequireEqual(t, out)
		})
	}
}

func TestClusterFlags_Errors(t *testing.T) {
	cases := []struct {
		name       string
		args       []string
		wantStderr string
		wantCode   int
	}{
		{"a missing manifest is an input error", []string{"get", "pods", "--at", "1s", "-f", "nope.yaml"},
			"nope.yaml: the path \"nope.yaml\" does not exist\n", exitInvalid},
		{"a bad script names the step", []string{"get", "pods", "--at", "1s", "--script", "testdata/bad-flag-script.yaml"},
			"error: testdata/bad-flag-script.yaml: step 1 (at 5s): error: unknown flag: --bogus\n", exitInvalid},
		{"a step failing at run time still prints, then exits 1", []string{"get", "deploy", "--at", "10s", "--script", scriptPath("bad-step.yaml")},
			"../../testdata/scripts/bad-step.yaml: step 1 (at 5s): Error from server (NotFound): deployments.apps \"web\" not found\n", exitInvalid},
		{"a bad --at", []string{"get", "pods", "--at", "soon"},
			"error: invalid argument \"soon\" for \"--at\" flag: want a virtual time such as 30s, 2m or 1m30s, from 0s to 24h0m0s\nSee 'podviz get --help' for usage.\n", exitUsage},
		{"a bad --seed", []string{"get", "pods", "--at", "1s", "--seed", "x"},
			"error: invalid argument \"x\" for \"--seed\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'podviz get --help' for usage.\n", exitUsage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runArgs(t, tc.args...)
			if code != tc.wantCode || errOut != tc.wantStderr {
				t.Fatalf("exit %d, stderr %q; want exit %d, stderr %q", code, errOut, tc.wantCode, tc.wantStderr)
			}
		})
	}
}
