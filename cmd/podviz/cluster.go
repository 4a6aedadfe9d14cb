package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"podviz/controller"
	"podviz/controller/script"
	"podviz/model"
)

// defaultSeed seeds generated names when --seed is not given. It is fixed,
// not random, so that two runs of the same command print the same pod names
// (docs and goldens rely on it); `podviz render` uses the same default.
const defaultSeed = 1

// ClusterFlags are the flags every headless command shares: which
// manifests, which script, which seed.
type ClusterFlags struct {
	Filenames []string
	Example   string // examples.go
	Script    string
	Seed      int64
}

// addClusterFlags registers -f/--filename, --example, --script and --seed.
func addClusterFlags(fl *pflag.FlagSet, cf *ClusterFlags) {
	fl.StringSliceVarP(&cf.Filenames, "filename", "f", nil, "manifest file, directory of manifests, or - for stdin (repeatable; default: the article example)")
	fl.StringVar(&cf.Example, "example", "", "a built-in example or scenario instead of -f (podviz examples lists them)")
	fl.StringVar(&cf.Script, "script", "", "script of timed kubectl commands (- at: 5s / run: \"kubectl ...\") to play, or - for stdin")
	fl.Int64Var(&cf.Seed, "seed", defaultSeed, "seed for generated names")
}

// clusterAt loads the manifests (the article example without -f) and the
// script, creates the cluster and runs it to virtual time t, playing the
// script's steps on the way. Bad manifests or a bad script are printed
// kubectl-style on errOut and become exit 1. Steps that fail when they run
// are reported on errOut as kubectl would print them; the command still
// prints its output and then exits 1 (returned as stepsFailed).
//
// t is atSettled for the default: the script's steps all run, then the
// cluster runs until it settles (see settleHorizon).
func clusterAt(cf *ClusterFlags, in io.Reader, errOut io.Writer, t time.Duration) (c *controller.Cluster, stepsFailed bool, err error) {
	return watchClusterAt(cf, in, errOut, t, nil)
}

// watchClusterAt is clusterAt with watch (when not nil) called on every
// event occurrence from the cluster's creation on.
func watchClusterAt(cf *ClusterFlags, in io.Reader, errOut io.Writer, t time.Duration, watch func(controller.Event)) (c *controller.Cluster, stepsFailed bool, err error) {
	c, s, err := loadWatchedCluster(cf, in, errOut, watch)
	if err != nil {
		return nil, false, err
	}
	play := func() error { return script.Play(c, s, t, nil) }
	if t == atSettled {
		// After the last step, which a relative step's `at` cannot tell.
		play = func() error { return script.PlayAll(c, s, model.MaxVirtualTime, nil) }
		defer func() { c.RunUntilSettled(c.Elapsed() + settleHorizon) }()
	}
	if err := play(); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(errOut, line)
		}
		stepsFailed = true
	}
	return c, stepsFailed, nil
}

// loadCluster loads the manifests (the article example without -f) and the
// script and creates the cluster at virtual time 0, without playing the
// script: the live view plays it on screen, clusterAt up to a time. Bad
// manifests are printed kubectl-style on errOut and become exit 1.
func loadCluster(cf *ClusterFlags, in io.Reader, errOut io.Writer) (*controller.Cluster, script.Script, error) {
	return loadWatchedCluster(cf, in, errOut, nil)
}

func loadWatchedCluster(cf *ClusterFlags, in io.Reader, errOut io.Writer, watch func(controller.Event)) (*controller.Cluster, script.Script, error) {
	objs, s, err := loadInputs(cf, in, errOut)
	if err != nil {
		return nil, script.Script{}, err
	}
	c, err := controller.New(objs, controller.Options{Seed: cf.Seed, WatchEvents: watch})
	if err != nil {
		return nil, script.Script{}, err
	}
	return c, s, nil
}

// loadInputs is loadCluster's reading half: the manifests and the script.
func loadInputs(cf *ClusterFlags, in io.Reader, errOut io.Writer) (*model.Objects, script.Script, error) {
	if cf.Script == "-" && slices.Contains(cf.Filenames, "-") {
		return nil, script.Script{}, usageErrorf("-f - and --script - both want standard input, which can be read only once: give one of them a file")
	}
	objs, err := loadManifests(cf.Filenames, cf.Example, in, errOut)
	var loadErr *model.LoadError
	if errors.As(err, &loadErr) {
		fmt.Fprint(errOut, loadErr.Kubectl())
		return nil, script.Script{}, &SilentError{Code: exitInvalid}
	}
	if err != nil {
		return nil, script.Script{}, err
	}
	s, _, err := exampleScript(cf)
	if err != nil {
		return nil, script.Script{}, err
	}
	if cf.Script != "" {
		if s, err = script.Read(cf.Script, in); err != nil {
			return nil, script.Script{}, err
		}
	}
	return objs, s, nil
}

// kubectlUsage turns a kubectl-package error ("error: …") into a usage
// error without the doubled prefix the root would add.
func kubectlUsage(err error) error {
	return &UsageError{Err: errors.New(strings.TrimPrefix(err.Error(), "error: "))}
}

// exitAfter is the error a command returns once its output is written:
// exit 1 when a script step failed.
func exitAfter(stepsFailed bool) error {
	if stepsFailed {
		return &SilentError{Code: exitInvalid}
	}
	return nil
}
