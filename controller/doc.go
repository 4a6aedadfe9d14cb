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
//	controller/apiserver        the API store for any kind: admission (a strategy per kind);
//	                            stamping; indexes by key, uid, namespace, label and
//	                            controlling owner; graceful deletion, the garbage
//	                            collector's cascade, watch handlers
//	controller/workqueue        a controller's queue of keys (client-go util/workqueue)
//	controller/controllerutil   pod predicates, scale-down ranking, the ReplicaSet filters
//	                            and orders (pkg/controller/controller_utils.go)
//	controller/deployment/util  the deployment's pure arithmetic (deployment/util/deployment_util.go)
//	controller/deployment       the deployment controller: sync, rolling, recreate, progress
//	                            and its deadline, history cleanup, the rollback helpers,
//	                            and podviz's Decision of each sync (pkg/controller/deployment)
//	controller/replicaset       the replicaset controller: adoption, slow-start creates,
//	                            ranked deletes, status, minReadySeconds (pkg/controller/replicaset)
//	controller/kubelet          the node agent: scheduler binding, pod lifecycle, container
//	                            runtime simulation, image registry, timings; one per node
//	controller (this package)   the Cluster facade: wiring (the kinds' admission from the
//	                            model package's defaults and validation), the settle loop
//	                            over the controllers' queues, the kubectl actions, Snapshot
//
// The library packages (clock, events, apiserver, workqueue,
// controllerutil, deployment/util) import no controller; a controller
// (deployment, replicaset) sees the cluster only through the store (its
// listers, its watch and its client), the recorder and the clock, and
// imports neither the other controller nor the kubelet; the kubelet
// imports no controller; only this package wires them, and what sits on
// top (kubectl, script, difftest, tui, cmd) sees this package only.
// TestLayering enforces it.
//
// # The flow
//
// A kubectl action (Scale, SetImage, Apply, DeletePod, …) writes through
// the store (apiserver.Store Create/Replace/Delete), whose admission
// defaults and validates the object as the apiserver does and refuses an
// invalid one with nothing changed (admission.go); the pod budget is the
// action's own admission after it. The store stamps the object and calls
// every watch handler: the controllers' handlers queue the keys that care
// (a ReplicaSet's change queues it in the replicaset controller and its
// owner in the deployment controller), the kubelet's start a pod's life or
// its kill. The action then settles: the Cluster drains the queues to a
// fixed point (ReplicaSets first, so a Deployment sees fresh status), each
// write going back through the store and its watchers. Time moves only when
// the caller advances the clock: each timer that fires (a kubelet step, a
// progress deadline, a minReadySeconds re-check) writes through the store
// or queues a key, and the controllers settle again. Snapshot reads the
// store, the deployment controller's Decisions, the kubelet's back-off
// deadlines and the event log into views that share nothing with the live
// objects.
package controller
