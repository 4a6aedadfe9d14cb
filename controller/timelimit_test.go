package controller

import (
	"testing"
	"time"

	"podviz/model"
)

// TestCluster_RunUntil_StopsAtMaxVirtualTime: the clock never passes the
// limit, even with a crash loop that always has a next restart.
func TestCluster_RunUntil_StopsAtMaxVirtualTime(t *testing.T) {
	c := loadCluster(t, "crash").Cluster
	c.RunUntil(model.MaxVirtualTime + time.Hour)
	if c.Elapsed() != model.MaxVirtualTime || !c.AtTimeLimit() {
		t.Fatalf("clock at %v, at limit %v", c.Elapsed(), c.AtTimeLimit())
	}
	if c.Step() {
		t.Error("Step fired a transition past the limit")
	}
	if _, ok := c.NextTransition(); ok {
		t.Error("a transition is still pending past the limit")
	}
	if s := c.Snapshot(); !s.Idle || !s.AtTimeLimit {
		t.Errorf("snapshot Idle %v AtTimeLimit %v, want both", s.Idle, s.AtTimeLimit)
	}
}

func TestCluster_RunUntilSettled(t *testing.T) {
	t.Run("web10 settles once its pods are available", func(t *testing.T) {
		c := loadCluster(t, "web10").Cluster
		at := c.RunUntilSettled(10 * time.Minute)
		if _, busy := c.NextTransition(); busy || at <= 0 || at >= 10*time.Minute {
			t.Fatalf("stopped at %v, busy %v", at, busy)
		}
		if d := deploymentView(t, c.Snapshot(), "web"); d.AvailableReplicas != 10 {
			t.Errorf("settled with %d available, want 10", d.AvailableReplicas)
		}
	})
	t.Run("a crash loop never settles: it stops at the limit", func(t *testing.T) {
		c := loadCluster(t, "crash").Cluster
		if at := c.RunUntilSettled(10 * time.Minute); at != 10*time.Minute {
			t.Fatalf("stopped at %v, want 10m", at)
		}
	})
}
