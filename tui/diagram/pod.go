package diagram

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"podviz/controller"
)

// podTitle is the name shown on a pod box. A ReplicaSet's pod shows only what
// follows its ReplicaSet's name ("…-x7k2p"): the full name is the enclosing
// box's title plus this, and it would not fit a fixed-width slot.
func podTitle(p *painter, pod *controller.PodView) span {
	var l line
	name := pod.Name
	if pod.Owner != "" && strings.HasPrefix(name, pod.Owner+"-") {
		l.add(p, stLabel, "…")
		name = name[len(pod.Owner):]
	}
	l.add(p, stName, name)
	return l.span()
}

// stateSpan is "● Ready": the symbol and the word, in the state's colour.
func stateSpan(p *painter, s podState, word string) *line {
	var l line
	l.addRaw(p, stateStyle(s), p.g.states[s], 1)
	l.addRaw(p, stPlain, " ", 1)
	l.add(p, stateStyle(s), word)
	return &l
}

// drawOrder is a pod's containers as they start: the init containers
// (sidecars among them) in order, then the app containers.
func drawOrder(pod *controller.PodView) []*controller.ContainerView {
	out := make([]*controller.ContainerView, 0, len(pod.Containers))
	for _, init := range []bool{true, false} {
		for i := range pod.Containers {
			if pod.Containers[i].Init == init {
				out = append(out, &pod.Containers[i])
			}
		}
	}
	return out
}

// roleWord marks a container that is not an app container.
func roleWord(c *controller.ContainerView) string {
	switch {
	case c.Sidecar:
		return "sidecar"
	case c.Init:
		return "init"
	}
	return ""
}

// readyCell is kubectl's READY for a pod of several containers ("1/2",
// sidecars counted); "" for one container, where the state says it all.
func readyCell(pod *controller.PodView) string {
	if pod.TotalContainers < 2 {
		return ""
	}
	return strconv.Itoa(pod.ReadyContainers) + "/" + strconv.Itoa(pod.TotalContainers)
}

// hasSidecar reports whether the pod has a native sidecar.
func hasSidecar(pod *controller.PodView) bool {
	for i := range pod.Containers {
		if pod.Containers[i].Sidecar {
			return true
		}
	}
	return false
}

func restartsWord(n int32) string {
	if n == 1 {
		return "1 restart"
	}
	return strconv.Itoa(int(n)) + " restarts"
}

func podBorder(p *painter, uid string, o *Options, old bool) (border, styleID) {
	if uid != "" && uid == o.Selected {
		return p.g.selected, stBorderSelected
	}
	if old {
		return p.g.normal, stBorderOld
	}
	return p.g.normal, stBorder
}

// replicaPodBox draws a ReplicaSet's pod in its fixed-width slot:
//
//	╭─ …-x7k2p ───────────╮   ╭─ …-chdsb ───────────╮
//	│ ● Ready             │   │ ✗ ImagePullBackOff  │
//	│ 10.244.1.7          │   │ image not found     │
//	│ ● nginx  0 restarts │   │ retry in 40s        │
//	╰─────────────────────╯   ╰─────────────────────╯
//
// A pod in trouble says why and what the kubelet does next in place of its
// IP and container line (one container) or of its IP (several), so the box
// keeps its height.
func replicaPodBox(p *painter, pod *controller.PodView, o *Options, old bool, w int) block {
	s, word := classify(pod)
	room := w - 4
	body := make([]span, 0, 2+len(pod.Containers))
	head := stateSpan(p, s, word)
	if rc := readyCell(pod); rc != "" && head.w+1+len(rc) <= room {
		head.add(p, stLabel, " "+rc)
	}
	body = append(body, head.span())
	why, next := trouble(pod, p.now)
	var second line
	switch {
	case why != "" && len(pod.Containers) == 1:
		second.add(p, stWarn, why)
		body = append(body, second.span())
		var l line
		if next != "" {
			l.add(p, stLabel, next)
		}
		body = append(body, l.span())
		return podBoxSpec(p, pod, o, old, body, w)
	case why != "":
		text := why
		if next != "" && cellWidth(p.text(why+p.g.dot+next)) <= room {
			text += p.g.dot + next
		}
		second.add(p, stWarn, text)
	case pod.IP != "":
		second.add(p, stPlain, pod.IP)
	default:
		second.add(p, stLabel, "no IP yet")
	}
	body = append(body, second.span())
	for _, c := range drawOrder(pod) {
		cs, _ := containerState(c)
		var l line
		l.addRaw(p, stateStyle(cs), p.g.states[cs], 1)
		l.addRaw(p, stPlain, " ", 1)
		l.add(p, stPlain, c.Name)
		if r := " " + roleWord(c); r != " " && l.w+len(r) <= room {
			l.add(p, stLabel, r)
		}
		if r := "  " + restartsWord(c.Restarts); l.w+len(r) <= room { // left out rather than cut
			l.add(p, stLabel, r)
		}
		body = append(body, l.span())
	}
	return podBoxSpec(p, pod, o, old, body, w)
}

func podBoxSpec(p *painter, pod *controller.PodView, o *Options, old bool, body []span, w int) block {
	b, bs := podBorder(p, pod.UID, o, old)
	return drawBox(p, boxSpec{border: b, borderStyle: bs, title: podTitle(p, pod), body: body, uid: pod.UID}, w)
}

// barePodBox draws a Pod no controller owns as the article's Pod box, one
// box per container inside it, so that the shared IP and ports are visible:
//
//	╭─ Pod example-pod ───────────────────────╮
//	│ ● Ready · IP 10.244.0.5                  │
//	│ ╭─ container nginx ──────────────────╮  │
//	│ │ nginx:latest                        │  │
//	│ │ ● Running, ready · 0 restarts       │  │
//	│ │ port 80/TCP on the pod's IP         │  │
//	│ ╰─────────────────────────────────────╯  │
//	╰─────────────────────────────────────────╯
func barePodBox(p *painter, pod *controller.PodView, o *Options, w int) block {
	s, word := classify(pod)
	var title line
	title.add(p, stKind, "Pod ")
	title.add(p, stName, pod.Name)

	head := stateSpan(p, s, word)
	if rc := readyCell(pod); rc != "" {
		head.add(p, stLabel, " "+rc)
	}
	if pod.IP != "" {
		head.add(p, stLabel, p.g.dot+"IP ")
		head.add(p, stPlain, pod.IP)
	} else {
		head.add(p, stLabel, p.g.dot+"no IP yet")
	}
	body := []span{head.span()}

	inner := w - 4
	for _, c := range drawOrder(pod) {
		if p.plan.compactBare {
			body = append(body, containerLine(p, c, inner))
			continue
		}
		body = append(body, blockSpans(containerBox(p, c, pod, inner))...)
	}
	if n := len(pod.Containers); n > 1 {
		var l line
		l.add(p, stLabel, strconv.Itoa(n)+" containers share one IP and one port space")
		body = append(body, l.span())
	}
	for i := range pod.Volumes {
		body = append(body, volumeLines(p, &pod.Volumes[i])...)
	}
	b, bs := podBorder(p, pod.UID, o, false)
	return drawBox(p, boxSpec{border: b, borderStyle: bs, title: title.span(), body: body, uid: pod.UID}, w)
}

// containerBox is one container inside a bare Pod box: its image, state
// and restarts, and the port it serves on the Pod's IP — or, while it is
// in trouble, why and what the kubelet does next in place of the port.
func containerBox(p *painter, c *controller.ContainerView, pod *controller.PodView, w int) block {
	var title line
	switch {
	case c.Sidecar:
		title.add(p, stLabel, "sidecar ")
	case c.Init:
		title.add(p, stLabel, "init container ")
	default:
		title.add(p, stLabel, "container ")
	}
	title.add(p, stName, c.Name)

	var image line
	image.add(p, stPlain, c.Image)

	cs, word := containerState(c)
	st := stateSpan(p, cs, word)
	st.add(p, stLabel, p.g.dot+restartsWord(c.Restarts))

	body := []span{image.span(), st.span()}
	one := controller.PodView{Containers: []controller.ContainerView{*c}}
	if why, next := trouble(&one, p.now); why != "" {
		var l line
		l.add(p, stWarn, why)
		if next != "" {
			l.add(p, stLabel, p.g.dot+next)
		}
		body = append(body, l.span())
	} else if len(c.Ports) > 0 {
		var l line
		l.add(p, stLabel, "port ")
		l.add(p, stPlain, strings.Join(c.Ports, ", "))
		if pod.IP != "" {
			l.add(p, stLabel, " on ")
			l.add(p, stPlain, pod.IP)
		} else {
			l.add(p, stLabel, " on the pod's IP")
		}
		body = append(body, l.span())
	}
	return drawBox(p, boxSpec{border: p.g.normal, borderStyle: stBorder, title: title.span(), body: body}, w)
}

// volumeLines are a volume of a bare Pod and who mounts it where, one
// line per mount (the containers that mount one emptyDir see the same
// files):
//
//	volume logs (emptyDir)
//	  logger at /var/log/app
//	  app at /var/log/nginx
func volumeLines(p *painter, v *controller.VolumeView) []span {
	var head line
	head.add(p, stLabel, "volume ")
	head.add(p, stName, v.Name)
	head.add(p, stLabel, " ("+v.Kind+")")
	if len(v.Mounts) == 0 {
		head.add(p, stLabel, ", not mounted")
	}
	out := []span{head.span()}
	for _, m := range v.Mounts {
		name, path, _ := strings.Cut(m, ":")
		var l line
		l.add(p, stPlain, "  "+name)
		l.add(p, stLabel, " at ")
		l.add(p, stPlain, path)
		out = append(out, l.span())
	}
	return out
}

// containerLine is a container in a compact bare Pod box:
// "● nginx nginx:latest · 0 restarts · 80/TCP".
// Within room cells, restarts and then ports are left out rather than cut.
func containerLine(p *painter, c *controller.ContainerView, room int) span {
	cs, _ := containerState(c)
	var l line
	l.addRaw(p, stateStyle(cs), p.g.states[cs], 1)
	l.addRaw(p, stPlain, " ", 1)
	l.add(p, stName, c.Name)
	if r := roleWord(c); r != "" {
		l.add(p, stLabel, " "+r)
	}
	l.add(p, stPlain, " "+c.Image)
	for _, extra := range []string{strings.Join(c.Ports, ", "), restartsWord(c.Restarts)} {
		if t := p.text(p.g.dot + extra); extra != "" && l.w+cellWidth(t) <= room {
			l.addRaw(p, stLabel, t, cellWidth(t))
		}
	}
	return l.span()
}

// podLine is a ReplicaSet's pod in one line, for short screens:
// "› ● …-rqp8q Ready 10.244.0.3". The first cell marks the selected pod, so
// the selection shows without colour.
//
// Within room cells the IP and restarts are left out rather than cut: a
// half IP teaches nothing.
func podLine(p *painter, pod *controller.PodView, o *Options, old bool, room int) span {
	s, word := classify(pod)
	var l line
	if pod.UID != "" && pod.UID == o.Selected {
		l.addRaw(p, stBorderSelected, p.g.pointer+" ", 2)
	} else {
		l.addRaw(p, stPlain, "  ", 2)
	}
	l.addRaw(p, stateStyle(s), p.g.states[s], 1)
	l.addRaw(p, stPlain, " ", 1)
	t := podTitle(p, pod)
	if old { // dim, like the rest of an old ReplicaSet
		var o line
		o.add(p, stOld, ansi.Strip(t.s))
		t = o.span()
	}
	l.addRaw(p, stPlain, t.s, t.w)
	l.add(p, stateStyle(s), " "+word)
	if rc := readyCell(pod); rc != "" && l.w+1+len(rc) <= room {
		l.add(p, stLabel, " "+rc)
	}
	if hasSidecar(pod) && l.w+len(" sidecar") <= room {
		l.add(p, stLabel, " sidecar")
	}
	if ip := p.text(pod.IP); ip != "" && l.w+1+cellWidth(ip) <= room {
		l.add(p, stPlain, " "+ip)
	}
	if r := " " + restartsWord(pod.Restarts); pod.Restarts > 0 && l.w+cellWidth(r) <= room {
		l.add(p, stLabel, r)
	}
	return l.span()
}

// ghost is a bare Pod that was deleted: nothing owns it, so nothing
// recreated it, and its slot keeps an empty dashed box saying so.
type ghost struct {
	namespace, name string
	containers      int
	deletedAt       time.Duration
}

// ghosts finds deleted bare Pods in the event log: a pod the kubelet killed
// ("Killing" on pod/NAME) that is no longer in the snapshot and that no
// ReplicaSet created (no "Created pod: NAME", and no ReplicaSet's name as its
// prefix). The log is capped, so an old enough ghost fades.
func ghosts(snap *controller.Snapshot) []ghost {
	var out []ghost
	for i := range snap.Events {
		e := &snap.Events[i]
		if e.Reason != "Killing" || !strings.HasPrefix(e.Object, "pod/") {
			continue
		}
		name := e.Object[len("pod/"):]
		if j := ghostIndex(out, e.Namespace, name); j >= 0 {
			out[j].containers++
			continue
		}
		if podExists(snap, e.Namespace, name) || ownedByReplicaSet(snap, name) {
			continue
		}
		out = append(out, ghost{e.Namespace, name, 1, e.First})
	}
	return out
}

func ghostIndex(gs []ghost, ns, name string) int {
	for i := range gs {
		if gs[i].namespace == ns && gs[i].name == name {
			return i
		}
	}
	return -1
}

func podExists(snap *controller.Snapshot, ns, name string) bool {
	for i := range snap.BarePods {
		if snap.BarePods[i].Namespace == ns && snap.BarePods[i].Name == name {
			return true
		}
	}
	return false
}

func ownedByReplicaSet(snap *controller.Snapshot, name string) bool {
	for i := range snap.Events {
		e := &snap.Events[i]
		if e.Reason == "SuccessfulCreate" && e.Message == "Created pod: "+name {
			return true
		}
	}
	for i := range snap.Deployments {
		for j := range snap.Deployments[i].ReplicaSets {
			if strings.HasPrefix(name, snap.Deployments[i].ReplicaSets[j].Name+"-") {
				return true
			}
		}
	}
	for i := range snap.ReplicaSets {
		if strings.HasPrefix(name, snap.ReplicaSets[i].Name+"-") {
			return true
		}
	}
	return false
}

// ghostBox draws a deleted bare Pod as a dim dashed box as tall as the Pod
// box it replaces, so nothing below it moves.
func ghostBox(p *painter, g ghost, now time.Duration, w int) block {
	var title line
	title.add(p, stOld, "Pod "+g.name+" — deleted")
	var msg line
	msg.add(p, stOld, "deleted "+agoWord(now-g.deletedAt)+" ago; nothing recreated it")
	var why line
	why.add(p, stOld, "(no controller owns a bare Pod)")
	bodyLines := 1 + g.containers // compact: the state line and one per container
	if !p.plan.compactBare {
		bodyLines = 1 + 5*g.containers
		if g.containers > 1 {
			bodyLines++
		}
	}
	body := []span{msg.span(), why.span()}
	for len(body) < bodyLines {
		body = append(body, span{})
	}
	return drawBox(p, boxSpec{border: p.g.ghost, borderStyle: stBorderOld, title: title.span(), body: body[:max(bodyLines, 1)]}, w)
}

// agoWord prints a virtual duration as kubectl's AGE column does for short
// times: "14s", "2m5s".
func agoWord(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return d.Truncate(time.Second).String()
}
