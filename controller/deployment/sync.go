package deployment

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"podviz/controller/apiserver"
	"podviz/controller/controllerutil"
	deploymentutil "podviz/controller/deployment/util"
	"podviz/model"
)

// maxRevHistoryLengthInChars bounds the revision-history annotation (sync.go).
const maxRevHistoryLengthInChars = 2000

// deploymentSync carries one sync of one Deployment: what it decided and why.
type deploymentSync struct {
	d      *appsv1.Deployment
	moves  []string
	reason string
}

func (s *deploymentSync) move(format string, args ...any) {
	s.moves = append(s.moves, fmt.Sprintf(format, args...))
}

// syncDeployment is upstream's DeploymentController.syncDeployment: it only
// dispatches, in upstream's order — deleted, paused (scale only), scaling
// event (proportional), then the strategy. (apps/v1 has no rollbackTo: undo
// is kubectl copying a template, see RolloutUndo.)
func (dc *Controller) syncDeployment(k string) {
	d := dc.dLister.Get(k)
	if d == nil {
		delete(dc.decisions, k)
		return
	}
	s := &deploymentSync{d: d}
	if sel := d.Spec.Selector; sel == nil || (len(sel.MatchLabels) == 0 && len(sel.MatchExpressions) == 0) {
		dc.record(eventWarning, reasonSelectingAll, "deployment/"+d.Name, d.Namespace, sourceDeployment, "This deployment is selecting all pods. A non-empty selector is required.")
		return
	}
	rsList := dc.getReplicaSetsForDeployment(d)
	dc.checkPausedConditions(d)
	switch {
	case d.Spec.Paused:
		dc.sync(s, rsList)
	default:
		if dc.isScalingEvent(d, rsList) {
			dc.sync(s, rsList)
		} else if d.Spec.Strategy.Type == appsv1.RecreateDeploymentStrategyType {
			dc.rolloutRecreate(s, rsList)
		} else {
			dc.rolloutRolling(s, rsList)
		}
	}
	dc.recordDecision(s, rsList)
}

// getReplicaSetsForDeployment returns the Deployment's ReplicaSets, first
// adopting orphans its selector matches (upstream's ClaimReplicaSets).
func (dc *Controller) getReplicaSetsForDeployment(d *appsv1.Deployment) []*appsv1.ReplicaSet {
	if orphans := dc.rsLister.OwnedByUID(""); len(orphans) > 0 {
		sel, err := metav1.LabelSelectorAsSelector(d.Spec.Selector)
		if err == nil && !sel.Empty() {
			var claim []*appsv1.ReplicaSet
			for _, rs := range orphans {
				if rs.Namespace == d.Namespace && rs.DeletionTimestamp == nil && sel.Matches(labels.Set(rs.Labels)) {
					claim = append(claim, rs)
				}
			}
			sort.Slice(claim, func(i, j int) bool { return claim[i].Name < claim[j].Name })
			for _, rs := range claim {
				dc.rsClient.SetController(rs, apiserver.NewControllerRef(d.Name, d.UID, "Deployment", "apps/v1"))
			}
		}
	}
	return dc.rsLister.ListOwnedBy(d.UID)
}

// condNow is the current instant as the apiserver stores it in a
// condition: whole seconds (metav1.Time serialises as RFC 3339).
func (dc *Controller) condNow() time.Time { return dc.clock.Now().Truncate(time.Second) }

// checkPausedConditions sets Progressing to DeploymentPaused /
// DeploymentResumed when spec.paused flips (sync.go checkPausedConditions).
func (dc *Controller) checkPausedConditions(d *appsv1.Deployment) {
	if !deploymentutil.HasProgressDeadline(d) {
		return
	}
	cond := deploymentutil.GetDeploymentCondition(d.Status, appsv1.DeploymentProgressing)
	if cond != nil && cond.Reason == deploymentutil.TimedOutReason {
		return
	}
	pausedCondExists := cond != nil && cond.Reason == deploymentutil.PausedDeployReason
	switch {
	case d.Spec.Paused && !pausedCondExists:
		deploymentutil.SetDeploymentCondition(&d.Status, *deploymentutil.NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionUnknown, deploymentutil.PausedDeployReason, deploymentutil.PausedMessage, dc.condNow()))
	case !d.Spec.Paused && pausedCondExists:
		deploymentutil.SetDeploymentCondition(&d.Status, *deploymentutil.NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionUnknown, deploymentutil.ResumedDeployReason, deploymentutil.ResumedMessage, dc.condNow()))
	default:
		return
	}
	dc.deploymentWritten(d)
}

// deploymentWritten records a write of the Deployment (a new
// resourceVersion) and, like the informer's update handler, queues it.
func (dc *Controller) deploymentWritten(d *appsv1.Deployment) {
	dc.dClient.Update(d)
}

// sync is the paused / scaling-event path: scale (proportionally if
// needed), clean up history when paused, write status.
func (dc *Controller) sync(s *deploymentSync, rsList []*appsv1.ReplicaSet) {
	d := s.d
	newRS, oldRSs := dc.getAllReplicaSetsAndSyncRevision(s, rsList, false)
	dc.scale(s, newRS, oldRSs)
	if d.Spec.Paused {
		dc.cleanupDeployment(oldRSs, d)
	}
	dc.syncDeploymentStatus(append(oldRSs, newRS), newRS, d)
}

// getAllReplicaSetsAndSyncRevision returns the new ReplicaSet (created if
// asked and missing) and every old one.
func (dc *Controller) getAllReplicaSetsAndSyncRevision(s *deploymentSync, rsList []*appsv1.ReplicaSet, create bool) (*appsv1.ReplicaSet, []*appsv1.ReplicaSet) {
	_, allOld := deploymentutil.FindOldReplicaSets(s.d, rsList)
	return dc.getNewReplicaSet(s, rsList, allOld, create), allOld
}

// getNewReplicaSet finds the ReplicaSet matching the template and brings its
// revision annotations up to date, or creates it as `<deploy>-<hash>` with
// its first size from NewRSNewReplicas. A name taken by a ReplicaSet with
// another template is a hash collision: status.collisionCount goes up and
// the next sync tries a new hash (sync.go getNewReplicaSet).
func (dc *Controller) getNewReplicaSet(s *deploymentSync, rsList, oldRSs []*appsv1.ReplicaSet, create bool) *appsv1.ReplicaSet {
	d := s.d
	existing := deploymentutil.FindNewReplicaSet(d, rsList)
	newRevision := strconv.FormatInt(deploymentutil.MaxRevision(oldRSs)+1, 10)
	if existing != nil {
		annotationsUpdated := deploymentutil.SetNewReplicaSetAnnotations(d, existing, newRevision, true, maxRevHistoryLengthInChars)
		minReadyUpdate := existing.Spec.MinReadySeconds != d.Spec.MinReadySeconds
		if annotationsUpdated || minReadyUpdate {
			existing.Spec.MinReadySeconds = d.Spec.MinReadySeconds
			dc.replicaSetWritten(existing, minReadyUpdate)
			return existing
		}
		needsUpdate := deploymentutil.SetDeploymentRevision(d, existing.Annotations[deploymentutil.RevisionAnnotation])
		if deploymentutil.HasProgressDeadline(d) && deploymentutil.GetDeploymentCondition(d.Status, appsv1.DeploymentProgressing) == nil {
			deploymentutil.SetDeploymentCondition(&d.Status, *deploymentutil.NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, deploymentutil.FoundNewRSReason, deploymentutil.FoundNewRSMessage(existing.Name), dc.condNow()))
			needsUpdate = true
		}
		if needsUpdate {
			dc.deploymentWritten(d)
		}
		return existing
	}
	if !create {
		return nil
	}
	tmpl := *d.Spec.Template.DeepCopy()
	hash := model.ComputeHash(&tmpl, d.Status.CollisionCount)
	tmpl.Labels = cloneAndAdd(d.Spec.Template.Labels, appsv1.DefaultDeploymentUniqueLabelKey, hash)
	sel := d.Spec.Selector.DeepCopy()
	if sel.MatchLabels == nil {
		sel.MatchLabels = map[string]string{}
	}
	sel.MatchLabels[appsv1.DefaultDeploymentUniqueLabelKey] = hash
	rs := &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{
			Name:            replicaSetName(d.Name, hash),
			Namespace:       d.Namespace,
			OwnerReferences: []metav1.OwnerReference{apiserver.NewControllerRef(d.Name, d.UID, "Deployment", "apps/v1")},
			Labels:          tmpl.Labels,
		},
		Spec: appsv1.ReplicaSetSpec{Replicas: new(int32), MinReadySeconds: d.Spec.MinReadySeconds, Selector: sel, Template: tmpl},
	}
	size, err := deploymentutil.NewRSNewReplicas(d, append(append([]*appsv1.ReplicaSet{}, oldRSs...), rs), rs)
	if err != nil {
		return nil
	}
	*rs.Spec.Replicas = size
	deploymentutil.SetNewReplicaSetAnnotations(d, rs, newRevision, false, maxRevHistoryLengthInChars)
	if taken := dc.rsLister.GetNamespaced(rs.Namespace, rs.Name); taken != nil {
		if apiserver.ControllerUID(taken) == d.UID && deploymentutil.EqualIgnoreHash(&d.Spec.Template, &taken.Spec.Template) {
			return taken
		}
		if d.Status.CollisionCount == nil {
			d.Status.CollisionCount = new(int32)
		}
		*d.Status.CollisionCount++
		dc.deploymentWritten(d)
		return nil
	}
	if err := dc.rsClient.Create(rs); err != nil {
		// Upstream's getNewReplicaSet: a Warning, and with a progress
		// deadline the Progressing condition goes False with the reason.
		// It is written only when it changes: the write wakes the
		// Deployment, whose next sync would be refused the same way, and
		// podviz has no rate-limited requeue to space the retries.
		msg := fmt.Sprintf("Failed to create new replica set %q: %v", rs.Name, err)
		if cur := deploymentutil.GetDeploymentCondition(d.Status, appsv1.DeploymentProgressing); deploymentutil.HasProgressDeadline(d) &&
			(cur == nil || cur.Status != corev1.ConditionFalse || cur.Reason != deploymentutil.FailedRSCreateReason) {
			deploymentutil.SetDeploymentCondition(&d.Status, *deploymentutil.NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionFalse, deploymentutil.FailedRSCreateReason, msg, dc.condNow()))
			dc.deploymentWritten(d)
		}
		dc.record(eventWarning, deploymentutil.FailedRSCreateReason, "deployment/"+d.Name, d.Namespace, sourceDeployment, msg)
		s.move("could not create ReplicaSet %s: %v", rs.Name, err)
		return nil
	}
	if size > 0 {
		dc.record(eventNormal, reasonScalingReplicaSet, "deployment/"+d.Name, d.Namespace, sourceDeployment, fmt.Sprintf("Scaled up replica set %s from 0 to %d", rs.Name, size))
	}
	s.move("created new ReplicaSet %s with %d %s", rs.Name, size, pods(size))
	deploymentutil.SetDeploymentRevision(d, newRevision)
	if deploymentutil.HasProgressDeadline(d) {
		deploymentutil.SetDeploymentCondition(&d.Status, *deploymentutil.NewDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue, deploymentutil.NewReplicaSetReason, deploymentutil.NewReplicaSetMessage(rs.Name), dc.condNow()))
	}
	dc.deploymentWritten(d)
	return rs
}

// replicaSetName is `<deployment>-<hash>`, the deployment part shortened so
// the whole is a valid name (generateReplicaSetName).
func replicaSetName(deploymentName, hash string) string {
	maxLen := 253 - 1 - len(hash)
	if len(deploymentName) > maxLen && maxLen > 0 {
		deploymentName = deploymentName[:maxLen]
	}
	return deploymentName + "-" + hash
}

func cloneAndAdd(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}

// replicaSetWritten records a write of the ReplicaSet; generation moves
// only when the spec changed, as the apiserver does.
func (dc *Controller) replicaSetWritten(rs *appsv1.ReplicaSet, specChanged bool) {
	if specChanged {
		dc.rsClient.UpdateSpec(rs)
	} else {
		dc.rsClient.Update(rs)
	}
}

// scale is upstream's scale(): on a scaling event (or while paused) it
// resizes the ReplicaSets as ProportionalScale plans.
func (dc *Controller) scale(s *deploymentSync, newRS *appsv1.ReplicaSet, oldRSs []*appsv1.ReplicaSet) {
	d := s.d
	olds := append([]*appsv1.ReplicaSet(nil), oldRSs...)
	plan := deploymentutil.ProportionalScale(d, newRS, olds)
	var parts []string
	for _, p := range plan {
		from := deploymentutil.RSReplicas(p.RS)
		if dc.scaleReplicaSet(p.RS, p.Replicas, d, p.Force) {
			parts = append(parts, fmt.Sprintf("%s %d->%d", p.RS.Name, from, p.Replicas))
		}
	}
	if len(parts) > 0 {
		s.move("scaled to %d replicas: %s", deploymentutil.Replicas(d), strings.Join(parts, ", "))
	}
}

// scaleReplicaSet writes a ReplicaSet's size and replica annotations and
// records the ScalingReplicaSet event (upstream's scaleReplicaSet, the one
// place a size changes). It reports whether the size changed.
func (dc *Controller) scaleReplicaSet(rs *appsv1.ReplicaSet, newScale int32, d *appsv1.Deployment, force bool) bool {
	oldScale := deploymentutil.RSReplicas(rs)
	if !force && oldScale == newScale {
		return false
	}
	maxReplicas := deploymentutil.Replicas(d) + deploymentutil.MaxSurge(d)
	sizeChanged := oldScale != newScale
	if !sizeChanged && !deploymentutil.ReplicasAnnotationsNeedUpdate(rs, deploymentutil.Replicas(d), maxReplicas) {
		return false
	}
	if rs.Spec.Replicas == nil {
		rs.Spec.Replicas = new(int32)
	}
	*rs.Spec.Replicas = newScale
	deploymentutil.SetReplicasAnnotations(rs, deploymentutil.Replicas(d), maxReplicas)
	dc.replicaSetWritten(rs, sizeChanged)
	if sizeChanged {
		op := "down"
		if oldScale < newScale {
			op = "up"
		}
		dc.record(eventNormal, reasonScalingReplicaSet, "deployment/"+d.Name, d.Namespace, sourceDeployment, fmt.Sprintf("Scaled %s replica set %s from %d to %d", op, rs.Name, oldScale, newScale))
	}
	return sizeChanged
}

// cleanupDeployment deletes the oldest old ReplicaSets beyond
// revisionHistoryLimit, if they are fully scaled down and settled.
func (dc *Controller) cleanupDeployment(oldRSs []*appsv1.ReplicaSet, d *appsv1.Deployment) {
	if !deploymentutil.HasRevisionHistoryLimit(d) {
		return
	}
	var alive []*appsv1.ReplicaSet
	for _, rs := range oldRSs {
		if rs != nil && rs.DeletionTimestamp == nil {
			alive = append(alive, rs)
		}
	}
	diff := int32(len(alive)) - *d.Spec.RevisionHistoryLimit
	if diff <= 0 {
		return
	}
	sort.Sort(deploymentutil.ReplicaSetsByRevision(alive))
	for i := int32(0); i < diff; i++ {
		rs := alive[i]
		if rs.Status.Replicas != 0 || deploymentutil.RSReplicas(rs) != 0 || rs.Generation > rs.Status.ObservedGeneration {
			continue
		}
		dc.rsClient.Delete(rs, nil)
	}
}

// syncDeploymentStatus writes calculateStatus when it differs.
func (dc *Controller) syncDeploymentStatus(allRSs []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet, d *appsv1.Deployment) {
	st := dc.calculateStatus(allRSs, newRS, d)
	dc.writeStatus(d, st)
}

func (dc *Controller) writeStatus(d *appsv1.Deployment, st appsv1.DeploymentStatus) {
	if reflect.DeepEqual(d.Status, st) {
		return
	}
	d.Status = st
	dc.deploymentWritten(d)
}

// calculateStatus is upstream's: counts over every ReplicaSet, and the
// Available condition (available ≥ replicas − maxUnavailable).
func (dc *Controller) calculateStatus(allRSs []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet, d *appsv1.Deployment) appsv1.DeploymentStatus {
	all := nonNil(allRSs)
	available := deploymentutil.GetAvailableReplicaCountForReplicaSets(all)
	unavailable := max(deploymentutil.GetReplicaCountForReplicaSets(all)-available, 0)
	var terminating int32
	for _, rs := range all {
		if rs.Status.TerminatingReplicas != nil {
			terminating += *rs.Status.TerminatingReplicas
		}
	}
	st := appsv1.DeploymentStatus{
		ObservedGeneration:  d.Generation,
		Replicas:            deploymentutil.GetActualReplicaCountForReplicaSets(all),
		UpdatedReplicas:     deploymentutil.GetActualReplicaCountForReplicaSets(nonNil([]*appsv1.ReplicaSet{newRS})),
		ReadyReplicas:       deploymentutil.GetReadyReplicaCountForReplicaSets(all),
		AvailableReplicas:   available,
		UnavailableReplicas: unavailable,
		CollisionCount:      d.Status.CollisionCount,
		TerminatingReplicas: &terminating,
	}
	st.Conditions = append(st.Conditions, d.Status.Conditions...)
	if available >= deploymentutil.Replicas(d)-deploymentutil.MaxUnavailable(d) {
		deploymentutil.SetDeploymentCondition(&st, *deploymentutil.NewDeploymentCondition(appsv1.DeploymentAvailable, corev1.ConditionTrue, deploymentutil.MinimumReplicasAvailable, deploymentutil.MinimumAvailabilityMessage, dc.condNow()))
	} else {
		deploymentutil.SetDeploymentCondition(&st, *deploymentutil.NewDeploymentCondition(appsv1.DeploymentAvailable, corev1.ConditionFalse, deploymentutil.MinimumReplicasUnavailable, deploymentutil.NoMinimumAvailabilityMessage, dc.condNow()))
	}
	return st
}

func nonNil(rss []*appsv1.ReplicaSet) []*appsv1.ReplicaSet {
	out := make([]*appsv1.ReplicaSet, 0, len(rss))
	for _, rs := range rss {
		if rs != nil {
			out = append(out, rs)
		}
	}
	return out
}

// isScalingEvent: some active ReplicaSet was last sized for another
// spec.replicas (its desired-replicas annotation differs).
func (dc *Controller) isScalingEvent(d *appsv1.Deployment, rsList []*appsv1.ReplicaSet) bool {
	s := &deploymentSync{d: d}
	newRS, oldRSs := dc.getAllReplicaSetsAndSyncRevision(s, rsList, false)
	for _, rs := range controllerutil.FilterActiveReplicaSets(nonNil(append(oldRSs, newRS))) {
		desired, ok := deploymentutil.GetDesiredReplicasAnnotation(rs)
		if ok && desired != deploymentutil.Replicas(d) {
			return true
		}
	}
	return false
}

func pods(n int32) string {
	if n == 1 {
		return "pod"
	}
	return "pods"
}
