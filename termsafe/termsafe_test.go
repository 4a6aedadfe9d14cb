package termsafe

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"
)

func TestLine_Escapes(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text is unchanged", "deployment.apps/web scaled", "deployment.apps/web scaled"},
		{"Unicode is unchanged", "│ Pod ● Ready — 10.244.0.2 …", "│ Pod ● Ready — 10.244.0.2 …"},
		{"OSC 52 (clipboard) is escaped", "--\x1b]52;c;cHduZWQx\a", `--\x1b]52;c;cHduZWQx\a`},
		{"CSI colour is escaped", "-\x1b[31mx", `-\x1b[31mx`},
		{"newline and tab are escaped on one line", "a\nb\tc", `a\nb\tc`},
		{"carriage return is escaped", "row\rfake", `row\rfake`},
		{"DEL is escaped", "a\x7fb", `a\x7fb`},
		{"C1 CSI as a rune is escaped", "a\u009b31m", `a\u009b31m`},
		{"an invalid byte is escaped", "a\x9b31m", `a\x9b31m`},
		{"a bidi override is escaped", "safe\u202etxt.exe", `safe\u202etxt.exe`},
		{"U+FFFD itself is harmless", "a\ufffdb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestText_KeepsNewlinesAndTabs(t *testing.T) {
	if got, want := Text("a\nb\tc\x1b[2J"), "a\nb\tc\\x1b[2J"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestWriter_EscapesAndReportsLength(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	in := []byte("error: unknown flag: --\x1b]0;pwned\a\n")
	n, err := w.Write(in)
	if err != nil || n != len(in) {
		t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(in))
	}
	if got, want := out.String(), "error: unknown flag: --\\x1b]0;pwned\\a\n"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}

func TestColorWriter_PassesOnlySGR(t *testing.T) {
	var out bytes.Buffer
	w := NewColorWriter(&out)
	w.Write([]byte("\x1b[1;38;2;10;20;30mbold\x1b[m \x1b]52;c;eA==\a \x1b[2J"))
	want := "\x1b[1;38;2;10;20;30mbold\x1b[m \\x1b]52;c;eA==\\a \\x1b[2J"
	if out.String() != want {
		t.Errorf("wrote %q, want %q", out.String(), want)
	}
}

type failingWriter struct{ calls int }

func (f *failingWriter) Write(p []byte) (int, error) {
	f.calls++
	return 0, errors.New("no space left on device")
}

func TestWriter_RemembersTheFirstError(t *testing.T) {
	fw := &failingWriter{}
	w := NewWriter(fw)
	if _, err := w.Write([]byte("a\n")); err == nil {
		t.Fatal("first write: no error")
	}
	if _, err := w.Write([]byte("b\n")); err == nil {
		t.Fatal("second write: no error")
	}
	if w.Err() == nil || fw.calls != 1 {
		t.Errorf("Err() = %v after %d calls; want the first error and no second call", w.Err(), fw.calls)
	}
}

// assertTerminalSafe fails when out holds anything a terminal would act
// on: a C0 byte other than newline and tab, DEL, a C1 rune, a bidi
// control, or invalid UTF-8.
func assertTerminalSafe(t *testing.T, out []byte) {
	t.Helper()
	if !utf8.Valid(out) {
		t.Fatalf("output is not valid UTF-8: %q", out)
	}
	for _, r := range string(out) {
		if !Safe(r, true) {
			t.Fatalf("output holds %U: %q", r, out)
		}
	}
}

func FuzzWriter(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]52;c;x\a", "\x1b[31mred\x1b[0m", "\x9b2J", "\u202e", "a\r\nb", "\xff\xfe", "─│╭"} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, p []byte, color bool) {
		var out bytes.Buffer
		var w *Writer
		if color {
			w = NewColorWriter(&out)
		} else {
			w = NewWriter(&out)
		}
		if n, err := w.Write(p); n != len(p) || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
		got := out.Bytes()
		if color {
			// Only whole SGR sequences may carry an ESC through.
			got = stripSGR(got)
		}
		assertTerminalSafe(t, got)
		if IsSafe(string(p), true) && !color && !bytes.Equal(out.Bytes(), p) {
			t.Fatalf("safe input changed: %q -> %q", p, out.Bytes())
		}
		if l := Line(string(p)); !IsSafe(l, false) {
			t.Fatalf("Line left something unsafe: %q", l)
		}
	})
}

func stripSGR(p []byte) []byte {
	var out []byte
	for i := 0; i < len(p); {
		if n := sgrLen(p[i:]); n > 0 {
			i += n
			continue
		}
		out = append(out, p[i])
		i++
	}
	return out
}
