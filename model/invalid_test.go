package model

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoad_InvalidManifests loads every testdata/invalid/NAME.yaml and
// compares what podviz validate would print on stderr with NAME.txt (see
// testdata/invalid/README.md for where each expectation comes from).
func TestLoad_InvalidManifests(t *testing.T) {
	t.Chdir("..") // messages name files as a user at the repository root sees them
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 25 {
		t.Fatalf("found %d invalid manifests, want at least 25", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(strings.TrimSuffix(f, ".yaml") + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			var warn bytes.Buffer
			objs, err := Load([]string{f}, nil, &warn)
			if err == nil {
				t.Fatalf("accepted %d objects, want an error", objs.Len())
			}
			if objs != nil {
				t.Errorf("got objects with an error")
			}
			got := warn.String()
			var le *LoadError
			if errors.As(err, &le) {
				got += le.Kubectl()
			} else {
				got += "error: " + err.Error() + "\n"
			}
			if got != string(want) {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
			}
			assertPrintable(t, got)
		})
	}
}

// TestLoadError_Lines checks the one-error-per-line form of Error().
func TestLoadError_Lines(t *testing.T) {
	data := strings.Replace(exampleDeployment, "replicas: 3", "replicas: -1", 1)
	data = strings.Replace(data, "containerPort: 80", "containerPort: 0", 1)
	_, err := Parse("web.yaml", []byte(examplePod+"---\n"+data), nil)
	want := `web.yaml: document 2: Deployment "example-deployment": spec.replicas: Invalid value: -1: must be greater than or equal to 0
web.yaml: document 2: Deployment "example-deployment": spec.template.spec.containers[0].ports[0].containerPort: Required value`
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}
