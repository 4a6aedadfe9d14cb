package model

import (
	"sort"
	"strings"

	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Validation mirrors the API server's (kubernetes v1.37:
// pkg/apis/apps/validation and pkg/apis/core/validation) for the fields
// podviz simulates and the common mistakes in the rest, using apimachinery's
// own helpers so that messages are upstream's words. Validators compose
// along a field path, which yields kubectl's "spec.replicas: Invalid value:
// -1: must be greater than or equal to 0". Maps are visited in key order
// (upstream visits them in Go's random order), so output is stable.
//
// Not checked (a real API server would): security contexts beyond their
// types, volume source details, downward API field paths, topology spread
// constraints, DNS config, resource claims, and anything
// needing other objects (namespaces, service accounts, priority classes).
// A differential run against ../shared/oracle (1,000 random one-field
// mutations of the corpus) found no other disagreement.

// validateObjectMeta is upstream's ValidateObjectMeta for a namespaced
// object whose name must be a DNS-1123 subdomain (Pods, Deployments and
// ReplicaSets all are).
func validateObjectMeta(meta *metav1.ObjectMeta) field.ErrorList {
	return apimachineryvalidation.ValidateObjectMeta(meta, true, apimachineryvalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
}

// validateDNS1123Label is upstream's ValidateDNS1123Label.
func validateDNS1123Label(value string, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range validation.IsDNS1123Label(value) {
		errs = append(errs, field.Invalid(fldPath, value, msg))
	}
	return errs
}

// validateDNS1123Subdomain is upstream's ValidateDNS1123Subdomain.
func validateDNS1123Subdomain(value string, fldPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range validation.IsDNS1123Subdomain(value) {
		errs = append(errs, field.Invalid(fldPath, value, msg))
	}
	return errs
}

// validateNonnegative is apimachinery's ValidateNonnegativeField.
func validateNonnegative(value int64, fldPath *field.Path) field.ErrorList {
	return apimachineryvalidation.ValidateNonnegativeField(value, fldPath)
}

// validateReplicas checks spec.replicas: ≥ 0 like upstream. podviz's own
// limit, the pod budget, spans every object (see PodDemand).
func validateReplicas(replicas *int32, fldPath *field.Path) field.ErrorList {
	if replicas == nil {
		return nil // defaulting sets it; a nil here is a programming error upstream too
	}
	return validateNonnegative(int64(*replicas), fldPath)
}

// sortedKeys returns m's keys in order.
func sortedKeys[K ~string, V any](m map[K]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	return keys
}

// isStandardResourceName is upstream's helper.IsStandardResourceName.
func isStandardResourceName(name string) bool {
	switch name {
	case "cpu", "memory", "ephemeral-storage",
		"requests.cpu", "requests.memory", "requests.ephemeral-storage",
		"limits.cpu", "limits.memory", "limits.ephemeral-storage",
		"pods", "services", "replicationcontrollers", "resourcequotas", "secrets",
		"persistentvolumeclaims", "configmaps", "requests.storage",
		"services.nodeports", "services.loadbalancers":
		return true
	}
	return strings.HasPrefix(name, "hugepages-")
}
