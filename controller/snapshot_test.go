package controller

import (
	"testing"
	"time"

	"podviz/controller/apiserver"
)

// TestPodView_LastRestartIsTheLatestTermination: a pod's Restarts sums its
// containers' restart counts and LastRestart is the latest of their last
// terminations, to the second (kubectl's RESTARTS column, upstream
// printPod: the latest lastState.terminated.finishedAt over every
// container, not the first's or the last's). Container "slow" exits after
// 30 s, "fast" at once: which one ended last changes over time.
func TestPodView_LastRestartIsTheLatestTermination(t *testing.T) {
	c := parseCluster(t, `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
    - name: slow
      image: busybox:1.36
      command: ["sleep", "30"]
    - name: fast
      image: busybox:1.36
      command: ["sh", "-c", "exit 1"]
`)
	if v := c.Snapshot().BarePods[0]; v.Restarts != 0 || !v.LastRestart.IsZero() {
		t.Fatalf("before any exit: restarts %d, last restart %v", v.Restarts, v.LastRestart)
	}
	winners := map[string]bool{}
	for at := 5 * time.Second; at <= 5*time.Minute; at += 5 * time.Second {
		c.RunUntil(at)
		p := c.pods.Get(apiserver.Key("default", "two"))
		var sum int32
		var latest time.Time
		winner := ""
		for _, st := range p.Status.ContainerStatuses {
			sum += st.RestartCount
			if term := st.LastTerminationState.Terminated; term != nil && term.FinishedAt.After(latest) {
				latest, winner = term.FinishedAt.Time, st.Name
			}
		}
		v := c.Snapshot().BarePods[0]
		if v.Restarts != sum {
			t.Fatalf("at %s: restarts %d, want %d (the sum)", at, v.Restarts, sum)
		}
		if want := latest.Truncate(time.Second); !v.LastRestart.Equal(want) {
			t.Fatalf("at %s: last restart %s, want %s (%s's, the latest)", at, v.LastRestart.Sub(Epoch), want.Sub(Epoch), winner)
		}
		winners[winner] = true
	}
	if !winners["slow"] || !winners["fast"] {
		t.Fatalf("the latest termination should be each container's at some point, got %v", winners)
	}
}
