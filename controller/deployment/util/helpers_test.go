package util

// Builders for the deployment-arithmetic tests (fenceposts, proportion,
// revision, template, conditions, ranking, rollout status). They mirror the
// fixtures of upstream's tables (newDeployment, rs, generateDeployment,
// generateRS, generatePodTemplateSpec) so the cases read the same. The "du"
// prefix keeps them apart from the control-plane helpers in helpers_test.go.

import (
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// duNoTimestamp is upstream's noTimestamp: a zero creation time.
var duNoTimestamp = metav1.Time{}

func duInt32(v int32) *int32 { return &v }

func duIntOrStr(v int32) *intstr.IntOrString { x := intstr.FromInt32(v); return &x }

func duPercent(s string) *intstr.IntOrString { x := intstr.FromString(s); return &x }

// duDeployment is upstream's newDeployment: a RollingUpdate Deployment with
// maxSurge and maxUnavailable 0 unless given.
func duDeployment(name string, replicas int32, maxSurge, maxUnavailable *intstr.IntOrString, selector map[string]string) *appsv1.Deployment {
	d := &appsv1.Deployment{
		TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: metav1.ObjectMeta{
			UID:         types.UID("uid-" + name),
			Name:        name,
			Namespace:   metav1.NamespaceDefault,
			Annotations: map[string]string{},
		},
		Spec: appsv1.DeploymentSpec{
			Strategy: appsv1.DeploymentStrategy{
				Type: appsv1.RollingUpdateDeploymentStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDeployment{
					MaxUnavailable: duIntOrStr(0),
					MaxSurge:       duIntOrStr(0),
				},
			},
			Replicas: duInt32(replicas),
			Selector: &metav1.LabelSelector{MatchLabels: selector},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: selector},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Image: "foo/bar"}}},
			},
		},
	}
	if maxSurge != nil {
		d.Spec.Strategy.RollingUpdate.MaxSurge = maxSurge
	}
	if maxUnavailable != nil {
		d.Spec.Strategy.RollingUpdate.MaxUnavailable = maxUnavailable
	}
	return d
}

// duRS is upstream's rs(): a bare ReplicaSet of that size and creation time.
func duRS(name string, replicas int32, created metav1.Time) *appsv1.ReplicaSet {
	return &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{
			Name:              name,
			UID:               types.UID("uid-" + name),
			CreationTimestamp: created,
			Namespace:         metav1.NamespaceDefault,
		},
		Spec: appsv1.ReplicaSetSpec{Replicas: duInt32(replicas)},
	}
}

// duRSAvailable is duRS with status.availableReplicas set.
func duRSAvailable(name string, replicas, available int32, created metav1.Time) *appsv1.ReplicaSet {
	rs := duRS(name, replicas, created)
	rs.Status.AvailableReplicas = available
	return rs
}

// duImageDeployment is upstream's generateDeployment(image): one replica,
// one container named and imaged after image, labels name=image.
func duImageDeployment(image string) *appsv1.Deployment {
	labels := map[string]string{"name": image}
	grace := int64(30)
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: image, UID: types.UID("uid-" + image), Annotations: map[string]string{}},
		Spec: appsv1.DeploymentSpec{
			Replicas: duInt32(1),
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{
					Containers: []corev1.Container{{
						Name:                   image,
						Image:                  image,
						ImagePullPolicy:        corev1.PullAlways,
						TerminationMessagePath: corev1.TerminationMessagePathDefault,
					}},
					DNSPolicy:                     corev1.DNSClusterFirst,
					TerminationGracePeriodSeconds: &grace,
					RestartPolicy:                 corev1.RestartPolicyAlways,
					SecurityContext:               &corev1.PodSecurityContext{},
				},
			},
		},
	}
}

// duRSFor is upstream's generateRS(d): a 0-replica ReplicaSet controlled by
// d, with a copy of d's template; uid names it apart.
func duRSFor(d *appsv1.Deployment, uid string) *appsv1.ReplicaSet {
	t := d.Spec.Template.DeepCopy()
	isController := true
	return &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{
			UID:    types.UID(uid),
			Name:   d.Name + "-" + uid,
			Labels: t.Labels,
			OwnerReferences: []metav1.OwnerReference{{
				APIVersion: "apps/v1", Kind: "Deployment", Name: d.Name, UID: d.UID, Controller: &isController,
			}},
		},
		Spec: appsv1.ReplicaSetSpec{
			Replicas: duInt32(0),
			Template: *t,
			Selector: &metav1.LabelSelector{MatchLabels: t.Labels},
		},
	}
}

// duTemplate is upstream's generatePodTemplateSpec.
func duTemplate(name, nodeName string, annotations, labels map[string]string) corev1.PodTemplateSpec {
	return corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Name: name, Annotations: annotations, Labels: labels},
		Spec:       corev1.PodSpec{NodeName: nodeName},
	}
}

// duSizes maps ReplicaSet names to spec.replicas, for comparing plans.
func duSizes(rss ...*appsv1.ReplicaSet) map[string]int32 {
	m := map[string]int32{}
	for _, rs := range rss {
		if rs != nil {
			m[rs.Name] = *rs.Spec.Replicas
		}
	}
	return m
}

// duEpoch is a fixed instant for tests that need "now".
var duEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
