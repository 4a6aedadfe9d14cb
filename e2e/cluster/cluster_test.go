package cluster_test

import (
	"context"
	"fmt"
	"path/filepath"
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
	"k8s.io/client-go/tools/clientcmd"

	"podviz/controller/kubectl"
	"podviz/e2e/cluster"
	"podviz/model"
	"podviz/source/kube/realkubectl"
)

// applyExample applies podviz's embedded article example (example-pod and
// example-deployment) as kubectl apply -f would.
func applyExample(ctx context.Context, t *testing.T, client kubernetes.Interface) {
	t.Helper()
	objs, err := realkubectl.Decode(model.ExampleYAML())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range objs {
		if _, err := realkubectl.Apply(ctx, client, o); err != nil {
			t.Fatal(err)
		}
	}
}

// run parses a kubectl line with podviz's parser and carries it out on the
// cluster as kubectl would.
func run(ctx context.Context, t *testing.T, client kubernetes.Interface, line string) string {
	t.Helper()
	a, err := kubectl.Parse(line)
	if err != nil {
		t.Fatal(err)
	}
	out, err := realkubectl.Run(ctx, client, a)
	if err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	return out
}

// waitFor polls cond until it holds, failing the test after a minute with
// what cond last said.
func waitFor(ctx context.Context, t *testing.T, c *cluster.Cluster, what string, cond func(ctx context.Context) (bool, string)) {
	t.Helper()
	var last string
	err := wait.PollUntilContextTimeout(ctx, 20*time.Millisecond, time.Minute, true, func(ctx context.Context) (bool, error) {
		ok, s := cond(ctx)
		last = s
		return ok, nil
	})
	if err != nil {
		t.Fatalf("%s: not reached after a minute; last: %s\nkubelet: %v\n%s", what, last, c.Kubelet.LastError(), dump(c.Client))
	}
}

// dump describes the pods and the API server's events, for a failure.
func dump(client kubernetes.Interface) string {
	ctx := context.Background()
	var b strings.Builder
	pods, err := client.CoreV1().Pods("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return err.Error()
	}
	for _, p := range pods.Items {
		fmt.Fprintf(&b, "pod %s/%s node=%q phase=%s ready=%v deleting=%v\n", p.Namespace, p.Name, p.Spec.NodeName, p.Status.Phase,
			podReady(&p), p.DeletionTimestamp != nil)
	}
	evs, err := client.CoreV1().Events("").List(ctx, metav1.ListOptions{})
	if err == nil {
		for _, e := range evs.Items {
			fmt.Fprintf(&b, "event %s %s/%s %s: %s\n", e.Type, e.InvolvedObject.Kind, e.InvolvedObject.Name, e.Reason, e.Message)
		}
	}
	return b.String()
}

func podReady(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// rolledOut is kubectl rollout status's "successfully rolled out".
func rolledOut(client kubernetes.Interface, name string) func(ctx context.Context) (bool, string) {
	return func(ctx context.Context) (bool, string) {
		d, err := client.AppsV1().Deployments("default").Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return false, err.Error()
		}
		s := d.Status
		desc := fmt.Sprintf("generation %d observed %d, replicas %d updated %d available %d", d.Generation, s.ObservedGeneration, s.Replicas, s.UpdatedReplicas, s.AvailableReplicas)
		want := *d.Spec.Replicas
		return s.ObservedGeneration >= d.Generation && s.UpdatedReplicas == want && s.Replicas == want && s.AvailableReplicas == want, desc
	}
}

func replicaSets(ctx context.Context, t *testing.T, client kubernetes.Interface) []appsv1.ReplicaSet {
	t.Helper()
	l, err := client.AppsV1().ReplicaSets("default").List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return l.Items
}

// TestArticleExample runs the article's example on the real control
// plane: the Deployment comes up 3/3 available, `kubectl set image` rolls
// it out to a new ReplicaSet, and deleting it cascades to its ReplicaSets
// and pods through the garbage collector.
func TestArticleExample(t *testing.T) {
	ctx := context.Background()
	start := time.Now()
	c := cluster.Start(t, cluster.Options{Kubelet: cluster.KubeletOptions{StartAfter: 100 * time.Millisecond}})
	t.Logf("cluster up in %v", time.Since(start).Round(time.Millisecond))

	applyExample(ctx, t, c.Client)
	step := time.Now()
	waitFor(ctx, t, c, "example-deployment available 3/3", rolledOut(c.Client, "example-deployment"))
	waitFor(ctx, t, c, "example-pod ready", func(ctx context.Context) (bool, string) {
		p, err := c.Client.CoreV1().Pods("default").Get(ctx, "example-pod", metav1.GetOptions{})
		if err != nil {
			return false, err.Error()
		}
		return p.Spec.NodeName == c.Kubelet.Node() && p.Status.Phase == corev1.PodRunning && p.Status.PodIP != "", string(p.Status.Phase)
	})
	t.Logf("3/3 available in %v", time.Since(step).Round(time.Millisecond))
	pods, err := c.Client.CoreV1().Pods("default").List(ctx, metav1.ListOptions{LabelSelector: "app=nginx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pods.Items) != 3 {
		t.Fatalf("want 3 pods of app=nginx, got %d", len(pods.Items))
	}
	for _, p := range pods.Items {
		if p.Spec.NodeName != c.Kubelet.Node() {
			t.Errorf("pod %s bound to %q, want the scheduler to bind it to %q", p.Name, p.Spec.NodeName, c.Kubelet.Node())
		}
	}

	step = time.Now()
	if out := run(ctx, t, c.Client, "kubectl set image deployment/example-deployment nginx=nginx:1.27"); out != "deployment.apps/example-deployment image updated\n" {
		t.Errorf("set image printed %q", out)
	}
	waitFor(ctx, t, c, "rollout to nginx:1.27", func(ctx context.Context) (bool, string) {
		ok, desc := rolledOut(c.Client, "example-deployment")(ctx)
		if !ok {
			return false, desc
		}
		var sizes []string
		done := false
		for _, rs := range replicaSets(ctx, t, c.Client) {
			img := rs.Spec.Template.Spec.Containers[0].Image
			sizes = append(sizes, fmt.Sprintf("%s=%d", img, *rs.Spec.Replicas))
			if img == "nginx:1.27" && *rs.Spec.Replicas == 3 && rs.Status.AvailableReplicas == 3 {
				done = true
			}
		}
		return done && len(sizes) == 2, fmt.Sprint(sizes)
	})
	for _, rs := range replicaSets(ctx, t, c.Client) {
		if img := rs.Spec.Template.Spec.Containers[0].Image; img == "nginx:latest" && *rs.Spec.Replicas != 0 {
			t.Errorf("old ReplicaSet %s still wants %d replicas", rs.Name, *rs.Spec.Replicas)
		}
	}
	t.Logf("set image rolled out in %v", time.Since(step).Round(time.Millisecond))

	step = time.Now()
	run(ctx, t, c.Client, "kubectl delete deployment example-deployment")
	waitFor(ctx, t, c, "cascade", func(ctx context.Context) (bool, string) {
		rss := replicaSets(ctx, t, c.Client)
		pods, err := c.Client.CoreV1().Pods("default").List(ctx, metav1.ListOptions{LabelSelector: "app=nginx"})
		if err != nil {
			return false, err.Error()
		}
		return len(rss) == 0 && len(pods.Items) == 0, fmt.Sprintf("%d ReplicaSets, %d pods left", len(rss), len(pods.Items))
	})
	t.Logf("deletion cascaded in %v", time.Since(step).Round(time.Millisecond))
	if _, err := c.Client.CoreV1().Pods("default").Get(ctx, "example-pod", metav1.GetOptions{}); err != nil {
		t.Errorf("the bare pod should stay: %v", err)
	}
	var scaled int
	for _, e := range c.Events(0) {
		if e.Reason == "ScalingReplicaSet" {
			scaled++
		}
	}
	if scaled < 3 {
		t.Errorf("want the deployment controller's ScalingReplicaSet events (at least 3), got %d", scaled)
	}
}

// TestLockstep checks the lockstep model the differential relies on: with
// a manual kubelet, pods stay Pending until ReadyBatch readies them all at
// once, and WaitQuiet returns once the controllers are done reacting.
func TestLockstep(t *testing.T) {
	ctx := context.Background()
	c := cluster.Start(t, cluster.Options{Kubelet: cluster.KubeletOptions{Manual: true}})
	applyExample(ctx, t, c.Client)
	if err := c.WaitQuiet(ctx, 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	d, err := c.Client.AppsV1().Deployments("default").Get(ctx, "example-deployment", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status.Replicas != 3 || d.Status.ReadyReplicas != 0 {
		t.Fatalf("before the batch: want 3 pods, none ready; got %d, %d ready", d.Status.Replicas, d.Status.ReadyReplicas)
	}
	n, err := c.ReadyBatch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 4 { // three of the Deployment's and example-pod
		t.Errorf("ReadyBatch readied %d pods, want 4", n)
	}
	if err := c.WaitQuiet(ctx, 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if ok, desc := rolledOut(c.Client, "example-deployment")(ctx); !ok {
		t.Errorf("after the batch and settling: %s", desc)
	}
	if n, err := c.ReadyBatch(ctx); err != nil || n != 0 {
		t.Errorf("a second batch readied %d (%v), want none", n, err)
	}
}

// TestAPIServerRestart stops the API server under a client built from the
// kubeconfig file, and starts it again: the client's requests fail while it
// is down and succeed after, with the same kubeconfig, and the controllers
// and kubelet pick up where they were.
func TestAPIServerRestart(t *testing.T) {
	ctx := context.Background()
	c := cluster.Start(t, cluster.Options{})
	cfg, err := clientcmd.BuildConfigFromFlags("", c.KubeconfigPath)
	if err != nil {
		t.Fatal(err)
	}
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Discovery().ServerVersion(); err != nil {
		t.Fatalf("a client from the kubeconfig: %v", err)
	}
	c.StopAPIServer()
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	_, err = client.CoreV1().Namespaces().Get(short, "default", metav1.GetOptions{})
	cancel()
	if err == nil {
		t.Fatal("the API server is stopped, yet a request succeeded")
	}
	t.Logf("while stopped: %v", err)
	start := time.Now()
	if err := c.StartAPIServer(); err != nil {
		t.Fatal(err)
	}
	t.Logf("API server restarted in %v", time.Since(start).Round(time.Millisecond))
	applyExample(ctx, t, client)
	waitFor(ctx, t, c, "example-deployment available after the restart", rolledOut(client, "example-deployment"))
}

// TestRestrictedServiceAccount writes a kubeconfig for a ServiceAccount
// that may only read pods: the API server authorizes it with RBAC, so a
// client built from that kubeconfig reads pods and is refused a scale.
func TestRestrictedServiceAccount(t *testing.T) {
	ctx := context.Background()
	c := cluster.Start(t, cluster.Options{})
	applyExample(ctx, t, c.Client)
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
	cfg, err := clientcmd.BuildConfigFromFlags("", path)
	if err != nil {
		t.Fatal(err)
	}
	viewer, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := viewer.CoreV1().Pods("default").List(ctx, metav1.ListOptions{}); err != nil {
		t.Fatalf("the viewer may list pods: %v", err)
	}
	a, err := kubectl.Parse("kubectl scale deployment/example-deployment --replicas=5")
	if err != nil {
		t.Fatal(err)
	}
	_, err = realkubectl.Run(ctx, viewer, a)
	want := `Error from server (Forbidden): deployments.apps "example-deployment" is forbidden: User "system:serviceaccount:default:viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"`
	if err == nil || err.Error() != want {
		t.Errorf("scale as the viewer:\ngot  %v\nwant %s", err, want)
	}
}
