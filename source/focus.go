package source

import (
	"fmt"
	"strings"

	"podviz/controller"
)

// Focus is the snapshot cut down to one Deployment (namespace/name): its
// ReplicaSets and pods, and the events of those objects; no bare pods, no
// other ReplicaSets. false when the snapshot has no such Deployment.
func Focus(snap *controller.Snapshot, namespace, name string) (*controller.Snapshot, bool) {
	out := *snap
	out.Deployments, out.ReplicaSets, out.BarePods, out.Events = nil, nil, nil, nil
	for _, d := range snap.Deployments {
		if d.Namespace == namespace && d.Name == name {
			out.Deployments = []controller.DeploymentView{d}
		}
	}
	if out.Deployments == nil {
		return nil, false
	}
	d := out.Deployments[0]
	mine := map[string]bool{"deployment/" + d.Name: true}
	for _, rs := range d.ReplicaSets {
		mine["replicaset/"+rs.Name] = true
		for _, p := range rs.Pods {
			mine["pod/"+p.Name] = true
		}
	}
	for _, e := range snap.Events {
		if e.Namespace == namespace && mine[strings.ToLower(e.Object)] {
			out.Events = append(out.Events, e)
		}
	}
	// What was dropped from the log may have been this Deployment's.
	out.EventsDropped = snap.EventsDropped
	return &out, true
}

// NotFound is the API server's NotFound for a Deployment, as kubectl
// prints it.
func NotFound(name string) error {
	return fmt.Errorf("Error from server (NotFound): deployments.apps %q not found", name)
}
