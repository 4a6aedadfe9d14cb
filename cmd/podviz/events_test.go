package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNewCmdEvents_Flags(t *testing.T) {
	cases := []struct {
		name    string
		args    string
		want    EventsOptions
		wantErr string
	}{
		{name: "until 1m", args: "--until 1m", want: EventsOptions{Cluster: ClusterFlags{Seed: 1}, Until: time.Minute}},
		{name: "json with a script", args: "--until 90 -o json --script s.yaml -f m.yaml",
			want: EventsOptions{Cluster: ClusterFlags{Filenames: []string{"m.yaml"}, Script: "s.yaml", Seed: 1}, Until: 90 * time.Second, JSON: true}},
		{name: "no time: when the cluster settles", args: "-o json", want: EventsOptions{Cluster: ClusterFlags{Seed: 1}, Until: atSettled, JSON: true}},
		{name: "--watch streams JSON lines", args: "-w --at 1m", want: EventsOptions{Cluster: ClusterFlags{Seed: 1}, Until: time.Minute, JSON: true, Watch: true}},
		{name: "--at, as get has it", args: "--at 2m", want: EventsOptions{Cluster: ClusterFlags{Seed: 1}, Until: 2 * time.Minute}},
		{name: "--at and --until", args: "--at 2m --until 1m", wantErr: "--at and --until name the same time: give one of them"},
		{name: "--until NaN", args: "--until NaN", wantErr: `invalid argument "NaN" for "--until" flag: not a finite number; must be a virtual time from 0s to 24h0m0s`},
		{name: "yaml", args: "--until 1s -o yaml", wantErr: `unable to match a printer suitable for the output format "yaml", allowed formats are: json`},
		{name: "an argument", args: "pods --until 1s", wantErr: `unknown command "pods" for "events"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got *EventsOptions
			f := &Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
			cmd := NewCmdEvents(f, func(o *EventsOptions) error { got = o; return nil })
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

// TestEvents_Golden: the event log of the article example and of a rolling
// update, as a table and as NDJSON.
func TestEvents_Golden(t *testing.T) {
	ru := scriptPath("set-image-at-30s.yaml")
	runGoldenCases(t, []goldenCase{
		{name: "example-table", args: []string{"events", "--until", "30s"}},
		{name: "example-json", args: []string{"events", "--until", "30s", "-o", "json"}},
		{name: "rolling-update-json", args: []string{"events", "--script", ru, "--until", "2m", "-o", "json"}},
		{name: "bad-image-json", args: []string{"events", "--script", scriptPath("bad-image.yaml"), "--until", "11m", "-o", "json"}},
	})
}

// TestEvents_Deterministic: the same command prints the same bytes.
func TestEvents_Deterministic(t *testing.T) {
	args := []string{"events", "--script", scriptPath("undo.yaml"), "--until", "6m", "-o", "json", "--seed", "42"}
	a, _, _ := runArgs(t, args...)
	b, _, _ := runArgs(t, args...)
	if a != b || a == "" {
		t.Fatalf("two runs differ or are empty:\n%s\n---\n%s", a, b)
	}
}
