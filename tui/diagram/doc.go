// Package diagram draws a controller.Snapshot as the article's boxes: a bare
// Pod box holding its containers, and a Deployment box holding one box per
// ReplicaSet, each holding its Pod boxes.
//
// It is pure: Render takes a snapshot, a width and Options and returns text;
// it keeps no state, touches no terminal and never mutates the snapshot. The
// same function feeds the live TUI and `podviz render`.
//
// The code keeps three things apart, as lipgloss's tree and table packages do:
// the glyph sets (glyphs.go: box characters and pod-state symbols, Unicode or
// ASCII, chosen once per Render), the styled text builder (paint.go, text.go)
// and the layout (layout.go: stable slots, boxes flowed into rows), with the
// objects themselves in pod.go, replicaset.go and deployment.go.
package diagram
