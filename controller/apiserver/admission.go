package apiserver

import (
	"errors"
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Strategy is a kind's admission: what the apiserver's registry strategy
// for the kind (pkg/registry/apps/deployment/strategy.go and its siblings)
// runs on every create and update before anything is stored, so a write
// that would be invalid is refused whoever makes it. A nil func admits
// everything.
//
// Status writes (UpdateStatus) are not validated, as upstream's status
// strategies validate only the status, and podviz's status is written by
// its own controllers and kubelet from admitted objects: a validation per
// pod per transition would cost allocations on every sync of a 10,000-pod
// rollout for nothing. Nor are a controller's in-place writes (Update,
// UpdateSpec of a value it derived from admitted objects: a revision
// annotation, a ReplicaSet's replicas): the store shares one copy with its
// writers, so a write made in place cannot be refused after the fact. A
// writer that needs the answer before it changes anything uses Replace.
type Strategy[T Object] struct {
	// PrepareForCreate fills in what the apiserver fills in before it
	// validates a new object (its defaults).
	PrepareForCreate func(obj T)
	// Validate checks a new object (upstream's strategy Validate).
	Validate func(obj T) field.ErrorList
	// ValidateUpdate checks obj, a changed copy of the stored old, before
	// it replaces it (upstream's strategy ValidateUpdate).
	ValidateUpdate func(obj, old T) field.ErrorList
}

// AdmitFunc is a request's own admission after the kind's strategy, as
// the apiserver's admission plugins run after validation (upstream's
// rest.ValidateObjectUpdateFunc; ResourceQuota is one).
type AdmitFunc[T Object] func(obj, old T) *field.Error

// InvalidError is the apiserver's 422 Invalid (apierrors.NewInvalid): the
// kind and name of the refused object and every field error, in order.
type InvalidError struct {
	Kind, Name string
	Errs       field.ErrorList
}

// NewInvalid returns the Invalid error for the object kind/name.
func NewInvalid(kind, name string, errs field.ErrorList) error {
	return &InvalidError{Kind: kind, Name: name, Errs: errs}
}

// Error is the line kubectl prints for it: one error on the line, several
// as kubectl's "* " list (cmdutil.MultilineError).
func (e *InvalidError) Error() string {
	prefix := fmt.Sprintf("The %s %q is invalid: ", e.Kind, e.Name)
	if len(e.Errs) == 1 {
		return prefix + e.Errs[0].Error()
	}
	var b strings.Builder
	b.WriteString(prefix + "\n")
	for i, fe := range e.Errs {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("* " + fe.Error())
	}
	return b.String()
}

// IsInvalid reports whether err is an Invalid error (apierrors.IsInvalid).
func IsInvalid(err error) bool {
	var ie *InvalidError
	return errors.As(err, &ie)
}

// admitCreate runs the strategy on a new object.
func (st *Store[T]) admitCreate(obj T) error {
	if st.strategy.PrepareForCreate != nil {
		st.strategy.PrepareForCreate(obj)
	}
	if st.strategy.Validate == nil {
		return nil
	}
	if errs := st.strategy.Validate(obj); len(errs) > 0 {
		return NewInvalid(st.kind, obj.GetName(), errs)
	}
	return nil
}

// Replace admits obj, a writer's changed copy of the stored object live,
// as the apiserver admits an update: the kind's ValidateUpdate, then the
// request's own admit (nil: none), stopping at the first that refuses. Only
// then does it call write, which puts what the request changes into live
// (the store keeps one copy of each object, which its readers share) and
// reports whether the spec changed; the write is recorded as UpdateSpec
// (generation moves) or Update. A refused write changes nothing.
func (st *Store[T]) Replace(live, obj T, admit AdmitFunc[T], write func() (specChanged bool)) error {
	if st.strategy.ValidateUpdate != nil {
		if errs := st.strategy.ValidateUpdate(obj, live); len(errs) > 0 {
			return NewInvalid(st.kind, obj.GetName(), errs)
		}
	}
	if admit != nil {
		if e := admit(obj, live); e != nil {
			return NewInvalid(st.kind, obj.GetName(), field.ErrorList{e})
		}
	}
	if write() {
		st.UpdateSpec(live)
	} else {
		st.Update(live)
	}
	return nil
}
