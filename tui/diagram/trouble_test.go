package diagram

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"podviz/controller"
)

// TestTrouble_SaysWhyAndWhen: a failing pod's reason in a few words and
// the kubelet's next attempt, counted down on the virtual clock.
func TestTrouble_SaysWhyAndWhen(t *testing.T) {
	const notFound = `Back-off pulling image "nginx:9.99.9": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.99.9": failed to resolve reference "docker.io/library/nginx:9.99.9": docker.io/library/nginx:9.99.9: not found`
	const denied = `rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nope:1": failed to resolve reference "docker.io/library/nope:1": pull access denied, repository does not exist or may require authorization`
	now := 100 * time.Second
	for _, tc := range []struct {
		name      string
		c         controller.ContainerView
		why, next string
	}{
		{"a tag that does not exist, 40 s of back-off left",
			controller.ContainerView{State: "Waiting", Reason: "ImagePullBackOff", Message: notFound, RetryAt: 140 * time.Second},
			"image not found", "retry in 40s"},
		{"a repository that does not exist, 2.3 s left rounds up",
			controller.ContainerView{State: "Waiting", Reason: "ErrImagePull", Message: denied, RetryAt: 102300 * time.Millisecond},
			"no such repository", "retry in 3s"},
		{"the back-off is over and the pull runs",
			controller.ContainerView{State: "Waiting", Reason: "ImagePullBackOff", Message: notFound, RetryAt: 90 * time.Second},
			"image not found", "retrying now"},
		{"a crash loop: exit 1, third restart in 20 s",
			controller.ContainerView{State: "Waiting", Reason: "CrashLoopBackOff", Exited: true, ExitCode: 1, Restarts: 2, RetryAt: 120 * time.Second},
			"exit 1 · 2 restarts", "restart in 20s"},
		{"just exited, before the kubelet's back-off",
			controller.ContainerView{State: "Terminated", Reason: "Error", Exited: true, ExitCode: 137, RetryAt: 101 * time.Second},
			"exit 137", "restart in 1s"},
		{"pull policy Never without the image",
			controller.ContainerView{State: "Waiting", Reason: "ErrImageNeverPull"},
			"image not on the node", "pull policy Never"},
		{"running: no trouble",
			controller.ContainerView{State: "Running", Ready: true}, "", ""},
		{"completed: no trouble",
			controller.ContainerView{State: "Terminated", Reason: "Completed", Exited: true}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &controller.PodView{Containers: []controller.ContainerView{tc.c}}
			why, next := trouble(p, now)
			if why != tc.why || next != tc.next {
				t.Fatalf("trouble = %q, %q; want %q, %q", why, next, tc.why, tc.next)
			}
			if Failing(p) != (tc.why != "") {
				t.Fatalf("Failing = %v", Failing(p))
			}
		})
	}
}

// TestRender_StuckRolloutExplained: the bad image's pod says why on the
// diagram in every form, and the why line says the controller waits
// forever.
func TestRender_StuckRolloutExplained(t *testing.T) {
	for _, tc := range []struct {
		w, h int
	}{{80, 21}, {120, 37}, {160, 47}, {80, 0}} {
		out := ansi.Strip(Render(imagePullBackOff(), tc.w, Options{Height: tc.h}))
		flat := strings.Join(strings.Fields(out), " ")
		for _, want := range []string{"image not found", "retry in 40s", "the controller waits forever"} {
			if !strings.Contains(flat, want) {
				t.Errorf("%dx%d: %q missing:\n%s", tc.w, tc.h, want, out)
			}
		}
	}
	out := ansi.Strip(Render(crashLoop(), 80, Options{Height: 21}))
	if !strings.Contains(out, "exit 1, restart in 15s") {
		t.Errorf("crash loop at 80x21 should say exit and restart:\n%s", out)
	}
}

// TestHistoryLines: revisions in kubectl rollout history's order (by
// number, not by creation), a restart marked as one, the current one
// marked, and where u goes (the highest revision below the current).
func TestHistoryLines(t *testing.T) {
	s := newSuffixes()
	ready := func(name, owner, ip string) controller.PodView { return readyPod(name, owner, ip, "nginx:1.26") }
	// Created in this order: latest (rev 3 after an undo), 1.26 (rev 2),
	// then a restart of 1.26 (rev 4, current).
	a := rs("aaaaaaaaaa", "nginx:latest", 3, false)
	b := rs("bbbbbbbbbb", "nginx:1.26", 2, false)
	b.Restarted, b.RestartedAt = true, 40*time.Second
	c := rs("cccccccccc", "nginx:1.26", 4, true, rsPods(s, "cccccccccc", 3, 5, ready)...)
	c.Restarted, c.RestartedAt = true, 90*time.Second
	d := deployment(3, 4, a, b, c)
	p := &painter{g: &unicodeGlyphs, pal: noColor}
	lines := historyLines(p, &d, 200, 1)
	got := ansi.Strip(lines[0].s)
	want := "revisions 2 nginx:1.26 (restart) · 3 nginx:latest · 4 nginx:1.26 (restart, current) · u: back to 3"
	if got != want {
		t.Fatalf("history:\n got %q\nwant %q", got, want)
	}
	lines = historyLines(p, &d, 90, 1)
	if got := ansi.Strip(lines[0].s); !strings.HasPrefix(got, "revisions (1 older) 3 nginx:latest") || strings.Contains(got, "…") {
		t.Fatalf("narrow history should leave the oldest out, counted, not cut: %q", got)
	}
	one := deployment(3, 1, rs("aaaaaaaaaa", "nginx:latest", 1, true))
	if got := ansi.Strip(historyLines(p, &one, 100, 1)[0].s); got != "revisions 1 nginx:latest (current) · nothing to undo yet" {
		t.Fatalf("one revision: %q", got)
	}
}

// TestWhyText: the why line never says "idle" or "settled" (the status
// bar's words), says what a paused rollout waits for, and that a stuck
// one waits forever.
func TestWhyText(t *testing.T) {
	p := &painter{g: &unicodeGlyphs, pal: noColor, now: 90 * time.Second}
	settledD := settled().Deployments[0]
	if got := whyText(p, &settledD); got != "nothing to do · max 4 pods (3 + surge 1), min 3 available (3 - 0)" {
		t.Errorf("settled: %q", got)
	}
	stuck := imagePullBackOff().Deployments[0]
	if got := whyText(p, &stuck); !strings.HasSuffix(got, "— never: image not found; the controller waits forever") {
		t.Errorf("stuck: %q", got)
	}
	paused := settled().Deployments[0]
	paused.Paused = true
	paused.Decision = controller.Decision{Budget: "max 4 pods (3 + surge 1), min 3 available (3 - 0)", Reason: "paused: only scaling"}
	if got := whyText(p, &paused); !strings.Contains(got, "until the rollout is resumed") {
		t.Errorf("paused: %q", got)
	}
	for _, d := range []*controller.DeploymentView{&settledD, &stuck, &paused} {
		if w := strings.ToLower(whyText(p, d)); strings.Contains(w, "idle") || strings.Contains(w, "settled") {
			t.Errorf("the why line uses the status bar's word: %q", w)
		}
	}
}

// TestLegend_EveryStateSymbol: the help's legend explains every state
// symbol the diagram can draw, in both alphabets.
func TestLegend_EveryStateSymbol(t *testing.T) {
	for _, ascii := range []bool{false, true} {
		g := &unicodeGlyphs
		if ascii {
			g = &asciiGlyphs
		}
		have := map[string]bool{}
		for _, e := range Legend(ascii) {
			have[e.Symbol] = true
		}
		for s := podState(0); s < numStates; s++ {
			if !have[g.states[s]] {
				t.Errorf("ascii %v: state %q (%s) is not in the legend", ascii, stateWords[s], g.states[s])
			}
		}
	}
}
