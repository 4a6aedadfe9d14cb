package main

import (
	"bytes"
	"strings"
	"testing"
)

// The container model's notices reach standard error once each, after the
// command's own output, for every headless command that runs the cluster;
// standard output is what kubectl would print, untouched.
func TestNotices_OnStandardError(t *testing.T) {
	want := `podviz: pod/web-7b66f79494-rqp8q container app: sh: a background job (&) is not modelled: the container runs as if it slept forever (and 2 more pods)
podviz: pod/web-7b66f79494-rqp8q container spin: a loop that never sleeps: the container burns CPU in it (Running) and the model stops following it until a file it can see changes (and 2 more pods)
`
	for _, args := range []string{"get pods", "events", "render --width 80", "rollout status deploy/web"} {
		t.Run(args, func(t *testing.T) {
			var out, errOut bytes.Buffer
			f := &Factory{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
			cmd := NewCmdRoot(f)
			cmd.SetArgs(append(strings.Fields(args), "-f", "testdata/notices.yaml"))
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if errOut.String() != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut.String(), want)
			}
			if strings.Contains(out.String(), "podviz:") {
				t.Errorf("a notice on stdout:\n%s", out.String())
			}
		})
	}
}
