package controller

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The differential test runs random scenarios through podviz and through
// ../shared/oracle (upstream's own deployment and replicaset controllers,
// see its README) and compares the ScalingReplicaSet sequences. It is
// skipped when the oracle is not there (a user's clone). It takes minutes
// (the oracle waits for quiet between steps), so it runs only when asked:
// PODVIZ_ORACLE (as in difftest/) or ORACLE names a built binary, or PODVIZ_DIFFERENTIAL=1
// builds one from ../../shared/oracle first (~3 min cold).

var (
	oracleOnce sync.Once
	oracleBin  string
	oracleErr  error
)

func oracle(t *testing.T) string {
	t.Helper()
	oracleOnce.Do(func() {
		for _, env := range []string{"PODVIZ_ORACLE", "ORACLE"} {
			if bin := os.Getenv(env); bin != "" {
				oracleBin = bin
				return
			}
		}
		if os.Getenv("PODVIZ_DIFFERENTIAL") == "" {
			oracleErr = fmt.Errorf("set ORACLE=/path/to/oracle or PODVIZ_DIFFERENTIAL=1 to run the differential test")
			return
		}
		src, err := filepath.Abs(filepath.Join("..", "..", "shared", "oracle"))
		if err != nil {
			oracleErr = err
			return
		}
		if _, err := os.Stat(filepath.Join(src, "go.mod")); err != nil {
			oracleErr = fmt.Errorf("no oracle at %s", src)
			return
		}
		dir, err := os.MkdirTemp("", "podviz-oracle")
		if err != nil {
			oracleErr = err
			return
		}
		oracleBin = filepath.Join(dir, "oracle")
		cmd := exec.Command("go", "build", "-o", oracleBin, ".")
		cmd.Dir = src
		if out, err := cmd.CombinedOutput(); err != nil {
			oracleErr = fmt.Errorf("building the oracle: %v\n%s", err, out)
		}
	})
	if oracleErr != nil {
		t.Skip(oracleErr)
	}
	return oracleBin
}

// scenario is one random case: a Deployment and a script.
type scenario struct {
	manifest string
	script   []scriptLine
}

type scriptLine struct {
	at  time.Duration
	run string // kubectl command, as the oracle reads it
	do  func(c *Cluster) (string, error)
}

func randomScenario(r *rand.Rand) scenario {
	replicas := 1 + r.IntN(10)
	intOrPct := func() string {
		if r.IntN(2) == 0 {
			return fmt.Sprint(r.IntN(4))
		}
		return fmt.Sprintf("%d%%", []int{0, 10, 25, 50, 100}[r.IntN(5)])
	}
	strategy := "  strategy:\n    type: Recreate"
	if r.IntN(4) != 0 {
		surge, unav := intOrPct(), intOrPct()
		for (surge == "0" || surge == "0%") && (unav == "0" || unav == "0%") {
			surge = intOrPct()
		}
		if strings.HasSuffix(unav, "%") && unav > "100%" && len(unav) > 4 {
			unav = "100%"
		}
		strategy = fmt.Sprintf("  strategy:\n    rollingUpdate:\n      maxSurge: %s\n      maxUnavailable: %s", surge, unav)
	}
	s := scenario{manifest: webYAML(replicas, strategy, "")}
	at := time.Duration(0)
	images := []string{"nginx:1.25", "nginx:1.27", "nginx:1.28", "nginx:9.99.1", "nginx:9.99.2"}
	for i, n := 0, 1+r.IntN(5); i < n; i++ {
		at += 30 * time.Second
		var l scriptLine
		switch r.IntN(6) {
		case 0:
			n := int32(r.IntN(13))
			l = scriptLine{run: fmt.Sprintf("kubectl scale deployment/web --replicas=%d", n), do: scale("web", n)}
		case 1, 2:
			img := images[r.IntN(len(images))]
			l = scriptLine{run: "kubectl set image deployment/web nginx=" + img, do: setImage("web", img)}
		case 3:
			l = scriptLine{run: "kubectl rollout undo deployment/web", do: undo("web", 0)}
		case 4:
			if r.IntN(2) == 0 {
				l = scriptLine{run: "kubectl rollout pause deployment/web", do: pause("web")}
			} else {
				l = scriptLine{run: "kubectl rollout resume deployment/web", do: resume("web")}
			}
		default:
			l = scriptLine{run: "kubectl delete pod -l app=web", do: func(c *Cluster) (string, error) {
				return c.DeletePodsBySelector("", "app=web", DeleteOptions{})
			}}
		}
		l.at = at
		s.script = append(s.script, l)
	}
	return s
}

// oracleSequence runs the oracle and returns its sequence in the
// "upA0→3" notation (ReplicaSets lettered by first appearance).
func oracleSequence(t *testing.T, bin string, s scenario) []string {
	dir := t.TempDir()
	m := filepath.Join(dir, "web.yaml")
	sc := filepath.Join(dir, "script.yaml")
	var script bytes.Buffer
	for _, l := range s.script {
		fmt.Fprintf(&script, "- at: %s\n  run: %q\n", l.at, l.run)
	}
	if err := os.WriteFile(m, []byte(s.manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(sc, script.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-f", m, "--script", sc, "-o", "json").Output()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("oracle: %v\n%s", err, out)
	}
	tc := &tracedCluster{}
	sc2 := bufio.NewScanner(bytes.NewReader(out))
	for sc2.Scan() {
		var e struct{ Reason, Object, Message string }
		if json.Unmarshal(sc2.Bytes(), &e) == nil && e.Reason == reasonScalingReplicaSet {
			tc.raw = append(tc.raw, Event{Reason: e.Reason, Object: e.Object, Message: e.Message})
		}
	}
	return tc.sequence("web")
}

func podvizSequence(t *testing.T, s scenario) []string {
	c := parseCluster(t, s.manifest)
	for _, l := range s.script {
		c.RunUntil(l.at)
		l.do(c.Cluster) // refusals (undo while paused…) are part of the scenario
	}
	c.RunUntil(s.script[len(s.script)-1].at + 2*time.Minute)
	return c.sequence("web")
}

// finalSizes replays a sequence into each ReplicaSet's last size.
func finalSizes(seq []string) string {
	last := map[byte]string{}
	var order []byte
	for _, e := range seq {
		i := strings.IndexAny(e, "ABCDEFGHIJ")
		l := e[i]
		if _, ok := last[l]; !ok {
			order = append(order, l)
		}
		last[l] = e[strings.Index(e, "→")+len("→"):]
	}
	var parts []string
	for _, l := range order {
		parts = append(parts, string(l)+last[l])
	}
	return strings.Join(parts, " ")
}

func TestDifferential_AgainstOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test: slow")
	}
	bin := oracle(t)
	const n = 60
	whole := 0
	for i := 0; i < n; i++ {
		r := rand.New(rand.NewPCG(uint64(i), 7))
		s := randomScenario(r)
		want := oracleSequence(t, bin, s)
		got := podvizSequence(t, s)
		if joinSeq(got) == joinSeq(want) {
			whole++
			continue
		}
		var script []string
		for _, l := range s.script {
			script = append(script, fmt.Sprintf("%s %s", l.at, l.run))
		}
		msg := fmt.Sprintf("scenario %d\n%s\nscript: %s\n oracle %s\npodviz %s", i, s.manifest, strings.Join(script, "; "), joinSeq(want), joinSeq(got))
		if finalSizes(got) != finalSizes(want) {
			t.Errorf("end states differ: %s", msg)
		} else {
			t.Logf("sequences differ, end states agree: %s", msg)
		}
	}
	t.Logf("%d of %d scenarios matched the oracle's whole sequence", whole, n)
}
