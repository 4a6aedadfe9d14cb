package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"

	"podviz/model"
)

// ValidateOptions is what `podviz validate` needs: where the manifests are
// and how to print the result.
type ValidateOptions struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// Filenames are the -f values: files, directories, "-" for stdin. None
	// means the embedded article example.
	Filenames []string
	// Example is --example: a built-in example's manifests instead.
	Example string
	// Output is "" (one line per object), "json" or "yaml" (the defaulted
	// objects as a v1 List, like kubectl get -o json).
	Output string
}

// NewCmdValidate builds `podviz validate`. runF replaces validateRun in
// tests, to check what the flags parse into.
func NewCmdValidate(f *Factory, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut}
	cmd := &cobra.Command{
		Use:   "validate [-f FILENAME]...",
		Short: "Check manifests the way the API server would",
		Long: "Decode manifests strictly, apply the API server's defaults and validate them,\n" +
			"reporting every error with its file, document and field. With no -f, the\n" +
			"embedded article example is checked.",
		Example: "  podviz validate\n" +
			"  podviz validate -f web.yaml -f manifests/\n" +
			"  kubectl get deploy web -o yaml | podviz validate -f -\n" +
			"  podviz validate -f web.yaml -o json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch opts.Output {
			case "", "json", "yaml":
			default:
				return usageErrorf("unable to match a printer suitable for the output format %q, allowed formats are: json,yaml", opts.Output)
			}
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	cmd.Flags().StringSliceVarP(&opts.Filenames, "filename", "f", nil, "manifest file, directory of manifests, or - for stdin (repeatable)")
	cmd.Flags().StringVar(&opts.Example, "example", "", "a built-in example instead of -f (podviz examples lists them)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "print the defaulted objects instead: json or yaml")
	return cmd
}

// validateRun loads the manifests and reports: each valid object as
// kubectl names it, or every problem on ErrOut (exit 1).
func validateRun(opts *ValidateOptions) error {
	objs, err := loadManifests(opts.Filenames, opts.Example, opts.In, opts.ErrOut)
	var loadErr *model.LoadError
	if errors.As(err, &loadErr) {
		fmt.Fprint(opts.ErrOut, loadErr.Kubectl())
		return &SilentError{Code: exitInvalid}
	}
	if err != nil {
		return err
	}
	switch opts.Output {
	case "json", "yaml":
		return printObjectList(opts.Out, objs, opts.Output)
	}
	for _, p := range objs.Pods {
		fmt.Fprintf(opts.Out, "pod/%s valid\n", p.Name)
	}
	for _, d := range objs.Deployments {
		fmt.Fprintf(opts.Out, "deployment.apps/%s valid\n", d.Name)
	}
	for _, rs := range objs.ReplicaSets {
		fmt.Fprintf(opts.Out, "replicaset.apps/%s valid\n", rs.Name)
	}
	return nil
}

// printObjectList prints the objects as kubectl get -o json|yaml prints several:
// a v1 List, JSON indented by 4 spaces.
func printObjectList(w io.Writer, objs *model.Objects, format string) error {
	var items []runtime.Object
	for _, p := range objs.Pods {
		p = p.DeepCopy()
		p.APIVersion, p.Kind = "v1", "Pod"
		items = append(items, p)
	}
	for _, d := range objs.Deployments {
		d = d.DeepCopy()
		d.APIVersion, d.Kind = appsv1.SchemeGroupVersion.String(), "Deployment"
		items = append(items, d)
	}
	for _, rs := range objs.ReplicaSets {
		rs = rs.DeepCopy()
		rs.APIVersion, rs.Kind = appsv1.SchemeGroupVersion.String(), "ReplicaSet"
		items = append(items, rs)
	}
	list := &corev1.List{}
	list.APIVersion, list.Kind = "v1", "List"
	for _, it := range items {
		list.Items = append(list.Items, runtime.RawExtension{Object: it})
	}
	data, err := json.MarshalIndent(list, "", "    ")
	if err != nil {
		return err
	}
	if format == "yaml" {
		if data, err = yaml.JSONToYAML(data); err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
