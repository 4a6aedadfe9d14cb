package controller

import (
	"strings"
	"testing"
	"time"
)

// Each action prints what kubectl prints; a refused one returns kubectl's
// error line and leaves the store untouched (same resourceVersions).
func TestCluster_ActionErrors(t *testing.T) {
	cases := []struct {
		name string
		run  func(c *Cluster) (string, error)
		want string
	}{
		{"scale a missing deployment", func(c *Cluster) (string, error) { return c.Scale("", "nope", 3) },
			`Error from server (NotFound): deployments.apps "nope" not found`},
		{"scale to -1", func(c *Cluster) (string, error) { return c.Scale("", "web", -1) },
			"error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"},
		{"set image of a missing container", func(c *Cluster) (string, error) {
			return c.SetImage("", "web", []ContainerImage{{"php", "php:8"}})
		}, `error: unable to find container named "php"`},
		{"set an empty image", func(c *Cluster) (string, error) {
			return c.SetImage("", "web", []ContainerImage{{"nginx", ""}})
		}, `The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value`},
		{"delete a missing pod", func(c *Cluster) (string, error) { return c.DeletePod("", "ghost", DeleteOptions{}) },
			`Error from server (NotFound): pods "ghost" not found`},
		{"delete a missing deployment", func(c *Cluster) (string, error) { return c.DeleteDeployment("", "nope") },
			`Error from server (NotFound): deployments.apps "nope" not found`},
		{"undo without history", func(c *Cluster) (string, error) { return c.RolloutUndo("", "web", 0) },
			`error: no rollout history found for deployment "web"`},
		{"undo to a revision that does not exist", func(c *Cluster) (string, error) { return c.RolloutUndo("", "web", 7) },
			"error: unable to find specified revision 7 in history"},
		{"pause a missing deployment", func(c *Cluster) (string, error) { return c.RolloutPause("", "nope") },
			`Error from server (NotFound): deployments.apps "nope" not found`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := loadCluster(t, "web3")
			c.RunUntil(10 * time.Second)
			before := c.api.ResourceVersion()
			out, err := tc.run(c.Cluster)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got (%q, %v), want error %q", out, err, tc.want)
			}
			if c.api.ResourceVersion() != before {
				t.Errorf("a refused action changed the store (rv %d → %d)", before, c.api.ResourceVersion())
			}
		})
	}
}

func TestCluster_ActionOutputs(t *testing.T) {
	c := loadCluster(t, "web3")
	c.RunUntil(10 * time.Second)
	steps := []struct {
		run     func(c *Cluster) (string, error)
		want    string
		wantErr string // kubectl's refusal, exit 1
	}{
		{scale("web", 4), "deployment.apps/web scaled", ""},
		{setImage("web", "nginx:1.27"), "deployment.apps/web image updated", ""},
		{pause("web"), "deployment.apps/web paused", ""},
		{pause("web"), "", `error: deployments.apps "web" is already paused`},
		{undo("web", 0), "", "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"},
		{resume("web"), "deployment.apps/web resumed", ""},
		{resume("web"), "", `error: deployments.apps "web" is not paused`},
		{undo("web", 0), "deployment.apps/web rolled back", ""},
		{undo("web", 3), "deployment.apps/web skipped rollback (current template already matches revision 3)", ""},
		{func(c *Cluster) (string, error) { return c.RolloutRestart("", "web") }, "deployment.apps/web restarted", ""},
		{func(c *Cluster) (string, error) { return c.DeleteDeployment("", "web") }, `deployment.apps "web" deleted from default namespace`, ""},
	}
	for i, s := range steps {
		c.Advance(30 * time.Second)
		out, err := s.run(c.Cluster)
		if s.wantErr != "" {
			if err == nil || err.Error() != s.wantErr || out != "" {
				t.Errorf("step %d: got (%q, %v), want the refusal %q", i, out, err, s.wantErr)
			}
			continue
		}
		if err != nil || out != s.want {
			t.Errorf("step %d: got (%q, %v), want %q", i, out, err, s.want)
		}
	}
	c.Advance(time.Minute)
	s := c.Snapshot()
	if len(s.Deployments) != 0 || len(s.ReplicaSets) != 0 || len(s.BarePods) != 0 {
		t.Errorf("cascade left %d deployments, %d replicasets, %d pods", len(s.Deployments), len(s.ReplicaSets), len(s.BarePods))
	}
	if c.pods.Len() != 0 || c.rss.Len() != 0 {
		t.Errorf("store keeps %d pods, %d replicasets", c.pods.Len(), c.rss.Len())
	}
}

// TestCluster_SetImageUnchanged: setting the image a Deployment already has
// changes nothing and prints nothing, as kubectl skips an empty patch
// without a word (kubectl pkg/cmd/set/set_image.go: "no changes").
func TestCluster_SetImageUnchanged(t *testing.T) {
	c := loadCluster(t, "web3")
	c.RunUntil(10 * time.Second)
	before := c.api.ResourceVersion()
	out, err := setImage("web", "nginx:1.26")(c.Cluster)
	if err != nil || out != "" {
		t.Fatalf("got (%q, %v), want no output and no error", out, err)
	}
	if c.api.ResourceVersion() != before {
		t.Errorf("an unchanged image changed the store (rv %d → %d)", before, c.api.ResourceVersion())
	}
}

func TestCluster_RolloutHistory(t *testing.T) {
	c := loadCluster(t, "web3")
	c.play(t, []step{
		{30 * time.Second, setImage("web", "nginx:1.27")},
		{60 * time.Second, setImage("web", "nginx:1.28")},
		{90 * time.Second, undo("web", 1)},
	}, 120*time.Second)
	got, err := c.RolloutHistory("", "web", 0)
	want := "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n4         <none>\n\n"
	if err != nil || got != want {
		t.Errorf("history\n got %q\nwant %q", got, want)
	}
	if _, err := c.RolloutHistory("", "nope", 0); err == nil {
		t.Error("history of a missing deployment succeeded")
	}
}

// Apply: created, unchanged, configured (a changed template is a rollout).
func TestCluster_Apply(t *testing.T) {
	c := loadCluster(t, "web3")
	c.RunUntil(10 * time.Second)
	objs := mustParse(t, "web3")
	if out, err := c.Apply(objs); err != nil || out != "deployment.apps/web unchanged" {
		t.Fatalf("re-apply: %q %v", out, err)
	}
	objs.Deployments[0].Spec.Template.Spec.Containers[0].Image = "nginx:1.27"
	if out, err := c.Apply(objs); err != nil || out != "deployment.apps/web configured" {
		t.Fatalf("apply changed: %q %v", out, err)
	}
	c.RunUntil(60 * time.Second)
	if got := sizes(deploymentView(t, c.Snapshot(), "web")); got != "A0 B3" {
		t.Errorf("after apply: %s", got)
	}
}

func TestCluster_ApplySelectorIsImmutable(t *testing.T) {
	c := loadCluster(t, "web3")
	objs := mustParse(t, "web3")
	objs.Deployments[0].Spec.Selector.MatchLabels["tier"] = "x"
	objs.Deployments[0].Spec.Template.Labels["tier"] = "x"
	before := c.api.ResourceVersion()
	_, err := c.Apply(objs)
	if err == nil || !strings.HasPrefix(err.Error(), `The Deployment "web" is invalid: spec.selector: Invalid value: `) || !strings.HasSuffix(err.Error(), ": field is immutable") {
		t.Fatalf("got %v", err)
	}
	if c.api.ResourceVersion() != before {
		t.Error("a refused apply changed the store")
	}
}
