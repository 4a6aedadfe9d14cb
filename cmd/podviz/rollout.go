package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"podviz/controller/kubectl"
)

// RolloutOptions is what `podviz rollout status|history` needs.
type RolloutOptions struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	Cluster ClusterFlags
	Remote  RemoteFlags
	At      time.Duration
	// Action is the kubectl rollout status or history command to run at At.
	Action kubectl.Action
}

// NewCmdRollout builds `podviz rollout` with its status and history
// sub-commands. runF replaces rolloutRun in tests.
func NewCmdRollout(f *Factory, runF func(*RolloutOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rollout status|history deployment/NAME [--at T]",
		Short: "Print kubectl rollout status or history at a virtual time",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newCmdRolloutStatus(f, runF), newCmdRolloutHistory(f, runF))
	return cmd
}

func newCmdRolloutStatus(f *Factory, runF func(*RolloutOptions) error) *cobra.Command {
	opts := &RolloutOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut}
	var at, namespace string
	var revision int64
	cmd := &cobra.Command{
		Use:   "status deployment/NAME [--at T] [--revision N]",
		Short: "Print what `kubectl rollout status --watch=false` prints at a virtual time",
		Long: "Run the control plane to virtual time T and print the rollout's status line.\n" +
			"Exits 1 with kubectl's error when the deployment exceeded its progress deadline.",
		Example: "  podviz rollout status deployment/example-deployment --at 10s",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkRemote(cmd, &opts.Remote); err != nil {
				return err
			}
			d, err := virtualTimeFlag(cmd.Flags(), "at", at)
			if err != nil {
				return err
			}
			name, err := kubectl.DeploymentArg("status", args)
			if err != nil {
				return kubectlUsage(err)
			}
			if revision < 0 {
				return usageErrorf("revision must be a positive integer: %v", revision)
			}
			opts.At = d
			opts.Action = &kubectl.RolloutStatusOptions{Namespace: namespace, Name: name, Revision: revision}
			if runF != nil {
				return runF(opts)
			}
			return rolloutRun(opts)
		},
	}
	fl := cmd.Flags()
	addClusterFlags(fl, &opts.Cluster)
	addRolloutRemoteFlags(fl, &opts.Remote)
	fl.StringVar(&at, "at", "", atHelp)
	fl.Int64Var(&revision, "revision", 0, "pin to a revision (0: the latest)")
	fl.StringVarP(&namespace, "namespace", "n", "", "the deployment's namespace (default: default)")
	return cmd
}

func newCmdRolloutHistory(f *Factory, runF func(*RolloutOptions) error) *cobra.Command {
	opts := &RolloutOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut}
	var at, namespace string
	var revision int64
	cmd := &cobra.Command{
		Use:     "history deployment/NAME [--at T] [--revision N]",
		Short:   "Print what `kubectl rollout history` prints at a virtual time",
		Example: "  podviz rollout history deployment/web -f web.yaml --script rollout.yaml --at 2m --revision 2",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkRemote(cmd, &opts.Remote); err != nil {
				return err
			}
			d, err := virtualTimeFlag(cmd.Flags(), "at", at)
			if err != nil {
				return err
			}
			name, err := kubectl.DeploymentArg("history", args)
			if err != nil {
				return kubectlUsage(err)
			}
			if revision < 0 {
				return usageErrorf("revision must be a positive integer: %v", revision)
			}
			opts.At = d
			opts.Action = &kubectl.RolloutHistoryOptions{Namespace: namespace, Name: name, Revision: revision}
			if runF != nil {
				return runF(opts)
			}
			return rolloutRun(opts)
		},
	}
	fl := cmd.Flags()
	addClusterFlags(fl, &opts.Cluster)
	addRolloutRemoteFlags(fl, &opts.Remote)
	fl.StringVar(&at, "at", "", atHelp)
	fl.Int64Var(&revision, "revision", 0, "show one revision's pod template")
	fl.StringVarP(&namespace, "namespace", "n", "", "the deployment's namespace (default: default)")
	return cmd
}

// rolloutRun prints the command's output; its error (NotFound, progress
// deadline exceeded) goes to ErrOut with exit 1, as kubectl exits.
func rolloutRun(opts *RolloutOptions) error {
	src, _, done, stepsFailed, err := openSource(&opts.Remote, rolloutNamespace(opts.Action), &opts.Cluster, opts.In, opts.ErrOut, opts.At)
	if err != nil {
		return err
	}
	defer done()
	defer writeNotices(opts.ErrOut, src.Snapshot())
	out, err := rolloutOn(src, opts.Action)
	if _, werr := io.WriteString(opts.Out, out); werr != nil {
		return werr
	}
	if err != nil {
		fmt.Fprintln(opts.ErrOut, err.Error())
		return &SilentError{Code: exitInvalid}
	}
	return exitAfter(stepsFailed)
}
