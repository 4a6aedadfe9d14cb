// Package tui is podviz's live view: one Bubble Tea v2 root model that owns
// the cluster, the virtual clock, the selection, the panes and the prompt,
// and routes every key (crush's internal/ui shape). Components are renderers
// the root calls with a size, not nested models; styles live in styles.go,
// keys in keys.go, the layout in layout.go.
//
// The model changes the cluster only in Update, through kubectl actions, so
// every key teaches the command it stands for.
package tui
