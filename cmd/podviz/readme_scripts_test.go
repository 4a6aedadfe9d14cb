package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"podviz/controller/script"
)

// TestReadme_PickExample: the Scripts section's pick example plays as
// written, and its shell line is the one podviz prints for a newest pick.
func TestReadme_PickExample(t *testing.T) {
	text := readme(t)
	_, rest, ok := strings.Cut(text, "```yaml\n- after: settled\n  pick: POD\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README has no pick example")
	}
	path := filepath.Join(t.TempDir(), "pick.yaml")
	if err := os.WriteFile(path, []byte("- after: settled\n  pick: POD\n"+block), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runArgs(t, "play", "--script", path, "--until", "1m")
	if code != exitOK || errOut != "" || !strings.Contains(out, "$ kubectl delete pod example-deployment-585c5579f6-") {
		t.Fatalf("exit %d, stderr %q:\n%s", code, errOut, out)
	}
	s, err := script.Parse("s.yaml", []byte("- pick: POD\n  of: deployment/example-deployment\n  order: newest\n"))
	if err != nil {
		t.Fatal(err)
	}
	shell := s.Steps[0].Pick.Shell("app=nginx")
	if !strings.Contains(text, "```sh\n"+shell+"\n```") {
		t.Errorf("README's shell line is not %q", shell)
	}
}
