package kubectl

import (
	"testing"

	"podviz/controller"
)

func TestParse_Delete(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "one pod", line: "kubectl delete pod web-abc-x1",
			want: &DeleteOptions{Kind: KindPod, Names: []string{"web-abc-x1"}, GracePeriod: -1}},
		{name: "several pods, short type", line: "kubectl delete po a b c",
			want: &DeleteOptions{Kind: KindPod, Names: []string{"a", "b", "c"}, GracePeriod: -1}},
		{name: "TYPE/NAME form", line: "kubectl delete pod/a pods/b",
			want: &DeleteOptions{Kind: KindPod, Names: []string{"a", "b"}, GracePeriod: -1}},
		{name: "by label", line: "kubectl delete pod -l app=nginx",
			want: &DeleteOptions{Kind: KindPod, Selector: "app=nginx", GracePeriod: -1}},
		{name: "forced", line: "kubectl delete pod a --grace-period=0 --force",
			want: &DeleteOptions{Kind: KindPod, Names: []string{"a"}, GracePeriod: 0, Force: true}},
		{name: "now", line: "kubectl delete pod a --now",
			want: &DeleteOptions{Kind: KindPod, Names: []string{"a"}, GracePeriod: -1, Now: true}},
		{name: "a deployment", line: "kubectl delete deployment web",
			want: &DeleteOptions{Kind: KindDeployment, Names: []string{"web"}, GracePeriod: -1}},
		{name: "--now with --grace-period", line: "kubectl delete pod a --now --grace-period=5",
			wantErr: "error: --now and --grace-period cannot be specified together"},
		{name: "name with selector", line: "kubectl delete pod a -l app=nginx",
			wantErr: "error: name cannot be provided when a selector is specified"},
		{name: "type only", line: "kubectl delete pods",
			wantErr: "error: resource(s) were provided, but no name was specified"},
		{name: "nothing", line: "kubectl delete", wantErr: errNoResources.Error()},
		{name: "a replicaset", line: "kubectl delete rs web-abc",
			wantErr: "error: podviz deletes pods and deployments, not replicasets"},
		{name: "mixed forms", line: "kubectl delete pod pod/a",
			wantErr: "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'"},
	})
}

func TestDeleteOptions_effectiveGrace(t *testing.T) {
	i := func(v int64) *int64 { return &v }
	cases := []struct {
		name string
		line string
		want controller.DeleteOptions
	}{
		{"no flags: the pod's own grace period", "delete pod a", controller.DeleteOptions{}},
		{"--now is one second", "delete pod a --now", controller.DeleteOptions{GracePeriod: i(1)}},
		{"--grace-period=0 without --force becomes 1", "delete pod a --grace-period=0", controller.DeleteOptions{GracePeriod: i(1)}},
		{"--force alone is 0", "delete pod a --force", controller.DeleteOptions{GracePeriod: i(0), Force: true}},
		{"--grace-period=0 --force is 0", "delete pod a --grace-period=0 --force", controller.DeleteOptions{GracePeriod: i(0), Force: true}},
		{"--grace-period=7", "delete pod a --grace-period=7", controller.DeleteOptions{GracePeriod: i(7)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(tc.line)
			if err != nil {
				t.Fatal(err)
			}
			got := a.(*DeleteOptions).effectiveGrace()
			if got.Force != tc.want.Force || (got.GracePeriod == nil) != (tc.want.GracePeriod == nil) ||
				got.GracePeriod != nil && *got.GracePeriod != *tc.want.GracePeriod {
				t.Fatalf("got %+v (grace %v), want %+v", got, got.GracePeriod, tc.want)
			}
		})
	}
}
