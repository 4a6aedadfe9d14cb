package main

import (
	"fmt"
	"io"
	"time"

	"podviz/controller/kubectl"
	"podviz/source"
)

// sourceAt is where a headless command reads: the simulation, loaded and
// run to virtual time t as clusterAt does.
func sourceAt(cf *ClusterFlags, in io.Reader, errOut io.Writer, t time.Duration) (src source.Source, stepsFailed bool, err error) {
	c, stepsFailed, err := clusterAt(cf, in, errOut, t)
	if err != nil {
		return nil, false, err
	}
	return source.Simulation{Cluster: c}, stepsFailed, nil
}

// rolloutOn runs a rollout status or history action on a source.
func rolloutOn(src source.Source, a kubectl.Action) (string, error) {
	switch a := a.(type) {
	case *kubectl.RolloutStatusOptions:
		return src.RolloutStatus(a.Namespace, a.Name, a.Revision)
	case *kubectl.RolloutHistoryOptions:
		return src.RolloutHistory(a.Namespace, a.Name, a.Revision)
	}
	return "", fmt.Errorf("error: podviz rollout runs status and history, not %s", a)
}
