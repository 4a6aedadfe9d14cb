package difftest

import (
	"io"
	"sort"
	"testing"
	"time"

	"podviz/controller"
	"podviz/controller/script"
	"podviz/model"
)

// runPodviz plays the scenario through podviz's simulation, as
// podviz/controller/difftest does: each step stepGap after the last, when
// the simulated cluster has settled.
func runPodviz(t *testing.T, sc scenario) side {
	objs, err := model.Parse("web.yaml", []byte(sc.manifest), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	s, err := script.Parse("script.yaml", []byte(sc.script("")))
	if err != nil {
		t.Fatal(err)
	}
	c, err := controller.New(objs, controller.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var out side
	out.reactions = make([][]move, len(sc.steps))
	// The event log aggregates repeats (Count), so it is read after every
	// transition and each count increase is a new move, placed by Seq.
	type occurrence struct {
		msg string
		seq uint64
	}
	seen := map[string]int32{}
	var occs []occurrence
	collect := func() {
		var fresh []occurrence
		for _, e := range c.Snapshot().Events {
			if e.Reason != "ScalingReplicaSet" || e.Object != "deployment/web" {
				continue
			}
			key := e.Type + "|" + e.Message
			for n := seen[key]; n < max(e.Count, 1); n++ {
				fresh = append(fresh, occurrence{msg: e.Message, seq: e.Seq})
			}
			seen[key] = max(e.Count, 1)
		}
		sort.SliceStable(fresh, func(i, j int) bool { return fresh[i].seq < fresh[j].seq })
		occs = append(occs, fresh...)
	}
	advanceTo := func(target time.Duration) {
		for {
			at, ok := c.NextTransition()
			if !ok || at > target {
				break
			}
			c.Step()
			collect()
		}
		c.RunUntil(target)
		collect()
	}
	collect()
	for _, st := range s.Steps {
		advanceTo(st.At)
		before := len(occs)
		if _, err := st.Action.Run(c); err != nil {
			out.failed = append(out.failed, st.Run+": "+err.Error())
		}
		collect()
		k := int(st.At/stepGap) - 1
		for _, o := range occs[before:] {
			m, _ := parseMove(o.msg, nil)
			out.reactions[k] = append(out.reactions[k], m)
		}
	}
	advanceTo(time.Duration(len(sc.steps)+1) * stepGap)
	snap := c.Snapshot()
	var d *controller.DeploymentView
	for i := range snap.Deployments {
		if snap.Deployments[i].Name == "web" {
			d = &snap.Deployments[i]
		}
	}
	if d == nil {
		t.Fatalf("podviz: deployment web is gone")
	}
	labels := map[string]string{}
	for i, rs := range d.ReplicaSets { // oldest first
		labels[rs.Name] = labelFor(i)
	}
	for _, o := range occs {
		m, ok := parseMove(o.msg, labels)
		if !ok {
			t.Fatalf("podviz: unexpected ScalingReplicaSet message %q", o.msg)
		}
		out.moves = append(out.moves, m)
	}
	for k := range out.reactions {
		for i := range out.reactions[k] {
			if l, ok := labels[out.reactions[k][i].rs]; ok {
				out.reactions[k][i].rs = l
			}
		}
	}
	var rss []rsSize
	for _, rs := range d.ReplicaSets {
		rss = append(rss, rsSize{label: labels[rs.Name], size: int(rs.Desired), revision: rs.Revision})
	}
	out.end = newEndState(int(d.Replicas), d.Paused, rss)
	return out
}
