package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"podviz"
	"podviz/controller/script"
	"podviz/model"
)

// ExamplesOptions is what `podviz examples` needs.
type ExamplesOptions struct {
	Out io.Writer
	// Name, when given, is the example whose YAML to print.
	Name string
}

// NewCmdExamples builds `podviz examples`. runF replaces examplesRun in tests.
func NewCmdExamples(f *Factory, runF func(*ExamplesOptions) error) *cobra.Command {
	opts := &ExamplesOptions{Out: f.Out}
	cmd := &cobra.Command{
		Use:   "examples [NAME]",
		Short: "List the built-in examples and scenarios, or print one",
		Long: "List the examples built into podviz: sets of manifests, and scenarios (scripts\n" +
			"that tell a small story with kubectl commands on one of them). --example NAME\n" +
			"loads one in any command; with NAME, this prints its YAML, to read or to edit.",
		Example: "  podviz examples\n" +
			"  podviz --example self-healing\n" +
			"  podviz examples recreate-web > web.yaml",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if _, err := podviz.LookupExample(args[0]); err != nil {
					return &UsageError{Err: err}
				}
				opts.Name = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return examplesRun(opts)
		},
	}
	return cmd
}

func examplesRun(opts *ExamplesOptions) error {
	if opts.Name != "" {
		e, err := podviz.LookupExample(opts.Name)
		if err != nil {
			return err
		}
		data, err := exampleSource(e)
		if err != nil {
			return err
		}
		_, err = opts.Out.Write(data)
		return err
	}
	tw := tabwriter.NewWriter(opts.Out, 0, 8, 3, ' ', 0)
	fmt.Fprintln(tw, "EXAMPLE\tWHAT")
	for _, e := range podviz.Examples() {
		if !e.Scenario() {
			fmt.Fprintf(tw, "%s\t%s\n", e.Name, e.Summary)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(opts.Out)
	tw = tabwriter.NewWriter(opts.Out, 0, 8, 3, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tON\tWHAT IT TEACHES")
	for _, e := range podviz.Examples() {
		if e.Scenario() {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", e.Name, e.Manifests, e.Summary)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(opts.Out, "\npodviz --example NAME plays one (a scenario plays its script on its example);\n"+
		"podviz examples NAME prints its YAML.")
	return err
}

// exampleSource is an example's YAML: the manifests, or a scenario's script.
func exampleSource(e podviz.Example) ([]byte, error) {
	if e.Scenario() {
		return podviz.ScenarioScript(e.Script)
	}
	return podviz.ExampleManifests(e.Manifests)
}

// exampleSourceName names an example's manifests in messages; the default
// keeps the name it always had.
func exampleSourceName(name string) string {
	if name == "" {
		return model.ExampleName
	}
	return "<example " + name + ">"
}

// loadManifests loads what a command shows: the -f files, or the named
// example's manifests, or without either the article's. The two are
// exclusive: an example is a set of manifests, and mixing it with files
// would make duplicate names a surprise (`podviz examples NAME > f.yaml`
// gives the example as a file to combine).
func loadManifests(filenames []string, example string, in io.Reader, errOut io.Writer) (*model.Objects, error) {
	if example != "" && len(filenames) > 0 {
		return nil, usageErrorf("--example and -f cannot be combined (podviz examples %s > f.yaml gives the example as a file)", example)
	}
	if len(filenames) > 0 {
		return model.Load(filenames, in, errOut)
	}
	if example == "" {
		return model.LoadDefault()
	}
	e, err := podviz.LookupExample(example)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	data, err := podviz.ExampleManifests(e.Manifests)
	if err != nil {
		return nil, err
	}
	return model.Parse(exampleSourceName(example), data, errOut)
}

// exampleScript is the script a scenario plays, parsed; ok is false when
// the example is not a scenario. With --script too it is a usage error:
// one script plays at a time.
func exampleScript(cf *ClusterFlags) (s script.Script, ok bool, err error) {
	if cf.Example == "" {
		return s, false, nil
	}
	e, err := podviz.LookupExample(cf.Example)
	if err != nil || !e.Scenario() {
		return s, false, nil // loadManifests reports an unknown name
	}
	if cf.Script != "" {
		return s, false, usageErrorf("--example %s plays its own script; drop --script, or use --example %s with your script", e.Name, e.Manifests)
	}
	data, err := podviz.ScenarioScript(e.Script)
	if err != nil {
		return s, false, err
	}
	s, err = script.Parse("<example "+e.Name+">", data)
	return s, err == nil, err
}

// isScenario reports whether name is a built-in scenario (an example that
// plays a script).
func isScenario(name string) bool {
	e, err := podviz.LookupExample(name)
	return err == nil && e.Scenario()
}
