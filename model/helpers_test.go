package model

import "strings"

// The article's two documents, split from the embedded file.
var examplePod, exampleDeployment = func() (string, string) {
	pod, dep, _ := strings.Cut(string(exampleYAML), "---\n")
	return pod, dep
}()
