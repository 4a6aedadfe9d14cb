package model

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
)

// The defaulting here is upstream's generated SetObjectDefaults_* for
// apps/v1 and core/v1 (kubernetes v1.37: pkg/apis/apps/v1/defaults.go,
// pkg/apis/core/v1/defaults.go and their zz_generated.defaults.go), with the
// default feature gates. It matters beyond display: the pod-template-hash is
// a hash of the defaulted template, so a missed default gives ReplicaSet
// names that differ from a real cluster's.

// SetDefaultsDeployment fills in what the API server fills in on create:
//
//   - metadata.namespace: "default" (kubectl's default context)
//   - spec.replicas: 1
//   - spec.strategy.type: RollingUpdate, and for RollingUpdate
//     rollingUpdate.maxUnavailable 25% and rollingUpdate.maxSurge 25%
//   - spec.revisionHistoryLimit: 10
//   - spec.progressDeadlineSeconds: 600
//   - spec.minReadySeconds stays 0 (Go's zero value; upstream sets nothing)
//   - spec.template.spec: everything SetDefaultsPodSpec lists
func SetDefaultsDeployment(d *appsv1.Deployment) {
	defaultNamespace(&d.Namespace)
	if d.Spec.Replicas == nil {
		d.Spec.Replicas = ptr.To[int32](1)
	}
	strategy := &d.Spec.Strategy
	if strategy.Type == "" {
		strategy.Type = appsv1.RollingUpdateDeploymentStrategyType
	}
	if strategy.Type == appsv1.RollingUpdateDeploymentStrategyType {
		if strategy.RollingUpdate == nil {
			strategy.RollingUpdate = &appsv1.RollingUpdateDeployment{}
		}
		if strategy.RollingUpdate.MaxUnavailable == nil {
			strategy.RollingUpdate.MaxUnavailable = ptr.To(intstr.FromString("25%"))
		}
		if strategy.RollingUpdate.MaxSurge == nil {
			strategy.RollingUpdate.MaxSurge = ptr.To(intstr.FromString("25%"))
		}
	}
	if d.Spec.RevisionHistoryLimit == nil {
		d.Spec.RevisionHistoryLimit = ptr.To[int32](10)
	}
	if d.Spec.ProgressDeadlineSeconds == nil {
		d.Spec.ProgressDeadlineSeconds = ptr.To[int32](600)
	}
	SetDefaultsPodSpec(&d.Spec.Template.Spec)
}

// SetDefaultsReplicaSet fills in metadata.namespace "default",
// spec.replicas 1, and the pod template as SetDefaultsPodSpec lists.
func SetDefaultsReplicaSet(rs *appsv1.ReplicaSet) {
	defaultNamespace(&rs.Namespace)
	if rs.Spec.Replicas == nil {
		rs.Spec.Replicas = ptr.To[int32](1)
	}
	SetDefaultsPodSpec(&rs.Spec.Template.Spec)
}

// SetDefaultsPod fills in what the API server fills in on a Pod create:
// everything SetDefaultsPodSpec lists, plus what upstream applies to Pods
// only (never to templates, so these do not change any template hash):
//
//   - metadata.namespace: "default"
//   - spec.terminationGracePeriodSeconds below 0 becomes 1
//   - each container's (and init container's) resources.requests, per
//     resource, defaults to its resources.limits
//   - spec.enableServiceLinks: true
//   - with spec.hostNetwork, each port's hostPort defaults to containerPort
//   - each HTTP probe and lifecycle handler's httpGet.protocol: HTTP1 (gate
//     H2CContainerProbe, beta and on in v1.37)
func SetDefaultsPod(p *corev1.Pod) {
	defaultNamespace(&p.Namespace)
	spec := &p.Spec
	if spec.TerminationGracePeriodSeconds != nil && *spec.TerminationGracePeriodSeconds < 0 {
		spec.TerminationGracePeriodSeconds = ptr.To[int64](1)
	}
	for _, cs := range [][]corev1.Container{spec.Containers, spec.InitContainers} {
		for i := range cs {
			res := &cs[i].Resources
			if res.Limits == nil {
				continue
			}
			if res.Requests == nil {
				res.Requests = corev1.ResourceList{}
			}
			for name, q := range res.Limits {
				if _, ok := res.Requests[name]; !ok {
					res.Requests[name] = q.DeepCopy()
				}
			}
		}
	}
	if spec.EnableServiceLinks == nil {
		spec.EnableServiceLinks = ptr.To(corev1.DefaultEnableServiceLinks)
	}
	if spec.HostNetwork {
		for _, cs := range [][]corev1.Container{spec.Containers, spec.InitContainers} {
			for i := range cs {
				for j := range cs[i].Ports {
					if cs[i].Ports[j].HostPort == 0 {
						cs[i].Ports[j].HostPort = cs[i].Ports[j].ContainerPort
					}
				}
			}
		}
	}
	for _, cs := range [][]corev1.Container{spec.Containers, spec.InitContainers} {
		for i := range cs {
			forEachHTTPGet(&cs[i], defaultHTTPGetProtocol)
		}
	}
	for i := range spec.EphemeralContainers {
		c := (*corev1.Container)(&spec.EphemeralContainers[i].EphemeralContainerCommon)
		forEachHTTPGet(c, defaultHTTPGetProtocol)
	}
	SetDefaultsPodSpec(spec)
}

// SetDefaultsPodSpec fills in a pod spec (a Pod's or a template's):
//
//   - serviceAccountName from the deprecated serviceAccount, and back
//   - dnsPolicy: ClusterFirst
//   - restartPolicy: Always
//   - securityContext: {} (an empty PodSecurityContext)
//   - terminationGracePeriodSeconds: 30
//   - schedulerName: default-scheduler
//   - each container's (init, regular and ephemeral) imagePullPolicy:
//     Always when the image's tag is "latest" or it has neither tag nor
//     digest; IfNotPresent otherwise (a digest, another tag, or a reference
//     that does not parse)
//   - each container's terminationMessagePath: /dev/termination-log, and
//     terminationMessagePolicy: File
//   - each container port's protocol: TCP
//   - each env var's valueFrom.fieldRef.apiVersion: v1, and
//     valueFrom.fileKeyRef.optional: false
//   - each container's resources.limits and .requests rounded up to
//     milli-units
//   - each liveness, readiness and startup probe: timeoutSeconds 1,
//     periodSeconds 10, successThreshold 1, failureThreshold 3;
//     httpGet.path "/", httpGet.scheme HTTP; grpc.service ""
//   - each lifecycle postStart/preStop httpGet: path "/", scheme HTTP
//   - each volume: no source → emptyDir {}; hostPath.type ""; secret,
//     configMap, downwardAPI and projected defaultMode 0644; downward API
//     fieldRef.apiVersion v1; serviceAccountToken.expirationSeconds 3600;
//     image.pullPolicy by tag as for containers; ephemeral claim
//     volumeMode Filesystem; iscsi, rbd, azureDisk and scaleIO defaults
//   - overhead and pod-level resources rounded up to milli-units
func SetDefaultsPodSpec(spec *corev1.PodSpec) {
	//nolint:staticcheck // the deprecated alias is kept in sync, as upstream does
	if spec.ServiceAccountName == "" {
		spec.ServiceAccountName = spec.DeprecatedServiceAccount
	}
	spec.DeprecatedServiceAccount = spec.ServiceAccountName
	if spec.DNSPolicy == "" {
		spec.DNSPolicy = corev1.DNSClusterFirst
	}
	if spec.RestartPolicy == "" {
		spec.RestartPolicy = corev1.RestartPolicyAlways
	}
	if spec.SecurityContext == nil {
		spec.SecurityContext = &corev1.PodSecurityContext{}
	}
	if spec.TerminationGracePeriodSeconds == nil {
		spec.TerminationGracePeriodSeconds = ptr.To[int64](corev1.DefaultTerminationGracePeriodSeconds)
	}
	if spec.SchedulerName == "" {
		spec.SchedulerName = corev1.DefaultSchedulerName
	}
	for i := range spec.Volumes {
		setDefaultsVolume(&spec.Volumes[i])
	}
	for i := range spec.InitContainers {
		setDefaultsContainer(&spec.InitContainers[i])
	}
	for i := range spec.Containers {
		setDefaultsContainer(&spec.Containers[i])
	}
	for i := range spec.EphemeralContainers {
		setDefaultsContainer((*corev1.Container)(&spec.EphemeralContainers[i].EphemeralContainerCommon))
	}
	roundUpResources(&spec.Overhead)
	if spec.Resources != nil {
		roundUpResources(&spec.Resources.Limits)
		roundUpResources(&spec.Resources.Requests)
	}
}

func defaultNamespace(ns *string) {
	if *ns == "" {
		*ns = DefaultNamespace
	}
}

// setDefaultsContainer is upstream's SetDefaults_Container plus the
// generated per-field defaults of a container.
func setDefaultsContainer(c *corev1.Container) {
	if c.ImagePullPolicy == "" {
		c.ImagePullPolicy = DefaultPullPolicy(c.Image)
	}
	if c.TerminationMessagePath == "" {
		c.TerminationMessagePath = corev1.TerminationMessagePathDefault
	}
	if c.TerminationMessagePolicy == "" {
		c.TerminationMessagePolicy = corev1.TerminationMessageReadFile
	}
	for i := range c.Ports {
		if c.Ports[i].Protocol == "" {
			c.Ports[i].Protocol = corev1.ProtocolTCP
		}
	}
	for i := range c.Env {
		if vf := c.Env[i].ValueFrom; vf != nil {
			if vf.FieldRef != nil && vf.FieldRef.APIVersion == "" {
				vf.FieldRef.APIVersion = "v1"
			}
			if vf.FileKeyRef != nil && vf.FileKeyRef.Optional == nil {
				vf.FileKeyRef.Optional = ptr.To(false)
			}
		}
	}
	roundUpResources(&c.Resources.Limits)
	roundUpResources(&c.Resources.Requests)
	for _, p := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe, c.StartupProbe} {
		if p == nil {
			continue
		}
		setDefaultsProbe(p)
		if p.HTTPGet != nil {
			setDefaultsHTTPGet(p.HTTPGet)
		}
		if p.GRPC != nil && p.GRPC.Service == nil {
			p.GRPC.Service = ptr.To("")
		}
	}
	if c.Lifecycle != nil {
		for _, h := range []*corev1.LifecycleHandler{c.Lifecycle.PostStart, c.Lifecycle.PreStop} {
			if h != nil && h.HTTPGet != nil {
				setDefaultsHTTPGet(h.HTTPGet)
			}
		}
	}
}

// setDefaultsProbe is upstream's SetDefaults_Probe.
func setDefaultsProbe(p *corev1.Probe) {
	if p.TimeoutSeconds == 0 {
		p.TimeoutSeconds = 1
	}
	if p.PeriodSeconds == 0 {
		p.PeriodSeconds = 10
	}
	if p.SuccessThreshold == 0 {
		p.SuccessThreshold = 1
	}
	if p.FailureThreshold == 0 {
		p.FailureThreshold = 3
	}
}

// setDefaultsHTTPGet is upstream's SetDefaults_HTTPGetAction.
func setDefaultsHTTPGet(a *corev1.HTTPGetAction) {
	if a.Path == "" {
		a.Path = "/"
	}
	if a.Scheme == "" {
		a.Scheme = corev1.URISchemeHTTP
	}
}

func defaultHTTPGetProtocol(a *corev1.HTTPGetAction) {
	if a.Protocol == nil {
		a.Protocol = ptr.To(corev1.HTTPProtocolHTTP1)
	}
}

// forEachHTTPGet calls f on every httpGet action of c's probes and hooks.
func forEachHTTPGet(c *corev1.Container, f func(*corev1.HTTPGetAction)) {
	for _, p := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe, c.StartupProbe} {
		if p != nil && p.HTTPGet != nil {
			f(p.HTTPGet)
		}
	}
	if c.Lifecycle != nil {
		for _, h := range []*corev1.LifecycleHandler{c.Lifecycle.PostStart, c.Lifecycle.PreStop} {
			if h != nil && h.HTTPGet != nil {
				f(h.HTTPGet)
			}
		}
	}
}

// roundUpResources is upstream's SetDefaults_ResourceList: quantities are
// rounded up to milli-units (0.0001 CPU becomes 1m).
func roundUpResources(rl *corev1.ResourceList) {
	for name, q := range *rl {
		q.RoundUp(-3)
		(*rl)[name] = q
	}
}

// setDefaultsVolume is upstream's SetDefaults_Volume plus the generated
// per-source defaults.
func setDefaultsVolume(v *corev1.Volume) {
	if ptr.AllPtrFieldsNil(&v.VolumeSource) {
		v.VolumeSource = corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}
	}
	vs := &v.VolumeSource
	if vs.Image != nil && vs.Image.PullPolicy == "" {
		// Upstream checks the tag only: "latest" (explicit or implied) → Always.
		vs.Image.PullPolicy = DefaultPullPolicy(vs.Image.Reference)
	}
	if vs.HostPath != nil && vs.HostPath.Type == nil {
		vs.HostPath.Type = ptr.To(corev1.HostPathUnset)
	}
	if vs.Secret != nil && vs.Secret.DefaultMode == nil {
		vs.Secret.DefaultMode = ptr.To(corev1.SecretVolumeSourceDefaultMode)
	}
	if vs.ISCSI != nil && vs.ISCSI.ISCSIInterface == "" {
		vs.ISCSI.ISCSIInterface = "default"
	}
	if vs.RBD != nil {
		if vs.RBD.RBDPool == "" {
			vs.RBD.RBDPool = "rbd"
		}
		if vs.RBD.RadosUser == "" {
			vs.RBD.RadosUser = "admin"
		}
		if vs.RBD.Keyring == "" {
			vs.RBD.Keyring = "/etc/ceph/keyring"
		}
	}
	if vs.DownwardAPI != nil {
		if vs.DownwardAPI.DefaultMode == nil {
			vs.DownwardAPI.DefaultMode = ptr.To(corev1.DownwardAPIVolumeSourceDefaultMode)
		}
		for i := range vs.DownwardAPI.Items {
			if fr := vs.DownwardAPI.Items[i].FieldRef; fr != nil && fr.APIVersion == "" {
				fr.APIVersion = "v1"
			}
		}
	}
	if vs.ConfigMap != nil && vs.ConfigMap.DefaultMode == nil {
		vs.ConfigMap.DefaultMode = ptr.To(corev1.ConfigMapVolumeSourceDefaultMode)
	}
	if vs.AzureDisk != nil {
		if vs.AzureDisk.CachingMode == nil {
			vs.AzureDisk.CachingMode = ptr.To(corev1.AzureDataDiskCachingReadWrite)
		}
		if vs.AzureDisk.FSType == nil {
			vs.AzureDisk.FSType = ptr.To("ext4")
		}
		if vs.AzureDisk.ReadOnly == nil {
			vs.AzureDisk.ReadOnly = ptr.To(false)
		}
		if vs.AzureDisk.Kind == nil {
			vs.AzureDisk.Kind = ptr.To(corev1.AzureSharedBlobDisk)
		}
	}
	if vs.Projected != nil {
		if vs.Projected.DefaultMode == nil {
			vs.Projected.DefaultMode = ptr.To(corev1.ProjectedVolumeSourceDefaultMode)
		}
		for i := range vs.Projected.Sources {
			src := &vs.Projected.Sources[i]
			if src.DownwardAPI != nil {
				for j := range src.DownwardAPI.Items {
					if fr := src.DownwardAPI.Items[j].FieldRef; fr != nil && fr.APIVersion == "" {
						fr.APIVersion = "v1"
					}
				}
			}
			if src.ServiceAccountToken != nil && src.ServiceAccountToken.ExpirationSeconds == nil {
				src.ServiceAccountToken.ExpirationSeconds = ptr.To[int64](3600)
			}
		}
	}
	if vs.ScaleIO != nil {
		if vs.ScaleIO.StorageMode == "" {
			vs.ScaleIO.StorageMode = "ThinProvisioned"
		}
		if vs.ScaleIO.FSType == "" {
			vs.ScaleIO.FSType = "xfs"
		}
	}
	if vs.Ephemeral != nil && vs.Ephemeral.VolumeClaimTemplate != nil {
		spec := &vs.Ephemeral.VolumeClaimTemplate.Spec
		if spec.VolumeMode == nil {
			spec.VolumeMode = ptr.To(corev1.PersistentVolumeFilesystem)
		}
		roundUpResources(&spec.Resources.Limits)
		roundUpResources(&spec.Resources.Requests)
	}
}
