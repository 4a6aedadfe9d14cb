package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"podviz/tui"
)

// LiveOptions is what the live view (`podviz` with no subcommand) needs.
type LiveOptions struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTerminal: the live view refuses to start without one.
	IsTerminal bool
	// Terminal is the raw standard output Bubble Tea draws on.
	Terminal io.Writer

	Cluster ClusterFlags
	Speed   float64
	ASCII   bool
	NoColor bool
	NoHints bool
	Paused  bool
	// Transcript is the --transcript (or --transcript-append) file;
	// TranscriptAppend is set for the latter (see transcript.go).
	Transcript       string
	TranscriptAppend bool
}

// addLiveFlags registers the live view's flags on the root command and
// returns the RunE that starts it. runF replaces liveRun in tests.
func addLiveFlags(f *Factory, cmd *cobra.Command, runF func(*LiveOptions) error) func(*cobra.Command, []string) error {
	opts := &LiveOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut, IsTerminal: f.IsTerminal, Terminal: f.terminal()}
	fl := cmd.Flags()
	addClusterFlags(fl, &opts.Cluster)
	fl.Float64Var(&opts.Speed, "speed", 1, "virtual seconds per real second")
	fl.BoolVar(&opts.ASCII, "ascii", false, "draw pure ASCII boxes (+--+ |)")
	fl.BoolVar(&opts.NoColor, "no-color", false, "no colour (NO_COLOR is honoured too)")
	fl.BoolVar(&opts.NoHints, "no-hints", false, "hide the key bar (for recorded demos; ? and q still work)")
	fl.BoolVar(&opts.Paused, "paused", false, "start with the virtual clock paused")
	var appendTo string
	fl.StringVar(&opts.Transcript, "transcript", "", "write the session to FILE as a replayable shell script: kubectl apply of the manifests, then every action as a kubectl command (FILE must not exist)")
	fl.StringVar(&appendTo, "transcript-append", "", "like --transcript, but append to FILE when it exists")
	return func(cmd *cobra.Command, args []string) error {
		if cmd.Flags().Changed("transcript-append") {
			if cmd.Flags().Changed("transcript") {
				return usageErrorf("--transcript and --transcript-append both name the transcript: give one of them")
			}
			opts.Transcript, opts.TranscriptAppend = appendTo, true
		}
		if !(opts.Speed > 0 && opts.Speed <= 1000) { // NaN fails every comparison
			return usageErrorf("--speed must be greater than 0 and at most 1000, got %v", opts.Speed)
		}
		if runF != nil {
			return runF(opts)
		}
		return liveRun(opts)
	}
}

// liveRun builds the cluster and runs the TUI until the user quits. Bubble
// Tea restores the terminal on every exit, a panic included (it recovers,
// restores and returns ErrProgramPanic); the deferred recover here is for a
// panic outside the program's loop.
func liveRun(opts *LiveOptions) (err error) {
	if !opts.IsTerminal {
		return errors.New("the live view needs a terminal; for a picture use `podviz render --at 30s --width 100`")
	}
	if err := checkTranscript(opts); err != nil {
		return err
	}
	cluster, steps, err := loadLive(&opts.Cluster, opts.In, opts.ErrOut)
	if err != nil {
		return err
	}
	tuiOpts := tui.Options{ASCII: opts.ASCII, Speed: opts.Speed, Paused: opts.Paused, Script: steps}
	if opts.Transcript != "" {
		t, terr := openTranscript(opts)
		if terr != nil {
			return terr
		}
		sessionRan := false
		defer func() {
			if cerr := t.Close(sessionRan); cerr != nil && err == nil {
				err = cerr
			}
		}()
		defer func() { sessionRan = err == nil }()
		tuiOpts.Transcript = t
	}
	color := !opts.NoColor && os.Getenv("NO_COLOR") == ""
	tuiOpts.Color = color
	tuiOpts.NoHints = opts.NoHints
	tuiOpts.FrameLimit = true
	m := tui.New(cluster, tuiOpts)
	progOpts := []tea.ProgramOption{tea.WithInput(opts.In), tea.WithOutput(opts.Terminal)}
	if !color {
		progOpts = append(progOpts, tea.WithColorProfile(colorprofile.Ascii))
	}
	p := tea.NewProgram(m, progOpts...)
	defer func() {
		if r := recover(); r != nil {
			_ = p.RestoreTerminal()
			err = fmt.Errorf("podviz crashed (terminal restored): %v", r)
		}
	}()
	if _, err := p.Run(); err != nil {
		if errors.Is(err, tea.ErrProgramPanic) {
			return &SilentError{Code: exitInvalid} // Bubble Tea printed the panic after restoring the terminal
		}
		return err
	}
	return nil
}
