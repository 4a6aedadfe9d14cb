package diagram

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestChoosePlan_ArticleExample: the article example in the main pane of
// the terminal sizes people have. Pod boxes from 120×40 (the article's
// picture); one line per pod at 80×24, where boxes cannot hold a rollout;
// never glyphs for three pods.
func TestChoosePlan_ArticleExample(t *testing.T) {
	for _, tc := range []struct {
		name       string
		w, h       int
		form       podForm
		beside     bool
		compactPod bool
	}{
		{"80x24: one line per pod, compact Pod", 80, 21, formLines, false, true},
		{"100x30: one line per pod, not glyphs", 100, 27, formLines, false, false},
		{"120x40: pod boxes, Deployment under the Pod", 120, 37, formBoxes, false, false},
		{"160x50: pod boxes, Deployment beside the Pod", 160, 47, formBoxes, true, false},
		{"200x60: pod boxes, Deployment beside the Pod", 200, 57, formBoxes, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := choosePlan(settled(), tc.w, &Options{Height: tc.h})
			want := plan{form: tc.form, beside: tc.beside, compactBare: tc.compactPod}
			if got != want {
				t.Fatalf("plan %+v, want %+v", got, want)
			}
			out := Render(settled(), tc.w, Options{Height: tc.h})
			if n := len(strings.Split(out, "\n")); n > tc.h {
				t.Fatalf("%d lines do not fit %d:\n%s", n, tc.h, out)
			}
		})
	}
}

var cutInBox = regexp.MustCompile(`… *[│┃┆]|… [─━┄]`)

// TestRender_NoCutsWhereThereIsRoom: at 80 columns and more, with or
// without a height to fit, no text is cut inside a box: boxes grow, text
// wraps at words, and parts are left out whole before anything is cut.
func TestRender_NoCutsWhereThereIsRoom(t *testing.T) {
	for _, sc := range scenes {
		snap := sc.snap()
		for w := 80; w <= 200; w += 6 {
			for _, h := range []int{0, 21, 37, 47, 57} {
				out := ansi.Strip(Render(snap, w, Options{Height: h, Cache: NewCache()}))
				for i, l := range strings.Split(out, "\n") {
					if cutInBox.MatchString(l) {
						t.Errorf("%s %dx%d line %d: text cut: %q", sc.name, w, h, i, strings.TrimSpace(l))
					}
				}
			}
		}
	}
}

var _ = fmt.Sprint
