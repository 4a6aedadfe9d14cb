package controller

import (
	"time"

	"podviz/controller/clock"
	"podviz/controller/deployment"
	"podviz/controller/events"
	"podviz/controller/kubelet"
)

// Snapshot is an immutable, render-ready view of the cluster at one virtual
// instant. Every slice is sorted (see each field) and nothing in it is shared
// with the live store, so a renderer may keep it while the cluster moves on.
// It is the only thing the TUI, the diagram renderer and the kubectl printers
// read.
type Snapshot struct {
	// Elapsed is virtual time since the cluster started; Now is the same
	// instant as a timestamp (Epoch + Elapsed), for AGE columns and events.
	Elapsed time.Duration
	Now     time.Time
	// Idle is true when no transition is pending: advancing the clock would
	// change nothing until the user acts. The TUI stops ticking then.
	Idle bool
	// NextTransition is the virtual time of the next pending transition
	// (meaningless when Idle).
	NextTransition time.Duration
	// AtTimeLimit is true once the clock reached model.MaxVirtualTime, where
	// it stops (Idle is then true even if a crash loop would go on).
	AtTimeLimit bool

	// Deployments sorted by namespace, then name.
	Deployments []DeploymentView
	// ReplicaSets that no Deployment owns (loaded from manifests), sorted by
	// namespace, then name.
	ReplicaSets []ReplicaSetView
	// BarePods are pods no controller owns, sorted by namespace, then name.
	BarePods []PodView
	// Events is the event log, oldest first, capped (see model.MaxEvents).
	Events []Event
	// EventsDropped counts the entries that fell off the capped log: a view
	// of Events must say so when it is not zero.
	EventsDropped uint64
	// Notices are what podviz's container model did not understand in a
	// container's command or image, or bounded, each said once with the
	// first pod that raised it, oldest first; NoticesDropped counts those
	// past the bounds. They are podviz's words, not events: a view shows
	// them beside the events, and headless commands on standard error.
	Notices        []Notice
	NoticesDropped uint64
}

// DeploymentView is one Deployment with everything the diagram draws.
type DeploymentView struct {
	Namespace, Name, UID string
	ResourceVersion      uint64
	Created              time.Duration // virtual time of creation
	Generation           int64
	ObservedGeneration   int64
	Revision             int64 // deployment.kubernetes.io/revision

	Replicas int32  // spec.replicas
	Strategy string // "RollingUpdate" or "Recreate"
	// MaxSurge and MaxUnavailable as written in the spec ("25%", "1");
	// Surge and Unavailable resolved against Replicas as the controller does
	// (surge rounds up, unavailable down, both zero → unavailable 1).
	MaxSurge, MaxUnavailable string
	Surge, Unavailable       int32
	MinReadySeconds          int32
	ProgressDeadlineSeconds  int32
	Paused                   bool
	Selector                 string // "app=nginx"
	Images                   []string

	// Status as the controller last wrote it.
	StatusReplicas, UpdatedReplicas, ReadyReplicas, AvailableReplicas, UnavailableReplicas int32
	Conditions                                                                             []Condition

	// Decision is what the deployment controller decided in its latest sync
	// and why, in its own words (for the diagram's "why" line).
	Decision Decision

	// RolloutStatus is the line `kubectl rollout status` would print now;
	// RolloutDone is true when it would exit 0, RolloutFailed when it would
	// exit 1 (progress deadline exceeded).
	RolloutStatus string
	RolloutDone   bool
	RolloutFailed bool

	// ReplicaSets owned by this Deployment, oldest first (creation time, then
	// name): a ReplicaSet keeps its slot for its whole life.
	ReplicaSets []ReplicaSetView
}

// Decision explains one deployment-controller sync (deployment.Decision).
type Decision = deployment.Decision

// Condition mirrors a DeploymentCondition.
type Condition struct {
	Type, Status, Reason, Message string
	LastUpdate, LastTransition    time.Duration
}

// ReplicaSetView is one ReplicaSet and its pods.
type ReplicaSetView struct {
	Namespace, Name, UID string
	ResourceVersion      uint64
	Created              time.Duration
	Owner                string // owning Deployment's name, "" if none
	Hash                 string // pod-template-hash label value
	Revision             int64
	Images               []string
	// New is true for the owning Deployment's new ReplicaSet (its template
	// matches the Deployment's).
	New bool
	// Restarted: the template carries kubectl.kubernetes.io/restartedAt, so
	// this revision came from `kubectl rollout restart` at RestartedAt
	// (virtual time), not from a change of image or spec.
	Restarted   bool
	RestartedAt time.Duration

	Desired, Current, Ready, Available int32
	// Pods oldest first (creation time, then name): a pod keeps its slot.
	Pods []PodView
}

// PodView is one pod as a user sees it.
type PodView struct {
	Namespace, Name, UID string
	ResourceVersion      uint64
	Created              time.Duration
	Owner                string // owning ReplicaSet's name, "" for a bare pod

	Phase  string // Pending, Running, Succeeded, Failed
	Status string // kubectl get pods STATUS column
	// Ready is the pod's Ready condition; Available is Ready for at least the
	// owner's minReadySeconds.
	Ready, Available bool
	ReadyContainers  int
	TotalContainers  int
	// Restarts is the sum of the containers' restart counts; LastRestart
	// the latest time one of them last terminated (lastState.terminated.
	// finishedAt, to the second as the API stores it), zero when none has.
	// kubectl's RESTARTS column shows both: "4 (12s ago)".
	Restarts    int32
	LastRestart time.Time
	IP          string
	Node        string
	Terminating bool
	// Containers are the app containers in spec order, then the init
	// containers (Init; Sidecar for those with restartPolicy Always) in
	// theirs: the first is kubectl's default container.
	Containers []ContainerView
	// Volumes are the pod's volumes, each with who mounts it where.
	Volumes []VolumeView
}

// VolumeView is one volume of a pod.
type VolumeView struct {
	Name string
	Kind string // "emptyDir", "configMap", …
	// Mounts are "container:/path" (":ro" when read-only), in container
	// order (init containers first, as they start).
	Mounts []string
}

// ContainerView is one container of a pod.
type ContainerView struct {
	Name, Image string
	// Init: an init container; Sidecar: one with restartPolicy Always,
	// which keeps running beside the app containers.
	Init, Sidecar bool
	Ports         []string // "80/TCP"
	// State is Waiting, Running or Terminated; Reason the waiting or
	// terminated reason (ContainerCreating, ImagePullBackOff, Completed…).
	State, Reason string
	// Message is the waiting state's message (the runtime's pull error,
	// the back-off); "" when there is none.
	Message  string
	Ready    bool
	Restarts int32
	// Exited: the container has terminated at least once; ExitCode is the
	// code of its latest termination (the current state's, or the last
	// one's while it waits to restart).
	Exited   bool
	ExitCode int32
	// RetryAt is the virtual time of the kubelet's next attempt for a
	// container in back-off (the next pull, or the next restart); 0 when
	// none is scheduled. It may be in the past while the attempt runs.
	RetryAt time.Duration
}

// Event is one entry of the event log (see package events).
type Event = events.Event

// Notice is one of the container model's notices (kubelet.Notice): its
// Message, the first Pod (in Namespace) and Container that raised it, At
// that virtual time, and how many Pods have raised it.
type Notice = kubelet.Notice

// Epoch is virtual time zero (see package clock).
var Epoch = clock.Epoch
