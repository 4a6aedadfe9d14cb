package model

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir holds real manifests from the Kubernetes documentation, with
// EXPECTED.tsv giving a real API server's verdict on each (see its README).
const corpusDir = "../../shared/corpus"

// TestCorpus_KubernetesWebsiteExamples loads every corpus file: accepted and
// not-checked files must load and validate, with every other kind skipped
// with a warning; rejected files must be rejected, on the API server's
// field for the API server's reason.
func TestCorpus_KubernetesWebsiteExamples(t *testing.T) {
	f, err := os.Open(filepath.Join(corpusDir, "EXPECTED.tsv"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("corpus not present at " + corpusDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	n := 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 3 {
			continue
		}
		path, kinds, verdict := cols[0], strings.Split(cols[1], ","), cols[2]
		message := ""
		if len(cols) > 3 {
			message = cols[3]
		}
		n++
		t.Run(path, func(t *testing.T) {
			var warn bytes.Buffer
			objs, err := Load([]string{filepath.Join(corpusDir, "k8s-website-examples", path)}, nil, &warn)
			switch verdict {
			case "accepted", "not-checked":
				if err != nil {
					t.Fatalf("want accepted, got:\n%v", err)
				}
				want := 0
				skipped := 0
				for _, k := range kinds {
					switch k {
					case "Pod", "Deployment", "ReplicaSet":
						want++
					default:
						skipped++
					}
				}
				if objs.Len() != want {
					t.Errorf("got %d objects, want %d (%v)", objs.Len(), want, kinds)
				}
				if got := strings.Count(warn.String(), "Warning: skipping "); got != skipped {
					t.Errorf("got %d skip warnings, want %d:\n%s", got, skipped, warn.String())
				}
			case "rejected":
				if err == nil {
					t.Fatalf("the API server rejects it, podviz accepted it; want: %s", message)
				}
				doc, detail := upstreamRejection(message)
				if !strings.Contains(err.Error(), doc) || !strings.Contains(err.Error(), detail) {
					t.Errorf("rejected for another reason\n got: %v\nwant: %s… %s (the API server's document, field and reason)", err, doc, detail)
				}
			default:
				t.Fatalf("unknown verdict %q", verdict)
			}
		})
	}
	if n != 127 {
		t.Errorf("read %d corpus rows, want 127", n)
	}
}

// upstreamRejection splits EXPECTED.tsv's message for a rejected file into
// the document ("document 1: ") and what podviz must say about it: the
// strict decoding error as it is, or for an invalid object the field path
// and reason after the API server's `Pod "x" is invalid: ` (podviz words
// the object's part its own way). The bracketed note at the end is the
// corpus author's comment, not the server's.
func upstreamRejection(message string) (doc, detail string) {
	if i := strings.Index(message, " ["); i >= 0 {
		message = message[:i]
	}
	if i := strings.Index(message, ": "); i >= 0 && strings.HasPrefix(message, "document ") {
		doc, message = message[:i+2], message[i+2:]
	}
	if _, after, ok := strings.Cut(message, " is invalid: "); ok {
		message = after
	}
	return doc, message
}
