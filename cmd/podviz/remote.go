package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"podviz/controller/kubectl"
	"podviz/source"
	"podviz/source/kube"
)

// RemoteFlags are kubectl's connection flags: with --kubeconfig or
// --context a command reads a real cluster instead of the simulation.
// -n is each command's own flag (it already names the namespace to print).
type RemoteFlags struct {
	Kubeconfig    string
	Context       string
	AllNamespaces bool
	Selector      string
}

// addRemoteFlags registers --kubeconfig, --context, -A and -l.
func addRemoteFlags(fl *pflag.FlagSet, rf *RemoteFlags) {
	fl.StringVar(&rf.Kubeconfig, "kubeconfig", "", "read the real cluster this kubeconfig file names, instead of the simulation (KUBECONFIG and ~/.kube/config as kubectl reads them with --context)")
	fl.StringVar(&rf.Context, "context", "", "read this kubeconfig context's real cluster, instead of the simulation")
	fl.BoolVarP(&rf.AllNamespaces, "all-namespaces", "A", false, "with --kubeconfig or --context: every namespace")
	fl.StringVarP(&rf.Selector, "selector", "l", "", "with --kubeconfig or --context: only Deployments, ReplicaSets and Pods with these labels (app=web)")
}

// Remote: the command reads a real cluster.
func (rf *RemoteFlags) Remote() bool { return rf.Kubeconfig != "" || rf.Context != "" }

// simulationOnly are the flags that drive the simulation; a real cluster
// is read as it is now.
var simulationOnly = []string{"filename", "example", "script", "seed", "at", "until"}

// checkRemote refuses a command line that mixes a real cluster with the
// simulation's flags, or uses -A or -l without a cluster.
func checkRemote(cmd *cobra.Command, rf *RemoteFlags) error {
	fl := cmd.Flags()
	if !rf.Remote() {
		for _, name := range []string{"all-namespaces", "selector"} {
			if fl.Changed(name) {
				return usageErrorf("--%s reads a real cluster: give --kubeconfig or --context too", name)
			}
		}
		return nil
	}
	for _, name := range simulationOnly {
		if f := fl.Lookup(name); f != nil && f.Changed {
			return usageErrorf("--%s drives the simulation; --kubeconfig and --context read a real cluster as it is now: give one or the other", name)
		}
	}
	if rf.AllNamespaces && fl.Changed("namespace") {
		return usageErrorf("-n and -A name the namespaces twice: give one of them")
	}
	return nil
}

// remoteTimeout bounds a headless command's whole read of a real cluster.
const remoteTimeout = time.Minute

// openSource is where a headless command reads: the real cluster the
// remote flags name, or the simulation run to t (sourceAt). ns is the
// command's -n. It returns the namespace to print when -n was not given
// (the context's; "" for the simulation's default) and a function that
// stops the source's watches. A cluster that cannot be read is said on
// errOut in kubectl's words, and the command exits 1.
func openSource(rf *RemoteFlags, ns string, cf *ClusterFlags, in io.Reader, errOut io.Writer, t time.Duration) (src source.Source, namespace string, done func(), stepsFailed bool, err error) {
	if !rf.Remote() {
		src, stepsFailed, err = sourceAt(cf, in, errOut, t)
		return src, ns, func() {}, stepsFailed, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), remoteTimeout)
	defer cancel()
	k, err := kube.Open(ctx, kube.Options{Kubeconfig: rf.Kubeconfig, Context: rf.Context, Namespace: ns,
		AllNamespaces: rf.AllNamespaces, Selector: rf.Selector})
	if err != nil {
		fmt.Fprintln(errOut, kube.Message(err))
		return nil, "", nil, false, &SilentError{Code: exitInvalid}
	}
	if msg := k.EventsError(); msg != "" {
		fmt.Fprintln(errOut, "Warning: no events:", strings.TrimPrefix(msg, "error: "))
	}
	if ns == "" {
		ns = k.Target().Namespace
	}
	return k, ns, k.Close, false, nil
}

// addRolloutRemoteFlags registers --kubeconfig and --context: a rollout
// names one Deployment, so -A and -l have nothing to choose.
func addRolloutRemoteFlags(fl *pflag.FlagSet, rf *RemoteFlags) {
	fl.StringVar(&rf.Kubeconfig, "kubeconfig", "", "read the real cluster this kubeconfig file names, instead of the simulation")
	fl.StringVar(&rf.Context, "context", "", "read this kubeconfig context's real cluster, instead of the simulation")
}

// rolloutNamespace is the -n of a rollout status or history action.
func rolloutNamespace(a kubectl.Action) string {
	switch a := a.(type) {
	case *kubectl.RolloutStatusOptions:
		return a.Namespace
	case *kubectl.RolloutHistoryOptions:
		return a.Namespace
	}
	return ""
}
