package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// bigRollout writes a Deployment of n replicas: each pod records about six
// events, so 2,000 replicas overflow the 10,000-entry log.
func bigRollout(t *testing.T, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "big.yaml")
	data := strings.Replace(readFile(t, "../../controller/testdata/web3.yaml"), "replicas: 3", "replicas: "+strconv.Itoa(n), 1)
	if !strings.Contains(data, "replicas: "+strconv.Itoa(n)) {
		t.Fatal("web3.yaml changed shape")
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestEvents_SaysWhenTheLogDropped: issue 7 found `podviz events` for a
// large rollout printed the newest 10,000 events, the first scale-up gone,
// with exit 0 and not a word. The bounded views say so; --watch loses
// nothing.
func TestEvents_SaysWhenTheLogDropped(t *testing.T) {
	big := bigRollout(t, 2000)
	dropped := regexp.MustCompile(`^Warning: podviz keeps the newest 10000 events; (\d+) older ones were dropped \(podviz events --watch streams every one\)\n$`)
	var n int
	for _, args := range [][]string{{"events", "-f", big}, {"events", "-o", "json", "-f", big}, {"get", "events", "-f", big}} {
		_, stderr, code := validateIO(t, "", args...)
		m := dropped.FindStringSubmatch(stderr)
		if code != exitOK || m == nil {
			t.Fatalf("%v: exit %d, stderr %q", args, code, stderr)
		}
		n, _ = strconv.Atoi(m[1])
	}

	stdout, stderr, code := validateIO(t, "", "events", "--watch", "-f", big)
	if code != exitOK || stderr != "" {
		t.Fatalf("--watch: exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) < 10000+n {
		t.Errorf("--watch streamed %d occurrences; the log alone holds 10000 + %d dropped", len(lines), n)
	}
	var first watchJSON
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Reason != "ScalingReplicaSet" || !strings.HasSuffix(first.Message, "from 0 to 2000") || first.FirstTime != "0s" || first.Count != 1 {
		t.Errorf("first occurrence: %+v", first)
	}
}

// TestEventsWatch_FollowsAggregation: a repeated event is one line per
// occurrence, its count growing and its first time kept.
func TestEventsWatch_FollowsAggregation(t *testing.T) {
	stdout, _, code := validateIO(t, "", "events", "-w", "-f", "../../controller/testdata/crash.yaml", "--at", "2m")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var counts []int32
	var first string
	for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		var e watchJSON
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		if e.Reason == "BackOff" {
			if first == "" {
				first = e.FirstTime
			}
			if e.FirstTime != first {
				t.Errorf("firstTime moved: %s, then %s", first, e.FirstTime)
			}
			counts = append(counts, e.Count)
		}
	}
	if len(counts) < 2 {
		t.Fatalf("BackOff seen %d times", len(counts))
	}
	for i, c := range counts {
		if c != int32(i+1) {
			t.Fatalf("BackOff counts %v, want 1, 2, 3, …", counts)
		}
	}
}
