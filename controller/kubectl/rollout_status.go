package kubectl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"podviz/controller"
)

// RolloutStatusOptions is `kubectl rollout status deployment/NAME
// [--revision=N]`. podviz shows the status at the current virtual instant,
// as kubectl does with --watch=false: a virtual clock has nothing to wait on.
type RolloutStatusOptions struct {
	Namespace string
	Name      string
	Revision  int64
}

func rolloutStatusVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	o := &RolloutStatusOptions{}
	fs.Int64Var(&o.Revision, "revision", 0, "Pin to a specific revision for showing its status. Defaults to 0 (last revision).")
	// Accepted for compatibility; see the type's comment.
	fs.BoolP("watch", "w", true, "Watch the status of the rollout until it's done.")
	fs.Duration("timeout", 0, "The length of time to wait before ending watch.")
	return func(ns string, args []string) (Action, error) {
		o.Namespace = ns
		name, err := rolloutTarget("status", args)
		if err != nil {
			return nil, err
		}
		if o.Revision < 0 {
			return nil, fmt.Errorf("error: revision must be a positive integer: %v", o.Revision)
		}
		o.Name = name
		return o, nil
	}
}

// Run reads the status line the controller computed for the snapshot.
func (o *RolloutStatusOptions) Run(c *controller.Cluster) (string, error) {
	return RolloutStatus(c.Snapshot(), namespaceOr(o.Namespace), o.Name, o.Revision)
}

// RolloutStatus is `kubectl rollout status` on a snapshot: the line kubectl
// prints, or its error (NotFound, a revision mismatch, or "deployment "NAME"
// exceeded its progress deadline", after which kubectl exits 1).
func RolloutStatus(snap *controller.Snapshot, namespace, name string, revision int64) (string, error) {
	d := findDeployment(snap, namespace, name)
	if d == nil {
		return "", fmt.Errorf("Error from server (NotFound): deployments.apps %q not found", name)
	}
	// upstream's DeploymentStatusViewer checks the pinned revision first.
	if revision > 0 && d.Revision != revision {
		return "", fmt.Errorf("error: desired revision (%d) is different from the running revision (%d)", revision, d.Revision)
	}
	if d.RolloutFailed {
		return "", fmt.Errorf("error: deployment %q exceeded its progress deadline", name)
	}
	msg := d.RolloutStatus
	if msg != "" && !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	return msg, nil
}

func findDeployment(snap *controller.Snapshot, namespace, name string) *controller.DeploymentView {
	for i := range snap.Deployments {
		d := &snap.Deployments[i]
		if d.Namespace == namespace && d.Name == name {
			return d
		}
	}
	return nil
}

func (o *RolloutStatusOptions) String() string {
	words := []string{"rollout", "status", "deployment/" + o.Name}
	if o.Revision != 0 {
		words = append(words, "--revision="+strconv.FormatInt(o.Revision, 10))
	}
	return withNamespace(words, o.Namespace)
}

func (o *RolloutStatusOptions) ReadOnly() bool { return true }
