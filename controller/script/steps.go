package script

// The step kinds. A step has at most one "when" and one or two "whats":
//
//	when:  at: 30s           absolute: virtual time since the start
//	       after: settled    follow the step above once the cluster has settled
//	       wait: 2s          follow the step above (or its settling) after 2s
//	       (none)            follow the step above at once
//	what:  run: kubectl ...  a kubectl command ($VARIABLES from pick)
//	       pick: POD         bind $POD to a pod (pick.go)
//	       say: "..."        a caption, alone or with run/pick
//	       ask: "..."        a checkpoint: choices, answer, why (ask.go)
//
// `after` and `wait` combine ("2s after it settles"); `at` combines with
// neither. A step with only `after`/`wait` is a pause before the steps
// below it; a step with only `at` is refused (write `at` on the step it
// times).

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"podviz/controller/kubectl"
	"podviz/model"
	"podviz/termsafe"
)

// MaxSayRunes bounds a caption: it is drawn on one screen, under a diagram.
const MaxSayRunes = 400

// afterSettled is the one value `after:` takes.
const afterSettled = "settled"

// Timing is when a relative step runs.
type Timing struct {
	// Relative is true for a step without `at`: it follows the step above
	// it in the file (the first steps of a file follow the start).
	Relative bool
	// AfterSettled: wait until the cluster has settled (Settled) after the
	// step above ran.
	AfterSettled bool
	// Wait: then wait this long on the virtual clock.
	Wait time.Duration
}

// String is the timing as a step writes it: "after settled, wait 2s"; ""
// for an absolute step or a step that follows at once.
func (t Timing) String() string {
	var parts []string
	if t.AfterSettled {
		parts = append(parts, "after "+afterSettled)
	}
	if t.Wait > 0 {
		parts = append(parts, "wait "+t.Wait.String())
	}
	return strings.Join(parts, ", ")
}

// stepKeys are the keys a step may have; anything else is an error, so a
// misspelt "runs:" does not silently do nothing.
var stepKeys = []string{"at", "after", "wait", "run", "say", "pick", "ask", "of", "order", "nth", "choices", "answer", "why"}

// pickKeys are only meaningful beside pick.
var pickKeys = []string{"of", "order", "nth"}

func parseStep(n int, m map[string]json.RawMessage, base string, vars map[string]bool) (Step, error) {
	st := Step{N: n}
	where := fmt.Sprintf("step %d", n)
	if m == nil {
		return st, fmt.Errorf("%s: a step is a mapping such as {at: 5s, run: \"kubectl ...\"}", where)
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(stepKeys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return st, fmt.Errorf("%s: unknown field %q (a step has %s)", where, unknown[0], strings.Join(stepKeys[:7], ", "))
	}
	if err := parseTiming(&st, m); err != nil {
		return st, fmt.Errorf("%s: %w", where, err)
	}
	where = st.Where()
	if err := parseWhat(&st, m, base, vars); err != nil {
		return st, fmt.Errorf("%s: %w", where, err)
	}
	return st, nil
}

// parseTiming reads at, after and wait.
func parseTiming(st *Step, m map[string]json.RawMessage) error {
	rawAt, hasAt := m["at"]
	rawAfter, hasAfter := m["after"]
	rawWait, hasWait := m["wait"]
	if hasAt && (hasAfter || hasWait) {
		return errors.New("at cannot be combined with after or wait: at is a time since the start, after and wait follow the step above")
	}
	if hasAt {
		d, err := parseDuration("at", rawAt)
		if err != nil {
			return err
		}
		st.At = d
		return nil
	}
	st.Relative = true
	if hasAfter {
		var after string
		if err := json.Unmarshal(rawAfter, &after); err != nil || after != afterSettled {
			return fmt.Errorf("after: want %q (run once nothing is pending), got %s", afterSettled, quoteRaw(rawAfter))
		}
		st.AfterSettled = true
	}
	if hasWait {
		d, err := parseDuration("wait", rawWait)
		if err != nil {
			return err
		}
		st.Wait = d
	}
	return nil
}

// parseDuration reads a non-negative Go duration with a unit.
func parseDuration(key string, raw json.RawMessage) (time.Duration, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, fmt.Errorf("%s: want a duration with a unit, such as 5s or 1m30s, got %s", key, quoteRaw(raw))
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %q is not a duration (such as 5s or 1m30s)", key, s)
	}
	if d < 0 {
		if key == "at" {
			return 0, fmt.Errorf("at: %s is negative; steps run at or after the start", s)
		}
		return 0, fmt.Errorf("%s: %s is negative; the clock only moves forward", key, s)
	}
	if d > model.MaxVirtualTime {
		return 0, fmt.Errorf("%s: %s is past %v, where podviz's virtual clock stops", key, s, model.MaxVirtualTime)
	}
	return d, nil
}

// quoteRaw shows a JSON value in a message, cut short and made safe for a
// terminal: it is user text.
func quoteRaw(raw json.RawMessage) string {
	s := string(raw)
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return termsafe.Line(s)
}

// parseWhat reads run, pick and say.
func parseWhat(st *Step, m map[string]json.RawMessage, base string, vars map[string]bool) error {
	rawRun, hasRun := m["run"]
	rawPick, hasPick := m["pick"]
	rawSay, hasSay := m["say"]
	rawAsk, hasAsk := m["ask"]
	if hasRun && hasPick {
		return errors.New("a step runs a command or picks a pod, not both (pick in one step, use $VARIABLE in the next)")
	}
	if hasAsk && (hasRun || hasPick || hasSay) {
		return errors.New("ask is a step of its own: put the command it asks about (run) in the step below it, and no say beside it (the question is the caption)")
	}
	if !hasPick {
		for _, k := range pickKeys {
			if _, ok := m[k]; ok {
				return fmt.Errorf("%s: only beside pick", k)
			}
		}
	}
	if !hasAsk {
		for _, k := range askKeys {
			if _, ok := m[k]; ok {
				return fmt.Errorf("%s: only beside ask", k)
			}
		}
	}
	if hasAsk {
		a, err := parseAsk(rawAsk, m)
		if err != nil {
			return err
		}
		st.Ask = a
		return nil
	}
	if !hasRun && !hasPick && !hasSay {
		if !st.Relative {
			return errors.New("nothing to do: add run (a kubectl command), say, pick or ask")
		}
		if _, ok := m["after"]; !ok {
			if _, ok := m["wait"]; !ok {
				return errors.New("an empty step: give it run, say, pick or ask, or after/wait to pause")
			}
		}
	}
	if hasSay {
		say, err := parseCaption("say", rawSay)
		if err != nil {
			return err
		}
		st.Say = say
	}
	if hasPick {
		p, err := parsePick(rawPick, m)
		if err != nil {
			return err
		}
		st.Pick = p
		vars[p.Var] = true
	}
	if hasRun {
		if err := json.Unmarshal(rawRun, &st.Run); err != nil {
			return fmt.Errorf("run: want a string (a kubectl command), got %s", quoteRaw(rawRun))
		}
		line, err := expand(st.Run, func(name string) (string, error) {
			if !vars[name] {
				return "", fmt.Errorf("run: $%s is not set: no pick step above names it", name)
			}
			return placeholder, nil
		})
		if err != nil {
			return err
		}
		a, err := kubectl.ParseIn(line, base)
		if err != nil {
			return err
		}
		st.Action = a
	}
	return nil
}

// parseCaption reads a caption (key is say, ask, why or a choice): text
// of at most MaxSayRunes runes, one paragraph or several lines, with
// nothing a terminal would act on (termsafe's rule: no control character
// but tab and newline, no bidirectional override), since it is drawn on
// the screen; and without IdleMarker, which only the status bar may show.
func parseCaption(key string, raw json.RawMessage) (string, error) {
	var say string
	if err := json.Unmarshal(raw, &say); err != nil {
		return "", fmt.Errorf("%s: want a string (a caption), got %s", key, quoteRaw(raw))
	}
	say = strings.TrimRight(say, "\n")
	if strings.TrimSpace(say) == "" {
		return "", fmt.Errorf("%s: empty caption", key)
	}
	if n := utf8.RuneCountInString(say); n > MaxSayRunes {
		return "", fmt.Errorf("%s: %d characters; a caption may have at most %d", key, n, MaxSayRunes)
	}
	for i, r := range say {
		if r == utf8.RuneError || !termsafe.Safe(r, true) {
			return "", fmt.Errorf("%s: character %d is a control character or invalid UTF-8 (%U)", key, utf8.RuneCountInString(say[:i])+1, r)
		}
	}
	if strings.Contains(say, IdleMarker) {
		return "", fmt.Errorf("%s: %s is the status bar's marker for a settled screen, which demos wait for; a caption may not show it", key, IdleMarker)
	}
	return say, nil
}

// IdleMarker is what the live view's status bar shows, and nothing else on
// its screen, while the cluster is settled (Settled) and no script step is
// still to come: nothing more will happen unless someone acts. A vhs tape
// waits for it with `Wait+Screen /\[idle\]/`; it reads the same with and
// without --ascii. Captions may not contain it.
const IdleMarker = "[idle]"

// sortSequences orders the steps by sequence: each `at` step starts one, the
// relative steps below it belong to it, and steps before the first `at`
// make a sequence that starts at 0. Sequences are sorted by their start
// (stable: equal starts keep file order), so a script of `at` steps alone
// is sorted by `at` exactly as before relative steps existed.
func sortSequences(steps []Step) []Step {
	var seqs [][]Step
	for _, st := range steps {
		if !st.Relative || len(seqs) == 0 {
			seqs = append(seqs, nil)
		}
		seqs[len(seqs)-1] = append(seqs[len(seqs)-1], st)
	}
	slices.SortStableFunc(seqs, func(a, b []Step) int {
		return cmpDuration(a[0].At, b[0].At)
	})
	out := make([]Step, 0, len(steps))
	for _, s := range seqs {
		out = append(out, s...)
	}
	return out
}

func cmpDuration(a, b time.Duration) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
