package controller

// This file is the Cluster's public surface: the options and the actions.
// Every action returns what kubectl prints on success ("deployment.apps/web
// scaled") or an error whose text is the whole line kubectl prints
// ("Error from server (NotFound): …", "error: …"), and changes nothing when
// it fails.

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"podviz/controller/apiserver"
	"podviz/controller/kubelet"
	"podviz/model"
)

// Options configure a new Cluster.
type Options struct {
	// Seed feeds the one random source (generated pod names).
	Seed int64
	// WatchEvents, when set, sees every event occurrence from the start,
	// those of creating the objects included (see Cluster.WatchEvents).
	WatchEvents func(Event)
}

// DeleteOptions mirror kubectl delete's --grace-period and --force.
type DeleteOptions struct {
	GracePeriod *int64 // nil: the pod's terminationGracePeriodSeconds
	Force       bool
}

// ContainerImage is one NAME=IMAGE pair of `kubectl set image` ("*" for every container).
type ContainerImage struct{ Container, Image string }

func deploymentNotFound(name string) error {
	return fmt.Errorf("Error from server (NotFound): deployments.apps %q not found", name)
}

func podNotFound(name string) error {
	return fmt.Errorf("Error from server (NotFound): pods %q not found", name)
}

func nsOrDefault(ns string) string {
	if ns == "" {
		return model.DefaultNamespace
	}
	return ns
}

// updateDeployment applies change to a copy of the Deployment and hands
// it to the store, whose admission validates the result as a manifest is
// validated (podviz's control-character rule first, as at load, then the
// apiserver's validation) and then the pod budget, and only then writes it
// (bumping generation when the spec changed), so a refused action changes
// nothing.
func (c *Cluster) updateDeployment(namespace, name string, change func(d *appsv1.Deployment) (string, bool, error)) (string, error) {
	namespace = nsOrDefault(namespace)
	live := c.deploys.Get(apiserver.Key(namespace, name))
	if live == nil {
		return "", deploymentNotFound(name)
	}
	d := live.DeepCopy()
	out, changed, err := change(d)
	if err != nil || !changed {
		return out, err
	}
	budget := func(d, live *appsv1.Deployment) *field.Error { return c.checkDeploymentBudget(live, d) }
	err = c.deploys.Replace(live, d, budget, func() bool {
		specChanged := !equality.Semantic.DeepEqual(live.Spec, d.Spec)
		live.Spec = d.Spec
		live.Annotations = d.Annotations
		live.Labels = d.Labels
		return specChanged
	})
	if err != nil {
		return "", err
	}
	c.settle()
	return out, nil
}

// Scale is `kubectl scale deployment/NAME --replicas=N`.
func (c *Cluster) Scale(namespace, name string, replicas int32) (string, error) {
	if replicas < 0 {
		return "", errors.New("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
	}
	return c.updateDeployment(namespace, name, func(d *appsv1.Deployment) (string, bool, error) {
		d.Spec.Replicas = &replicas
		return "deployment.apps/" + name + " scaled", true, nil
	})
}

// SetImage is `kubectl set image deployment/NAME C=IMAGE…`.
func (c *Cluster) SetImage(namespace, name string, images []ContainerImage) (string, error) {
	if len(images) == 0 {
		return "", errors.New("error: at least one image update is required")
	}
	return c.updateDeployment(namespace, name, func(d *appsv1.Deployment) (string, bool, error) {
		before := d.Spec.Template.DeepCopy()
		var missing []string
		for _, ci := range images {
			found := false
			for _, list := range [][]corev1.Container{d.Spec.Template.Spec.InitContainers, d.Spec.Template.Spec.Containers} {
				for i := range list {
					if ci.Container == "*" || list[i].Name == ci.Container {
						list[i].Image = ci.Image
						found = true
					}
				}
			}
			if !found {
				missing = append(missing, fmt.Sprintf("unable to find container named %q", ci.Container))
			}
		}
		if len(missing) > 0 {
			return "", false, errors.New("error: " + strings.Join(missing, "; "))
		}
		if equality.Semantic.DeepEqual(before, &d.Spec.Template) {
			// kubectl computes an empty patch, skips it and prints nothing
			// (set_image.go: "no changes").
			return "", false, nil
		}
		return "deployment.apps/" + name + " image updated", true, nil
	})
}

// DeletePod is `kubectl delete pod NAME [--grace-period=N] [--force]`.
func (c *Cluster) DeletePod(namespace, name string, opts DeleteOptions) (string, error) {
	namespace = nsOrDefault(namespace)
	p := c.pods.Get(apiserver.Key(namespace, name))
	if p == nil {
		return "", podNotFound(name)
	}
	out := c.deletePodAction(p, opts)
	c.settle()
	return out, nil
}

func (c *Cluster) deletePodAction(p *corev1.Pod, opts DeleteOptions) string {
	grace := opts.GracePeriod
	if opts.Force && (grace == nil || *grace <= 0) {
		zero := int64(0)
		grace = &zero
	} else if grace != nil && *grace == 0 {
		// kubectl turns --grace-period=0 without --force into 1s.
		one := int64(1)
		grace = &one
	} else if grace != nil && *grace < 0 {
		grace = nil
	}
	c.pods.Delete(p, grace)
	verb := "deleted"
	if opts.Force {
		verb = "force deleted"
	}
	return fmt.Sprintf("pod %q %s from %s namespace", p.Name, verb, p.Namespace)
}

// DeletePodsBySelector is `kubectl delete pod -l SELECTOR`.
func (c *Cluster) DeletePodsBySelector(namespace, selector string, opts DeleteOptions) (string, error) {
	namespace = nsOrDefault(namespace)
	sel, err := labels.Parse(selector)
	if err != nil {
		return "", fmt.Errorf("error: %v", err)
	}
	victims := c.pods.Select(namespace, sel)
	if len(victims) == 0 {
		return fmt.Sprintf("No resources found in %s namespace.", namespace), nil
	}
	lines := make([]string, 0, len(victims))
	for _, p := range victims {
		lines = append(lines, c.deletePodAction(p, opts))
	}
	c.settle()
	return strings.Join(lines, "\n"), nil
}

// DeleteDeployment is `kubectl delete deployment NAME`: the Deployment goes
// at once and the garbage collector deletes its ReplicaSets, whose pods
// terminate gracefully (background cascading deletion).
func (c *Cluster) DeleteDeployment(namespace, name string) (string, error) {
	namespace = nsOrDefault(namespace)
	d := c.deploys.Get(apiserver.Key(namespace, name))
	if d == nil {
		return "", deploymentNotFound(name)
	}
	c.deploys.Delete(d, nil)
	c.settle()
	return fmt.Sprintf("deployment.apps %q deleted from %s namespace", name, namespace), nil
}

// RolloutPause is `kubectl rollout pause deployment/NAME`. Pausing a paused
// Deployment is refused, as kubectl's ObjectPauser refuses it ("is already
// paused", wrapped by rollout_pause.go as "error: %s %q %v", exit 1).
func (c *Cluster) RolloutPause(namespace, name string) (string, error) {
	return c.updateDeployment(namespace, name, func(d *appsv1.Deployment) (string, bool, error) {
		if d.Spec.Paused {
			return "", false, errors.New("error: deployments.apps \"" + name + "\" is already paused")
		}
		d.Spec.Paused = true
		return "deployment.apps/" + name + " paused", true, nil
	})
}

// RolloutResume is `kubectl rollout resume deployment/NAME`. Resuming a
// Deployment that is not paused is refused, as kubectl's ObjectResumer
// refuses it ("is not paused", exit 1).
func (c *Cluster) RolloutResume(namespace, name string) (string, error) {
	return c.updateDeployment(namespace, name, func(d *appsv1.Deployment) (string, bool, error) {
		if !d.Spec.Paused {
			return "", false, errors.New("error: deployments.apps \"" + name + "\" is not paused")
		}
		d.Spec.Paused = false
		return "deployment.apps/" + name + " resumed", true, nil
	})
}

// RolloutRestart is `kubectl rollout restart deployment/NAME`: it stamps
// the template with kubectl.kubernetes.io/restartedAt (the current virtual
// time), which is a new template and so a new rollout.
func (c *Cluster) RolloutRestart(namespace, name string) (string, error) {
	return c.updateDeployment(namespace, name, func(d *appsv1.Deployment) (string, bool, error) {
		if d.Spec.Paused {
			return "", false, errors.New("error: deployments.apps \"" + name + "\" can't restart paused deployment (run rollout resume first)")
		}
		stamp := c.Now().UTC().Format(time.RFC3339)
		if d.Spec.Template.Annotations[RestartedAtAnnotation] == stamp {
			return "", false, fmt.Errorf("error: failed to create patch for %s: if restart has already been triggered within the past second, please wait before attempting to trigger another", name)
		}
		if d.Spec.Template.Annotations == nil {
			d.Spec.Template.Annotations = map[string]string{}
		}
		d.Spec.Template.Annotations[RestartedAtAnnotation] = stamp
		return "deployment.apps/" + name + " restarted", true, nil
	})
}

// Apply creates or updates objects as `kubectl apply -f` (a changed
// template starts a rollout); it returns kubectl's lines
// ("deployment.apps/web configured").
func (c *Cluster) Apply(objs *model.Objects) (string, error) {
	if objs == nil {
		return "", nil
	}
	if err := c.checkApplyBudget(objs); err != nil {
		return "", err
	}
	var lines []string
	for _, in := range objs.Pods {
		p := in.DeepCopy()
		p.Namespace = nsOrDefault(p.Namespace)
		live := c.pods.Get(apiserver.Key(p.Namespace, p.Name))
		switch {
		case live == nil:
			p.ResourceVersion, p.UID = "", ""
			p.Status = corev1.PodStatus{}
			if err := c.pods.Create(p); err != nil {
				return strings.Join(lines, "\n"), err
			}
			lines = append(lines, "pod/"+p.Name+" created")
		case reflect.DeepEqual(live.Labels, p.Labels) && reflect.DeepEqual(live.Annotations, p.Annotations) && equality.Semantic.DeepEqual(withoutNode(live.Spec), p.Spec):
			lines = append(lines, "pod/"+p.Name+" unchanged")
		default:
			// Only metadata is mutable on a pod (and images, which podviz
			// does not restart in place): take labels and annotations.
			err := c.pods.Replace(live, p, nil, func() bool {
				live.Labels, live.Annotations = p.Labels, p.Annotations
				return false
			})
			if err != nil {
				return strings.Join(lines, "\n"), err
			}
			lines = append(lines, "pod/"+p.Name+" configured")
		}
	}
	for _, in := range objs.Deployments {
		d := in.DeepCopy()
		d.Namespace = nsOrDefault(d.Namespace)
		live := c.deploys.Get(apiserver.Key(d.Namespace, d.Name))
		switch {
		case live == nil:
			d.ResourceVersion, d.UID = "", ""
			d.Status = appsv1.DeploymentStatus{}
			if err := c.deploys.Create(d); err != nil {
				return strings.Join(lines, "\n"), err
			}
			lines = append(lines, "deployment.apps/"+d.Name+" created")
		case equality.Semantic.DeepEqual(live.Spec, d.Spec) && reflect.DeepEqual(live.Labels, d.Labels):
			lines = append(lines, "deployment.apps/"+d.Name+" unchanged")
		default:
			// The store refuses a changed selector (immutable in apps/v1).
			err := c.deploys.Replace(live, d, nil, func() bool {
				live.Spec = d.Spec
				live.Labels = d.Labels
				return true
			})
			if err != nil {
				return strings.Join(lines, "\n"), err
			}
			lines = append(lines, "deployment.apps/"+d.Name+" configured")
		}
	}
	for _, in := range objs.ReplicaSets {
		rs := in.DeepCopy()
		rs.Namespace = nsOrDefault(rs.Namespace)
		live := c.rss.Get(apiserver.Key(rs.Namespace, rs.Name))
		switch {
		case live == nil:
			rs.ResourceVersion, rs.UID = "", ""
			rs.Status = appsv1.ReplicaSetStatus{}
			if err := c.rss.Create(rs); err != nil {
				return strings.Join(lines, "\n"), err
			}
			lines = append(lines, "replicaset.apps/"+rs.Name+" created")
		case equality.Semantic.DeepEqual(live.Spec, rs.Spec):
			lines = append(lines, "replicaset.apps/"+rs.Name+" unchanged")
		default:
			err := c.rss.Replace(live, rs, nil, func() bool {
				live.Spec = rs.Spec
				return true
			})
			if err != nil {
				return strings.Join(lines, "\n"), err
			}
			lines = append(lines, "replicaset.apps/"+rs.Name+" configured")
		}
	}
	c.settle()
	return strings.Join(lines, "\n"), nil
}

func withoutNode(s corev1.PodSpec) corev1.PodSpec {
	s.NodeName = ""
	return s
}

// Exec is `kubectl exec POD -c CONTAINER -- COMMAND…`: it runs the command
// in the running container and returns its output; a non-zero exit is
// kubectl's "command terminated with exit code N" after the output.
// container "" is the pod's default container (the
// kubectl.kubernetes.io/default-container annotation, else the first).
func (c *Cluster) Exec(namespace, pod, container string, argv []string) (string, error) {
	namespace = nsOrDefault(namespace)
	p := c.pods.Get(apiserver.Key(namespace, pod))
	if p == nil {
		return "", podNotFound(pod)
	}
	if p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
		return "", fmt.Errorf("error: cannot exec into a container in a completed pod; current phase is %s", p.Status.Phase)
	}
	if container == "" {
		container = p.Annotations[DefaultContainerAnnotation]
		if container == "" && len(p.Spec.Containers) > 0 {
			container = p.Spec.Containers[0].Name
		}
	}
	valid := false
	for _, list := range [][]corev1.Container{p.Spec.Containers, p.Spec.InitContainers} {
		for i := range list {
			valid = valid || list[i].Name == container
		}
	}
	if !valid {
		return "", fmt.Errorf("Error from server (BadRequest): container %s is not valid for pod %s", container, pod)
	}
	if p.Spec.NodeName == "" {
		return "", fmt.Errorf("Error from server (BadRequest): pod %s does not have a host assigned", pod)
	}
	code, out, err := c.kl.Exec(p.UID, container, argv)
	switch {
	case errors.Is(err, kubelet.ErrNotModelled):
		return "", fmt.Errorf("error: podviz's container model does not run %q; kubectl exec here runs kill 1 and the shell's simple commands (rm, touch, cat, echo, ls, …)", argv[0])
	case err != nil:
		return "", fmt.Errorf("error: unable to upgrade connection: container not found (%q)", container)
	}
	c.settle()
	out = strings.TrimSuffix(out, "\n")
	if code != 0 {
		return out, fmt.Errorf("command terminated with exit code %d", code)
	}
	return out, nil
}

// ProbeFile is the file a container's exec probe reads (`cat
// /tmp/healthy`, `test -e FILE`, `ls FILE`, also inside `sh -c`): the
// first such container of the pod, its liveness probe first, then
// readiness and startup. Removing the file (`kubectl exec POD -c C -- rm
// FILE`) makes the probe fail. ok is false when no probe reads a file.
func (c *Cluster) ProbeFile(namespace, pod string) (container, file string, ok bool) {
	for _, cf := range c.ProbeFiles(namespace, pod) {
		return cf.Container, cf.File, true
	}
	return "", "", false
}

// ContainerFile is a container and a file in it.
type ContainerFile struct{ Container, File string }

// ProbeFiles are the containers of the pod whose exec probe reads a file
// (the first such probe of each: liveness, readiness, startup), app
// containers first, then init containers, each with the file: what the
// TUI's f offers to remove, one container at a time.
func (c *Cluster) ProbeFiles(namespace, pod string) []ContainerFile {
	p := c.pods.Get(apiserver.Key(nsOrDefault(namespace), pod))
	if p == nil {
		return nil
	}
	var out []ContainerFile
	for _, list := range [][]corev1.Container{p.Spec.Containers, p.Spec.InitContainers} {
		for i := range list {
			ct := &list[i]
			for _, pr := range []*corev1.Probe{ct.LivenessProbe, ct.ReadinessProbe, ct.StartupProbe} {
				if pr == nil || pr.Exec == nil {
					continue
				}
				if f := fileRead(pr.Exec.Command); f != "" {
					out = append(out, ContainerFile{ct.Name, f})
					break
				}
			}
		}
	}
	return out
}

// fileRead is the absolute path a probe command reads, "" when it reads
// none the model knows of.
func fileRead(argv []string) string {
	if len(argv) >= 3 && (argv[1] == "-c") {
		switch argv[0][strings.LastIndex(argv[0], "/")+1:] {
		case "sh", "bash", "ash":
			argv = strings.Fields(argv[2])
		}
	}
	if len(argv) < 2 {
		return ""
	}
	switch argv[0][strings.LastIndex(argv[0], "/")+1:] {
	case "cat", "test", "[", "ls", "stat":
		for _, a := range argv[1:] {
			if strings.HasPrefix(a, "/") && !strings.ContainsAny(a, "$;|&*?") {
				return strings.TrimRight(a, ";")
			}
		}
	}
	return ""
}
