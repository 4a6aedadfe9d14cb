package controller

import (
	"os"
	"path/filepath"
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
