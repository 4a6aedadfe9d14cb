package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"podviz/controller/kubectl"
	"podviz/controller/script"
	"podviz/termsafe"
)

// Every flag that writes a file (--transcript-append, record --out) first
// asks refuseInput whether the file is one the session reads: a manifest
// given with -f (or inside a -f directory), the --script file, or a
// manifest a script step applies. Files are compared by identity
// (os.SameFile), so a symlink, ./a and a, or a hard link are all caught;
// comparing names would let `-f ./web.yaml --transcript-append web.yaml`
// through and leave the user's manifest with a transcript appended.

// sessionInput is one file a session reads, and why, for the message.
type sessionInput struct {
	path string
	what string
}

// sessionInputs lists the files cf and s read. The script's `apply -f`
// paths resolve as the step resolves them when it runs (against the
// script's directory).
func sessionInputs(cf *ClusterFlags, s script.Script) []sessionInput {
	var ins []sessionInput
	for _, f := range cf.Filenames {
		if f == "" || f == "-" {
			continue
		}
		for _, p := range manifestPaths(f) {
			ins = append(ins, sessionInput{p, "a manifest given with -f"})
		}
	}
	if cf.Script != "" && cf.Script != "-" {
		ins = append(ins, sessionInput{cf.Script, "the --script file"})
	}
	for _, st := range s.Steps {
		a, ok := st.Action.(*kubectl.ApplyOptions)
		if !ok {
			continue
		}
		for _, f := range a.Files {
			if a.Base != "" && !filepath.IsAbs(f) {
				f = filepath.Join(a.Base, f)
			}
			for _, p := range manifestPaths(f) {
				ins = append(ins, sessionInput{p, "a manifest the script applies in " + st.Where()})
			}
		}
	}
	return ins
}

// manifestPaths is path, or for a directory the files in it that
// model.Load reads (.yaml, .yml and .json, not recursing), as model.Load
// expands it; a path that cannot be read is returned as is (loading
// reports it).
func manifestPaths(path string) []string {
	st, err := os.Stat(path)
	if err != nil || !st.IsDir() {
		return []string{path}
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return []string{path}
	}
	var out []string
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".yaml", ".yml", ".json":
			out = append(out, filepath.Join(path, e.Name()))
		}
	}
	return out
}

// refuseInput refuses out (named by flag) when it is the same file as one
// of the session's inputs. An out that does not exist yet is no input.
func refuseInput(flag, out string, cf *ClusterFlags, s script.Script) error {
	if out == "" || out == "-" {
		return nil
	}
	ost, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", flag, termsafe.Line(out), err)
	}
	for _, in := range sessionInputs(cf, s) {
		if ist, err := os.Stat(in.path); err == nil && os.SameFile(ost, ist) {
			return usageErrorf("%s %s: that is %s, %s; podviz never writes to a file the session reads: name another file",
				flag, termsafe.Line(out), termsafe.Line(in.path), in.what)
		}
	}
	return nil
}
