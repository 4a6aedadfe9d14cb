package termsafe

import "io"

// Writer escapes everything written through it that may not reach a
// terminal (see Safe), tab and newline kept. It remembers the first error
// of the underlying writer and refuses every write after it, so a command
// can write freely and check Err once at the end (`podviz validate >
// /dev/full` must not exit 0).
//
// Each Write is escaped on its own: a rune split across two writes is
// escaped byte by byte. podviz writes whole lines and tables.
type Writer struct {
	w   io.Writer
	sgr bool
	err error
	buf []byte
}

// NewWriter wraps w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// NewColorWriter wraps w and lets complete SGR sequences through (colour,
// bold, faint: what podviz's own styles emit), for coloured output podviz
// drew itself. Every other escape sequence is escaped.
func NewColorWriter(w io.Writer) *Writer { return &Writer{w: w, sgr: true} }

// Write writes p, escaped. It reports len(p) on success, as io.Writer
// requires, whatever the length of the escaped text.
func (w *Writer) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	out := p
	if !safeBytes(p) {
		w.buf = appendEscaped(w.buf[:0], p, true, w.sgr)
		out = w.buf
	}
	if _, err := w.w.Write(out); err != nil {
		w.err = err
		return 0, err
	}
	return len(p), nil
}

// Err is the first error the underlying writer returned, or nil.
func (w *Writer) Err() error { return w.err }
