// Package source is what podviz's views draw from: a picture of
// Deployments, their ReplicaSets, Pods and containers, and the events
// (controller.Snapshot), with `kubectl rollout status` and `kubectl rollout
// history` beside it. The embedded simulation is one Source (Simulation);
// a real cluster read through client-go is another (source/kube), so the
// headless commands and the live view print the same thing whichever
// they are given.
package source

import (
	"podviz/controller"
	"podviz/controller/kubectl"
)

// Source is one place to read a cluster from.
type Source interface {
	// Snapshot is the picture now; the caller may keep it.
	Snapshot() *controller.Snapshot
	// RolloutStatus is what `kubectl rollout status deployment/NAME
	// --watch=false [--revision=N]` prints, or its error in kubectl's
	// words. namespace "" is the source's default namespace.
	RolloutStatus(namespace, name string, revision int64) (string, error)
	// RolloutHistory is what `kubectl rollout history deployment/NAME
	// [--revision=N]` prints, or its error in kubectl's words.
	RolloutHistory(namespace, name string, revision int64) (string, error)
}

// Simulation is the embedded control plane as a Source. It reads the
// cluster at whatever virtual time its owner ran it to; moving the clock
// stays the owner's business.
type Simulation struct {
	Cluster *controller.Cluster
}

// Snapshot is the cluster's snapshot at its current virtual instant.
func (s Simulation) Snapshot() *controller.Snapshot { return s.Cluster.Snapshot() }

// RolloutStatus runs podviz's `kubectl rollout status` on the cluster.
func (s Simulation) RolloutStatus(namespace, name string, revision int64) (string, error) {
	return (&kubectl.RolloutStatusOptions{Namespace: namespace, Name: name, Revision: revision}).Run(s.Cluster)
}

// RolloutHistory runs podviz's `kubectl rollout history` on the cluster.
func (s Simulation) RolloutHistory(namespace, name string, revision int64) (string, error) {
	return (&kubectl.RolloutHistoryOptions{Namespace: namespace, Name: name, Revision: revision}).Run(s.Cluster)
}
