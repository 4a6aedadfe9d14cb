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
//
// A step without `at` follows the step above it: it waits for `after:
// settled` and then `wait:`, and may `say:` a caption or `pick:` a pod
// into a $VARIABLE instead of running a command (steps.go). An `at` step
// starts a new sequence; sequences are ordered by their `at` and play side
// by side (player.go).
package script

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
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

// Step is one step: when it runs, and what it does.
type Step struct {
	// N is the step's 1-based position in the file, for messages.
	N int
	// At is when it runs, as virtual time since the cluster started; for a
	// Relative step it is 0 and the Timing fields say when.
	At time.Duration
	Timing
	// Run is the command as written; Action the parsed command (with any
	// $VARIABLE standing for a placeholder until the step runs).
	Run    string
	Action kubectl.Action
	// Say, Pick and Ask are the other things a step may do (steps.go,
	// pick.go, ask.go).
	Say  string
	Pick *Pick
	Ask  *Ask
}

// Where names the step in messages: "step 3 (at 5s)", "step 4 (after
// settled, wait 2s)".
func (s Step) Where() string {
	if w := s.Timing.String(); s.Relative && w != "" {
		return fmt.Sprintf("step %d (%s)", s.N, w)
	} else if s.Relative {
		return fmt.Sprintf("step %d", s.N)
	}
	return fmt.Sprintf("step %d (at %s)", s.N, s.At)
}

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
	vars := map[string]bool{}
	// pickedFrom is, for each variable, the start of the sequence its pick
	// is in: the earliest it can be set. Sequences play side by side, so a
	// variable picked above in the file may still be unset when an `at`
	// step below uses it (a pick at 5s, a delete at 1s).
	pickedFrom := map[string]time.Duration{}
	var seqStart time.Duration
	for i, m := range raw {
		st, err := parseStep(i+1, m, base, vars)
		if err != nil {
			return Script{Name: name}, fmt.Errorf("%s: %w", name, err)
		}
		if !st.Relative {
			seqStart = st.At
		}
		if strings.Contains(st.Run, "$") && !st.Relative {
			_, err = expand(st.Run, func(v string) (string, error) {
				if from := pickedFrom[v]; from > st.At {
					return "", fmt.Errorf("%s: run: $%s is not set yet at %s: its pick plays from %s on (sequences play side by side); use it in a step at or after that time, or below the pick", st.Where(), v, st.At, from)
				}
				return placeholder, nil
			})
			if err != nil {
				return Script{Name: name}, fmt.Errorf("%s: %w", name, err)
			}
		}
		if st.Pick != nil {
			pickedFrom[st.Pick.Var] = seqStart
		}
		s.Steps = append(s.Steps, st)
	}
	s.Steps = sortSequences(s.Steps)
	return s, nil
}

// oneLine folds a multi-line parser message ("yaml: unmarshal errors:\n
// line 3: ...") onto one line, as model does for manifests.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
