package model

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// PodSpecWarnings are the API server's warnings for the pod template or
// pod spec at path (upstream: pkg/api/pod/warnings.go,
// warningsForPodSpecAndMeta), the part about ports: two ports of the
// pod's containers (init containers first, as upstream visits them) with
// the same containerPort and protocol are a warning, not an error — the
// object is created, and kubectl prints
//
//	Warning: spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]
//
// ("overlapping" when only one of them sets a hostPort, "dangerously
// ambiguous" when the hostPorts match and only one sets a hostIP). The
// containers share the pod's network namespace, so on a real node the
// second process to listen on the port fails to bind. Only equal
// hostPorts and hostIPs are an error (validation's AccumulateUniqueHostPorts).
// A hostIP set without a hostPort is warned about too.
func PodSpecWarnings(spec *corev1.PodSpec, path *field.Path) []string {
	type portBlock struct {
		field *field.Path
		port  corev1.ContainerPort
	}
	var warnings []string
	all := map[string][]portBlock{}
	visit := func(cs []corev1.Container, p *field.Path) {
		for ci := range cs {
			for i, port := range cs[ci].Ports {
				fld := p.Index(ci).Child("ports").Index(i)
				if port.HostIP != "" && port.HostPort == 0 {
					warnings = append(warnings, fmt.Sprintf("%s: hostIP set without hostPort: %+v", fld, port))
				}
				k := fmt.Sprintf("%d/%s", port.ContainerPort, port.Protocol)
				for _, other := range all[k] {
					switch a, b := port.HostIP == "", other.port.HostIP == ""; {
					case port.HostIP == other.port.HostIP && port.HostPort == other.port.HostPort:
						warnings = append(warnings, fmt.Sprintf("%s: duplicate port definition with %s", fld, other.field))
					case port.HostPort == 0 || other.port.HostPort == 0:
						warnings = append(warnings, fmt.Sprintf("%s: overlapping port definition with %s", fld, other.field))
					case port.HostPort == other.port.HostPort && a != b:
						warnings = append(warnings, fmt.Sprintf("%s: dangerously ambiguous port definition with %s", fld, other.field))
					}
				}
				all[k] = append(all[k], portBlock{fld, port})
			}
		}
	}
	visit(spec.InitContainers, path.Child("initContainers"))
	visit(spec.Containers, path.Child("containers"))
	return warnings
}
