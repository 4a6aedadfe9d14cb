package difftest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// The generated scenarios are podviz/controller/difftest's: the same
// generator, seed and count, so that the figures of the two differentials
// speak of the same scenarios. That generator lives in a _test.go file of
// another module's package and cannot be imported, so genScenario below
// re-states it and must draw exactly as it does (scenario-NN names line
// up); change both together.
const (
	scenarioCount = 100
	scenarioSeed  = 20260101
)

// scenario is one Deployment "web" and the commands a script runs on it.
type scenario struct {
	name     string
	manifest string
	summary  string
	steps    []string
	recreate bool
}

// stepGap spaces the steps on podviz's virtual clock, so that its cluster
// has settled (every pod that can become ready is ready) before the next
// one, as the lockstep model waits for a settled cluster between steps.
const stepGap = 5 * time.Minute

// maxSteps bounds a generated scenario's script.
const maxSteps = 6

var (
	bounds      = []string{"0", "1", "2", "3", "0%", "10%", "25%", "30%", "33%", "50%", "75%", "100%"}
	goodImages  = []string{"nginx:1.25", "nginx:1.26", "nginx:1.27"}
	badImage    = "nginx:9.99.9" // never pulls, on both sides
	zeroLiteral = map[string]bool{"0": true, "0%": true}
)

func scaleTo(n int) string       { return fmt.Sprintf("kubectl scale deployment/web --replicas=%d", n) }
func setImage(img string) string { return "kubectl set image deployment/web web=" + img }

const (
	undoStep    = "kubectl rollout undo deployment/web"
	pauseStep   = "kubectl rollout pause deployment/web"
	resumeStep  = "kubectl rollout resume deployment/web"
	restartStep = "kubectl rollout restart deployment/web"
	deleteStep  = "kubectl delete pod -l app=web"
)

// motifs are short runs of steps aimed at the cases where the controllers'
// arithmetic is easiest to get wrong (mid-rollout needs a rollout that
// cannot finish: stuck on an image that never pulls, or paused).
var motifs = []func(r *rand.Rand) []string{
	func(r *rand.Rand) []string { return []string{setImage(badImage), scaleTo(r.IntN(10))} }, // scale while stuck
	func(r *rand.Rand) []string { // scale while paused
		s := []string{pauseStep, setImage(goodImages[r.IntN(len(goodImages))]), scaleTo(r.IntN(10))}
		if r.IntN(2) == 0 {
			s = append(s, resumeStep)
		}
		return s
	},
	func(r *rand.Rand) []string { return []string{setImage(badImage), undoStep} },   // undo while surging
	func(r *rand.Rand) []string { return []string{setImage(badImage), deleteStep} }, // delete pods mid-rollout
	func(r *rand.Rand) []string { return []string{restartStep} },                    // restart
	func(r *rand.Rand) []string { // one random step
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
	},
}

func genScenario(r *rand.Rand, i int) scenario {
	replicas := 1 + r.IntN(8)
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
		strategy = rollingUpdate(surge, unavail)
		recreate = false
		summary = fmt.Sprintf("%d replicas, RollingUpdate surge %s unavailable %s, %s", replicas, surge, unavail, image)
	}
	var steps []string
	for n := 1 + r.IntN(3); n > 0; n-- {
		more := motifs[r.IntN(len(motifs))](r)
		if len(steps)+len(more) > maxSteps {
			break
		}
		steps = append(steps, more...)
	}
	return scenario{name: fmt.Sprintf("scenario-%02d", i), manifest: webManifest(replicas, strategy, image),
		summary: summary, steps: steps, recreate: recreate}
}

func rollingUpdate(surge, unavail string) string {
	return fmt.Sprintf("    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: %s\n      maxUnavailable: %s\n",
		quoteIntOrString(surge), quoteIntOrString(unavail))
}

func webManifest(replicas int, strategy, image string) string {
	return fmt.Sprintf(`apiVersion: apps/v1
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
}

// fixedScenarios cover what the generator does not draw: rollout restart,
// proportional scaling of a rollout stuck on a bad image, edits while
// paused, and undo to a named revision.
func fixedScenarios() []scenario {
	ru := func(s, u string) string { return rollingUpdate(s, u) }
	return []scenario{
		{name: "fixed-proportional", manifest: webManifest(10, ru("3", "2"), "nginx:1.25"),
			summary: "10 replicas, surge 3 unavailable 2; stuck rollout scaled up then down",
			steps: []string{"kubectl set image deployment/web web=" + badImage,
				"kubectl scale deployment/web --replicas=20", "kubectl scale deployment/web --replicas=5",
				"kubectl set image deployment/web web=nginx:1.27"}},
		{name: "fixed-proportional-percent", manifest: webManifest(8, ru("25%", "25%"), "nginx:1.25"),
			summary: "8 replicas, surge 25% unavailable 25%; two stuck rollouts then a scale",
			steps: []string{"kubectl set image deployment/web web=" + badImage,
				"kubectl set image deployment/web web=nginx:9.99.8", "kubectl scale deployment/web --replicas=13",
				"kubectl rollout undo deployment/web"}},
		{name: "fixed-restart", manifest: webManifest(4, ru("1", "0"), "nginx:1.25"),
			summary: "4 replicas, surge 1 unavailable 0; restart, scale, restart",
			steps: []string{"kubectl rollout restart deployment/web", "kubectl scale deployment/web --replicas=6",
				"kubectl rollout restart deployment/web"}},
		{name: "fixed-pause-edit-resume", manifest: webManifest(5, ru("2", "1"), "nginx:1.25"),
			summary: "5 replicas, surge 2 unavailable 1; edits while paused",
			steps: []string{"kubectl rollout pause deployment/web", "kubectl set image deployment/web web=nginx:1.26",
				"kubectl scale deployment/web --replicas=7", "kubectl rollout resume deployment/web"}},
		{name: "fixed-undo-to-revision", manifest: webManifest(3, ru("25%", "25%"), "nginx:1.25"),
			summary: "3 replicas, surge 25% unavailable 25%; two rollouts and undo to revision 1",
			steps: []string{"kubectl set image deployment/web web=nginx:1.26", "kubectl set image deployment/web web=nginx:1.27",
				"kubectl rollout undo deployment/web --to-revision=1"}},
		{name: "fixed-recreate-stuck", manifest: webManifest(3, "    type: Recreate\n", "nginx:1.25"),
			summary: "3 replicas, Recreate; stuck image, scale, undo", recreate: true,
			steps: []string{"kubectl set image deployment/web web=" + badImage, "kubectl scale deployment/web --replicas=5",
				"kubectl rollout undo deployment/web"}},
	}
}

func quoteIntOrString(v string) string {
	if strings.HasSuffix(v, "%") {
		return `"` + v + `"`
	}
	return v
}

// script is the scenario's steps as a podviz script, stepGap apart; with
// ns set each command names that namespace.
func (s scenario) script(ns string) string {
	var b strings.Builder
	for i, st := range s.steps {
		if ns != "" {
			st += " -n " + ns
		}
		fmt.Fprintf(&b, "- at: %s\n  run: %q\n", time.Duration(i+1)*stepGap, st)
	}
	return b.String()
}
