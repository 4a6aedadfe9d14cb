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
	Remote    RemoteFlags
	Until     time.Duration
	JSON      bool
	Namespace string
	// Watch streams every occurrence as NDJSON while the cluster runs
	// (kubectl events --watch), so nothing is lost to the bounded log.
	Watch bool
}

// NewCmdEvents builds `podviz events`. runF replaces eventsRun in tests.
func NewCmdEvents(f *Factory, runF func(*EventsOptions) error) *cobra.Command {
	opts := &EventsOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut}
	var at, until, output string
	cmd := &cobra.Command{
		Use:   "events [--at T] [-o json]",
		Short: "Print the event log up to a virtual time",
		Long: "Run the control plane to virtual time T (playing --script on the way) and print\n" +
			"its events, oldest last-seen first: as `kubectl events` does, or with -o json as NDJSON,\n" +
			"one object per line with the virtual time (keys: time, type, reason, object,\n" +
			"message, source, and count when an event was seen more than once).\n\n" +
			"The log keeps the newest 10000 events and says on stderr when it dropped older\n" +
			"ones. With --watch every occurrence is streamed as it is recorded, one NDJSON line\n" +
			"each (keys: firstTime, lastTime, count, type, reason, object, namespace, message,\n" +
			"source): a repeated event appears once per occurrence, its count growing.",
		Example: "  podviz events --at 1m\n" +
			"  podviz events -f web.yaml --script rollout.yaml --at 5m -o json\n" +
			"  podviz events --watch -f big.yaml --at 2m | jq -r .message",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkRemote(cmd, &opts.Remote); err != nil {
				return err
			}
			if opts.Remote.Remote() && opts.Watch {
				return usageErrorf("--watch streams the simulation's events as it runs; on a real cluster use kubectl events --watch")
			}
			if opts.Remote.AllNamespaces && output != "json" {
				return usageErrorf("the events table shows one namespace: give -n, or -o json for every namespace")
			}
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
				opts.JSON = opts.Watch // a watch is a stream of JSON lines
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
	addRemoteFlags(fl, &opts.Remote)
	fl.StringVar(&at, "at", "", atHelp)
	fl.StringVar(&until, "until", "", "the same as --at: the virtual time to run to")
	fl.StringVarP(&output, "output", "o", "", "output format: json (NDJSON)")
	fl.BoolVarP(&opts.Watch, "watch", "w", false, "stream every event occurrence as it is recorded, as NDJSON (nothing is dropped)")
	fl.StringVarP(&opts.Namespace, "namespace", "n", "", "namespace of the text table (default: default); -o json prints every namespace")
	return cmd
}

func eventsRun(opts *EventsOptions) error {
	if opts.Watch {
		return eventsWatch(opts)
	}
	src, ns, done, stepsFailed, err := openSource(&opts.Remote, opts.Namespace, &opts.Cluster, opts.In, opts.ErrOut, opts.Until)
	if err != nil {
		return err
	}
	defer done()
	snap := src.Snapshot()
	defer writeNotices(opts.ErrOut, snap)
	if note := kubectl.DroppedEventsNote(snap); note != "" {
		fmt.Fprintln(opts.ErrOut, note)
	}
	if opts.JSON {
		if err := writeEventsJSON(opts.Out, snap.Events); err != nil {
			return err
		}
		return exitAfter(stepsFailed)
	}
	out, err := kubectl.PrintEvents(snap, kubectl.PrintOptions{Namespace: ns, ByLastSeen: true})
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

// watchJSON is one occurrence of `podviz events --watch`: the log's entry
// as it stands after the occurrence; the field order is the key order.
type watchJSON struct {
	FirstTime string `json:"firstTime"`
	LastTime  string `json:"lastTime"`
	Count     int32  `json:"count"`
	Type      string `json:"type"`
	Reason    string `json:"reason"`
	Object    string `json:"object"`
	Namespace string `json:"namespace"`
	Message   string `json:"message"`
	Source    string `json:"source"`
}

// eventsWatch streams every occurrence while the cluster runs to the time
// asked: nothing is kept, so nothing is dropped, however long the run.
func eventsWatch(opts *EventsOptions) error {
	enc := json.NewEncoder(opts.Out)
	enc.SetEscapeHTML(false)
	watch := func(e controller.Event) {
		// A write error is kept by opts.Out and reported when podviz ends.
		_ = enc.Encode(watchJSON{FirstTime: e.First.String(), LastTime: e.Last.String(), Count: e.Count,
			Type: e.Type, Reason: e.Reason, Object: e.Object, Namespace: e.Namespace, Message: e.Message, Source: e.Source})
	}
	c, stepsFailed, err := watchClusterAt(&opts.Cluster, opts.In, opts.ErrOut, opts.Until, watch)
	if err != nil {
		return err
	}
	writeNotices(opts.ErrOut, c.Snapshot())
	return exitAfter(stepsFailed)
}
