// Package model turns Kubernetes manifests into the API objects podviz
// simulates: strict decoding into the real k8s.io/api types, the API
// server's defaulting, its validation (in kubectl's words), hostile-input
// limits, and the names the controllers generate (pod-template-hash, pod
// suffixes).
//
// The flow mirrors what `kubectl apply -f` plus the API server do with a
// manifest: decode → default → validate. Everything here mirrors upstream
// kubernetes v1.37 (pkg/apis/apps/v1/defaults.go, pkg/apis/core/v1/defaults.go,
// pkg/apis/apps/validation, pkg/apis/core/validation, pkg/controller's
// ComputeHash); each file names the upstream code it follows.
package model
