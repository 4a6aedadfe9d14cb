package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestLiveFlags_NoHints: --no-hints reaches the live view's options; the
// key bar is on by default.
func TestLiveFlags_NoHints(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want bool
	}{
		{"the key bar by default", nil, false},
		{"--no-hints hides it", []string{"--no-hints"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got *LiveOptions
			f := &Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
			cmd := &cobra.Command{Use: "podviz", SilenceUsage: true, SilenceErrors: true}
			cmd.RunE = addLiveFlags(f, cmd, func(o *LiveOptions) error { got = o; return nil })
			cmd.SetArgs(tc.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if got == nil || got.NoHints != tc.want {
				t.Fatalf("NoHints = %v, want %v", got != nil && got.NoHints, tc.want)
			}
		})
	}
}
