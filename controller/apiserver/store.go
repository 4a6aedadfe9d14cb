// Package apiserver is the control plane's API store: what the apiserver and
// the informers' caches are together in a real cluster. It holds any API
// object type (one Store per kind, registered on a Server), admits each
// create and update with the kind's Strategy (admission.go), stamps what the
// apiserver stamps (uid, resourceVersion, generation, creationTimestamp),
// keeps the indexes informers keep (by key, uid, namespace, label and
// controlling owner),
// implements graceful deletion and the garbage collector's background
// cascade through ownerReferences, and tells every watcher of every change
// (add, update, update of status, delete), as an informer's event handlers
// see it.
//
// Writers change the stored object in place and then report the write
// (Update, UpdateSpec, UpdateStatus): the store and the informers' cache
// share one copy, so a sync costs no DeepCopy per object. The old object a
// handler receives is therefore the object itself; handlers here key on the
// object, as podviz's controllers do.
package apiserver

import (
	"fmt"
	"maps"
	"sort"
	"strconv"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/selection"
	"k8s.io/apimachinery/pkg/types"
)

// Object is what a Store holds: a pointer to a k8s.io/api type.
type Object interface {
	comparable
	metav1.Object
}

// Clock is the time the server stamps (creationTimestamp, deletionTimestamp).
type Clock interface{ Now() time.Time }

// Server holds what every kind shares: one resourceVersion sequence, the
// uid sequence, the clock, and the ownership graph the cascade follows.
type Server struct {
	clock  Clock
	rv     uint64
	uidSeq uint64
	// dependents lists, by owner kind, the cascades of the kinds it owns.
	dependents map[string][]func(owner types.UID)
}

// NewServer returns an empty server stamping time from c.
func NewServer(c Clock) *Server {
	return &Server{clock: c, dependents: map[string][]func(types.UID){}}
}

// ResourceVersion is the latest resourceVersion handed out.
func (s *Server) ResourceVersion() uint64 { return s.rv }

// stamp fills what the apiserver fills on create: uid, resourceVersion,
// creationTimestamp, generation.
func (s *Server) stamp(m metav1.Object) {
	s.uidSeq++
	// A uid shaped like a real one, derived from a counter so it is stable.
	m.SetUID(types.UID(fmt.Sprintf("00000000-0000-4000-8000-%012x", s.uidSeq)))
	m.SetCreationTimestamp(metav1.NewTime(s.clock.Now().Truncate(time.Second)))
	m.SetGeneration(1)
	s.bump(m)
}

func (s *Server) bump(m metav1.Object) {
	s.rv++
	m.SetResourceVersion(strconv.FormatUint(s.rv, 10))
}

// Handler is an informer's event handlers for one kind; nil funcs are
// skipped, and a nil UpdateStatus falls back to Update.
type Handler[T Object] struct {
	Add          func(obj T)
	Update       func(old, obj T)
	UpdateStatus func(old, obj T)
	Delete       func(obj T)
}

// Store holds the objects of one kind.
type Store[T Object] struct {
	srv  *Server
	kind string
	// items by key (namespace/name); byUID resolves owner references;
	// byOwner: controlling owner's uid → its objects by key (orphans under
	// the empty uid).
	items   map[string]T
	byUID   map[types.UID]T
	byOwner map[types.UID]map[string]T
	// byNamespace: namespace → its objects by key. byLabel: label key →
	// value → the objects carrying it, by key; indexed holds the labels
	// each object was indexed under (a copy: a writer may change the map
	// in place), so an update finds what to move. They are built on first
	// use (ListNamespace, Select) and kept from then on: a kind nobody
	// selects (the pods of a rollout, until `kubectl delete pod -l`) pays
	// nothing for them.
	byNamespace map[string]map[string]T
	byLabel     map[string]map[string]map[string]T
	indexed     map[types.UID]map[string]string
	// counted, when set, keeps countByOwner: how many of each owner's
	// objects satisfy it, kept up to date on every write so a controller
	// need not recount (the replicaset controller's active pods).
	counted      func(T) bool
	countByOwner map[types.UID]int
	countedNow   map[types.UID]bool
	// gracePeriod, when set, makes deletion graceful: Delete marks the
	// object with a deletionTimestamp that far ahead, and whoever runs it
	// (the kubelet) removes it for good with Remove.
	gracePeriod func(T) int64
	handlers    []Handler[T]
	// strategy is the kind's admission (admission.go).
	strategy Strategy[T]
}

// Register adds a kind to the server, admitting its writes with strategy
// (the zero Strategy admits everything).
func Register[T Object](srv *Server, kind string, strategy Strategy[T]) *Store[T] {
	return &Store[T]{
		srv:      srv,
		kind:     kind,
		strategy: strategy,
		items:    map[string]T{},
		byUID:    map[types.UID]T{},
		byOwner:  map[types.UID]map[string]T{},
	}
}

// Kind is the kind's name ("Pod").
func (st *Store[T]) Kind() string { return st.kind }

// CountBy keeps a count, per controlling owner, of the objects pred holds
// for; register it before the first object.
func (st *Store[T]) CountBy(pred func(T) bool) {
	st.counted = pred
	st.countByOwner = map[types.UID]int{}
	st.countedNow = map[types.UID]bool{}
}

// Graceful makes the kind's deletion graceful, period giving an object's
// own grace period in seconds.
func (st *Store[T]) Graceful(period func(T) int64) { st.gracePeriod = period }

// OwnedBy declares that owner's objects own this kind's through their
// controller reference: deleting one cascades to its dependents, as the
// garbage collector's background deletion does (the owner goes at once,
// then its dependents, in name order).
func OwnedBy[T, O Object](st *Store[T], owner *Store[O]) {
	owner.srv.dependents[owner.kind] = append(owner.srv.dependents[owner.kind], func(uid types.UID) {
		for _, obj := range st.ListOwnedBy(uid) {
			st.Delete(obj, nil)
		}
	})
}

// AddHandler adds an informer's handlers; they run in the order added.
func (st *Store[T]) AddHandler(h Handler[T]) { st.handlers = append(st.handlers, h) }

// Key is namespace/name, the informers' cache key.
func Key(namespace, name string) string { return namespace + "/" + name }

// ControllerUID is the uid of the object's controlling owner, "" if none.
func ControllerUID(m metav1.Object) types.UID {
	refs := m.GetOwnerReferences()
	for i := range refs {
		r := &refs[i]
		if r.Controller != nil && *r.Controller {
			return r.UID
		}
	}
	return ""
}

// Get returns the object at key, or the zero T.
func (st *Store[T]) Get(key string) T { return st.items[key] }

// GetNamespaced returns the object namespace/name, or the zero T.
func (st *Store[T]) GetNamespaced(namespace, name string) T { return st.items[Key(namespace, name)] }

// GetByUID returns the object with uid, or the zero T.
func (st *Store[T]) GetByUID(uid types.UID) T { return st.byUID[uid] }

// Len is the number of objects.
func (st *Store[T]) Len() int { return len(st.items) }

// Items is the objects by key; callers only read it.
func (st *Store[T]) Items() map[string]T { return st.items }

// OwnedByUID is the objects whose controller is uid ("" for orphans), by
// key; callers only read it.
func (st *Store[T]) OwnedByUID(uid types.UID) map[string]T { return st.byOwner[uid] }

// Owners calls f with each owner uid and its objects (map order).
func (st *Store[T]) Owners(f func(owner types.UID, objs map[string]T)) {
	for uid, m := range st.byOwner {
		f(uid, m)
	}
}

// Counted is how many of owner's objects satisfy the CountBy predicate.
func (st *Store[T]) Counted(owner types.UID) int { return st.countByOwner[owner] }

// Counts is the CountBy index: owner uid → count (owners with none are
// absent); callers only read it.
func (st *Store[T]) Counts() map[types.UID]int { return st.countByOwner }

// ListOwnedBy returns uid's objects sorted by name. The index's keys are
// the objects' keys (namespace/name, one namespace per owner), so sorting
// them avoids touching 10,000 structs per comparison.
func (st *Store[T]) ListOwnedBy(uid types.UID) []T { return sortedByKey(st.byOwner[uid]) }

// List returns every object by namespace, then name.
func (st *Store[T]) List() []T {
	out := make([]T, 0, len(st.items))
	for _, o := range st.items {
		out = append(out, o)
	}
	SortByNamespaceName(out)
	return out
}

// ListNamespace returns the objects of one namespace sorted by name.
func (st *Store[T]) ListNamespace(namespace string) []T {
	st.buildIndexes()
	return sortedByKey(st.byNamespace[namespace])
}

// Select returns the objects of namespace that sel selects, sorted by
// name. It starts from the smallest set the indexes give (an equality or
// set requirement's label values, else the namespace) and checks the whole
// selector on those only.
func (st *Store[T]) Select(namespace string, sel labels.Selector) []T {
	st.buildIndexes()
	candidates := st.byNamespace[namespace]
	if reqs, ok := sel.Requirements(); ok {
		for _, r := range reqs {
			var vals []string
			switch r.Operator() {
			case selection.Equals, selection.DoubleEquals, selection.In:
				vals = r.ValuesUnsorted()
			default:
				continue
			}
			byValue := st.byLabel[r.Key()]
			n := 0
			for _, v := range vals {
				n += len(byValue[v])
			}
			if n >= len(candidates) {
				continue
			}
			union := make(map[string]T, n)
			for _, v := range vals {
				maps.Copy(union, byValue[v])
			}
			candidates = union
		}
	}
	var out []T
	for _, o := range candidates {
		if o.GetNamespace() == namespace && sel.Matches(labels.Set(o.GetLabels())) {
			out = append(out, o)
		}
	}
	SortByNamespaceName(out)
	return out
}

// sortedByKey returns the index's objects sorted by key (by name within
// one namespace).
func sortedByKey[T any](m map[string]T) []T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]T, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// SortByNamespaceName sorts objects by namespace, then name.
func SortByNamespaceName[T Object](objs []T) {
	sort.Slice(objs, func(i, j int) bool {
		if a, b := objs[i].GetNamespace(), objs[j].GetNamespace(); a != b {
			return a < b
		}
		return objs[i].GetName() < objs[j].GetName()
	})
}

func addTo[I comparable, T any](idx map[I]map[string]T, uid I, k string, v T) {
	m := idx[uid]
	if m == nil {
		m = map[string]T{}
		idx[uid] = m
	}
	m[k] = v
}

func removeFrom[I comparable, T any](idx map[I]map[string]T, uid I, k string) {
	if m := idx[uid]; m != nil {
		delete(m, k)
		if len(m) == 0 {
			delete(idx, uid)
		}
	}
}

// buildIndexes builds the namespace and label indexes, once.
func (st *Store[T]) buildIndexes() {
	if st.indexed != nil {
		return
	}
	st.byNamespace = map[string]map[string]T{}
	st.byLabel = map[string]map[string]map[string]T{}
	st.indexed = map[types.UID]map[string]string{}
	for k, obj := range st.items {
		addTo(st.byNamespace, obj.GetNamespace(), k, obj)
		st.indexLabels(obj, k)
	}
}

// indexLabels brings the label index up to date with obj's labels; an
// unchanged set (every write but a relabel) costs a comparison. k is obj's
// key, "" to have it built only when needed.
func (st *Store[T]) indexLabels(obj T, k string) {
	uid, now := obj.GetUID(), obj.GetLabels()
	if maps.Equal(st.indexed[uid], now) {
		return
	}
	if k == "" {
		k = Key(obj.GetNamespace(), obj.GetName())
	}
	st.unindexLabels(uid, k)
	if len(now) == 0 {
		return
	}
	for lk, lv := range now {
		byValue := st.byLabel[lk]
		if byValue == nil {
			byValue = map[string]map[string]T{}
			st.byLabel[lk] = byValue
		}
		set := byValue[lv]
		if set == nil {
			set = map[string]T{}
			byValue[lv] = set
		}
		set[k] = obj
	}
	st.indexed[uid] = maps.Clone(now)
}

func (st *Store[T]) unindexLabels(uid types.UID, k string) {
	for lk, lv := range st.indexed[uid] {
		byValue := st.byLabel[lk]
		if set := byValue[lv]; set != nil {
			delete(set, k)
			if len(set) == 0 {
				delete(byValue, lv)
			}
		}
		if len(byValue) == 0 {
			delete(st.byLabel, lk)
		}
	}
	delete(st.indexed, uid)
}

func (st *Store[T]) countAdd(owner types.UID, d int) {
	if st.countByOwner[owner] += d; st.countByOwner[owner] <= 0 {
		delete(st.countByOwner, owner)
	}
}

// recount brings the counted index up to date after a write of obj.
func (st *Store[T]) recount(obj T) {
	if st.counted == nil {
		return
	}
	uid := obj.GetUID()
	was, now := st.countedNow[uid], st.counted(obj)
	if was == now {
		return
	}
	st.countedNow[uid] = now
	d := 1
	if !now {
		d = -1
	}
	st.countAdd(ControllerUID(obj), d)
}

// Create admits a new object (the caller checked its name is free) with
// the kind's strategy, then stores it, stamping it, and tells the
// watchers. A refused object is not stored.
func (st *Store[T]) Create(obj T) error {
	if err := st.admitCreate(obj); err != nil {
		return err
	}
	st.srv.stamp(obj)
	k := Key(obj.GetNamespace(), obj.GetName())
	st.items[k] = obj
	st.byUID[obj.GetUID()] = obj
	addTo(st.byOwner, ControllerUID(obj), k, obj)
	if st.indexed != nil {
		addTo(st.byNamespace, obj.GetNamespace(), k, obj)
		st.indexLabels(obj, k)
	}
	st.recount(obj)
	for _, h := range st.handlers {
		if h.Add != nil {
			h.Add(obj)
		}
	}
	return nil
}

// Update records a write of obj's metadata or spec (a new
// resourceVersion) and tells the watchers.
func (st *Store[T]) Update(obj T) {
	st.srv.bump(obj)
	if st.indexed != nil {
		st.indexLabels(obj, "")
	}
	st.recount(obj)
	for _, h := range st.handlers {
		if h.Update != nil {
			h.Update(obj, obj)
		}
	}
}

// UpdateSpec is Update for a write that changed the spec: generation moves,
// as the apiserver moves it.
func (st *Store[T]) UpdateSpec(obj T) {
	obj.SetGeneration(obj.GetGeneration() + 1)
	st.Update(obj)
}

// UpdateStatus records a write of obj's status subresource.
func (st *Store[T]) UpdateStatus(obj T) {
	st.srv.bump(obj)
	st.recount(obj)
	for _, h := range st.handlers {
		switch {
		case h.UpdateStatus != nil:
			h.UpdateStatus(obj, obj)
		case h.Update != nil:
			h.Update(obj, obj)
		}
	}
}

// SetController makes ref obj's controller (adoption), keeping the owner
// index and the count right.
func (st *Store[T]) SetController(obj T, ref metav1.OwnerReference) {
	k := Key(obj.GetNamespace(), obj.GetName())
	old := ControllerUID(obj)
	if st.counted != nil && st.countedNow[obj.GetUID()] {
		st.countAdd(old, -1)
		st.countAdd(ref.UID, 1)
	}
	removeFrom(st.byOwner, old, k)
	obj.SetOwnerReferences(append(obj.GetOwnerReferences(), ref))
	addTo(st.byOwner, ref.UID, k, obj)
	st.Update(obj)
}

// Delete deletes obj. For a graceful kind it marks obj with a
// deletionTimestamp grace seconds ahead (nil: the object's own period) and
// tells the watchers of the update; whoever runs the object removes it
// with Remove once it has stopped. A second delete may only end the wait:
// grace 0 removes a terminating object at once. Other kinds are removed at
// once, and their dependents deleted after them.
func (st *Store[T]) Delete(obj T, grace *int64) {
	if st.gracePeriod == nil {
		st.Remove(obj)
		return
	}
	g := st.gracePeriod(obj)
	if grace != nil {
		g = *grace
	}
	if obj.GetDeletionTimestamp() != nil {
		if g == 0 {
			st.Remove(obj)
		}
		return
	}
	at := metav1.NewTime(st.srv.clock.Now().Truncate(time.Second).Add(time.Duration(g) * time.Second))
	obj.SetDeletionTimestamp(&at)
	obj.SetDeletionGracePeriodSeconds(&g)
	st.Update(obj)
}

// Remove takes obj out of the store for good (a no-op when it is gone),
// tells the watchers, then cascades to its dependents.
func (st *Store[T]) Remove(obj T) {
	k := Key(obj.GetNamespace(), obj.GetName())
	if st.items[k] != obj {
		return
	}
	uid := obj.GetUID()
	if st.counted != nil {
		if st.countedNow[uid] {
			st.countAdd(ControllerUID(obj), -1)
		}
		delete(st.countedNow, uid)
	}
	delete(st.items, k)
	delete(st.byUID, uid)
	removeFrom(st.byOwner, ControllerUID(obj), k)
	if st.indexed != nil {
		removeFrom(st.byNamespace, obj.GetNamespace(), k)
		st.unindexLabels(uid, k)
	}
	st.srv.rv++
	for _, h := range st.handlers {
		if h.Delete != nil {
			h.Delete(obj)
		}
	}
	for _, cascade := range st.srv.dependents[st.kind] {
		cascade(uid)
	}
}

// NewControllerRef is the owner reference a controller puts on what it
// creates (metav1.NewControllerRef, without needing a runtime.Object).
func NewControllerRef(name string, uid types.UID, kind, apiVersion string) metav1.OwnerReference {
	t := true
	return metav1.OwnerReference{APIVersion: apiVersion, Kind: kind, Name: name, UID: uid, Controller: &t, BlockOwnerDeletion: &t}
}
