package kubectl

import (
	"strconv"

	"github.com/spf13/pflag"

	"podviz/controller"
)

// RolloutUndoOptions is `kubectl rollout undo deployment/NAME
// [--to-revision=N]`; ToRevision 0 means the previous revision.
type RolloutUndoOptions struct {
	Namespace  string
	Name       string
	ToRevision int64
}

func rolloutUndoVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	o := &RolloutUndoOptions{}
	fs.Int64Var(&o.ToRevision, "to-revision", 0, "The revision to rollback to. Default to 0 (last revision).")
	return func(ns string, args []string) (Action, error) {
		o.Namespace = ns
		name, err := rolloutTarget("undo", args)
		if err != nil {
			return nil, err
		}
		o.Name = name
		return o, nil
	}
}

// Run rolls back; the cluster prints "deployment.apps/NAME rolled back" or
// kubectl's "skipped rollback" line, and refuses a revision it cannot find.
func (o *RolloutUndoOptions) Run(c *controller.Cluster) (string, error) {
	out, err := c.RolloutUndo(namespaceOr(o.Namespace), o.Name, o.ToRevision)
	return out, kubectlError(err)
}

func (o *RolloutUndoOptions) String() string {
	words := []string{"rollout", "undo", "deployment/" + o.Name}
	if o.ToRevision != 0 {
		words = append(words, "--to-revision="+strconv.FormatInt(o.ToRevision, 10))
	}
	return withNamespace(words, o.Namespace)
}

func (o *RolloutUndoOptions) ReadOnly() bool { return false }
