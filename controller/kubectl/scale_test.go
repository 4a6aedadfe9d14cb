package kubectl

import "testing"

func TestParse_Scale(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "deployment/NAME with --replicas=N", line: "kubectl scale deployment/web --replicas=5",
			want: &ScaleOptions{Name: "web", Replicas: 5}},
		{name: "without the kubectl prefix, --replicas N", line: "scale deploy/web --replicas 5",
			want: &ScaleOptions{Name: "web", Replicas: 5}},
		{name: "flag before the resource, TYPE NAME form", line: "kubectl scale --replicas=0 deploy web",
			want: &ScaleOptions{Name: "web", Replicas: 0}},
		{name: "group-qualified type and namespace", line: "kubectl -n prod scale deployments.apps/web --replicas=2",
			want: &ScaleOptions{Namespace: "prod", Name: "web", Replicas: 2}},
		{name: "--namespace=NS after the verb", line: "kubectl scale deployments/web --replicas=2 --namespace=prod",
			want: &ScaleOptions{Namespace: "prod", Name: "web", Replicas: 2}},
		{name: "quoted resource", line: `kubectl scale "deployment/web" --replicas='3'`,
			want: &ScaleOptions{Name: "web", Replicas: 3}},
		{name: "missing --replicas", line: "kubectl scale deployment/web",
			wantErr: `error: required flag(s) "replicas" not set`},
		{name: "negative replicas", line: "kubectl scale deployment/web --replicas=-1",
			wantErr: "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"},
		{name: "non-numeric replicas", line: "kubectl scale deployment/web --replicas=five",
			wantErr: `error: invalid argument "five" for "--replicas" flag: strconv.ParseInt: parsing "five": invalid syntax`},
		{name: "unknown flag", line: "kubectl scale deployment/web --replicas=1 --bogus",
			wantErr: "error: unknown flag: --bogus"},
		{name: "unknown shorthand", line: "kubectl scale deployment/web --replicas=1 -x",
			wantErr: "error: unknown shorthand flag: 'x' in -x"},
		{name: "no resource", line: "kubectl scale --replicas=1", wantErr: errNoResources.Error()},
		{name: "type without a name", line: "kubectl scale deployment --replicas=1",
			wantErr: "error: resource(s) were provided, but no name was specified"},
		{name: "unknown type", line: "kubectl scale foo/web --replicas=1",
			wantErr: `error: the server doesn't have a resource type "foo"`},
		{name: "a statefulset is not simulated", line: "kubectl scale statefulset/web --replicas=1",
			wantErr: `error: the server doesn't have a resource type "statefulset"`},
		{name: "a replicaset is not scaled by podviz", line: "kubectl scale rs/web-abc --replicas=1",
			wantErr: "error: podviz's scale works on deployments, not replicasets"},
		{name: "replicas flag without a value", line: "kubectl scale deployment/web --replicas",
			wantErr: "error: flag needs an argument: --replicas"},
	})
}
