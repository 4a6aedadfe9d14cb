package kubectl

import "testing"

func TestParse_Exec(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "kill 1 in a container", line: "kubectl exec web-1 -c nginx -- kill 1",
			want: &ExecOptions{Pod: "web-1", Container: "nginx", Command: []string{"kill", "1"}}},
		{name: "pod/NAME, default container, namespace", line: "kubectl exec -n prod pod/web-1 -- rm /tmp/healthy",
			want: &ExecOptions{Namespace: "prod", Pod: "web-1", Command: []string{"rm", "/tmp/healthy"}}},
		{name: "flags after -- belong to the command", line: "kubectl exec -it web-1 --container=nginx -- kill -9 1",
			want: &ExecOptions{Pod: "web-1", Container: "nginx", Command: []string{"kill", "-9", "1"}}},
		{name: "no --", line: "kubectl exec web-1 kill 1",
			wantErr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead"},
		{name: "no pod", line: "kubectl exec -- kill 1", wantErr: "error: pod, type/name or --filename must be specified"},
		{name: "nothing", line: "kubectl exec", wantErr: "error: pod, type/name or --filename must be specified"},
		{name: "no command", line: "kubectl exec web-1 --", wantErr: "error: you must specify at least one command for the container"},
		{name: "no command, no dash", line: "kubectl exec web-1", wantErr: "error: you must specify at least one command for the container"},
		{name: "a deployment", line: "kubectl exec deploy/web -- kill 1", wantErr: "error: podviz's exec works on pods, not deployments"},
		{name: "two pods", line: "kubectl exec a b -- kill 1", wantErr: "error: podviz's exec takes one pod before --, got 2 arguments"},
		{name: "unknown flag", line: "kubectl exec web-1 --bogus -- kill 1", wantErr: "error: unknown flag: --bogus"},
		{name: "container without a value", line: "kubectl exec web-1 -c", wantErr: "error: flag needs an argument: 'c' in -c"},
	})
}
