package controller

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"podviz/controller/kubelet"
	"podviz/model"
)

// The Kubernetes docs' own Pod examples, from ../shared/corpus (the
// kubernetes/website examples), played out on the cluster. Expected values
// come from the docs pages named and from upstream's kubelet (prober
// worker.go, kuberuntime) and kubectl (printPod); the tests skip when the
// corpus is absent.

func corpusCluster(t *testing.T, rel string) *tracedCluster {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "corpus", "k8s-website-examples", rel)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	objs, err := model.Parse(path, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return newTraced(t, objs, 1)
}

// barePod is the named bare pod of the snapshot.
func barePod(t *testing.T, c *tracedCluster, name string) PodView {
	t.Helper()
	for _, p := range c.Snapshot().BarePods {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no pod %s", name)
	return PodView{}
}

// eventsOf are the pod's aggregated events with reason.
func eventsOf(c *tracedCluster, pod, reason string) []Event {
	var out []Event
	for _, e := range c.Snapshot().Events {
		if e.Object == "pod/"+pod && e.Reason == reason {
			out = append(out, e)
		}
	}
	return out
}

// started is when a pod's first container starts: sandbox, a fresh pull
// of repo, create and start.
func started(repo string) time.Duration {
	return kubelet.SandboxDelay + kubelet.PullDuration(kubelet.ImageSize(repo)) + kubelet.CreateStartDelay
}

// "Define a liveness HTTP request" (tasks/configure-pod-container/
// configure-liveness-readiness-startup-probes): agnhost liveness answers
// /healthz with 200 for its first 10 seconds, then 500; the probe runs 3 s
// after the start and every 3 s, so it fails at 12, 15 and 18 s and the
// third failure (failureThreshold 3) kills the container, which the kubelet
// restarts: "Liveness probe failed: HTTP probe failed with statuscode: 500",
// "Container liveness failed liveness probe, will be restarted".
func TestDocs_HTTPLiveness(t *testing.T) {
	c := corpusCluster(t, "pods/probe/http-liveness.yaml")
	s := started("registry.k8s.io/e2e-test-images/agnhost")
	c.RunUntil(s + 17*time.Second)
	p := barePod(t, c, "liveness-http")
	if p.Status != "Running" || p.Restarts != 0 || !p.Ready {
		t.Fatalf("at start+17s: %+v", p)
	}
	if ev := eventsOf(c, "liveness-http", "Unhealthy"); len(ev) != 1 || ev[0].Count != 2 || ev[0].Type != "Warning" ||
		ev[0].Message != "Liveness probe failed: HTTP probe failed with statuscode: 500" || ev[0].First != s+12*time.Second || ev[0].Last != s+15*time.Second {
		t.Fatalf("Unhealthy at start+17s: %+v", ev)
	}
	if ev := eventsOf(c, "liveness-http", "Killing"); len(ev) != 0 {
		t.Fatalf("killed before the third failure: %+v", ev)
	}
	c.RunUntil(s + 18*time.Second)
	ev := eventsOf(c, "liveness-http", "Killing")
	if len(ev) != 1 || ev[0].Message != "Container liveness failed liveness probe, will be restarted" || ev[0].First != s+18*time.Second {
		t.Fatalf("Killing: %+v", ev)
	}
	if ev := eventsOf(c, "liveness-http", "Unhealthy"); len(ev) != 1 || ev[0].Count != 3 {
		t.Fatalf("Unhealthy at the kill: %+v", ev)
	}
	// Restarted in place: the same pod, the same IP, RESTARTS 1; and it
	// is killed again 18 s after each start.
	ip := p.IP
	c.RunUntil(s + 20*time.Second)
	p = barePod(t, c, "liveness-http")
	if p.Restarts != 1 || p.IP != ip || p.Status != "Running" {
		t.Fatalf("after the restart: %+v", p)
	}
	if cv := p.Containers[0]; cv.State != "Running" || cv.Restarts != 1 {
		t.Fatalf("container after the restart: %+v", cv)
	}
}

// "Define a TCP liveness probe": goproxy listens on 8080; the readiness
// and liveness probes both wait 15 s. The pod is Running but not ready
// until the first readiness probe, 15 s after the start, and no probe ever
// fails (no Unhealthy event).
func TestDocs_TCPLivenessReadiness(t *testing.T) {
	c := corpusCluster(t, "pods/probe/tcp-liveness-readiness.yaml")
	s := started("registry.k8s.io/goproxy")
	c.RunUntil(s + 15*time.Second - time.Millisecond)
	p := barePod(t, c, "goproxy")
	if p.Status != "Running" || p.Ready || p.ReadyContainers != 0 {
		t.Fatalf("before 15 s: %+v", p)
	}
	c.RunUntil(s + 15*time.Second)
	if p = barePod(t, c, "goproxy"); !p.Ready || p.ReadyContainers != 1 {
		t.Fatalf("at 15 s: %+v", p)
	}
	c.RunUntil(s + 10*time.Minute)
	if ev := eventsOf(c, "goproxy", "Unhealthy"); len(ev) != 0 {
		t.Fatalf("Unhealthy: %+v", ev)
	}
	if p = barePod(t, c, "goproxy"); !p.Ready || p.Restarts != 0 {
		t.Fatalf("after 10 min: %+v", p)
	}
}

// "Communicate Between Containers in the Same Pod Using a Shared Volume":
// the debian container writes index.html and exits; under restartPolicy
// Never it is not restarted, and the pod stays Running with nginx — READY
// 1/2, STATUS NotReady (kubectl: a Completed container with another
// running, pod not ready).
func TestDocs_TwoContainerPod(t *testing.T) {
	c := corpusCluster(t, "pods/two-container-pod.yaml")
	c.RunUntil(time.Minute)
	p := barePod(t, c, "two-containers")
	if p.Phase != "Running" || p.Status != "NotReady" || p.ReadyContainers != 1 || p.TotalContainers != 2 || p.Restarts != 0 {
		t.Fatalf("%+v", p)
	}
	if d := p.Containers[1]; d.State != "Terminated" || d.Reason != "Completed" || d.ExitCode != 0 {
		t.Fatalf("debian-container: %+v", d)
	}
	if n := p.Containers[0]; n.State != "Running" || !n.Ready {
		t.Fatalf("nginx-container: %+v", n)
	}
}

// Probes whose answers cannot change cost no wake-ups: a settled
// Deployment of nginx with readiness and liveness probes leaves nothing
// on the clock.
func TestKubelet_SteadyProbesDoNotWake(t *testing.T) {
	c := parseCluster(t, webYAML(3, "", `          readinessProbe:
            httpGet: {path: /, port: 80}
            periodSeconds: 5
          livenessProbe:
            tcpSocket: {port: 80}
            periodSeconds: 3`))
	c.RunUntil(time.Minute)
	if d := deploymentView(t, c.Snapshot(), "web"); d.AvailableReplicas != 3 {
		t.Fatalf("not available: %+v", d)
	}
	if at, ok := c.NextTransition(); ok {
		t.Fatalf("a transition is pending at %v", at)
	}
}

// A readiness probe on a port nothing listens on fails at every period:
// the pod stays NotReady (0/1, Running), one Unhealthy event counts every
// failed run, and a rolling update to such a template stalls within
// maxUnavailable (the old pods stay).
func TestKubelet_FailingReadiness(t *testing.T) {
	c := parseCluster(t, webYAML(1, "", `          readinessProbe:
            httpGet: {path: /, port: 8080}`))
	s := started("nginx")
	c.RunUntil(s + 50*time.Second)
	p := deploymentView(t, c.Snapshot(), "web").ReplicaSets[0].Pods[0]
	if p.Ready || p.Status != "Running" || p.ReadyContainers != 0 || p.Restarts != 0 {
		t.Fatalf("%+v", p)
	}
	ev := eventsOf(c, p.Name, "Unhealthy")
	want := `Readiness probe failed: Get "http://` + p.IP + `:8080/": dial tcp ` + p.IP + `:8080: connect: connection refused`
	if len(ev) != 1 || ev[0].Count != 6 || ev[0].Message != want || ev[0].First != s || ev[0].Last != s+50*time.Second {
		t.Fatalf("Unhealthy: %+v\nwant %q ×6 from %v", ev, want, s)
	}
}

// podNamed finds a pod by name prefix among bare pods and Deployments'.
func podNamed(t *testing.T, c *tracedCluster, prefix string) PodView {
	t.Helper()
	s := c.Snapshot()
	for _, p := range s.BarePods {
		if strings.HasPrefix(p.Name, prefix) {
			return p
		}
	}
	for _, d := range s.Deployments {
		for _, rs := range d.ReplicaSets {
			for _, p := range rs.Pods {
				if strings.HasPrefix(p.Name, prefix) {
					return p
				}
			}
		}
	}
	t.Fatalf("no pod %s*", prefix)
	return PodView{}
}

func cells(p PodView) string {
	return fmt.Sprintf("%d/%d %s %d", p.ReadyContainers, p.TotalContainers, p.Status, p.Restarts)
}

// "Configure Pod Initialization" (tasks/configure-pod-container/
// configure-pod-initialization): the install init container fetches a page
// into the shared emptyDir and exits; nginx starts only then. kubectl get
// pods shows Init:0/1 while it runs, PodInitializing while nginx is being
// created, then "init-demo 1/1 Running 0" as the page shows.
func TestDocs_InitContainers(t *testing.T) {
	c := corpusCluster(t, "pods/init-containers.yaml")
	installStart := kubelet.SandboxDelay + kubelet.PullDuration(kubelet.ImageSize("busybox")) + kubelet.CreateStartDelay
	c.RunUntil(installStart)
	if p := barePod(t, c, "init-demo"); cells(p) != "0/1 Init:0/1 0" || p.Phase != "Pending" {
		t.Fatalf("while install runs: %s %+v", cells(p), p)
	}
	exited := installStart + kubelet.CrashRunTime // wget exits at once; seen at the next relist
	c.RunUntil(exited)
	if p := barePod(t, c, "init-demo"); cells(p) != "0/1 PodInitializing 0" || p.Phase != "Pending" {
		t.Fatalf("install done: %s", cells(p))
	}
	nginxStart := exited + kubelet.PullDuration(kubelet.ImageSize("nginx")) + kubelet.CreateStartDelay
	c.RunUntil(nginxStart - time.Millisecond)
	if p := barePod(t, c, "init-demo"); p.Containers[0].State == "Running" {
		t.Fatal("nginx started before its image was pulled")
	}
	c.RunUntil(nginxStart)
	if p := barePod(t, c, "init-demo"); cells(p) != "1/1 Running 0" || p.Phase != "Running" {
		t.Fatalf("nginx started: %s", cells(p))
	}
}

// "Sidecar Containers" (concepts/workloads/pods/sidecar-containers): the
// logshipper sidecar (an init container with restartPolicy Always) starts
// first and keeps running; myapp starts once it has. kubectl ≥ 1.29 counts
// the sidecar in READY: "myapp-… 2/2 Running 0".
func TestDocs_DeploymentSidecar(t *testing.T) {
	c := corpusCluster(t, "application/deployment-sidecar.yaml")
	sidecarStart := kubelet.SandboxDelay + kubelet.PullDuration(kubelet.ImageSize("alpine")) + kubelet.CreateStartDelay
	c.RunUntil(sidecarStart - time.Millisecond)
	if p := podNamed(t, c, "myapp-"); cells(p) != "0/2 Init:0/1 0" || p.Phase != "Pending" {
		t.Fatalf("sidecar being created: %s", cells(p))
	}
	// Started (no startup probe): initialization is over, myapp is being
	// created — the sidecar counts in READY.
	c.RunUntil(sidecarStart)
	if p := podNamed(t, c, "myapp-"); cells(p) != "1/2 PodInitializing 0" || p.Phase != "Pending" {
		t.Fatalf("sidecar just started: %s", cells(p))
	}
	// alpine:latest is pulled again (imagePullPolicy Always for :latest:
	// a digest check of the cached image), then myapp created and started.
	c.RunUntil(sidecarStart + 2*time.Second)
	p := podNamed(t, c, "myapp-")
	if cells(p) != "2/2 Running 0" || !p.Ready {
		t.Fatalf("both running: %s", cells(p))
	}
	c.RunUntil(time.Hour)
	if p := podNamed(t, c, "myapp-"); cells(p) != "2/2 Running 0" {
		t.Fatalf("an hour later: %s", cells(p))
	}
}

// startup-coordination (the sidecar docs' "startup probe" example): the
// app starts only after the config sidecar's startup probe (test -f
// /config/app.conf) has succeeded; the sidecar wrote the file at its start,
// so the probe's first run passes and main-app follows.
func TestDocs_StartupCoordination(t *testing.T) {
	c := corpusCluster(t, "pods/multi-container/startup-coordination.yaml")
	sidecarStart := kubelet.SandboxDelay + kubelet.PullDuration(kubelet.ImageSize("registry.k8s.io/busybox")) + kubelet.CreateStartDelay
	c.RunUntil(sidecarStart - time.Millisecond)
	p := barePod(t, c, "startup-coordination-example")
	if cells(p) != "0/2 Init:0/1 0" {
		t.Fatalf("before the sidecar's start: %s", cells(p))
	}
	// The startup probe's first run (at the start: no initial delay)
	// finds the file the sidecar wrote at once: started, main-app next.
	c.RunUntil(sidecarStart)
	if p = barePod(t, c, "startup-coordination-example"); cells(p) != "1/2 PodInitializing 0" {
		t.Fatalf("at the sidecar's start: %s", cells(p))
	}
	c.RunUntil(sidecarStart + kubelet.CreateStartDelay)
	if p = barePod(t, c, "startup-coordination-example"); cells(p) != "2/2 Running 0" {
		t.Fatalf("main-app started: %s", cells(p))
	}
	if ev := eventsOf(c, "startup-coordination-example", "Unhealthy"); len(ev) != 0 {
		t.Fatalf("Unhealthy: %+v", ev)
	}
}

// Init containers that fail: under restartPolicy Always the kubelet retries
// with back-off (Init:Error, then Init:CrashLoopBackOff); under Never the
// pod fails (phase Failed, Init:Error) and the app container never starts.
func TestKubelet_InitContainerFails(t *testing.T) {
	pod := func(policy string) string {
		return `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  restartPolicy: ` + policy + `
  initContainers:
    - name: setup
      image: busybox:1.36
      command: ["sh", "-c", "exit 2"]
  containers:
    - name: app
      image: nginx:1.27
`
	}
	c := parseCluster(t, pod("Always"))
	start := kubelet.SandboxDelay + kubelet.PullDuration(kubelet.ImageSize("busybox")) + kubelet.CreateStartDelay
	c.RunUntil(start + kubelet.CrashRunTime)
	if p := barePod(t, c, "p"); cells(p) != "0/1 Init:Error 0" || p.Phase != "Pending" {
		t.Fatalf("first exit: %s %s", cells(p), p.Phase)
	}
	c.RunUntil(2 * time.Minute)
	if p := barePod(t, c, "p"); !strings.HasPrefix(cells(p), "0/1 Init:CrashLoopBackOff ") || p.Phase != "Pending" || p.Containers[0].State != "Waiting" {
		t.Fatalf("retried: %s %s", cells(p), p.Phase)
	}
	c = parseCluster(t, pod("Never"))
	c.RunUntil(time.Minute)
	if p := barePod(t, c, "p"); cells(p) != "0/1 Init:Error 0" || p.Phase != "Failed" {
		t.Fatalf("Never: %s %s", cells(p), p.Phase)
	}
}

// Restart policies per exit, and the back-off reset: Never leaves a failed
// container Error (pod Failed); OnFailure does not restart one that exited
// 0 (Completed, pod Succeeded); under Always a container that ran for 10
// minutes before failing is restarted at once, with no BackOff, every time.
func TestKubelet_RestartPolicies(t *testing.T) {
	pod := func(policy, script string) string {
		return `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  restartPolicy: ` + policy + `
  containers:
    - name: c
      image: busybox:1.36
      command: ["sh", "-c", "` + script + `"]
`
	}
	for _, tc := range []struct{ policy, script, cells, phase string }{
		{"Never", "sleep 5; exit 1", "0/1 Error 0", "Failed"},
		{"OnFailure", "sleep 5", "0/1 Completed 0", "Succeeded"},
		{"Never", "sleep 5", "0/1 Completed 0", "Succeeded"},
	} {
		c := parseCluster(t, pod(tc.policy, tc.script))
		c.RunUntil(5 * time.Minute)
		if p := barePod(t, c, "p"); cells(p) != tc.cells || p.Phase != tc.phase {
			t.Errorf("%s %q: %s %s, want %s %s", tc.policy, tc.script, cells(p), p.Phase, tc.cells, tc.phase)
		}
	}
	c := parseCluster(t, pod("Always", "sleep 600; exit 1"))
	c.RunUntil(time.Hour)
	if p := barePod(t, c, "p"); p.Restarts != 5 {
		t.Errorf("ran 10 min each time: %d restarts in an hour, want 5", p.Restarts)
	}
	if ev := eventsOf(c, "p", "BackOff"); len(ev) != 0 {
		t.Errorf("BackOff after long runs: %+v", ev)
	}
	c = parseCluster(t, pod("Always", "sleep 5; exit 1"))
	c.RunUntil(time.Hour)
	if ev := eventsOf(c, "p", "BackOff"); len(ev) != 1 || ev[0].Count < 5 {
		t.Errorf("BackOff for short runs: %+v", ev)
	}
}

// The snapshot carries a pod's init containers after its app containers
// (marked, the sidecar as such) and its volumes with their mounts.
func TestSnapshot_SidecarContainersAndVolumes(t *testing.T) {
	c := corpusCluster(t, "application/deployment-sidecar.yaml")
	c.RunUntil(time.Minute)
	p := podNamed(t, c, "myapp-")
	if len(p.Containers) != 2 || p.Containers[0].Name != "myapp" || p.Containers[0].Init ||
		p.Containers[1].Name != "logshipper" || !p.Containers[1].Init || !p.Containers[1].Sidecar || p.Containers[1].State != "Running" {
		t.Fatalf("containers: %+v", p.Containers)
	}
	if len(p.Volumes) != 1 || p.Volumes[0].Name != "data" || p.Volumes[0].Kind != "emptyDir" ||
		strings.Join(p.Volumes[0].Mounts, " ") != "logshipper:/opt myapp:/opt" {
		t.Fatalf("volumes: %+v", p.Volumes)
	}
}

// The built-in sidecar example: the sidecar writes index.html into the
// shared emptyDir before nginx starts, so nginx's readiness probe passes at
// its first run; every pod is 2/2 Running, and the settled Deployment
// leaves nothing on the clock.
func TestExample_Sidecar(t *testing.T) {
	data, err := os.ReadFile("../testdata/examples/sidecar.yaml")
	if err != nil {
		t.Fatal(err)
	}
	objs, err := model.Parse("sidecar.yaml", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := newTraced(t, objs, 1)
	c.RunUntil(time.Minute)
	d := deploymentView(t, c.Snapshot(), "web")
	if !d.RolloutDone || d.AvailableReplicas != 3 {
		t.Fatalf("not rolled out: %q", d.RolloutStatus)
	}
	for _, p := range d.ReplicaSets[0].Pods {
		if cells(p) != "2/2 Running 0" || len(p.Volumes) != 1 {
			t.Fatalf("%s: %s %+v", p.Name, cells(p), p.Volumes)
		}
	}
	if ev := eventsOf(c, d.ReplicaSets[0].Pods[0].Name, "Unhealthy"); len(ev) != 0 {
		t.Fatalf("Unhealthy: %+v", ev)
	}
	if at, ok := c.NextTransition(); ok {
		t.Fatalf("a transition is pending at %v", at)
	}
	// Without index.html in the shared volume nginx answers 403: the
	// readiness probe fails and the pods stay 1/2 NotReady (the sidecar
	// ready, nginx not).
	broken := strings.Replace(string(data), "> /html/index.html", "> /html/other.html", 1)
	objs, err = model.Parse("sidecar.yaml", []byte(broken), nil)
	if err != nil {
		t.Fatal(err)
	}
	c = newTraced(t, objs, 1)
	c.RunUntil(time.Minute)
	p := deploymentView(t, c.Snapshot(), "web").ReplicaSets[0].Pods[0]
	if cells(p) != "1/2 Running 0" || p.Ready {
		t.Fatalf("without index.html: %s", cells(p))
	}
	if ev := eventsOf(c, p.Name, "Unhealthy"); len(ev) != 1 || ev[0].Message != "Readiness probe failed: HTTP probe failed with statuscode: 403" {
		t.Fatalf("Unhealthy: %+v", ev)
	}
}

// "Define a gRPC liveness probe" (tasks/configure-pod-container/
// configure-liveness-readiness-startup-probes): etcd implements the gRPC
// health service on 2379, so the probe, 10 s after the start and then
// every 10 s (periodSeconds' default), keeps passing: Running, 1/1 (no
// readiness probe: ready once running), no Unhealthy, no restart. On a
// port nothing serves, the kubelet's gRPC prober gives up at its timeout
// (1 s by default): "timeout: failed to connect service … within 1s:
// context deadline exceeded" (pkg/probe/grpc/grpc.go), at 10, 20 and 30 s,
// and the third failure kills the container.
func TestDocs_GRPCLiveness(t *testing.T) {
	c := corpusCluster(t, "pods/probe/grpc-liveness.yaml")
	s := started("registry.k8s.io/etcd")
	c.RunUntil(s + 10*time.Minute)
	p := barePod(t, c, "etcd-with-grpc")
	if p.Status != "Running" || !p.Ready || p.ReadyContainers != 1 || p.Restarts != 0 {
		t.Fatalf("after 10 min: %+v", p)
	}
	if ev := eventsOf(c, "etcd-with-grpc", "Unhealthy"); len(ev) != 0 {
		t.Fatalf("Unhealthy: %+v", ev)
	}

	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "k8s-website-examples", "pods", "probe", "grpc-liveness.yaml"))
	if err != nil {
		t.Skip(err)
	}
	wrong := strings.Replace(string(data), "port: 2379,\n        },\n        initialDelaySeconds", "port: 2380,\n        },\n        initialDelaySeconds", 1)
	if wrong == string(data) {
		t.Fatal("the probe's port was not found in the manifest")
	}
	objs, err := model.Parse("grpc-wrong-port.yaml", []byte(wrong), nil)
	if err != nil {
		t.Fatal(err)
	}
	c = newTraced(t, objs, 1)
	c.RunUntil(s + 30*time.Second - time.Millisecond)
	p = barePod(t, c, "etcd-with-grpc")
	want := `Liveness probe failed: timeout: failed to connect service "` + p.IP + `:2380" within 1s: context deadline exceeded`
	if ev := eventsOf(c, "etcd-with-grpc", "Unhealthy"); len(ev) != 1 || ev[0].Message != want || ev[0].Count != 2 ||
		ev[0].First != s+10*time.Second || ev[0].Last != s+20*time.Second {
		t.Fatalf("Unhealthy before 30 s: %+v\nwant %q at 10 s and 20 s", ev, want)
	}
	c.RunUntil(s + 30*time.Second)
	if ev := eventsOf(c, "etcd-with-grpc", "Killing"); len(ev) != 1 || ev[0].Message != "Container etcd failed liveness probe, will be restarted" || ev[0].First != s+30*time.Second {
		t.Fatalf("Killing: %+v", ev)
	}
}
