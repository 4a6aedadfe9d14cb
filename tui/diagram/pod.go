package diagram

import (
	"strconv"
	"strings"

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
//	╭─ …-x7k2p ───────────╮
//	│ ● Ready             │
//	│ 10.244.1.7          │
//	│ ● nginx  0 restarts │
//	╰─────────────────────╯
func replicaPodBox(p *painter, pod *controller.PodView, o *Options, old bool, w int) block {
	s, word := classify(pod)
	body := make([]span, 0, 2+len(pod.Containers))
	body = append(body, stateSpan(p, s, word).span())
	var ip line
	if pod.IP != "" {
		ip.add(p, stPlain, pod.IP)
	} else {
		ip.add(p, stLabel, "no IP yet")
	}
	body = append(body, ip.span())
	for i := range pod.Containers {
		c := &pod.Containers[i]
		cs, _ := containerState(c)
		var l line
		l.addRaw(p, stateStyle(cs), p.g.states[cs], 1)
		l.addRaw(p, stPlain, " ", 1)
		l.add(p, stPlain, c.Name)
		l.add(p, stLabel, "  "+restartsWord(c.Restarts))
		body = append(body, l.span())
	}
	b, bs := podBorder(p, pod.UID, o, old)
	return drawBox(p, boxSpec{border: b, borderStyle: bs, title: podTitle(p, pod), body: body}, w)
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
	if pod.IP != "" {
		head.add(p, stLabel, p.g.dot+"IP ")
		head.add(p, stPlain, pod.IP)
	} else {
		head.add(p, stLabel, p.g.dot+"no IP yet")
	}
	body := []span{head.span()}

	inner := w - 4
	for i := range pod.Containers {
		c := &pod.Containers[i]
		body = append(body, blockSpans(containerBox(p, c, pod.IP, inner))...)
	}
	if n := len(pod.Containers); n > 1 {
		var l line
		l.add(p, stLabel, strconv.Itoa(n)+" containers share one IP and one port space")
		body = append(body, l.span())
	}
	b, bs := podBorder(p, pod.UID, o, false)
	return drawBox(p, boxSpec{border: b, borderStyle: bs, title: title.span(), body: body}, w)
}

// containerBox is one container inside a bare Pod box.
func containerBox(p *painter, c *controller.ContainerView, podIP string, w int) block {
	var title line
	title.add(p, stLabel, "container ")
	title.add(p, stName, c.Name)

	var image line
	image.add(p, stPlain, c.Image)

	cs, word := containerState(c)
	st := stateSpan(p, cs, word)
	st.add(p, stLabel, p.g.dot+restartsWord(c.Restarts))

	body := []span{image.span(), st.span()}
	if len(c.Ports) > 0 {
		var l line
		l.add(p, stLabel, "port ")
		l.add(p, stPlain, strings.Join(c.Ports, ", "))
		if podIP != "" {
			l.add(p, stLabel, " on ")
			l.add(p, stPlain, podIP)
		} else {
			l.add(p, stLabel, " on the pod's IP")
		}
		body = append(body, l.span())
	}
	return drawBox(p, boxSpec{border: p.g.normal, borderStyle: stBorder, title: title.span(), body: body}, w)
}
