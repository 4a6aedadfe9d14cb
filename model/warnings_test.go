package model

import (
	"bytes"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The expected warnings are upstream's (pkg/api/pod/warnings_test.go,
// "duplicate container ports …" cases) and kubectl's printing of them.
func TestPodSpecWarnings(t *testing.T) {
	port := func(p int32, proto corev1.Protocol) corev1.ContainerPort {
		return corev1.ContainerPort{ContainerPort: p, Protocol: proto}
	}
	for _, tc := range []struct {
		name string
		spec corev1.PodSpec
		want []string
	}{
		{"two containers on 80/TCP: duplicate", corev1.PodSpec{Containers: []corev1.Container{
			{Name: "a", Ports: []corev1.ContainerPort{port(80, "TCP")}},
			{Name: "b", Ports: []corev1.ContainerPort{port(80, "TCP")}}}},
			[]string{"spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]"}},
		{"80/TCP and 80/UDP: none", corev1.PodSpec{Containers: []corev1.Container{
			{Name: "a", Ports: []corev1.ContainerPort{port(80, "TCP"), port(80, "UDP")}}}},
			nil},
		{"a sidecar and an app container on 8080: duplicate, the init container first", corev1.PodSpec{
			InitContainers: []corev1.Container{{Name: "s", Ports: []corev1.ContainerPort{port(8080, "TCP")}}},
			Containers:     []corev1.Container{{Name: "a", Ports: []corev1.ContainerPort{port(8080, "TCP")}}}},
			[]string{"spec.containers[0].ports[0]: duplicate port definition with spec.initContainers[0].ports[0]"}},
		{"one with a hostPort: overlapping", corev1.PodSpec{Containers: []corev1.Container{
			{Name: "a", Ports: []corev1.ContainerPort{{ContainerPort: 80, HostPort: 8080, Protocol: "TCP"}}},
			{Name: "b", Ports: []corev1.ContainerPort{port(80, "TCP")}}}},
			[]string{"spec.containers[1].ports[0]: overlapping port definition with spec.containers[0].ports[0]"}},
		{"same hostPort, one hostIP: dangerously ambiguous", corev1.PodSpec{Containers: []corev1.Container{
			{Name: "a", Ports: []corev1.ContainerPort{{ContainerPort: 80, HostPort: 80, Protocol: "TCP"}}},
			{Name: "b", Ports: []corev1.ContainerPort{{ContainerPort: 80, HostPort: 80, HostIP: "10.0.0.1", Protocol: "TCP"}}}}},
			[]string{"spec.containers[1].ports[0]: dangerously ambiguous port definition with spec.containers[0].ports[0]"}},
		{"three on one port: each with those before", corev1.PodSpec{Containers: []corev1.Container{
			{Name: "a", Ports: []corev1.ContainerPort{port(80, "TCP")}},
			{Name: "b", Ports: []corev1.ContainerPort{port(80, "TCP")}},
			{Name: "c", Ports: []corev1.ContainerPort{port(80, "TCP")}}}},
			[]string{"spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]",
				"spec.containers[2].ports[0]: duplicate port definition with spec.containers[0].ports[0]",
				"spec.containers[2].ports[0]: duplicate port definition with spec.containers[1].ports[0]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := PodSpecWarnings(&tc.spec, field.NewPath("spec"))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// Loading prints them as kubectl does on create, the object kept; a
// Deployment's paths are its template's.
func TestLoad_PortWarnings(t *testing.T) {
	const yaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: a
        image: nginx
        ports: [{containerPort: 80}]
      - name: b
        image: nginx
        ports: [{containerPort: 80}]
`
	var warn bytes.Buffer
	objs, err := Parse("web.yaml", []byte(yaml), &warn)
	if err != nil || len(objs.Deployments) != 1 {
		t.Fatalf("%v %v", objs, err)
	}
	if want := "Warning: spec.template.spec.containers[1].ports[0]: duplicate port definition with spec.template.spec.containers[0].ports[0]\n"; warn.String() != want {
		t.Errorf("warnings %q, want %q", warn.String(), want)
	}
}
