package kubectl

import (
	"fmt"
	"strconv"

	"github.com/spf13/pflag"

	"podviz/controller"
)

// RolloutHistoryOptions is `kubectl rollout history deployment/NAME
// [--revision=N]`.
type RolloutHistoryOptions struct {
	Namespace string
	Name      string
	Revision  int64
}

func rolloutHistoryVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	o := &RolloutHistoryOptions{}
	fs.Int64Var(&o.Revision, "revision", 0, "See the details, including podTemplate of the revision specified")
	return func(ns string, args []string) (Action, error) {
		o.Namespace = ns
		name, err := rolloutTarget("history", args)
		if err != nil {
			return nil, err
		}
		// upstream's RolloutHistoryOptions.Validate, in its words.
		if o.Revision < 0 {
			return nil, fmt.Errorf("error: revision must be a positive integer: %v", o.Revision)
		}
		o.Name = name
		return o, nil
	}
}

// Run prints the revision table (or one revision's template).
func (o *RolloutHistoryOptions) Run(c *controller.Cluster) (string, error) {
	out, err := c.RolloutHistory(namespaceOr(o.Namespace), o.Name, o.Revision)
	return out, kubectlError(err)
}

func (o *RolloutHistoryOptions) String() string {
	words := []string{"rollout", "history", "deployment/" + o.Name}
	if o.Revision != 0 {
		words = append(words, "--revision="+strconv.FormatInt(o.Revision, 10))
	}
	return withNamespace(words, o.Namespace)
}

func (o *RolloutHistoryOptions) ReadOnly() bool { return true }
