package kubelet

import (
	"errors"
	"fmt"
	"path"

	"k8s.io/apimachinery/pkg/types"

	"podviz/controller/kubelet/program"
)

// ErrContainerNotRunning is the kubelet's answer to an exec into a
// container that is not running (kubectl prints it after "unable to
// upgrade connection: ").
var ErrContainerNotRunning = errors.New("container not found")

// ErrNotModelled: the container model cannot run the command.
var ErrNotModelled = errors.New("not modelled")

// Exec runs argv in the running container name of the pod, as `kubectl
// exec` does, and returns the exit code and combined output. `kill 1`
// sends SIGTERM to the container's PID 1: a process with a handler (a
// server) exits with 143 and the kubelet restarts the container in place;
// one without a handler (sleep) ignores it, as does any PID 1 a SIGKILL
// from inside its own PID namespace. Other commands run in the shell
// model against the container's files (rm /tmp/healthy makes a cat
// probe fail at its next run).
func (k *Kubelet) Exec(uid types.UID, name string, argv []string) (int, string, error) {
	pr := k.pods[uid]
	if pr == nil || pr.dying || len(argv) == 0 {
		return 0, "", ErrContainerNotRunning
	}
	var cr *containerRuntime
	for _, c := range pr.all {
		if c.spec.Name == name {
			cr = c
		}
	}
	if cr == nil || !cr.running {
		return 0, "", ErrContainerNotRunning
	}
	bin := path.Base(argv[0])
	if bin != "kill" && !program.Runs(bin) {
		return 0, "", fmt.Errorf("%w: %q", ErrNotModelled, argv[0])
	}
	// Bring the pod to now with what its processes answered until now.
	if k.step(pr) {
		k.writeStatus(pr)
	}
	if !cr.running {
		return 0, "", ErrContainerNotRunning
	}
	if bin == "kill" {
		return k.killPID(pr, cr, argv[1:])
	}
	code, out, _ := k.Process(pr.pod.UID, name).Exec(argv, k.clock.Now(), 0)
	// The command may have changed what the probes see.
	cr.probes.Forget()
	if k.step(pr) {
		k.writeStatus(pr)
	}
	return code, out, nil
}

// killPID is busybox kill with one PID: signal 15 unless -9/-KILL (or
// -15/-TERM) is given.
func (k *Kubelet) killPID(pr *podRuntime, cr *containerRuntime, args []string) (int, string, error) {
	sig := "TERM"
	if len(args) == 2 {
		switch args[0] {
		case "-9", "-KILL", "-SIGKILL":
			sig = "KILL"
		case "-15", "-TERM", "-SIGTERM":
		default:
			return 1, "sh: kill: " + args[0] + ": invalid signal specification\n", nil
		}
		args = args[1:]
	}
	if len(args) != 1 {
		return 2, "kill: usage: kill [-9|-15] PID\n", nil
	}
	if args[0] != "1" {
		return 1, "sh: can't kill pid " + args[0] + ": No such process\n", nil
	}
	// The kernel delivers to a namespace's init only the signals it has a
	// handler for, and never a SIGKILL sent from inside.
	if sig == "KILL" || cr.term.ignoresSIGTERM {
		return 0, "", nil
	}
	if cr.prog != nil {
		cr.prog.Kill(143)
	}
	k.exited(pr, cr, 143)
	return 0, "", nil
}
