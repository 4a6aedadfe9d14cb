package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"podviz/controller"
	"podviz/controller/script"
	"podviz/termsafe"
	"podviz/tui"
)

// RecordOptions is what `podviz record` needs.
type RecordOptions struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	Cluster ClusterFlags
	// Out is the cast file ("-": standard output); Force lets it replace
	// an existing file.
	File  string
	Force bool

	Width, Height int
	Speed         float64
	ASCII         bool
	NoColor       bool
	NoHints       bool
	Reserve       int
	// Until bounds the recording in virtual time (atSettled: until the
	// screen settles after the script, or settleHorizon after its last
	// step); Hold is how long the last frame stays.
	Until time.Duration
	Hold  time.Duration
}

// castFPS is how many times a second of the recording the screen is
// looked at; a frame is written only when it changed. The status bar's
// clock shows tenths of a second.
const castFPS = 10

// A cast is bounded in length and size, whatever the script or --until
// ask for: a step at 23h played at --speed 1 would otherwise film for
// hours and hold every frame in memory. Past either bound the cast stops
// there (the last frame held as usual) and podviz says what was cut.
// Variables only so that tests can lower them.
//
// A look costs in proportion to the pods on screen (drawn and their
// clock advanced), so a large cluster that never settles — 5,000
// crash-looping replicas take 42 s for 2 minutes of cast — is bounded by
// work too: maxCastPodLooks, the sum over the looks of the pods in the
// cluster, about ten minutes of filming. Every bound is counted in looks
// and pods, not wall time, so the same inputs still give the same file.
var (
	maxCastLength   = 30 * time.Minute // of cast time: 18,000 looks at castFPS
	maxCastBytes    = 64 << 20
	maxCastPodLooks = int64(100_000_000)
)

// NewCmdRecord builds `podviz record`. runF replaces recordRun in tests.
func NewCmdRecord(f *Factory, runF func(*RecordOptions) error) *cobra.Command {
	opts := &RecordOptions{In: f.In, Out: f.Out, ErrOut: f.ErrOut}
	var until, hold string
	cmd := &cobra.Command{
		Use:   "record [-f PATH]... [--script S | --example NAME] --out FILE.cast [--width W --height H]",
		Short: "Write an asciinema cast of the live view playing a script, with no terminal",
		Long: "Play a script on the live view without a terminal and write it as an asciinema v2\n" +
			"cast: the screen at every change, timed by the virtual clock (a second of the cast is\n" +
			"--speed virtual seconds), until the status bar shows [idle] after the script's last\n" +
			"step (or --until). The same inputs give the same file, byte for byte. An existing\n" +
			"FILE is refused unless --force, and a file the session reads always. A cast stops\n" +
			"at 30 minutes, 64 MiB or 100,000,000 pod-frames, saying what it left out.",
		Example: "  podviz record --example self-healing --out self-healing.cast\n" +
			"  podviz record --example bad-image-rollback --speed 20 --no-hints --out bad-image.cast\n" +
			"  asciinema play self-healing.cast",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.File == "" {
				return usageErrorf("--out is required: the cast file to write (- for standard output)")
			}
			if opts.Width < 20 || opts.Width > 500 || opts.Height < 10 || opts.Height > 200 {
				return usageErrorf("--width must be from 20 to 500 and --height from 10 to 200, got %dx%d", opts.Width, opts.Height)
			}
			if err := checkViewFlags(opts.Speed, opts.Reserve); err != nil {
				return err
			}
			d, err := virtualTimeFlag(cmd.Flags(), "until", until)
			if err != nil {
				return err
			}
			opts.Until = d
			h, err := time.ParseDuration(hold)
			if err != nil || h < 0 || h > time.Minute {
				return usageErrorf("invalid argument %q for \"--hold\" flag: want a duration from 0s to 1m, such as 2s", hold)
			}
			opts.Hold = h
			if runF != nil {
				return runF(opts)
			}
			return recordRun(opts)
		},
	}
	fl := cmd.Flags()
	addClusterFlags(fl, &opts.Cluster)
	fl.StringVarP(&opts.File, "out", "o", "", "the cast file to write (must not exist unless --force; - for standard output)")
	fl.BoolVar(&opts.Force, "force", false, "replace --out if it exists")
	fl.IntVar(&opts.Width, "width", 80, "terminal width in cells")
	fl.IntVar(&opts.Height, "height", 24, "terminal height in cells")
	fl.Float64Var(&opts.Speed, "speed", 1, "virtual seconds per second of the cast")
	fl.BoolVar(&opts.ASCII, "ascii", false, "draw pure ASCII boxes")
	fl.BoolVar(&opts.NoColor, "no-color", false, "no colour (NO_COLOR is honoured too)")
	fl.BoolVar(&opts.NoHints, "no-hints", false, "hide the key bar")
	fl.IntVar(&opts.Reserve, "reserve", 0, "keep room for N replicas in every Deployment (a script's largest count is kept anyway)")
	fl.StringVar(&until, "until", "", "stop at this virtual time (default: once [idle] shows after the script, or 10m after its last step)")
	fl.StringVar(&hold, "hold", "2s", "how long the last frame stays")
	return cmd
}

// recordRun films the live view and writes the cast.
func recordRun(opts *RecordOptions) (err error) {
	if err := checkCastFile(opts); err != nil {
		return err
	}
	objs, s, err := loadInputs(&opts.Cluster, opts.In, opts.ErrOut)
	if err != nil {
		return err
	}
	// Only now are the script's `apply -f` manifests known.
	if err := refuseInput("--out", opts.File, &opts.Cluster, s); err != nil {
		return err
	}
	reserve, err := scriptReserve(objs, opts.Cluster.Seed, s) // before the cluster: one at a time
	if err != nil {
		return err
	}
	c, err := controller.New(objs, controller.Options{Seed: opts.Cluster.Seed})
	if err != nil {
		return err
	}
	reserve.All = opts.Reserve
	color := !opts.NoColor && os.Getenv("NO_COLOR") == ""
	m := tui.New(c, tui.Options{ASCII: opts.ASCII, Color: color, NoHints: opts.NoHints, Speed: opts.Speed, Script: s, Reserve: reserve})
	m.Update(tea.WindowSizeMsg{Width: opts.Width, Height: opts.Height})

	var cast bytes.Buffer
	cut, err := filmCast(&cast, m, opts, color)
	if err != nil {
		return err
	}
	if cut != "" {
		fmt.Fprintln(opts.ErrOut, "podviz record: "+cut)
	}
	writeNotices(opts.ErrOut, c.Snapshot())
	return writeCast(opts, cast.Bytes())
}

// filmCast writes the cast's header and events: the first frame at 0, then
// every frame that differs from the one before, castFPS looks a second.
// cut says what was left out when the cast reached maxCastLength or
// maxCastBytes first.
func filmCast(w *bytes.Buffer, m *tui.Model, opts *RecordOptions, color bool) (cut string, err error) {
	header, _ := json.Marshal(castHeader{Version: 2, Width: opts.Width, Height: opts.Height, Env: map[string]string{"TERM": "xterm-256color"}})
	w.Write(header)
	io.WriteString(w, "\n")
	profile := colorprofile.TrueColor
	if !color {
		profile = colorprofile.Ascii
	}
	step := time.Second / castFPS
	virtualStep := time.Duration(float64(step) * opts.Speed)
	var last string
	var lastAt time.Duration // since the script's last step, for the default bound
	doneAt := time.Duration(-1)
	var podLooks int64
	for i := 0; ; i++ {
		at := time.Duration(i) * step
		frame := m.Frame()
		if i == 0 || frame != last {
			data, err := castFrame(frame, last, i == 0, profile)
			if err != nil {
				return "", err
			}
			writeEvent(w, at, data)
			last = frame
		}
		lastAt = at
		snap := m.Snapshot()
		elapsed := snap.Elapsed
		podLooks += int64(podCount(snap))
		if m.ScriptDone() && doneAt < 0 {
			doneAt = elapsed
		}
		if cut == "" && (at >= maxCastLength || w.Len() >= maxCastBytes || podLooks >= maxCastPodLooks) {
			what := "the script's later steps are not in it"
			if m.ScriptDone() {
				what = "the cluster had not settled"
			}
			bound := fmt.Sprintf("podviz records at most %s of cast and %d MiB", maxCastLength, maxCastBytes>>20)
			if podLooks >= maxCastPodLooks {
				bound = fmt.Sprintf("podviz films at most %d pod-frames (the pods in the cluster, summed over the frames looked at), and this cluster has %d pods", maxCastPodLooks, podCount(snap))
			}
			cut = fmt.Sprintf("the cast stops at %s (%s of virtual time): %s; %s (raise --speed, or end it sooner with --until)",
				castSeconds(at), elapsed.Round(time.Second/10), bound, what)
		}
		switch {
		case cut != "",
			m.Settled() && m.ScriptDone(),
			m.AtTimeLimit(),
			opts.Until != atSettled && elapsed >= opts.Until,
			opts.Until == atSettled && doneAt >= 0 && elapsed >= doneAt+settleHorizon:
			// The last frame stays Hold, then the cursor comes back.
			writeEvent(w, lastAt+opts.Hold, "\x1b[?25h")
			return cut, nil
		}
		m.Tick(virtualStep)
	}
}

// castHeader is an asciinema v2 header; no timestamp, so the same inputs
// give the same file.
type castHeader struct {
	Version int               `json:"version"`
	Width   int               `json:"width"`
	Height  int               `json:"height"`
	Env     map[string]string `json:"env"`
}

// writeEvent writes one output event: [time, "o", data].
func writeEvent(w io.Writer, at time.Duration, data string) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(data)
	ms := at.Milliseconds()
	fmt.Fprintf(w, "[%d.%03d, \"o\", %s]\n", ms/1000, ms%1000, strings.TrimSuffix(b.String(), "\n"))
}

// castFrame turns a screen into what a terminal is sent to show it. The
// first frame hides the cursor, clears the screen and draws every line;
// later ones redraw only the lines that changed since prev, each from its
// start and erased to its end. Colour is written for profile (none, only
// bold, for --no-color). The result may hold podviz's own escape sequences
// and nothing else (renderedSafe): a cast replays them.
func castFrame(frame, prev string, first bool, profile colorprofile.Profile) (string, error) {
	var b bytes.Buffer
	if first {
		b.WriteString("\x1b[?25l\x1b[2J")
	}
	cw := &colorprofile.Writer{Forward: &b, Profile: profile}
	old := strings.Split(prev, "\n")
	for i, line := range strings.Split(frame, "\n") {
		if !first && i < len(old) && old[i] == line {
			continue
		}
		fmt.Fprintf(&b, "\x1b[%d;1H", i+1)
		cw.Write([]byte(line))
		b.WriteString("\x1b[K")
	}
	out := b.String()
	if err := renderedSafe(out); err != nil {
		return "", err
	}
	return out, nil
}

// renderedSafe checks a frame against termsafe's rule, escape sequences
// aside: the only sequences allowed are those podviz's rendering writes —
// SGR (colour and bold, ESC [ … m), cursor position (ESC [ row ; col H),
// erase line and screen (ESC [ K, ESC [ 2 J) and cursor hide/show
// (ESC [ ? 25 l/h) — and every other character must be one termsafe lets
// through. Anything else means text
// reached the screen unescaped, and the cast is not written.
func renderedSafe(s string) error {
	for i := 0; i < len(s); {
		switch s[i] {
		case '\x1b':
			n := csiLen(s[i:])
			if n == 0 {
				return fmt.Errorf("a frame holds an escape sequence podviz does not write: %s", termsafe.Line(s[i:min(i+12, len(s))]))
			}
			i += n
			continue
		}
		j := i
		for j < len(s) && s[j] != '\x1b' {
			j++
		}
		if !termsafe.IsSafe(s[i:j], false) {
			return fmt.Errorf("a frame holds text a terminal would act on: %s", termsafe.Line(s[i:j]))
		}
		i = j
	}
	return nil
}

// csiLen is the length of an allowed control sequence at the start of s,
// 0 if it is not one.
func csiLen(s string) int {
	for _, fixed := range []string{"\x1b[K", "\x1b[2J", "\x1b[?25l", "\x1b[?25h"} {
		if strings.HasPrefix(s, fixed) {
			return len(fixed)
		}
	}
	if !strings.HasPrefix(s, "\x1b[") {
		return 0
	}
	for i := 2; i < len(s) && i < 64; i++ {
		switch c := s[i]; {
		case c == 'm' || c == 'H':
			return i + 1
		case (c >= '0' && c <= '9') || c == ';' || c == ':':
		default:
			return 0
		}
	}
	return 0
}

// checkCastFile refuses, before anything is played, a cast that would
// replace a file without --force, a directory, or one of the inputs.
func checkCastFile(opts *RecordOptions) error {
	if opts.File == "-" {
		return nil
	}
	st, err := os.Stat(opts.File)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("--out %s: %w", termsafe.Line(opts.File), err)
	}
	if err := refuseInput("--out", opts.File, &opts.Cluster, script.Script{}); err != nil {
		return err
	}
	switch {
	case st.IsDir():
		return usageErrorf("--out %s: is a directory", termsafe.Line(opts.File))
	case st.Mode()&(fs.ModeNamedPipe|fs.ModeSocket) != 0:
		// Opening a FIFO to write waits for a reader, for ever.
		return usageErrorf("--out %s: a named pipe or socket, which podviz would wait on for ever (use --out - and a shell pipe)", termsafe.Line(opts.File))
	case !opts.Force:
		return usageErrorf("--out %s: the file exists; podviz does not overwrite it (add --force to replace it, or name a new file)", termsafe.Line(opts.File))
	}
	return nil
}

// writeCast writes the finished cast: to standard output, or to a file
// created only now (never half-written on a bad input), replaced only with
// --force.
func writeCast(opts *RecordOptions, data []byte) error {
	if opts.File == "-" {
		_, err := opts.Out.Write(data)
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if opts.Force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(opts.File, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return usageErrorf("--out %s: the file exists; podviz does not overwrite it (add --force to replace it, or name a new file)", termsafe.Line(opts.File))
	}
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("--out %s: %w", termsafe.Line(opts.File), err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--out %s: %w", termsafe.Line(opts.File), err)
	}
	fmt.Fprintf(opts.ErrOut, "wrote %s: %s of cast, %d×%d\n", termsafe.Line(opts.File), castLength(data), opts.Width, opts.Height)
	return nil
}

// podCount is the number of pods in snap.
func podCount(snap *controller.Snapshot) int {
	n := len(snap.BarePods)
	for i := range snap.Deployments {
		for j := range snap.Deployments[i].ReplicaSets {
			n += len(snap.Deployments[i].ReplicaSets[j].Pods)
		}
	}
	for i := range snap.ReplicaSets {
		n += len(snap.ReplicaSets[i].Pods)
	}
	return n
}

// castSeconds is a cast time as "12.3s".
func castSeconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + "s"
}

// castLength is the time of a cast's last event, as "12.3s".
func castLength(data []byte) string {
	data = bytes.TrimRight(data, "\n")
	last := data[bytes.LastIndexByte(data, '\n')+1:]
	if i := bytes.IndexByte(last, ','); len(last) > 1 && i > 1 {
		if f, err := strconv.ParseFloat(string(last[1:i]), 64); err == nil {
			return strconv.FormatFloat(f, 'f', 1, 64) + "s"
		}
	}
	return "?"
}
