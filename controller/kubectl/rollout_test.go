package kubectl

import "testing"

func TestParse_Rollout(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "undo", line: "kubectl rollout undo deployment/web", want: &RolloutUndoOptions{Name: "web"}},
		{name: "undo to a revision", line: "kubectl rollout undo deploy/web --to-revision=2",
			want: &RolloutUndoOptions{Name: "web", ToRevision: 2}},
		{name: "pause", line: "kubectl rollout pause deployment/web", want: &RolloutPauseOptions{Name: "web"}},
		{name: "resume in a namespace", line: "kubectl rollout resume deployment web -n prod",
			want: &RolloutResumeOptions{Namespace: "prod", Name: "web"}},
		{name: "restart", line: "kubectl rollout restart deployments.apps/web", want: &RolloutRestartOptions{Name: "web"}},
		{name: "status", line: "kubectl rollout status deployment/web", want: &RolloutStatusOptions{Name: "web"}},
		{name: "status --watch=false", line: "kubectl rollout status deployment/web --watch=false",
			want: &RolloutStatusOptions{Name: "web"}},
		{name: "status pinned to a revision", line: "kubectl rollout status deployment/web --revision=3",
			want: &RolloutStatusOptions{Name: "web", Revision: 3}},
		{name: "history", line: "kubectl rollout history deployment/web", want: &RolloutHistoryOptions{Name: "web"}},
		{name: "history of one revision", line: "kubectl rollout history deployment/web --revision 2",
			want: &RolloutHistoryOptions{Name: "web", Revision: 2}},
		{name: "undo without a resource", line: "kubectl rollout undo", wantErr: "error: Required resource not specified."},
		{name: "unknown rollout sub-command", line: "kubectl rollout frob deployment/web",
			wantErr: `error: unknown command "frob" for "kubectl rollout"`},
		{name: "rollout of a pod", line: "kubectl rollout undo pod/a",
			wantErr: "error: podviz's rollout undo works on deployments, not pods"},
		{name: "--revision on undo is unknown", line: "kubectl rollout undo deployment/web --revision=2",
			wantErr: "error: unknown flag: --revision"},
	})
}
