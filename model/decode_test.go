package model

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// names lists the loaded objects as kind/namespace/name, in Objects order.
func names(o *Objects) []string {
	var out []string
	for _, p := range o.Pods {
		out = append(out, "pod/"+p.Namespace+"/"+p.Name)
	}
	for _, d := range o.Deployments {
		out = append(out, "deployment/"+d.Namespace+"/"+d.Name)
	}
	for _, rs := range o.ReplicaSets {
		out = append(out, "replicaset/"+rs.Namespace+"/"+rs.Name)
	}
	return out
}

const service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n"

func TestParse_Formats(t *testing.T) {
	rs := strings.Replace(exampleDeployment, "kind: Deployment", "kind: ReplicaSet", 1)
	tests := []struct {
		name     string
		data     string
		want     []string
		warnings int
	}{
		{"article example", string(exampleYAML), []string{"pod/default/example-pod", "deployment/default/example-deployment"}, 0},
		{"leading separator and comments", "# header\n---\n" + examplePod + "---\n# trailing comment\n", []string{"pod/default/example-pod"}, 0},
		{"document end markers", examplePod + "...\n---\n" + exampleDeployment + "...\n", []string{"pod/default/example-pod", "deployment/default/example-deployment"}, 0},
		{"separator with a comment", examplePod + "--- # next\n" + exampleDeployment, []string{"pod/default/example-pod", "deployment/default/example-deployment"}, 0},
		{"a document starting on its separator line", examplePod + "--- {apiVersion: v1, kind: Pod, metadata: {name: inline}, spec: {containers: [{name: c, image: nginx}]}}\n",
			[]string{"pod/default/example-pod", "pod/default/inline"}, 0},
		{"CRLF line ends", strings.ReplaceAll(string(exampleYAML), "\n", "\r\n"), []string{"pod/default/example-pod", "deployment/default/example-deployment"}, 0},
		{"JSON", `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j","namespace":"shop"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}`, []string{"pod/shop/j"}, 0},
		{"concatenated JSON objects", jsonPod("a") + jsonPod("b"), []string{"pod/default/a", "pod/default/b"}, 0},
		{"one JSON object per line", jsonPod("a") + "\n" + jsonPod("b") + "\n" + jsonPod("c") + "\n", []string{"pod/default/a", "pod/default/b", "pod/default/c"}, 0},
		{"a JSON object, then YAML documents", jsonPod("a") + "\n---\n" + examplePod, []string{"pod/default/a", "pod/default/example-pod"}, 0},
		{"a YAML flow mapping starts with { too", "{apiVersion: v1, kind: Pod, metadata: {name: f}, spec: {containers: [{name: c, image: nginx}]}}\n", []string{"pod/default/f"}, 0},
		{"kind: List", `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"containers":[{"name":"c","image":"nginx"}]}},{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"}}]}`, []string{"pod/default/a"}, 1},
		{"KYAML flow style with comments and trailing commas", `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "k", # a comment
  },
  spec: {
    containers: [{name: "c", image: "nginx",},],
  },
}
`, []string{"pod/default/k"}, 0},
		{"ReplicaSet", rs, []string{"replicaset/default/example-deployment"}, 0},
		{"other kinds skipped with a warning", service + "---\n" + examplePod, []string{"pod/default/example-pod"}, 1},
		{"same name, different kinds", examplePod + "---\n" + strings.Replace(exampleDeployment, "example-deployment", "example-pod", 1), []string{"pod/default/example-pod", "deployment/default/example-pod"}, 0},
		{"same name, different namespaces", examplePod + "---\n" + strings.Replace(examplePod, "name: example-pod", "name: example-pod\n  namespace: test", 1), []string{"pod/default/example-pod", "pod/test/example-pod"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var warn bytes.Buffer
			objs, err := Parse("in.yaml", []byte(tt.data), &warn)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(names(objs), " "); got != strings.Join(tt.want, " ") {
				t.Errorf("got %s, want %s", got, strings.Join(tt.want, " "))
			}
			if got := strings.Count(warn.String(), "\n"); got != tt.warnings {
				t.Errorf("got %d warnings, want %d:\n%s", got, tt.warnings, warn.String())
			}
		})
	}
}

func TestParse_SkipWarning(t *testing.T) {
	var warn bytes.Buffer
	if _, err := Parse("app.yaml", []byte(examplePod+"---\n"+service), &warn); err != nil {
		t.Fatal(err)
	}
	want := "Warning: skipping Service \"web\" (app.yaml: document 2): podviz shows only Pods, Deployments and ReplicaSets\n"
	if warn.String() != want {
		t.Errorf("got %q, want %q", warn.String(), want)
	}
}

func TestParse_StatusIgnored(t *testing.T) {
	data := exampleDeployment + "status:\n  replicas: 7\n  readyReplicas: 7\n"
	objs, err := Parse("s.yaml", []byte(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	if objs.Deployments[0].Status.Replicas != 0 {
		t.Error("status from a manifest must be dropped, as the API server does on create")
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"empty file", "", "empty.yaml: no Pods, Deployments or ReplicaSets found (podviz shows only these kinds)"},
		{"comments only", "# nothing\n---\n", "empty.yaml: no Pods, Deployments or ReplicaSets found (podviz shows only these kinds)"},
		{"a scalar document", "hello\n", "empty.yaml: document 1: not a Kubernetes object: expected a mapping with apiVersion and kind"},
		{"generateName only", strings.Replace(examplePod, "name: example-pod", "generateName: example-", 1),
			`empty.yaml: document 1: Pod "": metadata.name: Required value: kubectl apply needs a name; generateName is only for kubectl create`},
		{"every bad document reported, numbered past empty ones", "---\n" + strings.Replace(examplePod, "nginx:latest", `""`, 1) + "---\n# only a comment\n---\n" + strings.Replace(exampleDeployment, "replicas: 3", "replicas: -3", 1),
			"empty.yaml: document 1: Pod \"example-pod\": spec.containers[0].image: Required value\n" +
				"empty.yaml: document 2: Deployment \"example-deployment\": spec.replicas: Invalid value: -3: must be greater than or equal to 0"},
		{"List item errors name the item", `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"containers":[]}}]}`,
			`empty.yaml: document 1: items[0]: Pod "a": spec.containers: Required value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("empty.yaml", []byte(tt.data), nil)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

func TestLoad_FilesDirectoriesAndStdin(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mkPodYAML := func(name string) string { return strings.Replace(examplePod, "example-pod", name, 1) }
	write("b.yaml", mkPodYAML("b"))
	write("a.yml", mkPodYAML("a"))
	write("c.json", `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"c"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}`)
	write("notes.txt", "not a manifest")
	write("sub/d.yaml", mkPodYAML("d")) // not recursive, like kubectl without -R
	single := write("single/e.yaml", mkPodYAML("e"))

	objs, err := Load([]string{dir, single, "-"}, strings.NewReader(mkPodYAML("stdin")), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "pod/default/a pod/default/b pod/default/c pod/default/e pod/default/stdin"
	if got := strings.Join(names(objs), " "); got != want {
		t.Errorf("got %s, want %s", got, want)
	}

	_, err = Load([]string{filepath.Join(dir, "missing.yaml"), filepath.Join(dir, "sub"), dir}, nil, nil)
	if err == nil {
		t.Fatal("want errors")
	}
	for _, want := range []string{`the path "` + filepath.Join(dir, "missing.yaml") + `" does not exist`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}

	_, err = Load([]string{"-", "-"}, strings.NewReader(mkPodYAML("x")), nil)
	if err == nil || !strings.Contains(err.Error(), "<stdin>: stdin can be read only once") {
		t.Errorf("stdin twice: got %v", err)
	}
	if _, err := Load(nil, nil, nil); err == nil {
		t.Error("Load of nothing must fail")
	}
	empty := filepath.Join(dir, "emptydir")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Load([]string{empty}, nil, nil); err == nil || !strings.Contains(err.Error(), "no .yaml, .yml or .json files in this directory") {
		t.Errorf("empty directory: got %v", err)
	}
}

func TestLoad_DuplicateAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"one.yaml", "two.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(exampleDeployment), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load([]string{dir}, nil, nil)
	want := filepath.Join(dir, "two.yaml") + `: document 1: Deployment "example-deployment": metadata.name: Duplicate value: "example-deployment": a Deployment of this name in namespace "default" is already defined at ` + filepath.Join(dir, "one.yaml") + ": document 1"
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}

// jsonPod is a Pod named name as one line of JSON.
func jsonPod(name string) string {
	return `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"` + name + `"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}`
}

func TestParse_JSONStreamErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"a broken third object names its document", jsonPod("a") + jsonPod("b") + `{"kind":`,
			"in.json: document 3: error parsing JSON: unexpected EOF"},
		{"a key given twice in the second object", jsonPod("a") + `{"apiVersion":"v1","apiVersion":"v1","kind":"Pod"}`,
			`in.json: document 2: error converting YAML to JSON: yaml: unmarshal errors: line 1: key "apiVersion" already set in map`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("in.json", []byte(tt.data), nil)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestParse_SkipWarningsSummarised: past MaxSkipWarnings, skipped objects
// are one line with a count per kind (10,000 of them printed 1.2 MB).
func TestParse_SkipWarningsSummarised(t *testing.T) {
	var docs []string
	for i := range 1000 {
		kind := "Service"
		if i%3 == 0 {
			kind = "ConfigMap"
		}
		docs = append(docs, fmt.Sprintf("apiVersion: v1\nkind: %s\nmetadata:\n  name: x%d\n", kind, i))
	}
	var warn bytes.Buffer
	if _, err := Parse("many.yaml", []byte(strings.Join(append(docs, examplePod), "---\n")), &warn); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(warn.String(), "\n"), "\n")
	if len(lines) != MaxSkipWarnings+1 {
		t.Fatalf("%d warning lines, want %d:\n%s", len(lines), MaxSkipWarnings+1, warn.String())
	}
	if want := "Warning: skipping 995 more objects podviz does not show (ConfigMap 332, Service 663)"; lines[MaxSkipWarnings] != want {
		t.Errorf("summary %q\nwant    %q", lines[MaxSkipWarnings], want)
	}
}
