// Command podviz runs a small Kubernetes control plane in-process and shows
// what it does with Pods and Deployments, live in the terminal or headless.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], newSystemFactory()))
}
