package diagram

import "testing"

// BenchmarkRender_Default draws the settled article example at 140 columns.
func BenchmarkRender_Default(b *testing.B) {
	snap := settled()
	b.ReportAllocs()
	for b.Loop() {
		_ = Render(snap, 140, Options{Color: true})
	}
}

// BenchmarkRender_10000Pods draws 10,000 pods (collapsed to glyphs).
func BenchmarkRender_10000Pods(b *testing.B) {
	snap := manyPods(10000)
	b.ReportAllocs()
	for b.Loop() {
		_ = Render(snap, 140, Options{Color: true})
	}
}
