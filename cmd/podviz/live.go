package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"podviz/controller"
	"podviz/model"
	"podviz/tui"
)

// defaultExitDelay is how long the last screen stays before an exit flag
// given without a value quits.
const defaultExitDelay = "2s"

// exitFlags reads --exit-when-settled and --exit-after-script: at most one,
// the second only with a script, each with a real-time delay (0 to 1h).
func exitFlags(cmd *cobra.Command, settled, script string, cf ClusterFlags) (tui.ExitRule, error) {
	fl := cmd.Flags()
	var rule tui.ExitRule
	var name, value string
	switch {
	case fl.Changed("exit-when-settled") && fl.Changed("exit-after-script"):
		return rule, usageErrorf("--exit-when-settled and --exit-after-script both say when to quit: give one of them")
	case fl.Changed("exit-when-settled"):
		rule.When, name, value = tui.ExitWhenSettled, "exit-when-settled", settled
	case fl.Changed("exit-after-script"):
		if cf.Script == "" && !isScenario(cf.Example) {
			return rule, usageErrorf("--exit-after-script needs a script (--script, or --example with a scenario); without one use --exit-when-settled")
		}
		rule.When, name, value = tui.ExitAfterScript, "exit-after-script", script
	default:
		return rule, nil
	}
	d, err := time.ParseDuration(value)
	if err != nil || d < 0 || d > time.Hour {
		return rule, usageErrorf("invalid argument %q for \"--%s\" flag: want a real-time delay such as 2s or 500ms, from 0s to 1h (write --%s=DELAY)", value, name, name)
	}
	rule.Delay = d
	return rule, nil
}

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
	// Exit quits by itself once settled or once the script is done
	// (--exit-when-settled, --exit-after-script).
	Exit tui.ExitRule
	// Reserve is --reserve: room for at least this many replicas in every
	// Deployment (a script's own largest count is reserved anyway).
	Reserve int
	// Tour plays the script as a lesson, stop by stop (podviz tour).
	Tour bool
	// Transcript is the --transcript (or --transcript-append) file;
	// TranscriptAppend is set for the latter (see transcript.go).
	Transcript       string
	TranscriptAppend bool
	// Remote and Namespace: with --kubeconfig or --context the live view
	// reads a real cluster (livekube.go).
	Remote    RemoteFlags
	Namespace string
	// Write lets the keys act on the real cluster after a confirmation;
	// Yes skips it.
	Write, Yes bool
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
	var exitSettled, exitScript string
	fl.StringVar(&exitSettled, "exit-when-settled", "", "quit DELAY (real time) after the status bar shows [idle]: the script done and nothing more happening (--exit-when-settled=DELAY; default 2s)")
	fl.Lookup("exit-when-settled").NoOptDefVal = defaultExitDelay
	fl.StringVar(&exitScript, "exit-after-script", "", "quit DELAY (real time) after the script's last step has run (--exit-after-script=DELAY; default 2s)")
	fl.Lookup("exit-after-script").NoOptDefVal = defaultExitDelay
	fl.IntVar(&opts.Reserve, "reserve", 0, "keep room for N replicas in every Deployment, so boxes do not move as it scales (a script's largest count is kept anyway)")
	var appendTo string
	fl.StringVar(&opts.Transcript, "transcript", "", "write the session to FILE as a replayable shell script: kubectl apply of the manifests, then every action as a kubectl command (FILE must not exist)")
	fl.StringVar(&appendTo, "transcript-append", "", "like --transcript, but append to FILE when it exists")
	addRemoteFlags(fl, &opts.Remote)
	fl.StringVarP(&opts.Namespace, "namespace", "n", "", "with --kubeconfig or --context: the namespace to draw (default: the context's)")
	fl.BoolVar(&opts.Write, "write", false, "with --kubeconfig or --context: let the keys act on the cluster, each after a confirmation naming the context, namespace and kubectl command")
	fl.BoolVar(&opts.Yes, "yes", false, "with --write: act without asking (for scripted demos)")
	return func(cmd *cobra.Command, args []string) error {
		if err := checkLiveRemote(cmd, &opts.Remote); err != nil || opts.Remote.Remote() {
			if err != nil || runF != nil {
				return err
			}
			return liveKubeRun(opts)
		}
		if cmd.Flags().Changed("transcript-append") {
			if cmd.Flags().Changed("transcript") {
				return usageErrorf("--transcript and --transcript-append both name the transcript: give one of them")
			}
			opts.Transcript, opts.TranscriptAppend = appendTo, true
		}
		if err := checkViewFlags(opts.Speed, opts.Reserve); err != nil {
			return err
		}
		exit, err := exitFlags(cmd, exitSettled, exitScript, opts.Cluster)
		if err != nil {
			return err
		}
		opts.Exit = exit
		if runF != nil {
			return runF(opts)
		}
		return liveRun(opts)
	}
}

// checkViewFlags checks the flags the live view, podviz tour and podviz
// record share, with one message each wherever they are given.
func checkViewFlags(speed float64, reserve int) error {
	if !(speed > 0 && speed <= 1000) { // NaN fails every comparison
		return usageErrorf("--speed must be greater than 0 and at most 1000, got %v", speed)
	}
	if reserve < 0 || reserve > model.MaxPods {
		return usageErrorf("--reserve must be from 0 to %d replicas, got %d", model.MaxPods, reserve)
	}
	return nil
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
	objs, s, err := loadInputs(&opts.Cluster, opts.In, opts.ErrOut)
	if err != nil {
		return err
	}
	// Only now are the script's `apply -f` manifests known.
	if err := refuseInput(transcriptFlag(opts), opts.Transcript, &opts.Cluster, s); err != nil {
		return err
	}
	reserve, err := scriptReserve(objs, opts.Cluster.Seed, s) // before the cluster: one at a time
	if err != nil {
		return err
	}
	cluster, err := controller.New(objs, controller.Options{Seed: opts.Cluster.Seed})
	if err != nil {
		return err
	}
	reserve.All = opts.Reserve
	tuiOpts := tui.Options{ASCII: opts.ASCII, Speed: opts.Speed, Paused: opts.Paused, Script: s, Reserve: reserve, Exit: opts.Exit}
	if opts.Tour {
		if len(s.Steps) == 0 {
			return errors.New("a tour needs a lesson: a script with steps (podviz examples lists the built-in ones)")
		}
		seed := opts.Cluster.Seed
		tuiOpts.Tour = &tui.TourOptions{NewCluster: func() (*controller.Cluster, error) {
			return controller.New(objs, controller.Options{Seed: seed})
		}}
	}
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
