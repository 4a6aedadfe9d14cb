package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"podviz/controller/kubectl"
	"podviz/source"
	"podviz/termsafe"
	"podviz/tui/diagram"
)

// RenderOptions is what `podviz render` needs.
type RenderOptions struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTerminal: colour is only written to a terminal.
	IsTerminal bool
	// Terminal is the raw standard output, for coloured output: only SGR
	// sequences (podviz's own colours) pass to it.
	Terminal io.Writer

	Cluster ClusterFlags
	Remote  RemoteFlags
	// Namespace is -n; Focus the Deployment a positional deployment/NAME
	// names ("" draws everything).
	Namespace string
	Focus     string
	At        time.Duration
	Width     int
	Height    int // 0: no limit
	ASCII     bool
	NoColor   bool
}

// NewCmdRender builds `podviz render`. runF replaces renderRun in tests.
func NewCmdRender(f *Factory, runF func(*RenderOptions) error) *cobra.Command {
	opts := &RenderOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut, IsTerminal: f.IsTerminal, Terminal: f.terminal()}
	var at string
	cmd := &cobra.Command{
		Use:   "render [deployment/NAME] [-f FILENAME]... [--script S] [--at T] [--width W] [--height H]",
		Short: "Print the diagram at a virtual time, without a terminal",
		Long: "Run the control plane to virtual time T (playing --script on the way) and print\n" +
			"the live view's diagram as text: for docs, CI and READMEs. With --height the\n" +
			"diagram is drawn to fit, as the live view does (pod boxes, one line per pod, or\n" +
			"one glyph per pod). A deployment/NAME draws only that Deployment.\n\n" +
			"With --kubeconfig or --context it draws a real cluster as it is now, read\n" +
			"as kubectl reads it (-n, -A, -l as kubectl's).",
		Example: "  podviz render --at 30s --width 100 --ascii\n" +
			"  podviz render -f web.yaml --script rollout.yaml --at 1m --width 80 --height 22\n" +
			"  podviz render deployment/web --context staging -n shop",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkRemote(cmd, &opts.Remote); err != nil {
				return err
			}
			if len(args) == 1 {
				name, err := kubectl.DeploymentArg("render", args)
				if err != nil {
					return kubectlUsage(err)
				}
				opts.Focus = name
			}
			d, err := virtualTimeFlag(cmd.Flags(), "at", at)
			if err != nil {
				return err
			}
			opts.At = d
			if opts.Width < 1 || opts.Width > 10000 {
				return usageErrorf("--width must be between 1 and 10000, got %d", opts.Width)
			}
			if opts.Height < 0 {
				return usageErrorf("--height must not be negative, got %d", opts.Height)
			}
			if runF != nil {
				return runF(opts)
			}
			return renderRun(opts)
		},
	}
	fl := cmd.Flags()
	addClusterFlags(fl, &opts.Cluster)
	addRemoteFlags(fl, &opts.Remote)
	fl.StringVarP(&opts.Namespace, "namespace", "n", "", "the namespace of deployment/NAME; with a real cluster, the namespace to draw (default: the context's)")
	fl.StringVar(&at, "at", "", atHelp)
	fl.IntVar(&opts.Width, "width", 80, "width in columns")
	fl.IntVar(&opts.Height, "height", 0, "fit the picture to this many lines, cutting it if even glyphs do not fit (0: no limit)")
	fl.BoolVar(&opts.ASCII, "ascii", false, "pure ASCII boxes (+--+ |), as the article draws them")
	fl.BoolVar(&opts.NoColor, "no-color", false, "no colour (also when NO_COLOR is set or output is not a terminal)")
	return cmd
}

// renderRun runs the cluster to --at, playing the script's steps at their
// times, and prints the diagram. A failing step is reported on ErrOut as
// kubectl prints it; the picture is still drawn, then the exit is 1 (as
// `podviz get` and `podviz events` do).
func renderRun(opts *RenderOptions) error {
	src, ns, done, stepsFailed, err := openSource(&opts.Remote, opts.Namespace, &opts.Cluster, opts.In, opts.ErrOut, opts.At)
	if err != nil {
		return err
	}
	defer done()
	snap := src.Snapshot()
	if opts.Focus != "" {
		var ok bool
		if snap, ok = source.Focus(snap, cmp.Or(ns, "default"), opts.Focus); !ok {
			fmt.Fprintln(opts.ErrOut, source.NotFound(opts.Focus))
			return &SilentError{Code: exitInvalid}
		}
	}
	defer writeNotices(opts.ErrOut, snap)
	color := opts.IsTerminal && !opts.NoColor && os.Getenv("NO_COLOR") == ""
	out := diagram.Render(snap, opts.Width, diagram.Options{ASCII: opts.ASCII, Color: color, Height: opts.Height})
	if opts.Height > 0 {
		lines := strings.Split(out, "\n")
		if len(lines) > opts.Height {
			out = strings.Join(lines[:opts.Height], "\n")
		}
	}
	w := opts.Out
	if color && opts.Terminal != nil {
		w = termsafe.NewColorWriter(opts.Terminal)
	}
	if _, err := fmt.Fprintln(w, out); err != nil {
		return err
	}
	return exitAfter(stepsFailed)
}
