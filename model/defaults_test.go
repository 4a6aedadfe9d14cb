package model

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
)

// mkDeployment is the smallest valid Deployment, before defaulting, with
// tweaks applied (upstream's mkStatefulSet + tweak* habit).
func mkDeployment(tweaks ...func(*appsv1.Deployment)) *appsv1.Deployment {
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: appsv1.DeploymentSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{
					Name: "nginx", Image: "nginx:1.27",
					Ports: []corev1.ContainerPort{{ContainerPort: 80}},
				}}},
			},
		},
	}
	for _, tweak := range tweaks {
		tweak(d)
	}
	return d
}

func mkPod(tweaks ...func(*corev1.Pod)) *corev1.Pod {
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "solo"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "app", Image: "busybox:1.36",
			Ports: []corev1.ContainerPort{{ContainerPort: 8080}},
		}}},
	}
	for _, tweak := range tweaks {
		tweak(p)
	}
	return p
}

func container(d *appsv1.Deployment) *corev1.Container { return &d.Spec.Template.Spec.Containers[0] }

func TestSetDefaultsDeployment(t *testing.T) {
	pct := func(s string) *intstr.IntOrString { return ptr.To(intstr.FromString(s)) }
	num := func(n int32) *intstr.IntOrString { return ptr.To(intstr.FromInt32(n)) }
	tests := []struct {
		name  string
		tweak func(*appsv1.Deployment)
		check func(*appsv1.Deployment) (got, want any)
	}{
		{"namespace defaults to default", nil,
			func(d *appsv1.Deployment) (any, any) { return d.Namespace, "default" }},
		{"explicit namespace kept", func(d *appsv1.Deployment) { d.Namespace = "shop" },
			func(d *appsv1.Deployment) (any, any) { return d.Namespace, "shop" }},
		{"replicas defaults to 1", nil,
			func(d *appsv1.Deployment) (any, any) { return *d.Spec.Replicas, int32(1) }},
		{"explicit replicas 0 kept", func(d *appsv1.Deployment) { d.Spec.Replicas = ptr.To[int32](0) },
			func(d *appsv1.Deployment) (any, any) { return *d.Spec.Replicas, int32(0) }},
		{"strategy defaults to RollingUpdate", nil,
			func(d *appsv1.Deployment) (any, any) {
				return d.Spec.Strategy.Type, appsv1.RollingUpdateDeploymentStrategyType
			}},
		{"maxSurge defaults to 25%", nil,
			func(d *appsv1.Deployment) (any, any) { return *d.Spec.Strategy.RollingUpdate.MaxSurge, *pct("25%") }},
		{"maxUnavailable defaults to 25%", nil,
			func(d *appsv1.Deployment) (any, any) {
				return *d.Spec.Strategy.RollingUpdate.MaxUnavailable, *pct("25%")
			}},
		{"explicit maxSurge 1 kept, maxUnavailable still 25%",
			func(d *appsv1.Deployment) {
				d.Spec.Strategy.RollingUpdate = &appsv1.RollingUpdateDeployment{MaxSurge: num(1)}
			},
			func(d *appsv1.Deployment) (any, any) {
				ru := d.Spec.Strategy.RollingUpdate
				return []intstr.IntOrString{*ru.MaxSurge, *ru.MaxUnavailable}, []intstr.IntOrString{*num(1), *pct("25%")}
			}},
		{"Recreate gets no rollingUpdate", func(d *appsv1.Deployment) { d.Spec.Strategy.Type = appsv1.RecreateDeploymentStrategyType },
			func(d *appsv1.Deployment) (any, any) { return d.Spec.Strategy.RollingUpdate == nil, true }},
		{"revisionHistoryLimit defaults to 10", nil,
			func(d *appsv1.Deployment) (any, any) { return *d.Spec.RevisionHistoryLimit, int32(10) }},
		{"explicit revisionHistoryLimit 0 kept", func(d *appsv1.Deployment) { d.Spec.RevisionHistoryLimit = ptr.To[int32](0) },
			func(d *appsv1.Deployment) (any, any) { return *d.Spec.RevisionHistoryLimit, int32(0) }},
		{"progressDeadlineSeconds defaults to 600", nil,
			func(d *appsv1.Deployment) (any, any) { return *d.Spec.ProgressDeadlineSeconds, int32(600) }},
		{"explicit progressDeadlineSeconds kept", func(d *appsv1.Deployment) { d.Spec.ProgressDeadlineSeconds = ptr.To[int32](120) },
			func(d *appsv1.Deployment) (any, any) { return *d.Spec.ProgressDeadlineSeconds, int32(120) }},
		{"minReadySeconds stays 0", nil,
			func(d *appsv1.Deployment) (any, any) { return d.Spec.MinReadySeconds, int32(0) }},
		{"template restartPolicy defaults to Always", nil,
			func(d *appsv1.Deployment) (any, any) {
				return d.Spec.Template.Spec.RestartPolicy, corev1.RestartPolicyAlways
			}},
		{"template terminationGracePeriodSeconds defaults to 30", nil,
			func(d *appsv1.Deployment) (any, any) {
				return *d.Spec.Template.Spec.TerminationGracePeriodSeconds, int64(30)
			}},
		{"explicit terminationGracePeriodSeconds kept", func(d *appsv1.Deployment) { d.Spec.Template.Spec.TerminationGracePeriodSeconds = ptr.To[int64](5) },
			func(d *appsv1.Deployment) (any, any) {
				return *d.Spec.Template.Spec.TerminationGracePeriodSeconds, int64(5)
			}},
		{"template dnsPolicy defaults to ClusterFirst", nil,
			func(d *appsv1.Deployment) (any, any) { return d.Spec.Template.Spec.DNSPolicy, corev1.DNSClusterFirst }},
		{"template schedulerName defaults to default-scheduler", nil,
			func(d *appsv1.Deployment) (any, any) { return d.Spec.Template.Spec.SchedulerName, "default-scheduler" }},
		{"template securityContext defaults to {}", nil,
			func(d *appsv1.Deployment) (any, any) {
				return *d.Spec.Template.Spec.SecurityContext, corev1.PodSecurityContext{}
			}},
		{"template gets no enableServiceLinks (Pods only)", nil,
			func(d *appsv1.Deployment) (any, any) { return d.Spec.Template.Spec.EnableServiceLinks == nil, true }},
		{"imagePullPolicy IfNotPresent for a tag", nil,
			func(d *appsv1.Deployment) (any, any) { return container(d).ImagePullPolicy, corev1.PullIfNotPresent }},
		{"imagePullPolicy Always for :latest", func(d *appsv1.Deployment) { container(d).Image = "nginx:latest" },
			func(d *appsv1.Deployment) (any, any) { return container(d).ImagePullPolicy, corev1.PullAlways }},
		{"imagePullPolicy Always for no tag", func(d *appsv1.Deployment) { container(d).Image = "nginx" },
			func(d *appsv1.Deployment) (any, any) { return container(d).ImagePullPolicy, corev1.PullAlways }},
		{"explicit imagePullPolicy kept", func(d *appsv1.Deployment) { container(d).ImagePullPolicy = corev1.PullNever },
			func(d *appsv1.Deployment) (any, any) { return container(d).ImagePullPolicy, corev1.PullNever }},
		{"port protocol defaults to TCP", nil,
			func(d *appsv1.Deployment) (any, any) { return container(d).Ports[0].Protocol, corev1.ProtocolTCP }},
		{"explicit port protocol kept", func(d *appsv1.Deployment) { container(d).Ports[0].Protocol = corev1.ProtocolUDP },
			func(d *appsv1.Deployment) (any, any) { return container(d).Ports[0].Protocol, corev1.ProtocolUDP }},
		{"terminationMessagePath defaults", nil,
			func(d *appsv1.Deployment) (any, any) {
				return container(d).TerminationMessagePath, "/dev/termination-log"
			}},
		{"terminationMessagePolicy defaults to File", nil,
			func(d *appsv1.Deployment) (any, any) {
				return container(d).TerminationMessagePolicy, corev1.TerminationMessageReadFile
			}},
		{"probe defaults: 1s timeout, 10s period, thresholds 1 and 3, httpGet / over HTTP",
			func(d *appsv1.Deployment) {
				container(d).ReadinessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(80)}}}
			},
			func(d *appsv1.Deployment) (any, any) {
				return *container(d).ReadinessProbe, corev1.Probe{
					ProbeHandler:   corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromInt32(80), Scheme: corev1.URISchemeHTTP}},
					TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3,
				}
			}},
		{"explicit probe values kept",
			func(d *appsv1.Deployment) {
				container(d).LivenessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(80)}},
					TimeoutSeconds: 5, PeriodSeconds: 2, FailureThreshold: 9}
			},
			func(d *appsv1.Deployment) (any, any) {
				p := container(d).LivenessProbe
				return []int32{p.TimeoutSeconds, p.PeriodSeconds, p.SuccessThreshold, p.FailureThreshold}, []int32{5, 2, 1, 9}
			}},
		{"resources round up to milli-units", func(d *appsv1.Deployment) {
			container(d).Resources.Limits = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("0.0001")}
		},
			func(d *appsv1.Deployment) (any, any) {
				q := container(d).Resources.Limits[corev1.ResourceCPU]
				return q.String(), "1m"
			}},
		{"a volume with no source becomes emptyDir", func(d *appsv1.Deployment) {
			d.Spec.Template.Spec.Volumes = []corev1.Volume{{Name: "scratch"}}
		},
			func(d *appsv1.Deployment) (any, any) {
				return d.Spec.Template.Spec.Volumes[0].VolumeSource, corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}
			}},
		{"configMap volume defaultMode 0644", func(d *appsv1.Deployment) {
			d.Spec.Template.Spec.Volumes = []corev1.Volume{{Name: "c", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{}}}}
		},
			func(d *appsv1.Deployment) (any, any) {
				return *d.Spec.Template.Spec.Volumes[0].ConfigMap.DefaultMode, int32(0o644)
			}},
		{"env fieldRef apiVersion defaults to v1", func(d *appsv1.Deployment) {
			container(d).Env = []corev1.EnvVar{{Name: "N", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name"}}}}
		},
			func(d *appsv1.Deployment) (any, any) { return container(d).Env[0].ValueFrom.FieldRef.APIVersion, "v1" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mkDeployment()
			if tt.tweak != nil {
				tt.tweak(d)
			}
			SetDefaultsDeployment(d)
			got, want := tt.check(d)
			if !equality.Semantic.DeepEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
			if errs := ValidateDeployment(d); len(errs) > 0 {
				t.Errorf("defaulted object is invalid: %v", errs)
			}
		})
	}
}

func TestSetDefaultsDeployment_Idempotent(t *testing.T) {
	d := mkDeployment()
	SetDefaultsDeployment(d)
	again := d.DeepCopy()
	SetDefaultsDeployment(again)
	if !equality.Semantic.DeepEqual(d, again) {
		t.Error("defaulting twice changed the object")
	}
}

func TestSetDefaultsPod(t *testing.T) {
	tests := []struct {
		name  string
		tweak func(*corev1.Pod)
		check func(*corev1.Pod) (got, want any)
	}{
		{"pod spec defaults as for templates", nil,
			func(p *corev1.Pod) (any, any) {
				return []any{p.Namespace, p.Spec.RestartPolicy, *p.Spec.TerminationGracePeriodSeconds, p.Spec.DNSPolicy, p.Spec.Containers[0].ImagePullPolicy, p.Spec.Containers[0].Ports[0].Protocol},
					[]any{"default", corev1.RestartPolicyAlways, int64(30), corev1.DNSClusterFirst, corev1.PullIfNotPresent, corev1.ProtocolTCP}
			}},
		{"explicit restartPolicy Never kept (bare pods may)", func(p *corev1.Pod) { p.Spec.RestartPolicy = corev1.RestartPolicyNever },
			func(p *corev1.Pod) (any, any) { return p.Spec.RestartPolicy, corev1.RestartPolicyNever }},
		{"enableServiceLinks defaults to true", nil,
			func(p *corev1.Pod) (any, any) { return *p.Spec.EnableServiceLinks, true }},
		{"negative terminationGracePeriodSeconds becomes 1", func(p *corev1.Pod) { p.Spec.TerminationGracePeriodSeconds = ptr.To[int64](-5) },
			func(p *corev1.Pod) (any, any) { return *p.Spec.TerminationGracePeriodSeconds, int64(1) }},
		{"requests default to limits", func(p *corev1.Pod) {
			p.Spec.Containers[0].Resources.Limits = corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("128Mi")}
		},
			func(p *corev1.Pod) (any, any) {
				q := p.Spec.Containers[0].Resources.Requests[corev1.ResourceMemory]
				return q.String(), "128Mi"
			}},
		{"hostNetwork copies containerPort to hostPort", func(p *corev1.Pod) { p.Spec.HostNetwork = true },
			func(p *corev1.Pod) (any, any) { return p.Spec.Containers[0].Ports[0].HostPort, int32(8080) }},
		{"http probes of pods get protocol HTTP1", func(p *corev1.Pod) {
			p.Spec.Containers[0].LivenessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(8080)}}}
		},
			func(p *corev1.Pod) (any, any) {
				return *p.Spec.Containers[0].LivenessProbe.HTTPGet.Protocol, corev1.HTTPProtocolHTTP1
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mkPod()
			if tt.tweak != nil {
				tt.tweak(p)
			}
			SetDefaultsPod(p)
			got, want := tt.check(p)
			if !equality.Semantic.DeepEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
			if errs := ValidatePod(p); len(errs) > 0 {
				t.Errorf("defaulted pod is invalid: %v", errs)
			}
		})
	}
}

func TestSetDefaultsReplicaSet(t *testing.T) {
	d := mkDeployment()
	rs := &appsv1.ReplicaSet{ObjectMeta: d.ObjectMeta, Spec: appsv1.ReplicaSetSpec{Selector: d.Spec.Selector, Template: d.Spec.Template}}
	SetDefaultsReplicaSet(rs)
	if *rs.Spec.Replicas != 1 || rs.Namespace != "default" || rs.Spec.Template.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		t.Errorf("got replicas %d, namespace %q, restartPolicy %q", *rs.Spec.Replicas, rs.Namespace, rs.Spec.Template.Spec.RestartPolicy)
	}
	if errs := ValidateReplicaSet(rs); len(errs) > 0 {
		t.Error(errs)
	}
}

func TestDefaultPullPolicy(t *testing.T) {
	tests := []struct {
		image string
		want  corev1.PullPolicy
	}{
		{"nginx", corev1.PullAlways},
		{"nginx:latest", corev1.PullAlways},
		{"docker.io/library/nginx:latest", corev1.PullAlways},
		{"localhost:5000/team/app", corev1.PullAlways},
		{"nginx:1.27", corev1.PullIfNotPresent},
		{"registry.example.com:5000/team/app:v2", corev1.PullIfNotPresent},
		{"nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", corev1.PullIfNotPresent},
		{"nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", corev1.PullAlways},
		{"<your-private-image>", corev1.PullIfNotPresent},
		{"Nginx", corev1.PullIfNotPresent},
		{"", corev1.PullIfNotPresent},
	}
	for _, tt := range tests {
		if got := DefaultPullPolicy(tt.image); got != tt.want {
			t.Errorf("DefaultPullPolicy(%q) = %s, want %s", tt.image, got, tt.want)
		}
	}
}
