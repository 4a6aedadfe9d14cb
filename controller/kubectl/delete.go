package kubectl

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"podviz/controller"
)

// DeleteOptions is `kubectl delete pod NAME...`, `kubectl delete pod -l
// SELECTOR` or `kubectl delete deployment NAME...`, with kubectl's
// --grace-period, --force and --now.
type DeleteOptions struct {
	Namespace string
	Kind      Kind // KindPod or KindDeployment
	Names     []string
	Selector  string
	// GracePeriod is the flag as given: -1 means "the pod's own
	// terminationGracePeriodSeconds" (kubectl's default).
	GracePeriod    int
	Force          bool
	Now            bool
	IgnoreNotFound bool
}

func deleteVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	o := &DeleteOptions{GracePeriod: -1}
	fs.StringVarP(&o.Selector, "selector", "l", "", "Selector (label query) to filter on.")
	fs.IntVar(&o.GracePeriod, "grace-period", -1, "Period of time in seconds given to the resource to terminate gracefully.")
	fs.BoolVar(&o.Force, "force", false, "Immediately remove resources from the API and bypass graceful deletion.")
	fs.BoolVar(&o.Now, "now", false, "If true, resources are signaled for immediate shutdown (same as --grace-period=1).")
	fs.BoolVar(&o.IgnoreNotFound, "ignore-not-found", false, "Treat \"resource not found\" as a successful delete.")
	// Accepted for compatibility: podviz never waits on a real API server.
	fs.Bool("wait", true, "")
	return func(ns string, args []string) (Action, error) {
		o.Namespace = ns
		if err := o.complete(args); err != nil {
			return nil, err
		}
		if err := o.validate(); err != nil {
			return nil, err
		}
		return o, nil
	}
}

func (o *DeleteOptions) complete(args []string) error {
	kind, refs, err := parseResourceArgs(args)
	if err != nil {
		return err
	}
	o.Kind = kind
	for _, r := range refs {
		if r.Kind != kind {
			return errors.New("error: podviz deletes one resource type per command")
		}
		o.Names = append(o.Names, r.Name)
	}
	return nil
}

// validate follows upstream's DeleteOptions.Complete/Validate.
func (o *DeleteOptions) validate() error {
	if o.Kind != KindPod && o.Kind != KindDeployment {
		return fmt.Errorf("error: podviz deletes pods and deployments, not %ss", o.Kind)
	}
	if o.Now && o.GracePeriod != -1 {
		return errors.New("error: --now and --grace-period cannot be specified together")
	}
	if len(o.Names) > 0 && o.Selector != "" {
		return errors.New("error: name cannot be provided when a selector is specified")
	}
	if len(o.Names) == 0 && o.Selector == "" {
		return errors.New("error: resource(s) were provided, but no name was specified")
	}
	if o.Kind == KindDeployment && o.Selector != "" {
		return errors.New("error: podviz deletes deployments by name only")
	}
	return nil
}

// effectiveGrace is the grace period kubectl sends: --now is 1; --grace-period=0
// without --force becomes 1 (so nothing is killed by accident); --force
// with no grace period is 0; otherwise the flag, nil meaning the pod's own.
func (o *DeleteOptions) effectiveGrace() controller.DeleteOptions {
	g := o.GracePeriod
	switch {
	case o.Now:
		g = 1
	case g == 0 && !o.Force:
		g = 1
	case o.Force && g < 0:
		g = 0
	}
	opts := controller.DeleteOptions{Force: o.Force}
	if g >= 0 {
		g64 := int64(g)
		opts.GracePeriod = &g64
	}
	return opts
}

// forceWarning is what kubectl prints (on stderr) before an immediate deletion.
const forceWarning = "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely."

// Run deletes every named object, going on after a failure as kubectl does;
// the error holds every failure, one per line.
func (o *DeleteOptions) Run(c *controller.Cluster) (string, error) {
	ns := namespaceOr(o.Namespace)
	opts := o.effectiveGrace()
	var out []string
	var errs []string
	if opts.Force && opts.GracePeriod != nil && *opts.GracePeriod == 0 {
		out = append(out, forceWarning)
	}
	collect := func(s string, err error) {
		if s != "" {
			out = append(out, strings.TrimRight(s, "\n"))
		}
		if err != nil && !(o.IgnoreNotFound && strings.Contains(err.Error(), "(NotFound)")) {
			errs = append(errs, kubectlError(err).Error())
		}
	}
	switch {
	case o.Selector != "":
		collect(c.DeletePodsBySelector(ns, o.Selector, opts))
	case o.Kind == KindDeployment:
		for _, n := range o.Names {
			collect(c.DeleteDeployment(ns, n))
		}
	default:
		for _, n := range o.Names {
			collect(c.DeletePod(ns, n, opts))
		}
	}
	text := strings.Join(out, "\n")
	if text != "" {
		text += "\n"
	}
	if len(errs) > 0 {
		return text, errors.New(strings.Join(errs, "\n"))
	}
	return text, nil
}

func (o *DeleteOptions) String() string {
	words := []string{"delete", string(o.Kind)}
	words = append(words, o.Names...)
	if o.Selector != "" {
		words = append(words, "-l", o.Selector)
	}
	if o.GracePeriod != -1 {
		words = append(words, "--grace-period="+strconv.Itoa(o.GracePeriod))
	}
	if o.Force {
		words = append(words, "--force")
	}
	if o.Now {
		words = append(words, "--now")
	}
	if o.IgnoreNotFound {
		words = append(words, "--ignore-not-found")
	}
	return withNamespace(words, o.Namespace)
}

func (o *DeleteOptions) ReadOnly() bool { return false }
