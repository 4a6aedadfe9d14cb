package controller

import (
	"strings"
	"testing"
	"time"

	"podviz/model"
)

// busyYAML is a Deployment whose pods run a shell loop that never sleeps:
// a container that burns its CPU for ever, Running.
const busyYAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: spin
spec:
  replicas: REPLICAS
  selector:
    matchLabels:
      app: spin
  template:
    metadata:
      labels:
        app: spin
    spec:
      containers:
        - name: spin
          image: busybox:1.36
          command: ["sh", "-c", "SCRIPT"]
`

func busyCluster(tb testing.TB, replicas, script string) *Cluster {
	tb.Helper()
	yaml := strings.Replace(strings.Replace(busyYAML, "REPLICAS", replicas, 1), "SCRIPT", script, 1)
	objs, err := model.Parse("spin.yaml", []byte(yaml), nil)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := New(objs, Options{Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// BenchmarkStartBusyLoop5000: 5,000 replicas of a loop that never sleeps,
// from creation until the rollout is complete. Its iterations change
// nothing, so each container's start costs what a sleeping one's does.
func BenchmarkStartBusyLoop5000(b *testing.B) {
	for _, tc := range []struct{ name, script string }{
		{"sleep", "while true; do sleep 3600; done"},
		{"colon", "while true; do :; done"},
		{"append", "while true; do echo spin >> /tmp/spin.log; done"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				c := busyCluster(b, "5000", tc.script)
				start := cpuTime()
				b.StartTimer()
				c.RunUntil(time.Minute)
				b.StopTimer()
				cpu += cpuTime() - start
				b.StartTimer()
				if d := c.Snapshot().Deployments[0]; !d.RolloutDone {
					b.Fatalf("not done: %q", d.RolloutStatus)
				}
			}
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// A container in a loop that never sleeps is Running and ready as any
// running container without a probe is, and asks nothing of the clock:
// the cluster settles calm, as kubectl would show it, 1/1 Running.
func TestBusyLoopPods_RunningAndCalm(t *testing.T) {
	for _, script := range []string{"while true; do :; done", "i=0; while true; do i=$((i+1)); done"} {
		c := busyCluster(t, "3", script)
		c.RunUntil(time.Minute)
		d := c.Snapshot().Deployments[0]
		if !d.RolloutDone {
			t.Fatalf("%s: not done: %q", script, d.RolloutStatus)
		}
		for _, p := range d.ReplicaSets[0].Pods {
			if p.Phase != "Running" || p.Status != "Running" || p.ReadyContainers != 1 || p.Restarts != 0 {
				t.Errorf("%s: pod %s %s %s %d/%d restarts %d", script, p.Name, p.Phase, p.Status, p.ReadyContainers, p.TotalContainers, p.Restarts)
			}
		}
		if at, ok := c.NextTransition(); ok {
			t.Errorf("%s: a transition is pending at %v", script, at)
		}
	}
}
