// Package realkubectl carries out podviz's parsed kubectl commands
// (podviz/controller/kubectl) against a real API server with the API calls
// kubectl itself makes: a merge patch of the scale subresource for scale,
// a strategic merge patch computed from the object before and after for
// set image, rollout pause, resume and restart (with kubectl's own
// polymorphic helpers doing the change), kubectl's DeploymentRollbacker for
// rollout undo, and deletions with kubectl's grace-period rules.
package realkubectl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	"k8s.io/client-go/kubernetes"
	cmdutil "k8s.io/kubectl/pkg/cmd/util"
	"k8s.io/kubectl/pkg/polymorphichelpers"

	"podviz/controller/kubectl"
)

// Run performs one parsed command and returns what kubectl prints on
// stdout; the error is what it prints on stderr. Read-only commands (get,
// rollout status, rollout history) change nothing and print nothing here.
func Run(ctx context.Context, client kubernetes.Interface, a kubectl.Action) (string, error) {
	switch a := a.(type) {
	case *kubectl.ScaleOptions:
		return scale(ctx, client, ns(a.Namespace), a.Name, a.Replicas)
	case *kubectl.SetImageOptions:
		return patchDeployment(ctx, client, ns(a.Namespace), a.Name, "image updated", func(d runtime.Object) ([]byte, error) {
			return setImages(d, a)
		})
	case *kubectl.RolloutPauseOptions:
		return patchDeployment(ctx, client, ns(a.Namespace), a.Name, "paused", polymorphichelpers.ObjectPauserFn)
	case *kubectl.RolloutResumeOptions:
		return patchDeployment(ctx, client, ns(a.Namespace), a.Name, "resumed", polymorphichelpers.ObjectResumerFn)
	case *kubectl.RolloutRestartOptions:
		return patchDeployment(ctx, client, ns(a.Namespace), a.Name, "restarted", polymorphichelpers.ObjectRestarterFn)
	case *kubectl.RolloutUndoOptions:
		return undo(ctx, client, ns(a.Namespace), a.Name, a.ToRevision)
	case *kubectl.DeleteOptions:
		return deleteObjects(ctx, client, a)
	case *kubectl.ApplyOptions:
		return apply(ctx, client, a)
	}
	if a.ReadOnly() {
		return "", nil
	}
	return "", fmt.Errorf("realkubectl: %s is not supported", a)
}

func ns(n string) string {
	if n == "" {
		return metav1.NamespaceDefault
	}
	return n
}

// scale is kubectl scale without preconditions: a JSON merge patch of the
// scale subresource (kubectl's scaler.ScaleSimple).
func scale(ctx context.Context, client kubernetes.Interface, namespace, name string, replicas int32) (string, error) {
	patch := fmt.Sprintf(`{"spec":{"replicas":%d}}`, replicas)
	_, err := client.AppsV1().Deployments(namespace).Patch(ctx, name, types.MergePatchType, []byte(patch), metav1.PatchOptions{}, "scale")
	if err != nil {
		return "", serverError(err)
	}
	return "deployment.apps/" + name + " scaled\n", nil
}

// patchDeployment is kubectl's set/rollout pattern (set.CalculatePatches):
// encode the object, let change edit a copy and encode it, send the
// strategic merge patch between the two. An empty patch changes nothing.
func patchDeployment(ctx context.Context, client kubernetes.Interface, namespace, name, verb string,
	change func(runtime.Object) ([]byte, error)) (string, error) {
	dc := client.AppsV1().Deployments(namespace)
	d, err := dc.Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return "", serverError(err)
	}
	d.APIVersion, d.Kind = "apps/v1", "Deployment"
	before, err := json.Marshal(d)
	if err != nil {
		return "", err
	}
	after, err := change(d.DeepCopy())
	if err != nil {
		return "", fmt.Errorf("error: deployments.apps %q %v", name, err)
	}
	patch, err := strategicpatch.CreateTwoWayMergePatch(before, after, appsv1.Deployment{})
	if err != nil {
		return "", err
	}
	if string(patch) == "{}" {
		// What kubectl does with a change that changes nothing.
		switch verb {
		case "image updated":
			return "", nil
		case "restarted":
			return "", fmt.Errorf("error: failed to create patch for %s: if restart has already been triggered within the past second, please wait before attempting to trigger another", name)
		}
		return "deployment.apps/" + name + " already " + verb + "\n", nil
	}
	if _, err := dc.Patch(ctx, name, types.StrategicMergePatchType, patch, metav1.PatchOptions{}); err != nil {
		return "", serverError(err)
	}
	return "deployment.apps/" + name + " " + verb + "\n", nil
}

// setImages is kubectl set image's change: each CONTAINER=IMAGE to the
// containers and init containers of that name ("*": all of them).
func setImages(d runtime.Object, a *kubectl.SetImageOptions) ([]byte, error) {
	dep := d.(*appsv1.Deployment)
	spec := &dep.Spec.Template.Spec
	var missing []string
	for _, ci := range a.Images {
		found := false
		for _, cs := range [][]corev1.Container{spec.InitContainers, spec.Containers} {
			for i := range cs {
				if ci.Container == "*" || cs[i].Name == ci.Container {
					cs[i].Image = ci.Image
					found = true
				}
			}
		}
		if !found {
			missing = append(missing, fmt.Sprintf("unable to find container named %q", ci.Container))
		}
	}
	if len(missing) > 0 {
		return nil, errors.New(strings.Join(missing, ", "))
	}
	return json.Marshal(dep)
}

// undo is kubectl rollout undo: kubectl's own DeploymentRollbacker, which
// patches the Deployment's template back to the revision's ReplicaSet's.
func undo(ctx context.Context, client kubernetes.Interface, namespace, name string, toRevision int64) (string, error) {
	d, err := client.AppsV1().Deployments(namespace).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return "", serverError(err)
	}
	rb, err := polymorphichelpers.RollbackerFor(appsv1.SchemeGroupVersion.WithKind("Deployment").GroupKind(), client)
	if err != nil {
		return "", err
	}
	out, err := rb.Rollback(d, nil, toRevision, cmdutil.DryRunNone)
	if err != nil {
		return "", fmt.Errorf("error: %v", err)
	}
	return "deployment.apps/" + name + " " + out + "\n", nil
}

// deleteObjects is kubectl delete of pods (by name or label selector) or
// Deployments (by name, cascading in the background as kubectl's default).
func deleteObjects(ctx context.Context, client kubernetes.Interface, a *kubectl.DeleteOptions) (string, error) {
	namespace := ns(a.Namespace)
	opts := metav1.DeleteOptions{GracePeriodSeconds: gracePeriod(a)}
	if a.Kind == kubectl.KindDeployment {
		bg := metav1.DeletePropagationBackground
		opts.PropagationPolicy = &bg
	}
	names := a.Names
	if a.Selector != "" {
		list, err := client.CoreV1().Pods(namespace).List(ctx, metav1.ListOptions{LabelSelector: a.Selector})
		if err != nil {
			return "", serverError(err)
		}
		for _, p := range list.Items {
			names = append(names, p.Name)
		}
		sort.Strings(names)
		if len(names) == 0 {
			return "No resources found\n", nil
		}
	}
	var out strings.Builder
	var errs []string
	for _, n := range names {
		var err error
		kind := "pod"
		if a.Kind == kubectl.KindDeployment {
			kind = "deployment.apps"
			err = client.AppsV1().Deployments(namespace).Delete(ctx, n, opts)
		} else {
			err = client.CoreV1().Pods(namespace).Delete(ctx, n, opts)
		}
		switch {
		case err == nil:
			fmt.Fprintf(&out, "%s %q deleted from %s namespace\n", kind, n, namespace)
		case apierrors.IsNotFound(err) && a.IgnoreNotFound:
		default:
			errs = append(errs, serverError(err).Error())
		}
	}
	if len(errs) > 0 {
		return out.String(), errors.New(strings.Join(errs, "\n"))
	}
	return out.String(), nil
}

// gracePeriod is what kubectl sends: --now is 1s; --grace-period=0 without
// --force is 1s; --force alone is 0; otherwise the flag, or nothing (the
// pod's own terminationGracePeriodSeconds) when it is -1.
func gracePeriod(a *kubectl.DeleteOptions) *int64 {
	g := int64(a.GracePeriod)
	switch {
	case a.Now:
		g = 1
	case g == 0 && !a.Force:
		g = 1
	case a.Force && g < 0:
		g = 0
	}
	if g < 0 {
		return nil
	}
	return &g
}

// apply is kubectl's client-side apply for the Deployments and Pods in the
// files: create with the last-applied annotation, or send the three-way
// strategic merge patch of last applied, file and live object.
func apply(ctx context.Context, client kubernetes.Interface, a *kubectl.ApplyOptions) (string, error) {
	var out strings.Builder
	for _, f := range a.Files {
		if a.Base != "" && !filepath.IsAbs(f) {
			f = filepath.Join(a.Base, f)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return out.String(), fmt.Errorf("error: %v", err)
		}
		objs, err := Decode(data)
		if err != nil {
			return out.String(), fmt.Errorf("error: %s: %v", f, err)
		}
		for _, o := range objs {
			line, err := Apply(ctx, client, o)
			out.WriteString(line)
			if err != nil {
				return out.String(), err
			}
		}
	}
	return out.String(), nil
}

// serverError gives an API error kubectl's words ("Error from server
// (NotFound): …").
func serverError(err error) error {
	var st apierrors.APIStatus
	if errors.As(err, &st) {
		reason := string(st.Status().Reason)
		if reason == "" {
			reason = "Unknown"
		}
		return fmt.Errorf("Error from server (%s): %s", reason, st.Status().Message)
	}
	return err
}
