package workqueue

import "testing"

// TestQueue_FIFOWithoutDuplicates: keys come out in the order first added;
// a key already waiting is not added twice, and may be added again once
// popped (a sync that requeues itself).
func TestQueue_FIFOWithoutDuplicates(t *testing.T) {
	var q Queue
	for _, k := range []string{"a", "b", "a", "c", "b"} {
		q.Add(k)
	}
	var got []string
	for {
		k, ok := q.Get()
		if !ok {
			break
		}
		got = append(got, k)
		if k == "a" && len(got) == 1 {
			q.Add("a")
		}
	}
	if want := "a b c a"; join(got) != want {
		t.Fatalf("got %q, want %q", join(got), want)
	}
	q.Add("d")
	if k, ok := q.Get(); !ok || k != "d" {
		t.Fatalf("after draining: got %q %v, want d", k, ok)
	}
}

func join(s []string) string {
	out := ""
	for i, k := range s {
		if i > 0 {
			out += " "
		}
		out += k
	}
	return out
}
