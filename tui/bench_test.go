package tui

import (
	"testing"
	"time"
)

// BenchmarkView_Default is one frame of the settled article example at
// 140×40 (goal ≤ 0.5 ms). The diagram is redrawn every time (as after a
// tick that changed something; pod boxes come from the cache); taking the
// snapshot is the controller's cost and is not measured here.
func BenchmarkView_Default(b *testing.B) {
	m := newTestModel(b, nil, 140, 40, Options{Color: true})
	runFor(m, 30*time.Second)
	b.ReportAllocs()
	for b.Loop() {
		m.diagramKey = diagramKey{}
		_ = m.View()
	}
}

// BenchmarkView_10000Pods is one frame with 10,000 pods (goal ≤ 16 ms).
func BenchmarkView_10000Pods(b *testing.B) {
	m := newTestModel(b, nil, 140, 40, Options{Color: true})
	runFor(m, 30*time.Second)
	command(m, "scale deployment/example-deployment --replicas=10000")
	runFor(m, 5*time.Second)
	b.ReportAllocs()
	for b.Loop() {
		m.diagramKey = diagramKey{}
		_ = m.View()
	}
}

// BenchmarkView_Unchanged is a frame when nothing changed since the last one
// (a key that only moved the help, a resize to the same size): nothing is
// redrawn, the cached pieces are joined.
func BenchmarkView_Unchanged(b *testing.B) {
	m := newTestModel(b, nil, 140, 40, Options{Color: true})
	runFor(m, 30*time.Second)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}
