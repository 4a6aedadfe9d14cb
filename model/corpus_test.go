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
// with a warning; for rejected files the test logs whether podviz rejects
// them too and on which field.
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
					t.Logf("REJECTED upstream, accepted by podviz: %s", path)
					return
				}
				t.Logf("REJECTED upstream, rejected by podviz: %s: %v", path, err)
			default:
				t.Fatalf("unknown verdict %q", verdict)
			}
		})
	}
	if n != 127 {
		t.Errorf("read %d corpus rows, want 127", n)
	}
}
