package kubectl

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"podviz/controller"
	"podviz/model"
	"podviz/termsafe"
)

// ApplyOptions is `kubectl apply -f FILE...`. Files are read when the action
// runs, as kubectl reads them; relative paths resolve against Base (a
// script's directory), which the canonical command does not show.
type ApplyOptions struct {
	Files []string
	Base  string
}

func applyVerb(fs *pflag.FlagSet, base string) func(string, []string) (Action, error) {
	o := &ApplyOptions{Base: base}
	fs.StringSliceVarP(&o.Files, "filename", "f", nil, "The files that contain the configurations to apply.")
	return func(ns string, args []string) (Action, error) {
		if ns != "" {
			return nil, errors.New("error: podviz's apply takes each object's namespace from its manifest; drop -n")
		}
		if len(args) > 0 {
			return nil, errors.New("error: Unexpected args: [" + termsafe.Line(strings.Join(args, " ")) + "]\nSee 'kubectl apply -h' for help and examples")
		}
		if len(o.Files) == 0 {
			return nil, errors.New("error: must specify one of -f and -k")
		}
		for _, f := range o.Files {
			if f == "" {
				// "-f ,x" holds an empty path; kubectl's builder stats it.
				return nil, errors.New(`error: the path "" does not exist`)
			}
			if f == "-" {
				return nil, errors.New("error: podviz's apply reads files, not stdin")
			}
		}
		return o, nil
	}
}

// Run loads the manifests (strict decode, defaults, validation) and applies
// them; a changed Deployment template starts a rollout.
func (o *ApplyOptions) Run(c *controller.Cluster) (string, error) {
	paths := make([]string, len(o.Files))
	for i, f := range o.Files {
		if o.Base != "" && !filepath.IsAbs(f) {
			f = filepath.Join(o.Base, f)
		}
		paths[i] = f
	}
	// kubectl prints the API server's warnings (and podviz's on the kinds
	// it skips) before what it applied.
	var warn strings.Builder
	objs, err := model.Load(paths, nil, &warn)
	if err != nil {
		return "", kubectlError(err)
	}
	out, err := c.Apply(objs)
	return warn.String() + out, kubectlError(err)
}

func (o *ApplyOptions) String() string {
	words := []string{"apply"}
	for _, f := range o.Files {
		words = append(words, "-f", f)
	}
	return "kubectl " + joinWords(words)
}

func (o *ApplyOptions) ReadOnly() bool { return false }
