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

// TestTmux_Newcomer drives the real binary in tmux at the sizes people
// have, as a newcomer would: the key bar shows ? help and q quit; s 6
// enter scales to 6; after a failing command the : prompt opens empty; a
// bracketed paste (tmux paste-buffer -p) lands in the prompt; a bad image
// shows its reason on the diagram; and q quits at once after a storm of
// keys. Skipped without tmux or with -short.
func TestTmux_Newcomer(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	bin := filepath.Join(t.TempDir(), "podviz")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	socket := fmt.Sprintf("podviz-newcomer-%d", os.Getpid())
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", socket, "kill-server").Run() })
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}, {160, 50}, {200, 60}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			session := fmt.Sprintf("s%dx%d", size.w, size.h)
			tmux := func(args ...string) string {
				t.Helper()
				out, err := exec.Command("tmux", append([]string{"-L", socket}, args...)...).CombinedOutput()
				if err != nil {
					t.Fatalf("tmux %v: %v\n%s", args, err, out)
				}
				return string(out)
			}
			tmux("new-session", "-d", "-s", session, "-x", fmt.Sprint(size.w), "-y", fmt.Sprint(size.h), bin+" --speed 20")
			screen := ""
			waitFor := func(step string, want ...string) {
				t.Helper()
				deadline := time.Now().Add(10 * time.Second)
				for {
					screen = tmux("capture-pane", "-p", "-t", session)
					ok := true
					for _, w := range want {
						ok = ok && strings.Contains(screen, w)
					}
					if ok {
						return
					}
					if time.Now().After(deadline) {
						t.Fatalf("%s: screen never showed %q:\n%s", step, want, screen)
					}
					time.Sleep(100 * time.Millisecond)
				}
			}
			keys := func(k ...string) { tmux(append([]string{"send-keys", "-t", session}, k...)...) }
			// escape waits a moment, as a person does: an escape and the key
			// right after it in one read are one alt+key to a terminal app.
			escape := func() { keys("Escape"); time.Sleep(300 * time.Millisecond) }

			waitFor("start", "Deployment example-deployment", tui.IdleMarker, "? help", "q quit")

			keys("s")
			waitFor("scale prompt", "replicas for deployment/example-deployment: ")
			keys("6", "Enter")
			waitFor("scaled to 6", "#1 ", "--replicas=6", "replicas 6 ")

			keys(":")
			waitFor("prompt", "\n:kubectl")
			keys("-l", "scale deployment/nope --replicas=2")
			keys("Enter")
			waitFor("error", "#2 ", "Error from server (NotFound)")
			keys(":")
			waitFor("prompt again", "\n:kubectl")
			for _, l := range strings.Split(screen, "\n") {
				if strings.HasPrefix(l, ":kubectl") && strings.TrimSpace(l) != ":kubectl" {
					t.Fatalf("the prompt after an error should open empty: %q", l)
				}
			}
			if strings.Contains(screen, "not found") {
				t.Fatalf("the old error stays while typing:\n%s", screen)
			}
			escape()

			tmux("set-buffer", "-b", "newcomer", "kubectl get deployments")
			tmux("paste-buffer", "-p", "-b", "newcomer", "-t", session)
			waitFor("bracketed paste", ":kubectl get deployments")
			keys("Enter")
			waitFor("pasted command ran", "$ kubectl get deployments", "UP-TO-DATE", "6/6")
			escape()

			keys(":")
			waitFor("prompt", "\n:kubectl")
			keys("-l", "set image deployment/example-deployment nginx=nginx:9.99.9")
			keys("Enter")
			waitFor("bad image explained", "image not found", "stuck: u undoes")
			t.Logf("bad image:\n%s", screen)

			storm := strings.Repeat("jk", 2500)
			keys("-l", storm)
			start := time.Now()
			keys("q")
			deadline := start.Add(10 * time.Second)
			for exec.Command("tmux", "-L", socket, "has-session", "-t", session).Run() == nil {
				if time.Now().After(deadline) {
					t.Fatalf("q did not quit after a storm of 5,000 keys:\n%s", tmux("capture-pane", "-p", "-t", session))
				}
				time.Sleep(50 * time.Millisecond)
			}
			t.Logf("quit %v after q, behind 5,000 keys", time.Since(start).Round(10*time.Millisecond))
		})
	}
}
