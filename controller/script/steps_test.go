package script

import (
	"strings"
	"testing"
	"time"
)

func TestParse_StepKinds(t *testing.T) {
	src := `
- say: "Three pods."
- wait: 2s
- after: settled
  wait: 1s
  pick: POD
  of: deployment/web
  order: newest
  nth: 2
- run: kubectl delete pod $POD
  say: Delete it.
- after: settled
- at: 1m
  run: kubectl scale deployment/web --replicas=5
- run: kubectl get pods
`
	s, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		n                 int
		relative, settled bool
		wait              time.Duration
		at                time.Duration
		say, run, pick    string
	}
	wants := []want{
		{n: 1, relative: true, say: "Three pods."},
		{n: 2, relative: true, wait: 2 * time.Second},
		{n: 3, relative: true, settled: true, wait: time.Second, pick: "pick POD: newest pod 2 of deployment/web"},
		{n: 4, relative: true, say: "Delete it.", run: "kubectl delete pod picked-pod"},
		{n: 5, relative: true, settled: true},
		{n: 6, at: time.Minute, run: "kubectl scale deployment/web --replicas=5"},
		{n: 7, relative: true, run: "kubectl get pods"},
	}
	if len(s.Steps) != len(wants) {
		t.Fatalf("got %d steps, want %d", len(s.Steps), len(wants))
	}
	for i, w := range wants {
		st := s.Steps[i]
		got := want{n: st.N, relative: st.Relative, settled: st.AfterSettled, wait: st.Wait, at: st.At, say: st.Say}
		if st.Action != nil {
			got.run = st.Action.String()
		}
		if st.Pick != nil {
			got.pick = st.Pick.String()
		}
		if got != w {
			t.Errorf("step %d:\ngot  %+v\nwant %+v", i+1, got, w)
		}
	}
	if got := s.Steps[3].Run; got != "kubectl delete pod $POD" {
		t.Errorf("Run keeps the text as written, got %q", got)
	}
}

func TestStep_Where(t *testing.T) {
	cases := []struct {
		step Step
		want string
	}{
		{Step{N: 3, At: 5 * time.Second}, "step 3 (at 5s)"},
		{Step{N: 4, Timing: Timing{Relative: true, AfterSettled: true}}, "step 4 (after settled)"},
		{Step{N: 4, Timing: Timing{Relative: true, Wait: 2 * time.Second}}, "step 4 (wait 2s)"},
		{Step{N: 4, Timing: Timing{Relative: true, AfterSettled: true, Wait: 2 * time.Second}}, "step 4 (after settled, wait 2s)"},
		{Step{N: 5, Timing: Timing{Relative: true}}, "step 5"},
	}
	for _, tc := range cases {
		if got := tc.step.Where(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

// TestParse_SequencesSort: an `at` step and the relative steps below it
// move together; sequences sort by their `at`, the file's leading relative
// steps start at 0.
func TestParse_SequencesSort(t *testing.T) {
	src := `
- say: before any at
- at: 30s
  run: kubectl get pods
- run: kubectl get rs
- at: 10s
  run: kubectl get deploy
- wait: 1s
- at: 10s
  say: also at 10s
`
	s, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var order []int
	for _, st := range s.Steps {
		order = append(order, st.N)
	}
	if got, want := order, []int{1, 4, 5, 6, 2, 3}; !equalInts(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParse_StepKindErrors(t *testing.T) {
	long := strings.Repeat("x", MaxSayRunes+1)
	cases := []struct {
		name, src, want string
	}{
		{"at with after", "- at: 5s\n  after: settled\n  run: kubectl get pods\n",
			"s.yaml: step 1: at cannot be combined with after or wait: at is a time since the start, after and wait follow the step above"},
		{"at with wait", "- at: 5s\n  wait: 1s\n  run: kubectl get pods\n",
			"s.yaml: step 1: at cannot be combined with after or wait: at is a time since the start, after and wait follow the step above"},
		{"after something else", "- after: ready\n", `s.yaml: step 1: after: want "settled" (run once nothing is pending), got "ready"`},
		{"after a number", "- after: 5\n", `s.yaml: step 1: after: want "settled" (run once nothing is pending), got 5`},
		{"wait without a unit", "- wait: 2\n", "s.yaml: step 1: wait: want a duration with a unit, such as 5s or 1m30s, got 2"},
		{"negative wait", "- wait: -2s\n", "s.yaml: step 1: wait: -2s is negative; the clock only moves forward"},
		{"an empty step", "- {}\n", "s.yaml: step 1: an empty step: give it run, say, pick or ask, or after/wait to pause"},
		{"run and pick", "- pick: POD\n  of: deployment/web\n  run: kubectl get pods\n",
			"s.yaml: step 1: a step runs a command or picks a pod, not both (pick in one step, use $VARIABLE in the next)"},
		{"of without pick", "- of: deployment/web\n  run: kubectl get pods\n", "s.yaml: step 1: of: only beside pick"},
		{"pick without of", "- pick: POD\n", "s.yaml: step 1: of: required beside pick (of: deployment/NAME)"},
		{"pick of a pod", "- pick: POD\n  of: pod/web\n", `s.yaml: step 1: of: want deployment/NAME [-n NAMESPACE], got pod/web`},
		{"pick a bad name", "- pick: 1POD\n  of: deployment/web\n", `s.yaml: step 1: pick: want a variable name such as POD (letters, digits and _), got "1POD"`},
		{"pick a bad order", "- pick: POD\n  of: deployment/web\n  order: random\n", `s.yaml: step 1: order: want oldest or newest, got "random"`},
		{"pick nth 0", "- pick: POD\n  of: deployment/web\n  nth: 0\n", "s.yaml: step 1: nth: want a whole number from 1 to 100000, got 0"},
		{"an unset variable", "- run: kubectl delete pod $POD\n", "s.yaml: step 1: run: $POD is not set: no pick step above names it"},
		{"a variable picked below", "- at: 1s\n  run: kubectl delete pod $POD\n- pick: POD\n  of: deployment/web\n",
			"s.yaml: step 1 (at 1s): run: $POD is not set: no pick step above names it"},
		{"an unclosed ${", "- pick: POD\n  of: deployment/web\n- run: kubectl delete pod ${POD\n", "s.yaml: step 2: run: ${ without a closing }"},
		{"an empty caption", "- say: \"  \"\n", "s.yaml: step 1: say: empty caption"},
		{"a caption with an escape", "- say: \"red \\e[31m\"\n", "s.yaml: step 1: say: character 5 is a control character or invalid UTF-8 (U+001B)"},
		{"a caption too long", "- say: " + long + "\n", "s.yaml: step 1: say: 401 characters; a caption may have at most 400"},
		{"a caption that is a list", "- say: [a]\n", `s.yaml: step 1: say: want a string (a caption), got ["a"]`},
		{"a bad command after a wait", "- wait: 1s\n  run: kubectl scale\n", `s.yaml: step 1 (wait 1s): error: required flag(s) "replicas" not set`},
		{"a caption showing the marker", "- say: wait for [idle]\n", "s.yaml: step 1: say: [idle] is the status bar's marker for a settled screen, which demos wait for; a caption may not show it"},
		{"ask with run", "- ask: How many?\n  choices: [\"1\", \"2\"]\n  answer: 1\n  why: because\n  run: kubectl get pods\n",
			"s.yaml: step 1: ask is a step of its own: put the command it asks about (run) in the step below it, and no say beside it (the question is the caption)"},
		{"ask without choices", "- ask: How many?\n", `s.yaml: step 1: choices: required beside ask (choices: ["3", "4"])`},
		{"ask with one choice", "- ask: How many?\n  choices: [\"1\"]\n", "s.yaml: step 1: choices: want 2 to 9 answers (each is picked with a digit key), got 1"},
		{"ask with a choice on two lines", "- ask: How many?\n  choices: [\"1\", \"a\\nb\"]\n", "s.yaml: step 1: choices: answer 2: want one line of at most 60 characters"},
		{"ask without answer", "- ask: How many?\n  choices: [\"1\", \"2\"]\n", "s.yaml: step 1: answer: required beside ask: the right choice, 1 to 2"},
		{"ask with answer out of range", "- ask: How many?\n  choices: [\"1\", \"2\"]\n  answer: 3\n", "s.yaml: step 1: answer: want the right choice, a number from 1 to 2, got 3"},
		{"ask without why", "- ask: How many?\n  choices: [\"1\", \"2\"]\n  answer: 2\n", "s.yaml: step 1: why: required beside ask: what makes the answer right (the arithmetic, the rule)"},
		{"why without ask", "- why: because\n  say: hi\n", "s.yaml: step 1: why: only beside ask"},
		{"a question with an escape", "- ask: \"a \\e]52\"\n", "s.yaml: step 1: ask: character 3 is a control character or invalid UTF-8 (U+001B)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("s.yaml", []byte(tc.src))
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got  %v\nwant %s", err, tc.want)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	vars := map[string]string{"POD": "web-abc", "P2": "x"}
	lookup := func(n string) (string, error) {
		if v, ok := vars[n]; ok {
			return v, nil
		}
		return "", errUnset(n)
	}
	cases := []struct{ in, want string }{
		{"delete pod $POD", "delete pod web-abc"},
		{"delete pod ${POD}", "delete pod web-abc"},
		{"delete pod ${P2}y $P2", "delete pod xy x"},
		{`delete pod "$POD"`, `delete pod "web-abc"`},
		{"delete pod '$POD'", "delete pod '$POD'"},
		{`delete pod \$POD`, `delete pod \$POD`},
		{"a $ b $1", "a $ b $1"},
		{"no variables", "no variables"},
	}
	for _, tc := range cases {
		got, err := expand(tc.in, lookup)
		if err != nil || got != tc.want {
			t.Errorf("expand(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := expand("delete pod $NOPE", lookup); err == nil || err.Error() != "unset NOPE" {
		t.Errorf("an unset variable: got %v", err)
	}
}

type errUnset string

func (e errUnset) Error() string { return "unset " + string(e) }

func TestParse_Ask(t *testing.T) {
	src := `
- say: Four pods of v1.
- ask: How many old pods keep serving?
  choices: ["4", "3", "2"]
  answer: 2
  why: maxUnavailable is 1.
- run: kubectl get pods
- wait: 2s
  run: kubectl get rs
- say: Next.
`
	s, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := s.Steps[1].Ask
	if a == nil || a.Question != "How many old pods keep serving?" || a.Answer != 1 || len(a.Choices) != 3 || a.Why != "maxUnavailable is 1." {
		t.Fatalf("ask = %+v", a)
	}
	if got, want := a.ChoiceLine(), "1) 4   2) 3   3) 2"; got != want {
		t.Errorf("ChoiceLine = %q, want %q", got, want)
	}
	if got, want := a.Verdict(1), "Right: 3. maxUnavailable is 1."; got != want {
		t.Errorf("Verdict(right) = %q, want %q", got, want)
	}
	if got, want := a.Verdict(0), "Not 4: it is 3. maxUnavailable is 1."; got != want {
		t.Errorf("Verdict(wrong) = %q, want %q", got, want)
	}
	if got, want := a.Reveal(), "answer: 2) 3 — maxUnavailable is 1."; got != want {
		t.Errorf("Reveal = %q, want %q", got, want)
	}
	stops := Stops(s)
	want := []Stop{{First: 1, Last: 1}, {First: 2, Last: 4, Ask: a}, {First: 5, Last: 5}}
	if len(stops) != len(want) {
		t.Fatalf("stops = %+v", stops)
	}
	for i := range want {
		if stops[i] != want[i] {
			t.Errorf("stop %d = %+v, want %+v", i, stops[i], want[i])
		}
	}
}

func TestStops_FollowTheFileNotTheClock(t *testing.T) {
	// The `at: 1s` sequence plays first, but a tour's stops are the file's.
	s, err := Parse("s.yaml", []byte("- say: one\n- at: 1m\n  say: two\n- at: 1s\n  run: kubectl get pods\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := Stops(s)
	want := []Stop{{First: 1, Last: 1}, {First: 2, Last: 3}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("stops = %+v, want %+v", got, want)
	}
}
