package main

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"podviz/source/kube"
	"podviz/tui/live"
)

// simulationLiveOnly are the live view's flags that drive the simulation
// or its recording; a real cluster is read as it is.
var simulationLiveOnly = []string{"speed", "paused", "exit-when-settled", "exit-after-script", "reserve", "transcript", "transcript-append"}

// checkLiveRemote is checkRemote for the live view, which also has -n
// only for a real cluster, and flags of its own that drive the simulation.
func checkLiveRemote(cmd *cobra.Command, rf *RemoteFlags) error {
	if err := checkRemote(cmd, rf); err != nil {
		return err
	}
	fl := cmd.Flags()
	if !rf.Remote() {
		for _, name := range []string{"namespace", "write"} {
			if fl.Changed(name) {
				return usageErrorf("--%s is for a real cluster: give --kubeconfig or --context too (the simulation's keys always act)", name)
			}
		}
		if fl.Changed("yes") {
			return usageErrorf("--yes answers --write's confirmations: give --write too")
		}
		return nil
	}
	if w, _ := fl.GetBool("write"); !w && fl.Changed("yes") {
		return usageErrorf("--yes answers --write's confirmations: give --write too")
	}
	for _, name := range simulationLiveOnly {
		if fl.Changed(name) {
			return usageErrorf("--%s drives the simulation; --kubeconfig and --context read a real cluster as it is now: give one or the other", name)
		}
	}
	return nil
}

// liveKubeRun draws a real cluster, read-only, until the user quits.
func liveKubeRun(opts *LiveOptions) (err error) {
	if !opts.IsTerminal {
		return errors.New("the live view needs a terminal; for a picture use `podviz render --kubeconfig FILE --width 100`")
	}
	ctx, cancel := context.WithTimeout(context.Background(), remoteTimeout)
	k, err := kube.Open(ctx, kube.Options{Kubeconfig: opts.Remote.Kubeconfig, Context: opts.Remote.Context, Namespace: opts.Namespace,
		AllNamespaces: opts.Remote.AllNamespaces, Selector: opts.Remote.Selector})
	cancel()
	if err != nil {
		fmt.Fprintln(opts.ErrOut, kube.Message(err))
		return &SilentError{Code: exitInvalid}
	}
	defer k.Close()
	t := k.Target()
	m := live.New(k, live.Target{Context: t.Context, Namespace: t.Namespace, Version: k.ServerVersion(), All: t.All, Selector: t.Selector},
		live.Options{ASCII: opts.ASCII, Write: opts.Write, Yes: opts.Yes, Run: k.Run})
	p := tea.NewProgram(m, tea.WithInput(opts.In), tea.WithOutput(opts.Terminal), tea.WithColorProfile(colorprofile.Ascii))
	defer func() {
		if r := recover(); r != nil {
			_ = p.RestoreTerminal()
			err = fmt.Errorf("podviz crashed (terminal restored): %v", r)
		}
	}()
	_, err = p.Run()
	return err
}
