package tui

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestKeyMap_HelpMatchesBindings: the help rows list every binding exactly
// once, the key bar names only real bindings, and the help pane shows every
// row's keys, description and kubectl command, built from these bindings.
func TestKeyMap_HelpMatchesBindings(t *testing.T) {
	km := DefaultKeyMap()
	seen := map[*key.Binding]int{}
	for _, g := range km.helpGroups() {
		for _, r := range g.rows {
			for _, b := range r.keys {
				seen[b]++
			}
		}
	}
	for _, b := range km.all() {
		if seen[b] != 1 {
			t.Errorf("binding %v (%q) appears %d times in the help rows", b.Keys(), b.Help().Desc, seen[b])
		}
	}
	if len(seen) != len(km.all()) {
		t.Errorf("help rows cover %d bindings, the key map has %d", len(seen), len(km.all()))
	}
	all := map[*key.Binding]bool{}
	for _, b := range km.all() {
		all[b] = true
	}
	for _, it := range km.barItems() {
		if len(it.bindings) == 0 {
			t.Errorf("key bar item %q stands for no binding", it.keys)
		}
		for _, b := range it.bindings {
			if !all[b] {
				t.Errorf("key bar item %q names a binding outside the key map", it.keys)
			}
			if !strings.Contains(it.keys, b.Help().Key) {
				t.Errorf("key bar item %q does not show its key %q", it.keys, b.Help().Key)
			}
		}
	}
	m := newTestModel(t, nil, 140, 40, Options{})
	press(m, "?")
	var screen strings.Builder
	for i := 0; i < 10; i++ { // page through the help
		screen.WriteString(ansi.Strip(m.View().Content))
		press(m, "pgdown")
	}
	for _, g := range km.helpGroups() {
		for _, r := range g.rows {
			for _, want := range []string{rowKeys(r, false), r.does, r.kubectl} {
				if !strings.Contains(screen.String(), want) {
					t.Errorf("help screen lacks %q", want)
				}
			}
		}
	}
}

// TestModel_Calm: a settled cluster gets no tick; a pending one gets
// exactly one tick chain, which stops once settled or paused.
func TestModel_Calm(t *testing.T) {
	m := newTestModel(t, nil, 80, 24, Options{})
	if m.Init() == nil {
		t.Fatal("a starting cluster has pending transitions: Init should start the clock")
	}
	if m.ensureTicking() != nil {
		t.Fatal("a second tick chain was started")
	}
	runFor(m, time.Minute)
	if cmd := m.onTick(tickMsg{id: m.tickID, at: time.Unix(100, 0)}); cmd != nil {
		t.Fatal("a settled cluster must stop ticking")
	}
	if m.ensureTicking() != nil {
		t.Fatal("settled: nothing to tick for")
	}
	press(m, "+")
	if !m.ticking {
		t.Fatal("scaling makes work: the clock should tick again")
	}
	press(m, "space")
	if cmd := m.onTick(tickMsg{id: m.tickID - 1, at: time.Unix(101, 0)}); cmd != nil {
		t.Fatal("a paused clock must not tick")
	}
}

// TestModel_KeysTeachKubectl: each key shows the command it ran; keys that
// do not apply say why.
func TestModel_KeysTeachKubectl(t *testing.T) {
	m := newTestModel(t, nil, 120, 30, Options{})
	runFor(m, 30*time.Second)
	cases := []struct {
		keys []string
		want string
	}{
		{[]string{"+"}, "kubectl scale deployment/example-deployment --replicas=4"},
		{[]string{"-"}, "kubectl scale deployment/example-deployment --replicas=3"},
		{[]string{"s", "ctrl+u"}, ""},
		{[]string{"p"}, "kubectl rollout pause deployment/example-deployment"},
		{[]string{"p"}, "kubectl rollout resume deployment/example-deployment"},
		{[]string{"r"}, "kubectl rollout restart deployment/example-deployment"},
		{[]string{"u"}, "kubectl rollout undo deployment/example-deployment"},
	}
	for _, c := range cases {
		press(m, c.keys...)
		if c.want == "" {
			typeText(m, "5")
			press(m, "enter")
			c.want = "kubectl scale deployment/example-deployment --replicas=5"
		}
		if m.last.command != c.want {
			t.Errorf("after %v: last command %q, want %q (note %q)", c.keys, m.last.command, c.want, m.note)
		}
		runFor(m, 30*time.Second)
	}
	press(m, "shift+tab") // the bare pod
	press(m, "+")
	if !strings.Contains(m.note, "bare Pod") {
		t.Errorf("+ on a bare pod should explain; note %q", m.note)
	}
	press(m, ".")
	if !strings.Contains(m.note, "paused") {
		t.Errorf(". while running should explain; note %q", m.note)
	}
}

// TestModel_Transcript: actions are written as a replayable shell script.
func TestModel_Transcript(t *testing.T) {
	var buf bytes.Buffer
	m := newTestModel(t, nil, 100, 30, Options{Transcript: &buf})
	runFor(m, 10*time.Second)
	press(m, "+")
	command(m, "get pods") // read-only: not in the transcript
	press(m, "esc", "shift+tab", "x")
	got := buf.String()
	// The script's start (#!/bin/sh, the apply) is cmd/podviz's: see
	// TestLive_Transcript there.
	for _, want := range []string{"kubectl scale deployment/example-deployment --replicas=4\n", "kubectl delete pod example-pod\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "get pods") {
		t.Errorf("read-only commands do not belong in the transcript:\n%s", got)
	}
}

// TestModel_TranscriptOfAPick: a script's pick is written as its shell
// line and the commands using the variable with "$VAR", as the script
// wrote them: the generated name a pick found here is not the name on
// the cluster the transcript is replayed on.
func TestModel_TranscriptOfAPick(t *testing.T) {
	var buf bytes.Buffer
	m := newTestModel(t, nil, 100, 30, Options{Transcript: &buf, Script: mustScript(t, `
- after: settled
  pick: POD
  of: deployment/example-deployment
- run: kubectl delete pod $POD
- run: kubectl delete pod example-pod
`)})
	runFor(m, 30*time.Second)
	want := "# at 3.9s (script step 1 (after settled))\n" +
		"POD=$(kubectl get pods -l app=nginx --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[0].metadata.name}')\n" +
		"# at 3.9s (script step 2)\nkubectl delete pod \"$POD\"\n" +
		"# at 3.9s (script step 3)\nkubectl delete pod example-pod\n"
	if got := buf.String(); got != want {
		t.Errorf("transcript:\n%s\nwant:\n%s", got, want)
	}
}

// TestModel_RandomKeysAndResizes: thousands of random keys and sizes, no
// panic, every frame within its size, and the snapshot's invariants hold.
func TestModel_RandomKeysAndResizes(t *testing.T) {
	keys := []string{"tab", "shift+tab", "up", "down", "left", "right", "h", "j", "k", "l", "+", "=", "-",
		"s", "i", "x", "ctrl+k", "u", "p", "r", ":", "space", ".", "]", "[", "t", "e", "d", "?", "esc",
		"enter", "backspace", "pgup", "pgdown", "1", "n", "9", "a", "/", "z"}
	n := 3000
	if testing.Short() {
		n = 300
	}
	for seed := uint64(1); seed <= 3; seed++ {
		r := rand.New(rand.NewPCG(seed, 42))
		m := newTestModel(t, nil, 80, 24, Options{ASCII: seed == 2, Color: seed == 3})
		w, h := 80, 24
		for i := 0; i < n; i++ {
			switch r.IntN(10) {
			case 0:
				w, h = r.IntN(200), r.IntN(60)
				m.Update(tea.WindowSizeMsg{Width: w, Height: h})
			case 1:
				runFor(m, time.Duration(r.IntN(5000))*time.Millisecond)
			default:
				k := keys[r.IntN(len(keys))]
				if k == "q" || k == "ctrl+c" {
					continue
				}
				m.Update(keyMsg(k))
			}
			// Keep the replica count sane: random '+' would grow it without end.
			if d := findDeployment(m.snap, "example-deployment"); d != nil && d.Replicas > 30 {
				command(m, "scale deployment/example-deployment --replicas=3")
			}
			checkFrame(t, ansi.Strip(m.View().Content), w, max(h, 0))
			checkSnapshot(t, m)
		}
	}
}

// checkSnapshot asserts what every snapshot must satisfy: pods are listed
// in creation order under the ReplicaSet that owns them.
func checkSnapshot(t *testing.T, m *Model) {
	t.Helper()
	for _, d := range m.snap.Deployments {
		for _, rs := range d.ReplicaSets {
			if rs.Owner != d.Name {
				t.Fatalf("ReplicaSet %s listed under %s but owned by %q", rs.Name, d.Name, rs.Owner)
			}
			for i, p := range rs.Pods {
				if p.Owner != rs.Name {
					t.Fatalf("pod %s listed under %s but owned by %q", p.Name, rs.Name, p.Owner)
				}
				if i > 0 && p.Created < rs.Pods[i-1].Created {
					t.Fatalf("pods of %s out of creation order", rs.Name)
				}
			}
		}
	}
}

// TestProgram_Smoke runs the real program: keys route, q quits.
func TestProgram_Smoke(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Send(keyMsg("t"))
	tm.Send(keyMsg("+"))
	tm.Send(keyMsg("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if !fm.quitting || fm.pane != paneTable {
		t.Fatalf("keys did not route: quitting %v pane %v", fm.quitting, fm.pane)
	}
	if d := findDeployment(fm.snap, "example-deployment"); d == nil || d.Replicas != 4 {
		t.Fatalf("+ did not scale")
	}
}

// panicky panics on 'P', to check the terminal is restored after a crash.
type panicky struct{ *Model }

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "P" {
		panic("boom")
	}
	_, cmd := p.Model.Update(msg)
	return p, cmd
}

// TestProgram_PanicRestoresTerminal: a panic in Update ends the program with
// ErrProgramPanic after leaving the alternate screen and showing the cursor.
func TestProgram_PanicRestoresTerminal(t *testing.T) {
	m := newTestModel(t, nil, 80, 24, Options{})
	in, inW := ioPipe()
	var out bytes.Buffer
	p := tea.NewProgram(panicky{m}, tea.WithInput(in), tea.WithOutput(&out), tea.WithWindowSize(80, 24),
		tea.WithColorProfile(colorprofile.Ascii))
	go func() {
		time.Sleep(200 * time.Millisecond)
		p.Send(tea.KeyPressMsg{Code: 'P', Text: "P"})
	}()
	_, err := p.Run()
	inW.Close()
	if !errors.Is(err, tea.ErrProgramPanic) {
		t.Fatalf("want ErrProgramPanic, got %v", err)
	}
	s := out.String()
	if !strings.Contains(s, ansi.ResetModeAltScreenSaveCursor) && !strings.Contains(s, "\x1b[?1049l") {
		t.Errorf("alternate screen not left: %q", s[max(0, len(s)-200):])
	}
	if !strings.Contains(s, ansi.ShowCursor) {
		t.Errorf("cursor not shown again: %q", s[max(0, len(s)-200):])
	}
}
