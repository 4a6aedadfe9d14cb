package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// TestScriptOutput_Readable: a script's kubectl get prints a table; the
// live view shows it under the diagram (not its header's first line cut on
// the status bar), the diagram still on screen above it, tables folded by
// whole columns so no cell is split, what does not fit counted; the
// script's next change takes it away.
func TestScriptOutput_Readable(t *testing.T) {
	for _, tc := range []struct {
		w, h int
		ips  int
		more bool
	}{{80, 24, 0, true}, {120, 40, 4, false}} {
		m := newTestModel(t, nil, tc.w, tc.h, Options{Script: mustScript(t, `
- after: settled
  run: kubectl get pods -o wide
- wait: 5s
  run: kubectl scale deployment/example-deployment --replicas=4
`)})
		runFor(m, 6*time.Second)
		s := screenOf(m)
		rows := regexp.MustCompile(`(?m)^example-deployment-585c5579f6-\w{5} +1/1 +Running `).FindAllString(s, -1)
		ips := regexp.MustCompile(`(?m)^example-\S+ .*\s10\.244\.0\.\d+\s`).FindAllString(s, -1)
		if !strings.Contains(s, "── $ kubectl get pods -o wide ──") || len(rows) != 3 || len(ips) < tc.ips ||
			!strings.Contains(s, "Deployment example-deployment") || strings.Contains(s, "more lines") != tc.more || !strings.Contains(s, "printed above") {
			t.Fatalf("%dx%d: want the diagram, then the table's rows whole (at least %d with IPs):\n%s", tc.w, tc.h, tc.ips, s)
		}
		for _, line := range strings.Split(s, "\n") {
			if ansi.StringWidth(line) > tc.w {
				t.Fatalf("%dx%d: a line is wider than the screen: %q", tc.w, tc.h, line)
			}
		}
		runFor(m, 10*time.Second)
		if s := screenOf(m); strings.Contains(s, "kubectl get pods -o wide ──") {
			t.Fatalf("%dx%d: after the scale the output should be gone:\n%s", tc.w, tc.h, s)
		}
	}
	// A change by hand makes the table stale too.
	m := newTestModel(t, nil, 120, 40, Options{Script: mustScript(t, "- after: settled\n  run: kubectl get pods\n")})
	runFor(m, 6*time.Second)
	if !strings.Contains(screenOf(m), "── $ kubectl get pods ──") {
		t.Fatalf("no output:\n%s", screenOf(m))
	}
	press(m, "+")
	if s := screenOf(m); strings.Contains(s, "── $ kubectl get pods ──") {
		t.Fatalf("a scale by hand leaves the stale table:\n%s", s)
	}
}

func TestFoldTables(t *testing.T) {
	table := "NAME    READY   STATUS    IP           NOMINATED NODE\n" +
		"web-1   1/1     Running   10.244.0.4   <none>\n" +
		"web-22  0/1     Pending   <none>       <none>\n" +
		"\nNo more."
	if got := foldTables(table, 80); got != table {
		t.Errorf("a table that fits changed:\n%s", got)
	}
	want := "NAME    READY   STATUS\n" +
		"web-1   1/1     Running\n" +
		"web-22  0/1     Pending\n" +
		"\n" +
		"NAME    IP           NOMINATED NODE\n" +
		"web-1   10.244.0.4   <none>\n" +
		"web-22  <none>       <none>\n" +
		"\nNo more."
	if got := foldTables(table, 36); got != want {
		t.Errorf("folded at 36:\n%s\nwant:\n%s", got, want)
	}
	plain := "deployment.apps/web\nREVISION  CHANGE-CAUSE\n1         <none>"
	if got := foldTables(plain, 10); got != plain {
		t.Errorf("%q", got)
	}
}
