package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"podviz/controller"
	"podviz/controller/kubectl"
	"podviz/termsafe"
)

// nsFlag is kubectl's -n flag for objects outside the default namespace.
func nsFlag(ns string) string {
	if ns == "" || ns == "default" {
		return ""
	}
	return " -n " + ns
}

// targetDeployment is the Deployment a deployment key acts on: the selected
// one, or the one owning the selected pod. When there is none, why says so.
func (m *Model) targetDeployment() (d *controller.DeploymentView, why string) {
	sel, i := m.selection()
	if i < 0 {
		return nil, "nothing is selected"
	}
	if sel.deployment == "" {
		return nil, fmt.Sprintf("%s is a bare Pod: no Deployment manages it, so there are no replicas to scale or roll out — select a Deployment (tab)", sel.name)
	}
	for k := range m.snap.Deployments {
		if dd := &m.snap.Deployments[k]; dd.Name == sel.deployment && dd.Namespace == sel.namespace {
			return dd, ""
		}
	}
	return nil, "the Deployment is gone"
}

// actionResult is what the status bar says about the last action: its
// number in this session, the kubectl command and the first line of what
// kubectl printed, or of its error.
type actionResult struct {
	seq     int
	command string
	result  string
	err     string
}

// run parses a kubectl command line, runs it and reports on the status bar.
// A line that does not parse is an action too: it gets a number and its
// error.
func (m *Model) run(line, source string) error {
	a, err := kubectl.Parse(line)
	if err != nil {
		m.seq++
		m.last = actionResult{seq: m.seq, command: termsafe.Line("kubectl " + strings.TrimPrefix(strings.TrimSpace(line), "kubectl ")),
			err: termsafe.Line(firstLine(err.Error()))}
		return err
	}
	return m.runAction(a, source)
}

// runAction runs an action, shows its command and result, records it for
// the differences pane and the transcript.
func (m *Model) runAction(a kubectl.Action, source string) error {
	at := m.c.Elapsed()
	before := m.snap
	fromScript := strings.HasPrefix(source, "script")
	if m.tour != nil && !fromScript {
		m.tour.record(tourEvent{at: at, kind: evAction, action: a})
	}
	out, err := a.Run(m.c)
	if m.play != nil && !fromScript {
		// The player's idea of when the cluster can stall assumed nobody
		// else acts.
		m.play.player.ClusterChanged()
	}
	out = termsafe.Text(out) // kubectl's output quotes what the user typed
	m.seq++
	m.last = actionResult{seq: m.seq, command: termsafe.Line(a.String())}
	if err != nil {
		m.last.err = termsafe.Line(firstLine(err.Error()))
		m.refresh()
		return err
	}
	m.last.result = firstLine(out)
	switch {
	case a.ReadOnly() && source == "prompt":
		m.output = &outputPane{command: m.last.command, text: out}
		m.pane = paneOutput
		m.last.result = "printed above (esc closes)"
	case a.ReadOnly() && fromScript && strings.Contains(strings.TrimRight(out, "\n"), "\n"):
		// kubectl's tables do not fit the status bar's line: a script's
		// output shows under the diagram, which keeps moving above it,
		// until the script's next change (scriptOutput).
		m.scriptOut = &outputPane{command: m.last.command, text: out}
		m.last.result = "printed above"
	}
	if !a.ReadOnly() {
		m.writeTranscript(m.replayable(a.String()), at, source)
		m.scriptOut = nil // its table is of the cluster before this change
	}
	m.refresh()
	m.session.recordAction(a.String(), at, before, m.snap)
	return nil
}

func firstLine(s string) string {
	s = strings.TrimRight(s, "\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// writeTranscript appends the command to the transcript, after a comment
// with the virtual time it ran at (the caller wrote the script's start: its
// #!/bin/sh and the apply of the manifests). A write that fails is said on
// the status bar once, and the transcript is not written again: the caller
// reports the error when the session ends.
func (m *Model) writeTranscript(line string, at time.Duration, source string) {
	if m.transcript == nil || m.transcriptErr != nil {
		return
	}
	_, err := fmt.Fprintf(m.transcript, "# at %ss (%s)\n%s\n", strconv.FormatFloat(at.Seconds(), 'f', 1, 64), source, line)
	if err != nil {
		m.transcriptErr = err
		m.setNote("the transcript could not be written: " + err.Error())
	}
}

// replayable is a script command's line as the transcript writes it: a
// pod a pick named is "$VAR" again, as the script wrote it, since the
// pick's own line (POD=$(kubectl get pods …)) is in the transcript above
// and a real cluster's pods have other names.
func (m *Model) replayable(line string) string {
	if len(m.cueVars) == 0 {
		return line
	}
	words := strings.Split(line, " ")
	for i, w := range words {
		for _, v := range m.cueVars {
			if name, ok := m.picked[v]; ok && w == name {
				words[i] = `"$` + v + `"`
			}
		}
	}
	return strings.Join(words, " ")
}

// setNote says why a key did nothing (the next key clears it), escaped: a
// note often quotes what the user typed or pasted (an unknown flag, a
// name).
func (m *Model) setNote(s string) { m.note = termsafe.Line(s) }

// scaleBy scales the target Deployment by delta replicas.
func (m *Model) scaleBy(delta int32) {
	d, why := m.targetDeployment()
	if d == nil {
		m.setNote(why)
		return
	}
	n := d.Replicas + delta
	if n < 0 {
		m.setNote(fmt.Sprintf("deployment/%s is already at 0 replicas", d.Name))
		return
	}
	_ = m.run(fmt.Sprintf("kubectl scale deployment/%s --replicas=%d%s", d.Name, n, nsFlag(d.Namespace)), "key")
}

// rollout runs `kubectl rollout VERB` on the target Deployment.
func (m *Model) rollout(verb string) {
	d, why := m.targetDeployment()
	if d == nil {
		m.setNote(why)
		return
	}
	_ = m.run(fmt.Sprintf("kubectl rollout %s deployment/%s%s", verb, d.Name, nsFlag(d.Namespace)), "key")
}

// togglePause pauses a running rollout or resumes a paused one.
func (m *Model) togglePause() {
	d, why := m.targetDeployment()
	if d == nil {
		m.setNote(why)
		return
	}
	if d.Paused {
		m.rollout("resume")
	} else {
		m.rollout("pause")
	}
}

// kill deletes the selected pod, as `kubectl delete pod`.
func (m *Model) kill() {
	sel, i := m.selection()
	if i < 0 || sel.kind != "pod" {
		m.setNote("select a pod to kill (tab moves from the Deployment to its pods)")
		return
	}
	_ = m.run(fmt.Sprintf("kubectl delete pod %s%s", sel.name, nsFlag(sel.namespace)), "key")
}

// crash stops a container of the selected pod from inside, as the docs
// do: the kubelet restarts it in place, so the pod keeps its name and IP
// and its RESTARTS goes up (unlike x, which replaces the pod). In a pod of
// several containers it asks which (↑/↓), starting from the one chosen
// last, and the command names it with -c; with one, kubectl's default
// container needs no -c.
func (m *Model) crash() {
	sel, i := m.selection()
	if i < 0 || sel.kind != "pod" {
		m.setNote("select a pod to crash a container of (tab moves from the Deployment to its pods)")
		return
	}
	var targets []imageTarget
	for _, c := range podContainers(m.snap, sel.uid) {
		targets = append(targets, imageTarget{name: c.Name})
	}
	if len(targets) == 0 {
		m.setNote("pod/" + sel.name + " has no container to crash")
		return
	}
	exec := func(t imageTarget) *kubectl.ExecOptions {
		return &kubectl.ExecOptions{Namespace: nsArg(sel.namespace), Pod: sel.name, Container: t.name, Command: []string{"kill", "1"}}
	}
	m.pickContainer(targets, exec)
}

// pickContainer runs exec's command on the only target, without -c, or
// opens the pick prompt on several, at the container chosen last when it
// is among them.
func (m *Model) pickContainer(targets []imageTarget, exec func(imageTarget) *kubectl.ExecOptions) {
	if len(targets) == 1 {
		a := exec(targets[0])
		a.Container = ""
		_ = m.runAction(a, "key")
		return
	}
	m.prompt = &prompt{kind: promptPick, targets: targets, pickLine: func(t imageTarget) string { return exec(t).String() }}
	at := 0
	for i, t := range targets {
		if t.name == m.container {
			at = i
		}
	}
	m.prompt.pick(at)
}

// podContainers are the containers of the pod (app containers, then init
// containers and sidecars, as the snapshot lists them); nil when unknown.
func podContainers(snap *controller.Snapshot, uid string) []controller.ContainerView {
	look := func(pods []controller.PodView) []controller.ContainerView {
		for _, p := range pods {
			if p.UID == uid {
				return p.Containers
			}
		}
		return nil
	}
	if cs := look(snap.BarePods); cs != nil {
		return cs
	}
	for _, d := range snap.Deployments {
		for _, rs := range d.ReplicaSets {
			if cs := look(rs.Pods); cs != nil {
				return cs
			}
		}
	}
	for _, rs := range snap.ReplicaSets {
		if cs := look(rs.Pods); cs != nil {
			return cs
		}
	}
	return nil
}

// nsArg is the -n a key's command carries: none for the default namespace.
func nsArg(ns string) string {
	if ns == "default" {
		return ""
	}
	return ns
}

// failProbe removes the file an exec probe of the selected pod reads:
// the probe fails at its next runs (Unhealthy), and a liveness probe's
// third failure kills the container, which restarts in place. When
// several containers have such a probe it asks which, as c does.
func (m *Model) failProbe() {
	sel, i := m.selection()
	if i < 0 || sel.kind != "pod" {
		m.setNote("select a pod to fail the probe of (tab moves from the Deployment to its pods)")
		return
	}
	var targets []imageTarget
	for _, cf := range m.c.ProbeFiles(sel.namespace, sel.name) {
		targets = append(targets, imageTarget{name: cf.Container, image: cf.File})
	}
	if len(targets) == 0 {
		m.setNote("pod/" + sel.name + " has no exec probe that reads a file (like cat /tmp/healthy)")
		return
	}
	several := len(podContainers(m.snap, sel.uid)) > 1
	exec := func(t imageTarget) *kubectl.ExecOptions {
		return &kubectl.ExecOptions{Namespace: nsArg(sel.namespace), Pod: sel.name, Container: t.name, Command: []string{"rm", t.image}}
	}
	if len(targets) == 1 && several {
		// One probe, in a pod of several containers: -c says whose.
		_ = m.runAction(exec(targets[0]), "key")
		return
	}
	m.pickContainer(targets, exec)
}

// containerOf names the first container of a Deployment's pods ("*" when
// it has none to look at: kubectl's every-container wildcard).
func containerOf(d *controller.DeploymentView) string {
	return templateContainers(d)[0].name
}

// imageTarget is one container a set image can change, with its image.
type imageTarget struct{ name, image string }

// templateContainers are the containers of a Deployment's pod template, as
// a pod of its newest ReplicaSet shows them (app containers, then init
// containers and sidecars, which set image changes too); a pod of an older
// one when the newest has none; "*" (every container) with the
// Deployment's first image when no pod is there to look at.
func templateContainers(d *controller.DeploymentView) []imageTarget {
	var out []imageTarget
	from := func(newOnly bool) {
		for _, rs := range d.ReplicaSets {
			if newOnly && !rs.New {
				continue
			}
			for _, p := range rs.Pods {
				if len(out) == 0 && len(p.Containers) > 0 {
					for _, c := range p.Containers {
						out = append(out, imageTarget{c.Name, c.Image})
					}
				}
			}
		}
	}
	from(true)
	if len(out) == 0 {
		from(false)
	}
	if len(out) == 0 {
		image := ""
		if len(d.Images) > 0 {
			image = d.Images[0]
		}
		out = append(out, imageTarget{"*", image})
	}
	return out
}
