package kubectl

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"podviz/controller"
	"podviz/model"
)

// snapshotFixture is a hand-built snapshot at 2m5s: the article's
// Deployment mid-rollout (old ReplicaSet 2 pods, new 1 pod pulling) and the
// bare Pod.
func snapshotFixture() *controller.Snapshot {
	pod := func(name, owner, status string, ready int, created time.Duration, ip string, restarts int32, image string) controller.PodView {
		return controller.PodView{
			Namespace: "default", Name: name, Owner: owner, Status: status, Created: created,
			ReadyContainers: ready, TotalContainers: 1, Restarts: restarts, IP: ip, Node: nodeIf(ip),
			Containers: []controller.ContainerView{{Name: "nginx", Image: image}},
		}
	}
	return &controller.Snapshot{
		Elapsed: 125 * time.Second,
		Deployments: []controller.DeploymentView{{
			Namespace: "default", Name: "example-deployment", Replicas: 3, Selector: "app=nginx",
			Images: []string{"nginx:1.27"}, StatusReplicas: 3, UpdatedReplicas: 1, ReadyReplicas: 2, AvailableReplicas: 2,
			RolloutStatus: `Waiting for deployment "example-deployment" rollout to finish: 1 out of 3 new replicas have been updated...`,
			ReplicaSets: []controller.ReplicaSetView{
				{Namespace: "default", Name: "example-deployment-7c5ddbdf54", Hash: "7c5ddbdf54", Images: []string{"nginx:latest"},
					Desired: 2, Current: 2, Ready: 2, Available: 2, Pods: []controller.PodView{
						pod("example-deployment-7c5ddbdf54-2xkqz", "example-deployment-7c5ddbdf54", "Running", 1, 0, "10.244.0.2", 0, "nginx:latest"),
						crashed(pod("example-deployment-7c5ddbdf54-8vw6p", "example-deployment-7c5ddbdf54", "Running", 1, 0, "10.244.0.3", 2, "nginx:latest"), 99*time.Second),
					}},
				{Namespace: "default", Name: "example-deployment-5d4f8b7c9", Hash: "5d4f8b7c9", Images: []string{"nginx:1.27"}, New: true,
					Created: 120 * time.Second, Desired: 1, Current: 1, Pods: []controller.PodView{
						pod("example-deployment-5d4f8b7c9-b7t2x", "example-deployment-5d4f8b7c9", "ContainerCreating", 0, 120*time.Second, "", 0, "nginx:1.27"),
					}},
			},
		}},
		BarePods: []controller.PodView{pod("example-pod", "", "Running", 1, 0, "10.244.0.1", 0, "nginx:latest")},
		Events: []controller.Event{
			{First: 0, Last: 0, Type: "Normal", Reason: "ScalingReplicaSet", Object: "deployment/example-deployment", Namespace: "default",
				Message: "Scaled up replica set example-deployment-7c5ddbdf54 from 0 to 3", Source: "deployment-controller", Count: 1},
			{First: 3 * time.Second, Last: 100 * time.Second, Type: "Warning", Reason: "BackOff", Object: "pod/example-deployment-7c5ddbdf54-8vw6p", Namespace: "default",
				Message: "Back-off restarting failed container nginx in pod example-deployment-7c5ddbdf54-8vw6p_default(uid)", Source: "kubelet", Count: 2},
			{First: 120 * time.Second, Last: 120 * time.Second, Type: "Normal", Reason: "ScalingReplicaSet", Object: "deployment/example-deployment", Namespace: "default",
				Message: "Scaled up replica set example-deployment-5d4f8b7c9 from 0 to 1", Source: "deployment-controller", Count: 1},
		},
	}
}

// crashed gives a pod's last container termination (its last restart).
func crashed(p controller.PodView, at time.Duration) controller.PodView {
	p.LastRestart = controller.Epoch.Add(at)
	return p
}

func nodeIf(ip string) string {
	if ip == "" {
		return ""
	}
	return "podviz-node"
}

// cols lays out one expected line: each width is the column's widest cell
// plus kubectl's padding of 3 (at least 6); the last column is not padded.
func cols(widths []int, cells ...string) string {
	var b strings.Builder
	for i, c := range cells {
		if i < len(cells)-1 {
			fmt.Fprintf(&b, "%-*s", widths[i], c)
		} else {
			b.WriteString(c)
		}
	}
	return b.String() + "\n"
}

func TestPrintPods_Columns(t *testing.T) {
	snap := snapshotFixture()
	w := []int{38, 8, 20, 14}
	want := cols(w, "NAME", "READY", "STATUS", "RESTARTS", "AGE") +
		cols(w, "example-deployment-5d4f8b7c9-b7t2x", "0/1", "ContainerCreating", "0", "5s") +
		cols(w, "example-deployment-7c5ddbdf54-2xkqz", "1/1", "Running", "0", "2m5s") +
		cols(w, "example-deployment-7c5ddbdf54-8vw6p", "1/1", "Running", "2 (26s ago)", "2m5s") +
		cols(w, "example-pod", "1/1", "Running", "0", "2m5s")
	if got := GetPods(snap, false); got != want {
		t.Fatalf("GetPods:\n%s\nwant:\n%s", got, want)
	}

	// IP "10.244.0.2" is 10 wide → 13; NODE "podviz-node" 11 → 14;
	// NOMINATED NODE 14 → 17; READINESS GATES is last, unpadded.
	ww := []int{38, 8, 20, 14, 7, 13, 14, 17}
	wantWide := cols(ww, "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES") +
		cols(ww, "example-deployment-5d4f8b7c9-b7t2x", "0/1", "ContainerCreating", "0", "5s", "<none>", "<none>", "<none>", "<none>") +
		cols(ww, "example-deployment-7c5ddbdf54-2xkqz", "1/1", "Running", "0", "2m5s", "10.244.0.2", "podviz-node", "<none>", "<none>") +
		cols(ww, "example-deployment-7c5ddbdf54-8vw6p", "1/1", "Running", "2 (26s ago)", "2m5s", "10.244.0.3", "podviz-node", "<none>", "<none>") +
		cols(ww, "example-pod", "1/1", "Running", "0", "2m5s", "10.244.0.1", "podviz-node", "<none>", "<none>")
	if got := GetPods(snap, true); got != wantWide {
		t.Fatalf("GetPods wide:\n%s\nwant:\n%s", got, wantWide)
	}
}

// TestPrintPods_Restarts: RESTARTS is the count, and once a container has
// restarted, how long ago the latest termination finished, with kubectl's
// age format (upstream printPod: "%d (%s ago)", translateTimestampSince).
func TestPrintPods_Restarts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		restarts int32
		last     time.Duration // since start; 0: no last termination
		want     string
	}{
		{"never restarted", 0, 0, "0"},
		{"crash loop, last exit 12s ago", 4, 113 * time.Second, "4 (12s ago)"},
		{"last exit under a second ago", 1, 124*time.Second + 600*time.Millisecond, "1 (0s ago)"},
		{"last exit 119s ago is still seconds", 2, 6 * time.Second, "2 (119s ago)"},
		{"last exit 2m ago", 7, 5 * time.Second, "7 (2m ago)"},
		{"a count without a known termination prints alone", 3, 0, "3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := controller.PodView{Namespace: "default", Name: "web", Status: "CrashLoopBackOff", TotalContainers: 1, Restarts: tc.restarts}
			if tc.last != 0 {
				p = crashed(p, tc.last)
			}
			snap := &controller.Snapshot{Elapsed: 125 * time.Second, Now: controller.Epoch.Add(125 * time.Second), BarePods: []controller.PodView{p}}
			rows := strings.Split(strings.TrimSpace(GetPods(snap, false)), "\n")
			header, row := rows[0], rows[1]
			i := strings.Index(header, "RESTARTS")
			j := strings.Index(header, "AGE")
			if got := strings.TrimSpace(row[i:j]); got != tc.want {
				t.Errorf("RESTARTS %q, want %q\n%s", got, tc.want, strings.Join(rows, "\n"))
			}
		})
	}
}

// TestGetPods_CrashLoopingCluster: on a live crash loop the RESTARTS cell
// carries the age of the last exit.
func TestGetPods_CrashLoopingCluster(t *testing.T) {
	c := crashLoopCluster(t)
	c.RunUntil(2 * time.Minute)
	snap := c.Snapshot()
	out := GetPods(snap, false)
	if !regexp.MustCompile(`(?m)^crash-\S+\s+0/1\s+CrashLoopBackOff\s+[1-9]\d* \(\d+s ago\)\s+2m$`).MatchString(out) {
		t.Fatalf("want a crash-looping row with \"N (Ms ago)\":\n%s", out)
	}
}

func TestPrintDeployments_Columns(t *testing.T) {
	snap := snapshotFixture()
	w := []int{21, 8, 13, 12}
	want := cols(w, "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE") +
		cols(w, "example-deployment", "2/3", "1", "2", "2m5s")
	if got := GetDeployments(snap, false); got != want {
		t.Fatalf("GetDeployments:\n%s\nwant:\n%s", got, want)
	}
	ww := []int{21, 8, 13, 12, 7, 13, 13}
	wantWide := cols(ww, "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR") +
		cols(ww, "example-deployment", "2/3", "1", "2", "2m5s", "nginx", "nginx:1.27", "app=nginx")
	if got := GetDeployments(snap, true); got != wantWide {
		t.Fatalf("GetDeployments wide:\n%s\nwant:\n%s", got, wantWide)
	}
}

func TestPrintReplicaSets_Columns(t *testing.T) {
	snap := snapshotFixture()
	w := []int{32, 10, 10, 8}
	want := cols(w, "NAME", "DESIRED", "CURRENT", "READY", "AGE") +
		cols(w, "example-deployment-5d4f8b7c9", "1", "1", "0", "5s") +
		cols(w, "example-deployment-7c5ddbdf54", "2", "2", "2", "2m5s")
	if got := GetReplicaSets(snap, false); got != want {
		t.Fatalf("GetReplicaSets:\n%s\nwant:\n%s", got, want)
	}
	ww := []int{32, 10, 10, 8, 7, 13, 15}
	wantWide := cols(ww, "NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR") +
		cols(ww, "example-deployment-5d4f8b7c9", "1", "1", "0", "5s", "nginx", "nginx:1.27", "app=nginx,pod-template-hash=5d4f8b7c9") +
		cols(ww, "example-deployment-7c5ddbdf54", "2", "2", "2", "2m5s", "nginx", "nginx:latest", "app=nginx,pod-template-hash=7c5ddbdf54")
	if got := GetReplicaSets(snap, true); got != wantWide {
		t.Fatalf("GetReplicaSets wide:\n%s\nwant:\n%s", got, wantWide)
	}
}

func TestPrintEvents_Columns(t *testing.T) {
	snap := snapshotFixture()
	w := []int{12, 10, 20, 42}
	want := cols(w, "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE") +
		cols(w, "25s", "Warning", "BackOff", "pod/example-deployment-7c5ddbdf54-8vw6p", "Back-off restarting failed container nginx in pod example-deployment-7c5ddbdf54-8vw6p_default(uid)") +
		cols(w, "2m5s", "Normal", "ScalingReplicaSet", "deployment/example-deployment", "Scaled up replica set example-deployment-7c5ddbdf54 from 0 to 3") +
		cols(w, "5s", "Normal", "ScalingReplicaSet", "deployment/example-deployment", "Scaled up replica set example-deployment-5d4f8b7c9 from 0 to 1")
	if got := GetEvents(snap); got != want {
		t.Fatalf("GetEvents:\n%s\nwant:\n%s", got, want)
	}
}

// TestPrintEvents_ServerOrder: kubectl get events sorts nothing; the rows
// are in the API server's order, by event name (object name, '.', the
// first occurrence's time), and LAST SEEN is the last occurrence's age.
func TestPrintEvents_ServerOrder(t *testing.T) {
	snap := &controller.Snapshot{Elapsed: 100 * time.Second, Events: []controller.Event{
		{First: 1 * time.Second, Last: 1 * time.Second, Seq: 1, Type: "Normal", Reason: "ScalingReplicaSet", Object: "deployment/web", Message: "a"},
		{First: 2 * time.Second, Last: 2 * time.Second, Seq: 2, Type: "Normal", Reason: "SuccessfulCreate", Object: "replicaset/web-5d4f", Message: "b"},
		{First: 3 * time.Second, Last: 90 * time.Second, Seq: 9, Type: "Warning", Reason: "BackOff", Object: "pod/web-5d4f-x", Message: "c"},
		{First: 4 * time.Second, Last: 4 * time.Second, Seq: 4, Type: "Normal", Reason: "Started", Object: "pod/web-5d4f-x", Message: "d"},
		{First: 5 * time.Second, Last: 5 * time.Second, Seq: 5, Type: "Normal", Reason: "Scheduled", Object: "pod/web-5d4f-a", Message: "e"},
	}}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(GetEvents(snap)), "\n")[1:] {
		f := strings.Fields(line)
		got = append(got, f[0]+" "+f[len(f)-1])
	}
	// pod web-5d4f-a, then web-5d4f-x's two by first occurrence (BackOff
	// first seen at 3s, last at 90s), the ReplicaSet, the Deployment.
	want := []string{"95s e", "10s c", "96s d", "98s b", "99s a"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPrint_Empty(t *testing.T) {
	snap := &controller.Snapshot{}
	for name, got := range map[string]string{
		"pods": GetPods(snap, false), "deployments": GetDeployments(snap, true),
		"replicasets": GetReplicaSets(snap, false), "events": GetEvents(snap),
	} {
		if want := "No resources found in default namespace.\n"; got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
	if _, err := PrintPods(snapshotFixture(), PrintOptions{Namespace: "prod"}); err == nil || err.Error() != "No resources found in prod namespace." {
		t.Errorf("another namespace: got %v", err)
	}
}

func TestPrint_Names(t *testing.T) {
	snap := snapshotFixture()
	out, err := PrintDeployments(snap, PrintOptions{Names: []string{"example-deployment", "web"}})
	if !strings.Contains(out, "example-deployment") {
		t.Errorf("the found deployment is missing:\n%s", out)
	}
	if err == nil || err.Error() != `Error from server (NotFound): deployments.apps "web" not found` {
		t.Errorf("got error %v", err)
	}
	out, err = PrintPods(snap, PrintOptions{Names: []string{"nope"}})
	if out != "" || err == nil || err.Error() != `Error from server (NotFound): pods "nope" not found` {
		t.Errorf("got %q, %v", out, err)
	}
}

func TestAge_HumanDuration(t *testing.T) {
	cases := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"}, {5 * time.Second, "5s"}, {119 * time.Second, "119s"}, {123 * time.Second, "2m3s"},
		{10 * time.Minute, "10m"}, {179 * time.Minute, "179m"}, {3*time.Hour + 5*time.Minute, "3h5m"}, {9 * time.Hour, "9h"},
	}
	for _, tc := range cases {
		if got := age(tc.d, 0); got != tc.want {
			t.Errorf("age(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestRolloutStatus_Snapshot(t *testing.T) {
	snap := snapshotFixture()
	got, err := RolloutStatus(snap, "default", "example-deployment", 0)
	if err != nil || got != snap.Deployments[0].RolloutStatus+"\n" {
		t.Fatalf("got %q, %v", got, err)
	}
	snap.Deployments[0].RolloutFailed = true
	if _, err := RolloutStatus(snap, "default", "example-deployment", 0); err == nil ||
		err.Error() != `error: deployment "example-deployment" exceeded its progress deadline` {
		t.Fatalf("deadline: got %v", err)
	}
	if _, err := RolloutStatus(snap, "default", "web", 0); err == nil ||
		err.Error() != `Error from server (NotFound): deployments.apps "web" not found` {
		t.Fatalf("missing: got %v", err)
	}
}

// crashLoopCluster is one pod whose container exits with 3 as soon as it
// starts, restarted with back-off (restartPolicy Always).
func crashLoopCluster(t *testing.T) *controller.Cluster {
	t.Helper()
	objs, err := model.Parse("crash.yaml", []byte(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: crash
spec:
  replicas: 1
  selector:
    matchLabels:
      app: crash
  template:
    metadata:
      labels:
        app: crash
    spec:
      containers:
        - name: app
          image: busybox:1.36
          command: ["sh", "-c", "exit 3"]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := controller.New(objs, controller.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDroppedEventsNote(t *testing.T) {
	snap := &controller.Snapshot{Events: make([]controller.Event, 3)}
	if got := DroppedEventsNote(snap); got != "" {
		t.Errorf("a whole log: %q", got)
	}
	snap.EventsDropped = 7
	want := "Warning: podviz keeps the newest 3 events; 7 older ones were dropped (podviz events --watch streams every one)"
	if got := DroppedEventsNote(snap); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
