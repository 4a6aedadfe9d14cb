package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"podviz/controller"
)

// podByUID finds a pod of the snapshot by UID.
func podByUID(s *controller.Snapshot, uid string) (controller.PodView, bool) {
	for _, p := range s.BarePods {
		if p.UID == uid {
			return p, true
		}
	}
	for _, d := range s.Deployments {
		for _, rs := range d.ReplicaSets {
			for _, p := range rs.Pods {
				if p.UID == uid {
					return p, true
				}
			}
		}
	}
	return controller.PodView{}, false
}

// c crashes the selected pod's container from inside: the same pod (UID,
// name, IP) runs again with RESTARTS 1, where x would have replaced it.
func TestKeys_CrashRestartsInPlace(t *testing.T) {
	m := newTestModel(t, nil, 120, 40, Options{})
	runFor(m, 30*time.Second)
	press(m, "c")
	if m.note == "" || m.last.seq != 0 {
		t.Fatalf("c on a Deployment: note %q, ran %q", m.note, m.last.command)
	}
	press(m, "tab")
	sel, _ := m.selection()
	before, ok := podByUID(m.snap, sel.uid)
	if !ok || sel.kind != "pod" {
		t.Fatalf("tab selected %+v", sel)
	}
	press(m, "c")
	want := "kubectl exec " + before.Name + " -c nginx -- kill 1"
	if m.last.command != want || m.last.err != "" {
		t.Fatalf("c ran %q (err %q), want %q", m.last.command, m.last.err, want)
	}
	runFor(m, 5*time.Second)
	after, ok := podByUID(m.snap, sel.uid)
	if !ok || after.Restarts != 1 || after.IP != before.IP || after.Name != before.Name || after.Status != "Running" {
		t.Fatalf("after c: %+v\nbefore: %+v", after, before)
	}
	if !strings.Contains(screenOf(m), want) {
		t.Errorf("the status bar should show %q:\n%s", want, screenOf(m))
	}
	press(m, "f")
	if !strings.Contains(m.note, "no exec probe") {
		t.Errorf("f on a pod without an exec probe: note %q", m.note)
	}
}

// f removes the file the pod's exec probe reads: Unhealthy, Killing, and
// the container restarts in place.
func TestKeys_FailProbe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liveness.yaml")
	manifest := `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: busybox:1.36
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 3600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 5
      periodSeconds: 5
`
	if err := os.WriteFile(path, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, []string{path}, 120, 40, Options{})
	runFor(m, 30*time.Second)
	sel, _ := m.selection()
	if sel.kind != "pod" {
		t.Fatalf("selected %+v", sel)
	}
	press(m, "f")
	if want := "kubectl exec liveness-exec -c liveness -- rm /tmp/healthy"; m.last.command != want || m.last.err != "" {
		t.Fatalf("f ran %q (err %q), want %q", m.last.command, m.last.err, want)
	}
	runFor(m, 20*time.Second)
	p, _ := podByUID(m.snap, sel.uid)
	if p.Restarts != 1 {
		t.Fatalf("after f: %+v", p)
	}
	var reasons []string
	for _, e := range m.snap.Events {
		reasons = append(reasons, e.Reason)
	}
	if got := strings.Join(reasons, " "); !strings.Contains(got, "Unhealthy Killing") {
		t.Errorf("events: %s", got)
	}
}

// i offers every container of the template: ↑/↓ moves between them (the
// app container, then the sidecar), and the command names the one shown.
func TestPrompt_ImageOffersEveryContainer(t *testing.T) {
	m := newTestModel(t, []string{filepath.Join("..", "testdata", "examples", "sidecar.yaml")}, 120, 40, Options{})
	runFor(m, 30*time.Second)
	press(m, "i")
	if m.prompt == nil || len(m.prompt.targets) != 2 || m.prompt.container != "nginx" {
		t.Fatalf("i: %+v", m.prompt)
	}
	if !strings.Contains(screenOf(m), "(↑/↓ container 1/2) image for deployment/web nginx=") {
		t.Errorf("the label should name the container and its place:\n%s", screenOf(m))
	}
	press(m, "down")
	if m.prompt.container != "content" || !strings.Contains(strings.Join(m.prompt.suggestions, " "), "busybox:") {
		t.Fatalf("down: %q, suggestions %q", m.prompt.container, m.prompt.suggestions)
	}
	press(m, "b", "u", "s", "y", "b", "o", "x", ":", "1", ".", "3", "7", "enter")
	if want := "kubectl set image deployment/web content=busybox:1.37"; m.last.command != want {
		t.Fatalf("ran %q, want %q", m.last.command, want)
	}
	press(m, "i", "up", "up")
	if m.prompt.container != "nginx" {
		t.Fatalf("up twice from the first: %q", m.prompt.container)
	}
}
