package kubectl

import (
	"fmt"
	"strings"
)

// Kind is a resource type podviz knows, named as kubectl prints it in
// "deployment.apps/web scaled".
type Kind string

// The resource types of the subset.
const (
	KindPod        Kind = "pod"
	KindDeployment Kind = "deployment"
	KindReplicaSet Kind = "replicaset"
	KindEvent      Kind = "event"
)

// resourceAliases maps every spelling kubectl's RESTMapper accepts for the
// four types (singular, plural, short name, and the group-qualified forms)
// to the type. kubectl lowercases what the user typed before looking it up.
var resourceAliases = map[string]Kind{
	"pod": KindPod, "pods": KindPod, "po": KindPod,
	"deployment": KindDeployment, "deployments": KindDeployment, "deploy": KindDeployment,
	"deployment.apps": KindDeployment, "deployments.apps": KindDeployment, "deploy.apps": KindDeployment,
	"deployment.v1.apps": KindDeployment, "deployments.v1.apps": KindDeployment,
	"replicaset": KindReplicaSet, "replicasets": KindReplicaSet, "rs": KindReplicaSet,
	"replicaset.apps": KindReplicaSet, "replicasets.apps": KindReplicaSet, "rs.apps": KindReplicaSet,
	"replicaset.v1.apps": KindReplicaSet, "replicasets.v1.apps": KindReplicaSet,
	"event": KindEvent, "events": KindEvent, "ev": KindEvent,
	"event.events.k8s.io": KindEvent, "events.events.k8s.io": KindEvent,
}

// resolveKind finds the type for a spelling, with kubectl's error for one
// the (simulated) server does not serve.
func resolveKind(s string) (Kind, error) {
	if k, ok := resourceAliases[strings.ToLower(s)]; ok {
		return k, nil
	}
	return "", fmt.Errorf("error: the server doesn't have a resource type %q", s)
}

// ResourceRef is one TYPE/NAME as the user named it.
type ResourceRef struct {
	Kind Kind
	Name string
}

// errNoResources is kubectl's resource builder's complaint when neither
// arguments nor -f name anything.
var errNoResources = fmt.Errorf("error: You must provide one or more resources by argument or filename.\n" +
	"Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")

// errSeparateType is kubectl's complaint about mixing "TYPE NAME" and
// "TYPE/NAME" in one command.
var errSeparateType = fmt.Errorf("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")

// validateName refuses names no object can have and that would not survive
// printing back as a command (a leading "-" reads as a flag).
func validateName(name string) error {
	if name == "" {
		return fmt.Errorf("error: resource name may not be empty")
	}
	if strings.HasPrefix(name, "-") {
		return fmt.Errorf("error: invalid resource name %q: a name may not start with \"-\"", name)
	}
	return nil
}

// parseResourceArgs resolves kubectl's two spellings of "which objects", as
// its resource builder (ResourceTypeOrNameArgs) does: either every argument
// is TYPE/NAME, or the first is a TYPE (kubectl also accepts "a,b") and the
// rest are NAMEs of it. Mixing the two is refused with kubectl's message.
// The result may have names == nil when only a TYPE was given.
func parseResourceArgs(args []string) (Kind, []ResourceRef, error) {
	if len(args) == 0 {
		return "", nil, errNoResources
	}
	if strings.Contains(args[0], "/") {
		var refs []ResourceRef
		for _, a := range args {
			if !strings.Contains(a, "/") {
				return "", nil, errSeparateType
			}
			parts := strings.Split(a, "/")
			if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
				return "", nil, fmt.Errorf("error: arguments in resource/name form must have a single resource and name")
			}
			typ, name := parts[0], parts[1]
			if err := validateName(name); err != nil {
				return "", nil, err
			}
			k, err := resolveKind(typ)
			if err != nil {
				return "", nil, err
			}
			refs = append(refs, ResourceRef{Kind: k, Name: name})
		}
		return refs[0].Kind, refs, nil
	}
	k, err := resolveKind(args[0])
	if err != nil {
		return "", nil, err
	}
	var refs []ResourceRef
	for _, a := range args[1:] {
		if strings.Contains(a, "/") {
			return "", nil, errSeparateType
		}
		if err := validateName(a); err != nil {
			return "", nil, err
		}
		refs = append(refs, ResourceRef{Kind: k, Name: a})
	}
	return k, refs, nil
}

// oneDeployment resolves the single deployment a scale, set image or rollout
// command works on. podviz acts on one object per command so that each
// action prints back as exactly one kubectl line.
func oneDeployment(verb string, args []string) (string, error) {
	if len(args) == 0 {
		return "", errNoResources
	}
	_, refs, err := parseResourceArgs(args)
	if err != nil {
		return "", err
	}
	if len(refs) == 0 {
		return "", fmt.Errorf("error: resource(s) were provided, but no name was specified")
	}
	if len(refs) > 1 {
		return "", fmt.Errorf("error: podviz's %s takes one deployment per command, got %d", verb, len(refs))
	}
	if refs[0].Kind != KindDeployment {
		return "", fmt.Errorf("error: podviz's %s works on deployments, not %ss", verb, refs[0].Kind)
	}
	return refs[0].Name, nil
}
