package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"podviz/controller/kubectl"
	"podviz/controller/script"
	"podviz/model"
	"podviz/termsafe"
)

// The --transcript file is a shell script a user replays on a real
// cluster. It never costs the user a file:
//
//   - --transcript FILE refuses a FILE that exists (podviz -f web.yaml
//     --transcript web.yaml used to leave web.yaml empty); --transcript-append
//     FILE appends to it instead (a second session, re-applying its
//     manifests first), and still refuses FILE when it is one of the
//     manifests or the script.
//   - It is opened only once the live view is really starting (a terminal,
//     manifests and script loaded), and removed again if the session never
//     ran and podviz created it.
//   - Every write error is reported (exit 1), not lost.
//
// It starts with the `kubectl apply -f` of the manifests the session began
// from, so it replays on a fresh cluster: the paths given with -f, or the
// article example, which podviz writes beside the transcript
// (session.sh → session.example.yaml, reused when it holds the example).

// transcriptHeader opens a new transcript.
const transcriptHeader = `#!/bin/sh
# A podviz session, replayable on a real cluster: the manifests it started
# from, then each action as the kubectl command it stood for. Times are
# podviz's virtual clock; paths are relative to the directory podviz ran in.
set -e
`

// transcriptFile is an open transcript: everything written goes through
// termsafe (a transcript is read with cat as often as it is run) and the
// first write error is kept for the end.
type transcriptFile struct {
	path    string
	f       *os.File
	w       *termsafe.Writer
	created bool  // podviz created the file
	header  int64 // bytes written before the session's first action
	n       int64
}

// checkTranscript refuses, before anything is loaded, a transcript that
// would clobber a file: an existing FILE without --transcript-append, or a
// manifest or the script itself.
func checkTranscript(opts *LiveOptions) error {
	if opts.Transcript == "" {
		return nil
	}
	flag := transcriptFlag(opts)
	st, err := os.Stat(opts.Transcript)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s %s: %w", flag, opts.Transcript, err)
	}
	if err := refuseInput(flag, opts.Transcript, &opts.Cluster, script.Script{}); err != nil {
		return err
	}
	switch {
	case !opts.TranscriptAppend:
		return usageErrorf("--transcript %s: the file exists; podviz does not overwrite it (use --transcript-append to add to it, or name a new file)", termsafe.Line(opts.Transcript))
	case st.IsDir():
		return usageErrorf("%s %s: is a directory", flag, termsafe.Line(opts.Transcript))
	case st.Mode()&(fs.ModeNamedPipe|fs.ModeSocket) != 0:
		// Opening a FIFO to write waits for a reader: the live view would
		// never start.
		return usageErrorf("%s %s: a named pipe or socket, which podviz would wait on for ever", flag, termsafe.Line(opts.Transcript))
	}
	return nil
}

func transcriptFlag(opts *LiveOptions) string {
	if opts.TranscriptAppend {
		return "--transcript-append"
	}
	return "--transcript"
}

// exampleBeside is where the article example is written for a transcript
// at path: session.sh → session.example.yaml, in the same directory.
func exampleBeside(path string) string {
	base := filepath.Base(path)
	return filepath.Join(filepath.Dir(path), strings.TrimSuffix(base, filepath.Ext(base))+".example.yaml")
}

// openTranscript creates (or, with --transcript-append, opens for
// appending) the transcript and writes its start: the header and the
// apply of the session's manifests.
func openTranscript(opts *LiveOptions) (*transcriptFile, error) {
	flag := transcriptFlag(opts)
	applyLine, note, err := manifestsToApply(opts)
	if err != nil {
		return nil, err
	}
	mode := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if opts.TranscriptAppend {
		mode = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	_, statErr := os.Stat(opts.Transcript)
	f, err := os.OpenFile(opts.Transcript, mode, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", flag, err)
	}
	t := &transcriptFile{path: opts.Transcript, f: f, w: termsafe.NewWriter(f), created: errors.Is(statErr, fs.ErrNotExist)}
	var head strings.Builder
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		head.WriteString("\n# Another podviz session, appended: its manifests, then its actions.\n")
	} else {
		head.WriteString(transcriptHeader)
	}
	head.WriteString(note)
	if applyLine != "" {
		head.WriteString(applyLine + "\n")
	}
	if _, err := t.Write([]byte(head.String())); err != nil {
		t.Close(false)
		return nil, fmt.Errorf("%s %s: %w", flag, opts.Transcript, err)
	}
	t.header = t.n
	return t, nil
}

// manifestsToApply is the transcript's first command: `kubectl apply -f`
// of every -f path, or of the article example written beside the
// transcript. Manifests read from stdin cannot be replayed; note says so.
func manifestsToApply(opts *LiveOptions) (line, note string, err error) {
	files := opts.Cluster.Filenames
	if len(files) == 0 {
		example := exampleBeside(opts.Transcript)
		if err := writeExample(example); err != nil {
			return "", "", err
		}
		files = []string{example}
	}
	var paths []string
	for _, f := range files {
		if f == "-" {
			note = "# The session also read manifests from standard input: apply them first.\n"
			continue
		}
		paths = append(paths, f)
	}
	if len(paths) == 0 {
		return "", note, nil
	}
	return (&kubectl.ApplyOptions{Files: paths}).String(), note, nil
}

// writeExample writes the article example to path, unless path already
// holds exactly that; any other file there is left alone and refused.
func writeExample(path string) error {
	example := model.ExampleYAML()
	if data, err := os.ReadFile(path); err == nil {
		if bytes.Equal(data, example) {
			return nil
		}
		return usageErrorf("--transcript: %s exists and is not the article example, which the transcript applies from there; move it or name another transcript", termsafe.Line(path))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("--transcript: %w", err)
	}
	if _, err := f.Write(example); err != nil {
		f.Close()
		return fmt.Errorf("--transcript: %w", err)
	}
	return f.Close()
}

// Write writes p (escaped) and counts it.
func (t *transcriptFile) Write(p []byte) (int, error) {
	n, err := t.w.Write(p)
	t.n += int64(n)
	return n, err
}

// Close closes the file and reports the first write error, or the close
// error. When the session never ran and podviz created the file with only
// its start in it, the file is removed: a refused start leaves nothing.
func (t *transcriptFile) Close(sessionRan bool) error {
	err := t.w.Err()
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	if !sessionRan && t.created && t.n == t.header {
		os.Remove(t.path)
	}
	if err != nil {
		return fmt.Errorf("transcript %s: %w", termsafe.Line(t.path), err)
	}
	return nil
}
