package controller

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"podviz/controller/clock"
	"podviz/controller/controllerutil"
)

// store holds the API objects, like the apiserver plus the informers'
// indexes: by key (namespace/name), and by controlling owner so a sync
// touches only its own children. Every write bumps one global
// resourceVersion.
type store struct {
	rv      uint64
	uidSeq  uint64
	clock   clock.PassiveClock
	deploys map[string]*appsv1.Deployment
	rss     map[string]*appsv1.ReplicaSet
	pods    map[string]*corev1.Pod
	// rsByOwner: Deployment uid → its ReplicaSets by key; podsByOwner:
	// ReplicaSet uid → its pods by key. Orphans live under the empty uid.
	rsByOwner   map[types.UID]map[string]*appsv1.ReplicaSet
	podsByOwner map[types.UID]map[string]*corev1.Pod
	// activeByOwner counts each owner's active pods (IsPodActive), kept up
	// to date on every change so a ReplicaSet sync need not recount.
	activeByOwner map[types.UID]int
	// rsByUID and deployByUID resolve owner references.
	rsByUID     map[types.UID]*appsv1.ReplicaSet
	deployByUID map[types.UID]*appsv1.Deployment
}

func newStore(c clock.PassiveClock) *store {
	return &store{
		clock:         c,
		deploys:       map[string]*appsv1.Deployment{},
		rss:           map[string]*appsv1.ReplicaSet{},
		pods:          map[string]*corev1.Pod{},
		rsByOwner:     map[types.UID]map[string]*appsv1.ReplicaSet{},
		podsByOwner:   map[types.UID]map[string]*corev1.Pod{},
		activeByOwner: map[types.UID]int{},
		rsByUID:       map[types.UID]*appsv1.ReplicaSet{},
		deployByUID:   map[types.UID]*appsv1.Deployment{},
	}
}

func key(namespace, name string) string { return namespace + "/" + name }

// controllerUID is the uid of the object's controlling owner, "" if none.
func controllerUID(m *metav1.ObjectMeta) types.UID {
	for i := range m.OwnerReferences {
		r := &m.OwnerReferences[i]
		if r.Controller != nil && *r.Controller {
			return r.UID
		}
	}
	return ""
}

// stamp fills what the apiserver fills on create: uid, resourceVersion,
// creationTimestamp, generation.
func (s *store) stamp(m *metav1.ObjectMeta) {
	s.uidSeq++
	// A uid shaped like a real one, derived from a counter so it is stable.
	m.UID = types.UID(fmt.Sprintf("00000000-0000-4000-8000-%012x", s.uidSeq))
	m.CreationTimestamp = metav1.NewTime(s.clock.Now().Truncate(time.Second))
	m.Generation = 1
	s.bump(m)
}

func (s *store) bump(m *metav1.ObjectMeta) {
	s.rv++
	m.ResourceVersion = strconv.FormatUint(s.rv, 10)
}

func addTo[T any](idx map[types.UID]map[string]T, uid types.UID, k string, v T) {
	m := idx[uid]
	if m == nil {
		m = map[string]T{}
		idx[uid] = m
	}
	m[k] = v
}

func removeFrom[T any](idx map[types.UID]map[string]T, uid types.UID, k string) {
	if m := idx[uid]; m != nil {
		delete(m, k)
		if len(m) == 0 {
			delete(idx, uid)
		}
	}
}

func (s *store) createDeployment(d *appsv1.Deployment) {
	s.stamp(&d.ObjectMeta)
	s.deploys[key(d.Namespace, d.Name)] = d
	s.deployByUID[d.UID] = d
}

func (s *store) createReplicaSet(rs *appsv1.ReplicaSet) {
	s.stamp(&rs.ObjectMeta)
	k := key(rs.Namespace, rs.Name)
	s.rss[k] = rs
	s.rsByUID[rs.UID] = rs
	addTo(s.rsByOwner, controllerUID(&rs.ObjectMeta), k, rs)
}

func (s *store) createPod(p *corev1.Pod) {
	s.stamp(&p.ObjectMeta)
	k := key(p.Namespace, p.Name)
	s.pods[k] = p
	addTo(s.podsByOwner, controllerUID(&p.ObjectMeta), k, p)
	s.podActivity(p, false)
}

// podActivity records that p may have become (in)active; wasActive is what
// IsPodActive said before the change.
func (s *store) podActivity(p *corev1.Pod, wasActive bool) {
	if now := controllerutil.IsPodActive(p); now != wasActive {
		d := 1
		if !now {
			d = -1
		}
		s.countActive(controllerUID(&p.ObjectMeta), d)
	}
}

func (s *store) countActive(owner types.UID, d int) {
	if s.activeByOwner[owner] += d; s.activeByOwner[owner] <= 0 {
		delete(s.activeByOwner, owner)
	}
}

// setOwner changes an object's controller reference (adoption), keeping the
// owner index right.
func (s *store) adoptReplicaSet(rs *appsv1.ReplicaSet, d *appsv1.Deployment) {
	k := key(rs.Namespace, rs.Name)
	removeFrom(s.rsByOwner, controllerUID(&rs.ObjectMeta), k)
	rs.OwnerReferences = append(rs.OwnerReferences, controllerRef(d.Name, d.UID, "Deployment", "apps/v1"))
	addTo(s.rsByOwner, d.UID, k, rs)
	s.bump(&rs.ObjectMeta)
}

func (s *store) adoptPod(p *corev1.Pod, rs *appsv1.ReplicaSet) {
	k := key(p.Namespace, p.Name)
	if controllerutil.IsPodActive(p) {
		s.countActive(controllerUID(&p.ObjectMeta), -1)
		s.countActive(rs.UID, 1)
	}
	removeFrom(s.podsByOwner, controllerUID(&p.ObjectMeta), k)
	p.OwnerReferences = append(p.OwnerReferences, controllerRef(rs.Name, rs.UID, "ReplicaSet", "apps/v1"))
	addTo(s.podsByOwner, rs.UID, k, p)
	s.bump(&p.ObjectMeta)
}

func (s *store) removeDeployment(d *appsv1.Deployment) {
	delete(s.deploys, key(d.Namespace, d.Name))
	delete(s.deployByUID, d.UID)
}

func (s *store) removeReplicaSet(rs *appsv1.ReplicaSet) {
	k := key(rs.Namespace, rs.Name)
	delete(s.rss, k)
	delete(s.rsByUID, rs.UID)
	removeFrom(s.rsByOwner, controllerUID(&rs.ObjectMeta), k)
}

func (s *store) removePod(p *corev1.Pod) {
	if controllerutil.IsPodActive(p) {
		s.countActive(controllerUID(&p.ObjectMeta), -1)
	}
	k := key(p.Namespace, p.Name)
	delete(s.pods, k)
	removeFrom(s.podsByOwner, controllerUID(&p.ObjectMeta), k)
}

// replicaSetsOf returns a Deployment's ReplicaSets sorted by name.
func (s *store) replicaSetsOf(uid types.UID) []*appsv1.ReplicaSet {
	m := s.rsByOwner[uid]
	out := make([]*appsv1.ReplicaSet, 0, len(m))
	for _, rs := range m {
		out = append(out, rs)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// podsOf returns a ReplicaSet's pods (any state), sorted by name. The map
// keys are the pods' keys (namespace/name, one namespace per owner), so
// sorting them avoids touching 10,000 pod structs per comparison.
func (s *store) podsOf(uid types.UID) []*corev1.Pod {
	m := s.podsByOwner[uid]
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*corev1.Pod, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// sortedDeployments returns every Deployment by namespace, then name.
func (s *store) sortedDeployments() []*appsv1.Deployment {
	out := make([]*appsv1.Deployment, 0, len(s.deploys))
	for _, d := range s.deploys {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Namespace != out[j].Namespace {
			return out[i].Namespace < out[j].Namespace
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func controllerRef(name string, uid types.UID, kind, apiVersion string) metav1.OwnerReference {
	t := true
	return metav1.OwnerReference{APIVersion: apiVersion, Kind: kind, Name: name, UID: uid, Controller: &t, BlockOwnerDeletion: &t}
}

// allReplicaSetsSorted returns every ReplicaSet by namespace, then name.
func (s *store) allReplicaSetsSorted() []*appsv1.ReplicaSet {
	out := make([]*appsv1.ReplicaSet, 0, len(s.rss))
	for _, rs := range s.rss {
		out = append(out, rs)
	}
	sortByNamespaceName(out)
	return out
}
