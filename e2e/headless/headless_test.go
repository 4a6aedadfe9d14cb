package headless

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"

	"podviz/controller/kubectl"
	"podviz/e2e/cluster"
	"podviz/model"
	"podviz/source/kube/realkubectl"
)

// podvizBin is podviz, built once from the product module (its go.mod,
// as users build it).
var podvizBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "podviz-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	podvizBin = filepath.Join(dir, "podviz")
	build := exec.Command("go", "build", "-o", podvizBin, "./cmd/podviz")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building podviz: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// podviz runs podviz with args and an empty environment but HOME (so no
// KUBECONFIG of the machine's leaks in).
func podviz(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(podvizBin, args...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "NO_COLOR=1"}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

var (
	// ages are kubectl's AGE cells (and "(12s ago)"): wall-clock time.
	ages = regexp.MustCompile(`\b\d+(s|m|h|d)(\d+(s|m|h))?\b`)
	// podSuffix is the random part the ReplicaSet controller gives a pod.
	podSuffix = regexp.MustCompile(`\b(example-deployment-[0-9a-f]{8,10})-[a-z0-9]{5}\b`)
	// spaces: a column is as wide as its widest cell, which an age changes.
	spaces = regexp.MustCompile(` {2,}`)
)

// stable replaces what differs from run to run: ages become AGE, pod
// suffixes xxxxx, runs of spaces between columns two spaces.
func stable(s string) string {
	s = ages.ReplaceAllString(s, "AGE")
	s = podSuffix.ReplaceAllString(s, "$1-xxxxx")
	return spaces.ReplaceAllString(s, "  ")
}

func waitFor(t *testing.T, what string, cond func(ctx context.Context) (bool, string)) {
	t.Helper()
	var last string
	err := wait.PollUntilContextTimeout(context.Background(), 20*time.Millisecond, time.Minute, true, func(ctx context.Context) (bool, error) {
		ok, s := cond(ctx)
		last = s
		return ok, nil
	})
	if err != nil {
		t.Fatalf("%s: not reached after a minute; last: %s", what, last)
	}
}

// rolledOut: the Deployment's status says every replica is updated and
// available, and no old pod is left.
func rolledOut(client kubernetes.Interface, name, image string) func(ctx context.Context) (bool, string) {
	return func(ctx context.Context) (bool, string) {
		d, err := client.AppsV1().Deployments("default").Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return false, err.Error()
		}
		pods, err := client.CoreV1().Pods("default").List(ctx, metav1.ListOptions{LabelSelector: "app=nginx"})
		if err != nil {
			return false, err.Error()
		}
		ok := d.Status.ObservedGeneration == d.Generation && d.Status.UpdatedReplicas == 3 && d.Status.AvailableReplicas == 3 &&
			d.Status.Replicas == 3 && len(pods.Items) == 3
		for _, p := range pods.Items {
			ok = ok && p.Spec.Containers[0].Image == image && p.DeletionTimestamp == nil
		}
		return ok, fmt.Sprintf("%+v, %d pods", d.Status, len(pods.Items))
	}
}

// setUp starts a cluster, applies the article example and rolls it out
// to nginx:1.27 (two revisions), and waits until it settles.
func setUp(t *testing.T) *cluster.Cluster {
	t.Helper()
	ctx := context.Background()
	c := cluster.Start(t, cluster.Options{})
	objs, err := realkubectl.Decode(model.ExampleYAML())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range objs {
		if _, err := realkubectl.Apply(ctx, c.Client, o); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "nginx:latest rolled out", rolledOut(c.Client, "example-deployment", "nginx:latest"))
	a, err := kubectl.Parse("kubectl set image deployment/example-deployment nginx=nginx:1.27")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := realkubectl.Run(ctx, c.Client, a); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "nginx:1.27 rolled out", rolledOut(c.Client, "example-deployment", "nginx:1.27"))
	waitFor(t, "example-pod running", func(ctx context.Context) (bool, string) {
		p, err := c.Client.CoreV1().Pods("default").Get(ctx, "example-pod", metav1.GetOptions{})
		if err != nil {
			return false, err.Error()
		}
		return p.Status.Phase == corev1.PodRunning, string(p.Status.Phase)
	})
	if err := c.WaitQuiet(ctx, 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestHeadless_Kubeconfig: each headless command with --kubeconfig prints
// what it prints for the simulation, from the real API server.
func TestHeadless_Kubeconfig(t *testing.T) {
	start := time.Now()
	c := setUp(t)
	t.Logf("cluster up and rolled out in %v", time.Since(start).Round(time.Millisecond))
	kc := c.KubeconfigPath
	rsNew, rsOld := replicaSetNames(t, c.Client)

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"get deployments", []string{"get", "deployments"},
			"NAME  READY  UP-TO-DATE  AVAILABLE  AGE\nexample-deployment  3/3  3  3  AGE\n"},
		{"get replicasets", []string{"get", "rs"},
			"NAME  DESIRED  CURRENT  READY  AGE\n" + rsOld + "  0  0  0  AGE\n" + rsNew + "  3  3  3  AGE\n"},
		{"get pods", []string{"get", "pods", "-l", "app=nginx"},
			"NAME  READY  STATUS  RESTARTS  AGE\n" + strings.Repeat(rsNew+"-xxxxx  1/1  Running  0  AGE\n", 3)},
		{"rollout status", []string{"rollout", "status", "deployment/example-deployment"},
			"deployment \"example-deployment\" successfully rolled out\n"},
		{"rollout history", []string{"rollout", "history", "deployment/example-deployment"},
			"deployment.apps/example-deployment \nREVISION  CHANGE-CAUSE\n1  <none>\n2  <none>\n\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := podviz(t, append(tc.args, "--kubeconfig", kc)...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut)
			}
			if got := stable(out); got != tc.want {
				t.Errorf("got (stabilised):\n%s\nwant:\n%s\nraw:\n%s", got, tc.want, out)
			}
		})
	}
	if t.Failed() {
		return
	}

	t.Run("rollout history --revision=1", func(t *testing.T) {
		out, _, code := podviz(t, "rollout", "history", "deployment/example-deployment", "--revision=1", "--kubeconfig", kc)
		if code != 0 || !strings.HasPrefix(out, "deployment.apps/example-deployment with revision #1\nPod Template:\n") || !strings.Contains(out, "Image:\tnginx:latest") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("render", func(t *testing.T) {
		out, errOut, code := podviz(t, "render", "--kubeconfig", kc, "--ascii", "--width", "100")
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr:\n%s", code, errOut)
		}
		for _, want := range []string{"example-deployment", rsNew, rsOld, "example-pod", "nothing to do"} {
			if !strings.Contains(out, want) {
				t.Errorf("the picture has no %q:\n%s", want, out)
			}
		}
		focused, _, _ := podviz(t, "render", "deployment/example-deployment", "--kubeconfig", kc, "--ascii", "--width", "100")
		if strings.Contains(focused, "example-pod") || !strings.Contains(focused, rsNew) {
			t.Errorf("deployment/example-deployment still draws the bare pod, or lost its ReplicaSet:\n%s", focused)
		}
		t.Logf("podviz render --kubeconfig:\n%s", out)
	})
	t.Run("events", func(t *testing.T) {
		out, errOut, code := podviz(t, "events", "--kubeconfig", kc)
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr:\n%s", code, errOut)
		}
		for _, want := range []string{
			"Normal  ScalingReplicaSet  deployment/example-deployment  Scaled up replica set " + rsNew + " from 0 to 1",
			"Normal  ScalingReplicaSet  deployment/example-deployment  Scaled down replica set " + rsOld + " from 3 to 2",
			"Normal  SuccessfulCreate  replicaset/" + rsNew + "  Created pod: " + rsNew + "-xxxxx",
		} {
			if !strings.Contains(stable(out), want) {
				t.Errorf("no %q in:\n%s", want, stable(out))
			}
		}
	})
	t.Run("missing namespace", func(t *testing.T) {
		out, errOut, code := podviz(t, "get", "pods", "-n", "nosuch", "--kubeconfig", kc)
		if want := "Error from server (NotFound): namespaces \"nosuch\" not found\n"; code != 1 || out != "" || errOut != want {
			t.Errorf("exit %d, stdout %q, stderr %q; want 1, %q", code, out, errOut, want)
		}
	})
	t.Run("no such deployment", func(t *testing.T) {
		_, errOut, code := podviz(t, "rollout", "status", "deployment/nosuch", "--kubeconfig", kc)
		if want := "Error from server (NotFound): deployments.apps \"nosuch\" not found\n"; code != 1 || errOut != want {
			t.Errorf("exit %d, stderr %q; want 1, %q", code, errOut, want)
		}
	})
	t.Run("no such context", func(t *testing.T) {
		_, errOut, code := podviz(t, "get", "pods", "--kubeconfig", kc, "--context", "nosuch")
		if want := "error: context \"nosuch\" does not exist\n"; code != 1 || errOut != want {
			t.Errorf("exit %d, stderr %q; want 1, %q", code, errOut, want)
		}
	})
	t.Run("forbidden", func(t *testing.T) {
		viewer := viewerKubeconfig(t, c)
		out, errOut, code := podviz(t, "get", "pods", "--kubeconfig", viewer)
		want := `Error from server (Forbidden): deployments.apps is forbidden: User "system:serviceaccount:default:viewer" cannot list resource "deployments" in API group "apps" in the namespace "default"` + "\n"
		if code != 1 || out != "" || errOut != want {
			t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, out, errOut, want)
		}
		if strings.Contains(out+errOut, "eyJ") {
			t.Errorf("a token reached the output")
		}
	})
	t.Run("API server stopped", func(t *testing.T) {
		c.StopAPIServer()
		defer func() {
			if err := c.StartAPIServer(); err != nil {
				t.Fatal(err)
			}
		}()
		_, errOut, code := podviz(t, "get", "pods", "--kubeconfig", kc)
		host := strings.TrimPrefix(c.Addr(), "https://")
		if want := "The connection to the server " + host + " was refused - did you specify the right host or port?\n"; code != 1 || errOut != want {
			t.Errorf("exit %d, stderr %q; want 1, %q", code, errOut, want)
		}
	})
}

// replicaSetNames are the new (nginx:1.27) and old ReplicaSets' names.
func replicaSetNames(t *testing.T, client kubernetes.Interface) (newRS, oldRS string) {
	t.Helper()
	list, err := client.AppsV1().ReplicaSets("default").List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, rs := range list.Items {
		if image(&rs) == "nginx:1.27" {
			newRS = rs.Name
		} else {
			oldRS = rs.Name
		}
	}
	if newRS == "" || oldRS == "" {
		t.Fatalf("want two ReplicaSets, got %d", len(list.Items))
	}
	return newRS, oldRS
}

func image(rs *appsv1.ReplicaSet) string { return rs.Spec.Template.Spec.Containers[0].Image }

// viewerKubeconfig writes a kubeconfig for a ServiceAccount that may only
// read pods.
func viewerKubeconfig(t *testing.T, c *cluster.Cluster) string {
	t.Helper()
	ctx := context.Background()
	const sa = "viewer"
	if _, err := c.Client.CoreV1().ServiceAccounts("default").Create(ctx, &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: sa}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	role := &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "pod-reader"},
		Rules: []rbacv1.PolicyRule{{APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: []string{"get", "list", "watch"}}}}
	if _, err := c.Client.RbacV1().Roles("default").Create(ctx, role, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	binding := &rbacv1.RoleBinding{ObjectMeta: metav1.ObjectMeta{Name: "viewer-reads-pods"},
		RoleRef:  rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "Role", Name: "pod-reader"},
		Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: sa, Namespace: "default"}}}
	if _, err := c.Client.RbacV1().RoleBindings("default").Create(ctx, binding, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	tok, err := c.Client.CoreV1().ServiceAccounts("default").CreateToken(ctx, sa, &authenticationv1.TokenRequest{}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "viewer.kubeconfig")
	if err := c.WriteKubeconfig(path, tok.Status.Token); err != nil {
		t.Fatal(err)
	}
	return path
}
