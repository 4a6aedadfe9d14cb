package model

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// Objects is what a set of manifests holds, in load order (file order, then
// document order, then item order inside a kind: List).
type Objects struct {
	Pods        []*corev1.Pod
	Deployments []*appsv1.Deployment
	ReplicaSets []*appsv1.ReplicaSet
}

// Len is the number of objects of every kind.
func (o *Objects) Len() int {
	if o == nil {
		return 0
	}
	return len(o.Pods) + len(o.Deployments) + len(o.ReplicaSets)
}

// DefaultNamespace is the namespace an object without one lands in, as
// kubectl does with a default kubeconfig context.
const DefaultNamespace = "default"
