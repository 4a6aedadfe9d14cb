package main

import (
	"io"

	"podviz/controller"
	"podviz/controller/script"
)

// loadLive is loadCluster for the live view, with the script's steps in
// the form the live view of this version plays: each at an absolute time.
// A script of `at` steps alone is passed as it is; one with relative steps,
// captions or picks is planned ahead on a twin of the cluster (same
// manifests, same seed: the same timeline, while nobody presses a key), so
// every command gets the time and the pod names it will have (script.Plan).
func loadLive(cf *ClusterFlags, in io.Reader, errOut io.Writer) (*controller.Cluster, []script.Step, error) {
	objs, s, err := loadInputs(cf, in, errOut)
	if err != nil {
		return nil, nil, err
	}
	c, err := controller.New(objs, controller.Options{Seed: cf.Seed})
	if err != nil {
		return nil, nil, err
	}
	if absoluteOnly(s) {
		return c, s.Steps, nil
	}
	twin, err := controller.New(objs, controller.Options{Seed: cf.Seed})
	if err != nil {
		return nil, nil, err
	}
	steps, err := script.Plan(twin, s)
	if err != nil {
		return nil, nil, err
	}
	return c, steps, nil
}

// absoluteOnly: every step is `at` + a command without variables.
func absoluteOnly(s script.Script) bool {
	for _, st := range s.Steps {
		if st.Relative || st.Action == nil || st.Say != "" || st.Pick != nil {
			return false
		}
	}
	return true
}
