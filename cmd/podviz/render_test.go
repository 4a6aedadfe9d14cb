package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
)

func TestNewCmdRender_Flags(t *testing.T) {
	cases := []struct {
		name    string
		args    string
		want    RenderOptions
		wantErr string
	}{
		{name: "defaults: 80 columns, no height", args: "--at 30s",
			want: RenderOptions{Cluster: ClusterFlags{Seed: 1}, At: 30 * time.Second, Width: 80}},
		{name: "every flag", args: "-f a.yaml -f b.yaml --script s.yaml --seed 7 --at 1m30s --width 140 --height 40 --ascii --no-color",
			want: RenderOptions{Cluster: ClusterFlags{Filenames: []string{"a.yaml", "b.yaml"}, Script: "s.yaml", Seed: 7},
				At: 90 * time.Second, Width: 140, Height: 40, ASCII: true, NoColor: true}},
		{name: "bare seconds", args: "--at 12.5 --width 1",
			want: RenderOptions{Cluster: ClusterFlags{Seed: 1}, At: 12500 * time.Millisecond, Width: 1}},
		{name: "no --at: when the cluster settles", args: "--width 80",
			want: RenderOptions{Cluster: ClusterFlags{Seed: 1}, At: atSettled, Width: 80}},
		{name: "a bad --at", args: "--at soon", wantErr: `invalid argument "soon" for "--at" flag: want a virtual time such as 30s, 2m or 1m30s, from 0s to 24h0m0s`},
		{name: "a negative --at", args: "--at -5s", wantErr: `invalid argument "-5s" for "--at" flag: must be a virtual time from 0s to 24h0m0s`},
		{name: "width 0", args: "--at 1s --width 0", wantErr: "--width must be between 1 and 10000, got 0"},
		{name: "width too large", args: "--at 1s --width 10001", wantErr: "--width must be between 1 and 10000, got 10001"},
		{name: "negative height", args: "--at 1s --height -1", wantErr: "--height must not be negative, got -1"},
		{name: "an argument that is not a deployment", args: "--at 1s extra", wantErr: `the server doesn't have a resource type "extra"`},
		{name: "two arguments", args: "--at 1s deployment/a deployment/b", wantErr: `accepts at most 1 arg(s), received 2`},
		{name: "a deployment to focus on", args: "deployment/web -n shop --at 1s",
			want: RenderOptions{Cluster: ClusterFlags{Seed: 1}, Namespace: "shop", Focus: "web", At: time.Second, Width: 80}},
		{name: "a real cluster", args: "--context staging -A -l app=web",
			want: RenderOptions{Cluster: ClusterFlags{Seed: 1}, Remote: RemoteFlags{Context: "staging", AllNamespaces: true, Selector: "app=web"}, At: atSettled, Width: 80}},
		{name: "a real cluster has no virtual time", args: "--kubeconfig k --at 1s", wantErr: `--at drives the simulation; --kubeconfig and --context read a real cluster as it is now: give one or the other`},
		{name: "a selector without a cluster", args: "-l app=web", wantErr: `--selector reads a real cluster: give --kubeconfig or --context too`},
		{name: "-n and -A", args: "--context c -A -n x", wantErr: `-n and -A name the namespaces twice: give one of them`},
		{name: "unknown flag", args: "--at 1s --bogus", wantErr: "unknown flag: --bogus"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := captureOptions(NewCmdRender, tc.args)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("got error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.In, got.Out, got.ErrOut, got.Terminal = nil, nil, nil, nil
			if !reflect.DeepEqual(*got, tc.want) {
				t.Fatalf("got  %+v\nwant %+v", *got, tc.want)
			}
		})
	}
}

// captureOptions parses args with a command built by newCmd and returns
// the options its runF received (gh's pattern: the flags → options half of
// a command, tested without running it).
func captureOptions[O any](newCmd func(*Factory, func(*O) error) *cobra.Command, args string) (*O, error) {
	var got *O
	f := &Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	cmd := newCmd(f, func(o *O) error { got = o; return nil })
	cmd.SetArgs(strings.Fields(args))
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	return got, cmd.Execute()
}

// TestRenderRun_Output: options → what is written, with and without a
// terminal, with a height to fit, and with a failing script step.
func TestRenderRun_Output(t *testing.T) {
	cases := []struct {
		name       string
		opts       RenderOptions
		wantIn     []string // substrings of stdout
		wantNot    []string
		wantColour bool
		wantStderr string
		wantErr    bool
	}{
		{name: "not a terminal: no colour, the settled example in boxes",
			opts:   RenderOptions{At: 30 * time.Second, Width: 140},
			wantIn: []string{"Pod example-pod", "Deployment example-deployment", "╭─ container nginx", "● Ready", "nothing to do · max 4 pods (3 + surge 1)"}},
		{name: "a terminal: colour",
			opts:   RenderOptions{At: 30 * time.Second, Width: 140, IsTerminal: true},
			wantIn: []string{"Deployment"}, wantColour: true},
		{name: "a terminal with --no-color: none",
			opts:   RenderOptions{At: 30 * time.Second, Width: 140, IsTerminal: true, NoColor: true},
			wantIn: []string{"Deployment"}},
		{name: "80×22 mid-rollout: both ReplicaSets side by side, one line per pod",
			opts:   RenderOptions{Cluster: ClusterFlags{Script: scriptPath("set-image-at-30s.yaml")}, At: 31500 * time.Millisecond, Width: 80, Height: 22},
			wantIn: []string{"· old ───╮ ╭─ ReplicaSet", "· new", "● …-"}, wantNot: []string{"╭─ container"}},
		{name: "ascii",
			opts:   RenderOptions{At: 30 * time.Second, Width: 80, ASCII: true},
			wantIn: []string{"+- Pod example-pod", "| * Ready"}, wantNot: []string{"╭"}},
		{name: "a failing step: printed, reported, exit 1",
			opts:       RenderOptions{Cluster: ClusterFlags{Script: scriptPath("bad-step.yaml")}, At: 10 * time.Second, Width: 80},
			wantIn:     []string{"Deployment example-deployment"},
			wantStderr: "../../testdata/scripts/bad-step.yaml: step 1 (at 5s): Error from server (NotFound): deployments.apps \"web\" not found\n",
			wantErr:    true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", "")
			var out, errOut bytes.Buffer
			o := tc.opts
			o.In, o.Out, o.ErrOut = strings.NewReader(""), &out, &errOut
			if o.Cluster.Seed == 0 {
				o.Cluster.Seed = defaultSeed
			}
			err := renderRun(&o)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if errOut.String() != tc.wantStderr {
				t.Fatalf("stderr %q, want %q", errOut.String(), tc.wantStderr)
			}
			got := out.String()
			if hasColour := strings.Contains(got, "\x1b["); hasColour != tc.wantColour {
				t.Fatalf("colour = %v, want %v", hasColour, tc.wantColour)
			}
			plain := ansi.Strip(got)
			for _, w := range tc.wantIn {
				if !strings.Contains(plain, w) {
					t.Errorf("missing %q in:\n%s", w, plain)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(plain, w) {
					t.Errorf("unexpected %q in:\n%s", w, plain)
				}
			}
			if o.Height > 0 {
				if n := strings.Count(strings.TrimRight(plain, "\n"), "\n") + 1; n > o.Height {
					t.Errorf("%d lines, want at most %d", n, o.Height)
				}
			}
			for i, l := range strings.Split(plain, "\n") {
				if w := ansi.StringWidth(l); w > o.Width {
					t.Errorf("line %d is %d cells wide (> %d)", i, w, o.Width)
				}
			}
		})
	}
}
