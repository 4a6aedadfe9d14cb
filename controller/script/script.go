// Package script reads podviz scripts, timed kubectl commands in YAML, and
// plays them on a cluster's virtual clock:
//
//   - at: 5s
//     run: "kubectl scale deployment/web --replicas=5"
//   - at: 30s
//     run: "kubectl set image deployment/web nginx=nginx:1.27"
//
// `at` is a Go duration since the cluster started (non-negative). Steps run
// in order of `at`; steps with equal `at` keep their order in the file (a
// stable sort, as the oracle in ../shared/oracle orders them), so a script
// need not be written in time order. Every `run` is parsed when the script
// is loaded, so a typo fails before anything runs, with the step named.
package script

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"sigs.k8s.io/yaml"

	"podviz/controller/kubectl"
	"podviz/model"
)

// Script is a parsed script: its name (for messages) and its steps in the
// order they run.
type Script struct {
	Name  string
	Steps []Step
}

// Step is one timed command.
type Step struct {
	// N is the step's 1-based position in the file, for messages.
	N int
	// At is when it runs, as virtual time since the cluster started.
	At time.Duration
	// Run is the command as written; Action the parsed command.
	Run    string
	Action kubectl.Action
}

// Where names the step in messages: "step 3 (at 5s)".
func (s Step) Where() string { return fmt.Sprintf("step %d (at %s)", s.N, s.At) }

// stepKeys are the keys a step may have; anything else is an error, so a
// misspelt "runs:" does not silently do nothing.
var stepKeys = []string{"at", "run"}

// Parse reads a script. name is used in messages and its directory is the
// base for relative `apply -f` paths.
func Parse(name string, data []byte) (Script, error) {
	s := Script{Name: name}
	js, err := yaml.YAMLToJSON(data)
	if err != nil {
		return s, fmt.Errorf("%s: %v", name, err)
	}
	var raw []map[string]json.RawMessage
	if strings.TrimSpace(string(js)) == "null" {
		return s, nil // an empty file is an empty script
	}
	if err := json.Unmarshal(js, &raw); err != nil {
		return s, fmt.Errorf("%s: a script is a list of steps (- at: 5s, run: \"kubectl ...\")", name)
	}
	if len(raw) > model.MaxScriptSteps {
		return s, fmt.Errorf("%s: %d steps; a script may have at most %d", name, len(raw), model.MaxScriptSteps)
	}
	base := filepath.Dir(name)
	for i, m := range raw {
		st, err := parseStep(i+1, m, base)
		if err != nil {
			return Script{Name: name}, fmt.Errorf("%s: %w", name, err)
		}
		s.Steps = append(s.Steps, st)
	}
	slices.SortStableFunc(s.Steps, func(a, b Step) int {
		switch {
		case a.At < b.At:
			return -1
		case a.At > b.At:
			return 1
		}
		return 0
	})
	return s, nil
}

func parseStep(n int, m map[string]json.RawMessage, base string) (Step, error) {
	st := Step{N: n}
	where := fmt.Sprintf("step %d", n)
	if m == nil {
		return st, fmt.Errorf("%s: a step is a mapping with at and run", where)
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(stepKeys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return st, fmt.Errorf("%s: unknown field %q (a step has at and run)", where, unknown[0])
	}
	rawAt, ok := m["at"]
	if !ok {
		return st, fmt.Errorf("%s: at: required (a duration such as 5s)", where)
	}
	var at string
	if err := json.Unmarshal(rawAt, &at); err != nil {
		return st, fmt.Errorf("%s: at: want a duration with a unit, such as 5s or 1m30s, got %s", where, rawAt)
	}
	d, err := time.ParseDuration(at)
	if err != nil {
		return st, fmt.Errorf("%s: at: %q is not a duration (such as 5s or 1m30s)", where, at)
	}
	if d < 0 {
		return st, fmt.Errorf("%s: at: %s is negative; steps run at or after the start", where, at)
	}
	st.At = d
	where = st.Where()
	rawRun, ok := m["run"]
	if !ok {
		return st, fmt.Errorf("%s: run: required (a kubectl command)", where)
	}
	if err := json.Unmarshal(rawRun, &st.Run); err != nil {
		return st, fmt.Errorf("%s: run: want a string (a kubectl command), got %s", where, rawRun)
	}
	a, err := kubectl.ParseIn(st.Run, base)
	if err != nil {
		return st, fmt.Errorf("%s: %w", where, err)
	}
	st.Action = a
	return st, nil
}
