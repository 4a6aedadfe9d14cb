package script

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"podviz/controller"
	"podviz/controller/kubectl"
	"podviz/model"
)

func TestParse_Steps(t *testing.T) {
	src := `
- at: 30s
  run: "kubectl set image deployment/web nginx=nginx:1.27"
- at: 5s
  run: kubectl scale deployment/web --replicas=5
- at: 30s
  run: "rollout pause deploy/web"
`
	s, err := Parse("testdata/s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		n   int
		at  time.Duration
		cmd string
	}
	want := []got{
		{2, 5 * time.Second, "kubectl scale deployment/web --replicas=5"},
		{1, 30 * time.Second, "kubectl set image deployment/web nginx=nginx:1.27"},
		{3, 30 * time.Second, "kubectl rollout pause deployment/web"},
	}
	if len(s.Steps) != len(want) {
		t.Fatalf("got %d steps, want %d", len(s.Steps), len(want))
	}
	for i, w := range want {
		st := s.Steps[i]
		if st.N != w.n || st.At != w.at || st.Action.String() != w.cmd {
			t.Errorf("step %d: got (%d, %v, %q), want %v", i, st.N, st.At, st.Action.String(), w)
		}
	}
}

func TestParse_Errors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"a bad command names the step",
			"- at: 1s\n  run: kubectl get pods\n- at: 2s\n  run: x\n- at: 5s\n  run: kubectl scale deployment/web --replicas=1 --bogus\n",
			`s.yaml: step 2 (at 2s): error: unknown command "x" for "kubectl"`},
		{"the third step", "- at: 1s\n  run: kubectl get pods\n- at: 2s\n  run: kubectl get pods\n- at: 5s\n  run: kubectl scale deployment/web --replicas=1 --bogus\n",
			"s.yaml: step 3 (at 5s): error: unknown flag: --bogus"},
		{"an unknown key", "- at: 1s\n  runs: kubectl get pods\n", `s.yaml: step 1: unknown field "runs" (a step has at, after, wait, run, say, pick, ask)`},
		{"at without a unit", "- at: 5\n  run: kubectl get pods\n", "s.yaml: step 1: at: want a duration with a unit, such as 5s or 1m30s, got 5"},
		{"at not a duration", "- at: soon\n  run: kubectl get pods\n", `s.yaml: step 1: at: "soon" is not a duration (such as 5s or 1m30s)`},
		{"negative at", "- at: -5s\n  run: kubectl get pods\n", "s.yaml: step 1: at: -5s is negative; steps run at or after the start"},
		{"at past the virtual-time limit", "- at: 25h\n  run: kubectl get pods\n", "s.yaml: step 1: at: 25h is past 24h0m0s, where podviz's virtual clock stops"},
		{"at too long for a duration", "- at: 9999999999h\n  run: kubectl get pods\n", `s.yaml: step 1: at: "9999999999h" is not a duration (such as 5s or 1m30s)`},
		{"at given twice", "- at: 1s\n  at: 2s\n  run: kubectl get pods\n", `s.yaml: yaml: unmarshal errors: line 2: key "at" already set in map`},
		{"run given twice", "- at: 1s\n  run: kubectl get pods\n  run: kubectl get rs\n", `s.yaml: yaml: unmarshal errors: line 3: key "run" already set in map`},
		{"a run longer than a command may be", "- at: 1s\n  run: kubectl get pods " + strings.Repeat("x", 4100) + "\n",
			"s.yaml: step 1 (at 1s): error: the command is 4117 bytes long; podviz reads commands of at most 4096 bytes"},
		{"no run", "- at: 5s\n", "s.yaml: step 1 (at 5s): nothing to do: add run (a kubectl command), say, pick or ask"},
		{"run not a string", "- at: 5s\n  run: [a]\n", `s.yaml: step 1 (at 5s): run: want a string (a kubectl command), got ["a"]`},
		{"not a list", "at: 5s\n", `s.yaml: a script is a list of steps (- at: 5s, run: "kubectl ...")`},
		{"a step that is not a mapping", "- kubectl get pods\n", `s.yaml: a script is a list of steps (- at: 5s, run: "kubectl ...")`},
		{"bad YAML", "- at: [\n", "s.yaml: yaml: line 1: did not find expected node content"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("s.yaml", []byte(tc.src))
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got %v\nwant %s", err, tc.want)
			}
		})
	}
}

func TestParse_Empty(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "[]\n"} {
		s, err := Parse("s.yaml", []byte(src))
		if err != nil || len(s.Steps) != 0 {
			t.Errorf("%q: got %v, %v", src, s.Steps, err)
		}
	}
}

func TestParse_ApplyBase(t *testing.T) {
	s, err := Parse("scripts/demo.yaml", []byte("- at: 1s\n  run: kubectl apply -f web.yaml\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Steps[0].Action.String(); got != "kubectl apply -f web.yaml" {
		t.Errorf("String() = %q", got)
	}
	if a, ok := s.Steps[0].Action.(*kubectl.ApplyOptions); !ok || a.Base != "scripts" {
		t.Errorf("apply base is not the script's directory: %#v", s.Steps[0].Action)
	}
}

func TestPlayer_Advance(t *testing.T) {
	s, err := Parse("s.yaml", []byte("- at: 0s\n  run: kubectl get pods\n- at: 5s\n  run: kubectl get rs\n- at: 5s\n  run: kubectl get deploy\n- at: 9s\n  run: kubectl get events\n"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := controller.New(nil, controller.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	p := NewPlayer(s)
	var got []int
	var at []time.Duration
	fire := func(cue Cue) { got, at = append(got, cue.Step.N), append(at, cue.At) }
	p.Advance(c, 0, fire)
	if !slices.Equal(got, []int{1}) {
		t.Fatalf("Advance(0) fired %v", got)
	}
	p.Advance(c, 4*time.Second, fire)
	if len(got) != 1 {
		t.Fatalf("Advance(4s) fired %v", got[1:])
	}
	if d, ok := p.NextDue(); !ok || d != 5*time.Second {
		t.Fatalf("NextDue() = %v, %v", d, ok)
	}
	p.Advance(c, 20*time.Second, fire)
	if !slices.Equal(got, []int{1, 2, 3, 4}) || !slices.Equal(at, []time.Duration{0, 5 * time.Second, 5 * time.Second, 9 * time.Second}) {
		t.Fatalf("Advance(20s) fired %v at %v", got, at)
	}
	if !p.Done() || c.Elapsed() != 20*time.Second {
		t.Fatalf("done %v at %v, want done at 20s", p.Done(), c.Elapsed())
	}
	p.Advance(c, time.Hour, fire)
	if len(got) != 4 {
		t.Fatalf("steps handed out twice: %v", got)
	}
}

func TestRead_Bounded(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", model.MaxScriptBytes)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Read(big, nil)
	want := big + ": a script may be at most 1048576 bytes (1 MiB); this one is larger"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// An endless stream is cut at the limit, not read to the end.
	_, err = Read("-", endless{})
	if want := "<stdin>: a script may be at most 1048576 bytes (1 MiB); this one is larger"; err == nil || err.Error() != want {
		t.Errorf("endless stdin: got %v\nwant %s", err, want)
	}
}

func TestRead_Stdin(t *testing.T) {
	s, err := Read("-", strings.NewReader("- at: 1s\n  run: kubectl apply -f web.yaml\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "<stdin>" || len(s.Steps) != 1 {
		t.Fatalf("got %+v", s)
	}
	if a := s.Steps[0].Action.(*kubectl.ApplyOptions); a.Base != "." {
		t.Errorf("apply base %q, want the working directory", a.Base)
	}
}

// endless is /dev/zero as a reader.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 0
	}
	return len(p), nil
}
