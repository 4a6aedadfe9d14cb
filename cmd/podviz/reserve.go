package main

import (
	"runtime/debug"

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
//
// The twin costs as much memory as the cluster itself, so it is played
// only as far as the script's last step that changes anything (none: no
// twin at all), and it is gone, its memory handed back, before the caller
// builds the cluster it shows: the two never exist at once.
func scriptReserve(objs *model.Objects, seed int64, s script.Script) (diagram.Reserve, error) {
	r := diagram.Reserve{Deployments: map[string]int{}}
	last := -1 // the last step that changes the cluster, in play order
	for i, st := range s.Steps {
		if st.Action != nil && !st.Action.ReadOnly() {
			last = i
		}
	}
	if last < 0 {
		return r, nil
	}
	// Steps after it change nothing (and the `at` sequences after it in
	// play order hold none that does), so the replica counts are all known
	// once it has run.
	s.Steps = s.Steps[:last+1]
	defer debug.FreeOSMemory()
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
