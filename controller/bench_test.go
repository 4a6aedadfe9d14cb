package controller

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"podviz/model"
)

func bigCluster(b *testing.B, replicas string) *Cluster {
	b.Helper()
	data, err := os.ReadFile("testdata/web3.yaml")
	if err != nil {
		b.Fatal(err)
	}
	yaml := strings.Replace(string(data), "replicas: 3", "replicas: "+replicas, 1)
	objs, err := model.Parse("big.yaml", []byte(yaml), nil)
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

// BenchmarkRollingUpdate10000 is a 10,000-replica rolling update (25%/25%)
// from set image to completion. Goal: ≤ 1 s CPU.
func BenchmarkRollingUpdate10000(b *testing.B) {
	b.ReportAllocs()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c := bigCluster(b, "10000")
		start := cpuTime()
		b.StartTimer()
		if _, err := c.SetImage("", "web", []ContainerImage{{"*", "nginx:1.27"}}); err != nil {
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
	// CPU time (user + system, all threads: GC included) is the goal's
	// measure; wall time swings with the machine's load.
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIdleStep10000 advances the clock by a second with 10,000 settled
// pods and nothing pending. Goal: ≤ 50 µs.
func BenchmarkIdleStep10000(b *testing.B) {
	c := bigCluster(b, "10000")
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		c.Advance(time.Second)
		c.Step()
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkSnapshot10000 builds the Snapshot of 10,000 settled pods.
func BenchmarkSnapshot10000(b *testing.B) {
	c := bigCluster(b, "10000")
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		_ = c.Snapshot()
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
