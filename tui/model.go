package tui

import (
	"io"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"podviz/controller"
	"podviz/controller/script"
	"podviz/tui/diagram"
)

// Options configure the live view.
type Options struct {
	ASCII bool
	Color bool
	// Speed is virtual seconds per real second (1 when zero).
	Speed float64
	// Paused starts with the virtual clock stopped.
	Paused bool
	// Script is played as the virtual clock runs (script.Player): its
	// captions are shown, its commands run as numbered actions.
	Script script.Script
	// Reserve keeps room in the diagram for replicas the script will
	// reach, so boxes do not move while it plays.
	Reserve diagram.Reserve
	// Exit quits by itself once the script is done (or the screen settled),
	// for a recorded demo that ends on a plain Wait.
	Exit ExitRule
	// Tour plays the script as a lesson, stop by stop (tour.go); nil for
	// the plain live view.
	Tour *TourOptions
	// Transcript, when set, receives every action as a kubectl command line
	// after a comment with its time: the body of a shell script that
	// replays the session on a real cluster (cmd/podviz writes its start).
	Transcript io.Writer
	// NoHints hides the key bar (for recorded demos, where it is noise);
	// ? and q still work.
	NoHints bool
	// FrameLimit draws at most one frame per frame interval while keys
	// arrive faster than that (a key storm, a held key, a plain paste): the
	// keys are all handled, the frames in between are skipped, and the last
	// state is drawn one frame later. The live program sets it; tests leave
	// it off to see every frame.
	FrameLimit bool
}

// pane is what the main area shows.
type pane int

const (
	paneDiagram pane = iota
	paneTable
	paneHelp
	paneDifferences
)

// Model is the root model: it owns the cluster and everything on screen.
type Model struct {
	c    *controller.Cluster
	opts Options
	snap *controller.Snapshot

	keys   KeyMap
	styles Styles
	vp     viewport.Model
	cache  *diagram.Cache
	// light: the terminal reported a light background (the palette follows;
	// until it says so, the dark one is used).
	light bool

	width, height int
	pane          pane
	// container is the container last chosen with ↑/↓ in the image or
	// pick prompt: c and f start from it in a pod that has it.
	container string
	// moreEvents: e asked for the event log to take a third of the screen;
	// otherwise it takes only the rows the diagram leaves free.
	moreEvents bool

	// The virtual clock: running unless paused with space; ticking while a
	// tick chain is alive (only while something will change).
	running  bool
	speed    float64
	tickID   int
	ticking  bool
	lastTick time.Time
	// play is the script being played, nil without one; tour its lesson
	// state when played as a tour.
	play *scriptRun
	tour *tourState
	// settled is script.Settled of the snapshot: nothing will happen
	// unless someone acts (the [idle] marker, with no script step to come).
	settled bool
	// exit: a quit is scheduled (exitID ties the timer to it).
	exitPending bool
	exitID      int

	selected string       // UID of the selected object
	selList  []selectable // selectables(snap), computed once per snapshot
	selIndex int          // its index in selectables, to fall back on when it goes
	selSet   map[string]struct{}

	prompt  *prompt
	history []string

	// Status bar: the last action (numbered, so a repeated action still
	// changes the screen) and a note saying why a key did nothing, which
	// the next key clears.
	seq  int
	last actionResult
	note string

	session       session
	transcript    io.Writer
	transcriptErr error

	// Rendered diagram, reused while nothing it shows changed.
	diagramKey  diagramKey
	diagramText string
	places      []diagram.Place // where each object starts in diagramText

	output *outputPane
	// scriptOut is the output of a script's read-only command, shown under
	// the diagram until the script changes the cluster again.
	scriptOut *outputPane
	// picked is each script variable's pod, from its last pick; cueVars the
	// variables the script step being run uses (replayable).
	picked  map[string]string
	cueVars []string

	// The main pane's content and its lines, split once per change.
	content      string
	contentW     int
	contentLines []string
	// The key bar, rendered once per width (the bindings never change).
	keyBarLine string
	keyBarW    int
	// The status bar, rendered once per distinct input.
	statusKey  statusKey
	statusText string

	// Frame limiting (see Options.FrameLimit): when the last frame was
	// drawn, whether this one is skipped, and whether a repaint is due.
	lastFrame time.Time
	lastView  tea.View
	// wallNow is the wall clock frame limiting reads (the only wall time
	// the model reads: frames are paced in real time, the cluster is not);
	// tests fix it so that "a key right after a frame" does not depend on
	// how busy the machine is.
	wallNow        func() time.Time
	skipFrame      bool
	repaintPending bool
	eventsKey      eventsKey
	eventsLines    []string

	quitting bool
}

// repaintMsg draws the frame that frame limiting skipped.
type repaintMsg struct{}

type diagramKey struct {
	snap          *controller.Snapshot
	width, height int
	selected      string
}

// Speed limits for ] and [.
const (
	minSpeed = 0.125
	maxSpeed = 64
)

// New creates the root model on a running cluster.
func New(c *controller.Cluster, opts Options) *Model {
	if opts.Speed <= 0 {
		opts.Speed = 1
	}
	m := &Model{
		c:          c,
		opts:       opts,
		keys:       DefaultKeyMap(),
		styles:     newStyles(opts.Color, opts.ASCII, false),
		vp:         viewport.New(),
		wallNow:    time.Now,
		cache:      diagram.NewCache(),
		running:    !opts.Paused,
		speed:      opts.Speed,
		transcript: opts.Transcript,
		picked:     map[string]string{},
		width:      80,
		height:     24,
	}
	if opts.ASCII {
		m.keys.asciiHelp()
	}
	if len(opts.Script.Steps) > 0 {
		m.play = newScriptRun(opts.Script)
	}
	if opts.Tour != nil && m.play != nil {
		m.tour = newTour(m, *opts.Tour)
	}
	m.vp.SoftWrap = false
	m.vp.KeyMap = viewport.KeyMap{} // the root routes keys; the viewport only scrolls
	m.refresh()
	m.selectDefault()
	return m
}

// Init starts the clock if anything is pending, and with colour asks the
// terminal for its background (the answer, if any, arrives later and only
// switches the palette: nothing waits for it).
func (m *Model) Init() tea.Cmd {
	if m.opts.Color {
		return tea.Batch(m.ensureTicking(), m.checkExit(), tea.RequestBackgroundColor)
	}
	return tea.Batch(m.ensureTicking(), m.checkExit())
}

// Update routes one message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case tickMsg:
		return m, tea.Batch(m.onTick(msg), m.checkExit())
	case exitMsg:
		return m, m.onExit(msg)
	case repaintMsg:
		m.repaintPending, m.skipFrame = false, false
	case tea.KeyPressMsg:
		cmd := m.onKey(msg)
		if !m.quitting {
			cmd = tea.Batch(cmd, m.checkExit())
		}
		return m, m.limitFrames(cmd)
	case tea.PasteMsg:
		return m, m.limitFrames(m.onPaste(msg.Content))
	case tea.BackgroundColorMsg:
		m.setLight(!msg.IsDark())
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			m.vp.ScrollUp(3)
		} else if msg.Button == tea.MouseWheelDown {
			m.vp.ScrollDown(3)
		}
		return m, m.limitFrames(nil)
	}
	return m, nil
}

// limitFrames skips the frame after an input that came sooner than a frame
// interval after the last frame, and schedules one repaint to draw the
// state the skipped frames would have shown. Under a storm of keys each
// key then costs its Update alone, so a q queued behind thousands of keys
// is reached at once.
func (m *Model) limitFrames(cmd tea.Cmd) tea.Cmd {
	if !m.opts.FrameLimit || m.quitting || m.wallNow().Sub(m.lastFrame) >= frame {
		m.skipFrame = false
		return cmd
	}
	m.skipFrame = true
	if m.repaintPending {
		return cmd
	}
	m.repaintPending = true
	return tea.Batch(cmd, tea.Tick(frame, func(time.Time) tea.Msg { return repaintMsg{} }))
}

// setLight switches the palette to a light (or dark) background and drops
// everything drawn with the other.
func (m *Model) setLight(light bool) {
	if light == m.light {
		return
	}
	m.light = light
	m.styles = newStyles(m.opts.Color, m.opts.ASCII, light)
	m.diagramKey = diagramKey{}
	m.keyBarLine, m.statusText = "", ""
}

// refresh takes a new snapshot after the cluster changed.
func (m *Model) refresh() {
	m.snap = m.c.Snapshot()
	m.settled = script.Settled(m.snap)
	m.session.observe(m.snap)
	m.keepSelection()
}

// Snapshot is the snapshot on screen (for tests).
func (m *Model) Snapshot() *controller.Snapshot { return m.snap }
