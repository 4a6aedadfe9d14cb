package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOutputs_NeverAnInput: no flag that writes a file writes to a file the
// session reads, however it is named: a manifest inside a -f directory,
// the same file through a symlink or as ./name, the script, or a manifest
// a script step applies. The refusal names both and the file is untouched.
func TestOutputs_NeverAnInput(t *testing.T) {
	dir := t.TempDir()
	manifest := readFile(t, "../../controller/testdata/web3.yaml")
	mdir := filepath.Join(dir, "manifests")
	web := filepath.Join(mdir, "web.yaml")
	other := filepath.Join(dir, "other.yaml")
	link := filepath.Join(dir, "link.yaml")
	scriptFile := filepath.Join(dir, "s.yaml")
	const scriptText = "- at: 1s\n  run: kubectl apply -f other.yaml\n"
	reset := func(t *testing.T) {
		t.Helper()
		os.MkdirAll(mdir, 0o755)
		for p, text := range map[string]string{web: manifest, other: manifest, scriptFile: scriptText} {
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		os.Remove(link)
		if err := os.Symlink(web, link); err != nil {
			t.Fatal(err)
		}
	}
	untouched := func(t *testing.T) {
		t.Helper()
		for p, text := range map[string]string{web: manifest, other: manifest, scriptFile: scriptText} {
			if readFile(t, p) != text {
				t.Errorf("%s was written to", p)
			}
		}
	}
	cases := []struct {
		name      string
		out, what string
		args      []string
	}{
		{"a manifest inside a -f directory", web, "a manifest given with -f", []string{"-f", mdir}},
		{"a -f manifest through a symlink", link, "a manifest given with -f", []string{"-f", web}},
		{"the script", scriptFile, "the --script file", []string{"-f", web, "--script", scriptFile}},
		{"a manifest the script applies", other, "a manifest the script applies in step 1 (at 1s)", []string{"-f", web, "--script", scriptFile}},
	}
	for _, c := range cases {
		t.Run("record --out: "+c.name, func(t *testing.T) {
			reset(t)
			_, errOut, code := runArgs(t, append([]string{"record", "--force", "--until", "2s", "--out", c.out}, c.args...)...)
			if code != exitUsage || !strings.Contains(errOut, "--out "+c.out+": that is ") || !strings.Contains(errOut, ", "+c.what+"; podviz never writes to a file the session reads") {
				t.Errorf("exit %d: %s", code, errOut)
			}
			untouched(t)
		})
		t.Run("--transcript-append: "+c.name, func(t *testing.T) {
			reset(t)
			stderr, code := liveIO(t, "q", append([]string{"--transcript-append", c.out}, c.args...)...)
			if code != exitUsage || !strings.Contains(stderr, "--transcript-append "+c.out+": that is ") || !strings.Contains(stderr, ", "+c.what+";") {
				t.Errorf("exit %d: %s", code, stderr)
			}
			untouched(t)
		})
	}
	t.Run("./name and name are one file", func(t *testing.T) {
		reset(t)
		wd, _ := os.Getwd()
		defer os.Chdir(wd)
		os.Chdir(mdir)
		_, errOut, code := runArgs(t, "record", "--force", "--until", "2s", "-f", "./web.yaml", "--out", "web.yaml")
		if code != exitUsage || !strings.Contains(errOut, "that is ./web.yaml, a manifest given with -f") {
			t.Errorf("exit %d: %s", code, errOut)
		}
		untouched(t)
	})
	t.Run("a file beside the manifests that is not one is written", func(t *testing.T) {
		reset(t)
		cast := filepath.Join(mdir, "demo.cast")
		if _, errOut, code := runArgs(t, "record", "--until", "2s", "-f", mdir, "--out", cast); code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		os.Remove(cast)
	})
}

// TestOutputs_NotARegularFile: an output that exists and is a FIFO is
// refused at once; opening a FIFO to write would block podviz for ever.
// (A device such as /dev/full is written to: TestLive_TranscriptWriteErrors.)
func TestOutputs_NotARegularFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, errOut, code := runArgs(t, "record", "--force", "--until", "1s", "--out", fifo); code != exitUsage || !strings.Contains(errOut, "a named pipe or socket") {
			t.Errorf("record: exit %d: %s", code, errOut)
		}
		if stderr, code := liveIO(t, "q", "--transcript-append", fifo); code != exitUsage || !strings.Contains(stderr, "a named pipe or socket") {
			t.Errorf("--transcript-append: exit %d: %s", code, stderr)
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("podviz blocked on the FIFO")
	}
}
