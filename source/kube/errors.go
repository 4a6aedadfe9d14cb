package kube

import (
	"errors"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/tools/clientcmd"
	cmdutil "k8s.io/kubectl/pkg/cmd/util"
)

// Message is what kubectl prints for err (its CheckErr): "Error from
// server (Forbidden): …", "The connection to the server HOST was refused
// - did you specify the right host or port?", "error: You must be logged
// in to the server (Unauthorized)", "Error in configuration: …", or
// "error: " and the error.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var kerr *kubectlError
	if errors.As(err, &kerr) {
		return kerr.msg
	}
	if clientcmd.IsConfigurationInvalid(err) {
		return strings.TrimSuffix(cmdutil.MultilineError("Error in configuration: ", err), "\n")
	}
	if msg, ok := cmdutil.StandardErrorMessage(err); ok {
		return msg
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "error: ") {
		msg = "error: " + msg
	}
	return msg
}

// kubectlError is an error already in kubectl's words.
type kubectlError struct {
	msg string
	err error
}

func (e *kubectlError) Error() string { return e.msg }
func (e *kubectlError) Unwrap() error { return e.err }

// kubectlErr puts err in kubectl's words, keeping it for errors.As.
func kubectlErr(err error) error {
	if err == nil {
		return nil
	}
	return &kubectlError{msg: Message(err), err: err}
}

var deploymentsResource = schema.GroupResource{Group: "apps", Resource: "deployments"}

// notFound is the API server's NotFound for a Deployment, as kubectl
// prints it.
func notFound(name string) error {
	return kubectlErr(apierrors.NewNotFound(deploymentsResource, name))
}
