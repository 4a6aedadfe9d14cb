package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNewCmdPlay_Flags(t *testing.T) {
	cases := []struct {
		name    string
		args    string
		want    PlayOptions
		wantErr string
	}{
		{name: "a scenario", args: "--example scaling --until 1m", want: PlayOptions{Cluster: ClusterFlags{Example: "scaling", Seed: 1}, Until: time.Minute}},
		{name: "a script", args: "--until 90 --script s.yaml -f m.yaml --seed 3",
			want: PlayOptions{Cluster: ClusterFlags{Filenames: []string{"m.yaml"}, Script: "s.yaml", Seed: 3}, Until: 90 * time.Second}},
		{name: "no --until: to the last step", args: "--script s.yaml", want: PlayOptions{Cluster: ClusterFlags{Script: "s.yaml", Seed: 1}, Until: atSettled}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got *PlayOptions
			f := &Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
			cmd := NewCmdPlay(f, func(o *PlayOptions) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tc.args))
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("got error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.In, got.Out, got.ErrOut = nil, nil, nil
			if !reflect.DeepEqual(*got, tc.want) {
				t.Fatalf("got %+v\nwant %+v", *got, tc.want)
			}
		})
	}
}

func TestPlay_Golden(t *testing.T) {
	runGoldenCases(t, []goldenCase{
		{name: "self-healing", args: []string{"play", "--example", "self-healing", "--until", "1m"}},
		{name: "a failing step", args: []string{"play", "--script", scriptPath("bad-step.yaml"), "--until", "10s"}, wantCode: exitInvalid},
		{name: "self-healing to its last step", args: []string{"play", "--example", "self-healing"}},
		{name: "nothing to play", args: []string{"play", "--until", "10s"}, wantCode: exitUsage,
			wantStderr: "error: nothing to play: give --script, or --example with a scenario (podviz examples lists them)\nSee 'podviz play --help' for usage.\n"},
	})
}
