package events

import (
	"testing"
	"time"
)

// TestRecorder_CountsDropped: entries that fall off the ring are counted,
// so every view can say the log is not whole.
func TestRecorder_CountsDropped(t *testing.T) {
	r := newLog()
	r.limit = 3
	for i := range 5 {
		r.record(time.Duration(i)*time.Second, "Normal", "R", "pod/p", "default", "kubelet", string(rune('a'+i)))
	}
	r.record(5*time.Second, "Normal", "R", "pod/p", "default", "kubelet", "e") // a repeat drops nothing
	if got := len(r.list()); got != 3 || r.dropped != 2 {
		t.Errorf("kept %d, dropped %d; want 3 and 2", got, r.dropped)
	}
}
