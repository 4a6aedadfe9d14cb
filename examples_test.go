package podviz_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"podviz"
	"podviz/controller/script"
	"podviz/model"
)

// TestExamples_Catalogue: every file in testdata/examples is a listed
// example, every listed file exists and loads, names are unique, and each
// scenario's header says what it teaches and how to play it.
func TestExamples_Catalogue(t *testing.T) {
	files, err := filepath.Glob("testdata/examples/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	names := map[string]bool{}
	var manifests []string
	for _, e := range podviz.Examples() {
		if names[e.Name] {
			t.Errorf("%s: listed twice", e.Name)
		}
		names[e.Name] = true
		data, err := podviz.ExampleManifests(e.Manifests)
		if err != nil {
			t.Errorf("%s: manifests %q: %v", e.Name, e.Manifests, err)
			continue
		}
		if _, err := model.Parse(e.Manifests, data, nil); err != nil {
			t.Errorf("%s: %v", e.Name, err)
		}
		if !e.Scenario() {
			manifests = append(manifests, "testdata/examples/"+e.Name+".yaml")
			if e.Name != podviz.DefaultExample && !strings.HasPrefix(string(data), "# "+e.Name+": ") {
				t.Errorf("%s: the manifests do not start with a \"# %s: \" comment saying what they show", e.Name, e.Name)
			}
			continue
		}
		src, err := podviz.ScenarioScript(e.Script)
		if err != nil {
			t.Errorf("%s: %v", e.Name, err)
			continue
		}
		onDisk, err := os.ReadFile(filepath.Join("testdata/scripts", e.Script))
		if err != nil || string(onDisk) != string(src) {
			t.Errorf("%s: the embedded script is not testdata/scripts/%s", e.Name, e.Script)
		}
		header := string(src)
		if !strings.HasPrefix(header, "# "+e.Name+": ") || !strings.Contains(header, "#   podviz --example "+e.Name) {
			t.Errorf("%s: the script's header must start \"# %s: \" (what it teaches) and show \"podviz --example %s\"", e.Name, e.Name, e.Name)
		}
		if _, err := script.Parse(e.Script, src); err != nil {
			t.Errorf("%s: %v", e.Name, err)
		}
	}
	slices.Sort(files)
	slices.Sort(manifests)
	if !slices.Equal(files, manifests) {
		t.Errorf("testdata/examples holds %v, the catalogue lists %v", files, manifests)
	}
	if _, err := podviz.LookupExample("nope"); err == nil {
		t.Error("an unknown name was found")
	}
}

// TestExamples_DefaultIsTheArticle: with no -f podviz shows the article's
// example, the embedded bytes being testdata/examples/article.yaml.
func TestExamples_DefaultIsTheArticle(t *testing.T) {
	onDisk, err := os.ReadFile("testdata/examples/article.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(model.ExampleYAML()) != string(onDisk) {
		t.Error("model's default example is not testdata/examples/article.yaml")
	}
}

// TestScripts_CaptionsNameNoDirections: the diagram stacks its boxes on a
// narrow screen and sets them side by side on a wide one, so a caption
// that says "left", "right", "above" or "below" is wrong at one size or
// the other. Captions, questions, choices and answers name things instead.
func TestScripts_CaptionsNameNoDirections(t *testing.T) {
	direction := regexp.MustCompile(`(?i)\b(left|right)\b\s*[,:;.]?\s*(a|an|the)\b|\b(on|to|at) the (left|right|top|bottom)\b|\b(above|below|beside|underneath|upper|lower)\b`)
	paths, err := filepath.Glob("testdata/scripts/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatal("no scripts", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s, err := script.Parse(p, data)
		if err != nil {
			continue // testdata/scripts/bad-step.yaml is bad on purpose
		}
		for _, st := range s.Steps {
			texts := []string{st.Say}
			if a := st.Ask; a != nil {
				texts = append(append(texts, a.Question, a.Why), a.Choices...)
			}
			for _, text := range texts {
				if m := direction.FindString(text); m != "" {
					t.Errorf("%s %s: %q names a direction (%q) the layout may not have", p, st.Where(), text, m)
				}
			}
		}
	}
}
