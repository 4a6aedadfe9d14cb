package tui

import (
	"fmt"
	"strings"
	"time"

	"podviz/controller"
)

// paneOutput shows a read-only command's output (get, rollout status…).
const paneOutput pane = 100

type outputPane struct{ command, text string }

// differences is the "Pod vs Deployment" pane: the article's four rows, each
// answered for the bare Pod and the Deployment on screen, with what this
// session showed (or how to see it).
func (m *Model) differences(w int) string {
	snap := m.snap
	var bare *controller.PodView
	if len(snap.BarePods) > 0 {
		bare = &snap.BarePods[0]
	}
	var dep *controller.DeploymentView
	if len(snap.Deployments) > 0 {
		dep = &snap.Deployments[0]
	}
	podName, depName := "the Pod", "the Deployment"
	if bare != nil {
		podName = bare.Name
	} else if k := m.lastBareKill(); k != nil {
		podName = k.pod
	}
	if dep != nil {
		depName = dep.Name
	}
	now := snap.Elapsed

	var b strings.Builder
	st := m.styles
	b.WriteString(st.Pane.Title.Render("Pod vs Deployment — the article's table, with what this session showed") + "\n")
	row := func(feature, pod, deployment string) {
		b.WriteString(st.Pane.Title.Render(feature) + "\n")
		for i, cell := range []struct{ who, text string }{{"Pod", pod}, {"Deployment", deployment}} {
			_ = i
			label := fmt.Sprintf("  %-11s ", cell.who)
			for j, l := range wrap(cell.text, max(w-len(label), 10)) {
				if j == 0 {
					b.WriteString(label + l + "\n")
				} else {
					b.WriteString(strings.Repeat(" ", len(label)) + l + "\n")
				}
			}
		}
	}

	// Purpose.
	podPurpose := "one instance of a process: no Pod without a controller is loaded"
	if k := m.lastBareKill(); k != nil && bare == nil {
		podPurpose = fmt.Sprintf("one instance of a process: %s ran until you deleted it", k.pod)
	}
	if bare != nil {
		podPurpose = fmt.Sprintf("one instance: %s runs %s on one IP%s", bare.Name, containerList(bare), ipSuffix(bare.IP))
	}
	depPurpose := "manages replicas of a Pod template: no Deployment is loaded"
	if dep != nil {
		depPurpose = fmt.Sprintf("manages %d replicas of a template: %s → ReplicaSet → %d pods now (%d ready)",
			dep.Replicas, dep.Name, dep.StatusReplicas, dep.ReadyReplicas)
	}
	row("Purpose", podPurpose, depPurpose)

	// Self-healing.
	podHeal := fmt.Sprintf("no — not tried yet: select %s and press x; nothing will bring it back", podName)
	if bare == nil {
		// Nothing to select: say what a bare Pod would do and where one is.
		podHeal = "no — nothing would bring one back (podviz --example article has one to delete)"
	}
	if k := m.lastBareKill(); k != nil {
		if bare != nil && bare.Name == k.pod {
			podHeal = fmt.Sprintf("no — %s was deleted %s ago; it is terminating and nothing will replace it", k.pod, ago(now-k.at))
		} else {
			podHeal = fmt.Sprintf("no — %s was deleted %s ago and nothing recreated it", k.pod, ago(now-k.at))
		}
	}
	depHeal := fmt.Sprintf("yes — not tried yet: select one of %s's pods and press x", depName)
	if k := m.lastDeploymentKill(); k != nil {
		if name, after, ok := replacement(snap, *k); ok {
			depHeal = fmt.Sprintf("yes — %s was replaced by %s %s after you killed it (%s ago)", k.pod, name, ago(after), ago(now-k.at))
		} else {
			depHeal = fmt.Sprintf("yes — %s was killed %s ago; its ReplicaSet is replacing it", k.pod, ago(now-k.at))
		}
	}
	row("Self-Healing", podHeal, depHeal)

	// Rolling updates.
	podRoll := "no — a Pod's containers are fixed: to change the image you delete it and create another"
	depRoll := fmt.Sprintf("yes — not tried yet: press i to set a new image on %s", depName)
	if r := m.lastRollout(); r != nil {
		switch {
		case r.done:
			depRoll = fmt.Sprintf("yes — %s → %s rolled out in %s, never fewer than %d pods available",
				r.from, r.to, ago(r.doneAt-r.at), r.minAvailable)
		case dep != nil && dep.RolloutFailed:
			depRoll = fmt.Sprintf("yes, and safely — %s → %s is stuck (%s); the old pods keep serving, %d available",
				r.from, r.to, "progress deadline exceeded", dep.AvailableReplicas)
		default:
			depRoll = fmt.Sprintf("yes — %s → %s in progress for %s, never fewer than %d available so far",
				r.from, r.to, ago(now-r.at), r.minAvailable)
		}
	}
	row("Rolling Updates", podRoll, depRoll)

	// Replica management.
	podRep := "no — always exactly one; more means more Pods you create and watch yourself"
	depRep := fmt.Sprintf("yes — not tried yet: press + or - to scale %s", depName)
	if s := m.lastScale(); s != nil {
		depRep = fmt.Sprintf("yes — you scaled %s from %d to %d %s ago", s.deployment, s.from, s.to, ago(now-s.at))
		if d := findDeployment(snap, s.deployment); d != nil {
			depRep += fmt.Sprintf("; %d of %d ready now", d.ReadyReplicas, d.Replicas)
		}
	}
	row("Replica Management", podRep, depRep)
	return m.clean(strings.TrimRight(b.String(), "\n"))
}

func containerList(p *controller.PodView) string {
	var names []string
	for _, c := range p.Containers {
		names = append(names, c.Name)
	}
	if len(names) == 1 {
		return "1 container (" + names[0] + ")"
	}
	return fmt.Sprintf("%d containers (%s)", len(names), strings.Join(names, ", "))
}

func ipSuffix(ip string) string {
	if ip == "" {
		return ""
	}
	return " (" + ip + ")"
}

// ago prints a virtual duration briefly: "0s", "2.5s", "1m30s".
func ago(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return d.Round(100 * time.Millisecond).String()
}

func (m *Model) lastBareKill() *killRecord {
	for i := len(m.session.kills) - 1; i >= 0; i-- {
		if m.session.kills[i].replicaSet == "" {
			return &m.session.kills[i]
		}
	}
	return nil
}

func (m *Model) lastDeploymentKill() *killRecord {
	for i := len(m.session.kills) - 1; i >= 0; i-- {
		if m.session.kills[i].deployment != "" {
			return &m.session.kills[i]
		}
	}
	return nil
}

func (m *Model) lastRollout() *rolloutRecord {
	if n := len(m.session.rollouts); n > 0 {
		return &m.session.rollouts[n-1]
	}
	return nil
}

func (m *Model) lastScale() *scaleRecord {
	if n := len(m.session.scales); n > 0 {
		return &m.session.scales[n-1]
	}
	return nil
}

// wrap breaks plain text at spaces into lines of at most w cells.
func wrap(s string, w int) []string {
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) <= w:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}
