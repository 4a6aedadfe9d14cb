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
)

// prompt is a one-line editor with a label, suggestions and an inline error,
// like crush's dialogs: it returns the command line to run, and the root
// runs it. No cursor blink, so an open prompt is as calm as the rest.
type prompt struct {
	kind   promptKind
	label  string
	value  []rune
	cursor int
	// suggestions are shown after the input; for the image prompt they are
	// offered in order with tab.
	suggestions []string
	err         string
	// deployment, namespace and container the scale and image prompts act on.
	deployment, namespace, container string
	// history browsing for ":".
	histPos int
}

func (p *prompt) text() string { return string(p.value) }

func (p *prompt) set(s string) {
	p.value = []rune(s)
	p.cursor = len(p.value)
}

// edit applies an editing key; false when the key is not an editing key.
func (p *prompt) edit(k tea.KeyPressMsg) bool {
	switch k.String() {
	case "backspace", "ctrl+h":
		if p.cursor > 0 {
			p.value = slices.Delete(p.value, p.cursor-1, p.cursor)
			p.cursor--
		}
	case "delete", "ctrl+d":
		if p.cursor < len(p.value) {
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
		p.value = p.value[p.cursor:]
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
		var rs []rune
		for _, r := range k.Text {
			if unicode.IsPrint(r) {
				rs = append(rs, r)
			}
		}
		if len(rs) == 0 {
			return false
		}
		p.value = slices.Insert(p.value, p.cursor, rs...)
		p.cursor += len(rs)
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

// imageSuggestions offers tags of the container's image repository that the
// simulated registry serves, and one that does not exist, to show what
// ImagePullBackOff looks like.
func imageSuggestions(current string) []string {
	repo := current
	if i := strings.LastIndex(repo, ":"); i > strings.LastIndex(repo, "/") {
		repo = repo[:i]
	}
	if i := strings.Index(repo, "@"); i >= 0 {
		repo = repo[:i]
	}
	if repo == "" {
		repo = "nginx"
	}
	var tags []string
	if repo == "nginx" {
		tags = []string{"1.27", "1.26", "latest", "alpine"}
	} else {
		tags = []string{"latest"}
	}
	var out []string
	for _, t := range tags {
		if s := repo + ":" + t; s != current {
			out = append(out, s)
		}
	}
	return append(out, repo+":9.99.9")
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
			out = append(out, "delete pod "+s.name+nsFlag(s.namespace))
		}
	}
	return out
}

// complete extends the command line on tab: to the only match, or to the
// longest common prefix of the matches, which it lists.
func (p *prompt) complete(snap *controller.Snapshot) {
	v := p.text()
	prefix := ""
	if strings.HasPrefix(v, "kubectl ") {
		prefix, v = "kubectl ", strings.TrimPrefix(v, "kubectl ")
	}
	var matches []string
	for _, c := range completions(snap) {
		if strings.HasPrefix(c, v) {
			matches = append(matches, c)
		}
	}
	switch len(matches) {
	case 0:
		p.err = "no completion"
		return
	case 1:
		p.set(prefix + matches[0])
		p.suggestions = nil
		return
	}
	common := matches[0]
	for _, m := range matches[1:] {
		for !strings.HasPrefix(m, common) {
			common = common[:len(common)-1]
		}
	}
	p.set(prefix + common)
	p.suggestions = matches
}
