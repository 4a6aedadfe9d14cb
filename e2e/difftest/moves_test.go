package difftest

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// move is one ScalingReplicaSet event, with the ReplicaSet named by its
// creation order (A, B, C…) since the two sides hash templates apart.
type move struct {
	up       bool
	rs       string
	from, to int
}

func (m move) String() string {
	dir := "down"
	if m.up {
		dir = "up"
	}
	return fmt.Sprintf("%s%s%d→%d", dir, m.rs, m.from, m.to)
}

func movesString(ms []move) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.String()
	}
	return strings.Join(parts, " ")
}

// scalingMessage is upstream's ScalingReplicaSet wording
// (pkg/controller/deployment/sync.go scaleReplicaSet).
var scalingMessage = regexp.MustCompile(`^Scaled (up|down) replica set (\S+) from (\d+) to (\d+)$`)

// parseMove reads one event message, naming the ReplicaSet by labels (its
// name when labels has none for it).
func parseMove(msg string, labels map[string]string) (move, bool) {
	m := scalingMessage.FindStringSubmatch(msg)
	if m == nil {
		return move{}, false
	}
	from, _ := strconv.Atoi(m[3])
	to, _ := strconv.Atoi(m[4])
	label, ok := labels[m[2]]
	if !ok {
		label = m[2]
	}
	return move{up: m[1] == "up", rs: label, from: from, to: to}, true
}

func labelFor(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return fmt.Sprintf("RS%d", i)
}

// endState is what must always match: the Deployment's replicas and paused
// flag, every ReplicaSet's size by creation order, and which one is new
// (the highest revision).
type endState struct {
	replicas int
	paused   bool
	sizes    []string // "A=0", "B=3"
	newRS    string
}

func (e endState) String() string {
	return fmt.Sprintf("replicas=%d paused=%v rs=[%s] new=%s", e.replicas, e.paused, strings.Join(e.sizes, " "), e.newRS)
}

type rsSize struct {
	label    string
	size     int
	revision int64
}

func newEndState(replicas int, paused bool, rss []rsSize) endState {
	e := endState{replicas: replicas, paused: paused}
	var best int64 = -1
	for _, r := range rss {
		e.sizes = append(e.sizes, fmt.Sprintf("%s=%d", r.label, r.size))
		if r.revision > best {
			best, e.newRS = r.revision, r.label
		}
	}
	slices.Sort(e.sizes)
	return e
}

// side is what one implementation did with a scenario.
type side struct {
	moves []move
	// reactions[k] are the moves made at once in answer to step k, before
	// any pod became ready: they do not depend on readiness timing.
	reactions [][]move
	end       endState
	failed    []string // the steps refused, with kubectl's error
}
