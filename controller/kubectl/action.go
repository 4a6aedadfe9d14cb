// Package kubectl is the kubectl subset podviz understands: it parses a
// command line ("kubectl scale deployment/web --replicas=5") into an Action,
// runs the Action against a controller.Cluster, and prints an Action back as
// its canonical kubectl command, so every key the TUI offers teaches the CLI.
//
// Each verb lives in its own file with an options struct and kubectl's
// three phases: flags are read, complete resolves the resource forms
// (deploy/web, deployments.apps/web, deploy web), validate refuses what
// kubectl refuses with kubectl's words, and Run acts. Errors are returned,
// never printed, and their text is what kubectl would print after its
// CheckErr ("error: unknown flag: --bogus").
package kubectl

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"podviz/controller"
	"podviz/model"
	"podviz/termsafe"
)

// Action is one parsed kubectl command.
type Action interface {
	// Run performs the command on the cluster and returns what kubectl
	// prints on stdout; the error's text is what kubectl prints on stderr.
	Run(c *controller.Cluster) (string, error)
	// String is the canonical kubectl command line for the action
	// ("kubectl scale deployment/web --replicas=5"); Parse reads it back to
	// an equal action.
	String() string
	// ReadOnly is true for get, rollout status and rollout history, which
	// change nothing.
	ReadOnly() bool
}

// verbFunc registers a verb's flags on fs and returns the function that
// completes and validates the options once fs has parsed the words; ns is
// the -n value ("" when not given).
type verbFunc func(fs *pflag.FlagSet, base string) func(ns string, args []string) (Action, error)

// verbs maps a command path to its verb. The paths with a space are
// sub-commands of set and rollout.
var verbs = map[string]verbFunc{
	"scale":           scaleVerb,
	"set image":       setImageVerb,
	"delete":          deleteVerb,
	"rollout undo":    rolloutUndoVerb,
	"rollout pause":   rolloutPauseVerb,
	"rollout resume":  rolloutResumeVerb,
	"rollout restart": rolloutRestartVerb,
	"rollout status":  rolloutStatusVerb,
	"rollout history": rolloutHistoryVerb,
	"apply":           applyVerb,
	"get":             getVerb,
	"exec":            execVerb,
}

// parents are the commands that only group sub-commands.
var parents = map[string]bool{"set": true, "rollout": true}

// knownElsewhere are real kubectl commands podviz does not simulate: they
// get an honest "not supported" instead of kubectl's "unknown command".
var knownElsewhere = map[string]bool{
	"create": true, "expose": true, "run": true, "explain": true, "edit": true, "autoscale": true,
	"describe": true, "logs": true, "attach": true, "port-forward": true, "proxy": true,
	"cp": true, "auth": true, "debug": true, "events": true, "diff": true, "patch": true, "replace": true,
	"wait": true, "kustomize": true, "label": true, "annotate": true, "completion": true, "top": true,
	"cordon": true, "uncordon": true, "drain": true, "taint": true, "certificate": true,
	"cluster-info": true, "api-resources": true, "api-versions": true, "config": true, "plugin": true,
	"version": true, "options": true, "alpha": true,
}

// Parse reads one kubectl command line, with or without the leading
// "kubectl". A relative `apply -f` path is relative to the working
// directory; use ParseIn to give another base.
func Parse(line string) (Action, error) { return ParseIn(line, "") }

// ParseIn is Parse with `apply -f` paths resolved against base (a script's
// directory).
func ParseIn(line, base string) (Action, error) {
	if len(line) > model.MaxCommandBytes {
		return nil, fmt.Errorf("error: the command is %d bytes long; podviz reads commands of at most %d bytes", len(line), model.MaxCommandBytes)
	}
	words, err := splitWords(line)
	if err != nil {
		return nil, err
	}
	if len(words) > 0 && words[0] == "kubectl" {
		words = words[1:]
	}
	path, rest, err := commandPath(words)
	if err != nil {
		return nil, err
	}
	fs := pflag.NewFlagSet("kubectl "+path, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	ns := fs.StringP("namespace", "n", "", "If present, the namespace scope for this CLI request")
	finish := verbs[path](fs, base)
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil, fmt.Errorf("error: podviz does not print kubectl's help; see `kubectl %s --help`", path)
		}
		return nil, flagError(err)
	}
	return finish(*ns, fs.Args())
}

// commandPath finds the verb (and sub-verb) among the words the way cobra
// does: the first words that are not flags, skipping the value of -n. It
// returns the path and the words left for the verb's flag set.
func commandPath(words []string) (string, []string, error) {
	var rest []string
	var path []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if strings.HasPrefix(w, "-") && w != "-" {
			rest = append(rest, w)
			// -n and --namespace take the next word unless it is attached.
			if (w == "-n" || w == "--namespace") && i+1 < len(words) {
				i++
				rest = append(rest, words[i])
			}
			continue
		}
		switch {
		case len(path) == 0:
			if verbs[w] == nil && !parents[w] {
				if knownElsewhere[w] {
					return "", nil, fmt.Errorf("error: podviz does not simulate \"kubectl %s\"; it knows scale, set image, delete, rollout, apply, get and exec", w)
				}
				return "", nil, fmt.Errorf("error: unknown command %q for \"kubectl\"", w)
			}
			path = append(path, w)
			if !parents[w] {
				rest = append(rest, words[i+1:]...)
				return w, rest, nil
			}
		default: // a parent's sub-command
			p := path[0] + " " + w
			if verbs[p] == nil {
				return "", nil, fmt.Errorf("error: unknown command %q for \"kubectl %s\"", w, path[0])
			}
			rest = append(rest, words[i+1:]...)
			return p, rest, nil
		}
	}
	if len(path) == 0 {
		if len(rest) > 0 {
			// Only flags: let them be judged (an unknown one says so).
			fs := pflag.NewFlagSet("kubectl", pflag.ContinueOnError)
			fs.SetOutput(io.Discard)
			fs.StringP("namespace", "n", "", "")
			if err := fs.Parse(rest); err != nil {
				return "", nil, flagError(err)
			}
		}
		return "", nil, errors.New("error: no command given; podviz knows scale, set image, delete, rollout, apply, get and exec")
	}
	return "", nil, fmt.Errorf("error: kubectl %s needs a sub-command: %s", path[0], subcommands(path[0]))
}

func subcommands(parent string) string {
	var subs []string
	for p := range verbs {
		if head, sub, ok := strings.Cut(p, " "); ok && head == parent {
			subs = append(subs, sub)
		}
	}
	slices.Sort(subs)
	return strings.Join(subs, ", ")
}

// flagError is pflag's complaint in kubectl's voice. pflag quotes the flag
// as typed (unknown flag: --x), so it is kept on one line and escaped: a
// script's text must not reach the terminal raw, nor fake a second line.
func flagError(err error) error {
	return errors.New("error: " + termsafe.Line(err.Error()))
}

// kubectlError gives a cluster error the text kubectl's CheckErr prints:
// API errors ("Error from server (NotFound): …") as they are, anything else
// with "error: " in front, unless it already has it.
func kubectlError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "error: ") || strings.HasPrefix(msg, "Error from server") || strings.HasPrefix(msg, "The ") {
		return err
	}
	return &runError{msg: "error: " + msg, err: err}
}

type runError struct {
	msg string
	err error
}

func (e *runError) Error() string { return e.msg }
func (e *runError) Unwrap() error { return e.err }

// withNamespace appends "-n NS" to a canonical command when a namespace was
// given.
func withNamespace(words []string, ns string) string {
	if ns != "" {
		words = append(words, "-n", ns)
	}
	return "kubectl " + joinWords(words)
}

// namespaceOr is the namespace an action works in: the -n value, or
// kubectl's default context namespace.
func namespaceOr(ns string) string {
	if ns == "" {
		return "default"
	}
	return ns
}
