package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestTour_Args(t *testing.T) {
	for _, tc := range []struct {
		name, args string
		example    string
		script     string
		err        string
	}{
		{name: "the article by default", args: "", example: "article-tour"},
		{name: "a lesson by name", args: "rolling-update-tutorial --ascii", example: "rolling-update-tutorial"},
		{name: "any scenario", args: "self-healing", example: "self-healing"},
		{name: "your own", args: "-f app.yaml --script lesson.yaml", script: "lesson.yaml"},
		{name: "a scenario by flag", args: "--example scaling", example: "scaling"},
		{name: "not a lesson", args: "article", err: `no lesson "article": a lesson is a scenario (podviz examples lists them) or --script`},
		{name: "manifests without a lesson", args: "-f app.yaml", err: "those manifests need a lesson to play: --script LESSON.yaml"},
		{name: "a negative reserve", args: "--reserve -1", err: "--reserve must be from 0 to 100000 replicas, got -1"},
		{name: "a reserve past the pod budget", args: "--reserve 100001", err: "--reserve must be from 0 to 100000 replicas, got 100001"},
		{name: "no speed", args: "--speed 0", err: "--speed must be greater than 0 and at most 1000, got 0"},
		{name: "a lesson and a script", args: "self-healing --script x.yaml", err: "a LESSON plays its own manifests and script: drop --example and --script, or the LESSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got *LiveOptions
			f := &Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
			cmd := NewCmdTour(f, func(o *LiveOptions) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tc.args))
			cmd.SilenceErrors, cmd.SilenceUsage = true, true
			err := cmd.Execute()
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("got %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !got.Tour || got.Cluster.Example != tc.example || got.Cluster.Script != tc.script {
				t.Fatalf("tour %v example %q script %q", got.Tour, got.Cluster.Example, got.Cluster.Script)
			}
		})
	}
	// Without a terminal it refuses, as the live view does.
	_, errOut, code := runArgs(t, "tour")
	if code != exitInvalid || !strings.Contains(errOut, "needs a terminal") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}
