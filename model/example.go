package model

import (
	"fmt"

	"podviz"
)

// exampleYAML is the article's two manifests, byte for byte as
// ../shared/ARTICLE.md gives them: the Pod example-pod and the Deployment
// example-deployment (3 replicas of nginx:latest, port 80, app: nginx).
// The file is testdata/examples/article.yaml, embedded by package podviz.
var exampleYAML = mustExample(podviz.DefaultExample)

func mustExample(name string) []byte {
	data, err := podviz.ExampleManifests(name)
	if err != nil {
		panic(fmt.Sprintf("the embedded example %q is missing: %v", name, err))
	}
	return data
}

// ExampleName is how the embedded example is named in messages.
const ExampleName = "<embedded example>"

// ExampleYAML returns a copy of the embedded example manifests.
func ExampleYAML() []byte {
	return append([]byte(nil), exampleYAML...)
}

// LoadDefault returns the embedded article example (example-pod and
// example-deployment), decoded, defaulted and validated like any manifest:
// what podviz shows when no -f is given.
func LoadDefault() (*Objects, error) {
	return Parse(ExampleName, exampleYAML, nil)
}
