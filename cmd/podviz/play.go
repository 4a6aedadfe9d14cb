package main

import (
	"io"
	"time"

	"github.com/spf13/cobra"

	"podviz/controller/script"
	"podviz/model"
)

// PlayOptions is what `podviz play` needs.
type PlayOptions struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	Cluster ClusterFlags
	Until   time.Duration
}

// NewCmdPlay builds `podviz play`. runF replaces playRun in tests.
func NewCmdPlay(f *Factory, runF func(*PlayOptions) error) *cobra.Command {
	opts := &PlayOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut}
	var until string
	cmd := &cobra.Command{
		Use:   "play (--script S | --example SCENARIO) [--until T]",
		Short: "Print a script's session: each step as it runs, with what kubectl prints",
		Long: "Play a script headless up to virtual time T (default: until its last step has run)\n" +
			"and print it as a terminal session:\n" +
			"each command after a \"[12.5s] $ \" prompt and what kubectl prints, each caption as\n" +
			"a \"# \" comment, each pick as the shell line that does it on a real cluster and\n" +
			"the pod it named. This is where to see when `after: settled` and `wait:` steps run.",
		Example: "  podviz play --example self-healing --until 1m\n" +
			"  podviz play -f web.yaml --script demo.yaml --until 5m",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := virtualTimeFlag(cmd.Flags(), "until", until)
			if err != nil {
				return err
			}
			opts.Until = d
			if runF != nil {
				return runF(opts)
			}
			return playRun(opts)
		},
	}
	fl := cmd.Flags()
	addClusterFlags(fl, &opts.Cluster)
	fl.StringVar(&until, "until", "", "virtual time to play to: 30s, 2m, or seconds, at most 24h (default: until the script's last step has run)")
	return cmd
}

// playRun prints the session on Out; a step that fails is part of the
// session (kubectl's error after its prompt) and makes the exit 1.
func playRun(opts *PlayOptions) error {
	c, s, err := loadCluster(&opts.Cluster, opts.In, opts.ErrOut)
	if err != nil {
		return err
	}
	if len(s.Steps) == 0 {
		return usageErrorf("nothing to play: give --script, or --example with a scenario (podviz examples lists them)")
	}
	var failed bool
	if opts.Until == atSettled {
		failed = script.PlayAll(c, s, model.MaxVirtualTime, opts.Out) != nil
	} else {
		failed = script.Play(c, s, opts.Until, opts.Out) != nil
	}
	writeNotices(opts.ErrOut, c.Snapshot())
	return exitAfter(failed)
}
