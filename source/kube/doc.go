// Package kube is podviz's second source: a real cluster read through
// client-go, as kubectl reaches it (the kubeconfig files merged as kubectl
// merges them, the context, the namespace), with shared informers scoped
// to a namespace (or all) and a label selector, building the same
// controller.Snapshot the simulation builds (controller.SnapshotOf).
// Rollout status and history are computed by kubectl's own status viewer
// and history viewer (k8s.io/kubectl/pkg/polymorphichelpers), and errors
// are put in kubectl's words (Message).
//
// It only reads. Credentials stay with client-go: nothing here prints a
// token, a certificate or the kubeconfig, and TLS is verified as the
// kubeconfig says.
package kube
