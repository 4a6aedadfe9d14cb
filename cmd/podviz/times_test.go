package main

import (
	"strings"
	"testing"
	"time"
)

func TestParseVirtualTime(t *testing.T) {
	const rangeErr = "must be a virtual time from 0s to 24h0m0s"
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{"30s", 30 * time.Second, ""},
		{"1m30s", 90 * time.Second, ""},
		{"12.5", 12500 * time.Millisecond, ""},
		{" 2m ", 2 * time.Minute, ""},
		{"24h", 24 * time.Hour, ""},
		{"86400", 24 * time.Hour, ""},
		{"0", 0, ""},
		// Issue 7: each of these ran as time 0 with exit 0.
		{"1e10", 0, rangeErr},
		{"9223372037", 0, rangeErr},
		{"NaN", 0, "not a finite number; " + rangeErr},
		{"infinity", 0, "not a finite number; " + rangeErr},
		{"-Inf", 0, "not a finite number; " + rangeErr},
		{"1e400", 0, "not a finite number; " + rangeErr},
		{"2562047h", 0, rangeErr},
		{"24h0m0.001s", 0, rangeErr},
		{"86400.001", 0, rangeErr},
		{"-5s", 0, rangeErr},
		{"-1", 0, rangeErr},
		{"9999999999h", 0, "want a virtual time such as 30s, 2m or 1m30s, from 0s to 24h0m0s"},
		{"soon", 0, "want a virtual time such as 30s, 2m or 1m30s, from 0s to 24h0m0s"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseVirtualTime(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got %v, %v; want error %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// TestRun_NumbersOutOfRangeAreUsageErrors: a flag out of range or not
// finite is exit 2, naming the flag and the range.
func TestRun_NumbersOutOfRangeAreUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"get", "pods", "--at", "1e10"}, "error: invalid argument \"1e10\" for \"--at\" flag: must be a virtual time from 0s to 24h0m0s\nSee 'podviz get --help' for usage.\n"},
		{[]string{"events", "--until", "NaN"}, "error: invalid argument \"NaN\" for \"--until\" flag: not a finite number; must be a virtual time from 0s to 24h0m0s\nSee 'podviz events --help' for usage.\n"},
		{[]string{"render", "--at", "infinity"}, "error: invalid argument \"infinity\" for \"--at\" flag: not a finite number; must be a virtual time from 0s to 24h0m0s\nSee 'podviz render --help' for usage.\n"},
		{[]string{"rollout", "status", "deployment/example-deployment", "--at", "9223372037"}, "error: invalid argument \"9223372037\" for \"--at\" flag: must be a virtual time from 0s to 24h0m0s\nSee 'podviz rollout status --help' for usage.\n"},
		{[]string{"--speed", "NaN"}, "error: --speed must be greater than 0 and at most 1000, got NaN\nSee 'podviz --help' for usage.\n"},
		{[]string{"--speed", "+Inf"}, "error: --speed must be greater than 0 and at most 1000, got +Inf\nSee 'podviz --help' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			stdout, stderr, code := validateIO(t, "", tt.args...)
			if code != exitUsage || stderr != tt.want || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q\nwant exit 2, stderr %q", code, stdout, stderr, tt.want)
			}
		})
	}
}

// TestRun_DefaultAtIsWhenTheClusterSettles: without --at, get, render,
// rollout and events show the moment the cluster first settles after the
// script's last step, or settleHorizon after it when it never does.
func TestRun_DefaultAtIsWhenTheClusterSettles(t *testing.T) {
	crash := "../../controller/testdata/crash.yaml"
	script := scriptPath("rolling-update.yaml")
	tests := []struct {
		name     string
		args     []string
		explicit string // the --at the default must equal
	}{
		{"the article example settles once its pods run", []string{"get", "pods"}, settleTimeOf(t, nil, "")},
		{"a crash loop never settles: 10m after the start", []string{"get", "pods", "-f", crash}, "10m"},
		{"after the script's last step", []string{"get", "rs", "--script", script}, settleTimeOf(t, nil, script)},
		{"render", []string{"render", "--width", "100"}, settleTimeOf(t, nil, "")},
		{"rollout status", []string{"rollout", "status", "deployment/example-deployment"}, settleTimeOf(t, nil, "")},
		{"events", []string{"events", "-o", "json"}, settleTimeOf(t, nil, "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, stderr, code := validateIO(t, "", tt.args...)
			want, _, _ := validateIO(t, "", append(tt.args, "--at", tt.explicit)...)
			if code != exitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if got != want {
				t.Errorf("without --at:\n%s\nwith --at %s:\n%s", got, tt.explicit, want)
			}
		})
	}
	// Settled means every pod of the example runs, and not a moment later.
	out, _, _ := validateIO(t, "", "get", "pods")
	if n := strings.Count(out, "1/1     Running"); n != 4 {
		t.Errorf("settled example: %d running pods, want 4:\n%s", n, out)
	}
	if at := settleTimeOf(t, nil, ""); at == "0s" || strings.HasSuffix(at, "m0s") {
		t.Errorf("the example settles at %s; want a few seconds", at)
	}
}

// settleTimeOf is when the cluster of files (nil: the example) and script
// first settles, as a --at value.
func settleTimeOf(t *testing.T, files []string, script string) string {
	t.Helper()
	cf := &ClusterFlags{Filenames: files, Script: script, Seed: defaultSeed}
	c, stepsFailed, err := clusterAt(cf, strings.NewReader(""), &strings.Builder{}, atSettled)
	if err != nil || stepsFailed {
		t.Fatal(err, stepsFailed)
	}
	return c.Elapsed().String()
}
