package difftest

import (
	"fmt"
	"math/rand/v2"
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
}

// stepGap spaces the steps so that podviz's cluster has settled (every pod
// that can become ready is ready) before the next one, as the oracle waits
// for a settled cluster between steps.
const stepGap = 5 * time.Minute

var (
	bounds      = []string{"0", "1", "2", "3", "0%", "10%", "25%", "50%", "100%"}
	goodImages  = []string{"nginx:1.25", "nginx:1.26", "nginx:1.27"}
	badImage    = "nginx:9.99.9" // the oracle's default --bad-image matches *:9.99*
	zeroLiteral = map[string]bool{"0": true, "0%": true}
)

// genScenario draws scenario i from r: replicas, strategy and bounds (ints
// and percentages, never both literally zero, as validation requires), and
// one to four steps among scale, set image (good or bad), undo,
// pause/resume and delete pods by label.
func genScenario(r *rand.Rand, i int) scenario {
	replicas := 1 + r.IntN(6)
	image := goodImages[0]
	if r.IntN(10) == 0 {
		image = badImage
	}
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
	n := 1 + r.IntN(4)
	for range n {
		switch k := r.IntN(20); {
		case k < 5:
			steps = append(steps, fmt.Sprintf("kubectl scale deployment/web --replicas=%d", r.IntN(9)))
		case k < 11:
			img := goodImages[r.IntN(len(goodImages))]
			if r.IntN(4) == 0 {
				img = badImage
			}
			steps = append(steps, "kubectl set image deployment/web web="+img)
		case k < 14:
			steps = append(steps, "kubectl rollout undo deployment/web")
		case k < 16:
			steps = append(steps, "kubectl rollout pause deployment/web")
		case k < 18:
			steps = append(steps, "kubectl rollout resume deployment/web")
		default:
			steps = append(steps, "kubectl delete pod -l app=web")
		}
	}
	return scenario{name: fmt.Sprintf("scenario-%02d", i), manifest: manifest, summary: summary, steps: steps, recreate: recreate}
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
