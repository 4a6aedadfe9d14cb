package kubectl

import (
	"github.com/spf13/pflag"

	"podviz/controller"
)

// RolloutResumeOptions is `kubectl rollout resume deployment/NAME`.
type RolloutResumeOptions struct {
	Namespace string
	Name      string
}

func rolloutResumeVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	return func(ns string, args []string) (Action, error) {
		name, err := rolloutTarget("resume", args)
		if err != nil {
			return nil, err
		}
		return &RolloutResumeOptions{Namespace: ns, Name: name}, nil
	}
}

// Run clears spec.paused; the cluster prints "deployment.apps/NAME resumed"
// (or "error: deployments.apps "NAME" is not paused").
func (o *RolloutResumeOptions) Run(c *controller.Cluster) (string, error) {
	out, err := c.RolloutResume(namespaceOr(o.Namespace), o.Name)
	return out, kubectlError(err)
}

func (o *RolloutResumeOptions) String() string {
	return withNamespace([]string{"rollout", "resume", "deployment/" + o.Name}, o.Namespace)
}

func (o *RolloutResumeOptions) ReadOnly() bool { return false }
