package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"podviz/termsafe"
)

// assertTerminalSafe fails when out holds anything a terminal acts on: a C0
// byte other than newline and tab, DEL, a C1 rune, a bidi control, or
// invalid UTF-8 (a lone 0x9b is CSI to an 8-bit terminal).
func assertTerminalSafe(t testing.TB, what, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("%s is not valid UTF-8: %q", what, out)
	}
	for _, r := range out {
		if !termsafe.Safe(r, true) {
			t.Fatalf("%s holds %U: %q", what, r, out)
		}
	}
}

// writeScript writes a one-step script running run at 1s and returns its path.
func writeScript(t *testing.T, run string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.yaml")
	// JSON is YAML: %q-like quoting keeps every byte as written.
	data := "- at: 1s\n  run: " + jsonString(run) + "\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRun_EscapeSequencesNeverReachTheTerminal runs, through the real
// command line, every way issue 7 found for text to reach the terminal raw:
// a script's run text, podviz's own flags and their values. Each must come
// out escaped, on one line, with the usual exit code.
func TestRun_EscapeSequencesNeverReachTheTerminal(t *testing.T) {
	osc52 := writeScript(t, "kubectl scale deployment/example-deployment --\x1b]52;c;cHduZWQx\a")
	osc0 := writeScript(t, "kubectl scale deployment/example-deployment --replicas=2 -\x1b]0;pwned\a")
	shorthand := writeScript(t, "kubectl get pods -\x1b[31mx")
	newline := writeScript(t, "kubectl get pods '--a\nb'")
	tests := []struct {
		name       string
		args       []string
		wantStderr string
		wantCode   int
	}{
		{"OSC 52 in a script's unknown flag",
			[]string{"events", "--until", "10s", "--script", osc52},
			"error: " + osc52 + ": step 1 (at 1s): error: unknown flag: --\\x1b]52;c;cHduZWQx\\a\n", exitInvalid},
		{"OSC 0 in a script's unknown shorthand flag",
			[]string{"events", "--until", "10s", "--script", osc0},
			"error: " + osc0 + ": step 1 (at 1s): error: unknown shorthand flag: '\\x1b' in -\\x1b]0;pwned\\a\n", exitInvalid},
		{"CSI in a script's unknown shorthand flag",
			[]string{"events", "--until", "10s", "--script", shorthand},
			"error: " + shorthand + ": step 1 (at 1s): error: unknown shorthand flag: '\\x1b' in -\\x1b[31mx\n", exitInvalid},
		{"a newline in a script's flag stays on one line",
			[]string{"events", "--until", "10s", "--script", newline},
			"error: " + newline + ": step 1 (at 1s): error: unknown flag: --a\\nb\n", exitInvalid},
		{"a --script path",
			[]string{"events", "--until", "1s", "--script", "/nope\x1b[31m"},
			"error: open /nope\\x1b[31m: no such file or directory\n", exitInvalid},
		{"a -n value",
			[]string{"get", "pods", "-n", "\x1b[31m", "--at", "1s"},
			"No resources found in \\x1b[31m namespace.\n", exitOK},
		{"podviz's own unknown flag",
			[]string{"--\x1b]52;c;cHduZWQx\a"},
			"error: unknown flag: --\\x1b]52;c;cHduZWQx\\a\nSee 'podviz --help' for usage.\n", exitUsage},
		{"an unknown shorthand flag of a subcommand",
			[]string{"get", "-\x1b[31mx"},
			"error: unknown shorthand flag: '\\x1b' in -\\x1b[31mx\nSee 'podviz get --help' for usage.\n", exitUsage},
		{"an unknown command",
			[]string{"\x1b]0;title\a"},
			"error: unknown command \"\\x1b]0;title\\a\" for \"podviz\"\nSee 'podviz --help' for usage.\n", exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := validateIO(t, "", tt.args...)
			assertTerminalSafe(t, "stdout", stdout)
			assertTerminalSafe(t, "stderr", stderr)
			if stderr != tt.wantStderr || code != tt.wantCode {
				t.Errorf("stderr %q, exit %d\nwant   %q, exit %d", stderr, code, tt.wantStderr, tt.wantCode)
			}
		})
	}
}

// jsonString quotes s as a JSON (and so YAML) string.
func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

type fullWriter struct{}

func (fullWriter) Write(p []byte) (int, error) { return 0, errors.New("no space left on device") }

// TestRun_LostOutputIsAnError: `podviz validate > /dev/full` and `podviz
// version > /dev/full` used to exit 0.
func TestRun_LostOutputIsAnError(t *testing.T) {
	for _, args := range [][]string{{"validate"}, {"version"}, {"get", "pods", "--at", "1s"}, {"events", "-o", "json", "--at", "1s"}, {"render", "--at", "1s"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var errOut bytes.Buffer
			code := run(args, &Factory{In: strings.NewReader(""), Out: fullWriter{}, ErrOut: &errOut})
			want := "error: writing standard output: no space left on device\n"
			if code != exitInvalid || !strings.HasSuffix(errOut.String(), want) {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, errOut.String(), want)
			}
		})
	}
}
