// Package headless runs podviz's headless commands (get, render, events,
// rollout status|history) with --kubeconfig against the real control
// plane of ../cluster, and compares their output with goldens, the
// wall-clock ages and generated pod names replaced by stable words.
package headless
