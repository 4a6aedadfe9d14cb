package diagram

import (
	"strings"
	"testing"

	"podviz/controller"
)

// bottomOf is the line of the picture where the Deployment box ends, and
// the picture's height.
func bottomOf(t *testing.T, pic string) (int, int) {
	t.Helper()
	lines := strings.Split(pic, "\n")
	last := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "╰") {
			last = i
		}
	}
	if last < 0 {
		t.Fatalf("no Deployment box:\n%s", pic)
	}
	return last, len(lines)
}

func TestRender_ReserveKeepsTheBoxWhileScaling(t *testing.T) {
	s := newSuffixes()
	three := snapshotAt(0, nil, deployment(3, 1, rs("585c5579f6", "nginx:latest", 1, true, rsPods(s, "585c5579f6", 3, 3, readyPodImage("nginx:latest"))...)))
	s = newSuffixes()
	ten := snapshotAt(0, nil, deployment(10, 1, rs("585c5579f6", "nginx:latest", 1, true, rsPods(s, "585c5579f6", 10, 3, readyPodImage("nginx:latest"))...)))
	for _, size := range []struct{ w, h int }{{80, 40}, {120, 40}, {200, 60}} {
		without3, _ := bottomOf(t, Render(three, size.w, Options{Height: size.h}))
		without10, _ := bottomOf(t, Render(ten, size.w, Options{Height: size.h}))
		if without3 == without10 {
			t.Fatalf("%dx%d: the box does not grow from 3 to 10 replicas without a reserve; the test shows nothing", size.w, size.h)
		}
		opts := Options{Height: size.h, Reserve: Reserve{Deployments: map[string]int{"default/example-deployment": 10}}}
		b3, h3 := bottomOf(t, Render(three, size.w, opts))
		b10, h10 := bottomOf(t, Render(ten, size.w, opts))
		if b3 != b10 || h3 != h10 {
			t.Errorf("%dx%d with room for 10: the box ends on line %d at 3 replicas and %d at 10 (heights %d, %d)", size.w, size.h, b3, b10, h3, h10)
		}
		all := Options{Height: size.h, Reserve: Reserve{All: 10}}
		if a3, _ := bottomOf(t, Render(three, size.w, all)); a3 != b3 {
			t.Errorf("%dx%d: Reserve.All 10 ends the box on line %d, the per-Deployment reserve on %d", size.w, size.h, a3, b3)
		}
	}
}

func readyPodImage(image string) func(name, owner, ip string) controller.PodView {
	return func(name, owner, ip string) controller.PodView { return readyPod(name, owner, ip, image) }
}
