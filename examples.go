// Package podviz holds what the podviz binary carries from testdata/: the
// built-in examples (manifests in testdata/examples/) and scenarios (scripts
// in testdata/scripts/ that tell a story on one of the examples). It lives at
// the module root because go:embed only reaches files below the embedding
// package's directory, and these files are also fixtures for the tests and
// the files a reader opens in the repository.
package podviz

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
)

//go:embed testdata/examples/*.yaml
var examples embed.FS

// DefaultExample is the example loaded when no manifests are named: the
// article's Pod and Deployment.
const DefaultExample = "article"

// Example is one built-in example: a set of manifests, or a scenario (a
// script played on another example's manifests).
type Example struct {
	// Name is what --example takes.
	Name string
	// Summary says in one line what it shows or teaches.
	Summary string
	// Manifests is the example whose manifests it loads (itself for a
	// manifest example).
	Manifests string
	// Script is the scenario's script file under testdata/scripts/, ""
	// for a manifest example.
	Script string
}

// Scenario reports whether the example plays a script.
func (e Example) Scenario() bool { return e.Script != "" }

// catalogue is every built-in example, manifests first, then scenarios in
// the order a lesson would take them.
var catalogue = []Example{
	{Name: "article", Manifests: "article", Summary: "the article's Pod example-pod and Deployment example-deployment (3 × nginx:latest); the default"},
}

// Examples returns the catalogue, manifests examples first.
func Examples() []Example { return append([]Example(nil), catalogue...) }

// LookupExample finds an example or scenario by name.
func LookupExample(name string) (Example, error) {
	for _, e := range catalogue {
		if e.Name == name {
			return e, nil
		}
	}
	return Example{}, fmt.Errorf("no example %q (podviz examples lists them)", name)
}

// ExampleManifests returns the manifests of the named manifest example,
// byte for byte as testdata/examples/NAME.yaml.
func ExampleManifests(name string) ([]byte, error) {
	return fs.ReadFile(examples, path.Join("testdata/examples", name+".yaml"))
}
