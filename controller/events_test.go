package controller

import (
	"strings"
	"testing"
	"time"
)

// TestRecorder_SeqOrdersAggregatedRepeats: an undo with no surge room
// scales the current ReplicaSet down before the reused one up. The reused
// one's "Scaled up ... from 0 to 1" repeats the event of its first rollout,
// so it aggregates into that old entry (Count 2); Seq must still place the
// repeat after the scale-down, or the log tells the steps backwards.
func TestRecorder_SeqOrdersAggregatedRepeats(t *testing.T) {
	tc := parseCluster(t, webYAML(1, "  strategy:\n    rollingUpdate:\n      maxSurge: \"0%\"\n      maxUnavailable: 1", ""))
	tc.play(t, []step{
		{time.Minute, setImage("web", "nginx:1.27")},
		{2 * time.Minute, undo("web", 0)},
	}, 3*time.Minute)

	var up, down *Event
	events := tc.Snapshot().Events
	for i := range events {
		e := &events[i]
		if e.Reason != reasonScalingReplicaSet {
			continue
		}
		switch {
		case strings.HasPrefix(e.Message, "Scaled up") && strings.HasSuffix(e.Message, "from 0 to 1") && e.Count == 2:
			up = e
		case strings.HasPrefix(e.Message, "Scaled down") && e.Last >= 2*time.Minute:
			down = e
		}
	}
	if up == nil || down == nil {
		t.Fatalf("want an aggregated scale-up (count 2) and the undo's scale-down; events:\n%+v", events)
	}
	if up.Seq <= down.Seq {
		t.Errorf("repeat %q (seq %d) should come after %q (seq %d)", up.Message, up.Seq, down.Message, down.Seq)
	}
	if up.Last != down.Last {
		t.Errorf("both moves answer the undo at one instant: %v vs %v", up.Last, down.Last)
	}
}
