package main

import (
	"fmt"
	"io"

	"podviz/controller"
)

// writeNotices prints the container model's notices on w (standard
// error), one line each: what podviz did not understand in a container's
// command or image, or bounded, naming the first pod and container that
// raised it. They are podviz's words, not the cluster's, so they stay out
// of the command's output (a table, a diagram, events) and are never
// dropped silently: the ones past the model's bound are counted.
func writeNotices(w io.Writer, snap *controller.Snapshot) {
	for _, n := range snap.Notices {
		fmt.Fprintln(w, noticeLine(n))
	}
	if d := snap.NoticesDropped; d > 0 {
		fmt.Fprintf(w, "podviz: %d more notices of the container model were not kept\n", d)
	}
}

// noticeLine is one notice: "podviz: pod/web-…-x2x7q container app: sh:
// the command "nc" is not modelled: … (and 2 more pods)".
func noticeLine(n controller.Notice) string {
	s := "podviz: pod/" + n.Pod + " container " + n.Container + ": " + n.Message
	if n.Namespace != "" && n.Namespace != "default" {
		s = "podviz: pod/" + n.Pod + " -n " + n.Namespace + " container " + n.Container + ": " + n.Message
	}
	switch {
	case n.Pods == 2:
		s += " (and 1 more pod)"
	case n.Pods > 2:
		s += fmt.Sprintf(" (and %d more pods)", n.Pods-1)
	}
	return s
}
