package controller

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"podviz/controller/apiserver"
	"podviz/controller/deployment"
	deploymentutil "podviz/controller/deployment/util"
)

// RolloutUndo is `kubectl rollout undo deployment/NAME [--to-revision=N]`.
// In apps/v1 the rollback happens in kubectl (DeploymentRollbacker): find
// the ReplicaSet of revision N (0: the previous revision, the second
// highest), copy its template without the pod-template-hash label into the
// Deployment. The controller then finds that ReplicaSet as the new one,
// gives it the next revision and rolls to it like to any update.
func (c *Cluster) RolloutUndo(namespace, name string, toRevision int64) (string, error) {
	namespace = nsOrDefault(namespace)
	d := c.deploys.Get(apiserver.Key(namespace, name))
	if d == nil {
		return "", deploymentNotFound(name)
	}
	ref := "deployment.apps/" + name
	target := deployment.RollbackTarget(c.rss.ListOwnedBy(d.UID), toRevision)
	if toRevision > 0 && target == nil {
		return "", fmt.Errorf("error: unable to find specified revision %d in history", toRevision)
	}
	if target == nil {
		return "", fmt.Errorf("error: no rollout history found for deployment %q", name)
	}
	if d.Spec.Paused {
		return "", errors.New("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again")
	}
	if deploymentutil.EqualIgnoreHash(&target.Spec.Template, &d.Spec.Template) {
		return fmt.Sprintf("%s skipped rollback (current template already matches revision %d)", ref, toRevision), nil
	}
	return c.updateDeployment(namespace, name, func(d *appsv1.Deployment) (string, bool, error) {
		deployment.Rollback(d, target)
		return ref + " rolled back", true, nil
	})
}

// RolloutHistory returns `kubectl rollout history deployment/NAME` output
// (or the --revision=N detail when revision > 0): one row per ReplicaSet
// revision, CHANGE-CAUSE from kubernetes.io/change-cause.
func (c *Cluster) RolloutHistory(namespace, name string, revision int64) (string, error) {
	namespace = nsOrDefault(namespace)
	d := c.deploys.Get(apiserver.Key(namespace, name))
	if d == nil {
		return "", deploymentNotFound(name)
	}
	revs, byRev := deployment.History(c.rss.ListOwnedBy(d.UID))
	var b strings.Builder
	if revision > 0 {
		rs := byRev[revision]
		if rs == nil {
			return "", fmt.Errorf("error: unable to find the specified revision")
		}
		fmt.Fprintf(&b, "deployment.apps/%s with revision #%d\n", name, revision)
		writePodTemplate(&b, &rs.Spec.Template)
		return b.String(), nil
	}
	fmt.Fprintf(&b, "deployment.apps/%s \n", name)
	if len(revs) == 0 {
		return b.String(), nil
	}
	b.WriteString("REVISION  CHANGE-CAUSE\n")
	for _, v := range revs {
		cause := byRev[v].Annotations[deploymentutil.ChangeCauseAnnotation]
		if cause == "" {
			cause = "<none>"
		}
		fmt.Fprintf(&b, "%-10d%s\n", v, cause)
	}
	b.WriteString("\n")
	return b.String(), nil
}

// writePodTemplate prints a pod template the way kubectl describe does
// (DescribePodTemplate), for `rollout history --revision=N`.
func writePodTemplate(b *strings.Builder, t *corev1.PodTemplateSpec) {
	b.WriteString("Pod Template:\n")
	fmt.Fprintf(b, "  Labels:\t%s\n", joinMap(t.Labels, "\n\t"))
	if len(t.Annotations) > 0 {
		fmt.Fprintf(b, "  Annotations:\t%s\n", joinMap(t.Annotations, "\n\t"))
	}
	b.WriteString("  Containers:\n")
	for _, ctr := range t.Spec.Containers {
		fmt.Fprintf(b, "   %s:\n", ctr.Name)
		fmt.Fprintf(b, "    Image:\t%s\n", ctr.Image)
		if len(ctr.Ports) > 0 {
			var ps []string
			for _, p := range ctr.Ports {
				ps = append(ps, fmt.Sprintf("%d/%s", p.ContainerPort, p.Protocol))
			}
			fmt.Fprintf(b, "    Port:\t%s\n", strings.Join(ps, ", "))
		} else {
			b.WriteString("    Port:\t<none>\n")
		}
		b.WriteString("    Host Port:\t0/TCP\n")
		if len(ctr.Command) > 0 {
			b.WriteString("    Command:\n")
			for _, a := range ctr.Command {
				fmt.Fprintf(b, "      %s\n", a)
			}
		}
		b.WriteString("    Environment:\t<none>\n")
		b.WriteString("    Mounts:\t<none>\n")
	}
	b.WriteString("  Volumes:\t<none>\n")
	b.WriteString("  Node-Selectors:\t<none>\n")
	b.WriteString("  Tolerations:\t<none>\n")
}

func joinMap(m map[string]string, sep string) string {
	if len(m) == 0 {
		return "<none>"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return strings.Join(parts, sep)
}
