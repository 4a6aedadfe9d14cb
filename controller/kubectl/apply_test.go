package kubectl

import "testing"

func TestParse_Apply(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "one file", line: "kubectl apply -f web.yaml", want: &ApplyOptions{Files: []string{"web.yaml"}}},
		{name: "two files, long flag", line: "kubectl apply --filename=a.yaml -f b.yaml", want: &ApplyOptions{Files: []string{"a.yaml", "b.yaml"}}},
		{name: "no file", line: "kubectl apply", wantErr: "error: must specify one of -f and -k"},
		{name: "stdin", line: "kubectl apply -f -", wantErr: "error: podviz's apply reads files, not stdin"},
	})
}
