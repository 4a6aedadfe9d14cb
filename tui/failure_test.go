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
	// One container: kubectl's default, no -c.
	want := "kubectl exec " + before.Name + " -- kill 1"
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
	if want := "kubectl exec liveness-exec -- rm /tmp/healthy"; m.last.command != want || m.last.err != "" {
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

// In a pod of several containers c asks which (↑/↓ through them, app
// containers first), starting from the one chosen last in i, and the
// command names it with -c; enter runs it, esc does nothing.
func TestKeys_CrashPicksTheContainer(t *testing.T) {
	m := newTestModel(t, []string{filepath.Join("..", "testdata", "examples", "sidecar.yaml")}, 120, 40, Options{})
	runFor(m, 30*time.Second)
	press(m, "tab")
	sel, _ := m.selection()
	before, ok := podByUID(m.snap, sel.uid)
	if !ok || sel.kind != "pod" {
		t.Fatalf("tab selected %+v", sel)
	}
	press(m, "c")
	want := "kubectl exec " + before.Name + " -c nginx -- kill 1"
	if m.prompt == nil || m.prompt.text() != want || m.last.seq != 0 {
		t.Fatalf("c: prompt %+v, ran %q", m.prompt, m.last.command)
	}
	if !strings.Contains(screenOf(m), "(↑/↓ container 1/2) :"+want) {
		t.Errorf("the prompt should show the command and which container:\n%s", screenOf(m))
	}
	press(m, "esc")
	if m.prompt != nil || m.last.seq != 0 {
		t.Fatalf("esc: prompt %+v, ran %q", m.prompt, m.last.command)
	}
	press(m, "c", "down")
	want = "kubectl exec " + before.Name + " -c content -- kill 1"
	if m.prompt.text() != want {
		t.Fatalf("down: %q, want %q", m.prompt.text(), want)
	}
	press(m, "enter")
	if m.last.command != want || m.last.err != "" {
		t.Fatalf("ran %q (err %q), want %q", m.last.command, m.last.err, want)
	}
	runFor(m, 5*time.Second)
	after, _ := podByUID(m.snap, sel.uid)
	var restarts []int32
	for _, c := range after.Containers {
		restarts = append(restarts, c.Restarts)
	}
	if after.Name != before.Name || after.IP != before.IP || len(restarts) != 2 || restarts[0] != 0 || restarts[1] != 1 {
		t.Fatalf("after crashing the sidecar: %+v, restarts (nginx, content) %v", after, restarts)
	}
	// The choice is kept: c starts from the sidecar now, and i's choice
	// is c's too.
	press(m, "c")
	if m.prompt.container != "content" {
		t.Fatalf("c again starts at %q, want content", m.prompt.container)
	}
	press(m, "esc", "i", "down", "up", "esc", "c")
	if m.prompt.container != "nginx" {
		t.Fatalf("after i chose nginx, c starts at %q", m.prompt.container)
	}
}

// f in a pod of two containers: with one exec probe it runs at once and
// names the container; with two it asks which, as c does.
func TestKeys_FailProbePicksTheContainer(t *testing.T) {
	probe := func(file string) string {
		return `
    livenessProbe:
      exec:
        command: ["cat", "` + file + `"]
      periodSeconds: 5`
	}
	pod := func(name, secondProbe string) string {
		return `apiVersion: v1
kind: Pod
metadata:
  name: ` + name + `
spec:
  containers:
  - name: app
    image: busybox:1.36
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 3600"]` + probe("/tmp/healthy") + `
  - name: side
    image: busybox:1.36
    args: ["/bin/sh", "-c", "touch /tmp/alive; sleep 3600"]` + secondProbe + `
`
	}
	for _, tc := range []struct {
		name, second string
		want         []string // the lines offered, or the one run
	}{
		{"one probe", "", []string{"kubectl exec two -c app -- rm /tmp/healthy"}},
		{"two probes", probe("/tmp/alive"), []string{"kubectl exec two -c app -- rm /tmp/healthy", "kubectl exec two -c side -- rm /tmp/alive"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "two.yaml")
			if err := os.WriteFile(path, []byte(pod("two", tc.second)), 0o644); err != nil {
				t.Fatal(err)
			}
			m := newTestModel(t, []string{path}, 120, 40, Options{})
			runFor(m, 10*time.Second)
			press(m, "f")
			if len(tc.want) == 1 {
				if m.prompt != nil || m.last.command != tc.want[0] || m.last.err != "" {
					t.Fatalf("f: prompt %v, ran %q (err %q), want %q", m.prompt != nil, m.last.command, m.last.err, tc.want[0])
				}
				return
			}
			var got []string
			for range tc.want {
				got = append(got, m.prompt.text())
				press(m, "down")
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("offered %q, want %q", got, tc.want)
			}
		})
	}
}
