package kubectl

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/duration"

	"podviz/controller"
)

// PrintOptions select what a printer shows, as kubectl get's flags do.
type PrintOptions struct {
	// Namespace to list ("default" when empty, as kubectl's default context).
	Namespace string
	// Names restricts the list to these objects, in this order; a missing
	// one is a NotFound error after the table.
	Names []string
	// Wide adds the -o wide columns.
	Wide bool
	// ByLastSeen lists events oldest last-seen first, as `kubectl events`
	// does, instead of in the server's order (kubectl get events).
	ByLastSeen bool
}

// NoResourcesError is kubectl get's "No resources found in NS namespace.",
// which kubectl prints on stderr and exits 0 with.
type NoResourcesError struct{ Namespace string }

func (e *NoResourcesError) Error() string {
	return fmt.Sprintf("No resources found in %s namespace.", e.Namespace)
}

// GetPods is `kubectl get pods [-o wide]` in the default namespace: the
// table, or kubectl's "No resources found" line. The TUI's table view shows
// it as is.
func GetPods(snap *controller.Snapshot, wide bool) string {
	return orMessage(PrintPods(snap, PrintOptions{Wide: wide}))
}

// GetDeployments is `kubectl get deployments [-o wide]` in the default namespace.
func GetDeployments(snap *controller.Snapshot, wide bool) string {
	return orMessage(PrintDeployments(snap, PrintOptions{Wide: wide}))
}

// GetReplicaSets is `kubectl get replicasets [-o wide]` in the default namespace.
// eventNamePrefix is the part of an event's name before its timestamp:
// the involved object's name and the dot.
func eventNamePrefix(e controller.Event) string {
	_, name, _ := strings.Cut(e.Object, "/")
	return name + "."
}

func GetReplicaSets(snap *controller.Snapshot, wide bool) string {
	return orMessage(PrintReplicaSets(snap, PrintOptions{Wide: wide}))
}

// GetEvents is `kubectl get events` in the default namespace.
func GetEvents(snap *controller.Snapshot) string {
	return orMessage(PrintEvents(snap, PrintOptions{}))
}

func orMessage(out string, err error) string {
	if err != nil {
		return out + err.Error() + "\n"
	}
	return out
}

// age is kubectl's AGE and LAST SEEN cell (translateTimestampSince:
// duration.HumanDuration of now − then, "5s", "2m3s", "10m", "3h5m").
func age(now, then time.Duration) string {
	return duration.HumanDuration(now - then)
}

// table lays rows out as kubectl's printers do: text/tabwriter with
// minwidth 6, tabwidth 4, padding 3, blanks (cli-runtime GetNewTabWriter);
// the last column is not padded.
func table(header []string, rows [][]string) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 6, 4, 3, ' ', 0)
	fmt.Fprintln(w, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(w, strings.Join(r, "\t"))
	}
	w.Flush()
	return b.String()
}

// selectNames keeps the rows whose name is asked for, in the order asked,
// and reports the missing ones as kubectl does (resource is the plural with
// its group: "pods", "deployments.apps").
func selectNames[T any](items []T, name func(T) string, names []string, resource string) ([]T, error) {
	if len(names) == 0 {
		return items, nil
	}
	var kept []T
	var missing []string
	for _, n := range names {
		found := false
		for _, it := range items {
			if name(it) == n {
				kept = append(kept, it)
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, fmt.Sprintf("Error from server (NotFound): %s %q not found", resource, n))
		}
	}
	if len(missing) > 0 {
		return kept, &notFoundError{strings.Join(missing, "\n")}
	}
	return kept, nil
}

type notFoundError struct{ msg string }

func (e *notFoundError) Error() string { return e.msg }

// finish renders rows, or the "No resources found" error when there are
// none and no names were asked for.
func finish(header []string, rows [][]string, ns string, selErr error) (string, error) {
	if len(rows) == 0 {
		if selErr != nil {
			return "", selErr
		}
		return "", &NoResourcesError{Namespace: ns}
	}
	return table(header, rows), selErr
}

// allPods is every pod in the snapshot, sorted by name as the API server
// lists them.
func allPods(snap *controller.Snapshot, ns string) []controller.PodView {
	var pods []controller.PodView
	add := func(ps []controller.PodView) {
		for _, p := range ps {
			if p.Namespace == ns {
				pods = append(pods, p)
			}
		}
	}
	for _, d := range snap.Deployments {
		for _, rs := range d.ReplicaSets {
			add(rs.Pods)
		}
	}
	for _, rs := range snap.ReplicaSets {
		add(rs.Pods)
	}
	add(snap.BarePods)
	slices.SortFunc(pods, func(a, b controller.PodView) int { return cmp.Compare(a.Name, b.Name) })
	return pods
}

// PrintPods is `kubectl get pods`: NAME READY STATUS RESTARTS AGE, and with
// -o wide IP NODE NOMINATED NODE READINESS GATES (upstream printPod). The
// STATUS cell is the one the controller computed with upstream's rules.
func PrintPods(snap *controller.Snapshot, o PrintOptions) (string, error) {
	ns := namespaceOr(o.Namespace)
	pods, selErr := selectNames(allPods(snap, ns), func(p controller.PodView) string { return p.Name }, o.Names, "pods")
	header := []string{"NAME", "READY", "STATUS", "RESTARTS", "AGE"}
	if o.Wide {
		header = append(header, "IP", "NODE", "NOMINATED NODE", "READINESS GATES")
	}
	var rows [][]string
	for _, p := range pods {
		row := []string{
			p.Name,
			fmt.Sprintf("%d/%d", p.ReadyContainers, p.TotalContainers),
			p.Status,
			restarts(snap, p),
			age(snap.Elapsed, p.Created),
		}
		if o.Wide {
			// podviz simulates no nominated nodes and no readiness gates.
			row = append(row, orNone(p.IP), orNone(p.Node), "<none>", "<none>")
		}
		rows = append(rows, row)
	}
	return finish(header, rows, ns, selErr)
}

// restarts is the RESTARTS cell: the restart count, and with restarts the
// age of the latest container termination, "4 (12s ago)" (upstream printPod;
// a count without a known termination prints alone).
func restarts(snap *controller.Snapshot, p controller.PodView) string {
	n := strconv.Itoa(int(p.Restarts))
	if p.Restarts == 0 || p.LastRestart.IsZero() {
		return n
	}
	return n + " (" + age(snap.Elapsed, p.LastRestart.Sub(controller.Epoch)) + " ago)"
}

func orNone(s string) string {
	if s == "" {
		return "<none>"
	}
	return s
}

// PrintDeployments is `kubectl get deployments`: NAME READY UP-TO-DATE
// AVAILABLE AGE, and with -o wide CONTAINERS IMAGES SELECTOR (upstream
// printDeployment; READY is status.readyReplicas/spec.replicas).
func PrintDeployments(snap *controller.Snapshot, o PrintOptions) (string, error) {
	ns := namespaceOr(o.Namespace)
	var ds []controller.DeploymentView
	for _, d := range snap.Deployments {
		if d.Namespace == ns {
			ds = append(ds, d)
		}
	}
	slices.SortFunc(ds, func(a, b controller.DeploymentView) int { return cmp.Compare(a.Name, b.Name) })
	ds, selErr := selectNames(ds, func(d controller.DeploymentView) string { return d.Name }, o.Names, "deployments.apps")
	header := []string{"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"}
	if o.Wide {
		header = append(header, "CONTAINERS", "IMAGES", "SELECTOR")
	}
	var rows [][]string
	for _, d := range ds {
		row := []string{
			d.Name,
			fmt.Sprintf("%d/%d", d.ReadyReplicas, d.Replicas),
			strconv.Itoa(int(d.UpdatedReplicas)),
			strconv.Itoa(int(d.AvailableReplicas)),
			age(snap.Elapsed, d.Created),
		}
		if o.Wide {
			row = append(row, containerNames(d.Images, deploymentPods(d)), strings.Join(d.Images, ","), selectorString(d.Selector, ""))
		}
		rows = append(rows, row)
	}
	return finish(header, rows, ns, selErr)
}

func deploymentPods(d controller.DeploymentView) []controller.PodView {
	var pods []controller.PodView
	for _, rs := range d.ReplicaSets {
		pods = append(pods, rs.Pods...)
	}
	return pods
}

// containerNames is the CONTAINERS cell. The snapshot carries a
// template's images but not its container names, so they are read from a
// pod: first one running exactly those images, else any pod of the same
// Deployment with as many containers (set image and rollbacks keep container
// names; only an apply that renames containers would fool this). With no
// pod at all the cell says "<unknown>" rather than guess.
func containerNames(images []string, pods []controller.PodView) string {
	for _, exact := range []bool{true, false} {
		for _, p := range pods {
			if len(p.Containers) != len(images) {
				continue
			}
			names := make([]string, len(p.Containers))
			match := true
			for i, c := range p.Containers {
				if exact && c.Image != images[i] {
					match = false
					break
				}
				names[i] = c.Name
			}
			if match {
				return strings.Join(names, ",")
			}
		}
	}
	return "<unknown>"
}

// selectorString prints a selector as kubectl does (requirements sorted by
// key), adding the pod-template-hash requirement a ReplicaSet's selector has.
func selectorString(sel, hash string) string {
	s, err := labels.Parse(sel)
	if err != nil {
		return "<invalid>"
	}
	if hash != "" {
		r, err := labels.NewRequirement("pod-template-hash", "=", []string{hash})
		if err == nil {
			s = s.Add(*r)
		}
	}
	if out := s.String(); out != "" {
		return out
	}
	return "<none>"
}

// PrintReplicaSets is `kubectl get replicasets`: NAME DESIRED CURRENT READY
// AGE, and with -o wide CONTAINERS IMAGES SELECTOR (upstream printReplicaSet).
func PrintReplicaSets(snap *controller.Snapshot, o PrintOptions) (string, error) {
	ns := namespaceOr(o.Namespace)
	type rsRow struct {
		rs       controller.ReplicaSetView
		selector string
		pods     []controller.PodView
	}
	var all []rsRow
	for _, d := range snap.Deployments {
		for _, rs := range d.ReplicaSets {
			if rs.Namespace == ns {
				// Exact pods first, then the Deployment's others (see containerNames).
				pods := append(slices.Clone(rs.Pods), deploymentPods(d)...)
				all = append(all, rsRow{rs, selectorString(d.Selector, rs.Hash), pods})
			}
		}
	}
	for _, rs := range snap.ReplicaSets {
		if rs.Namespace == ns {
			// A ReplicaSet loaded on its own: the snapshot does not carry its
			// selector.
			all = append(all, rsRow{rs, "<unknown>", rs.Pods})
		}
	}
	slices.SortFunc(all, func(a, b rsRow) int { return cmp.Compare(a.rs.Name, b.rs.Name) })
	all, selErr := selectNames(all, func(r rsRow) string { return r.rs.Name }, o.Names, "replicasets.apps")
	header := []string{"NAME", "DESIRED", "CURRENT", "READY", "AGE"}
	if o.Wide {
		header = append(header, "CONTAINERS", "IMAGES", "SELECTOR")
	}
	var rows [][]string
	for _, r := range all {
		row := []string{
			r.rs.Name,
			strconv.Itoa(int(r.rs.Desired)),
			strconv.Itoa(int(r.rs.Current)),
			strconv.Itoa(int(r.rs.Ready)),
			age(snap.Elapsed, r.rs.Created),
		}
		if o.Wide {
			row = append(row, containerNames(r.rs.Images, r.pods), strings.Join(r.rs.Images, ","), r.selector)
		}
		rows = append(rows, row)
	}
	return finish(header, rows, ns, selErr)
}

// PrintEvents is `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE
// (upstream printEvent; LAST SEEN is lastTimestamp's age), in the order
// the API server lists them. kubectl v1.37's get sorts nothing without
// --sort-by (only `kubectl events` sorts by time, cmd/events
// SortableEvents); the server lists by key, that is by event name, and
// client-go's recorder names an event "<involved object's name>.<hex of
// the first occurrence's UnixNano>" (tools/record makeEvent). So the rows
// come grouped by object name, each group oldest first: a pod's events
// before its ReplicaSet's ("web-5d4f-x." < "web-5d4f." < "web.": '-' sorts
// before '.').
func PrintEvents(snap *controller.Snapshot, o PrintOptions) (string, error) {
	ns := namespaceOr(o.Namespace)
	var evs []controller.Event
	for _, e := range snap.Events {
		if e.Namespace == ns || e.Namespace == "" && ns == "default" {
			evs = append(evs, e)
		}
	}
	slices.SortStableFunc(evs, func(a, b controller.Event) int {
		if o.ByLastSeen { // cmd/events SortableEvents
			return cmp.Or(cmp.Compare(a.Last, b.Last), cmp.Compare(a.Seq, b.Seq))
		}
		return cmp.Or(strings.Compare(eventNamePrefix(a), eventNamePrefix(b)), cmp.Compare(a.First, b.First), cmp.Compare(a.Seq, b.Seq))
	})
	var rows [][]string
	for _, e := range evs {
		rows = append(rows, []string{age(snap.Elapsed, e.Last), e.Type, e.Reason, e.Object, strings.TrimSpace(e.Message)})
	}
	return finish([]string{"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"}, rows, ns, nil)
}
