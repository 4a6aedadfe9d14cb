package controller

// This file fixes the Cluster's public surface so that the TUI, the kubectl
// package and the commands can be written against it while the controllers
// are built. Bodies are placeholders until then.

import (
	"errors"
	"time"

	"podviz/model"
)

var errNotYet = errors.New("not implemented yet")

// Options configure a new Cluster.
type Options struct {
	// Seed feeds the one random source (generated pod names).
	Seed int64
}

// Cluster is the in-process control plane: store, virtual clock, event
// recorder, controllers and kubelet. It is not safe for concurrent use; the
// TUI owns it and drives it from Update.
type Cluster struct{}

// New creates the objects (as `kubectl apply -f` would, in load order) and
// runs the controllers to a fixed point at virtual time 0.
func New(objs *model.Objects, opts Options) (*Cluster, error) { return &Cluster{}, errNotYet }

// Now is the current virtual instant; Elapsed the time since start.
func (c *Cluster) Now() time.Time         { return time.Time{} }
func (c *Cluster) Elapsed() time.Duration { return 0 }

// Advance moves the clock forward by d, firing every transition due on the way, in order.
func (c *Cluster) Advance(d time.Duration) {}

// RunUntil advances the clock to virtual time t (since start).
func (c *Cluster) RunUntil(t time.Duration) {}

// Step advances to the next pending transition and fires it; false when idle.
func (c *Cluster) Step() bool { return false }

// NextTransition is the virtual time of the next pending transition; ok false when idle.
func (c *Cluster) NextTransition() (at time.Duration, ok bool) { return 0, false }

// Snapshot returns an immutable view of the current state.
func (c *Cluster) Snapshot() *Snapshot { return &Snapshot{} }

// DeleteOptions mirror kubectl delete's --grace-period and --force.
type DeleteOptions struct {
	GracePeriod *int64 // nil: the pod's terminationGracePeriodSeconds
	Force       bool
}

// ContainerImage is one NAME=IMAGE pair of `kubectl set image` ("*" for every container).
type ContainerImage struct{ Container, Image string }

// Every action returns what kubectl prints on success ("deployment.apps/web
// scaled") or kubectl's error text, and changes nothing when it fails.

func (c *Cluster) Scale(namespace, name string, replicas int32) (string, error) { return "", errNotYet }
func (c *Cluster) SetImage(namespace, name string, images []ContainerImage) (string, error) {
	return "", errNotYet
}
func (c *Cluster) DeletePod(namespace, name string, opts DeleteOptions) (string, error) {
	return "", errNotYet
}
func (c *Cluster) DeletePodsBySelector(namespace, selector string, opts DeleteOptions) (string, error) {
	return "", errNotYet
}
func (c *Cluster) DeleteDeployment(namespace, name string) (string, error) { return "", errNotYet }
func (c *Cluster) RolloutUndo(namespace, name string, toRevision int64) (string, error) {
	return "", errNotYet
}
func (c *Cluster) RolloutPause(namespace, name string) (string, error)   { return "", errNotYet }
func (c *Cluster) RolloutResume(namespace, name string) (string, error)  { return "", errNotYet }
func (c *Cluster) RolloutRestart(namespace, name string) (string, error) { return "", errNotYet }

// Apply creates or updates objects as `kubectl apply -f` (a changed template
// starts a rollout); it returns kubectl's lines ("deployment.apps/web configured").
func (c *Cluster) Apply(objs *model.Objects) (string, error) { return "", errNotYet }

// RolloutHistory returns `kubectl rollout history deployment/NAME` output
// (or the --revision=N detail when revision > 0).
func (c *Cluster) RolloutHistory(namespace, name string, revision int64) (string, error) {
	return "", errNotYet
}
