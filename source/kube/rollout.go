package kube

import (
	"context"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/kubectl/pkg/polymorphichelpers"
)

// namespaceOr is the namespace a command names, or the context's (which
// -A does not change: kubectl rollout -A is not a thing).
func (s *Source) namespaceOr(ns string) string {
	if ns != "" {
		return ns
	}
	if s.target.Namespace != "" {
		return s.target.Namespace
	}
	return metav1.NamespaceDefault
}

// RolloutStatus is `kubectl rollout status deployment/NAME --watch=false`:
// the Deployment read from the API server, as kubectl reads it, and
// kubectl's own DeploymentStatusViewer.
func (s *Source) RolloutStatus(namespace, name string, revision int64) (string, error) {
	d, err := s.client.AppsV1().Deployments(s.namespaceOr(namespace)).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		return "", kubectlErr(err)
	}
	obj, err := runtime.DefaultUnstructuredConverter.ToUnstructured(d)
	if err != nil {
		return "", kubectlErr(err)
	}
	msg, _, err := (&polymorphichelpers.DeploymentStatusViewer{}).Status(&unstructured.Unstructured{Object: obj}, revision)
	return msg, kubectlErr(err)
}

// RolloutHistory is `kubectl rollout history deployment/NAME
// [--revision=N]`: kubectl's DeploymentHistoryViewer, printed after the
// resource's name as kubectl's name printer prints it.
func (s *Source) RolloutHistory(namespace, name string, revision int64) (string, error) {
	ns := s.namespaceOr(namespace)
	if _, err := s.client.AppsV1().Deployments(ns).Get(context.Background(), name, metav1.GetOptions{}); err != nil {
		return "", kubectlErr(err)
	}
	hv, err := polymorphichelpers.HistoryViewerFor(schema.GroupKind{Group: "apps", Kind: "Deployment"}, s.client)
	if err != nil {
		return "", kubectlErr(err)
	}
	info, err := hv.ViewHistory(ns, name, revision)
	if err != nil {
		return "", kubectlErr(err)
	}
	with := ""
	if revision > 0 {
		with = fmt.Sprintf("with revision #%d", revision)
	}
	return fmt.Sprintf("deployment.apps/%s %s\n%s\n", name, with, info), nil
}
