package kubectl

import (
	"os"
	"regexp"
	"testing"
	"time"

	"podviz/controller"
	"podviz/model"
)

// kubectl get pods on pods with init containers and native sidecars: READY
// counts the sidecar (kubectl ≥ 1.29), STATUS is printPod's Init:N/M,
// PodInitializing, then Running — the sidecar docs' "myapp-… 2/2
// Running" — and -o wide keeps the pod's one IP.
func TestGetPods_SidecarAndInit(t *testing.T) {
	data, err := os.ReadFile("../../testdata/examples/sidecar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	objs, err := model.Parse("sidecar.yaml", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := controller.New(objs, controller.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	// sandbox 0.5 s, busybox (2 MB) pulled by 1.6 s, the sidecar created
	// and started by 2.6 s; then nginx is pulled (2.4 s) and started.
	c.RunUntil(2 * time.Second)
	if out := GetPods(c.Snapshot(), false); !regexp.MustCompile(`(?m)^web-\S+\s+0/2\s+Init:0/1\s+0\s+2s$`).MatchString(out) {
		t.Fatalf("while the sidecar is created:\n%s", out)
	}
	c.RunUntil(3 * time.Second)
	if out := GetPods(c.Snapshot(), false); !regexp.MustCompile(`(?m)^web-\S+\s+1/2\s+PodInitializing\s+0\s+3s$`).MatchString(out) {
		t.Fatalf("sidecar started, nginx being pulled:\n%s", out)
	}
	c.RunUntil(time.Minute)
	out := GetPods(c.Snapshot(), true)
	if n := len(regexp.MustCompile(`(?m)^web-\S+\s+2/2\s+Running\s+0\s+60s\s+10\.244\.0\.\d+\s+`+controller.NodeName+`\s+<none>\s+<none>$`).FindAllString(out, -1)); n != 3 {
		t.Fatalf("settled, -o wide:\n%s", out)
	}
}
