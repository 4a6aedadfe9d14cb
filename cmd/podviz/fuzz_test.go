package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// fuzzTemplates lists, from the live command tree, every way a fuzzed text
// reaches podviz: as the value of each flag of each command, as a
// positional argument, as an unknown flag and shorthand, and as a
// script's run line. So a flag or command added later is fuzzed too.
func fuzzTemplates() []func(text, script string) []string {
	root := NewCmdRoot(&Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
	var out []func(text, script string) []string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		if c.Runnable() {
			p := append([]string(nil), path...)
			out = append(out,
				func(text, _ string) []string { return append(append([]string(nil), p...), text) },
				func(text, _ string) []string { return append(append([]string(nil), p...), "--"+text) },
				func(text, _ string) []string { return append(append([]string(nil), p...), "-"+text) },
			)
			c.Flags().VisitAll(func(f *pflag.Flag) {
				name := f.Name
				out = append(out, func(text, _ string) []string {
					return append(append([]string(nil), p...), "--"+name+"="+text)
				})
			})
			if c.Flags().Lookup("script") != nil && c.Name() != "podviz" {
				out = append(out, func(_, script string) []string {
					return append(append([]string(nil), p...), "--script", script, "--at", "2s")
				})
			}
		}
		for _, sub := range c.Commands() {
			if sub.Name() != "help" && sub.Name() != "completion" {
				walk(sub, append(append([]string(nil), path...), sub.Name()))
			}
		}
	}
	walk(root, nil)
	return out
}

// slowOrBlocking are texts the harness skips: a device or /proc path (-f
// /dev/tty would wait for the keyboard) and numbers of four digits or more
// (--replicas=50000 is a valid, half-minute run; the budgets bound it, the
// fuzzer need not prove it again and again).
var slowOrBlocking = regexp.MustCompile(`/(dev|proc|sys)\b|[0-9]{4}`)

// FuzzRun_OutputIsTerminalSafe feeds arbitrary bytes through every
// command's flags, arguments and a script's run text, and checks that
// nothing a terminal would act on reaches stdout or stderr: no byte below
// 0x20 but newline and tab, no DEL, no C1 control, no bidi override, no
// invalid UTF-8.
func FuzzRun_OutputIsTerminalSafe(f *testing.F) {
	templates := fuzzTemplates()
	seeds := []string{
		"kubectl scale deployment/example-deployment --\x1b]52;c;cHduZWQx\a",
		"kubectl set image deployment/example-deployment nginx=nginx:\x1b[31m1.27",
		"kubectl get pods -\x1b[31mx",
		"kubectl delete pod -l 'app=\x9b2J'",
		"kubectl apply -f \u202etxt.yaml",
		"\x1b]0;title\a",
		"pods\r\nfake",
		"NaN", "1e10", "-1", "wide", "json",
		"kubectl exec example-pod -- echo $'\x1b[31m\u202e'",
		"kubectl exec example-pod -c \x1b[2J -- kill 1",
	}
	for i := range templates {
		f.Add(uint16(i), seeds[i%len(seeds)])
	}
	dir := f.TempDir()
	// Commands that write files (record --out=TEXT) write them here, not
	// into the source tree.
	f.Chdir(dir)
	f.Fuzz(func(t *testing.T, which uint16, text string) {
		if slowOrBlocking.MatchString(text) || len(text) > 512 {
			t.Skip()
		}
		script := filepath.Join(dir, "fuzz-script.yaml")
		if err := os.WriteFile(script, []byte("- at: 1s\n  run: "+jsonString(text)+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args := templates[int(which)%len(templates)](text, script)
		var out, errOut bytes.Buffer
		run(args, &Factory{In: strings.NewReader(text), Out: &out, ErrOut: &errOut})
		assertTerminalSafe(t, "stdout of "+strings.Join(args, " "), out.String())
		assertTerminalSafe(t, "stderr of "+strings.Join(args, " "), errOut.String())
	})
}
