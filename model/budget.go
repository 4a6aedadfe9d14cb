package model

import (
	"encoding/json"
	"fmt"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// PodDemand is what one object asks of the cluster's pod budget (MaxPods):
// the most pods it can hold at once, each weighing one budget pod per
// started PodTemplateUnitBytes of its template.
//
//	Deployment, RollingUpdate: spec.replicas + maxSurge (resolved, rounded up)
//	Deployment, Recreate:      spec.replicas
//	ReplicaSet:                spec.replicas
//	Pod:                       1
//
// Pods a Deployment's ReplicaSets hold are its own; terminating pods, which
// leave within their grace period, are not counted.
type PodDemand struct {
	// Kind and Name say whose demand it is ("Deployment", "web").
	Kind, Name string
	// Replicas and Surge make Pods (Surge is 0 but for a rolling Deployment).
	Replicas, Surge int64
	// Weight is the budget each pod costs: 1, or one per started
	// PodTemplateUnitBytes of the template's JSON.
	Weight int64
	// TemplateBytes is the size of the template's JSON.
	TemplateBytes int
}

// Pods is the most pods the object holds at once.
func (d PodDemand) Pods() int64 { return d.Replicas + d.Surge }

// Budget is what the object costs of MaxPods.
func (d PodDemand) Budget() int64 { return d.Pods() * d.Weight }

// DeploymentDemand is a defaulted Deployment's demand.
func DeploymentDemand(d *appsv1.Deployment) PodDemand {
	replicas := int64(1)
	if d.Spec.Replicas != nil {
		replicas = int64(*d.Spec.Replicas)
	}
	dm := PodDemand{Kind: "Deployment", Name: d.Name, Replicas: replicas}
	if ru := d.Spec.Strategy.RollingUpdate; d.Spec.Strategy.Type != appsv1.RecreateDeploymentStrategyType && ru != nil && ru.MaxSurge != nil {
		if s, err := intstr.GetScaledValueFromIntOrPercent(ru.MaxSurge, int(replicas), true); err == nil && s > 0 {
			dm.Surge = int64(s)
		}
	}
	dm.setWeight(&d.Spec.Template)
	return dm
}

// ReplicaSetDemand is a defaulted ReplicaSet's demand.
func ReplicaSetDemand(rs *appsv1.ReplicaSet) PodDemand {
	replicas := int64(1)
	if rs.Spec.Replicas != nil {
		replicas = int64(*rs.Spec.Replicas)
	}
	dm := PodDemand{Kind: "ReplicaSet", Name: rs.Name, Replicas: replicas}
	dm.setWeight(&rs.Spec.Template)
	return dm
}

// BarePodDemand is a Pod's own demand: one pod.
func BarePodDemand(p *corev1.Pod) PodDemand {
	dm := PodDemand{Kind: "Pod", Name: p.Name, Replicas: 1}
	dm.setWeight(&corev1.PodTemplateSpec{ObjectMeta: p.ObjectMeta, Spec: p.Spec})
	return dm
}

func (d *PodDemand) setWeight(t *corev1.PodTemplateSpec) {
	js, err := json.Marshal(t)
	if err != nil {
		d.Weight = 1
		return
	}
	d.TemplateBytes = len(js)
	d.Weight = max(1, int64((len(js)+PodTemplateUnitBytes-1)/PodTemplateUnitBytes))
}

// OverBudget is the error for a demand that does not fit beside used
// (what the rest of the cluster already needs, named by others: "the
// objects before it", "the rest of the cluster"), or nil when it fits. It
// is a field error on spec.replicas (the Pod's metadata.name for a Pod), in
// the API server's framing, and says which budget and why.
func OverBudget(d PodDemand, used int64, others string) *field.Error {
	if used+d.Budget() <= MaxPods {
		return nil
	}
	var need strings.Builder
	fmt.Fprintf(&need, "podviz's pod budget is %d pods for one cluster; this %s needs %d", MaxPods, d.Kind, d.Budget())
	switch {
	case d.Surge > 0:
		fmt.Fprintf(&need, " (%d replicas + %d maxSurge", d.Replicas, d.Surge)
	case d.Kind != "Pod":
		fmt.Fprintf(&need, " (%d replicas", d.Replicas)
	default:
		need.WriteString(" (1 pod")
	}
	if d.Weight > 1 {
		fmt.Fprintf(&need, ", each counting %d: its template is %d bytes of JSON, one pod per started %d", d.Weight, d.TemplateBytes, PodTemplateUnitBytes)
	}
	need.WriteString(")")
	if used > 0 {
		fmt.Fprintf(&need, " and %s %d", others, used)
	}
	if d.Kind == "Pod" {
		return field.Forbidden(field.NewPath("metadata", "name"), need.String())
	}
	return field.Invalid(field.NewPath("spec", "replicas"), d.Replicas, need.String())
}
