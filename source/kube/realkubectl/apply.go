package realkubectl

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
)

// Decode reads the apps/v1 Deployments and v1 Pods of a multi-document
// YAML or JSON manifest, as written (no defaults). Other kinds are an error.
func Decode(data []byte) ([]runtime.Object, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var out []runtime.Object
	for n := 1; ; n++ {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", n, err)
		}
		if len(bytes.TrimSpace(doc)) == 0 {
			continue
		}
		obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(doc, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", n, err)
		}
		switch obj.(type) {
		case *appsv1.Deployment, *corev1.Pod:
			out = append(out, obj)
		default:
			return nil, fmt.Errorf("document %d: %s is not a Deployment or a Pod", n, obj.GetObjectKind().GroupVersionKind().Kind)
		}
	}
}

// Apply is kubectl's client-side apply of one Deployment or Pod.
func Apply(ctx context.Context, client kubernetes.Interface, obj runtime.Object) (string, error) {
	switch o := obj.(type) {
	case *appsv1.Deployment:
		o = o.DeepCopy()
		o.Namespace = ns(o.Namespace)
		modified, err := lastApplied(o, "apps/v1", "Deployment")
		if err != nil {
			return "", err
		}
		dc := client.AppsV1().Deployments(o.Namespace)
		live, err := dc.Get(ctx, o.Name, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			if _, err := dc.Create(ctx, o, metav1.CreateOptions{}); err != nil {
				return "", serverError(err)
			}
			return "deployment.apps/" + o.Name + " created\n", nil
		}
		if err != nil {
			return "", serverError(err)
		}
		patch, err := threeWay(live, modified, appsv1.Deployment{})
		if err != nil || patch == nil {
			return "deployment.apps/" + o.Name + " unchanged\n", err
		}
		if _, err := dc.Patch(ctx, o.Name, types.StrategicMergePatchType, patch, metav1.PatchOptions{}); err != nil {
			return "", serverError(err)
		}
		return "deployment.apps/" + o.Name + " configured\n", nil
	case *corev1.Pod:
		o = o.DeepCopy()
		o.Namespace = ns(o.Namespace)
		modified, err := lastApplied(o, "v1", "Pod")
		if err != nil {
			return "", err
		}
		pc := client.CoreV1().Pods(o.Namespace)
		live, err := pc.Get(ctx, o.Name, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			if _, err := pc.Create(ctx, o, metav1.CreateOptions{}); err != nil {
				return "", serverError(err)
			}
			return "pod/" + o.Name + " created\n", nil
		}
		if err != nil {
			return "", serverError(err)
		}
		patch, err := threeWay(live, modified, corev1.Pod{})
		if err != nil || patch == nil {
			return "pod/" + o.Name + " unchanged\n", err
		}
		if _, err := pc.Patch(ctx, o.Name, types.StrategicMergePatchType, patch, metav1.PatchOptions{}); err != nil {
			return "", serverError(err)
		}
		return "pod/" + o.Name + " configured\n", nil
	}
	return "", fmt.Errorf("realkubectl: cannot apply %T", obj)
}

// lastApplied sets the last-applied-configuration annotation on obj, as
// kubectl apply does (the manifest, with the annotation left out of
// itself), and returns the manifest with the annotation: the "modified"
// side of the three-way merge.
func lastApplied(obj metav1.Object, apiVersion, kind string) ([]byte, error) {
	ann := obj.GetAnnotations()
	if ann == nil {
		ann = map[string]string{}
	}
	delete(ann, corev1.LastAppliedConfigAnnotation)
	obj.SetAnnotations(ann)
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	m["apiVersion"], m["kind"] = apiVersion, kind
	delete(m, "status")
	if md, ok := m["metadata"].(map[string]any); ok {
		delete(md, "creationTimestamp")
		if a, ok := md["annotations"].(map[string]any); ok && len(a) == 0 {
			delete(md, "annotations")
		}
	}
	if spec, ok := m["spec"].(map[string]any); ok {
		if tmpl, ok := spec["template"].(map[string]any); ok {
			if tmd, ok := tmpl["metadata"].(map[string]any); ok {
				delete(tmd, "creationTimestamp")
			}
		}
	}
	original, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	ann[corev1.LastAppliedConfigAnnotation] = string(original) + "\n"
	obj.SetAnnotations(ann)
	md := m["metadata"].(map[string]any)
	anns, _ := md["annotations"].(map[string]any)
	if anns == nil {
		anns = map[string]any{}
	}
	anns[corev1.LastAppliedConfigAnnotation] = string(original) + "\n"
	md["annotations"] = anns
	return json.Marshal(m)
}

// threeWay is the patch kubectl apply sends for a live object, or nil when
// nothing changes.
func threeWay(live runtime.Object, modified []byte, schema any) ([]byte, error) {
	current, err := json.Marshal(live)
	if err != nil {
		return nil, err
	}
	lm, err := metaOf(live)
	if err != nil {
		return nil, err
	}
	original := []byte(lm.GetAnnotations()[corev1.LastAppliedConfigAnnotation])
	lookup, err := strategicpatch.NewPatchMetaFromStruct(schema)
	if err != nil {
		return nil, err
	}
	patch, err := strategicpatch.CreateThreeWayMergePatch(original, modified, current, lookup, true)
	if err != nil {
		return nil, err
	}
	if string(patch) == "{}" {
		return nil, nil
	}
	return patch, nil
}

func metaOf(obj runtime.Object) (metav1.Object, error) {
	m, ok := obj.(metav1.Object)
	if !ok {
		return nil, fmt.Errorf("%T has no metadata", obj)
	}
	return m, nil
}
