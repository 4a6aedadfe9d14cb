package kubectl

import (
	"testing"

	"podviz/controller"
)

func TestParse_SetImage(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "one container", line: "kubectl set image deployment/web nginx=nginx:1.27",
			want: &SetImageOptions{Name: "web", Images: []controller.ContainerImage{{Container: "nginx", Image: "nginx:1.27"}}}},
		{name: "two containers, TYPE NAME form", line: "set image deploy web nginx=nginx:1.27 side=busybox:1.36",
			want: &SetImageOptions{Name: "web", Images: []controller.ContainerImage{{Container: "nginx", Image: "nginx:1.27"}, {Container: "side", Image: "busybox:1.36"}}}},
		{name: "every container", line: "kubectl set image deployment/web '*=nginx:1.27' -n prod",
			want: &SetImageOptions{Namespace: "prod", Name: "web", Images: []controller.ContainerImage{{Container: "*", Image: "nginx:1.27"}}}},
		{name: "no image update", line: "kubectl set image deployment/web",
			wantErr: "error: at least one image update is required"},
		{name: "no resource and no image", line: "kubectl set image",
			wantErr: "error: [one or more resources must be specified as <resource> <name> or <resource>/<name>, at least one image update is required]"},
		{name: "a wildcard with another pair", line: "kubectl set image deployment/web *=a:1 b=b:1",
			wantErr: "error: all containers are already specified by *, but saw more than one container_name=container_image pairs"},
		{name: "unknown sub-command of set", line: "kubectl set env deployment/web A=b",
			wantErr: `error: unknown command "env" for "kubectl set"`},
		{name: "set with no sub-command", line: "kubectl set",
			wantErr: "error: kubectl set needs a sub-command: image"},
	})
}
