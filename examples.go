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

//go:embed testdata/scripts/self-healing.yaml testdata/scripts/scaling.yaml testdata/scripts/rolling-update.yaml testdata/scripts/bad-image-rollback.yaml testdata/scripts/proportional-scaling.yaml testdata/scripts/crashloop.yaml testdata/scripts/recreate.yaml
//go:embed testdata/scripts/article-tour.yaml testdata/scripts/rolling-update-tutorial.yaml
var scenarios embed.FS

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
	{Name: "crasher", Manifests: "crasher", Summary: "a Deployment whose container exits at once (busybox, sh -c \"exit 1\")"},
	{Name: "recreate-web", Manifests: "recreate-web", Summary: "a Deployment web with strategy Recreate (3 × nginx:1.26)"},
	{Name: "nginx-deployment", Manifests: "nginx-deployment", Summary: "the Kubernetes docs' Deployment: 10 replicas, maxSurge 3, maxUnavailable 2"},
	{Name: "kubernetes-bootcamp", Manifests: "kubernetes-bootcamp", Summary: "the Kubernetes tutorials' app: 4 × kubernetes-bootcamp:v1"},
	{Name: "sidecar", Manifests: "sidecar", Summary: "a Deployment whose pods run nginx beside a native sidecar sharing an emptyDir, with a readiness probe: 2/2"},

	{Name: "self-healing", Manifests: "article", Script: "self-healing.yaml", Summary: "delete a Deployment's pod and the bare Pod: one comes back, one does not"},
	{Name: "scaling", Manifests: "article", Script: "scaling.yaml", Summary: "scale 3 → 10 → 2, and which pods the ReplicaSet deletes first"},
	{Name: "rolling-update", Manifests: "article", Script: "rolling-update.yaml", Summary: "set image: one pod at a time within maxSurge 1 and maxUnavailable 0"},
	{Name: "bad-image-rollback", Manifests: "article", Script: "bad-image-rollback.yaml", Summary: "a tag that does not exist: ImagePullBackOff, a stalled rollout, undo"},
	{Name: "proportional-scaling", Manifests: "nginx-deployment", Script: "proportional-scaling.yaml", Summary: "scale during a stalled rollout: both ReplicaSets grow in proportion"},
	{Name: "crashloop", Manifests: "crasher", Script: "crashloop.yaml", Summary: "a crashing container's back-off doubles: 10s, 20s, 40s …"},
	{Name: "recreate", Manifests: "recreate-web", Script: "recreate.yaml", Summary: "the other strategy: every old pod goes before any new one starts"},

	// Lessons: scenarios written to be played with podviz tour, stop by stop.
	{Name: "article-tour", Manifests: "article", Script: "article-tour.yaml", Summary: "the article, live: Pod, shared IP, a Pod that stays dead, Deployment, self-healing, rollout, rollback"},
	{Name: "rolling-update-tutorial", Manifests: "kubernetes-bootcamp", Script: "rolling-update-tutorial.yaml", Summary: "the tutorial \"Performing a Rolling Update\", with questions to answer before each step"},
}

// DefaultTour is the lesson `podviz tour` plays without a name.
const DefaultTour = "article-tour"

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

// ScenarioScript returns a scenario's script, byte for byte as
// testdata/scripts/FILE.
func ScenarioScript(file string) ([]byte, error) {
	return fs.ReadFile(scenarios, path.Join("testdata/scripts", file))
}
