package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"podviz/tui"
)

// liveOptionsFor parses a live view command line into its options.
func liveOptionsFor(t *testing.T, args ...string) (*LiveOptions, error) {
	t.Helper()
	var got *LiveOptions
	f := &Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	cmd := &cobra.Command{Use: "podviz", SilenceUsage: true, SilenceErrors: true, Args: cobra.NoArgs} // as the root
	cmd.RunE = addLiveFlags(f, cmd, func(o *LiveOptions) error { got = o; return nil })
	cmd.SetArgs(args)
	err := cmd.Execute()
	return got, err
}

func TestLiveFlags_ExitAndReserve(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    string
		exit    tui.ExitRule
		reserve int
		err     string
	}{
		{name: "neither", args: ""},
		{name: "exit when settled, default delay", args: "--exit-when-settled", exit: tui.ExitRule{When: tui.ExitWhenSettled, Delay: 2 * time.Second}},
		{name: "exit when settled at once", args: "--exit-when-settled=0s", exit: tui.ExitRule{When: tui.ExitWhenSettled}},
		{name: "exit after a scenario", args: "--example self-healing --exit-after-script=500ms", exit: tui.ExitRule{When: tui.ExitAfterScript, Delay: 500 * time.Millisecond}},
		{name: "exit after a script file", args: "--script s.yaml --exit-after-script", exit: tui.ExitRule{When: tui.ExitAfterScript, Delay: 2 * time.Second}},
		{name: "exit after no script", args: "--exit-after-script", err: "--exit-after-script needs a script (--script, or --example with a scenario); without one use --exit-when-settled"},
		{name: "both", args: "--script s.yaml --exit-after-script --exit-when-settled", err: "--exit-when-settled and --exit-after-script both say when to quit: give one of them"},
		{name: "a bad delay", args: "--exit-when-settled=soon", err: `invalid argument "soon" for "--exit-when-settled" flag: want a real-time delay such as 2s or 500ms, from 0s to 1h (write --exit-when-settled=DELAY)`},
		{name: "a delay as an argument", args: "--exit-when-settled 3s", err: `unknown command "3s" for "podviz"`},
		{name: "reserve", args: "--reserve 10", reserve: 10},
		{name: "a negative reserve", args: "--reserve -1", err: "--reserve must be from 0 to 100000 replicas, got -1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := liveOptionsFor(t, strings.Fields(tc.args)...)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("got %v, want error %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Exit != tc.exit || got.Reserve != tc.reserve {
				t.Fatalf("exit %+v reserve %d, want %+v %d", got.Exit, got.Reserve, tc.exit, tc.reserve)
			}
		})
	}
}

// TestScriptReserve: the live view reserves room for the largest
// spec.replicas a script reaches, found by playing it ahead on a twin.
func TestScriptReserve(t *testing.T) {
	for _, tc := range []struct {
		example string
		want    map[string]int
	}{
		{"scaling", map[string]int{"default/example-deployment": 10}},
		{"proportional-scaling", map[string]int{"default/nginx-deployment": 15}},
		{"self-healing", map[string]int{"default/example-deployment": 3}},
	} {
		objs, s, err := loadInputs(&ClusterFlags{Example: tc.example, Seed: 1}, nil, &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := scriptReserve(objs, 1, s)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Deployments) != len(tc.want) {
			t.Fatalf("%s: %v, want %v", tc.example, r.Deployments, tc.want)
		}
		for k, v := range tc.want {
			if r.Deployments[k] != v {
				t.Errorf("%s: %s reserves %d, want %d", tc.example, k, r.Deployments[k], v)
			}
		}
	}
}
