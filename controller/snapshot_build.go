package controller

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"

	"podviz/controller/apiserver"
	"podviz/controller/controllerutil"
	deploymentutil "podviz/controller/deployment/util"
	"podviz/controller/kubectl/podprint"
)

// Snapshot returns an immutable view of the current state: every slice is
// fresh and sorted, nothing points into the store.
func (c *Cluster) Snapshot() *Snapshot {
	s := &Snapshot{Elapsed: c.clock.Elapsed(), Now: c.clock.Now(), AtTimeLimit: c.AtTimeLimit()}
	if at, ok := c.NextTransition(); ok {
		s.NextTransition = at
	} else {
		s.Idle = true
	}
	for _, d := range c.deploys.List() {
		s.Deployments = append(s.Deployments, c.deploymentView(d))
	}
	var orphanRS []*appsv1.ReplicaSet
	for _, rs := range c.rss.OwnedByUID("") {
		orphanRS = append(orphanRS, rs)
	}
	apiserver.SortByNamespaceName(orphanRS)
	for _, rs := range orphanRS {
		s.ReplicaSets = append(s.ReplicaSets, c.replicaSetView(rs, nil))
	}
	// Bare pods, and pods whose ReplicaSet is already gone (the garbage
	// collector is deleting them: they still show, Terminating).
	var bare []*corev1.Pod
	c.pods.Owners(func(owner types.UID, pods map[string]*corev1.Pod) {
		if owner != "" && c.rss.GetByUID(owner) != nil {
			return
		}
		for _, p := range pods {
			bare = append(bare, p)
		}
	})
	sort.Slice(bare, func(i, j int) bool {
		if bare[i].Namespace != bare[j].Namespace {
			return bare[i].Namespace < bare[j].Namespace
		}
		return bare[i].Name < bare[j].Name
	})
	for _, p := range bare {
		v := podView(p, 0, c.clock.Now())
		c.fillRetryTimes(p, &v)
		s.BarePods = append(s.BarePods, v)
	}
	s.Events = c.events.List()
	s.EventsDropped = c.events.Dropped()
	s.Notices, s.NoticesDropped = c.kl.Notices()
	return s
}

func since(t metav1.Time) time.Duration {
	if t.IsZero() {
		return 0
	}
	return t.Sub(Epoch)
}

func rv(m *metav1.ObjectMeta) uint64 {
	v, _ := strconv.ParseUint(m.ResourceVersion, 10, 64)
	return v
}

// uidLess orders objects by creation (see creationSeq).
func uidLess(a, b *metav1.ObjectMeta) bool {
	return creationSeq(a.UID) < creationSeq(b.UID)
}

func (c *Cluster) deploymentView(d *appsv1.Deployment) DeploymentView {
	v := deploymentBase(d)
	v.Decision = c.dc.Decision(apiserver.Key(d.Namespace, d.Name))
	rss := c.rss.ListOwnedBy(d.UID)
	sort.Slice(rss, func(i, j int) bool { return uidLess(&rss[i].ObjectMeta, &rss[j].ObjectMeta) })
	newRS := deploymentutil.FindNewReplicaSet(d, append([]*appsv1.ReplicaSet(nil), rss...))
	for _, rs := range rss {
		rv := c.replicaSetView(rs, d)
		rv.New = rs == newRS
		v.ReplicaSets = append(v.ReplicaSets, rv)
	}
	return v
}

// deploymentBase is a Deployment's view without its ReplicaSets and the
// controller's Decision, which each source finds in its own way.
func deploymentBase(d *appsv1.Deployment) DeploymentView {
	v := DeploymentView{
		Namespace: d.Namespace, Name: d.Name, UID: string(d.UID), ResourceVersion: rv(&d.ObjectMeta),
		Created: since(d.CreationTimestamp), Generation: d.Generation, ObservedGeneration: d.Status.ObservedGeneration,
		Replicas: deploymentutil.Replicas(d), Strategy: string(d.Spec.Strategy.Type), MinReadySeconds: d.Spec.MinReadySeconds,
		Paused: d.Spec.Paused, Images: images(&d.Spec.Template),
		StatusReplicas: d.Status.Replicas, UpdatedReplicas: d.Status.UpdatedReplicas, ReadyReplicas: d.Status.ReadyReplicas,
		AvailableReplicas: d.Status.AvailableReplicas, UnavailableReplicas: d.Status.UnavailableReplicas,
	}
	v.Revision, _ = deploymentutil.Revision(d)
	if d.Spec.ProgressDeadlineSeconds != nil {
		v.ProgressDeadlineSeconds = *d.Spec.ProgressDeadlineSeconds
	}
	if sel, err := metav1.LabelSelectorAsSelector(d.Spec.Selector); err == nil {
		v.Selector = sel.String()
	}
	if deploymentutil.IsRollingUpdate(d) {
		ms, mu := deploymentutil.RollingParams(d)
		v.MaxSurge, v.MaxUnavailable = intOrString(ms), intOrString(mu)
		v.Surge, v.Unavailable = deploymentutil.MaxSurge(d), deploymentutil.MaxUnavailable(d)
	}
	for _, cond := range d.Status.Conditions {
		v.Conditions = append(v.Conditions, Condition{Type: string(cond.Type), Status: string(cond.Status), Reason: cond.Reason,
			Message: cond.Message, LastUpdate: since(cond.LastUpdateTime), LastTransition: since(cond.LastTransitionTime)})
	}
	v.RolloutStatus, v.RolloutDone, v.RolloutFailed = deploymentutil.RolloutStatus(d)
	return v
}

func intOrString(v *intstr.IntOrString) string {
	if v == nil {
		return ""
	}
	return v.String()
}

func images(t *corev1.PodTemplateSpec) []string {
	out := make([]string, 0, len(t.Spec.Containers))
	for _, ctr := range t.Spec.Containers {
		out = append(out, ctr.Image)
	}
	return out
}

func (c *Cluster) replicaSetView(rs *appsv1.ReplicaSet, owner *appsv1.Deployment) ReplicaSetView {
	v := replicaSetBase(rs, owner)
	m := c.pods.OwnedByUID(rs.UID)
	type ordered struct {
		seq uint64
		p   *corev1.Pod
	}
	ps := make([]ordered, 0, len(m))
	for _, p := range m {
		ps = append(ps, ordered{creationSeq(p.UID), p})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].seq < ps[j].seq })
	now := c.clock.Now()
	v.Pods = make([]PodView, len(ps))
	for i, o := range ps {
		v.Pods[i] = c.cachedPodView(o.p, rs.Spec.MinReadySeconds, now)
		v.Pods[i].Owner = rs.Name
	}
	return v
}

// replicaSetBase is a ReplicaSet's view without its pods.
func replicaSetBase(rs *appsv1.ReplicaSet, owner *appsv1.Deployment) ReplicaSetView {
	v := ReplicaSetView{
		Namespace: rs.Namespace, Name: rs.Name, UID: string(rs.UID), ResourceVersion: rv(&rs.ObjectMeta),
		Created: since(rs.CreationTimestamp), Hash: rs.Labels[appsv1.DefaultDeploymentUniqueLabelKey],
		Images: images(&rs.Spec.Template), Desired: deploymentutil.RSReplicas(rs), Current: rs.Status.Replicas,
		Ready: rs.Status.ReadyReplicas, Available: rs.Status.AvailableReplicas,
	}
	if owner != nil {
		v.Owner = owner.Name
	}
	v.Revision, _ = deploymentutil.Revision(rs)
	if at, ok := rs.Spec.Template.Annotations[RestartedAtAnnotation]; ok {
		v.Restarted = true
		if t, err := time.Parse(time.RFC3339, at); err == nil {
			v.RestartedAt = t.Sub(Epoch)
		}
	}
	return v
}

// creationSeq is the counter a uid was made from (store.stamp): creation
// order, finer than creationTimestamp's whole seconds.
func creationSeq(uid types.UID) uint64 {
	s := string(uid)
	if i := strings.LastIndexByte(s, '-'); i >= 0 {
		s = s[i+1:]
	}
	n, _ := strconv.ParseUint(s, 16, 64)
	return n
}

// podViewCache is a PodView built for one resourceVersion of a pod.
type podViewCache struct {
	rv   string
	min  int32
	view PodView
}

// cachedPodView reuses the view of an unchanged pod (same resourceVersion),
// so a Snapshot of 10,000 settled pods does not rebuild them all. A view
// that will change with time alone (ready, not yet available) is not kept.
// Views are immutable, so snapshots may share them.
func (c *Cluster) cachedPodView(p *corev1.Pod, minReadySeconds int32, now time.Time) PodView {
	if e, ok := c.podViews[p.UID]; ok && e.rv == p.ResourceVersion && e.min == minReadySeconds {
		return e.view
	}
	v := podView(p, minReadySeconds, now)
	c.fillRetryTimes(p, &v)
	if v.Ready == v.Available {
		c.podViews[p.UID] = podViewCache{rv: p.ResourceVersion, min: minReadySeconds, view: v}
	} else {
		delete(c.podViews, p.UID)
	}
	return v
}

func podView(p *corev1.Pod, minReadySeconds int32, now time.Time) PodView {
	v := PodView{
		Namespace: p.Namespace, Name: p.Name, UID: string(p.UID), ResourceVersion: rv(&p.ObjectMeta),
		Created: since(p.CreationTimestamp), Phase: string(p.Status.Phase),
		Ready: controllerutil.IsPodReady(p), Available: controllerutil.IsPodAvailable(p, minReadySeconds, now),
		IP: p.Status.PodIP, Node: p.Spec.NodeName,
		Terminating: p.DeletionTimestamp != nil,
	}
	v.Containers = make([]ContainerView, 0, len(p.Spec.Containers)+len(p.Spec.InitContainers))
	for i := range p.Spec.Containers {
		v.Containers = append(v.Containers, containerView(&p.Spec.Containers[i], p.Status.ContainerStatuses, i))
	}
	for i := range p.Spec.InitContainers {
		ctr := &p.Spec.InitContainers[i]
		cv := containerView(ctr, p.Status.InitContainerStatuses, i)
		cv.Init, cv.Sidecar = true, podprint.IsSidecar(ctr)
		v.Containers = append(v.Containers, cv)
	}
	if len(p.Spec.Volumes) > 0 {
		v.Volumes = volumeViews(p)
	}
	// kubectl's READY, STATUS and RESTARTS, as its printPod computes them
	// (init containers, native sidecars, Ready only while running).
	cols := podprint.Of(p, now)
	v.Status = cols.Status
	v.ReadyContainers, v.TotalContainers = cols.ReadyContainers, cols.TotalContainers
	v.Restarts, v.LastRestart = int32(min(cols.RestartCount, math.MaxInt32)), cols.LastRestart
	return v
}

func containerView(ctr *corev1.Container, statuses []corev1.ContainerStatus, i int) ContainerView {
	cv := ContainerView{Name: ctr.Name, Image: ctr.Image, State: "Waiting"}
	for _, port := range ctr.Ports {
		cv.Ports = append(cv.Ports, fmt.Sprintf("%d/%s", port.ContainerPort, port.Protocol))
	}
	if i < len(statuses) {
		st := &statuses[i]
		cv.Ready, cv.Restarts = st.Ready, st.RestartCount
		switch {
		case st.State.Running != nil:
			cv.State = "Running"
		case st.State.Terminated != nil:
			cv.State, cv.Reason = "Terminated", st.State.Terminated.Reason
			cv.Exited, cv.ExitCode = true, st.State.Terminated.ExitCode
		case st.State.Waiting != nil:
			cv.Reason, cv.Message = st.State.Waiting.Reason, st.State.Waiting.Message
			if t := st.LastTerminationState.Terminated; t != nil {
				cv.Exited, cv.ExitCode = true, t.ExitCode
			}
		}
	}
	return cv
}

// volumeViews lists the pod's volumes with their mounts, init containers'
// first (they start first).
func volumeViews(p *corev1.Pod) []VolumeView {
	out := make([]VolumeView, len(p.Spec.Volumes))
	for i := range p.Spec.Volumes {
		vol := &p.Spec.Volumes[i]
		out[i] = VolumeView{Name: vol.Name, Kind: volumeKind(vol)}
		for _, list := range [][]corev1.Container{p.Spec.InitContainers, p.Spec.Containers} {
			for _, c := range list {
				for _, m := range c.VolumeMounts {
					if m.Name == vol.Name {
						mount := c.Name + ":" + m.MountPath
						if m.ReadOnly {
							mount += ":ro"
						}
						out[i].Mounts = append(out[i].Mounts, mount)
					}
				}
			}
		}
	}
	return out
}

func volumeKind(v *corev1.Volume) string {
	switch s := &v.VolumeSource; {
	case s.EmptyDir != nil:
		return "emptyDir"
	case s.ConfigMap != nil:
		return "configMap"
	case s.Secret != nil:
		return "secret"
	case s.HostPath != nil:
		return "hostPath"
	case s.PersistentVolumeClaim != nil:
		return "persistentVolumeClaim"
	case s.Projected != nil:
		return "projected"
	case s.DownwardAPI != nil:
		return "downwardAPI"
	}
	return "volume"
}

// fillRetryTimes copies the kubelet's back-off deadlines into a pod's
// view: when each container's next pull or restart is due.
func (c *Cluster) fillRetryTimes(p *corev1.Pod, v *PodView) {
	for i := range v.Containers {
		v.Containers[i].RetryAt = c.kl.RetryAt(p.UID, i)
	}
}

// PodStatus is the STATUS column of `kubectl get pods` (kubectl's printPod,
// see podprint).
func PodStatus(p *corev1.Pod) string { return podprint.Of(p, time.Time{}).Status }
