package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"podviz/controller"
)

// promptKind says what a prompt builds.
type promptKind int

const (
	promptCommand promptKind = iota // ":" a kubectl command line
	promptScale                     // "s" a replica count
	promptImage                     // "i" an image
	promptPick                      // "c" or "f" on a pod of several containers: which one
)

// maxPromptLen bounds what a prompt holds, in characters: far more than
// any kubectl line podviz understands (a name is at most 253, an image
// reference a few hundred), and small enough that every edit and every
// frame stays cheap however much is typed or pasted. Input past it is
// dropped, and the prompt says so.
const maxPromptLen = 1024

// prompt is a one-line editor with a label, suggestions and a cursor, like
// crush's dialogs: it returns the command line to run, and the root runs
// it. No cursor blink, so an open prompt is as calm as the rest.
type prompt struct {
	kind   promptKind
	label  string
	value  []rune
	cursor int
	// selected: the whole value is selected, as a number field opens: the
	// first character typed replaces it, an arrow key keeps it.
	selected bool
	// cut: input was dropped at maxPromptLen (until the prompt is cleared).
	cut bool
	// suggestions are shown under the input; for the image prompt they are
	// offered in order with tab.
	suggestions []string
	// more is how many completions were left out of suggestions.
	more int
	err  string
	// deployment, namespace and container the scale and image prompts act on.
	deployment, namespace, container string
	// targets are the containers the image prompt offers (↑/↓ moves
	// between them when there are several); at is the one shown. The pick
	// prompt offers them too, its value the kubectl line for the one
	// shown, which pickLine builds (an image target's image is then the
	// file f removes).
	targets  []imageTarget
	at       int
	pickLine func(imageTarget) string
	// history browsing for ":".
	histPos int
}

func (p *prompt) text() string { return string(p.value) }

func (p *prompt) set(s string) {
	p.value = p.value[:0]
	p.cursor = 0
	p.selected = false
	p.cut = false
	p.insert(s)
}

// insert puts text at the cursor: control characters dropped, line breaks
// and tabs as spaces (a pasted command is one line), at most maxPromptLen
// characters in all. A ":" prompt absorbs a leading "kubectl ": its label
// already says it.
func (p *prompt) insert(s string) {
	if p.selected {
		p.value, p.cursor, p.selected = p.value[:0], 0, false
	}
	room := maxPromptLen - len(p.value)
	rs := make([]rune, 0, min(len(s), room))
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		if !unicode.IsPrint(r) {
			continue
		}
		if len(rs) == room {
			p.cut = true
			break
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return
	}
	p.value = slices.Insert(p.value, p.cursor, rs...)
	p.cursor += len(rs)
	if p.kind == promptCommand {
		p.absorbKubectl()
	}
}

// absorbKubectl drops a leading "kubectl " (and the spaces before it).
func (p *prompt) absorbKubectl() {
	i := 0
	for i < len(p.value) && p.value[i] == ' ' {
		i++
	}
	const word = "kubectl "
	if len(p.value)-i < len(word) || string(p.value[i:i+len(word)]) != word {
		return
	}
	n := i + len(word)
	p.value = slices.Delete(p.value, 0, n)
	p.cursor = max(p.cursor-n, 0)
}

// edit applies an editing key; false when the key is not an editing key.
func (p *prompt) edit(k tea.KeyPressMsg) bool {
	switch k.String() {
	case "backspace", "ctrl+h":
		if p.selected {
			p.set("")
		} else if p.cursor > 0 {
			p.value = slices.Delete(p.value, p.cursor-1, p.cursor)
			p.cursor--
		}
	case "delete", "ctrl+d":
		if p.selected {
			p.set("")
		} else if p.cursor < len(p.value) {
			p.value = slices.Delete(p.value, p.cursor, p.cursor+1)
		}
	case "left", "ctrl+b":
		p.cursor = max(p.cursor-1, 0)
	case "right", "ctrl+f":
		p.cursor = min(p.cursor+1, len(p.value))
	case "home", "ctrl+a":
		p.cursor = 0
	case "end", "ctrl+e":
		p.cursor = len(p.value)
	case "ctrl+u":
		p.value = slices.Delete(p.value, 0, p.cursor)
		p.cursor = 0
	case "ctrl+w":
		i := p.cursor
		for i > 0 && p.value[i-1] == ' ' {
			i--
		}
		for i > 0 && p.value[i-1] != ' ' {
			i--
		}
		p.value = slices.Delete(p.value, i, p.cursor)
		p.cursor = i
	default:
		if k.Text == "" {
			return false
		}
		if p.kind == promptScale && strings.Trim(k.Text, "0123456789") != "" {
			p.err = "digits only"
			return true
		}
		p.insert(k.Text)
		p.err = ""
		return true
	}
	p.selected = false
	if len(p.value) < maxPromptLen {
		p.cut = false
	}
	p.err = ""
	return true
}

// commandLine is the kubectl command the prompt stands for, or an error in
// the user's terms.
func (p *prompt) commandLine() (string, error) {
	v := strings.TrimSpace(p.text())
	switch p.kind {
	case promptScale:
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return "", fmt.Errorf("a replica count is a whole number ≥ 0, not %q", v)
		}
		return fmt.Sprintf("kubectl scale deployment/%s --replicas=%d%s", p.deployment, n, nsFlag(p.namespace)), nil
	case promptImage:
		if v == "" || strings.ContainsAny(v, " \t") {
			return "", fmt.Errorf("an image is one word, like nginx:1.27")
		}
		return fmt.Sprintf("kubectl set image deployment/%s %s=%s%s", p.deployment, p.container, v, nsFlag(p.namespace)), nil
	}
	if v == "" {
		return "", fmt.Errorf("type a kubectl command, e.g. scale deployment/example-deployment --replicas=5")
	}
	return v, nil
}

// target points the image prompt at container i of its targets: the
// label names it (with its place among several) and the suggestions are
// tags of its image. What was typed stays.
func (p *prompt) target(i int) {
	t := p.targets[i]
	p.at, p.container = i, t.name
	p.label = fmt.Sprintf("image for deployment/%s %s=", p.deployment, t.name)
	if len(p.targets) > 1 {
		p.label = fmt.Sprintf("(↑/↓ container %d/%d) ", i+1, len(p.targets)) + p.label
	}
	p.suggestions = imageSuggestions(t.image)
}

// pick points the pick prompt at container i of its targets: the value is
// its kubectl line, the label says which of how many.
func (p *prompt) pick(i int) {
	p.at, p.container = i, p.targets[i].name
	p.label = fmt.Sprintf("(↑/↓ container %d/%d) :", i+1, len(p.targets))
	p.set(p.pickLine(p.targets[i]))
}

// imageSuggestions offers tags of the container's image repository that the
// simulated registry serves, and one that does not exist, to show what
// ImagePullBackOff looks like.
func imageSuggestions(current string) []string {
	// The digest goes first: "nginx:1.27@sha256:…" has a colon after the
	// tag's, and cutting there first left "nginx:1.27" as the repository.
	repo := current
	if i := strings.Index(repo, "@"); i >= 0 {
		repo = repo[:i]
	}
	if i := strings.LastIndex(repo, ":"); i > strings.LastIndex(repo, "/") {
		repo = repo[:i]
	}
	if repo == "" {
		repo = "nginx"
	}
	tags := []string{"latest"}
	if repo == "nginx" {
		tags = []string{"1.27", "1.26", "latest", "alpine"}
	}
	// Never the image the container already runs (an untagged one is
	// :latest), and never one twice.
	seen := map[string]bool{current: true}
	if !strings.Contains(current[strings.LastIndex(current, "/")+1:], ":") && !strings.Contains(current, "@") {
		seen[current+":latest"] = true
	}
	var out []string
	for _, t := range append(tags, "9.99.9") {
		if s := repo + ":" + t; !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// missingImage is the suggestion that does not exist in the registry.
func missingImage(s string) bool { return strings.HasSuffix(s, ":9.99.9") }

// completions are the command lines `:` can complete to, from the objects
// on screen.
func completions(snap *controller.Snapshot) []string {
	out := []string{"get pods", "get deployments", "get replicasets", "get events"}
	for _, d := range snap.Deployments {
		ref := "deployment/" + d.Name + nsFlag(d.Namespace)
		out = append(out,
			"scale "+ref+" --replicas=",
			"set image "+ref+" "+containerOf(&d)+"=",
			"rollout undo "+ref, "rollout pause "+ref, "rollout resume "+ref,
			"rollout restart "+ref, "rollout status "+ref, "rollout history "+ref,
			"delete deployment "+d.Name+nsFlag(d.Namespace))
	}
	for _, s := range selectables(snap) {
		if s.kind == "pod" {
			out = append(out, "delete pod "+s.name+nsFlag(s.namespace), "exec "+s.name+nsFlag(s.namespace)+" -- ")
		}
	}
	return out
}

// complete extends the command line on tab: to the only match, or to the
// longest common prefix of the matches, which it lists.
func (p *prompt) complete(snap *controller.Snapshot) {
	v := p.text()
	var matches []string
	for _, c := range completions(snap) {
		if strings.HasPrefix(c, v) {
			matches = append(matches, c)
		}
	}
	p.suggestions, p.more = nil, 0
	switch len(matches) {
	case 0:
		p.err = "no completion"
		return
	case 1:
		p.set(matches[0])
		return
	}
	common := matches[0]
	for _, m := range matches[1:] {
		for !strings.HasPrefix(m, common) {
			common = common[:len(common)-1]
		}
	}
	p.set(common)
	p.suggestions = matches
}
