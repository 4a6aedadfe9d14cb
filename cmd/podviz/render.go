package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"podviz/controller/script"
	"podviz/tui/diagram"
)

// RenderOptions is what `podviz render` needs.
type RenderOptions struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTerminal: colour is only written to a terminal.
	IsTerminal bool

	Filenames []string
	Script    string
	Seed      int64
	At        time.Duration
	Width     int
	Height    int // 0: no limit
	ASCII     bool
	NoColor   bool
}

// NewCmdRender builds `podviz render`. runF replaces renderRun in tests.
func NewCmdRender(f *Factory, runF func(*RenderOptions) error) *cobra.Command {
	opts := &RenderOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut, IsTerminal: f.IsTerminal}
	var at string
	cmd := &cobra.Command{
		Use:   "render [-f FILENAME]... [--script S] --at T --width W",
		Short: "Print the diagram at a virtual time, without a terminal",
		Long: "Run the control plane to virtual time T (playing --script on the way) and print\n" +
			"the live view's diagram as text: for docs, CI and READMEs.",
		Example: "  podviz render --at 30s --width 100 --ascii\n" +
			"  podviz render -f web.yaml --script rollout.yaml --at 1m --width 140",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("at") {
				return usageErrorf("required flag \"at\" not set")
			}
			d, err := parseVirtualTime(at)
			if err != nil {
				return usageErrorf("--at: %v", err)
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
	fl.StringSliceVarP(&opts.Filenames, "filename", "f", nil, "manifest file, directory of manifests, or - for stdin (repeatable)")
	fl.StringVar(&opts.Script, "script", "", "script of timed kubectl commands to play up to --at")
	fl.Int64Var(&opts.Seed, "seed", 1, "seed for generated names")
	fl.StringVar(&at, "at", "", "virtual time to draw (30s, 2m, or seconds)")
	fl.IntVar(&opts.Width, "width", 80, "width in columns")
	fl.IntVar(&opts.Height, "height", 0, "cut the picture to this many lines (0: all)")
	fl.BoolVar(&opts.ASCII, "ascii", false, "pure ASCII boxes (+--+ |), as the article draws them")
	fl.BoolVar(&opts.NoColor, "no-color", false, "no colour (also when NO_COLOR is set or output is not a terminal)")
	return cmd
}

// renderRun runs the cluster to --at, playing the script's steps at their
// times, and prints the diagram.
func renderRun(opts *RenderOptions) error {
	c, steps, err := buildCluster(opts.In, opts.ErrOut, opts.Filenames, opts.Script, opts.Seed)
	if err != nil {
		return err
	}
	// A failing step does not stop the script (as in a shell script); its
	// error is reported and the picture still drawn.
	if err := script.Play(c, steps, opts.At, nil); err != nil {
		fmt.Fprintln(opts.ErrOut, err)
	}
	color := opts.IsTerminal && !opts.NoColor && os.Getenv("NO_COLOR") == ""
	out := diagram.Render(c.Snapshot(), opts.Width, diagram.Options{ASCII: opts.ASCII, Color: color})
	if opts.Height > 0 {
		lines := strings.Split(out, "\n")
		if len(lines) > opts.Height {
			out = strings.Join(lines[:opts.Height], "\n")
		}
	}
	_, err = fmt.Fprintln(opts.Out, out)
	return err
}
