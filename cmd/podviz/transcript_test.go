package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"podviz/model"
)

// liveIO runs podviz's live view as if on a terminal that types keys.
func liveIO(t *testing.T, keys string, args ...string) (stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	f := &Factory{In: strings.NewReader(keys), Out: &out, ErrOut: &errOut, IsTerminal: true}
	code = run(args, f)
	return errOut.String(), code
}

func TestLive_TranscriptStartsWithTheManifests(t *testing.T) {
	dir := t.TempDir()
	t.Run("the example, written beside the transcript", func(t *testing.T) {
		path := filepath.Join(dir, "session.sh")
		if stderr, code := liveIO(t, "+q", "--transcript", path); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		got := readFile(t, path)
		example := filepath.Join(dir, "session.example.yaml")
		want := transcriptHeader + "kubectl apply -f " + example + "\n"
		if !strings.HasPrefix(got, want) {
			t.Fatalf("transcript:\n%s\nwant it to start with:\n%s", got, want)
		}
		if !strings.Contains(got, "\nkubectl scale deployment/example-deployment --replicas=4\n") {
			t.Errorf("transcript lacks the scale:\n%s", got)
		}
		if readFile(t, example) != string(model.ExampleYAML()) {
			t.Errorf("%s is not the article example", example)
		}
	})
	t.Run("the paths given", func(t *testing.T) {
		path := filepath.Join(dir, "web.sh")
		manifest := "../../controller/testdata/web3.yaml"
		if stderr, code := liveIO(t, "q", "-f", manifest, "--transcript", path); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if got, want := readFile(t, path), transcriptHeader+"kubectl apply -f "+manifest+"\n"; got != want {
			t.Errorf("transcript:\n%s\nwant:\n%s", got, want)
		}
	})
}

// TestLive_TranscriptNeverClobbers: issue 7 found `podviz -f web.yaml
// --transcript web.yaml` left web.yaml empty, even when podviz then
// refused to start.
func TestLive_TranscriptNeverClobbers(t *testing.T) {
	dir := t.TempDir()
	web := filepath.Join(dir, "web.yaml")
	manifest := readFile(t, "../../controller/testdata/web3.yaml")
	write := func() {
		if err := os.WriteFile(web, []byte(manifest), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("an existing file is refused", func(t *testing.T) {
		write()
		stderr, code := liveIO(t, "q", "-f", "../../controller/testdata/web3.yaml", "--transcript", web)
		want := "error: --transcript " + web + ": the file exists; podviz does not overwrite it (use --transcript-append to add to it, or name a new file)\nSee 'podviz --help' for usage.\n"
		if code != exitUsage || stderr != want {
			t.Errorf("exit %d, stderr %q\nwant %q", code, stderr, want)
		}
		if readFile(t, web) != manifest {
			t.Error("web.yaml changed")
		}
	})
	t.Run("appending to a manifest is refused", func(t *testing.T) {
		write()
		stderr, code := liveIO(t, "q", "-f", web, "--transcript-append", web)
		want := "error: --transcript-append " + web + ": that is " + web + ", a manifest given with -f; podviz never writes to a file the session reads: name another file\nSee 'podviz --help' for usage.\n"
		if code != exitUsage || stderr != want {
			t.Errorf("exit %d, stderr %q\nwant %q", code, stderr, want)
		}
		if readFile(t, web) != manifest {
			t.Error("web.yaml changed")
		}
	})
	t.Run("without a terminal nothing is created or touched", func(t *testing.T) {
		write()
		path := filepath.Join(dir, "new.sh")
		for _, p := range []string{web, path} {
			var out, errOut bytes.Buffer
			f := &Factory{In: strings.NewReader("q"), Out: &out, ErrOut: &errOut}
			if code := run([]string{"-f", web, "--transcript", p}, f); code != exitInvalid {
				t.Errorf("exit %d, want 1", code)
			}
		}
		if readFile(t, web) != manifest {
			t.Error("web.yaml changed")
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s was created: %v", path, err)
		}
	})
	t.Run("a bad manifest: no transcript is created", func(t *testing.T) {
		path := filepath.Join(dir, "bad.sh")
		if _, code := liveIO(t, "q", "-f", "../../testdata/invalid/negative-replicas.yaml", "--transcript", path); code != exitInvalid {
			t.Errorf("exit %d, want 1", code)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s was created: %v", path, err)
		}
	})
	t.Run("append adds a second session after the first", func(t *testing.T) {
		path := filepath.Join(dir, "twice.sh")
		for range 2 {
			if stderr, code := liveIO(t, "q", "-f", web, "--transcript-append", path); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
		}
		apply := "kubectl apply -f " + web + "\n"
		want := transcriptHeader + apply + "\n# Another podviz session, appended: its manifests, then its actions.\n" + apply
		if got := readFile(t, path); got != want {
			t.Errorf("transcript:\n%s\nwant:\n%s", got, want)
		}
	})
	t.Run("both flags", func(t *testing.T) {
		stderr, code := liveIO(t, "q", "--transcript", "a.sh", "--transcript-append", "b.sh")
		if code != exitUsage || !strings.Contains(stderr, "--transcript and --transcript-append both name the transcript") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("a file beside it that is not the example is refused", func(t *testing.T) {
		path := filepath.Join(dir, "demo.sh")
		other := filepath.Join(dir, "demo.example.yaml")
		if err := os.WriteFile(other, []byte("mine\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		stderr, code := liveIO(t, "q", "--transcript", path)
		if code != exitUsage || !strings.Contains(stderr, other+" exists and is not the article example") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		if readFile(t, other) != "mine\n" {
			t.Error("demo.example.yaml changed")
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s was created: %v", path, err)
		}
	})
}

// TestLive_TranscriptWriteErrors: /dev/full used to exit 0 with the
// transcript gone.
func TestLive_TranscriptWriteErrors(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	stderr, code := liveIO(t, "q", "-f", "../../controller/testdata/web3.yaml", "--transcript-append", "/dev/full")
	want := "error: --transcript-append /dev/full: write /dev/full: no space left on device\n"
	if code != exitInvalid || stderr != want {
		t.Errorf("exit %d, stderr %q\nwant %q", code, stderr, want)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
