// Package controller is podviz's in-process control plane: a Cluster runs
// Kubernetes' deployment and replicaset controllers, a kubelet and an API
// store on a virtual clock, and hands the TUI, cmd and kubectl immutable
// Snapshots.
//
// # The map
//
// The packages are laid out as upstream lays them out:
//
//	controller/clock            the virtual clock and its timers (k8s.io/utils/clock's shape)
//	controller/events           the event recorder and its aggregated log (client-go tools/record)
//	controller/apiserver        the API store for any kind: stamping, owner index, graceful
//	                            deletion, the garbage collector's cascade, watch handlers
//	controller/controllerutil   pod predicates and scale-down ranking (pkg/controller/controller_utils.go)
//	controller/deployment/util  the deployment's pure arithmetic (deployment/util/deployment_util.go)
//	controller/kubelet          the node agent: scheduler binding, pod lifecycle, container
//	                            runtime simulation, image registry, timings; one per node
//	controller (this package)   the Cluster facade: wiring, work queues, the settle loop,
//	                            the kubectl actions, Snapshot; and, still, the deployment
//	                            controller (sync.go, rolling.go, recreate.go, progress.go,
//	                            rollback.go) and the replicaset controller (replicaset.go)
//
// The library packages (clock, events, apiserver, controllerutil,
// deployment/util) import no controller; the kubelet imports no controller;
// only this package wires them, and what sits on top (kubectl, script,
// difftest, tui, cmd) sees this package only. TestLayering enforces it.
//
// # The flow
//
// A kubectl action (Scale, SetImage, Apply, DeletePod, …) validates and
// writes through the store (apiserver.Store Create/Update/UpdateSpec/
// Delete). The store stamps the object and calls every watch handler: the
// Cluster's handlers queue the Deployment or ReplicaSet keys that care
// (dq, rsq), the kubelet's start a pod's life or its kill. The action then
// settles: the queued controllers sync to a fixed point (ReplicaSets first,
// so a Deployment sees fresh status), each write going back through the
// store and its watchers. Time moves only when the caller advances the
// clock: each timer that fires (a kubelet step, a progress deadline, a
// minReadySeconds re-check) writes through the store in turn, and the
// controllers settle again. Snapshot reads the store, the kubelet's
// back-off deadlines and the event log into views that share nothing with
// the live objects.
package controller
