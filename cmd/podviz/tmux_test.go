package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"podviz/tui"
)

// TestTmux_LiveSession drives the real binary in tmux (send-keys,
// capture-pane): start, t, three kubectl commands through ":", q. Each step
// polls the screen for a few seconds. Skipped without tmux or with -short.
func TestTmux_LiveSession(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "podviz")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	transcript := filepath.Join(dir, "session.sh")
	// A tmux server of its own (-L): test runs in parallel, or anyone
	// else's tmux sessions, cannot collide with this one.
	socket := fmt.Sprintf("podviz-test-%d", os.Getpid())
	session := "podviz"
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-L", socket}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40",
		bin+" --speed 20 --transcript "+transcript)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", socket, "kill-server").Run() })

	screen := ""
	waitFor := func(step string, want ...string) {
		t.Helper()
		deadline := time.Now().Add(8 * time.Second)
		for {
			screen = tmux("capture-pane", "-p", "-t", session)
			ok := true
			for _, w := range want {
				if !strings.Contains(screen, w) {
					ok = false
				}
			}
			if ok {
				t.Logf("%s:\n%s", step, screen)
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: screen never showed %q:\n%s", step, want, screen)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	keys := func(k ...string) { tmux(append([]string{"send-keys", "-t", session}, k...)...) }
	command := func(line string) {
		keys(":")
		waitFor("prompt open", ":kubectl")
		keys("-l", line)
		keys("Enter")
	}

	waitFor("start", "Pod example-pod", "Deployment example-deployment", "3/3", tui.IdleMarker)
	keys("t")
	waitFor("table", "$ kubectl get pods", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "example-pod ")
	command("scale deployment/example-deployment --replicas=5")
	waitFor("scaled", "deployment.apps/example-deployment scaled")
	waitFor("five pods ready", tui.IdleMarker)
	screen = tmux("capture-pane", "-p", "-t", session)
	if n := strings.Count(screen, "1/1     Running"); n != 6 {
		t.Fatalf("want 6 running pods (5 + example-pod):\n%s", screen)
	}
	command("delete pod example-pod")
	waitFor("bare pod deleted", `pod "example-pod" deleted`)
	waitFor("bare pod gone", tui.IdleMarker)
	screen = tmux("capture-pane", "-p", "-t", session)
	if strings.Contains(screen, "\nexample-pod ") {
		t.Fatalf("example-pod should be gone and not recreated:\n%s", screen)
	}
	keys("t") // back to the diagram
	command("set image deployment/example-deployment nginx=nginx:1.27")
	waitFor("image set", "$ kubectl set image deployment/example-deployment nginx=nginx:1.27", "ReplicaSet")
	waitFor("rollout finished", "successfully rolled out", tui.IdleMarker)
	keys("q")
	deadline := time.Now().Add(5 * time.Second)
	// has-session on the test's own server (-L): exit 0 while the session
	// lives, 1 once the program quit and took its session with it.
	for exec.Command("tmux", "-L", socket, "has-session", "-t", session).Run() == nil {
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit:\n%s", tmux("capture-pane", "-p", "-t", session))
		}
		time.Sleep(100 * time.Millisecond)
	}
	data, err := os.ReadFile(transcript)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"#!/bin/sh", "kubectl scale deployment/example-deployment --replicas=5",
		"kubectl delete pod example-pod", "kubectl set image deployment/example-deployment nginx=nginx:1.27"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("transcript lacks %q:\n%s", want, data)
		}
	}
	t.Logf("transcript:\n%s", data)
}
