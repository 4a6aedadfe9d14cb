package main

import (
	"github.com/spf13/cobra"

	"podviz"
)

// NewCmdTour builds `podviz tour`: the live view playing a lesson stop by
// stop. runF replaces liveRun in tests.
func NewCmdTour(f *Factory, runF func(*LiveOptions) error) *cobra.Command {
	opts := &LiveOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut, IsTerminal: f.IsTerminal, Terminal: f.terminal(), Tour: true}
	cmd := &cobra.Command{
		Use:   "tour [LESSON]",
		Short: "A guided lesson, live: each stop says something and shows it on the cluster",
		Long: "Play a lesson on the live view one stop at a time. A stop is a step that says or\n" +
			"asks something and the steps below it; the tour waits at the end of each.\n" +
			"→ or space: next stop (or the rest of this one at once); ←: back a stop, replayed\n" +
			"from the start on the virtual clock, so it is exactly as it was; 1-9: answer a\n" +
			"question; q: quit. Every other key works as in the live view. At a question's\n" +
			"answer the clock stops, so the cluster shown is the one the answer speaks of.\n\n" +
			"Without LESSON: " + podviz.DefaultTour + ", the article told live. rolling-update-tutorial\n" +
			"follows the Kubernetes tutorial \"Performing a Rolling Update\" with questions to\n" +
			"answer before each update. Any scenario is a lesson, and so is your own script\n" +
			"(--script, with -f or --example for its manifests).",
		Example: "  podviz tour\n  podviz tour rolling-update-tutorial --ascii\n  podviz tour -f app.yaml --script lesson.yaml",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 1 && (opts.Cluster.Example != "" || opts.Cluster.Script != ""):
				return usageErrorf("a LESSON plays its own manifests and script: drop --example and --script, or the LESSON")
			case len(args) == 1:
				if !isScenario(args[0]) {
					return usageErrorf("no lesson %q: a lesson is a scenario (podviz examples lists them) or --script", args[0])
				}
				opts.Cluster.Example = args[0]
			case opts.Cluster.Script == "" && !isScenario(opts.Cluster.Example):
				if opts.Cluster.Example != "" || len(opts.Cluster.Filenames) > 0 {
					return usageErrorf("those manifests need a lesson to play: --script LESSON.yaml")
				}
				opts.Cluster.Example = podviz.DefaultTour
			}
			if err := checkViewFlags(opts.Speed, opts.Reserve); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return liveRun(opts)
		},
	}
	fl := cmd.Flags()
	addClusterFlags(fl, &opts.Cluster)
	fl.Float64Var(&opts.Speed, "speed", 1, "virtual seconds per real second")
	fl.BoolVar(&opts.ASCII, "ascii", false, "draw pure ASCII boxes (+--+ |)")
	fl.BoolVar(&opts.NoColor, "no-color", false, "no colour (NO_COLOR is honoured too)")
	fl.IntVar(&opts.Reserve, "reserve", 0, "keep room for N replicas in every Deployment (the lesson's largest count is kept anyway)")
	return cmd
}
