package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
)

// recordCast runs `podviz record` with args and returns the cast written
// to standard output.
func recordCast(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := runArgs(t, append([]string{"record", "--out", "-"}, args...)...)
	if code != exitOK || errOut != "" {
		t.Fatalf("record %v: exit %d\n%s", args, code, errOut)
	}
	return out
}

// castEvents splits a cast into its header and its events' times and data.
func castEvents(t *testing.T, cast string) (header string, times []float64, data []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(cast, "\n"), "\n")
	header = lines[0]
	for i, l := range lines[1:] {
		var ev []any
		if err := json.Unmarshal([]byte(l), &ev); err != nil || len(ev) != 3 || ev[1] != "o" {
			t.Fatalf("event %d is not [time, \"o\", data]: %s (%v)", i+1, l, err)
		}
		times = append(times, ev[0].(float64))
		data = append(data, ev[2].(string))
	}
	return header, times, data
}

// TestRecord_Golden: the cast of a scenario has asciinema v2's header and a
// known number of frames, ends at the [idle] marker, and is the same, byte
// for byte, every time.
func TestRecord_Golden(t *testing.T) {
	cast := recordCast(t, "--example", "self-healing")
	if again := recordCast(t, "--example", "self-healing"); again != cast {
		t.Fatal("two recordings of the same scenario differ")
	}
	header, times, data := castEvents(t, cast)
	summary := header + "\nevents: " + strconv.Itoa(len(times)) + "\nlast: " + strconv.FormatFloat(times[len(times)-1], 'f', -1, 64) + "s\n"
	golden.RequireEqual(t, []byte(summary))
	for i := 1; i < len(times); i++ {
		if times[i] <= times[i-1] {
			t.Fatalf("event %d at %v is not after event %d at %v", i, times[i], i-1, times[i-1])
		}
	}
	all := strings.Join(data, "")
	if !strings.Contains(all, "[idle]") || !strings.Contains(all, "No controller owns example-pod") {
		t.Error("the cast should reach the last caption and the [idle] marker")
	}
	if err := renderedSafe(strings.Join(data[:len(data)-1], "")); err != nil {
		t.Error(err)
	}
}

// TestRecord_Options: --speed shortens the cast, --no-color leaves no
// colour, --ascii no byte above 0x7e in what is drawn, --width/--height
// reach the header.
func TestRecord_Options(t *testing.T) {
	_, slow, _ := castEvents(t, recordCast(t, "--example", "self-healing"))
	_, fast, _ := castEvents(t, recordCast(t, "--example", "self-healing", "--speed", "4"))
	if !(fast[len(fast)-1] < slow[len(slow)-1]/2) {
		t.Errorf("--speed 4 lasts %vs, ×1 %vs", fast[len(fast)-1], slow[len(slow)-1])
	}
	header, _, data := castEvents(t, recordCast(t, "--example", "scaling", "--no-color", "--ascii", "--width", "120", "--height", "40"))
	if header != `{"version":2,"width":120,"height":40,"env":{"TERM":"xterm-256color"}}` {
		t.Errorf("header %s", header)
	}
	all := strings.Join(data, "")
	if strings.Contains(all, "38;2;") || strings.Contains(all, "38;5;") {
		t.Error("--no-color wrote colours")
	}
	for _, r := range all {
		if r > 0x7e {
			t.Fatalf("--ascii wrote %q", r)
		}
	}
}

// TestRecord_NeverOverwrites: an existing --out is refused (and left as it
// was) unless --force; an input is refused even with --force.
func TestRecord_NeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "demo.cast")
	if err := os.WriteFile(out, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runArgs(t, "record", "--example", "self-healing", "--out", out)
	if code != exitUsage || !strings.Contains(errOut, "the file exists; podviz does not overwrite it (add --force to replace it") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(out); string(b) != "precious" {
		t.Fatal("the existing file was changed")
	}
	if _, errOut, code = runArgs(t, "record", "--example", "self-healing", "--out", out, "--force"); code != exitOK {
		t.Fatalf("--force: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte(`{"version":2`)) {
		t.Fatal("--force did not write the cast")
	}
	script := filepath.Join(dir, "s.yaml")
	os.WriteFile(script, []byte("- wait: 1s\n  run: kubectl get pods\n"), 0o644)
	_, errOut, code = runArgs(t, "record", "--script", script, "--out", script, "--force")
	if code != exitUsage || !strings.Contains(errOut, "the --script file; podviz never writes to a file the session reads") {
		t.Fatalf("the script as --out: exit %d: %s", code, errOut)
	}
	if _, errOut, code = runArgs(t, "record", "--example", "self-healing"); code != exitUsage || !strings.Contains(errOut, "--out is required") {
		t.Fatalf("no --out: exit %d: %s", code, errOut)
	}
	bad := filepath.Join(dir, "never.cast")
	if _, _, code = runArgs(t, "record", "-f", filepath.Join(dir, "missing.yaml"), "--out", bad); code == exitOK {
		t.Fatal("a missing manifest recorded")
	}
	if _, err := os.Stat(bad); err == nil {
		t.Fatal("a failed recording left a file")
	}
}

// TestRenderedSafe: only podviz's own sequences pass.
func TestRenderedSafe(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"\x1b[?25l\x1b[2J\x1b[1;1Hplain\x1b[K", true},
		{"\x1b[1;38;2;137;180;250m[idle]\x1b[m", true},
		{"\x1b]52;c;ZXZpbA==\a", false},                   // OSC 52: the clipboard
		{"\x1b[2;5r", false},                              // scrolling region
		{"a\rb", false},                                   // a bare carriage return
		{"name\u202egnp.exe", false},                      // a bidirectional override
		{"\x1b[31", false},                                // unterminated
		{"\x1b[?1049h", false},                            // alternate screen: not ours in a cast
		{"\x1b[" + strings.Repeat("1;", 40) + "m", false}, // absurdly long
	} {
		if err := renderedSafe(tc.in); (err == nil) != tc.ok {
			t.Errorf("renderedSafe(%q) = %v, want ok %v", tc.in, err, tc.ok)
		}
	}
}

// TestRecord_AsciinemaReadsIt: `asciinema cat` (Debian's asciinema)
// replays the cast: what it prints is the events' data in order. It wants
// a terminal, so it runs under script(1). Skipped when either is missing.
func TestRecord_AsciinemaReadsIt(t *testing.T) {
	for _, tool := range []string{"asciinema", "script"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "demo.cast")
	if _, errOut, code := runArgs(t, "record", "--example", "self-healing", "--speed", "8", "--out", file); code != exitOK {
		t.Fatalf("record: %s", errOut)
	}
	cast, _ := os.ReadFile(file)
	_, _, data := castEvents(t, string(cast))
	cmd := exec.Command("script", "-qec", "asciinema cat "+file, "/dev/null")
	cmd.Stdin = strings.NewReader("")
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.Output(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		_ = cmd.Process.Kill()
		t.Fatal("asciinema cat did not finish in a minute")
	}
	if err != nil {
		t.Fatalf("asciinema cat: %v\n%s", err, out)
	}
	if got, want := string(out), strings.Join(data, ""); got != want {
		t.Fatalf("asciinema cat printed %d bytes, the events hold %d", len(got), len(want))
	}
}

// TestRecord_Bounded: a script whose step comes late, or a cast that grows
// large, is cut at the bounds (lowered here) with a message saying so;
// the cast is still a complete, playable file.
func TestRecord_Bounded(t *testing.T) {
	defer func(l time.Duration, b int, pl int64) {
		maxCastLength, maxCastBytes, maxCastPodLooks = l, b, pl
	}(maxCastLength, maxCastBytes, maxCastPodLooks)
	dir := t.TempDir()
	late := filepath.Join(dir, "late.yaml")
	os.WriteFile(late, []byte("- at: 23h\n  run: kubectl get pods\n"), 0o644)
	for _, tc := range []struct {
		name     string
		length   time.Duration
		bytes    int
		podLooks int64
		args     []string
		lastMax  float64
		message  string
	}{
		{"a step at 23h", 10 * time.Second, 64 << 20, 1 << 40, []string{"--script", late}, 10.1 + 2,
			"podviz record: the cast stops at 10.0s (10s of virtual time): podviz records at most 10s of cast and 64 MiB; the script's later steps are not in it (raise --speed, or end it sooner with --until)\n"},
		{"a large cast", time.Hour, 20000, 1 << 40, []string{"--example", "crashloop", "--width", "200", "--height", "60"}, 60,
			"MiB; the script's later steps are not in it"},
		{"many pods for long", time.Hour, 64 << 20, 4 * 100, []string{"--script", late}, 10.1 + 2,
			"podviz record: the cast stops at 9.9s (9.9s of virtual time): podviz films at most 400 pod-frames (the pods in the cluster, summed over the frames looked at), and this cluster has 4 pods; the script's later steps are not in it (raise --speed, or end it sooner with --until)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			maxCastLength, maxCastBytes, maxCastPodLooks = tc.length, tc.bytes, tc.podLooks
			out, errOut, code := runArgs(t, append([]string{"record", "--out", "-"}, tc.args...)...)
			if code != exitOK || !strings.Contains(errOut, tc.message) {
				t.Fatalf("exit %d, stderr %q\nwant %q", code, errOut, tc.message)
			}
			_, times, data := castEvents(t, out)
			if last := times[len(times)-1]; last > tc.lastMax {
				t.Errorf("the cast lasts %vs", last)
			}
			if data[len(data)-1] != "\x1b[?25h" {
				t.Error("the cut cast does not end by showing the cursor")
			}
			if len(out) > tc.bytes+200000 {
				t.Errorf("the cast is %d bytes", len(out))
			}
		})
	}
}
