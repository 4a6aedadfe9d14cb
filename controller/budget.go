package controller

import (
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"podviz/controller/apiserver"
	"podviz/model"
)

// The pod budget (model.MaxPods) holds for the whole life of a cluster, not
// only at load: every action that can raise what an object needs (scale,
// set image, apply, undo) is refused, with the budget named, when the
// cluster would need more than the budget. An action that lowers a need is
// always allowed.

// cachedDemand is an object's pod demand at one resourceVersion: computing
// it marshals the template, which a cluster of 100,000 bare pods should
// not do again for every action.
type cachedDemand struct {
	rv     string
	demand model.PodDemand
}

// demand returns the cached demand of the object uid at rv, or computes
// it; either way it is kept in next, the cache the next count starts from
// (so the demands of deleted objects are dropped).
func (c *Cluster) demand(next map[types.UID]cachedDemand, uid types.UID, rv string, compute func() model.PodDemand) model.PodDemand {
	cd, ok := c.demands[uid]
	if !ok || cd.rv != rv {
		cd = cachedDemand{rv: rv, demand: compute()}
	}
	if next != nil {
		next[uid] = cd
	}
	return cd.demand
}

// podBudgetUsed is what the cluster's objects need of the budget, leaving
// out those whose "Kind/namespace/name" is in skip: every Deployment,
// every ReplicaSet no Deployment owns, every pod no ReplicaSet owns.
func (c *Cluster) podBudgetUsed(skip map[string]bool) int64 {
	var used int64
	next := make(map[types.UID]cachedDemand, len(c.demands))
	for k, d := range c.deploys.Items() {
		if !skip["Deployment/"+k] {
			used += c.demand(next, d.UID, d.ResourceVersion, func() model.PodDemand { return model.DeploymentDemand(d) }).Budget()
		}
	}
	for k, rs := range c.rss.Items() {
		if apiserver.ControllerUID(rs) == "" && !skip["ReplicaSet/"+k] {
			used += c.demand(next, rs.UID, rs.ResourceVersion, func() model.PodDemand { return model.ReplicaSetDemand(rs) }).Budget()
		}
	}
	for k, p := range c.pods.OwnedByUID("") {
		if !skip["Pod/"+k] {
			used += c.demand(next, p.UID, p.ResourceVersion, func() model.PodDemand { return model.BarePodDemand(p) }).Budget()
		}
	}
	c.demands = next
	return used
}

// checkDeploymentBudget refuses a change to a Deployment that would raise
// its demand past what the rest of the cluster leaves. An action runs it
// as the request's own admission (like upstream's ResourceQuota plugin),
// after the kind's validation; Apply checks its objects together instead
// (checkApplyBudget): one at a time, an object that grows before one that
// shrinks would be refused though the whole fits.
func (c *Cluster) checkDeploymentBudget(live, changed *appsv1.Deployment) *field.Error {
	before := c.demand(nil, live.UID, live.ResourceVersion, func() model.PodDemand { return model.DeploymentDemand(live) })
	after := model.DeploymentDemand(changed)
	if after.Budget() <= before.Budget() {
		return nil
	}
	used := c.podBudgetUsed(map[string]bool{"Deployment/" + apiserver.Key(live.Namespace, live.Name): true})
	return model.OverBudget(after, used, "the rest of the cluster")
}

// checkApplyBudget refuses an apply whose objects, replacing the live ones
// of the same kind and name, would need more than the budget; it names the
// first object that does not fit, in the order Apply creates them.
func (c *Cluster) checkApplyBudget(objs *model.Objects) error {
	skip := map[string]bool{}
	var demands []model.PodDemand
	for _, p := range objs.Pods {
		skip["Pod/"+apiserver.Key(nsOrDefault(p.Namespace), p.Name)] = true
		demands = append(demands, model.BarePodDemand(p))
	}
	for _, d := range objs.Deployments {
		skip["Deployment/"+apiserver.Key(nsOrDefault(d.Namespace), d.Name)] = true
		demands = append(demands, model.DeploymentDemand(d))
	}
	for _, rs := range objs.ReplicaSets {
		skip["ReplicaSet/"+apiserver.Key(nsOrDefault(rs.Namespace), rs.Name)] = true
		demands = append(demands, model.ReplicaSetDemand(rs))
	}
	used := c.podBudgetUsed(skip)
	for _, dm := range demands {
		if e := model.OverBudget(dm, used, "the rest of the cluster"); e != nil {
			return apiserver.NewInvalid(dm.Kind, dm.Name, field.ErrorList{e})
		}
		used += dm.Budget()
	}
	return nil
}
