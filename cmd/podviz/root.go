package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"podviz/termsafe"
)

// Exit codes, as kubectl users expect them from a validator.
const (
	exitOK      = 0
	exitInvalid = 1 // the input (manifests, script) was read but is wrong
	exitUsage   = 2 // the command line itself is wrong
)

// Factory holds what every subcommand needs from the outside world, so tests
// can hand in buffers instead of a terminal (gh's cmdutil.Factory habit).
//
// run gives the commands a Factory whose Out and ErrOut escape everything a
// terminal would act on (termsafe.Writer): no message, table or error can
// forget to. Only the live view and coloured render write to Terminal, the
// raw standard output, because they draw with escape sequences themselves.
type Factory struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTerminal reports whether Out is a terminal; the TUI refuses to start
	// without one.
	IsTerminal bool
	// Terminal is the raw standard output (nil: Out).
	Terminal io.Writer
}

// terminal is where escape sequences podviz drew itself may go.
func (f *Factory) terminal() io.Writer {
	if f.Terminal != nil {
		return f.Terminal
	}
	return f.Out
}

// safe returns a copy of f whose Out and ErrOut escape what may not reach a
// terminal and remember their first write error.
func (f *Factory) safe() (*Factory, *termsafe.Writer, *termsafe.Writer) {
	out, errOut := termsafe.NewWriter(f.Out), termsafe.NewWriter(f.ErrOut)
	return &Factory{In: f.In, Out: out, ErrOut: errOut, IsTerminal: f.IsTerminal, Terminal: f.terminal()}, out, errOut
}

func newSystemFactory() *Factory {
	return &Factory{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, IsTerminal: isTerminal(os.Stdout)}
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// UsageError marks a wrong command line: only these print the usage text and
// exit 2. Everything else is an input error and exits 1.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// SilentError is returned when the command already printed what went wrong
// and only the exit code remains to be set.
type SilentError struct{ Code int }

func (e *SilentError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// NewCmdRoot builds the whole command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "podviz",
		Short: "See what Kubernetes does with Pods and Deployments",
		Long: "podviz runs a small Kubernetes control plane inside the process, on a virtual clock,\n" +
			"and draws Deployments, ReplicaSets, Pods and containers as they change.\n" +
			"With no -f it shows the article example: the Pod example-pod and the\n" +
			"Deployment example-deployment (3 replicas of nginx:latest).",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
	}
	root.RunE = addLiveFlags(f, root, nil) // live.go: the TUI and its flags
	root.SetIn(f.In)
	root.SetOut(f.Out)
	root.SetErr(f.ErrOut)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		// A flag error quotes what was typed (unknown flag: --x): keep it on
		// one line, whatever the flag held.
		return &UsageError{Err: errors.New(termsafe.Line(err.Error()))}
	})
	root.AddCommand(
		// Subcommands register here, one line each.
		NewCmdValidate(f, nil),
		NewCmdVersion(f),
		NewCmdGet(f, nil),
		NewCmdEvents(f, nil),
		NewCmdRollout(f, nil),
		NewCmdRender(f, nil),
		NewCmdExamples(f, nil),
		NewCmdPlay(f, nil),
		NewCmdRecord(f, nil),
		NewCmdTour(f, nil),
	)
	return root
}

// run executes the command line and maps errors to exit codes. Output
// that could not be written (a full disk, a closed pipe) is an error too:
// a command whose output is lost must not exit 0.
func run(args []string, f *Factory) int {
	f, out, errOut := f.safe()
	code := execute(args, f, out)
	if err := out.Err(); err != nil {
		fmt.Fprintf(f.ErrOut, "error: writing standard output: %v\n", err)
		code = max(code, exitInvalid)
	}
	if errOut.Err() != nil {
		code = max(code, exitInvalid) // nowhere left to say so
	}
	return code
}

func execute(args []string, f *Factory, out *termsafe.Writer) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var silent *SilentError
	if errors.As(err, &silent) {
		return silent.Code
	}
	if out.Err() != nil && errors.Is(err, out.Err()) {
		return exitInvalid // run says so, once
	}
	fmt.Fprintln(f.ErrOut, "error:", err)
	var usage *UsageError
	if errors.As(err, &usage) || isCobraUsageError(err) {
		fmt.Fprintf(f.ErrOut, "See '%s --help' for usage.\n", termsafe.Line(commandPathFor(root, args)))
		return exitUsage
	}
	return exitInvalid
}
