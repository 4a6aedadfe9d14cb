package kubectl

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/spf13/pflag"

	"podviz/controller"
)

// ScaleOptions is `kubectl scale deployment/NAME --replicas=N`.
type ScaleOptions struct {
	Namespace string
	Name      string
	Replicas  int32
}

// scaleFlags are the raw flag values before complete; kubectl's defaults
// (upstream NewScaleFlags: current-replicas -1).
type scaleFlags struct {
	replicas        int
	currentReplicas int
}

func scaleVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	f := &scaleFlags{currentReplicas: -1}
	fs.IntVar(&f.replicas, "replicas", 0, "The new desired number of replicas. Required.")
	fs.IntVar(&f.currentReplicas, "current-replicas", f.currentReplicas, "Precondition for current size (not supported by podviz).")
	return func(ns string, args []string) (Action, error) {
		// cobra checks MarkFlagRequired flags right after parsing.
		if !fs.Changed("replicas") {
			return nil, errors.New(`error: required flag(s) "replicas" not set`)
		}
		if err := f.validate(); err != nil {
			return nil, err
		}
		o := &ScaleOptions{Namespace: ns}
		if err := o.complete(f, args); err != nil {
			return nil, err
		}
		return o, nil
	}
}

// validate refuses what upstream's ScaleOptions.Validate refuses, in its words.
func (f *scaleFlags) validate() error {
	if f.replicas < 0 {
		return errors.New("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
	}
	if f.currentReplicas < -1 {
		return errors.New("error: The --current-replicas must specify an integer of -1 or greater")
	}
	if f.currentReplicas != -1 {
		return errors.New("error: podviz does not support --current-replicas")
	}
	if f.replicas > math.MaxInt32 {
		// The API server's int32 field would reject it.
		return fmt.Errorf("error: --replicas=%d does not fit spec.replicas (int32)", f.replicas)
	}
	return nil
}

func (o *ScaleOptions) complete(f *scaleFlags, args []string) error {
	name, err := oneDeployment("scale", args)
	if err != nil {
		return err
	}
	o.Name, o.Replicas = name, int32(f.replicas)
	return nil
}

// Run scales the Deployment; the cluster prints "deployment.apps/NAME scaled".
func (o *ScaleOptions) Run(c *controller.Cluster) (string, error) {
	out, err := c.Scale(namespaceOr(o.Namespace), o.Name, o.Replicas)
	return out, kubectlError(err)
}

func (o *ScaleOptions) String() string {
	return withNamespace([]string{"scale", "deployment/" + o.Name, "--replicas=" + strconv.Itoa(int(o.Replicas))}, o.Namespace)
}

func (o *ScaleOptions) ReadOnly() bool { return false }
