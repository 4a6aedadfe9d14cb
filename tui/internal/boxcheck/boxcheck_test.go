package boxcheck

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	cases := []struct {
		name   string
		opts   Options
		screen string
		want   string // "" for none; else a part of the first problem
	}{
		{"nested rounded boxes side by side", Options{}, `
╭─ Deployment web ───────────────╮
│ replicas 3                     │
│ ╭─ a ──────╮ ╭─ b ─────────╮   │
│ │ ● Ready  │ │ 日本 wide   │   │
│ ╰──────────╯ ╰─────────────╯   │
╰────────────────────────────────╯`, ""},
		{"a title that fills the top edge", Options{}, `
╭─ web-5d4f8b7c9 ╮
│ x              │
╰────────────────╯`, ""},
		{"ASCII, selected and dashed", Options{}, `
+- Pod a ----+  #= Pod b ====#  +. gone ....+
| * Ready    |  # * Ready    #  :           :
| 3 + surge  |  #            #  :           :
+------------+  #============#  +...........+`, ""},
		{"text with a plus and a bar is not a box", Options{}, `
max 4 pods (3 + surge 1) | ok`, ""},
		{"top edge one cell short", Options{}, `
╭─ a ────╮
│ x       │
╰─────────╯`, "line 1, column 11: the rounded box at line 1, column 1: the top edge has nothing above the bottom-right corner"},
		{"top edge one cell long", Options{}, `
╭─ a ──────╮
│ x       │
╰─────────╯`, `the top edge has "─" above the bottom-right corner`},
		{"bottom edge one cell short", Options{}, `
╭─ a ──────╮
│ x        │
│ y        │
╰─────────╯`, `line 4, column 11: the bottom edge of the rounded box at line 1, column 1 is 1 cell short: its corner is at column 11, the top-right corner and the right side at column 12`},
		{"bottom edge one cell long", Options{}, `
╭─ a ──────╮
│ x        │
╰───────────╯`, `the bottom edge of the rounded box at line 1, column 1 is 1 cell long`},
		{"a body line one cell short", Options{}, `
+- a -----+
| x       |
| y      |
+---------+`, "line 3, column 11: the ASCII box at line 1, column 1: the right side has nothing, want \"|\" (this line of the box is 1 cell short)"},
		{"a body line one cell long", Options{}, `
╭─ a ─────╮
│ x        │
╰─────────╯`, "this line of the box is 1 cell long"},
		{"the left side broken", Options{}, `
╭─ a ─────╮
│ x       │
  y       │
╰─────────╯`, "line 3, column 1: the left side of the rounded box at line 1, column 1 ends in \" \""},
		{"a stray corner", Options{}, `
ok ╮ text`, `line 1, column 4: corner "╮" belongs to no complete box`},
		{"a stray ASCII corner beside a rule", Options{}, `
text +---- more`, `line 1, column 6: corner "+" belongs to no complete box`},
		{"a box straddling its parent's border", Options{}, `
╭─ a ─────╮
│ x   ╭─ b ───╮
│     │ y │   │
╰─────┼───╯   │
      ╰───────╯`, `line 4, column 7: the bottom edge of the rounded box at line 1, column 1 ends in "┼"`},
		{"overlapping boxes", Options{}, `
╭─ a ─────╮
│ x  ╭─ b ┼──╮
╰────┼────╯  │
     ╰───────╯`, `line 3, column 6: the bottom edge of the rounded box at line 1, column 1 ends in "┼"`},
		{"a nested box touching its parent's side", Options{}, `
╭─ a ─────╮
╭─ b ─╮   │
╰─────╯   │
╰─────────╯`, `line 1, column 1: corner "╭" belongs to no complete box`},
		{"a viewport cuts boxes at the bottom", Options{Viewport: true}, `
┏━ web ━━━━━━━━━━━━━┓
┃ replicas 3        ┃
┃ ╭─ a ─╮ ╭─ b ─╮   ┃
┃ │ x   │ │ y   │   ┃
▶ 31.0s ×1 │ → scaled`, ""},
		{"a viewport cuts boxes at the top", Options{Viewport: true}, `
┃ │ x   │ │ y   │   ┃
┃ ╰─────╯ ╰─────╯   ┃
┗━━━━━━━━━━━━━━━━━━━┛`, ""},
		{"without a viewport a cut box is an error", Options{}, `
╭─ a ─╮
│ x   │`, "line 3, column 1: the left side of the rounded box at line 1, column 1 ends in nothing"},
		{"a viewport still wants one bottom", Options{Viewport: true}, `
╭─ web ─────────────╮
│ ╭─ a ─╮ ╭─ b ─╮   │
│ │ x   │ │ y   │   │
│ │     │           │
│ │     │           │`, "line 4, column 11: the rounded box at line 2, column 11 is cut off at line 4, another box at line 6: a box lacks its bottom edge"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			probs := Check(strings.TrimPrefix(tc.screen, "\n"), tc.opts)
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			switch {
			case tc.want == "" && len(probs) > 0:
				t.Fatalf("want no problem, got:\n%s", strings.Join(got, "\n"))
			case tc.want != "" && len(probs) == 0:
				t.Fatalf("want a problem with %q, got none", tc.want)
			case tc.want != "" && !strings.Contains(got[0], tc.want):
				t.Fatalf("want the first problem to say %q, got:\n%s", tc.want, strings.Join(got, "\n"))
			}
		})
	}
}

// TestCheck_ColourDoesNotMatter: escapes are stripped before checking.
func TestCheck_ColourDoesNotMatter(t *testing.T) {
	screen := "\x1b[31m╭─ a ─╮\x1b[0m\n│ \x1b[1mx\x1b[0m   │\n╰─────╯"
	if probs := Check(screen, Options{}); len(probs) > 0 {
		t.Fatalf("got %v", probs)
	}
}

// TestNesting: two boxes are fine apart or one in the other's interior;
// touching the parent's border or reaching past it is not.
func TestNesting(t *testing.T) {
	parent := box{top: 0, left: 0, bottom: 10, right: 20}
	for _, tc := range []struct {
		name string
		b    box
		ok   bool
	}{
		{"inside the interior", box{top: 2, left: 2, bottom: 5, right: 8}, true},
		{"apart, to the right", box{top: 0, left: 22, bottom: 10, right: 30}, true},
		{"apart, below", box{top: 11, left: 0, bottom: 13, right: 20}, true},
		{"on the parent's left side", box{top: 2, left: 0, bottom: 5, right: 8}, false},
		{"on the parent's bottom edge", box{top: 2, left: 2, bottom: 10, right: 8}, false},
		{"reaching past the right side", box{top: 2, left: 15, bottom: 5, right: 25}, false},
		{"around the parent", box{top: -1, left: -1, bottom: 11, right: 21}, false},
	} {
		got := apart(parent, tc.b) || inside(parent, tc.b)
		if got != tc.ok {
			t.Errorf("%s: nested or apart = %v, want %v", tc.name, got, tc.ok)
		}
	}
	cut := box{top: 0, left: 0, bottom: 10, right: 20, cutBottom: true}
	if !inside(cut, box{top: 2, left: 2, bottom: 10, right: 8, cutBottom: true}) {
		t.Error("a nested box cut at the same line as its parent should be inside it")
	}
}
