package live

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"podviz/controller"
	"podviz/controller/kubectl"
)

type fakeSource struct {
	snap    *controller.Snapshot
	changed chan struct{}
	err     error
}

func (f *fakeSource) Snapshot() *controller.Snapshot  { return f.snap }
func (f *fakeSource) Changed() <-chan struct{}        { return f.changed }
func (f *fakeSource) Probe(ctx context.Context) error { return f.err }

func newFake() *fakeSource {
	now := controller.Epoch.Add(time.Hour)
	snap := &controller.Snapshot{Elapsed: time.Hour, Now: now, Idle: true, Deployments: []controller.DeploymentView{{
		Namespace: "shop", Name: "web", Replicas: 1, Strategy: "RollingUpdate", Surge: 1, MaxSurge: "25%", MaxUnavailable: "25%",
		StatusReplicas: 1, UpdatedReplicas: 1, ReadyReplicas: 1, AvailableReplicas: 1, Images: []string{"nginx:1.27"},
		RolloutStatus: `deployment "web" successfully rolled out`, RolloutDone: true,
		ReplicaSets: []controller.ReplicaSetView{{Namespace: "shop", Name: "web-5d4f8b7c9", Owner: "web", New: true, Desired: 1, Current: 1, Ready: 1, Available: 1,
			Images: []string{"nginx:1.27"},
			Pods: []controller.PodView{{Namespace: "shop", Name: "web-5d4f8b7c9-abcde\x1b[31m", Owner: "web-5d4f8b7c9", Phase: "Running", Status: "Running",
				Ready: true, Available: true, ReadyContainers: 1, TotalContainers: 1, Created: 0,
				Containers: []controller.ContainerView{{Name: "nginx", Image: "nginx:1.27", State: "Running", Ready: true}}}}}}}}}
	return &fakeSource{snap: snap, changed: make(chan struct{}, 1)}
}

func press(m *Model, k string) {
	var msg tea.KeyPressMsg
	switch k {
	case "space":
		msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	default:
		msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
	}
	m.Update(msg)
}

// TestView_StatusBar: context, namespace, server version, connection
// state and read-only, on the first line; the picture below is the
// diagram, escaped for the terminal.
func TestView_StatusBar(t *testing.T) {
	src := newFake()
	m := New(src, Target{Context: "staging", Namespace: "shop", Version: "v1.37.2"}, Options{ASCII: true})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	screen := m.Render()
	first, _, _ := strings.Cut(screen, "\n")
	if want := "context staging | namespace shop | v1.37.2 | connected | read-only"; first != want {
		t.Errorf("status bar %q, want %q", first, want)
	}
	if !strings.Contains(screen, "web-5d4f8b7c9") {
		t.Errorf("no ReplicaSet in:\n%s", screen)
	}
	if strings.Contains(screen, "\x1b") {
		t.Errorf("an escape reached the screen:\n%q", screen)
	}
	if n := strings.Count(screen, "\n") + 1; n != 30 {
		t.Errorf("%d lines, want 30", n)
	}
}

// TestView_ReadOnlyKeys: a mutating key names its kubectl command and
// changes nothing; the clock's keys say there is no virtual clock.
func TestView_ReadOnlyKeys(t *testing.T) {
	m := New(newFake(), Target{Context: "c", Namespace: "shop"}, Options{ASCII: true})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	press(m, "+")
	if !strings.Contains(m.Render(), "read-only (podviz --write acts): kubectl scale deployment/web --replicas=2 -n shop") {
		t.Errorf("scale key:\n%s", m.Render())
	}
	press(m, "space")
	if !strings.Contains(m.Render(), "a real cluster runs in real time") {
		t.Errorf("clock key:\n%s", m.Render())
	}
	press(m, "t")
	if !strings.Contains(m.Render(), "NAME") || !strings.Contains(m.Render(), "READY") {
		t.Errorf("t shows no pods table:\n%s", m.Render())
	}
}

// TestView_Stale: a failed probe marks the picture stale with its age and
// the error, keeps the picture, backs off (1s, 2s, 4s … 30s), and a probe
// that answers clears the mark.
func TestView_Stale(t *testing.T) {
	src := newFake()
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	m := New(src, Target{Context: "c", Namespace: "shop", Version: "v1.37.2"}, Options{ASCII: true, Now: func() time.Time { return now }})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 30})
	src.err = errors.New("The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?")
	for range 7 {
		m.Update(probeMsg{err: src.err})
		now = now.Add(3 * time.Second)
	}
	first, _, _ := strings.Cut(m.Render(), "\n")
	if want := "STALE 21s, reconnecting: The connection to the server 127.0.0.1:6443 was refused"; !strings.Contains(first, want) {
		t.Errorf("status bar %q, want %q", first, want)
	}
	if m.backoff != probeMax {
		t.Errorf("back-off %v after 7 failures, want %v", m.backoff, probeMax)
	}
	if !strings.Contains(m.Render(), "web-5d4f8b7c9") {
		t.Errorf("the stale picture is gone")
	}
	m.Update(probeMsg{})
	if first, _, _ := strings.Cut(m.Render(), "\n"); !strings.Contains(first, "connected") || m.backoff != probeMin {
		t.Errorf("after a good probe: %q, back-off %v", first, m.backoff)
	}
}

// TestView_Write: with --write a key proposes its kubectl command and
// names the context and namespace; y runs it through Run, n cancels; an
// API error is shown in kubectl's words; --yes runs at once; : takes any
// command.
func TestView_Write(t *testing.T) {
	var ran []string
	run := func(_ context.Context, a kubectl.Action) (string, error) {
		ran = append(ran, a.String())
		if strings.Contains(a.String(), "undo") {
			return "", errors.New(`Error from server (Forbidden): deployments.apps "web" is forbidden: User "viewer" cannot patch`)
		}
		return "deployment.apps/web scaled\n", nil
	}
	m := New(newFake(), Target{Context: "staging", Namespace: "shop"}, Options{ASCII: true, Write: true, Run: run})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	press(m, "+")
	if want := "context staging, namespace shop: run `kubectl scale deployment/web --replicas=2 -n shop`? y/n"; !strings.HasSuffix(m.Render(), want) {
		t.Fatalf("confirmation: want %q at the foot of:\n%s", want, m.Render())
	}
	if !strings.Contains(m.Render(), "| WRITE") {
		t.Errorf("the status bar does not say WRITE")
	}
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
	m.Update(cmd())
	if len(ran) != 1 || !strings.HasSuffix(m.Render(), "deployment.apps/web scaled") {
		t.Errorf("ran %v; foot:\n%s", ran, m.Render())
	}
	press(m, "u")
	m.Update(tea.KeyPressMsg{Code: 'n', Text: "n"})
	if len(ran) != 1 || !strings.HasSuffix(m.Render(), "cancelled: kubectl rollout undo deployment/web -n shop") {
		t.Errorf("n did not cancel: ran %v", ran)
	}
	m.opts.Yes = true
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'u', Text: "u"})
	m.Update(cmd())
	if !strings.Contains(m.Render(), "Error from server (Forbidden)") {
		t.Errorf("the API error is not shown:\n%s", m.Render())
	}
	press(m, ":")
	for _, r := range "kubectl delete pod web-x" {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	m.Update(cmd())
	if got := ran[len(ran)-1]; got != "kubectl delete pod web-x -n shop" {
		t.Errorf(": ran %q", got)
	}
}
