package controller

import (
	"strings"
	"testing"
	"time"

	"podviz/controller/kubelet"
)

// TestSnapshot_WhyAPodIsStuck: the snapshot carries what the diagram needs
// to say why a pod is stuck: the runtime's pull error and when the next
// pull is due; the exit code and when the next restart is due.
func TestSnapshot_WhyAPodIsStuck(t *testing.T) {
	t.Run("a tag that does not exist: the pull error and the retry time", func(t *testing.T) {
		c := loadCluster(t, "web3")
		c.play(t, []step{{30 * time.Second, setImage("web", "nginx:9.99.9")}}, 35*time.Second)
		s := c.Snapshot()
		ctr := deploymentView(t, s, "web").ReplicaSets[1].Pods[0].Containers[0]
		if ctr.Reason != "ImagePullBackOff" || !strings.HasSuffix(ctr.Message, ": not found") {
			t.Fatalf("container %+v", ctr)
		}
		// Pulled at 30.5 s, failed 0.8 s later: the next pull is 10 s after.
		if want := 30*time.Second + kubelet.SandboxDelay + kubelet.PullFailDuration + kubelet.BackOffInitial; ctr.RetryAt != want {
			t.Fatalf("RetryAt %v, want %v (now %v)", ctr.RetryAt, want, s.Elapsed)
		}
	})
	t.Run("a crash loop: the exit code and the restart time", func(t *testing.T) {
		c := loadCluster(t, "crash")
		c.RunUntil(time.Minute)
		s := c.Snapshot()
		p := deploymentView(t, s, "crash").ReplicaSets[0].Pods[0]
		ctr := p.Containers[0]
		if !ctr.Exited || ctr.ExitCode == 0 {
			t.Fatalf("container %+v", ctr)
		}
		if ctr.Reason == "CrashLoopBackOff" && ctr.RetryAt <= s.Elapsed {
			t.Fatalf("in back-off, the restart is still to come: RetryAt %v at %v", ctr.RetryAt, s.Elapsed)
		}
	})
	t.Run("a running pod has no retry", func(t *testing.T) {
		c := loadCluster(t, "web3")
		c.RunUntil(30 * time.Second)
		ctr := deploymentView(t, c.Snapshot(), "web").ReplicaSets[0].Pods[0].Containers[0]
		if ctr.RetryAt != 0 || ctr.Exited || ctr.Message != "" {
			t.Fatalf("container %+v", ctr)
		}
	})
}

// TestSnapshot_RestartedRevision: `kubectl rollout restart` makes a
// revision whose ReplicaSet says so, with the virtual time of the restart.
func TestSnapshot_RestartedRevision(t *testing.T) {
	c := loadCluster(t, "web3")
	c.play(t, []step{{30 * time.Second, func(c *Cluster) (string, error) { return c.RolloutRestart("default", "web") }}}, time.Minute)
	rss := deploymentView(t, c.Snapshot(), "web").ReplicaSets
	if len(rss) != 2 || rss[0].Restarted || !rss[1].Restarted || rss[1].RestartedAt != 30*time.Second {
		t.Fatalf("ReplicaSets: first restarted %v; second restarted %v at %v", rss[0].Restarted, rss[1].Restarted, rss[1].RestartedAt)
	}
}
