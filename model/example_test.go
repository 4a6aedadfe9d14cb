package model

import (
	"errors"
	"os"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// TestExample_MatchesArticle checks that the embedded manifests are the
// article's two documents byte for byte (../shared/ARTICLE.md, when present).
func TestExample_MatchesArticle(t *testing.T) {
	article, err := os.ReadFile("../../shared/ARTICLE.md")
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("ARTICLE.md not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(article), "```yaml\n")
	block, _, ok2 := strings.Cut(rest, "```\n")
	if !ok || !ok2 {
		t.Fatal("no yaml block in ARTICLE.md")
	}
	if block != string(exampleYAML) {
		t.Errorf("embedded example differs from the article:\n%s", exampleYAML)
	}
}

func TestLoadDefault(t *testing.T) {
	objs, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	if len(objs.Pods) != 1 || len(objs.Deployments) != 1 || len(objs.ReplicaSets) != 0 {
		t.Fatalf("got %v", names(objs))
	}
	pod, dep := objs.Pods[0], objs.Deployments[0]
	if pod.Name != "example-pod" || pod.Namespace != "default" || pod.Spec.Containers[0].Image != "nginx:latest" {
		t.Errorf("pod: %s/%s %s", pod.Namespace, pod.Name, pod.Spec.Containers[0].Image)
	}
	if pod.Spec.Containers[0].ImagePullPolicy != corev1.PullAlways {
		t.Errorf("nginx:latest must default to Always, got %s", pod.Spec.Containers[0].ImagePullPolicy)
	}
	if dep.Name != "example-deployment" || *dep.Spec.Replicas != 3 || dep.Spec.Template.Labels["app"] != "nginx" {
		t.Errorf("deployment: %s replicas %d labels %v", dep.Name, *dep.Spec.Replicas, dep.Spec.Template.Labels)
	}
	if c := dep.Spec.Template.Spec.Containers[0]; c.Ports[0].ContainerPort != 80 || c.Ports[0].Protocol != corev1.ProtocolTCP {
		t.Errorf("port: %+v", c.Ports[0])
	}
	if errs := ValidateDeployment(dep); len(errs) > 0 {
		t.Error(errs)
	}
	if errs := ValidatePod(pod); len(errs) > 0 {
		t.Error(errs)
	}
	// Each call returns fresh objects: callers (the controller) mutate them.
	again, _ := LoadDefault()
	again.Deployments[0].Name = "changed"
	if objs.Deployments[0].Name != "example-deployment" {
		t.Error("LoadDefault results share state")
	}
}
