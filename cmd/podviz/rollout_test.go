package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"podviz/controller/kubectl"
)

func TestNewCmdRollout_Flags(t *testing.T) {
	cases := []struct {
		name    string
		args    string
		want    RolloutOptions
		wantErr string
	}{
		{name: "status", args: "status deployment/web --at 10s",
			want: RolloutOptions{Cluster: ClusterFlags{Seed: 1}, At: 10 * time.Second, Action: &kubectl.RolloutStatusOptions{Name: "web"}}},
		{name: "status with a revision in a namespace", args: "status deploy web --at 10s --revision 2 -n prod",
			want: RolloutOptions{Cluster: ClusterFlags{Seed: 1}, At: 10 * time.Second, Action: &kubectl.RolloutStatusOptions{Namespace: "prod", Name: "web", Revision: 2}}},
		{name: "history of a revision", args: "history deployments.apps/web --revision 3 --at 1m --seed 2",
			want: RolloutOptions{Cluster: ClusterFlags{Seed: 2}, At: time.Minute, Action: &kubectl.RolloutHistoryOptions{Name: "web", Revision: 3}}},
		{name: "no deployment", args: "status --at 1s", wantErr: "Required resource not specified."},
		{name: "a pod", args: "status pod/x --at 1s", wantErr: "podviz's rollout status works on deployments, not pods"},
		{name: "no --at: when the cluster settles", args: "history deployment/web",
			want: RolloutOptions{Cluster: ClusterFlags{Seed: 1}, At: atSettled, Action: &kubectl.RolloutHistoryOptions{Name: "web"}}},
		{name: "a negative revision of history", args: "history deployment/web --revision -1 --at 1s", wantErr: "revision must be a positive integer: -1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got *RolloutOptions
			f := &Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
			cmd := NewCmdRollout(f, func(o *RolloutOptions) error { got = o; return nil })
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
				t.Fatalf("got %+v (%+v)\nwant %+v (%+v)", *got, got.Action, tc.want, tc.want.Action)
			}
		})
	}
}

// TestRollout_Golden: kubectl rollout status and history lines at chosen
// virtual times.
func TestRollout_Golden(t *testing.T) {
	ru, bad, undo := scriptPath("set-image-at-30s.yaml"), scriptPath("bad-image.yaml"), scriptPath("undo.yaml")
	runGoldenCases(t, []goldenCase{
		{name: "status-starting", args: []string{"rollout", "status", "deployment/example-deployment", "--at", "1s"}},
		{name: "status-done", args: []string{"rollout", "status", "deployment/example-deployment", "--at", "30s"}},
		{name: "status-mid-update", args: []string{"rollout", "status", "deployment/example-deployment", "--script", ru, "--at", "35s"}},
		{name: "status-updated-done", args: []string{"rollout", "status", "deployment/example-deployment", "--script", ru, "--at", "2m"}},
		{name: "status-bad-image", args: []string{"rollout", "status", "deployment/example-deployment", "--script", bad, "--at", "5m"}},
		{name: "status-deadline-exceeded", args: []string{"rollout", "status", "deployment/example-deployment", "--script", bad, "--at", "11m"},
			wantStderr: "error: deployment \"example-deployment\" exceeded its progress deadline\n", wantCode: exitInvalid},
		{name: "status-not-found", args: []string{"rollout", "status", "deployment/web", "--at", "1s"},
			wantStderr: "Error from server (NotFound): deployments.apps \"web\" not found\n", wantCode: exitInvalid},
		{name: "history", args: []string{"rollout", "history", "deployment/example-deployment", "--script", undo, "--at", "5m"}},
		{name: "history-revision", args: []string{"rollout", "history", "deployment/example-deployment", "--script", undo, "--at", "5m", "--revision", "4"}},
		{name: "undo-replicasets", args: []string{"get", "rs", "-o", "wide", "--script", undo, "--at", "6m"}},
	})
}
