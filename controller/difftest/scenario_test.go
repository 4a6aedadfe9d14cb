package difftest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// scenario is one random Deployment and the commands a script runs on it.
type scenario struct {
	name     string
	manifest string
	// summary describes the Deployment for messages ("4 replicas,
	// RollingUpdate surge 25% unavailable 1").
	summary string
	steps   []string
	// recreate is true for the Recreate strategy.
	recreate bool
	// kinds names the cases the scenario exercises ("scale while stuck",
	// "rounding percentage"), for the test's tally.
	kinds []string
	// manifestPath and scriptPath are where the test wrote both files.
	manifestPath, scriptPath string
}

// stepGap spaces the steps so that podviz's cluster has settled (every pod
// that can become ready is ready) before the next one, as the oracle waits
// for a settled cluster between steps.
const stepGap = 5 * time.Minute

// maxSteps bounds a scenario's script; every step costs the oracle at least
// one 300 ms lockstep point, and a rollout one more per batch of pods.
const maxSteps = 6

var (
	// bounds are maxSurge/maxUnavailable values; the percentages that do not
	// divide small replica counts evenly test the rounding (surge up,
	// unavailable down).
	bounds      = []string{"0", "1", "2", "3", "0%", "10%", "25%", "30%", "33%", "50%", "75%", "100%"}
	goodImages  = []string{"nginx:1.25", "nginx:1.26", "nginx:1.27"}
	badImage    = "nginx:9.99.9" // the oracle's default --bad-image matches *:9.99*
	zeroLiteral = map[string]bool{"0": true, "0%": true}
)

// The step commands, on the Deployment "web" every scenario uses.
func scaleTo(n int) string       { return fmt.Sprintf("kubectl scale deployment/web --replicas=%d", n) }
func setImage(img string) string { return "kubectl set image deployment/web web=" + img }

const (
	undoStep    = "kubectl rollout undo deployment/web"
	pauseStep   = "kubectl rollout pause deployment/web"
	resumeStep  = "kubectl rollout resume deployment/web"
	restartStep = "kubectl rollout restart deployment/web"
	deleteStep  = "kubectl delete pod -l app=web"
)

// A motif is a short run of steps that reaches a case where the
// controllers' arithmetic is easiest to get wrong. The oracle readies every
// pod that can become ready before each step, so "mid-rollout" needs a
// rollout that cannot finish: stuck on an image that never pulls, or paused.
var motifs = []struct {
	kind  string
	steps func(r *rand.Rand) []string
}{
	{"scale while stuck", func(r *rand.Rand) []string {
		return []string{setImage(badImage), scaleTo(r.IntN(10))}
	}},
	{"scale while paused", func(r *rand.Rand) []string {
		s := []string{pauseStep, setImage(goodImages[r.IntN(len(goodImages))]), scaleTo(r.IntN(10))}
		if r.IntN(2) == 0 {
			s = append(s, resumeStep)
		}
		return s
	}},
	{"undo while surging", func(r *rand.Rand) []string {
		return []string{setImage(badImage), undoStep}
	}},
	{"delete pods mid-rollout", func(r *rand.Rand) []string {
		return []string{setImage(badImage), deleteStep}
	}},
	{"restart", func(r *rand.Rand) []string {
		return []string{restartStep}
	}},
	{"one random step", func(r *rand.Rand) []string {
		switch k := r.IntN(20); {
		case k < 5:
			return []string{scaleTo(r.IntN(9))}
		case k < 11:
			img := goodImages[r.IntN(len(goodImages))]
			if r.IntN(4) == 0 {
				img = badImage
			}
			return []string{setImage(img)}
		case k < 14:
			return []string{undoStep}
		case k < 16:
			return []string{pauseStep}
		case k < 18:
			return []string{resumeStep}
		default:
			return []string{deleteStep}
		}
	}},
}

// genScenario draws scenario i from r: replicas, strategy and bounds (ints
// and percentages, never both literally zero, as validation requires), and
// one to three motifs, at most maxSteps steps in all.
func genScenario(r *rand.Rand, i int) scenario {
	replicas := 1 + r.IntN(8)
	image := goodImages[0]
	if r.IntN(10) == 0 {
		image = badImage
	}
	var kinds []string
	recreate := true
	strategy := "    type: Recreate\n"
	summary := fmt.Sprintf("%d replicas, Recreate, %s", replicas, image)
	if r.IntN(4) != 0 {
		surge, unavail := bounds[r.IntN(len(bounds))], bounds[r.IntN(len(bounds))]
		for zeroLiteral[surge] && zeroLiteral[unavail] {
			unavail = bounds[r.IntN(len(bounds))]
		}
		strategy = fmt.Sprintf("    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: %s\n      maxUnavailable: %s\n",
			quoteIntOrString(surge), quoteIntOrString(unavail))
		recreate = false
		summary = fmt.Sprintf("%d replicas, RollingUpdate surge %s unavailable %s, %s", replicas, surge, unavail, image)
		if roundsAt(surge, replicas) || roundsAt(unavail, replicas) {
			kinds = append(kinds, "rounding percentage")
		}
	} else {
		kinds = append(kinds, "Recreate")
	}
	manifest := fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: %d
  selector:
    matchLabels:
      app: web
  strategy:
%s  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: %s
        ports:
        - containerPort: 80
`, replicas, strategy, image)
	var steps []string
	for n := 1 + r.IntN(3); n > 0; n-- {
		// Five in six draws are a motif aimed at a hard case.
		m := motifs[r.IntN(len(motifs))]
		more := m.steps(r)
		if len(steps)+len(more) > maxSteps {
			break
		}
		steps = append(steps, more...)
		if !slices.Contains(kinds, m.kind) {
			kinds = append(kinds, m.kind)
		}
	}
	return scenario{name: fmt.Sprintf("scenario-%02d", i), manifest: manifest, summary: summary, steps: steps, recreate: recreate, kinds: kinds}
}

// roundsAt is true for a percentage that does not give a whole number of
// pods at these replicas (25% of 3).
func roundsAt(bound string, replicas int) bool {
	p, ok := strings.CutSuffix(bound, "%")
	if !ok {
		return false
	}
	n, _ := strconv.Atoi(p)
	return n*replicas%100 != 0
}

// quoteIntOrString writes a percentage as a YAML string and an int bare, as
// intstr fields expect.
func quoteIntOrString(v string) string {
	if strings.HasSuffix(v, "%") {
		return `"` + v + `"`
	}
	return v
}

// script is the scenario's steps as a podviz/oracle script, stepGap apart.
func (s scenario) script() string {
	var b strings.Builder
	for i, st := range s.steps {
		fmt.Fprintf(&b, "- at: %s\n  run: %q\n", time.Duration(i+1)*stepGap, st)
	}
	return b.String()
}
