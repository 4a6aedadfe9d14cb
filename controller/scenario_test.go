package controller

import (
	"regexp"
	"testing"
	"time"

	"podviz/controller/kubelet"
)

// Expected sequences come from /tmp/oracle (upstream's controllers,
// k8s.io/kubernetes v1.37.2) run on the same testdata manifest and the same
// script; the script is in each case's comment.
func TestScenario_RollingSequences(t *testing.T) {
	cases := []struct {
		name     string
		manifest string
		steps    []step
		want     string
		final    string
	}{
		{
			name:     "article: 3 replicas, 25%/25% (surge 1, unavailable 0), set image at 30s",
			manifest: "",
			steps:    []step{{30 * time.Second, setImage("example-deployment", "nginx:1.27")}},
			want:     "upA0→3, upB0→1, downA3→2, upB1→2, downA2→1, upB2→3, downA1→0",
			final:    "A0 B3",
		},
		{
			name:     "maxSurge 0, maxUnavailable 1: the old ReplicaSet shrinks first",
			manifest: "surge0",
			steps:    []step{{30 * time.Second, setImage("web", "nginx:1.27")}},
			want:     "upA0→3, downA3→2, upB0→1, downA2→1, upB1→2, downA1→0, upB2→3",
			final:    "A0 B3",
		},
		{
			name:     "maxUnavailable 100%: 4 replicas, surge 1, all old go at once",
			manifest: "unavailable100",
			steps:    []step{{30 * time.Second, setImage("web", "nginx:1.27")}},
			want:     "upA0→4, upB0→1, downA4→0, upB1→4",
			final:    "A0 B4",
		},
		{
			name:     "Recreate: old to 0, then new to 3",
			manifest: "recreate",
			steps:    []step{{30 * time.Second, setImage("web", "nginx:1.27")}},
			want:     "upA0→3, downA3→0, upB0→3",
			final:    "A0 B3",
		},
		{
			name:     "undo reuses the first ReplicaSet (same pod-template-hash)",
			manifest: "web3",
			steps: []step{
				{30 * time.Second, setImage("web", "nginx:1.27")},
				{60 * time.Second, undo("web", 0)},
			},
			want:  "upA0→3, upB0→1, downA3→2, upB1→2, downA2→1, upB2→3, downA1→0, upA0→1, downB3→2, upA1→2, downB2→1, upA2→3, downB1→0",
			final: "A3 B0",
		},
		{
			name:     "10 replicas, surge 3, unavailable 2, bad image, scale to 15: old 11 / new 7",
			manifest: "web10",
			steps: []step{
				{30 * time.Second, setImage("web", "nginx:9.99.9")},
				{60 * time.Second, scale("web", 15)},
			},
			want:  "upA0→10, upB0→3, downA10→8, upB3→5, upA8→11, upB5→7",
			final: "A11 B7",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := loadCluster(t, tc.manifest)
			c.play(t, tc.steps, 120*time.Second)
			name := "web"
			if tc.manifest == "" {
				name = "example-deployment"
			}
			if got := joinSeq(c.sequence(name)); got != tc.want {
				t.Errorf("sequence\n got %s\nwant %s", got, tc.want)
			}
			if got := sizes(deploymentView(t, c.Snapshot(), name)); got != tc.final {
				t.Errorf("final sizes: got %s, want %s", got, tc.final)
			}
		})
	}
}

// The article's rollout, as the event log shows it: exact upstream wording
// and names (the hashes match the oracle's ReplicaSet names).
func TestScenario_ArticleEventMessages(t *testing.T) {
	c := loadCluster(t, "")
	c.play(t, []step{{30 * time.Second, setImage("example-deployment", "nginx:1.27")}}, 60*time.Second)
	want := []string{
		"Scaled up replica set example-deployment-585c5579f6 from 0 to 3",
		"Scaled up replica set example-deployment-5dbb5b4c5 from 0 to 1",
		"Scaled down replica set example-deployment-585c5579f6 from 3 to 2",
		"Scaled up replica set example-deployment-5dbb5b4c5 from 1 to 2",
		"Scaled down replica set example-deployment-585c5579f6 from 2 to 1",
		"Scaled up replica set example-deployment-5dbb5b4c5 from 2 to 3",
		"Scaled down replica set example-deployment-585c5579f6 from 1 to 0",
	}
	if got := c.messages(reasonScalingReplicaSet); joinSeq(got) != joinSeq(want) {
		t.Errorf("ScalingReplicaSet messages\n got %q\nwant %q", got, want)
	}
	creates := c.messages(reasonSuccessfulCreate)
	if len(creates) != 6 { // 3 + 3 pods of the ReplicaSets; the bare pod has no controller
		t.Errorf("SuccessfulCreate: got %d, want 6: %q", len(creates), creates)
	}
	for _, m := range creates {
		if !regexp.MustCompile(`^Created pod: example-deployment-(585c5579f6|5dbb5b4c5)-[bcdfghjklmnpqrstvwxz2456789]{5}$`).MatchString(m) {
			t.Errorf("SuccessfulCreate message %q", m)
		}
	}
	d := deploymentView(t, c.Snapshot(), "example-deployment")
	if d.RolloutStatus != `deployment "example-deployment" successfully rolled out` || !d.RolloutDone {
		t.Errorf("rollout status %q done=%v", d.RolloutStatus, d.RolloutDone)
	}
	if d.Revision != 2 || d.Decision != (Decision{}) {
		t.Errorf("revision %d decision %+v", d.Revision, d.Decision)
	}
}

// Paused mid-rollout (old 3 / new 1), scaled to 6, then resumed. While
// paused only scaling happens: R 6 → surge 2 (25% of 6 rounded up), allowed
// 8, toAdd 8 − 4 = 4; the old ReplicaSet (3, annotated max 4) gets
// round(3×8/4) − 3 = 3, the new one (1) round(1×8/4) − 1 = 1: A6 B2
// (upstream's getReplicaSetFraction). On resume the rollout goes on.
func TestScenario_PauseScaleResume(t *testing.T) {
	c := loadCluster(t, "web3")
	c.play(t, []step{
		{30 * time.Second, setImage("web", "nginx:1.27")},
		{30 * time.Second, pause("web")},
	}, 40*time.Second)
	d := deploymentView(t, c.Snapshot(), "web")
	if got := sizes(d); got != "A3 B1" {
		t.Fatalf("paused at A3 B1, got %s", got)
	}
	if d.Decision.Reason != "paused: only scaling" || !hasCondition(d, "Progressing", "Unknown", "DeploymentPaused") {
		t.Errorf("paused: decision %+v conditions %+v", d.Decision, d.Conditions)
	}
	if _, err := c.Scale("", "web", 6); err != nil {
		t.Fatal(err)
	}
	if got := sizes(deploymentView(t, c.Snapshot(), "web")); got != "A6 B2" {
		t.Errorf("proportional scaling while paused: got %s, want A6 B2", got)
	}
	c.RunUntil(50 * time.Second)
	if got := sizes(deploymentView(t, c.Snapshot(), "web")); got != "A6 B2" {
		t.Errorf("still paused at 50s: got %s", got)
	}
	if _, err := c.RolloutResume("", "web"); err != nil {
		t.Fatal(err)
	}
	c.RunUntil(120 * time.Second)
	d = deploymentView(t, c.Snapshot(), "web")
	if got := sizes(d); got != "A0 B6" || !d.RolloutDone {
		t.Errorf("after resume: got %s done=%v", got, d.RolloutDone)
	}
	want := "upA0→3, upB0→1, upA3→6, upB1→2"
	if got := joinSeq(c.sequence("web")); len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("sequence %s, want prefix %s", got, want)
	}
}

func hasCondition(d DeploymentView, typ, status, reason string) bool {
	for _, c := range d.Conditions {
		if c.Type == typ && c.Status == status && c.Reason == reason {
			return true
		}
	}
	return false
}

// A bad image with progressDeadlineSeconds 60: the last progress is the
// new ReplicaSet at 30s, so the rollout times out at 30 + 60 + 1 s
// (upstream re-queues one second after the deadline; DeploymentTimedOut
// needs strictly after). No automatic rollback: sizes stay A3 B1.
func TestScenario_ProgressDeadlineExceeded(t *testing.T) {
	c := loadCluster(t, "deadline")
	c.play(t, []step{{30 * time.Second, setImage("web", "nginx:9.99.9")}}, 90*time.Second)
	d := deploymentView(t, c.Snapshot(), "web")
	if d.RolloutFailed || !hasCondition(d, "Progressing", "True", "ReplicaSetUpdated") {
		t.Fatalf("at 90s not yet timed out: %+v", d.Conditions)
	}
	c.RunUntil(91 * time.Second)
	d = deploymentView(t, c.Snapshot(), "web")
	if !hasCondition(d, "Progressing", "False", "ProgressDeadlineExceeded") {
		t.Fatalf("at 91s: %+v", d.Conditions)
	}
	for _, cond := range d.Conditions {
		if cond.Reason == "ProgressDeadlineExceeded" && cond.Message != `ReplicaSet "web-6f75b4595f" has timed out progressing.` {
			t.Errorf("message %q", cond.Message)
		}
	}
	if d.RolloutStatus != `error: deployment "web" exceeded its progress deadline` || !d.RolloutFailed {
		t.Errorf("rollout status %q failed=%v", d.RolloutStatus, d.RolloutFailed)
	}
	if sizes(d) != "A3 B1" || d.Decision.Reason[:len("progress deadline exceeded")] != "progress deadline exceeded" {
		t.Errorf("sizes %s decision %+v", sizes(d), d.Decision)
	}
}

// A paused Deployment is not judged against its deadline.
func TestScenario_PausedDoesNotTimeOut(t *testing.T) {
	c := loadCluster(t, "deadline")
	c.play(t, []step{
		{30 * time.Second, setImage("web", "nginx:9.99.9")},
		{31 * time.Second, pause("web")},
	}, 10*time.Minute)
	d := deploymentView(t, c.Snapshot(), "web")
	if d.RolloutFailed || !hasCondition(d, "Progressing", "Unknown", "DeploymentPaused") {
		t.Errorf("paused deployment timed out: %+v", d.Conditions)
	}
}

// Killing a bare Pod: nobody brings it back. Killing a Deployment's pod:
// its ReplicaSet creates a replacement with a new name at once, while the
// old one is still Terminating.
func TestScenario_KillBarePodAndDeploymentPod(t *testing.T) {
	c := loadCluster(t, "bare")
	c.RunUntil(10 * time.Second)
	rs := deploymentView(t, c.Snapshot(), "web").ReplicaSets[0]
	victim := rs.Pods[0].Name
	if out, err := c.DeletePod("", "solo", DeleteOptions{}); err != nil || out != `pod "solo" deleted from default namespace` {
		t.Fatalf("delete solo: %q %v", out, err)
	}
	if _, err := c.DeletePod("", victim, DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	s := c.Snapshot()
	pods := deploymentView(t, s, "web").ReplicaSets[0].Pods
	if len(pods) != 3 || pods[0].Name != victim || pods[0].Status != "Terminating" {
		t.Fatalf("right after the kill: %+v", pods)
	}
	replacement := pods[2].Name
	if replacement == victim || pods[2].Status != "Pending" {
		t.Errorf("replacement %q status %q", replacement, pods[2].Status)
	}
	if len(s.BarePods) != 1 || s.BarePods[0].Status != "Terminating" {
		t.Errorf("bare pod: %+v", s.BarePods)
	}
	c.RunUntil(20 * time.Second)
	s = c.Snapshot()
	if len(s.BarePods) != 0 {
		t.Errorf("bare pod came back: %+v", s.BarePods)
	}
	pods = deploymentView(t, s, "web").ReplicaSets[0].Pods
	if len(pods) != 2 || pods[1].Name != replacement || pods[1].Status != "Running" {
		t.Errorf("after termination: %+v", pods)
	}
	want := []string{"Stopping container nginx", "Stopping container nginx"}
	if got := c.messages(reasonKilling); joinSeq(got) != joinSeq(want) {
		t.Errorf("Killing: %q", got)
	}
}

// `--grace-period=0 --force` removes the pod at once.
func TestScenario_ForceDelete(t *testing.T) {
	c := loadCluster(t, "bare")
	c.RunUntil(10 * time.Second)
	zero := int64(0)
	out, err := c.DeletePod("", "solo", DeleteOptions{GracePeriod: &zero, Force: true})
	if err != nil || out != `pod "solo" force deleted from default namespace` {
		t.Fatalf("%q %v", out, err)
	}
	if n := len(c.Snapshot().BarePods); n != 0 {
		t.Errorf("force-deleted pod still there")
	}
}

// Recreate waits for the old pods to be gone (terminating included) before
// it creates the new ReplicaSet.
func TestScenario_RecreateWaitsForTermination(t *testing.T) {
	c := loadCluster(t, "recreate")
	c.play(t, []step{{30 * time.Second, setImage("web", "nginx:1.27")}}, 30*time.Second)
	d := deploymentView(t, c.Snapshot(), "web")
	if sizes(d) != "A0" || d.Decision.Reason != "Recreate: waiting for 3 old pods to terminate" {
		t.Fatalf("right after: %s %+v", sizes(d), d.Decision)
	}
	c.RunUntil(31 * time.Second) // nginx stops in 1s
	if got := sizes(deploymentView(t, c.Snapshot(), "web")); got != "A0 B3" {
		t.Errorf("after termination: %s", got)
	}
}

// Image pull back-off: each failed pull is followed by ImagePullBackOff and
// another pull 10s, 20s, 40s, 80s, 160s, then 300s (capped) after the
// failure (kubelet image manager + flowcontrol.Backoff).
func TestScenario_ImagePullBackOffTimes(t *testing.T) {
	c := loadCluster(t, "web3")
	c.play(t, []step{{30 * time.Second, setImage("web", "nginx:9.99.9")}}, 20*time.Minute)
	var fails, pulls []time.Duration
	pod := ""
	for _, e := range c.raw {
		if pod == "" && e.Reason == reasonPulling && e.Message == `Pulling image "nginx:9.99.9"` {
			pod = e.Object
		}
		if e.Object != pod {
			continue
		}
		switch {
		case e.Reason == reasonPulling:
			pulls = append(pulls, e.First)
		case e.Reason == reasonFailed && e.Message == "Error: ErrImagePull":
			fails = append(fails, e.First)
		}
	}
	wantGaps := []time.Duration{10, 20, 40, 80, 160, 300, 300}
	for i, g := range wantGaps {
		if i+1 >= len(pulls) || pulls[i+1]-fails[i] != g*time.Second {
			t.Fatalf("retry %d: pulls %v fails %v", i, pulls, fails)
		}
	}
	p := deploymentView(t, c.Snapshot(), "web").ReplicaSets[1].Pods[0]
	if p.Status != "ImagePullBackOff" && p.Status != "ErrImagePull" {
		t.Errorf("status %q", p.Status)
	}
}

// CrashLoopBackOff: the first exit is restarted at the kubelet's next sync,
// later ones after 10s, 20s, 40s … since the exit (kuberuntime doBackOff);
// each restart then takes kubelet.CreateStartDelay to start.
func TestScenario_CrashLoopBackOffTimes(t *testing.T) {
	c := loadCluster(t, "crash")
	c.RunUntil(10 * time.Minute)
	var starts []time.Duration
	for _, e := range c.raw {
		if e.Reason == reasonStarted {
			starts = append(starts, e.First)
		}
	}
	run := kubelet.CrashRunTime
	wantGaps := []time.Duration{kubelet.BackOffNoticeDelay, 10 * time.Second, 20 * time.Second, 40 * time.Second, 80 * time.Second, 160 * time.Second}
	for i, g := range wantGaps {
		if i+1 >= len(starts) || starts[i+1]-starts[i] != run+g+kubelet.CreateStartDelay {
			t.Fatalf("restart %d: starts %v", i, starts)
		}
	}
	p := deploymentView(t, c.Snapshot(), "crash").ReplicaSets[0].Pods[0]
	if p.Restarts < 6 || p.Ready {
		t.Errorf("pod %+v", p)
	}
	backoffs := c.messages(reasonBackOff)
	if len(backoffs) == 0 || !regexp.MustCompile(`^Back-off restarting failed container app in pod crash-[a-z0-9]+-[a-z0-9]{5}_default\([0-9a-f-]{36}\)$`).MatchString(backoffs[0]) {
		t.Errorf("BackOff %q", backoffs)
	}
}
