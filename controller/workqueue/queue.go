// Package workqueue is client-go's util/workqueue without the goroutines:
// a FIFO of keys in which a key already waiting is not added twice. The
// controllers run one at a time on the Cluster's settle loop, so there is
// nothing to lock and no processing set: a key popped and added again
// during its own sync simply waits its turn.
package workqueue

// Queue is one controller's queue of object keys (namespace/name).
type Queue struct {
	items  []string
	head   int
	queued map[string]bool
}

// Add queues k unless it is already waiting.
func (q *Queue) Add(k string) {
	if q.queued == nil {
		q.queued = map[string]bool{}
	}
	if q.queued[k] {
		return
	}
	q.queued[k] = true
	q.items = append(q.items, k)
}

// Get pops the oldest key; false when the queue is empty.
func (q *Queue) Get() (string, bool) {
	if q.head == len(q.items) {
		q.items, q.head = q.items[:0], 0
		return "", false
	}
	k := q.items[q.head]
	q.items[q.head] = ""
	q.head++
	delete(q.queued, k)
	return k, true
}
