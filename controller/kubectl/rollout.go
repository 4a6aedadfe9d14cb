package kubectl

import "errors"

// errRequiredResource is kubectl rollout's usage error for a missing
// TYPE/NAME (upstream: cmdutil.UsageErrorf(cmd, "Required resource not specified.")).
var errRequiredResource = errors.New("error: Required resource not specified.")

// rolloutTarget resolves the one deployment a rollout sub-command acts on.
func rolloutTarget(sub string, args []string) (string, error) {
	if len(args) == 0 {
		return "", errRequiredResource
	}
	return oneDeployment("rollout "+sub, args)
}

// DeploymentArg resolves the one deployment of a rollout sub-command's
// arguments ("deployment/web", "deploy web"), with kubectl's errors; podviz's
// own `rollout` command uses it.
func DeploymentArg(sub string, args []string) (string, error) {
	return rolloutTarget(sub, args)
}
