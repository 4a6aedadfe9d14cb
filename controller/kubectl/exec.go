package kubectl

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"podviz/controller"
	"podviz/termsafe"
)

// ExecOptions is `kubectl exec POD [-c CONTAINER] -- COMMAND [args...]`:
// the command runs in podviz's container model, which knows `kill 1` and
// the shell's simple commands (rm, touch, cat, …); anything else is
// refused by name when it runs.
type ExecOptions struct {
	Namespace string
	Pod       string
	Container string // "" : the pod's default container
	Command   []string
}

func execVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	o := &ExecOptions{}
	fs.StringVarP(&o.Container, "container", "c", "", "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation or the first container.")
	// Accepted for compatibility: podviz has no terminal to attach, and the
	// commands it runs read no input.
	fs.BoolP("stdin", "i", false, "")
	fs.BoolP("tty", "t", false, "")
	fs.BoolP("quiet", "q", false, "")
	return func(ns string, args []string) (Action, error) {
		o.Namespace = ns
		dash := fs.ArgsLenAtDash()
		// upstream exec.go Complete, in its order and words.
		if dash == -1 && len(args) > 1 {
			return nil, errors.New("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead")
		}
		if len(args) == 0 || dash == 0 {
			return nil, errors.New("error: pod, type/name or --filename must be specified")
		}
		if dash > 1 {
			return nil, fmt.Errorf("error: podviz's exec takes one pod before --, got %d arguments", dash)
		}
		pod := args[0]
		if typ, name, ok := strings.Cut(pod, "/"); ok {
			k, err := resolveKind(typ)
			if err != nil {
				return nil, err
			}
			if k != KindPod {
				return nil, fmt.Errorf("error: podviz's exec works on pods, not %ss", k)
			}
			pod = name
		}
		if err := validateName(pod); err != nil {
			return nil, err
		}
		o.Pod = pod
		if dash > 0 {
			o.Command = args[dash:]
		}
		if len(o.Command) == 0 {
			return nil, errors.New("error: you must specify at least one command for the container")
		}
		if strings.HasPrefix(o.Container, "-") {
			return nil, fmt.Errorf("error: invalid container name %q", o.Container)
		}
		return o, nil
	}
}

// Run runs the command; its output is what kubectl prints. The command's
// output and the names in an error are the user's words (echo $'\e…'):
// they are made terminal-safe here, as kubectl's output is not.
func (o *ExecOptions) Run(c *controller.Cluster) (string, error) {
	out, err := c.Exec(namespaceOr(o.Namespace), o.Pod, o.Container, o.Command)
	if err != nil {
		err = errors.New(termsafe.Line(err.Error()))
	}
	return termsafe.Text(out), kubectlError(err)
}

func (o *ExecOptions) String() string {
	words := []string{"exec", o.Pod}
	if o.Container != "" {
		words = append(words, "-c", o.Container)
	}
	if o.Namespace != "" {
		words = append(words, "-n", o.Namespace)
	}
	words = append(append(words, "--"), o.Command...)
	return "kubectl " + joinWords(words)
}

func (o *ExecOptions) ReadOnly() bool { return false }
