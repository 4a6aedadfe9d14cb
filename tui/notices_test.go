package tui

import (
	"strings"
	"testing"

	"podviz/controller"
)

// The container model's notices sit above the events, a line each, the
// pod named as the events name it; those that do not fit are counted, on
// a line of their own or, with room for one line, in its prefix; control
// characters in a notice (a user's script) are escaped.
func TestNoticeLines(t *testing.T) {
	snap := &controller.Snapshot{Notices: []controller.Notice{
		{Namespace: "default", Pod: "web-7b66f79494-rqp8q", Container: "app", Message: "sh: a background job (&) is not modelled: the container runs as if it slept forever", Pods: 3},
		{Namespace: "default", Pod: "web-7b66f79494-rqp8q", Container: "spin", Message: "a loop that never sleeps", Pods: 1},
		{Namespace: "default", Pod: "nginx", Container: "x", Message: "sh: the command \"\x1b[31mfoo\" is not modelled", Pods: 1},
	}}
	for _, tc := range []struct {
		name string
		w, n int
		want []string
	}{
		{"narrow, room for all", 80, 3, []string{
			"podviz: po/…-rqp8q app: sh: a background job (&) is not modelled: the container…",
			"podviz: po/…-rqp8q spin: a loop that never sleeps",
			`podviz: po/nginx x: sh: the command "\x1b[31mfoo" is not modelled`,
		}},
		{"wide, room for two", 130, 2, []string{
			"podviz: 2 earlier notes (podviz get pods prints every one on stderr)",
			`podviz: pod/nginx x: sh: the command "\x1b[31mfoo" is not modelled`,
		}},
		{"one line", 80, 1, []string{
			`podviz (2 more notes): po/nginx x: sh: the command "\x1b[31mfoo" is not modelled`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := noticeLines(snap, tc.w, tc.n, "…")
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
	if got := noticeLines(&controller.Snapshot{}, 80, 3, "…"); got != nil {
		t.Errorf("no notices: %q", got)
	}
}
