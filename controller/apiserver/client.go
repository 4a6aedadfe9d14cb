package apiserver

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
)

// What a controller holds of a kind, as client-go hands it a lister and
// an informer from its shared informer factory and a typed client from
// its clientset: reads, watch handlers and writes. A Store is all three;
// a controller takes the narrow views, so the store's own machinery
// (final removal, which only the kubelet does; the indexes' set-up; the
// raw maps the facade reads) is out of its reach.

// Lister reads the informer's cache.
type Lister[T Object] interface {
	Get(key string) T
	// GetNamespaced is Get(Key(namespace, name)) without the caller
	// building the key (through an interface it would escape, an
	// allocation per call).
	GetNamespaced(namespace, name string) T
	GetByUID(uid types.UID) T
	List() []T
	ListNamespace(namespace string) []T
	Select(namespace string, sel labels.Selector) []T
	ListOwnedBy(uid types.UID) []T
	OwnedByUID(uid types.UID) map[string]T
	Counted(owner types.UID) int
}

// Informer is a Lister whose changes can be watched.
type Informer[T Object] interface {
	Lister[T]
	AddHandler(h Handler[T])
}

// Client writes to the apiserver.
type Client[T Object] interface {
	Create(obj T) error
	Update(obj T)
	UpdateSpec(obj T)
	UpdateStatus(obj T)
	Delete(obj T, grace *int64)
	SetController(obj T, ref metav1.OwnerReference)
}

var (
	_ Informer[metav1.Object] = (*Store[metav1.Object])(nil)
	_ Client[metav1.Object]   = (*Store[metav1.Object])(nil)
)
