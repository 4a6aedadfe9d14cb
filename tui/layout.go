package tui

// Breakpoints of the layout.
const (
	minEventsHeight = 4  // the events pane's smallest useful size (title + 3 events)
	maxEventsHeight = 12 // and its largest
	chromeHeight    = 2  // status bar + help line
	// wideStatus is the width from which the status bar is one line; below
	// it, it takes two (clock and result, then the command), always — so the
	// panes above do not jump when an action is taken. One line must hold
	// the clock, a full kubectl command and its result (`$ kubectl scale
	// deployment/example-deployment --replicas=5 → deployment.apps/…
	// scaled` is over 120 cells), so the breakpoint sits well above 120.
	wideStatus = 160
)

// rect is an area of the screen, in cells.
type rect struct{ X, Y, W, H int }

// uiLayout names the areas of one frame, top to bottom: the main pane
// (diagram, table, help or differences), the events pane, a script's
// caption, the prompt, the status bar and the help line.
type uiLayout struct {
	Main, Events, Output, Caption, Prompt, Status, Help rect
}

// generateLayout is the one function from a terminal size to areas: events
// is the event log at a third of the height (e), prompt the prompt's lines,
// caption the rows a script's captions want, output the rows a script's
// command output wants (at most half of what is left, so the diagram
// keeps the other half), hints the key bar. Areas never
// overlap and never pass (w, h); the status bar and the key bar come first,
// so a caption never hides them, and a caption takes at most a third of
// what is left. At tiny sizes the main pane shrinks first and may vanish.
// (The event log also takes the main pane's unused rows; View decides that
// once the diagram is drawn.)
func generateLayout(w, h int, events bool, prompt, caption, output int, hints bool) uiLayout {
	w, h = max(w, 0), max(h, 0)
	var l uiLayout
	y := h
	take := func(n int) rect {
		n = min(n, y)
		y -= n
		return rect{0, y, w, n}
	}
	if hints {
		l.Help = take(1)
	}
	if w < wideStatus {
		l.Status = take(2)
	} else {
		l.Status = take(1)
	}
	if prompt > 0 {
		l.Prompt = take(prompt)
	}
	if caption > 0 {
		l.Caption = take(min(caption, max(y/3, 1)))
	}
	if output > 0 {
		l.Output = take(min(output, y/2))
	}
	if events {
		eh := min(max(h/3, minEventsHeight), maxEventsHeight)
		if y-eh < 3 { // keep a few lines of the main pane
			eh = max(y-3, 0)
		}
		l.Events = take(eh)
	}
	l.Main = rect{0, 0, w, y}
	return l
}
