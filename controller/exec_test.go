package controller

import (
	"strings"
	"testing"
	"time"
)

// Failure injection as the docs do it: `kubectl exec POD -- kill 1` stops
// the container's PID 1, and the kubelet restarts the container in place
// (the same pod, the same IP, RESTARTS 1); `kubectl exec POD -- rm
// /tmp/healthy` makes a `cat /tmp/healthy` liveness probe fail, and the
// third failure kills and restarts the container.

const execPods = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.26
---
apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: busybox:1.36
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 3600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 5
      periodSeconds: 5
---
apiVersion: v1
kind: Pod
metadata:
  name: sleeper
spec:
  containers:
  - name: sleep
    image: busybox:1.36
    command: ["sleep", "infinity"]
`

func TestExec_KillRestartsInPlace(t *testing.T) {
	c := parseCluster(t, execPods)
	c.RunUntil(time.Minute)
	before := barePod(t, c, "web")
	if before.Status != "Running" || before.IP == "" {
		t.Fatalf("before: %+v", before)
	}
	out, err := c.Exec("default", "web", "nginx", []string{"kill", "1"})
	if err != nil || out != "" {
		t.Fatalf("kill 1: %q, %v", out, err)
	}
	c.RunUntil(c.Elapsed() + 5*time.Second)
	after := barePod(t, c, "web")
	if after.UID != before.UID || after.IP != before.IP || after.Restarts != 1 || after.Status != "Running" {
		t.Fatalf("after kill 1: %+v (before %+v)", after, before)
	}
	if ev := eventsOf(c, "web", "Killing"); len(ev) != 0 {
		t.Fatalf("the kubelet killed nothing: %+v", ev)
	}

	// sleep has no SIGTERM handler: PID 1 ignores it.
	if _, err := c.Exec("", "sleeper", "", []string{"kill", "1"}); err != nil {
		t.Fatal(err)
	}
	c.RunUntil(c.Elapsed() + 20*time.Second)
	if p := barePod(t, c, "sleeper"); p.Restarts != 0 || p.Status != "Running" {
		t.Fatalf("sleeper after kill 1: %+v", p)
	}
}

func TestExec_RemoveHealthyFile(t *testing.T) {
	c := parseCluster(t, execPods)
	c.RunUntil(time.Minute)
	ip := barePod(t, c, "liveness-exec").IP
	at := c.Elapsed()
	if out, err := c.Exec("default", "liveness-exec", "liveness", []string{"rm", "/tmp/healthy"}); err != nil || out != "" {
		t.Fatalf("rm: %q, %v", out, err)
	}
	c.RunUntil(at + 16*time.Second)
	ev := eventsOf(c, "liveness-exec", "Unhealthy")
	// The exec probe's output is the command's, newline and all.
	want := "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"
	if len(ev) != 1 || ev[0].Count != 3 || strings.TrimSpace(ev[0].Message) != want || ev[0].First <= at || ev[0].First > at+5*time.Second {
		t.Fatalf("Unhealthy after rm at %v: %+v", at, ev)
	}
	kill := eventsOf(c, "liveness-exec", "Killing")
	if len(kill) != 1 || kill[0].Message != "Container liveness failed liveness probe, will be restarted" || kill[0].First != ev[0].Last {
		t.Fatalf("Killing: %+v", kill)
	}
	c.RunUntil(c.Elapsed() + 20*time.Second)
	if p := barePod(t, c, "liveness-exec"); p.Restarts != 1 || p.IP != ip || p.Status != "Running" {
		t.Fatalf("after the restart: %+v", p)
	}
}

func TestExec_Refusals(t *testing.T) {
	c := parseCluster(t, execPods)
	c.RunUntil(time.Minute)
	cases := []struct {
		pod, container string
		argv           []string
		want           string
	}{
		{"nope", "", []string{"kill", "1"}, `Error from server (NotFound): pods "nope" not found`},
		{"web", "side", []string{"kill", "1"}, "Error from server (BadRequest): container side is not valid for pod web"},
		{"web", "", []string{"vi"}, `error: podviz's container model does not run "vi"`},
		{"web", "", []string{"kill", "2"}, "sh: can't kill pid 2: No such process"},
		{"liveness-exec", "", []string{"cat", "/nope"}, "command terminated with exit code 1"},
	}
	for _, tc := range cases {
		out, err := c.Exec("default", tc.pod, tc.container, tc.argv)
		got := out
		if err != nil {
			got += "|" + err.Error()
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("exec %s/%s %q: %q, want %q in it", tc.pod, tc.container, tc.argv, got, tc.want)
		}
	}
	if p := barePod(t, c, "web"); p.Restarts != 0 {
		t.Fatalf("a refused exec changed the pod: %+v", p)
	}
}

func TestProbeFile(t *testing.T) {
	c := parseCluster(t, execPods)
	if ct, f, ok := c.ProbeFile("", "liveness-exec"); !ok || ct != "liveness" || f != "/tmp/healthy" {
		t.Fatalf("liveness-exec: %q %q %v", ct, f, ok)
	}
	if _, _, ok := c.ProbeFile("default", "web"); ok {
		t.Fatal("web has no probe")
	}
	for argv, want := range map[string]string{
		"cat /tmp/healthy":         "/tmp/healthy",
		"sh -c test -e /tmp/ready": "",
		"curl http://x/":           "",
		"/bin/cat /var/run/ok":     "/var/run/ok",
		"test -f /tmp/x":           "/tmp/x",
	} {
		if got := fileRead(strings.Fields(argv)); got != want {
			t.Errorf("fileRead(%q) = %q, want %q", argv, got, want)
		}
	}
	if got := fileRead([]string{"sh", "-c", "test -e /tmp/ready && echo ok"}); got != "/tmp/ready" {
		t.Errorf("sh -c: %q", got)
	}
}
