package tui

import (
	"podviz/controller"
	"podviz/tui/diagram"
)

// selectable is one object the cursor can rest on, in screen order.
type selectable struct {
	uid, kind, namespace, name string
	// deployment is the Deployment the object belongs to ("" for a bare pod
	// or an orphan ReplicaSet's pod).
	deployment string
}

// selectables lists what can be selected, in the diagram's order: bare
// pods, then each Deployment followed by its pods, oldest ReplicaSet first,
// then pods of ReplicaSets no Deployment owns.
func selectables(snap *controller.Snapshot) []selectable {
	var out []selectable
	for _, p := range snap.BarePods {
		out = append(out, selectable{p.UID, "pod", p.Namespace, p.Name, ""})
	}
	for _, d := range snap.Deployments {
		out = append(out, selectable{d.UID, "deployment", d.Namespace, d.Name, d.Name})
		for _, rs := range d.ReplicaSets {
			for _, p := range rs.Pods {
				out = append(out, selectable{p.UID, "pod", p.Namespace, p.Name, d.Name})
			}
		}
	}
	for _, rs := range snap.ReplicaSets {
		for _, p := range rs.Pods {
			out = append(out, selectable{p.UID, "pod", p.Namespace, p.Name, ""})
		}
	}
	return out
}

// selection returns the selected object and its index (-1 when none).
func (m *Model) selection() (selectable, int) {
	for i, s := range m.selList {
		if s.uid == m.selected {
			return s, i
		}
	}
	return selectable{}, -1
}

// selectDefault selects the first Deployment (so + and - work at once), or
// the first object.
func (m *Model) selectDefault() {
	list := m.selList
	for _, s := range list {
		if s.kind == "deployment" {
			m.selected = s.uid
			return
		}
	}
	if len(list) > 0 {
		m.selected = list[0].uid
	}
}

// keepSelection moves the cursor to the nearest object when the selected
// one is gone (a killed pod finished terminating): the one now at its place.
func (m *Model) keepSelection() {
	m.selList = selectables(m.snap)
	m.selSet = make(map[string]struct{}, len(m.selList))
	for _, s := range m.selList {
		m.selSet[s.uid] = struct{}{}
	}
	list := m.selList
	for i, s := range list {
		if s.uid == m.selected {
			m.selIndex = i
			return
		}
	}
	if len(list) == 0 {
		m.selected = ""
		return
	}
	m.selected = list[min(m.selIndex, len(list)-1)].uid
}

// moveSelection moves the cursor by delta, wrapping around.
func (m *Model) moveSelection(delta int) {
	list := m.selList
	if len(list) == 0 {
		return
	}
	_, i := m.selection()
	if i < 0 {
		i = 0
	} else {
		i = ((i+delta)%len(list) + len(list)) % len(list)
	}
	m.selected = list[i].uid
	m.selIndex = i
}

// direction is an arrow key's direction on screen.
type direction struct{ dx, dy int }

var (
	dirLeft  = direction{-1, 0}
	dirRight = direction{1, 0}
	dirUp    = direction{0, -1}
	dirDown  = direction{0, 1}
)

// moveSpatial moves the cursor to the nearest object in direction d on
// the diagram, as drawn: right to the next pod in a ReplicaSet's row (or
// the next glyph of a grid), down to the pod below or into the Deployment.
// Distance along the direction counts once and sideways distance four
// times, so a move stays in its row or column when it can. When there is
// nothing that way the cursor stays and the status bar says so. Outside
// the diagram (no places) it falls back to the flat order.
func (m *Model) moveSpatial(d direction) {
	if m.pane != paneDiagram || len(m.places) == 0 {
		m.moveSelection(d.dx + d.dy)
		return
	}
	var cur diagram.Place
	found := false
	for _, pl := range m.places {
		if pl.UID == m.selected {
			cur, found = pl, true
			break
		}
	}
	if !found {
		m.moveSelection(d.dx + d.dy)
		return
	}
	best, bestScore := "", 0
	for _, pl := range m.places {
		if pl.UID == cur.UID || !m.selectable(pl.UID) {
			continue
		}
		along := (pl.X-cur.X)*d.dx + (pl.Y-cur.Y)*d.dy // distance in the direction
		if along <= 0 {
			continue
		}
		side := abs((pl.X-cur.X)*d.dy) + abs((pl.Y-cur.Y)*d.dx)
		if d.dx != 0 {
			side *= 4 // leaving the row costs more than going further along it
		} else {
			along *= 4 // a line down is a bigger step than a cell across
		}
		if score := along + side; best == "" || score < bestScore {
			best, bestScore = pl.UID, score
		}
	}
	if best == "" {
		m.setNote("nothing further that way; tab goes through every object")
		return
	}
	m.selected = best
	for i, s := range m.selList {
		if s.uid == best {
			m.selIndex = i
		}
	}
}

// selectable reports whether uid is an object the cursor can rest on.
func (m *Model) selectable(uid string) bool {
	_, ok := m.selSet[uid]
	return ok
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
