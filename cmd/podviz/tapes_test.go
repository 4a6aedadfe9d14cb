package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"podviz"
)

const tapesDir = "../../testdata/tapes"

// tape is a vhs tape's commands, comments and blank lines left out.
type tape struct {
	name  string
	lines []string
}

func readTapes(t *testing.T) []tape {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(tapesDir, "*.tape"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no tapes: %v", err)
	}
	var out []tape
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		tp := tape{name: strings.TrimSuffix(filepath.Base(f), ".tape")}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
				tp.lines = append(tp.lines, l)
			}
		}
		fh.Close()
		out = append(out, tp)
	}
	return out
}

// typed is the command line a tape types.
func (tp tape) typed() string {
	for _, l := range tp.lines {
		if strings.HasPrefix(l, "Type ") {
			s, _ := strconv.Unquote(strings.TrimPrefix(l, "Type "))
			return s
		}
	}
	return ""
}

var waitScreen = regexp.MustCompile(`^Wait\+Screen(@\S+)? /(.*)/$`)

// TestTapes_Conventions: one tape per scenario and a hero tape, each written
// to vhs's conventions: every Set first, then a text Output (and quoted
// paths), Require podviz, the start-up between Hide and Show, waits on the
// screen's markers and never a fixed Sleep, and podviz quitting by itself.
func TestTapes_Conventions(t *testing.T) {
	tapes := readTapes(t)
	have := map[string]bool{}
	for _, tp := range tapes {
		have[tp.name] = true
	}
	for _, e := range podviz.Examples() {
		if e.Scenario() && !have[e.Name] {
			t.Errorf("scenario %s has no tape", e.Name)
		}
	}
	if !have["hero"] {
		t.Error("no hero tape for the README")
	}
	for _, tp := range tapes {
		if tp.name == "readme" {
			continue // the README's five lines: TestReadme_TapeIsTheFile
		}
		l := tp.lines
		i := 0
		for i < len(l) && strings.HasPrefix(l[i], "Set ") {
			i++
		}
		if i == 0 {
			t.Errorf("%s: no Set first", tp.name)
		}
		text := false
		for j, line := range l {
			switch {
			case strings.HasPrefix(line, "Set ") && j >= i:
				t.Errorf("%s: %q after the first command; every Set comes first", tp.name, line)
			case strings.HasPrefix(line, "Output "):
				p := strings.TrimPrefix(line, "Output ")
				if !strings.HasPrefix(p, `"`) || !strings.HasSuffix(p, `"`) {
					t.Errorf("%s: unquoted path %s", tp.name, p)
				}
				text = text || strings.HasSuffix(p, `.txt"`)
			case strings.HasPrefix(line, "Sleep"):
				t.Errorf("%s: %q: wait for the screen, never a fixed time", tp.name, line)
			}
		}
		if !text {
			t.Errorf("%s: no text Output", tp.name)
		}
		joined := "\n" + strings.Join(l, "\n") + "\n"
		if !strings.Contains(joined, "\nRequire podviz\n") {
			t.Errorf("%s: no Require podviz", tp.name)
		}
		hide, typ, show := strings.Index(joined, "\nHide\n"), strings.Index(joined, "\nType "), strings.Index(joined, "\nShow\n")
		if hide < 0 || !(hide < typ && typ < show) {
			t.Errorf("%s: start-up must be between Hide and Show", tp.name)
		}
		if !strings.Contains(joined, `/\[idle\]/`) {
			t.Errorf("%s: does not wait for the [idle] marker", tp.name)
		}
		cmd := tp.typed()
		if !strings.HasPrefix(cmd, "podviz ") || !strings.Contains(cmd, "--exit-when-settled") && !strings.Contains(cmd, "--exit-after-script") {
			t.Errorf("%s: types %q; podviz must quit by itself", tp.name, cmd)
		}
	}
}

// TestTapes_WaitsAreMet plays what every tape types in tmux, at a high
// --speed, and checks that each Wait+Screen pattern shows up in order and
// that podviz then quits by itself with a restored terminal: the tape's
// waits are met and its last Wait finds the shell. (Recording needs ttyd;
// this needs only tmux.) Skipped without tmux or with -short.
func TestTapes_WaitsAreMet(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	dir := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "podviz"), ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	socket := fmt.Sprintf("podviz-tapes-%d", os.Getpid())
	tmux := func(args ...string) string {
		out, _ := exec.Command("tmux", append([]string{"-L", socket}, args...)...).CombinedOutput()
		return string(out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", socket, "kill-server").Run() })
	// A session that lives as long as the test keeps the server up: killing
	// a tape's session must not take the server down under the next one.
	if out, err := exec.Command("tmux", "-L", socket, "new-session", "-d", "-s", "keep", "sleep 3600").CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	for _, tp := range readTapes(t) {
		t.Run(tp.name, func(t *testing.T) {
			session := tp.name
			// The last --speed wins: the tape's story, 100 times faster.
			line := "PATH=" + dir + ":$PATH " + tp.typed() + " --speed 100; echo podviz-exited-$?"
			tmux("new-session", "-d", "-s", session, "-x", "111", "-y", "33", "bash", "--norc", "--noprofile")
			defer tmux("kill-session", "-t", session)
			tmux("send-keys", "-t", session, line, "Enter")
			for _, l := range tp.lines {
				m := waitScreen.FindStringSubmatch(l)
				if m == nil {
					continue
				}
				re := regexp.MustCompile(m[2])
				deadline := time.Now().Add(60 * time.Second)
				for screen := ""; ; {
					screen = tmux("capture-pane", "-p", "-t", session)
					if re.MatchString(screen) {
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("%s never matched:\n%s", l, screen)
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
			deadline := time.Now().Add(30 * time.Second)
			for {
				screen := tmux("capture-pane", "-p", "-t", session)
				if strings.Contains(screen, "podviz-exited-0") {
					if strings.Contains(screen, "[idle]") {
						t.Fatalf("the terminal was not restored:\n%s", screen)
					}
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("podviz did not quit by itself:\n%s", screen)
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}

// TestTapes_Record records every tape with vhs — readme.tape too, though it
// writes only a GIF: each is played as recordingTape makes it, with a text
// output — and compares the first snapshot showing the status bar's
// [idle] marker (the moment every tape waits for; some hide what follows,
// readme.tape shows the shell coming back) with a golden. Recording needs
// ttyd, which not every machine has: without ttyd or vhs on PATH it skips.
// Goldens are made with -update on a machine that has them.
func TestTapes_Record(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	for _, tool := range []string{"ttyd", "vhs"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH: recording is not possible here", tool)
		}
	}
	dir := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "podviz"), ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	updating := flag.Lookup("update") != nil && flag.Lookup("update").Value.String() == "true"
	for _, tp := range readTapes(t) {
		t.Run(tp.name, func(t *testing.T) {
			text, txt := recordingTape(tp)
			path := filepath.Join(dir, tp.name+".tape")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("vhs", path)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"), "VHS_NO_SANDBOX=1")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("vhs: %v\n%s", err, out)
			}
			data, err := os.ReadFile(filepath.Join(dir, txt))
			if err != nil {
				t.Fatal(err)
			}
			screen, ok := idleSnapshot(string(data))
			if !ok {
				t.Fatalf("no snapshot shows [idle]:\n%s", data)
			}
			goldenPath := filepath.Join("testdata", t.Name()+".golden")
			if _, err := os.Stat(goldenPath); err != nil && !updating {
				t.Fatalf("no golden %s: record it with `go test -run TestTapes_Record -update` on a machine with vhs and ttyd, read it, and commit it", goldenPath)
			}
			golden.RequireEqual(t, []byte(screen))
		})
	}
}

// recordingTape is tp as TestTapes_Record plays it: its commands, with a
// text Output after its last Output when it has none, and that text
// file's name. The tape is otherwise played as written.
func recordingTape(tp tape) (text, txt string) {
	last := -1
	for i, l := range tp.lines {
		if p, ok := strings.CutPrefix(l, "Output "); ok {
			last = i
			if name, err := strconv.Unquote(p); err == nil && strings.HasSuffix(name, ".txt") {
				txt = name
			}
		}
	}
	lines := append([]string(nil), tp.lines...)
	if txt == "" {
		txt = tp.name + ".txt"
		lines = slices.Insert(lines, last+1, "Output "+strconv.Quote(txt))
	}
	return strings.Join(lines, "\n") + "\n", txt
}

// idleSnapshot is the first screen of vhs's text output (snapshots are
// separated by a line of 80 "─") that shows the [idle] marker.
func idleSnapshot(text string) (string, bool) {
	for _, part := range strings.Split(text, strings.Repeat("─", 80)+"\n") {
		if strings.Contains(part, "[idle]") {
			return part, true
		}
	}
	return "", false
}

// TestTapes_RecordingTape: every tape, readme.tape included, is recorded
// with exactly one text output, declared among its Outputs, before any
// command runs; nothing else of the tape changes.
func TestTapes_RecordingTape(t *testing.T) {
	for _, tp := range readTapes(t) {
		text, txt := recordingTape(tp)
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		var outputs []string
		for i, l := range lines {
			if strings.HasPrefix(l, "Output ") {
				outputs = append(outputs, l)
				if i > 0 && !strings.HasPrefix(lines[i-1], "Output ") && !strings.HasPrefix(lines[i-1], "Set ") {
					t.Errorf("%s: %s comes after %q", tp.name, l, lines[i-1])
				}
			}
		}
		n := 0
		for _, o := range outputs {
			if strings.HasSuffix(o, `.txt"`) {
				n++
			}
		}
		if n != 1 || !slices.Contains(outputs, "Output "+strconv.Quote(txt)) || len(lines) > len(tp.lines)+1 {
			t.Errorf("%s: outputs %q, text %q", tp.name, outputs, txt)
		}
	}
	screen, ok := idleSnapshot("a\n" + strings.Repeat("─", 80) + "\n▶ 1s\n" + strings.Repeat("─", 80) + "\n[idle] 9s\n" + strings.Repeat("─", 80) + "\n$\n")
	if !ok || screen != "[idle] 9s\n" {
		t.Errorf("idleSnapshot: %q %v", screen, ok)
	}
}

// TestReadme_TapeIsTheFile: the README's five-line tape is
// testdata/tapes/readme.tape, which CI validates and TestTapes_WaitsAreMet
// plays, so the README's tape works as written.
func TestReadme_TapeIsTheFile(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(filepath.Join(tapesDir, "readme.tape"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "<!-- tape:begin testdata/tapes/readme.tape -->\n```\n")
	block, _, ok2 := strings.Cut(block, "```\n<!-- tape:end -->")
	if !ok || !ok2 {
		t.Fatal("the README has no tape block")
	}
	if block != string(file) {
		t.Fatalf("the README's tape:\n%s\nis not testdata/tapes/readme.tape:\n%s", block, file)
	}
	if n := strings.Count(block, "\n"); n != 5 {
		t.Errorf("the README's tape has %d lines, not five", n)
	}
}
