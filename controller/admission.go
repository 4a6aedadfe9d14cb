package controller

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"podviz/controller/apiserver"
	"podviz/model"
)

// The kinds' admission, as the apiserver's registry strategies
// (pkg/registry/apps/deployment/strategy.go, .../replicaset/strategy.go,
// pkg/registry/core/pod/strategy.go) run it, built from the model
// package's defaults and validation: every create and every Replace goes
// through it, whoever makes the write (a kubectl action, Apply, the
// deployment controller creating a ReplicaSet). The store calls these; see
// apiserver.Strategy for what it does not admit (status, in-place writes).

// deploymentStrategy defaults a new Deployment and validates it on create
// and update: podviz's control-character rule first (as at load: a line
// that would reach the terminal raw is refused before anything else is
// said of it), then upstream's ValidateDeployment, then on update the
// immutable selector (apps/v1's strategy ValidateUpdate).
var deploymentStrategy = apiserver.Strategy[*appsv1.Deployment]{
	PrepareForCreate: model.SetDefaultsDeployment,
	Validate:         validateDeployment,
	ValidateUpdate: func(d, old *appsv1.Deployment) field.ErrorList {
		errs := validateDeployment(d)
		if !equality.Semantic.DeepEqual(old.Spec.Selector, d.Spec.Selector) {
			errs = append(errs, field.Invalid(field.NewPath("spec", "selector"), d.Spec.Selector, "field is immutable"))
		}
		return errs
	},
}

func validateDeployment(d *appsv1.Deployment) field.ErrorList {
	if errs := model.UnsafeText(d); len(errs) > 0 {
		return errs
	}
	return model.ValidateDeployment(d)
}

// replicaSetStrategy defaults and validates a ReplicaSet, as
// deploymentStrategy does a Deployment. (Upstream also holds an apps/v1
// ReplicaSet's selector immutable; podviz's Apply has always taken a
// changed one, so that stays a change of its own.)
var replicaSetStrategy = apiserver.Strategy[*appsv1.ReplicaSet]{
	PrepareForCreate: model.SetDefaultsReplicaSet,
	Validate:         validateReplicaSet,
	ValidateUpdate:   func(rs, _ *appsv1.ReplicaSet) field.ErrorList { return validateReplicaSet(rs) },
}

func validateReplicaSet(rs *appsv1.ReplicaSet) field.ErrorList {
	if errs := model.UnsafeText(rs); len(errs) > 0 {
		return errs
	}
	return model.ValidateReplicaSet(rs)
}

// podStrategy admits every Pod. A bare Pod is defaulted and validated at
// load (model.Parse), and a controller's Pod is a copy of a template its
// owner's admission validated; ValidatePod on each created pod would cost
// 38 allocations per pod (about 44% more allocations in a 10,000-pod
// rollout), and upstream's Pod-only defaults (enableServiceLinks) and
// rules (an image with surrounding spaces: FailedCreate) would change what
// a ReplicaSet's pods look like, which is a change of its own.
var podStrategy = apiserver.Strategy[*corev1.Pod]{}
