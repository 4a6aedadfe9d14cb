package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// NewCmdVersion builds `podviz version`, which prints "podviz <version>":
// the module version `go install podviz@vX` records, or "dev" for a build
// from a working tree.
func NewCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the podviz version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(f.Out, "podviz %s\n", buildVersion(debug.ReadBuildInfo))
			return nil
		},
	}
}

// buildVersion reads the main module's version from the build info; go
// build in a checkout reports "(devel)", which says nothing to a user.
func buildVersion(read func() (*debug.BuildInfo, bool)) string {
	info, ok := read()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "dev"
	}
	return info.Main.Version
}
