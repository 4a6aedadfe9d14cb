package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"podviz"
	"podviz/controller"
	"podviz/tui"
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

// TestTour_DiagramStaysVisible: at 80x24 every stop of every built-in
// lesson keeps the diagram on screen — a Deployment's title row — beside
// the caption and any command output: neither may push it off.
func TestTour_DiagramStaysVisible(t *testing.T) {
	for _, e := range podviz.Examples() {
		if !e.Scenario() {
			continue
		}
		t.Run(e.Name, func(t *testing.T) {
			cf := ClusterFlags{Example: e.Name, Seed: defaultSeed}
			objs, s, err := loadInputs(&cf, strings.NewReader(""), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			c, err := controller.New(objs, controller.Options{Seed: defaultSeed})
			if err != nil {
				t.Fatal(err)
			}
			m := tui.New(c, tui.Options{Script: s, Tour: &tui.TourOptions{NewCluster: func() (*controller.Cluster, error) {
				return controller.New(objs, controller.Options{Seed: defaultSeed})
			}}})
			m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			for stop := 0; stop < 40; stop++ {
				for range 3000 {
					m.Tick(100 * time.Millisecond)
				}
				frame := ansi.Strip(m.Frame())
				if !strings.Contains(frame, "Deployment ") {
					t.Fatalf("after %d stops the diagram is off screen:\n%s", stop, frame)
				}
				if strings.Contains(frame, "the end of the lesson") {
					return
				}
				m.Update(tea.KeyPressMsg{Code: tea.KeyRight})
			}
		})
	}
}
