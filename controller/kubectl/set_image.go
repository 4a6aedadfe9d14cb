package kubectl

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"podviz/controller"
)

// SetImageOptions is `kubectl set image deployment/NAME CONTAINER=IMAGE...`
// (CONTAINER may be "*" for every container).
type SetImageOptions struct {
	Namespace string
	Name      string
	Images    []controller.ContainerImage
}

func setImageVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	return func(ns string, args []string) (Action, error) {
		o := &SetImageOptions{Namespace: ns}
		resources, err := o.complete(args)
		if err != nil {
			return nil, err
		}
		if err := o.validate(resources); err != nil {
			return nil, err
		}
		name, err := oneDeployment("set image", resources)
		if err != nil {
			return nil, err
		}
		o.Name = name
		return o, nil
	}
}

// complete splits the arguments as upstream's getResourcesAndImages does:
// words with "=" are CONTAINER=IMAGE pairs, the rest name the resources.
func (o *SetImageOptions) complete(args []string) ([]string, error) {
	var resources []string
	for _, a := range args {
		if !strings.Contains(a, "=") {
			resources = append(resources, a)
			continue
		}
		container, image, _ := strings.Cut(a, "=")
		if container == "" || image == "" || strings.HasPrefix(container, "-") {
			return nil, fmt.Errorf("error: invalid image update %q: expected CONTAINER=IMAGE", a)
		}
		o.Images = append(o.Images, controller.ContainerImage{Container: container, Image: image})
	}
	return resources, nil
}

// validate is upstream's SetImageOptions.Validate, whose errors are an
// aggregate printed as "[a, b]" when there are several.
func (o *SetImageOptions) validate(resources []string) error {
	var errs []string
	if len(resources) < 1 {
		errs = append(errs, "one or more resources must be specified as <resource> <name> or <resource>/<name>")
	}
	if len(o.Images) < 1 {
		errs = append(errs, "at least one image update is required")
	} else if len(o.Images) > 1 && o.hasWildcard() {
		errs = append(errs, "all containers are already specified by *, but saw more than one container_name=container_image pairs")
	}
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errors.New("error: " + errs[0])
	default:
		return errors.New("error: [" + strings.Join(errs, ", ") + "]")
	}
}

func (o *SetImageOptions) hasWildcard() bool {
	for _, ci := range o.Images {
		if ci.Container == "*" {
			return true
		}
	}
	return false
}

// Run changes the images; a changed template starts a rollout.
func (o *SetImageOptions) Run(c *controller.Cluster) (string, error) {
	out, err := c.SetImage(namespaceOr(o.Namespace), o.Name, o.Images)
	return out, kubectlError(err)
}

func (o *SetImageOptions) String() string {
	words := []string{"set", "image", "deployment/" + o.Name}
	for _, ci := range o.Images {
		words = append(words, ci.Container+"="+ci.Image)
	}
	return withNamespace(words, o.Namespace)
}

func (o *SetImageOptions) ReadOnly() bool { return false }
