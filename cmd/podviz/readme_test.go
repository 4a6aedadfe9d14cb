package main

import (
	"os"
	"strings"
	"testing"
)

// The README's first screen promises a picture and a few transcripts; these
// tests run the commands it shows and compare, so the README stays true.

func readme(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestReadme_RenderPicture: the block between the render markers is exactly
// what the command named in the opening marker prints.
func TestReadme_RenderPicture(t *testing.T) {
	text := readme(t)
	const begin, end = "<!-- render:begin podviz ", "<!-- render:end -->"
	_, rest, ok := strings.Cut(text, begin)
	if !ok {
		t.Fatal("README has no render:begin marker")
	}
	command, rest, _ := strings.Cut(rest, " -->\n")
	block, _, ok := strings.Cut(rest, end)
	if !ok {
		t.Fatal("README has no render:end marker")
	}
	picture := strings.TrimSuffix(strings.TrimPrefix(block, "```text\n"), "```\n")
	stdout, stderr, code := runArgs(t, strings.Fields(command)...)
	if code != exitOK || stderr != "" {
		t.Fatalf("podviz %s: exit %d, stderr %q", command, code, stderr)
	}
	if picture != stdout {
		t.Errorf("README picture differs from `podviz %s`; paste this between the markers:\n```text\n%s```", command, stdout)
	}
}

// TestReadme_ScriptExample: the worked script example is the one in
// testdata/scripts, and the output shown is what podviz prints for it.
func TestReadme_ScriptExample(t *testing.T) {
	text := readme(t)
	script, err := os.ReadFile("../../testdata/scripts/readme-rollout.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "# rollout.yaml\n"+string(script)+"```") {
		t.Errorf("README's rollout.yaml is not testdata/scripts/readme-rollout.yaml:\n%s", script)
	}
	const prompt = "$ podviz get rs --script rollout.yaml --at 45s\n"
	_, after, ok := strings.Cut(text, prompt)
	want, _, ok2 := strings.Cut(after, "```")
	if !ok || !ok2 {
		t.Fatal("README has no `podviz get rs --script rollout.yaml` example")
	}
	stdout, stderr, code := runArgs(t, "get", "rs", "--script", "../../testdata/scripts/readme-rollout.yaml", "--at", "45s")
	if code != exitOK || stderr != "" || stdout != want {
		t.Errorf("got exit %d stderr %q stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
	history, _, _ := runArgs(t, "rollout", "history", "deployment/example-deployment", "--script", "../../testdata/scripts/readme-rollout.yaml", "--at", "2m")
	if !strings.Contains(history, "\n2 ") || !strings.Contains(history, "\n3 ") || strings.Contains(history, "\n1 ") {
		t.Errorf("README says history lists revisions 2 and 3 after the undo; got:\n%s", history)
	}
}

// TestReadme_Record: what the README says of podviz record holds: every
// flag its usage names exists, the commands it shows run, and what it
// says is optional (the script) is.
func TestReadme_Record(t *testing.T) {
	text := readme(t)
	_, section, _ := strings.Cut(text, "### `podviz record`\n")
	section, _, _ = strings.Cut(section, "\n### ")
	usage, _, _ := strings.Cut(strings.SplitN(section, "```\n", 3)[1], "```")
	cmd := NewCmdRecord(&Factory{}, nil)
	for _, w := range strings.Fields(strings.NewReplacer("[", " ", "]", " ", "(", " ", ")", " ", "|", " ").Replace(usage)) {
		if name, ok := strings.CutPrefix(w, "--"); ok && cmd.Flags().Lookup(name) == nil {
			t.Errorf("the README's usage names --%s, which podviz record does not have", name)
		}
		if name, ok := strings.CutPrefix(w, "-"); ok && len(name) == 1 && cmd.Flags().ShorthandLookup(name) == nil {
			t.Errorf("the README's usage names -%s, which podviz record does not have", name)
		}
	}
	if !strings.Contains(usage, "[--script S | --example NAME]") {
		t.Errorf("the README's usage does not show the script as optional:\n%s", usage)
	}
	var commands []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.Trim(line, "`"))
		if i := strings.Index(line, "podviz record --"); i >= 0 && strings.Contains(line, "--out ") {
			commands = append(commands, strings.Trim(line[i:], "`"))
		}
	}
	if len(commands) < 3 {
		t.Fatalf("found %d podviz record commands in the README, want 3 or more: %q", len(commands), commands)
	}
	for _, c := range commands {
		c, _, _ = strings.Cut(c, "` ")
		words := strings.Fields(c)[2:]
		for i, w := range words {
			if w == "--out" {
				words[i+1] = "-"
			}
		}
		if _, stderr, code := runArgs(t, append([]string{"record"}, words...)...); code != exitOK || stderr != "" {
			t.Errorf("%s: exit %d, %s", c, code, stderr)
		}
	}
	if _, stderr, code := runArgs(t, "record", "--out", "-", "--until", "5s"); code != exitOK {
		t.Errorf("record without a script: exit %d, %s", code, stderr)
	}
}
