package kubectl

import (
	"os"
	"path/filepath"
	"testing"

	"podviz/controller"
	"podviz/model"
)

func TestParse_Apply(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "one file", line: "kubectl apply -f web.yaml", want: &ApplyOptions{Files: []string{"web.yaml"}}},
		{name: "two files, long flag", line: "kubectl apply --filename=a.yaml -f b.yaml", want: &ApplyOptions{Files: []string{"a.yaml", "b.yaml"}}},
		{name: "no file", line: "kubectl apply", wantErr: "error: must specify one of -f and -k"},
		{name: "stdin", line: "kubectl apply -f -", wantErr: "error: podviz's apply reads files, not stdin"},
	})
}

// kubectl apply prints the API server's warnings before what it applied:
// two containers declaring one port is a warning, and the pod is created.
func TestApply_PortWarning(t *testing.T) {
	dir := t.TempDir()
	const pod = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx1
    image: nginx
    ports: [{containerPort: 80}]
  - name: nginx2
    image: nginx
    ports: [{containerPort: 80}]
`
	if err := os.WriteFile(filepath.Join(dir, "pod.yaml"), []byte(pod), 0o644); err != nil {
		t.Fatal(err)
	}
	objs, err := model.Parse("web.yaml", []byte("apiVersion: v1\nkind: Pod\nmetadata: {name: other}\nspec: {containers: [{name: c, image: nginx}]}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := controller.New(objs, controller.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	out, err := (&ApplyOptions{Files: []string{"pod.yaml"}, Base: dir}).Run(c)
	want := "Warning: spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]\npod/nginx created"
	if err != nil || out != want {
		t.Errorf("got %q, %v\nwant %q", out, err, want)
	}
}
