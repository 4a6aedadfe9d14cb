package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRender_Focus: a positional deployment/NAME draws that Deployment
// only (the article's bare example-pod is left out); a missing one is
// kubectl's NotFound, exit 1.
func TestRender_Focus(t *testing.T) {
	all, _, code := runArgs(t, "render", "--ascii")
	if code != 0 || !strings.Contains(all, "example-pod") {
		t.Fatalf("exit %d; the whole picture has no example-pod:\n%s", code, all)
	}
	out, errOut, code := runArgs(t, "render", "deployment/example-deployment", "--ascii")
	if code != 0 || strings.Contains(out, "example-pod ") || !strings.Contains(out, "example-deployment") {
		t.Errorf("exit %d, stderr %q; focused picture:\n%s", code, errOut, out)
	}
	_, errOut, code = runArgs(t, "render", "deploy/nosuch")
	if want := "Error from server (NotFound): deployments.apps \"nosuch\" not found\n"; code != 1 || errOut != want {
		t.Errorf("exit %d, stderr %q; want 1, %q", code, errOut, want)
	}
}

// TestRemote_Unreachable: a cluster that does not answer is kubectl's
// connection error on stderr, exit 1, and the kubeconfig's token is never
// printed.
func TestRemote_Unreachable(t *testing.T) {
	kc := filepath.Join(t.TempDir(), "config")
	cfg := "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n" +
		"contexts:\n- name: ctx\n  context:\n    cluster: c\n    user: u\ncurrent-context: ctx\n" +
		"users:\n- name: u\n  user:\n    token: secret-token-never-printed\n"
	if err := os.WriteFile(kc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"get", "pods", "--kubeconfig", kc},
		{"render", "--kubeconfig", kc},
		{"events", "--kubeconfig", kc},
		{"rollout", "status", "deployment/web", "--kubeconfig", kc},
		{"rollout", "history", "deployment/web", "--kubeconfig", kc},
	} {
		out, errOut, code := runArgs(t, args...)
		want := "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?\n"
		if code != 1 || out != "" || errOut != want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and %q", args, code, out, errOut, want)
		}
	}
	_, errOut, code := runArgs(t, "get", "pods", "--kubeconfig", kc, "--context", "nosuch")
	if want := "error: context \"nosuch\" does not exist\n"; code != 1 || errOut != want {
		t.Errorf("no such context: exit %d, stderr %q; want %q", code, errOut, want)
	}
}

// TestLive_RemoteFlags: the live view reads a real cluster with
// --kubeconfig or --context, refuses the simulation's own flags beside
// them and -n without them, and needs a terminal as the simulation's does.
func TestLive_RemoteFlags(t *testing.T) {
	cases := []struct {
		args       []string
		wantCode   int
		wantStderr string
	}{
		{[]string{"--context", "c", "--speed", "2"}, 2, "error: --speed drives the simulation; --kubeconfig and --context read a real cluster as it is now: give one or the other\n"},
		{[]string{"--context", "c", "--script", "s.yaml"}, 2, "error: --script drives the simulation; --kubeconfig and --context read a real cluster as it is now: give one or the other\n"},
		{[]string{"-n", "shop"}, 2, "error: --namespace is for a real cluster: give --kubeconfig or --context too (the simulation's keys always act)\n"},
		{[]string{"--write"}, 2, "error: --write is for a real cluster: give --kubeconfig or --context too (the simulation's keys always act)\n"},
		{[]string{"--context", "c", "--yes"}, 2, "error: --yes answers --write's confirmations: give --write too\n"},
		{[]string{"-A"}, 2, "error: --all-namespaces reads a real cluster: give --kubeconfig or --context too\n"},
		{[]string{"--kubeconfig", "k", "-n", "shop"}, 1, "error: the live view needs a terminal; for a picture use `podviz render --kubeconfig FILE --width 100`\n"},
	}
	for _, tc := range cases {
		_, errOut, code := runArgs(t, tc.args...)
		errOut, _, _ = strings.Cut(errOut, "See '")
		if code != tc.wantCode || errOut != tc.wantStderr {
			t.Errorf("podviz %v: exit %d, stderr %q; want %d, %q", tc.args, code, errOut, tc.wantCode, tc.wantStderr)
		}
	}
}
