package tui

import "podviz/controller"

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
