package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// validateIO runs the root command with fake streams, as a user would.
func validateIO(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	f := &Factory{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut}
	code = run(args, f)
	return out.String(), errOut.String(), code
}

func TestNewCmdValidate_Flags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    ValidateOptions
		wantErr string
	}{
		{name: "no flags: the embedded example", args: nil, want: ValidateOptions{}},
		{name: "one file", args: []string{"-f", "web.yaml"}, want: ValidateOptions{Filenames: []string{"web.yaml"}}},
		{name: "repeated -f and --filename", args: []string{"-f", "a.yaml", "--filename", "dir/", "-f", "-"},
			want: ValidateOptions{Filenames: []string{"a.yaml", "dir/", "-"}}},
		{name: "comma-separated, as kubectl", args: []string{"--filename=a.yaml,b.yaml"}, want: ValidateOptions{Filenames: []string{"a.yaml", "b.yaml"}}},
		{name: "-o json", args: []string{"-o", "json"}, want: ValidateOptions{Output: "json"}},
		{name: "--output yaml", args: []string{"--output=yaml", "-f", "x"}, want: ValidateOptions{Output: "yaml", Filenames: []string{"x"}}},
		{name: "unknown output format", args: []string{"-o", "xml"},
			wantErr: `unable to match a printer suitable for the output format "xml", allowed formats are: json,yaml`},
		{name: "-f without a value", args: []string{"-f"}, wantErr: "flag needs an argument: 'f' in -f"},
		{name: "positional argument", args: []string{"web.yaml"}, wantErr: `unknown command "web.yaml" for "validate"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
			var got *ValidateOptions
			cmd := NewCmdValidate(f, func(o *ValidateOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &UsageError{Err: err} })
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				var usage *UsageError
				if !errors.As(err, &usage) && !isCobraUsageError(err) {
					t.Errorf("error %v is not a usage error (exit 2)", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Filenames, tt.want.Filenames) || got.Output != tt.want.Output {
				t.Errorf("got filenames %q output %q, want %q %q", got.Filenames, got.Output, tt.want.Filenames, tt.want.Output)
			}
		})
	}
}

func TestValidateRun(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: c, image: nginx}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pod := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  containers: [{name: c, image: nginx}]\n"
	rs := "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  selector:\n    matchLabels: {app: r}\n  template:\n    metadata:\n      labels: {app: r}\n    spec:\n      containers: [{name: c, image: nginx}]\n"
	svc := "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"
	tests := []struct {
		name       string
		opts       ValidateOptions
		stdin      string
		wantOut    string
		wantErrOut string
		wantCode   int // 0: nil error; otherwise the SilentError code
	}{
		{name: "embedded example", wantOut: "pod/example-pod valid\ndeployment.apps/example-deployment valid\n"},
		{name: "stdin, with a skipped kind", opts: ValidateOptions{Filenames: []string{"-"}}, stdin: pod + "---\n" + svc + "---\n" + rs,
			wantOut:    "pod/solo valid\nreplicaset.apps/rs valid\n",
			wantErrOut: "Warning: skipping Service \"web\" (<stdin>: document 2): podviz shows only Pods, Deployments and ReplicaSets\n"},
		{name: "an invalid file", opts: ValidateOptions{Filenames: []string{bad}},
			wantErrOut: bad + ": document 1: The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n",
			wantCode:   exitInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			opts := tt.opts
			opts.In, opts.Out, opts.ErrOut = strings.NewReader(tt.stdin), &out, &errOut
			err := validateRun(&opts)
			code := 0
			var silent *SilentError
			if errors.As(err, &silent) {
				code = silent.Code
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d", code, tt.wantCode)
			}
			if out.String() != tt.wantOut {
				t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), tt.wantOut)
			}
			if errOut.String() != tt.wantErrOut {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut.String(), tt.wantErrOut)
			}
		})
	}
}

// TestValidateRun_JSON checks -o json: a v1 List of the defaulted objects,
// like kubectl get -o json.
func TestValidateRun_JSON(t *testing.T) {
	var out bytes.Buffer
	if err := validateRun(&ValidateOptions{Out: &out, ErrOut: &bytes.Buffer{}, Output: "json"}); err != nil {
		t.Fatal(err)
	}
	var list struct {
		APIVersion, Kind string
		Items            []struct {
			APIVersion, Kind string
			Metadata         struct{ Name, Namespace string }
			Spec             struct {
				Replicas *int32
				Strategy struct {
					Type          string
					RollingUpdate struct{ MaxSurge, MaxUnavailable string }
				}
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &list); err != nil {
		t.Fatalf("%v:\n%s", err, out.String())
	}
	if list.APIVersion != "v1" || list.Kind != "List" || len(list.Items) != 2 {
		t.Fatalf("got %s %s with %d items", list.APIVersion, list.Kind, len(list.Items))
	}
	pod, dep := list.Items[0], list.Items[1]
	if pod.Kind != "Pod" || pod.APIVersion != "v1" || pod.Metadata.Name != "example-pod" || pod.Metadata.Namespace != "default" {
		t.Errorf("item 0: %+v", pod)
	}
	if dep.Kind != "Deployment" || dep.APIVersion != "apps/v1" || *dep.Spec.Replicas != 3 ||
		dep.Spec.Strategy.Type != "RollingUpdate" || dep.Spec.Strategy.RollingUpdate.MaxSurge != "25%" {
		t.Errorf("item 1: %+v", dep)
	}
	if !strings.HasPrefix(out.String(), "{\n    \"kind\": \"List\"") {
		t.Errorf("want kubectl's 4-space indented JSON, got:\n%.60s", out.String())
	}

	var yamlOut bytes.Buffer
	if err := validateRun(&ValidateOptions{Out: &yamlOut, ErrOut: &bytes.Buffer{}, Output: "yaml"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(yamlOut.String(), "apiVersion: v1\nitems:\n") || !strings.Contains(yamlOut.String(), "kind: List\n") {
		t.Errorf("yaml:\n%.200s", yamlOut.String())
	}
}

// TestValidate_ReadmeExample checks that podviz validate prints what the
// README shows for the embedded example.
func TestValidate_ReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "$ podviz validate\n")
	want, _, ok2 := strings.Cut(after, "```")
	if !ok || !ok2 {
		t.Fatal("README has no `$ podviz validate` example")
	}
	stdout, stderr, code := validateIO(t, "", "validate")
	if stdout != want || stderr != "" || code != exitOK {
		t.Errorf("got stdout %q stderr %q exit %d, want stdout %q exit 0", stdout, stderr, code, want)
	}
}

// TestValidate_InvalidManifests runs podviz validate on every
// testdata/invalid manifest: stderr must be its .txt, exit 1.
func TestValidate_InvalidManifests(t *testing.T) {
	t.Chdir("../..")
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil || len(files) < 25 {
		t.Fatalf("found %d invalid manifests (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".yaml"), func(t *testing.T) {
			want, err := os.ReadFile(strings.TrimSuffix(f, ".yaml") + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := validateIO(t, "", "validate", "-f", f)
			if code != exitInvalid {
				t.Errorf("exit %d, want %d", code, exitInvalid)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if stderr != string(want) {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
		})
	}
}

func TestValidate_ExitCodes(t *testing.T) {
	if _, _, code := validateIO(t, "", "validate", "-o", "xml"); code != exitUsage {
		t.Errorf("bad -o: exit %d, want %d", code, exitUsage)
	}
	if _, _, code := validateIO(t, "", "validate", "--nope"); code != exitUsage {
		t.Errorf("unknown flag: exit %d, want %d", code, exitUsage)
	}
	if _, stderr, code := validateIO(t, "", "validate", "-f", "does-not-exist.yaml"); code != exitInvalid ||
		stderr != "does-not-exist.yaml: the path \"does-not-exist.yaml\" does not exist\n" {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"go install of a release", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.1"}}, true, "v0.3.1"},
		{"build in a working tree", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "dev"},
		{"no build info", nil, false, "dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := buildVersion(func() (*debug.BuildInfo, bool) { return tt.info, tt.ok })
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	stdout, _, code := validateIO(t, "", "version")
	if code != exitOK || !strings.HasPrefix(stdout, "podviz ") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("podviz version printed %q, exit %d", stdout, code)
	}
}
