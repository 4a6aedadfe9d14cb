package kubectl

import (
	"github.com/spf13/pflag"

	"podviz/controller"
)

// RolloutRestartOptions is `kubectl rollout restart deployment/NAME`: it
// writes the kubectl.kubernetes.io/restartedAt annotation into the
// template, which makes a new ReplicaSet.
type RolloutRestartOptions struct {
	Namespace string
	Name      string
}

func rolloutRestartVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	return func(ns string, args []string) (Action, error) {
		name, err := rolloutTarget("restart", args)
		if err != nil {
			return nil, err
		}
		return &RolloutRestartOptions{Namespace: ns, Name: name}, nil
	}
}

// Run restarts; the cluster prints "deployment.apps/NAME restarted".
func (o *RolloutRestartOptions) Run(c *controller.Cluster) (string, error) {
	out, err := c.RolloutRestart(namespaceOr(o.Namespace), o.Name)
	return out, kubectlError(err)
}

func (o *RolloutRestartOptions) String() string {
	return withNamespace([]string{"rollout", "restart", "deployment/" + o.Name}, o.Namespace)
}

func (o *RolloutRestartOptions) ReadOnly() bool { return false }
