package script

// ask: a checkpoint, the predict-then-see step of a lesson.
//
//	- ask: How many pods will the old ReplicaSet keep while v10 cannot be pulled?
//	  choices: ["4", "3", "2"]
//	  answer: 2            # the right choice, counted from 1
//	  why: maxUnavailable 25% of 4 rounds down to 1, so 3 must stay available.
//	- run: kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10
//	- wait: 20s
//	  run: kubectl get pods
//
// The question is asked before the steps below it play. In `podviz tour`
// the lesson waits there for an answer on a key (1, 2, …), plays its stop
// (the steps up to the next say or ask), and then says whether the answer
// was right, and why. Elsewhere nobody answers: the live view shows the
// question, and the answer with its why once the stop has played;
// `podviz play` prints both as comments. An ask runs no command.

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits of a checkpoint: a question and its choices share one screen
// with the diagram, and a choice is picked with one digit key.
const (
	maxChoices     = 9
	maxChoiceRunes = 60
)

// Ask is a checkpoint: a question, its choices, the right one and why.
type Ask struct {
	Question string
	Choices  []string
	// Answer is the index of the right choice in Choices (0-based; the
	// script writes it counted from 1, as the key that picks it).
	Answer int
	Why    string
}

// askKeys are only meaningful beside ask.
var askKeys = []string{"choices", "answer", "why"}

// parseAsk reads ask and its choices, answer and why.
func parseAsk(raw json.RawMessage, m map[string]json.RawMessage) (*Ask, error) {
	q, err := parseCaption("ask", raw)
	if err != nil {
		return nil, err
	}
	a := &Ask{Question: q}
	rawChoices, ok := m["choices"]
	if !ok {
		return nil, errors.New("choices: required beside ask (choices: [\"3\", \"4\"])")
	}
	var choices []json.RawMessage
	if err := json.Unmarshal(rawChoices, &choices); err != nil {
		return nil, fmt.Errorf("choices: want a list of answers, got %s", quoteRaw(rawChoices))
	}
	if len(choices) < 2 || len(choices) > maxChoices {
		return nil, fmt.Errorf("choices: want 2 to %d answers (each is picked with a digit key), got %d", maxChoices, len(choices))
	}
	for i, rc := range choices {
		c, err := parseCaption(fmt.Sprintf("choices: answer %d", i+1), rc)
		if err != nil {
			return nil, err
		}
		if strings.Contains(c, "\n") || utf8.RuneCountInString(c) > maxChoiceRunes {
			return nil, fmt.Errorf("choices: answer %d: want one line of at most %d characters", i+1, maxChoiceRunes)
		}
		a.Choices = append(a.Choices, c)
	}
	rawAnswer, ok := m["answer"]
	if !ok {
		return nil, fmt.Errorf("answer: required beside ask: the right choice, 1 to %d", len(a.Choices))
	}
	if err := json.Unmarshal(rawAnswer, &a.Answer); err != nil || a.Answer < 1 || a.Answer > len(a.Choices) {
		return nil, fmt.Errorf("answer: want the right choice, a number from 1 to %d, got %s", len(a.Choices), quoteRaw(rawAnswer))
	}
	a.Answer--
	rawWhy, ok := m["why"]
	if !ok {
		return nil, errors.New("why: required beside ask: what makes the answer right (the arithmetic, the rule)")
	}
	if a.Why, err = parseCaption("why", rawWhy); err != nil {
		return nil, err
	}
	return a, nil
}

// Reveal is the answer as said when nobody answered: "answer: 2) 3 — why".
func (a *Ask) Reveal() string {
	return fmt.Sprintf("answer: %d) %s — %s", a.Answer+1, a.Choices[a.Answer], a.Why)
}

// Verdict says whether choice (0-based) was right, and why.
func (a *Ask) Verdict(choice int) string {
	if choice == a.Answer {
		return fmt.Sprintf("Right: %s. %s", a.Choices[a.Answer], a.Why)
	}
	if choice < 0 || choice >= len(a.Choices) {
		return a.Reveal()
	}
	return fmt.Sprintf("Not %s: it is %s. %s", a.Choices[choice], a.Choices[a.Answer], a.Why)
}

// ChoiceLine lists the choices with the keys that pick them: "1) 4  2) 3  3) 2".
func (a *Ask) ChoiceLine() string {
	parts := make([]string, len(a.Choices))
	for i, c := range a.Choices {
		parts[i] = fmt.Sprintf("%d) %s", i+1, c)
	}
	return strings.Join(parts, "   ")
}

// Stop is a stretch of a script a tour plays before it waits for the next
// key: a step that says something or asks (or the start of the script) and
// the steps below it up to the next such step. First and Last are file
// positions (Step.N).
type Stop struct {
	First, Last int
	// Ask is the stop's checkpoint, nil for a stop that only says.
	Ask *Ask
}

// Stops cuts a script into stops, in file order. Steps before the first
// say or ask make a stop of their own (the start of a lesson).
func Stops(s Script) []Stop {
	byN := make([]*Step, 0, len(s.Steps))
	for i := range s.Steps {
		byN = append(byN, &s.Steps[i])
	}
	// s.Steps is in play order (sequences sorted by `at`); stops follow the file.
	slices.SortFunc(byN, func(a, b *Step) int { return a.N - b.N })
	var stops []Stop
	for _, st := range byN {
		if len(stops) == 0 || st.Say != "" || st.Ask != nil {
			stops = append(stops, Stop{First: st.N, Ask: st.Ask})
		}
		stops[len(stops)-1].Last = st.N
	}
	return stops
}
