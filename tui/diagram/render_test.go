package diagram

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"podviz/controller"
)

var scenes = []struct {
	name string
	snap func() *controller.Snapshot
}{
	{"settled", settled},
	{"rolling-update", rollingUpdate},
	{"image-pull-backoff", imagePullBackOff},
	{"crash-loop", crashLoop},
	{"killed-bare-pod", killedBarePod},
	{"1000-pods", func() *controller.Snapshot { return manyPods(1000) }},
	{"sidecar", sidecar},
	{"native-sidecar", nativeSidecar},
}

// TestRender_Goldens pins every scene at the TUI's two reference widths, in
// Unicode and in ASCII. Regenerate with `go test ./tui/diagram -update` and
// read every changed file before committing it.
func TestRender_Goldens(t *testing.T) {
	for _, sc := range scenes {
		for _, w := range []int{80, 140} {
			for _, ascii := range []bool{false, true} {
				name := fmt.Sprintf("%s-%d", sc.name, w)
				if ascii {
					name += "-ascii"
				}
				t.Run(name, func(t *testing.T) {
					out := Render(sc.snap(), w, Options{ASCII: ascii})
					golden.RequireEqual(t, out+"\n")
				})
			}
		}
	}
}

// TestRender_NeverWiderThanWidth checks every scene at many widths, tiny ones
// included, with and without colour.
func TestRender_NeverWiderThanWidth(t *testing.T) {
	for _, sc := range scenes {
		snap := sc.snap()
		for w := 1; w <= 200; w++ {
			for _, o := range []Options{{}, {ASCII: true}, {Color: true}, {ASCII: true, Color: true, Selected: "uid-example-pod"}} {
				out := Render(snap, w, o)
				for i, l := range strings.Split(out, "\n") {
					if got := ansi.StringWidth(l); got > w {
						t.Fatalf("%s width %d %+v: line %d is %d cells: %q", sc.name, w, o, i, got, ansi.Strip(l))
					}
				}
			}
		}
	}
}

// TestRender_ASCIIIsPureASCII: --ascii output is printable 7-bit text and
// newlines, nothing else.
func TestRender_ASCIIIsPureASCII(t *testing.T) {
	for _, sc := range scenes {
		for _, w := range []int{10, 20, 80, 140} {
			out := Render(sc.snap(), w, Options{ASCII: true, Selected: "uid-" + depName})
			for i := 0; i < len(out); i++ {
				if c := out[i]; c != '\n' && (c < 0x20 || c > 0x7e) {
					t.Fatalf("%s width %d: byte %#x at %d", sc.name, w, c, i)
				}
			}
		}
	}
}

// TestRender_NoControlCharactersFromInput: a hostile name cannot reach the
// terminal as a control sequence.
func TestRender_NoControlCharactersFromInput(t *testing.T) {
	snap := settled()
	snap.BarePods[0].Name = "evil\x1b[2Jpod\x07\u009b"
	snap.BarePods[0].Containers[0].Image = "nginx\r\n:latest"
	out := Render(snap, 100, Options{})
	if strings.ContainsAny(out, "\x1b\x07\r\u009b") {
		t.Fatalf("control character passed through:\n%q", out)
	}
	if !strings.Contains(out, "evil[2Jpod") {
		t.Fatalf("the printable part of the name should remain:\n%s", out)
	}
}

// TestRender_Pure: the same snapshot gives the same text, with or without a
// cache, and the snapshot is not modified.
func TestRender_Pure(t *testing.T) {
	for _, sc := range scenes {
		snap := sc.snap()
		before := fmt.Sprintf("%+v", *snap)
		a := Render(snap, 120, Options{Color: true})
		c := NewCache()
		b := Render(snap, 120, Options{Color: true, Cache: c})
		d := Render(snap, 120, Options{Color: true, Cache: c})
		if a != b || b != d {
			t.Fatalf("%s: output differs between calls or with the cache", sc.name)
		}
		if after := fmt.Sprintf("%+v", *snap); after != before {
			t.Fatalf("%s: Render modified the snapshot", sc.name)
		}
	}
}

// TestRender_StatesWithoutColour: every pod state has its own symbol, so a
// reader without colour can tell them apart, in both glyph sets.
func TestRender_StatesWithoutColour(t *testing.T) {
	for _, g := range []glyphSet{unicodeGlyphs, asciiGlyphs} {
		seen := map[string]podState{}
		for s := podState(0); s < numStates; s++ {
			if s == stateBackOff { // ErrImagePull and ImagePullBackOff are one failure; the word tells them apart
				continue
			}
			if prev, ok := seen[g.states[s]]; ok {
				t.Errorf("states %d and %d share glyph %q", prev, s, g.states[s])
			}
			seen[g.states[s]] = s
		}
	}
}

// TestRender_SelectedIsVisibleWithoutColour: the selected box uses another
// border set.
func TestRender_SelectedIsVisibleWithoutColour(t *testing.T) {
	snap := settled()
	out := Render(snap, 140, Options{Selected: snap.Deployments[0].ReplicaSets[0].Pods[1].UID})
	if strings.Count(out, "┏") != 1 {
		t.Fatalf("want exactly one heavy box:\n%s", out)
	}
	out = Render(snap, 140, Options{ASCII: true, Selected: snap.BarePods[0].UID})
	if !strings.Contains(out, "#=") {
		t.Fatalf("want the ASCII selected border:\n%s", out)
	}
}

// TestRender_PodsKeepTheirSlots: a pod changing state does not move any box.
func TestRender_PodsKeepTheirSlots(t *testing.T) {
	a := settled()
	b := settled()
	p := &b.Deployments[0].ReplicaSets[0].Pods[0]
	*p = pod(p.Name, p.Owner, "", nginx("nginx:latest", "Waiting", "ContainerCreating", false, 0), 0)
	la := strings.Split(ansi.Strip(Render(a, 80, Options{})), "\n")
	lb := strings.Split(ansi.Strip(Render(b, 80, Options{})), "\n")
	if len(la) != len(lb) {
		t.Fatalf("height changed: %d → %d", len(la), len(lb))
	}
	for i := range la {
		if len(la[i]) != len(lb[i]) && !strings.Contains(la[i]+lb[i], "ready") {
			t.Errorf("line %d changed shape:\n%s\n%s", i, la[i], lb[i])
		}
	}
}

// TestPodGrid_Wording: the grid's count line reads as a sentence — one
// space after "N pods:", a dot between counts — and a ReplicaSet with no
// pod says "no pods", as the other forms do, not "0 pods:".
func TestPodGrid_Wording(t *testing.T) {
	p := &painter{g: &unicodeGlyphs, pal: noColor}
	pods := []controller.PodView{{Name: "a", Status: "Running", Ready: true}, {Name: "b", Status: "Pending"}}
	out, _ := podGrid(p, pods, 80, &Options{})
	if got := out[0].s; strings.Contains(got, "  ") || !strings.HasPrefix(got, "2 pods: ") || !strings.Contains(got, " · ") {
		t.Errorf("count line %q", got)
	}
	out, _ = podGrid(p, nil, 80, &Options{})
	if len(out) != 1 || out[0].s != "no pods" {
		t.Errorf("no pods: %v", out)
	}
}
