package headless

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	tea "charm.land/bubbletea/v2"

	"podviz/e2e/cluster"
	"podviz/source/kube"
	"podviz/tui/live"
)

// drive is the live view on a real cluster, fed keys as Bubble Tea would
// feed them, its commands run in place (an action's API calls included).
type drive struct {
	t *testing.T
	m *live.Model
}

func openLive(t *testing.T, kubeconfig string, opts live.Options) (*drive, *kube.Source) {
	t.Helper()
	src, err := kube.Open(context.Background(), kube.Options{Kubeconfig: kubeconfig})
	if err != nil {
		t.Fatal(kube.Message(err))
	}
	t.Cleanup(src.Close)
	opts.Run = src.Run
	tg := src.Target()
	m := live.New(src, live.Target{Context: tg.Context, Namespace: tg.Namespace, Version: src.ServerVersion()}, opts)
	m.Update(tea.WindowSizeMsg{Width: 300, Height: 50}) // wide enough for the API server's whole error
	return &drive{t: t, m: m}, src
}

// key presses one key and runs the command it returns, once (an action's
// API call, not the view's timers).
func (d *drive) key(k string) {
	var msg tea.KeyPressMsg
	if k == "enter" {
		msg = tea.KeyPressMsg{Code: tea.KeyEnter}
	} else {
		msg = tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
	}
	_, cmd := d.m.Update(msg)
	if cmd != nil {
		d.m.Update(cmd())
	}
}

func (d *drive) foot() string {
	s := d.m.Render()
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// TestLive_WriteScales: with --write, + on the article's Deployment asks
// first (context, namespace, exact command), y scales it through the
// scale subresource, and podviz's own informers see the fourth pod.
// Read-only, the same key only names the command.
func TestLive_WriteScales(t *testing.T) {
	c := setUp(t)
	ro, _ := openLive(t, c.KubeconfigPath, live.Options{ASCII: true})
	ro.key("+")
	if want := "read-only (podviz --write acts): kubectl scale deployment/example-deployment --replicas=4"; ro.foot() != want {
		t.Errorf("read-only +: %q, want %q", ro.foot(), want)
	}

	d, src := openLive(t, c.KubeconfigPath, live.Options{ASCII: true, Write: true})
	if first, _, _ := strings.Cut(d.m.Render(), "\n"); !strings.Contains(first, "context e2e | namespace default | v") || !strings.HasSuffix(first, "| connected | WRITE") {
		t.Errorf("status bar %q", first)
	}
	d.key("+")
	if want := "context e2e, namespace default: run `kubectl scale deployment/example-deployment --replicas=4`? y/n"; d.foot() != want {
		t.Fatalf("confirmation %q, want %q", d.foot(), want)
	}
	d.key("y")
	if want := "deployment.apps/example-deployment scaled"; d.foot() != want {
		t.Fatalf("after y: %q, want %q", d.foot(), want)
	}
	waitFor(t, "podviz sees 4 ready pods", func(ctx context.Context) (bool, string) {
		snap := src.Snapshot()
		for _, dv := range snap.Deployments {
			if dv.Name == "example-deployment" {
				return dv.Replicas == 4 && dv.AvailableReplicas == 4, dv.RolloutStatus
			}
		}
		return false, "no deployment"
	})

	// A rollout driven by a key: r restarts every pod (the restartedAt
	// annotation), and podviz sees the third ReplicaSet roll out.
	d.key("r")
	d.key("y")
	if want := "deployment.apps/example-deployment restarted"; d.foot() != want {
		t.Fatalf("after r, y: %q, want %q", d.foot(), want)
	}
	waitFor(t, "podviz sees the restart roll out", func(ctx context.Context) (bool, string) {
		for _, dv := range src.Snapshot().Deployments {
			if dv.Name == "example-deployment" {
				return len(dv.ReplicaSets) == 3 && dv.RolloutDone && dv.AvailableReplicas == 4 && dv.UpdatedReplicas == 4, dv.RolloutStatus
			}
		}
		return false, "no deployment"
	})
}

// TestLive_WriteForbidden: a ServiceAccount that may read but not write
// is refused the scale, in kubectl's words, on the view's last line.
func TestLive_WriteForbidden(t *testing.T) {
	c := setUp(t)
	d, _ := openLive(t, readerKubeconfig(t, c), live.Options{ASCII: true, Write: true, Yes: true})
	d.key("+")
	want := `Error from server (Forbidden): deployments.apps "example-deployment" is forbidden: User "system:serviceaccount:default:reader" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"`
	if d.foot() != want {
		t.Errorf("got  %q\nwant %q", d.foot(), want)
	}
}

// readerKubeconfig is a ServiceAccount that may read what podviz draws
// and change nothing.
func readerKubeconfig(t *testing.T, c *cluster.Cluster) string {
	t.Helper()
	ctx := context.Background()
	const sa = "reader"
	if _, err := c.Client.CoreV1().ServiceAccounts("default").Create(ctx, &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: sa}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	read := []string{"get", "list", "watch"}
	role := &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "podviz-reader"}, Rules: []rbacv1.PolicyRule{
		{APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: read},
		{APIGroups: []string{"apps"}, Resources: []string{"deployments", "replicasets"}, Verbs: read},
		{APIGroups: []string{"events.k8s.io"}, Resources: []string{"events"}, Verbs: read},
	}}
	if _, err := c.Client.RbacV1().Roles("default").Create(ctx, role, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	binding := &rbacv1.RoleBinding{ObjectMeta: metav1.ObjectMeta{Name: "reader-reads"},
		RoleRef:  rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "Role", Name: "podviz-reader"},
		Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: sa, Namespace: "default"}}}
	if _, err := c.Client.RbacV1().RoleBindings("default").Create(ctx, binding, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	tok, err := c.Client.CoreV1().ServiceAccounts("default").CreateToken(ctx, sa, &authenticationv1.TokenRequest{}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "reader.kubeconfig")
	if err := c.WriteKubeconfig(path, tok.Status.Token); err != nil {
		t.Fatal(err)
	}
	return path
}
