package difftest

import (
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func namespace(name string) *corev1.Namespace {
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
}

// TestRealDifferential runs the generated and the fixed scenarios through
// podviz and through the real control plane. End states must match;
// immediate reactions, whole sequences and refusals are counted, and every
// divergence is logged. PODVIZ_E2E_SCENARIOS=N runs only the first N
// generated scenarios (and the fixed ones).
func TestRealDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(scenarioSeed, scenarioSeed))
	var scs []scenario
	for i := range scenarioCount {
		scs = append(scs, genScenario(r, i))
	}
	if n, err := strconv.Atoi(os.Getenv("PODVIZ_E2E_SCENARIOS")); err == nil && n < len(scs) {
		scs = scs[:n]
	}
	scs = append(scs, fixedScenarios()...)
	realSides := lockstepRun(t, scs)

	var endOK, reactOK, reactRecreate, wholeOK, refusalsAgree, moves, refusals int
	for _, sc := range scs {
		pv, rl := runPodviz(t, sc), realSides[sc.name]
		desc := sc.name + " (" + sc.summary + "; steps " + strings.Join(sc.steps, " | ") + ")"
		if pv.end.String() == rl.end.String() {
			endOK++
		} else {
			t.Errorf("%s: end states differ\npodviz: %s\nreal:   %s\npodviz moves: %s\nreal moves:   %s",
				desc, pv.end, rl.end, movesString(pv.moves), movesString(rl.moves))
		}
		reactSame := len(pv.reactions) == len(rl.reactions)
		for k := 0; reactSame && k < len(pv.reactions); k++ {
			reactSame = slices.Equal(pv.reactions[k], rl.reactions[k])
		}
		switch {
		case reactSame:
			reactOK++
		case sc.recreate && reactionsArePrefixes(pv.reactions, rl.reactions):
			// The fake kubelet removes a deleted pod at once, so Recreate's
			// scale-up of the new ReplicaSet comes in the same lockstep
			// point; podviz waits out the pods' grace period first, as a
			// real kubelet would make upstream wait (recreate.go
			// oldPodsRunning).
			reactRecreate++
			t.Logf("explained %s: Recreate's scale-up waits for terminating pods in podviz\npodviz: %v\nreal:   %v", desc, pv.reactions, rl.reactions)
		default:
			t.Logf("DIVERGENCE %s: immediate reactions to steps differ\npodviz: %v\nreal:   %v", desc, pv.reactions, rl.reactions)
		}
		moves += len(rl.moves)
		refusals += len(rl.failed)
		if slices.Equal(pv.moves, rl.moves) {
			wholeOK++
		} else {
			t.Logf("sequence differs %s\npodviz: %s\nreal:   %s", desc, movesString(pv.moves), movesString(rl.moves))
		}
		if len(pv.failed) == len(rl.failed) {
			refusalsAgree++
		} else {
			t.Logf("DIVERGENCE %s: refused steps differ\npodviz: %q\nreal:   %q", desc, pv.failed, rl.failed)
		}
	}
	t.Logf("real differential: %d scenarios; end states matched %d; immediate reactions matched %d (+%d Recreate scenarios where podviz's graceful termination delays the scale-up); whole sequences matched %d (%d ScalingReplicaSet moves on the real side); step refusals agreed %d (%d steps refused on the real side)",
		len(scs), endOK, reactOK, reactRecreate, wholeOK, moves, refusalsAgree, refusals)
}

func reactionsArePrefixes(pv, rl [][]move) bool {
	if len(pv) != len(rl) {
		return false
	}
	for k := range pv {
		if len(pv[k]) > len(rl[k]) || !slices.Equal(pv[k], rl[k][:len(pv[k])]) {
			return false
		}
	}
	return true
}
