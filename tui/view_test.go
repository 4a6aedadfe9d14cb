package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// scenes drive the model as a user would, through Update, on the real
// controller; each ends on the screen the golden pins.
var scenes = []struct {
	name  string
	files []string
	drive func(m *Model)
}{
	{"settled", nil, func(m *Model) { runFor(m, 30*time.Second) }},
	{"rolling-update", nil, func(m *Model) {
		runFor(m, 30*time.Second)
		press(m, "i")
		typeText(m, "nginx:1.27")
		press(m, "enter")
		runFor(m, 1500*time.Millisecond)
		press(m, "shift+tab", "shift+tab") // the new pod
	}},
	{"image-pull-backoff", nil, func(m *Model) {
		runFor(m, 30*time.Second)
		press(m, "i")
		typeText(m, "nginx:9.99.9")
		press(m, "enter")
		runFor(m, 60*time.Second)
		press(m, "shift+tab", "shift+tab") // wrap around to the new ReplicaSet's pod: the view follows it
	}},
	{"crash-loop", []string{"testdata/crashloop.yaml"}, func(m *Model) { runFor(m, 60*time.Second) }},
	{"killed-bare-pod", nil, func(m *Model) {
		runFor(m, 30*time.Second)
		press(m, "shift+tab", "x")      // from the Deployment back to example-pod
		runFor(m, 100*time.Millisecond) // nginx stops within the grace period; catch it Terminating
	}},
	{"deleted-bare-pod", nil, func(m *Model) {
		runFor(m, 30*time.Second)
		press(m, "shift+tab", "x")
		runFor(m, 14*time.Second) // terminated long ago: only its ghost is left
	}},
	{"events", nil, func(m *Model) {
		runFor(m, 30*time.Second)
		command(m, "set image deployment/example-deployment nginx=nginx:1.27")
		runFor(m, 3*time.Second)
		press(m, "e")
	}},
	{"table", nil, func(m *Model) { runFor(m, 30*time.Second); press(m, "t") }},
	{"paused", nil, func(m *Model) {
		runFor(m, 30*time.Second)
		press(m, "p")
		command(m, "set image deployment/example-deployment nginx=nginx:1.27")
		runFor(m, 10*time.Second)
	}},
	{"after-undo", nil, func(m *Model) {
		runFor(m, 30*time.Second)
		command(m, "set image deployment/example-deployment nginx=nginx:1.27")
		runFor(m, 30*time.Second)
		press(m, "u")
		runFor(m, 30*time.Second)
	}},
	{"restarted", nil, func(m *Model) {
		runFor(m, 30*time.Second)
		command(m, "set image deployment/example-deployment nginx=nginx:1.26")
		runFor(m, 30*time.Second)
		press(m, "r")
		runFor(m, 30*time.Second)
	}},
	{"image-prompt", nil, func(m *Model) { runFor(m, 30*time.Second); press(m, "i") }},
	{"get-output", nil, func(m *Model) { runFor(m, 30*time.Second); command(m, "get replicasets -o wide") }},
	{"help", nil, func(m *Model) { runFor(m, 30*time.Second); press(m, "?") }},
	{"differences", nil, func(m *Model) {
		runFor(m, 20*time.Second)
		press(m, "tab", "x") // kill the Deployment's first pod
		runFor(m, 5*time.Second)
		press(m, "shift+tab", "shift+tab")
		press(m, "x") // and the bare pod
		runFor(m, 5*time.Second)
		press(m, "tab", "+", "+")
		runFor(m, 10*time.Second)
		command(m, "set image deployment/example-deployment nginx=nginx:1.27")
		runFor(m, 30*time.Second)
		press(m, "d")
	}},
	{"1000-pods", nil, func(m *Model) {
		runFor(m, 30*time.Second)
		command(m, "scale deployment/example-deployment --replicas=1000")
		runFor(m, 1*time.Second)
	}},
}

// goldenSizes are the terminal sizes people have: the classic 80×24, a
// laptop's half screen, a full one and a large monitor; and 80×24 in ASCII.
var goldenSizes = []struct {
	name  string
	w, h  int
	ascii bool
}{{"80x24", 80, 24, false}, {"120x40", 120, 40, false}, {"160x50", 160, 50, false}, {"200x60", 200, 60, false}, {"80x24-ascii", 80, 24, true}}

// TestView_Goldens pins the screen of every scene at every golden size.
// Regenerate with `go test ./tui -update`; read every changed file.
func TestView_Goldens(t *testing.T) {
	for _, sc := range scenes {
		for _, v := range goldenSizes {
			t.Run(sc.name+"-"+v.name, func(t *testing.T) {
				m := newTestModel(t, sc.files, v.w, v.h, Options{ASCII: v.ascii})
				sc.drive(m)
				screen := ansi.Strip(m.View().Content)
				checkFrame(t, screen, v.w, v.h)
				if v.ascii {
					checkASCII(t, screen)
				}
				golden.RequireEqual(t, screen+"\n")
			})
		}
	}
}

// checkFrame: exactly h lines, none wider than w.
func checkFrame(t testing.TB, screen string, w, h int) {
	t.Helper()
	if h == 0 {
		if screen != "" {
			t.Fatalf("a 0-line terminal gets an empty frame, got %q", screen)
		}
		return
	}
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		t.Fatalf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Fatalf("line %d is %d cells wide (> %d): %q", i, n, w, l)
		}
	}
}

func checkASCII(t testing.TB, screen string) {
	t.Helper()
	for i := 0; i < len(screen); i++ {
		if c := screen[i]; c != '\n' && (c < 0x20 || c > 0x7e) {
			t.Fatalf("non-ASCII byte %#x at %d: %q", c, i, screen[max(0, i-20):min(len(screen), i+20)])
		}
	}
}

// TestView_HistoryUsesTheWidth: after a few rollouts and undos the
// Deployment's revisions line leaves older revisions out only when the
// box already spans the screen; a box narrower than the screen used to
// cut the history beside empty columns.
func TestView_HistoryUsesTheWidth(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {160, 50}} {
		m := newTestModel(t, nil, size[0], size[1], Options{})
		runFor(m, 10*time.Second)
		for _, line := range []string{
			"kubectl set image deployment/example-deployment nginx=nginx:1.27",
			"kubectl rollout restart deployment/example-deployment",
			"kubectl set image deployment/example-deployment nginx=nginx:1.26",
			"kubectl rollout restart deployment/example-deployment",
			"kubectl set image deployment/example-deployment nginx=nginx:alpine",
			"kubectl rollout undo deployment/example-deployment",
		} {
			command(m, line)
			press(m, "esc")
			runFor(m, 30*time.Second)
		}
		s := screenOf(m)
		var top, history string
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, "Deployment example-deployment") {
				top = l
			}
			if strings.Contains(l, "revisions") {
				history = l
			}
		}
		if history == "" || top == "" {
			t.Fatalf("%v: no Deployment box or history:\n%s", size, s)
		}
		if strings.Contains(history, "older)") && ansi.StringWidth(strings.TrimRight(top, " ")) < size[0] {
			t.Errorf("%v: the history leaves revisions out in a box narrower than the screen:\n%s", size, s)
		}
	}
}
