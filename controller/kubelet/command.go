package kubelet

import (
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// containerProgram is what the simulated container does once started,
// judged from its command and args: most images serve forever; a few
// commands exit.
type containerProgram struct {
	exits    bool
	exitCode int32
	runFor   time.Duration
	// ignoresSIGTERM: PID 1 without a handler (sleep) waits out the whole
	// grace period on deletion.
	ignoresSIGTERM bool
}

// programOf recognises `false`, `/bin/false`, `true`, `sh -c false`,
// `sh -c "exit N"` and `sleep N` (also as args); everything else runs until
// killed. The oracle treats the same failing commands as never ready.
func programOf(c *corev1.Container) containerProgram {
	argv := append(append([]string{}, c.Command...), c.Args...)
	if len(argv) == 0 {
		return containerProgram{}
	}
	base := argv[0][strings.LastIndex(argv[0], "/")+1:]
	if (base == "sh" || base == "bash" || base == "ash") && len(argv) >= 3 && argv[1] == "-c" {
		return scriptProgram(strings.TrimSpace(argv[2]))
	}
	return scriptProgram(strings.Join(append([]string{base}, argv[1:]...), " "))
}

func scriptProgram(script string) containerProgram {
	f := strings.Fields(script)
	if len(f) == 0 {
		return containerProgram{exits: true, runFor: CrashRunTime}
	}
	switch f[0][strings.LastIndex(f[0], "/")+1:] {
	case "false":
		return containerProgram{exits: true, exitCode: 1, runFor: CrashRunTime}
	case "true":
		return containerProgram{exits: true, exitCode: 0, runFor: CrashRunTime}
	case "exit":
		code := int64(0)
		if len(f) > 1 {
			code, _ = strconv.ParseInt(f[1], 10, 32)
		}
		return containerProgram{exits: true, exitCode: int32(code & 0xff), runFor: CrashRunTime}
	case "sleep":
		if len(f) > 1 {
			if f[1] == "infinity" {
				return containerProgram{ignoresSIGTERM: true}
			}
			if s, err := strconv.ParseFloat(f[1], 64); err == nil && s >= 0 && s < 1e9 {
				return containerProgram{exits: true, runFor: time.Duration(s * float64(time.Second)), ignoresSIGTERM: true}
			}
		}
		return containerProgram{ignoresSIGTERM: true}
	}
	return containerProgram{}
}
