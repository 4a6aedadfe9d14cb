package podviz

import (
	"bufio"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestE2EModule_ListsPodvizRequirements: the e2e module builds podviz's
// packages from this directory (replace podviz => ../), so every module
// those packages need must be in e2e/go.mod and e2e/go.sum too; otherwise
// `go test ./...` here is green while CI's e2e step fails with "missing
// go.sum entry". After a change to go.mod, run `go mod tidy` in e2e/ too.
func TestE2EModule_ListsPodvizRequirements(t *testing.T) {
	imported := podvizImportsOfE2E(t)
	out, err := exec.Command("go", append([]string{"list", "-deps", "-f", "{{with .Module}}{{.Path}}{{end}}"}, imported...)...).Output()
	if err != nil {
		t.Fatalf("go list %v: %v", imported, err)
	}
	ours := requiredModules(t, "go.mod")
	theirs := requiredModules(t, filepath.Join("e2e", "go.mod"))
	sum, err := os.ReadFile(filepath.Join("e2e", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, path := range strings.Fields(string(out)) {
		if path == "podviz" || seen[path] {
			continue
		}
		seen[path] = true
		if _, required := ours[path]; !required {
			continue // the standard library's vendored modules and the like
		}
		v, ok := theirs[path]
		if !ok {
			t.Errorf("e2e/go.mod does not require %s, which %v need: run go mod tidy in e2e/", path, imported)
			continue
		}
		if !strings.Contains(string(sum), path+" "+v+" ") {
			t.Errorf("e2e/go.sum has no hash for %s %s: run go mod tidy in e2e/", path, v)
		}
	}
	if len(seen) == 0 {
		t.Fatalf("go list found no modules behind %v", imported)
	}
}

// podvizImportsOfE2E lists the podviz packages (outside e2e/) that the e2e
// module's Go files import.
func podvizImportsOfE2E(t *testing.T) []string {
	t.Helper()
	set := map[string]bool{}
	err := filepath.WalkDir("e2e", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if (p == "podviz" || strings.HasPrefix(p, "podviz/")) && !strings.HasPrefix(p, "podviz/e2e") {
				set[p] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(set) == 0 {
		t.Fatal("the e2e module imports no podviz package; this test has nothing to check")
	}
	return slices.Sorted(maps.Keys(set))
}

// requiredModules reads the require directives of a go.mod (single-line
// and block form), module path to version.
func requiredModules(t *testing.T, name string) map[string]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	mods := map[string]string{}
	inBlock := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case line == "require (":
			inBlock = true
			continue
		case inBlock && line == ")":
			inBlock = false
			continue
		case strings.HasPrefix(line, "require "):
			line = strings.TrimSpace(strings.TrimPrefix(line, "require "))
		case !inBlock:
			continue
		}
		if fields := strings.Fields(line); len(fields) == 2 {
			mods[fields[0]] = fields[1]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(mods) == 0 {
		t.Fatalf("%s: no require directives read", name)
	}
	return mods
}
