package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"podviz/controller/kubectl"
)

// GetOptions is what `podviz get` needs.
type GetOptions struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	Cluster ClusterFlags
	Remote  RemoteFlags
	At      time.Duration
	// Get is the kubectl get it prints: type, names, namespace, wide.
	Get *kubectl.GetOptions
}

// NewCmdGet builds `podviz get`. runF replaces getRun in tests.
func NewCmdGet(f *Factory, runF func(*GetOptions) error) *cobra.Command {
	opts := &GetOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut}
	var at, output, namespace string
	cmd := &cobra.Command{
		Use:   "get pods|deployments|replicasets|events [NAME...] [--at T] [-o wide]",
		Short: "Print kubectl get's table at a virtual time",
		Long: "Run the control plane to virtual time T (playing --script on the way) and print\n" +
			"what `kubectl get` would print then: the same columns, STATUS rules and AGE format.",
		Example: "  podviz get pods --at 30s\n" +
			"  podviz get rs -o wide -f web.yaml --script rollout.yaml --at 2m",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkRemote(cmd, &opts.Remote); err != nil {
				return err
			}
			if opts.Remote.AllNamespaces {
				return usageErrorf("podviz get prints one namespace: give -n (render and the live view take -A)")
			}
			d, err := virtualTimeFlag(cmd.Flags(), "at", at)
			if err != nil {
				return err
			}
			opts.At = d
			g, err := kubectl.NewGetOptions(namespace, args, output)
			if err != nil {
				return kubectlUsage(err)
			}
			opts.Get = g
			if runF != nil {
				return runF(opts)
			}
			return getRun(opts)
		},
	}
	fl := cmd.Flags()
	addClusterFlags(fl, &opts.Cluster)
	addRemoteFlags(fl, &opts.Remote)
	fl.StringVar(&at, "at", "", atHelp)
	fl.StringVarP(&output, "output", "o", "", "output format: wide")
	fl.StringVarP(&namespace, "namespace", "n", "", "namespace to list (default: default)")
	return cmd
}

// getRun prints the table on Out; "No resources found" and NotFound go to
// ErrOut as kubectl prints them, NotFound with exit 1.
func getRun(opts *GetOptions) error {
	src, ns, done, stepsFailed, err := openSource(&opts.Remote, opts.Get.Namespace, &opts.Cluster, opts.In, opts.ErrOut, opts.At)
	if err != nil {
		return err
	}
	defer done()
	get := *opts.Get
	get.Namespace = ns
	snap := src.Snapshot()
	defer writeNotices(opts.ErrOut, snap)
	if note := kubectl.DroppedEventsNote(snap); note != "" && get.Kind == kubectl.KindEvent {
		fmt.Fprintln(opts.ErrOut, note)
	}
	out, err := get.Print(snap)
	if _, werr := io.WriteString(opts.Out, out); werr != nil {
		return werr
	}
	var none *kubectl.NoResourcesError
	switch {
	case errors.As(err, &none):
		fmt.Fprintln(opts.ErrOut, none.Error())
	case err != nil:
		fmt.Fprintln(opts.ErrOut, err.Error())
		return &SilentError{Code: exitInvalid}
	}
	return exitAfter(stepsFailed)
}
