package controller

import (
	"testing"
	"time"

	"podviz/controller/kubelet"
)

// Timeline of a fresh pod (timings.go): scheduled at once, sandbox 0.5s,
// pull of nginx (1s + 72 MB at 50 MB/s), create+start 1s, ready at start
// without a probe, or initialDelaySeconds later with one.
func TestKubelet_ReadinessProbeDelay(t *testing.T) {
	start := kubelet.SandboxDelay + kubelet.PullDuration(kubelet.ImageSize("nginx")) + kubelet.CreateStartDelay
	cases := []struct {
		name      string
		container string
		readyAt   time.Duration
	}{
		{"no probe: ready when started", "", start},
		{"readinessProbe initialDelaySeconds 5: ready 5s after start",
			"          readinessProbe:\n            initialDelaySeconds: 5\n            httpGet:\n              path: /\n              port: 80", start + 5*time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := parseCluster(t, webYAML(1, "", tc.container))
			c.RunUntil(tc.readyAt - time.Millisecond)
			p := deploymentView(t, c.Snapshot(), "web").ReplicaSets[0].Pods[0]
			if p.Ready {
				t.Fatalf("ready before %v", tc.readyAt)
			}
			c.RunUntil(tc.readyAt)
			p = deploymentView(t, c.Snapshot(), "web").ReplicaSets[0].Pods[0]
			if !p.Ready || p.Status != "Running" || p.IP != "10.244.0.2" || p.Node != NodeName {
				t.Errorf("at %v: %+v", tc.readyAt, p)
			}
		})
	}
}

// minReadySeconds 10: a pod ready at t counts as available from t + 10s
// (the Ready condition's time has whole seconds, as on the wire).
func TestReplicaSet_MinReadySeconds(t *testing.T) {
	c := parseCluster(t, webYAML(2, "  minReadySeconds: 10", ""))
	ready := kubelet.SandboxDelay + kubelet.PullDuration(kubelet.ImageSize("nginx")) + kubelet.CreateStartDelay
	readySecond := ready.Truncate(time.Second)
	c.RunUntil(readySecond + 10*time.Second - time.Millisecond)
	d := deploymentView(t, c.Snapshot(), "web")
	if d.ReplicaSets[0].Ready != 2 || d.ReplicaSets[0].Available != 0 {
		t.Fatalf("before minReadySeconds: %+v", d.ReplicaSets[0])
	}
	c.RunUntil(readySecond + 10*time.Second)
	d = deploymentView(t, c.Snapshot(), "web")
	if d.ReplicaSets[0].Available != 2 || d.AvailableReplicas != 2 || !d.RolloutDone {
		t.Errorf("after minReadySeconds: %+v %q", d.ReplicaSets[0], d.RolloutStatus)
	}
}

// A pod with two containers shares one IP; a bad image in one keeps the
// pod Pending with the waiting reason as its STATUS.
func TestKubelet_TwoContainersOneBadImage(t *testing.T) {
	c := parseCluster(t, webYAML(1, "", "        - name: sidecar\n          image: busybox:9.99.9"))
	c.RunUntil(30 * time.Second)
	p := deploymentView(t, c.Snapshot(), "web").ReplicaSets[0].Pods[0]
	if p.Phase != "Pending" || p.Status != "ImagePullBackOff" || p.ReadyContainers != 1 || p.TotalContainers != 2 || p.IP == "" {
		t.Errorf("%+v", p)
	}
}
