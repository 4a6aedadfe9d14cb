package palette

import (
	"image/color"
	"math"
	"testing"
)

// TestContrast_KnownPairs pins the formula on WCAG's own landmarks.
func TestContrast_KnownPairs(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		want float64
	}{
		{"black on white is 21:1", "#000000", "#FFFFFF", 21},
		{"a colour on itself is 1:1", "#7F849C", "#7F849C", 1},
		{"#767676 on white is the classic 4.54:1", "#767676", "#FFFFFF", 4.54},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Contrast(hex(tc.a), hex(tc.b)); math.Abs(got-tc.want) > 0.01 {
				t.Fatalf("Contrast(%s, %s) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

// TestPalettes_WCAGContrast: every text colour of each palette is at least
// 4.5:1 and every border 3:1 against each background the palette is for.
func TestPalettes_WCAGContrast(t *testing.T) {
	for _, pc := range []struct {
		name string
		p    Palette
		bgs  []color.Color
	}{
		{"dark", Dark, DarkBackgrounds},
		{"light", Light, LightBackgrounds},
	} {
		for _, bg := range pc.bgs {
			for role, c := range pc.p.TextRoles() {
				if r := Contrast(c, bg); r < MinTextContrast {
					t.Errorf("%s palette: %s %v on %v is %.2f:1, below %.1f:1", pc.name, role, c, bg, r, MinTextContrast)
				}
			}
			for role, c := range pc.p.BorderRoles() {
				if r := Contrast(c, bg); r < MinBorderContrast {
					t.Errorf("%s palette: %s %v on %v is %.2f:1, below %.1f:1", pc.name, role, c, bg, r, MinBorderContrast)
				}
			}
		}
	}
}

// TestPalettes_OldIsDimmerThanLabel: an old ReplicaSet reads as dimmer than
// the labels around it (nearer the background), while still passing.
func TestPalettes_OldIsDimmerThanLabel(t *testing.T) {
	if !(Luminance(Dark.Old) < Luminance(Dark.Label)) {
		t.Error("dark: Old should be darker than Label")
	}
	if !(Luminance(Light.Old) > Luminance(Light.Label)) {
		t.Error("light: Old should be lighter than Label")
	}
}
