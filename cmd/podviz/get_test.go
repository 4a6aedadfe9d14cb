package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"podviz/controller/kubectl"
)

func TestNewCmdGet_Flags(t *testing.T) {
	cases := []struct {
		name    string
		args    string
		want    GetOptions
		wantErr string
	}{
		{name: "pods at 30s", args: "pods --at 30s",
			want: GetOptions{Cluster: ClusterFlags{Seed: 1}, At: 30 * time.Second, Get: &kubectl.GetOptions{Kind: kubectl.KindPod}}},
		{name: "every shared flag", args: "rs -o wide -f a.yaml -f b.yaml --script s.yaml --seed 7 --at 1m30s -n prod",
			want: GetOptions{Cluster: ClusterFlags{Filenames: []string{"a.yaml", "b.yaml"}, Script: "s.yaml", Seed: 7}, At: 90 * time.Second,
				Get: &kubectl.GetOptions{Namespace: "prod", Kind: kubectl.KindReplicaSet, Wide: true}}},
		{name: "bare seconds and a name", args: "deploy/web --at 12.5",
			want: GetOptions{Cluster: ClusterFlags{Seed: 1}, At: 12500 * time.Millisecond, Get: &kubectl.GetOptions{Kind: kubectl.KindDeployment, Names: []string{"web"}}}},
		{name: "no --at: when the cluster settles", args: "pods",
			want: GetOptions{Cluster: ClusterFlags{Seed: 1}, At: atSettled, Get: &kubectl.GetOptions{Kind: kubectl.KindPod}}},
		{name: "no type", args: "--at 1s", wantErr: `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.`},
		{name: "unknown type", args: "foo --at 1s", wantErr: `the server doesn't have a resource type "foo"`},
		{name: "json", args: "pods -o json --at 1s", wantErr: `unable to match a printer suitable for the output format "json", allowed formats are: wide`},
		{name: "unknown flag", args: "pods --at 1s --bogus", wantErr: "unknown flag: --bogus"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got *GetOptions
			f := &Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
			cmd := NewCmdGet(f, func(o *GetOptions) error { got = o; return nil })
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
				t.Fatalf("got %+v (get %+v)\nwant %+v (get %+v)", *got, got.Get, tc.want, tc.want.Get)
			}
		})
	}
}

// TestGet_Golden prints kubectl get's tables for the article example and a
// script-driven rolling update. Read a changed golden against kubectl's
// printers before accepting it (go test -run TestGet_Golden -update).
func TestGet_Golden(t *testing.T) {
	ru := scriptPath("set-image-at-30s.yaml")
	runGoldenCases(t, []goldenCase{
		{name: "pods", args: []string{"get", "pods", "--at", "30s"}},
		{name: "pods-wide", args: []string{"get", "pods", "-o", "wide", "--at", "30s"}},
		{name: "pods-starting", args: []string{"get", "pods", "--at", "2s"}},
		{name: "deployments", args: []string{"get", "deployments", "--at", "30s"}},
		{name: "deployments-wide", args: []string{"get", "deploy", "-o", "wide", "--at", "30s"}},
		{name: "replicasets", args: []string{"get", "rs", "--at", "30s"}},
		{name: "replicasets-wide", args: []string{"get", "replicasets", "-o", "wide", "--at", "30s"}},
		{name: "rolling-update-pods", args: []string{"get", "pods", "--script", ru, "--at", "35s"}},
		{name: "rolling-update-replicasets-wide", args: []string{"get", "rs", "-o", "wide", "--script", ru, "--at", "35s"}},
		{name: "rolling-update-deployments", args: []string{"get", "deploy", "--script", ru, "--at", "35s"}},
		{name: "rolling-update-done-replicasets", args: []string{"get", "rs", "--script", ru, "--at", "2m"}},
		{name: "bad-image-pods", args: []string{"get", "pods", "--script", scriptPath("bad-image.yaml"), "--at", "2m"}},
		{name: "no-resources", args: []string{"get", "pods", "-n", "prod", "--at", "1s"},
			wantStderr: "No resources found in prod namespace.\n"},
		{name: "not-found", args: []string{"get", "deploy", "web", "--at", "1s"},
			wantStderr: "Error from server (NotFound): deployments.apps \"web\" not found\n", wantCode: exitInvalid},
	})
}
