package main

import (
	"strings"

	"github.com/spf13/cobra"
)

// isCobraUsageError recognises the errors cobra itself raises for a wrong
// command line (unknown command, bad argument count), which it does not type.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires ", "invalid argument", "flag needs an argument", "required flag"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

// commandPathFor names the subcommand the user was running, for the
// "See 'podviz get --help'" hint.
func commandPathFor(root *cobra.Command, args []string) string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == nil {
		return root.CommandPath()
	}
	return cmd.CommandPath()
}
