package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"podviz/controller"
	"podviz/controller/kubectl"
)

// EventsOptions is what `podviz events` needs.
type EventsOptions struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	Cluster   ClusterFlags
	Until     time.Duration
	JSON      bool
	Namespace string
}

// NewCmdEvents builds `podviz events`. runF replaces eventsRun in tests.
func NewCmdEvents(f *Factory, runF func(*EventsOptions) error) *cobra.Command {
	opts := &EventsOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut}
	var at, until, output string
	cmd := &cobra.Command{
		Use:   "events [--at T] [-o json]",
		Short: "Print the event log up to a virtual time",
		Long: "Run the control plane to virtual time T (playing --script on the way) and print\n" +
			"its events, oldest first: as `kubectl get events` does, or with -o json as NDJSON,\n" +
			"one object per line with the virtual time (keys: time, type, reason, object,\n" +
			"message, source, and count when an event was seen more than once).",
		Example: "  podviz events --at 1m\n" +
			"  podviz events -f web.yaml --script rollout.yaml --at 5m -o json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			name, value := "at", at
			if cmd.Flags().Changed("until") {
				if cmd.Flags().Changed("at") {
					return usageErrorf("--at and --until name the same time: give one of them")
				}
				name, value = "until", until
			}
			d, err := virtualTimeFlag(cmd.Flags(), name, value)
			if err != nil {
				return err
			}
			opts.Until = d
			switch output {
			case "":
			case "json":
				opts.JSON = true
			default:
				return usageErrorf("unable to match a printer suitable for the output format %q, allowed formats are: json", output)
			}
			if runF != nil {
				return runF(opts)
			}
			return eventsRun(opts)
		},
	}
	fl := cmd.Flags()
	addClusterFlags(fl, &opts.Cluster)
	fl.StringVar(&at, "at", "", atHelp)
	fl.StringVar(&until, "until", "", "the same as --at: the virtual time to run to")
	fl.StringVarP(&output, "output", "o", "", "output format: json (NDJSON)")
	fl.StringVarP(&opts.Namespace, "namespace", "n", "", "namespace of the text table (default: default); -o json prints every namespace")
	return cmd
}

func eventsRun(opts *EventsOptions) error {
	c, stepsFailed, err := clusterAt(&opts.Cluster, opts.In, opts.ErrOut, opts.Until)
	if err != nil {
		return err
	}
	snap := c.Snapshot()
	if opts.JSON {
		if err := writeEventsJSON(opts.Out, snap.Events); err != nil {
			return err
		}
		return exitAfter(stepsFailed)
	}
	out, err := kubectl.PrintEvents(snap, kubectl.PrintOptions{Namespace: opts.Namespace})
	if _, werr := io.WriteString(opts.Out, out); werr != nil {
		return werr
	}
	var none *kubectl.NoResourcesError
	if errors.As(err, &none) {
		fmt.Fprintln(opts.ErrOut, none.Error())
	}
	return exitAfter(stepsFailed)
}

// eventJSON is one NDJSON line; the field order is the key order.
type eventJSON struct {
	Time    string `json:"time"`
	Type    string `json:"type"`
	Reason  string `json:"reason"`
	Object  string `json:"object"`
	Message string `json:"message"`
	Source  string `json:"source"`
	// Count is left out for an event seen once (most of them).
	Count int32 `json:"count,omitempty"`
}

// writeEventsJSON writes the log, ordered by the time each event was last
// seen (stable, so events of one instant keep the controller's order);
// "time" is that instant as a Go duration since start ("12.5s").
func writeEventsJSON(w io.Writer, events []controller.Event) error {
	evs := slices.Clone(events)
	slices.SortStableFunc(evs, func(a, b controller.Event) int { return cmp.Or(cmp.Compare(a.Last, b.Last), cmp.Compare(a.Seq, b.Seq)) })
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range evs {
		line := eventJSON{Time: e.Last.String(), Type: e.Type, Reason: e.Reason, Object: e.Object, Message: e.Message, Source: e.Source}
		if e.Count > 1 {
			line.Count = e.Count
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	return nil
}
