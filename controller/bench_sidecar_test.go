package controller

import (
	"strings"
	"testing"
	"time"

	"podviz/model"
)

// sidecarYAML is a Deployment whose pods have an nginx app container with
// a readiness probe and a native sidecar appending to a shared emptyDir
// every second — the issue-11 benchmark's pods.
const sidecarYAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: REPLICAS
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
        - name: logger
          image: busybox:1.36
          restartPolicy: Always
          command: ["sh", "-c", "while true; do echo tick >> /logs/app.log; sleep 1; done"]
          volumeMounts:
            - name: logs
              mountPath: /logs
      containers:
        - name: nginx
          image: nginx:1.26
          ports:
            - containerPort: 80
          readinessProbe:
            httpGet:
              path: /
              port: 80
            periodSeconds: 5
          volumeMounts:
            - name: logs
              mountPath: /var/log/app
      volumes:
        - name: logs
          emptyDir: {}
`

func bigSidecarCluster(b *testing.B, replicas string) *Cluster {
	b.Helper()
	objs, err := model.Parse("sidecar.yaml", []byte(strings.Replace(sidecarYAML, "REPLICAS", replicas, 1)), nil)
	if err != nil {
		b.Fatal(err)
	}
	c, err := New(objs, Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	c.RunUntil(time.Minute)
	if d := c.Snapshot().Deployments[0]; !d.RolloutDone {
		b.Fatalf("not settled: %q", d.RolloutStatus)
	}
	return c
}

// BenchmarkRollingUpdateSidecar10000: BenchmarkRollingUpdate10000 with the
// sidecar pods. Goal: within 2x its CPU.
func BenchmarkRollingUpdateSidecar10000(b *testing.B) {
	b.ReportAllocs()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c := bigSidecarCluster(b, "10000")
		start := cpuTime()
		b.StartTimer()
		if _, err := c.SetImage("", "web", []ContainerImage{{"nginx", "nginx:1.27"}}); err != nil {
			b.Fatal(err)
		}
		for c.Step() {
		}
		b.StopTimer()
		cpu += cpuTime() - start
		b.StartTimer()
		if d := c.Snapshot().Deployments[0]; !d.RolloutDone {
			b.Fatalf("not done: %q", d.RolloutStatus)
		}
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkIdleStepSidecar10000: a settled 10,000-pod Deployment of
// sidecar pods, the clock advanced a second. The sidecars' steady loops
// and the passing readiness probes ask for no wake-ups. Goal: ≤ 50 µs.
func BenchmarkIdleStepSidecar10000(b *testing.B) {
	c := bigSidecarCluster(b, "10000")
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		c.Advance(time.Second)
		c.Step()
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// The sidecar pods settle with nothing on the clock.
func TestSidecarPodsSettleIdle(t *testing.T) {
	objs, err := model.Parse("sidecar.yaml", []byte(strings.Replace(sidecarYAML, "REPLICAS", "20", 1)), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(objs, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	c.RunUntil(time.Minute)
	d := c.Snapshot().Deployments[0]
	if !d.RolloutDone || d.ReplicaSets[0].Pods[0].TotalContainers != 2 || d.ReplicaSets[0].Pods[0].ReadyContainers != 2 {
		t.Fatalf("not settled: %q %+v", d.RolloutStatus, d.ReplicaSets[0].Pods[0])
	}
	if at, ok := c.NextTransition(); ok {
		t.Fatalf("a transition is pending at %v", at)
	}
}
