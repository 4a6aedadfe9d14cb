package tui

import "testing"

// TestCutWords_NeverSilently: a cut ends with the ellipsis, at a word
// boundary when there is one in the second half.
func TestCutWords_NeverSilently(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		w        int
		want     string
	}{
		{"fits as is", "→ deployment.apps/web scaled", 40, "→ deployment.apps/web scaled"},
		{"cut at the last space that fits", "→ deployment.apps/example-deployment image updated", 45, "→ deployment.apps/example-deployment image…"},
		{"one long word is cut inside it", "deployment.apps/example-deployment", 12, "deployment.…"},
		{"no room", "abc", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := cutWords(tc.in, tc.w, "…"); got != tc.want {
				t.Fatalf("cutWords(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
			}
		})
	}
}
