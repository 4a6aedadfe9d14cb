package difftest

import (
	"strings"
	"testing"
)

// TestCompare_EveryDivergenceFails: compare, which decides what fails the
// differential, reports every kind of difference, and excuses only
// Recreate's delayed scale-up. It needs no oracle.
func TestCompare_EveryDivergenceFails(t *testing.T) {
	upA := move{up: true, rs: "A", from: 0, to: 3}
	downA := move{rs: "A", from: 3, to: 0}
	upB := move{up: true, rs: "B", from: 0, to: 3}
	downB := move{rs: "B", from: 3, to: 0}
	end := newEndState(3, false, []rsSize{{"A", 0, 1}, {"B", 3, 2}})
	base := func() side {
		return side{
			moves:     []move{upA, downA, upB},
			reactions: [][]move{{downA, upB}},
			end:       end,
			steps:     []stepResult{{out: "deployment.apps/web image updated"}},
		}
	}
	rolling := scenario{steps: []string{setImage("nginx:1.27")}}
	recreate := scenario{steps: []string{setImage("nginx:1.27")}, recreate: true}
	cases := []struct {
		name      string
		sc        scenario
		podviz    func(s *side)
		want      string // "" for no divergence
		explained bool
	}{
		{"identical sides match", rolling, func(s *side) {}, "", false},
		{"end state differs", rolling, func(s *side) {
			s.end = newEndState(3, false, []rsSize{{"A", 1, 1}, {"B", 2, 2}})
		}, "end states differ", false},
		{"whole sequence differs, the end state does not", rolling, func(s *side) {
			s.moves = []move{upA, upB, downA}
		}, "whole sequences differ", false},
		{"a repeated move is missing (aggregation)", rolling, func(s *side) {
			s.moves = s.moves[:2]
		}, "whole sequences differ", false},
		{"immediate reaction differs, the sequence does not", rolling, func(s *side) {
			s.reactions = [][]move{{downA}}
		}, "immediate reaction to step 1", false},
		{"Recreate: the reaction lacks the trailing scale-up", recreate, func(s *side) {
			s.reactions = [][]move{{downA}}
		}, "", true},
		{"Recreate: a missing scale-down is not excused", recreate, func(s *side) {
			s.reactions = [][]move{{upB}}
		}, "immediate reaction to step 1", false},
		{"Recreate: an extra move is not excused", recreate, func(s *side) {
			s.reactions = [][]move{{downA, upB, downB}}
		}, "immediate reaction to step 1", false},
		{"RollingUpdate: a missing scale-up is not excused", rolling, func(s *side) {
			s.reactions = [][]move{{downA}}
		}, "immediate reaction to step 1", false},
		{"a step refused on one side only", rolling, func(s *side) {
			s.steps = []stepResult{{err: "no rollout history found"}}
		}, "step 1 (kubectl set image deployment/web web=nginx:1.27) printed differently", false},
		{"a step printed differently", rolling, func(s *side) {
			s.steps = []stepResult{{out: "deployment.apps/web scaled"}}
		}, "printed differently", false},
		{"a step missing", rolling, func(s *side) {
			s.steps = nil
			s.reactions = nil
		}, "podviz answered 0 steps, the oracle 1", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pv, or := base(), base()
			tc.podviz(&pv)
			diffs, explained := compare(tc.sc, pv, or)
			if tc.want == "" && len(diffs) > 0 {
				t.Fatalf("want no divergence, got %q", diffs)
			}
			if tc.want != "" && !strings.Contains(strings.Join(diffs, "\n"), tc.want) {
				t.Fatalf("want a divergence mentioning %q, got %q", tc.want, diffs)
			}
			if got := len(explained) > 0; got != tc.explained {
				t.Errorf("explained %q, want explained=%v", explained, tc.explained)
			}
		})
	}
}

// TestNormalize_OnlyNamesAndKubectlsWrapper: the two sides' step outputs
// are compared after replacing pod names (the sides generate them
// differently) and kubectl's "error: " wrapper; nothing else is dropped.
func TestNormalize_OnlyNamesAndKubectlsWrapper(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`pod "web-5d4f8b7c9-x2x9z" deleted from default namespace` + "\n", `pod "…" deleted from default namespace`},
		{`deployment.apps/web scaled`, `deployment.apps/web scaled`},
	} {
		if got := normalizeOutput(tc.in); got != tc.want {
			t.Errorf("normalizeOutput(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{`error: no rollout history found for deployment "web"`, `no rollout history found for deployment "web"`},
		{`error: deployments.apps "web" can't restart paused deployment (run rollout resume first)`, `can't restart paused deployment (run rollout resume first)`},
		{`can't restart paused deployment (run rollout resume first)`, `can't restart paused deployment (run rollout resume first)`},
		{`error: deployments.apps "web" not found`, `not found`},
		{`deployments.apps "web" not found`, `not found`},
	} {
		if got := normalizeError(tc.in); got != tc.want {
			t.Errorf("normalizeError(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCompare_PauseRefusalIsExcused: kubectl refuses to pause a paused
// Deployment (and to resume one that is not paused) where the oracle's
// emulation succeeds; compare excuses exactly that pair and nothing near it.
func TestCompare_PauseRefusalIsExcused(t *testing.T) {
	sc := scenario{steps: []string{"kubectl rollout pause deployment/web"}}
	end := newEndState(3, true, []rsSize{{"A", 3, 1}})
	sides := func(pv, or stepResult) (side, side) {
		return side{reactions: [][]move{nil}, end: end, steps: []stepResult{pv}},
			side{reactions: [][]move{nil}, end: end, steps: []stepResult{or}}
	}
	for _, tc := range []struct {
		name      string
		pv, or    stepResult
		excused   bool
		divergent bool
	}{
		{"pause of a paused deployment", stepResult{err: "is already paused"}, stepResult{out: "deployment.apps/web already paused"}, true, false},
		{"resume of a running deployment", stepResult{err: "is not paused"}, stepResult{out: "deployment.apps/web already resumed"}, true, false},
		{"refusal words swapped", stepResult{err: "is not paused"}, stepResult{out: "deployment.apps/web already paused"}, false, true},
		{"podviz refuses a pause that succeeds", stepResult{err: "is already paused"}, stepResult{out: "deployment.apps/web paused"}, false, true},
		{"podviz prints the oracle's success", stepResult{out: "deployment.apps/web already paused"}, stepResult{err: "is already paused"}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pv, or := sides(tc.pv, tc.or)
			diffs, explained := compare(sc, pv, or)
			if (len(diffs) > 0) != tc.divergent || (len(explained) > 0) != tc.excused {
				t.Errorf("diffs %q explained %q, want divergent=%v excused=%v", diffs, explained, tc.divergent, tc.excused)
			}
		})
	}
}
