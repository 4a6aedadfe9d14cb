package kubectl

import "testing"

func TestParse_Get(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "pods", line: "kubectl get pods", want: &GetOptions{Kind: KindPod}},
		{name: "po wide", line: "kubectl get po -o wide", want: &GetOptions{Kind: KindPod, Wide: true}},
		{name: "one deployment by name", line: "kubectl get deploy web", want: &GetOptions{Kind: KindDeployment, Names: []string{"web"}}},
		{name: "replicasets with -owide", line: "kubectl get rs -owide", want: &GetOptions{Kind: KindReplicaSet, Wide: true}},
		{name: "events", line: "kubectl get events", want: &GetOptions{Kind: KindEvent}},
		{name: "TYPE/NAME", line: "kubectl get deployment/web", want: &GetOptions{Kind: KindDeployment, Names: []string{"web"}}},
		{name: "json is not printed", line: "kubectl get pods -o json",
			wantErr: `error: unable to match a printer suitable for the output format "json", allowed formats are: wide`},
		{name: "no type", line: "kubectl get",
			wantErr: `error: You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.`},
		{name: "unknown type", line: "kubectl get foo", wantErr: `error: the server doesn't have a resource type "foo"`},
	})
}
