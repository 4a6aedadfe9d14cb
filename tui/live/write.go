package live

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"podviz/controller"
	"podviz/controller/kubectl"
	"podviz/termsafe"
)

// pending is an action waiting for the user's y or n.
type pending struct {
	action kubectl.Action
}

// actionDone carries what an action printed, or its error in kubectl's
// words.
type actionDone struct {
	command string
	out     string
	err     error
}

// deploymentAction is the kubectl command a deployment key stands for, on
// the one Deployment in view; why says what is missing when there is no
// such command.
func (m *Model) deploymentAction(msg tea.KeyPressMsg) (line, why string) {
	k := &m.keys
	var ds []controller.DeploymentView
	for _, d := range m.snap.Deployments {
		ds = append(ds, d)
	}
	if len(ds) != 1 {
		return "", fmt.Sprintf("%d Deployments in view: type the command with : (or draw one with -l)", len(ds))
	}
	d := ds[0]
	target := "deployment/" + d.Name
	switch {
	case key.Matches(msg, k.ScaleUp):
		return "kubectl scale " + target + " --replicas=" + strconv.Itoa(int(d.Replicas)+1), ""
	case key.Matches(msg, k.ScaleDown):
		if d.Replicas == 0 {
			return "", "the Deployment has 0 replicas already"
		}
		return "kubectl scale " + target + " --replicas=" + strconv.Itoa(int(d.Replicas)-1), ""
	case key.Matches(msg, k.Undo):
		return "kubectl rollout undo " + target, ""
	case key.Matches(msg, k.PauseRollout):
		if d.Paused {
			return "kubectl rollout resume " + target, ""
		}
		return "kubectl rollout pause " + target, ""
	case key.Matches(msg, k.Restart):
		return "kubectl rollout restart " + target, ""
	}
	return "", "type it with : (kubectl " + strings.TrimSpace(msg.String()) + " has no key here)"
}

// propose parses a kubectl line in the view's namespace and, with
// --write, asks for confirmation (or runs it at once with --yes).
func (m *Model) propose(line string) tea.Cmd {
	if m.target.Namespace != "" && m.target.Namespace != "default" && !hasNamespace(line) {
		line += " -n " + m.target.Namespace
	}
	a, err := kubectl.Parse(line)
	if err != nil {
		m.note = termsafe.Line(firstLine(err.Error()))
		return nil
	}
	if a.ReadOnly() {
		m.note = "read-only commands print nothing here: t shows the pods; run `podviz " + strings.TrimPrefix(a.String(), "kubectl ") + " --context ...` beside"
		return nil
	}
	if _, ok := a.(*kubectl.ExecOptions); ok {
		m.note = "podviz does not exec into a real cluster's containers"
		return nil
	}
	if !m.opts.Write {
		m.note = "read-only (podviz --write acts): " + a.String()
		return nil
	}
	if m.opts.Yes {
		return m.run(a)
	}
	m.confirm = &pending{action: a}
	return nil
}

func hasNamespace(line string) bool {
	for _, w := range strings.Fields(line) {
		if w == "-n" || strings.HasPrefix(w, "-n=") || w == "--namespace" || strings.HasPrefix(w, "--namespace=") || w == "-A" {
			return true
		}
	}
	return false
}

// confirmLine names the context, the namespace and the exact command.
func (m *Model) confirmLine() string {
	ns := m.target.Namespace
	if ns == "" {
		ns = "default"
	}
	return fmt.Sprintf("context %s, namespace %s: run `%s`? y/n", m.target.Context, ns, m.confirm.action.String())
}

// run makes the action's API calls (as kubectl makes them) off the
// update loop, and reports back.
func (m *Model) run(a kubectl.Action) tea.Cmd {
	runner := m.opts.Run
	m.note = "running " + a.String() + " ..."
	return func() tea.Msg {
		if runner == nil {
			return actionDone{command: a.String(), err: fmt.Errorf("error: no cluster to run on")}
		}
		out, err := runner(context.Background(), a)
		return actionDone{command: a.String(), out: out, err: err}
	}
}

// onConfirmKey answers the confirmation: y runs, anything else cancels.
func (m *Model) onConfirmKey(msg tea.KeyPressMsg) tea.Cmd {
	a := m.confirm.action
	m.confirm = nil
	if msg.String() == "y" || msg.String() == "Y" {
		return m.run(a)
	}
	m.note = "cancelled: " + a.String()
	return nil
}

// onPromptKey edits the : line; enter proposes it, esc closes it.
func (m *Model) onPromptKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.prompt = nil
	case "enter":
		line := *m.prompt
		m.prompt = nil
		if strings.TrimSpace(line) == "" {
			return nil
		}
		return m.propose(line)
	case "backspace":
		if r := []rune(*m.prompt); len(r) > 0 {
			*m.prompt = string(r[:len(r)-1])
		}
	default:
		if t := msg.Text; t != "" && len(*m.prompt) < 4096 {
			*m.prompt += t
		}
	}
	return nil
}

func (m *Model) onActionDone(msg actionDone) {
	if msg.err != nil {
		m.note = termsafe.Line(firstLine(msg.err.Error()))
		return
	}
	m.note = termsafe.Line(firstLine(strings.TrimSpace(msg.out)))
	if m.note == "" {
		m.note = "done: " + termsafe.Line(msg.command)
	}
}

func firstLine(s string) string {
	s = strings.TrimRight(s, "\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}
