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
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"sigs.k8s.io/yaml"

	"podviz/controller/kubectl"
	"podviz/model"
	"podviz/termsafe"
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

// StdinName names a script read from standard input in messages.
const StdinName = "<stdin>"

// Read reads and parses the script at path, or standard input for "-"
// (its `apply -f` paths are then relative to the working directory). It
// reads at most model.MaxScriptBytes: a larger script, or an endless
// stream, is refused before it costs memory.
func Read(path string, stdin io.Reader) (Script, error) {
	name := path
	var r io.Reader = stdin
	if path == "-" {
		name = StdinName
		if stdin == nil {
			r = strings.NewReader("")
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return Script{Name: name}, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, model.MaxScriptBytes+1))
	if err != nil {
		return Script{Name: name}, fmt.Errorf("%s: %w", termsafe.Line(name), err)
	}
	if len(data) > model.MaxScriptBytes {
		return Script{Name: name}, fmt.Errorf("%s: a script may be at most %d bytes (1 MiB); this one is larger", termsafe.Line(name), model.MaxScriptBytes)
	}
	if path == "-" {
		return parse(name, ".", data)
	}
	return Parse(path, data)
}

// Parse reads a script. name is used in messages and its directory is the
// base for relative `apply -f` paths.
func Parse(name string, data []byte) (Script, error) {
	return parse(name, filepath.Dir(name), data)
}

func parse(name, base string, data []byte) (Script, error) {
	s := Script{Name: name}
	// Strict, as manifests are read: a key given twice (two "at" in one
	// step) is refused rather than silently keeping the last.
	js, err := yaml.YAMLToJSONStrict(data)
	if err != nil {
		return s, fmt.Errorf("%s: %s", name, oneLine(err.Error()))
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
	if d > model.MaxVirtualTime {
		return st, fmt.Errorf("%s: at: %s is past %v, where podviz's virtual clock stops", where, at, model.MaxVirtualTime)
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

// oneLine folds a multi-line parser message ("yaml: unmarshal errors:\n
// line 3: ...") onto one line, as model does for manifests.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
