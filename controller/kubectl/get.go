package kubectl

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"podviz/controller"
)

// GetOptions is `kubectl get pods|deployments|replicasets|events [NAME...]
// [-o wide]`: a read-only action that prints kubectl's table for the
// current snapshot.
type GetOptions struct {
	Namespace string
	Kind      Kind
	Names     []string
	Wide      bool
}

func getVerb(fs *pflag.FlagSet, _ string) func(string, []string) (Action, error) {
	var output string
	fs.StringVarP(&output, "output", "o", "", "Output format. podviz supports wide.")
	return func(ns string, args []string) (Action, error) {
		return NewGetOptions(ns, args, output)
	}
}

// NewGetOptions completes and validates `kubectl get ARGS -o OUTPUT` in
// namespace ns ("" for the default): ARGS is a type and names, or
// TYPE/NAME words. podviz's own `get` command uses it too.
func NewGetOptions(ns string, args []string, output string) (*GetOptions, error) {
	o := &GetOptions{Namespace: ns}
	switch output {
	case "":
	case "wide":
		o.Wide = true
	default:
		return nil, fmt.Errorf("error: unable to match a printer suitable for the output format %q, allowed formats are: wide", output)
	}
	if len(args) == 0 {
		return nil, errors.New("error: You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.")
	}
	kind, refs, err := parseResourceArgs(args)
	if err != nil {
		return nil, err
	}
	o.Kind = kind
	for _, r := range refs {
		if r.Kind != kind {
			return nil, errors.New("error: podviz gets one resource type per command")
		}
		o.Names = append(o.Names, r.Name)
	}
	if kind == KindEvent && len(o.Names) > 0 {
		return nil, errors.New("error: podviz lists events without names")
	}
	return o, nil
}

// Run prints the table for the cluster's current snapshot; for events, a
// last line says when the bounded log dropped some (DroppedEventsNote).
func (o *GetOptions) Run(c *controller.Cluster) (string, error) {
	snap := c.Snapshot()
	out, err := o.Print(snap)
	if note := DroppedEventsNote(snap); o.Kind == KindEvent && note != "" {
		out += note + "\n"
	}
	return out, err
}

// DroppedEventsNote says that the event log is not whole, or is "" when it
// is: the log keeps the newest model.MaxEvents entries.
func DroppedEventsNote(snap *controller.Snapshot) string {
	if snap.EventsDropped == 0 {
		return ""
	}
	return fmt.Sprintf("Warning: podviz keeps the newest %d events; %d older ones were dropped (podviz events --watch streams every one)", len(snap.Events), snap.EventsDropped)
}

// Print is Run on a snapshot.
func (o *GetOptions) Print(snap *controller.Snapshot) (string, error) {
	p := PrintOptions{Namespace: namespaceOr(o.Namespace), Names: o.Names, Wide: o.Wide}
	switch o.Kind {
	case KindPod:
		return PrintPods(snap, p)
	case KindDeployment:
		return PrintDeployments(snap, p)
	case KindReplicaSet:
		return PrintReplicaSets(snap, p)
	default:
		return PrintEvents(snap, p)
	}
}

func (o *GetOptions) String() string {
	words := []string{"get", plural[o.Kind]}
	words = append(words, o.Names...)
	if o.Wide {
		words = append(words, "-o", "wide")
	}
	return withNamespace(words, o.Namespace)
}

func (o *GetOptions) ReadOnly() bool { return true }

// plural is how kubectl names a type in "get" and in NotFound errors.
var plural = map[Kind]string{
	KindPod:        "pods",
	KindDeployment: "deployments",
	KindReplicaSet: "replicasets",
	KindEvent:      "events",
}
