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
