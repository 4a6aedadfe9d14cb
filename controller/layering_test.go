package controller

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// layers is the dependency rule of the control plane, as upstream keeps it:
// the library packages (clock, events, the apiserver's store, the shared
// controller helpers) import no controller; a controller imports the
// libraries, never another controller, the kubelet or the Cluster facade;
// the kubelet imports no controller; only the facade wires them all; and
// what sits on top (kubectl, script, the differential test) sees the facade
// only. Each entry lists every podviz/controller package its non-test files
// may import; a package under controller/ missing from the table fails the
// test, so a new package states its place.
var layers = map[string][]string{
	"controller/clock":           nil,
	"controller/events":          nil,
	"controller/controllerutil":  nil,
	"controller/workqueue":       nil,
	"controller/apiserver":       {"controller/clock"},
	"controller/deployment/util": {"controller/controllerutil"},
	"controller/deployment": {"controller/clock", "controller/events", "controller/apiserver",
		"controller/controllerutil", "controller/deployment/util", "controller/workqueue"},
	"controller/replicaset": {"controller/clock", "controller/events", "controller/apiserver",
		"controller/controllerutil", "controller/workqueue"},
	"controller/kubelet": {"controller/clock", "controller/events", "controller/apiserver",
		"controller/controllerutil", "controller/kubelet/program", "controller/kubelet/prober"},
	"controller": {"controller/clock", "controller/events", "controller/apiserver",
		"controller/controllerutil", "controller/deployment/util", "controller/deployment",
		"controller/replicaset", "controller/kubelet", "controller/kubectl/podprint", "controller/workqueue"},
	"controller/kubectl":  {"controller"},
	"controller/script":   {"controller", "controller/kubectl"},
	"controller/difftest": {"controller"},

	// Pure models of issue 11, for the kubelet and kubectl to import
	// once they switch over.
	"controller/kubelet/program":  nil,
	"controller/kubelet/prober":   nil,
	"controller/kubectl/podprint": nil,
}

// facade is what the rest of the module (cmd, tui) may import of the
// control plane.
var facade = []string{"controller", "controller/kubectl", "controller/script"}

// moduleImports parses every non-test Go file under root (the module) and
// returns, by package directory relative to root, its podviz/controller…
// imports (module-relative, without "podviz/"). It parses import blocks
// only, so it needs neither go list nor a build.
func moduleImports(t *testing.T, root string) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || name == "e2e") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		if out[rel] == nil {
			out[rel] = map[string]bool{}
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == "podviz/controller" || strings.HasPrefix(p, "podviz/controller/") {
				out[rel][strings.TrimPrefix(p, "podviz/")] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLayering enforces layers over the controller packages and facade
// over the rest of the module.
func TestLayering(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found above controller/: %v", err)
	}
	imports := moduleImports(t, root)
	dirs := make([]string, 0, len(imports))
	for dir := range imports {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	seen := 0
	for _, dir := range dirs {
		allowed, inControl := layers[dir]
		if !inControl && (dir == "controller" || strings.HasPrefix(dir, "controller/")) {
			t.Errorf("%s: a package under controller/ missing from the layering table; give it its place", dir)
			continue
		}
		if !inControl {
			allowed = facade
		} else {
			seen++
		}
		ok := map[string]bool{}
		for _, a := range allowed {
			ok[a] = true
		}
		var bad []string
		for imp := range imports[dir] {
			if !ok[imp] {
				bad = append(bad, imp)
			}
		}
		sort.Strings(bad)
		for _, imp := range bad {
			t.Errorf("%s imports %s, which the layering forbids (allowed: %v)", dir, imp, allowed)
		}
	}
	if seen < 4 {
		t.Fatalf("found only %d controller packages: the walk is broken", seen)
	}
}
