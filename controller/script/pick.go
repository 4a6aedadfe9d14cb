package script

// pick: name a pod without knowing its generated name.
//
//	- pick: POD
//	  of: deployment/example-deployment
//	  order: newest        # or oldest (the default)
//	  nth: 1               # the default
//	- run: kubectl delete pod $POD
//
// binds $POD to the newest pod of the Deployment: the Nth in the order
// `kubectl get pods -l SELECTOR --sort-by=.metadata.creationTimestamp`
// lists them (oldest first; pods created in the same second in name order,
// the order the API server lists them in), counted from the end for
// newest. On a real cluster the same line reads
//
//	POD=$(kubectl get pods -l app=nginx --sort-by=.metadata.creationTimestamp \
//	      -o jsonpath='{.items[-1].metadata.name}')
//
// with the Deployment's selector for app=nginx. Terminating pods count, as
// kubectl lists them; pick after `after: settled` to choose among live ones.

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"podviz/controller"
)

// maxNth bounds nth (a Deployment has at most this many pods in a script
// anyone would write; more is a typo).
const maxNth = 100000

// Pick names the Nth oldest or newest pod of a Deployment as $Var.
type Pick struct {
	Var        string
	Namespace  string // "" for the default namespace
	Deployment string
	Newest     bool
	Nth        int // 1-based
}

// parsePick reads pick and its of, order and nth.
func parsePick(raw json.RawMessage, m map[string]json.RawMessage) (*Pick, error) {
	p := &Pick{Nth: 1}
	if err := json.Unmarshal(raw, &p.Var); err != nil || !validVarName(p.Var) {
		return nil, fmt.Errorf("pick: want a variable name such as POD (letters, digits and _), got %s", quoteRaw(raw))
	}
	rawOf, ok := m["of"]
	if !ok {
		return nil, errors.New("of: required beside pick (of: deployment/NAME)")
	}
	var of string
	if err := json.Unmarshal(rawOf, &of); err != nil {
		return nil, fmt.Errorf("of: want deployment/NAME, got %s", quoteRaw(rawOf))
	}
	if err := p.parseOf(of); err != nil {
		return nil, err
	}
	if rawOrder, ok := m["order"]; ok {
		var order string
		_ = json.Unmarshal(rawOrder, &order)
		switch order {
		case "oldest":
		case "newest":
			p.Newest = true
		default:
			return nil, fmt.Errorf("order: want oldest or newest, got %s", quoteRaw(rawOrder))
		}
	}
	if rawNth, ok := m["nth"]; ok {
		if err := json.Unmarshal(rawNth, &p.Nth); err != nil || p.Nth < 1 || p.Nth > maxNth {
			return nil, fmt.Errorf("nth: want a whole number from 1 to %d, got %s", maxNth, quoteRaw(rawNth))
		}
	}
	return p, nil
}

// parseOf reads "deployment/NAME" with an optional "-n NAMESPACE".
func (p *Pick) parseOf(of string) error {
	f := strings.Fields(of)
	bad := fmt.Errorf("of: want deployment/NAME [-n NAMESPACE], got %s", quoteRaw([]byte(of)))
	switch {
	case len(f) == 3 && (f[1] == "-n" || f[1] == "--namespace"):
		p.Namespace = f[2]
	case len(f) == 2 && strings.HasPrefix(f[1], "--namespace="):
		p.Namespace = strings.TrimPrefix(f[1], "--namespace=")
	case len(f) != 1:
		return bad
	}
	kind, name, ok := strings.Cut(f[0], "/")
	switch kind {
	case "deployment", "deployments", "deploy", "deployment.apps", "deployments.apps":
	default:
		ok = false
	}
	if !ok || name == "" || !validObjectName(name) || (p.Namespace != "" && !validObjectName(p.Namespace)) {
		return bad
	}
	p.Deployment = name
	return nil
}

// validObjectName is a loose DNS-1123 check, enough to keep odd text out of
// messages and the shell line; the lookup decides whether it exists.
func validObjectName(s string) bool {
	if len(s) > 253 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return s != ""
}

// Resolve finds the picked pod's name in a snapshot.
func (p *Pick) Resolve(snap *controller.Snapshot) (string, error) {
	ns := p.Namespace
	if ns == "" {
		ns = "default"
	}
	var d *controller.DeploymentView
	for i := range snap.Deployments {
		if snap.Deployments[i].Namespace == ns && snap.Deployments[i].Name == p.Deployment {
			d = &snap.Deployments[i]
		}
	}
	if d == nil {
		return "", fmt.Errorf("Error from server (NotFound): deployments.apps %q not found", p.Deployment)
	}
	type pod struct {
		name    string
		created time.Duration
	}
	var pods []pod
	for _, rs := range d.ReplicaSets {
		for _, pv := range rs.Pods {
			// creationTimestamp is written in whole seconds: pods created in
			// the same second tie, and keep the API server's name order.
			pods = append(pods, pod{pv.Name, pv.Created.Truncate(time.Second)})
		}
	}
	slices.SortFunc(pods, func(a, b pod) int {
		return cmp.Or(cmp.Compare(a.created, b.created), strings.Compare(a.name, b.name))
	})
	if p.Nth > len(pods) {
		return "", fmt.Errorf("no pod to pick: deployment %q has %d pods, and nth is %d", p.Deployment, len(pods), p.Nth)
	}
	i := p.Nth - 1
	if p.Newest {
		i = len(pods) - p.Nth
	}
	return pods[i].name, nil
}

// Shell is the pick as one line of shell on a real cluster, given the
// Deployment's selector ("app=nginx").
func (p *Pick) Shell(selector string) string {
	index := p.Nth - 1
	if p.Newest {
		index = -p.Nth
	}
	ns := ""
	if p.Namespace != "" {
		ns = " -n " + p.Namespace
	}
	return fmt.Sprintf("%s=$(kubectl get pods%s -l %s --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[%d].metadata.name}')",
		p.Var, ns, shellWord(selector), index)
}

// String is the pick as a step writes it.
func (p *Pick) String() string {
	order := "oldest"
	if p.Newest {
		order = "newest"
	}
	ns := ""
	if p.Namespace != "" {
		ns = " -n " + p.Namespace
	}
	return fmt.Sprintf("pick %s: %s pod %d of deployment/%s%s", p.Var, order, p.Nth, p.Deployment, ns)
}

// shellWord quotes a selector for a shell when it holds anything but plain
// label characters ("app=nginx" stays bare, "env in (a,b)" is quoted).
func shellWord(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("=,.-_/", c) >= 0) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}
