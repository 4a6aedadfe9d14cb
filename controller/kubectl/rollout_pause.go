package kubectl

import (
	"github.com/spf13/pflag"

	"podviz/controller"
)

// RolloutPauseOptions is `kubectl rollout pause deployment/NAME`.
type RolloutPauseOptions struct {
	Namespace string
	Name      string
}

func rolloutPauseVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	return func(ns string, args []string) (Action, error) {
		name, err := rolloutTarget("pause", args)
		if err != nil {
			return nil, err
		}
		return &RolloutPauseOptions{Namespace: ns, Name: name}, nil
	}
}

// Run sets spec.paused; the cluster prints "deployment.apps/NAME paused"
// (or "error: deployments.apps "NAME" is already paused").
func (o *RolloutPauseOptions) Run(c *controller.Cluster) (string, error) {
	out, err := c.RolloutPause(namespaceOr(o.Namespace), o.Name)
	return out, kubectlError(err)
}

func (o *RolloutPauseOptions) String() string {
	return withNamespace([]string{"rollout", "pause", "deployment/" + o.Name}, o.Namespace)
}

func (o *RolloutPauseOptions) ReadOnly() bool { return false }
