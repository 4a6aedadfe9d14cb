package main

import (
	"podviz/controller"
	"podviz/controller/script"
	"podviz/model"
	"podviz/tui/diagram"
)

// scriptReserve plays s ahead on a twin of the cluster the live view will
// show (the same manifests and seed: the same timeline while nobody
// presses a key) and returns the room each Deployment needs for the
// largest spec.replicas it reaches, so its box is drawn that size from the
// start and nothing moves as the script scales. A ReplicaSet never holds
// more pods than spec.replicas (plus one terminating beside its
// replacement, which the diagram keeps room for anyway), so the replica
// counts after each step are all it takes. Steps that fail are ignored
// here; the live view shows their errors when it plays them.
func scriptReserve(objs *model.Objects, seed int64, s script.Script) (diagram.Reserve, error) {
	r := diagram.Reserve{Deployments: map[string]int{}}
	if len(s.Steps) == 0 {
		return r, nil
	}
	twin, err := controller.New(objs, controller.Options{Seed: seed})
	if err != nil {
		return r, err
	}
	note := func() {
		for _, d := range twin.Snapshot().Deployments {
			k := d.Namespace + "/" + d.Name
			r.Deployments[k] = max(r.Deployments[k], int(d.Replicas))
		}
	}
	note()
	script.NewPlayer(s).Finish(twin, model.MaxVirtualTime, func(cue script.Cue) {
		_ = script.RunCue(twin, cue, nil)
		if cue.Action != nil && !cue.Action.ReadOnly() {
			note()
		}
	})
	return r, nil
}
