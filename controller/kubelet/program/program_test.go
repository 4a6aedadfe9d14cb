package program

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"sigs.k8s.io/yaml"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func at(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }

// loadPod reads a docs example from ../shared/corpus.
func loadPod(t *testing.T, rel string) *corev1.Pod {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "corpus", "k8s-website-examples", rel))
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	data = []byte(strings.TrimPrefix(strings.TrimSpace(string(data)), "---"))
	var obj struct {
		Kind string `json:"kind"`
		Spec struct {
			Template struct {
				Spec corev1.PodSpec `json:"spec"`
			} `json:"template"`
		} `json:"spec"`
	}
	if err := yaml.Unmarshal(data, &obj); err != nil {
		t.Fatal(err)
	}
	if obj.Kind == "Deployment" {
		return &corev1.Pod{Spec: obj.Spec.Template.Spec}
	}
	var p corev1.Pod
	if err := yaml.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

// podPrograms starts every container of p (init containers first, in
// order) with shared emptyDir volumes.
func podPrograms(p *corev1.Pod, start time.Time) (map[string]*Program, map[string]*Volume) {
	vols := map[string]*Volume{}
	for _, v := range p.Spec.Volumes {
		vols[v.Name] = NewVolume(v.Name)
	}
	progs := map[string]*Program{}
	for _, c := range append(append([]corev1.Container{}, p.Spec.InitContainers...), p.Spec.Containers...) {
		progs[c.Name] = Start(SpecOf(&c, vols, "pod", "10.244.0.7"), start)
	}
	return progs, vols
}

func noWarnings(t *testing.T, progs map[string]*Program) {
	t.Helper()
	for n, p := range progs {
		if w := p.Warnings(); len(w) > 0 {
			t.Errorf("%s: unexpected warnings %q", n, w)
		}
	}
}

// pods/two-container-pod.yaml: the debian container writes index.html into
// the shared volume and exits 0 ("Completed"); nginx serves that file (the
// docs: `curl localhost` answers "Hello from the debian container"). Before
// the write nginx's document root is the empty volume, which hides the
// image's own page: 403.
func TestTwoContainerPod(t *testing.T) {
	pod := loadPod(t, "pods/two-container-pod.yaml")
	vols := map[string]*Volume{"shared-data": NewVolume("shared-data")}
	nginx := Start(SpecOf(&pod.Spec.Containers[0], vols, "two-containers", ""), t0)
	if code, _, err := nginx.HTTPGet(80, "/"); err != nil || code != 403 {
		t.Errorf("nginx before the write: %d %v, want 403", code, err)
	}
	debian := Start(SpecOf(&pod.Spec.Containers[1], vols, "two-containers", ""), at(1))
	st := debian.Advance(at(1))
	if !st.Exited || st.ExitCode != 0 || !st.Next.IsZero() {
		t.Fatalf("debian: %+v, want exited 0", st)
	}
	code, body, err := nginx.HTTPGet(80, "/")
	if err != nil || code != 200 || body != "Hello from the debian container\n" {
		t.Errorf("nginx after the write: %d %q %v", code, body, err)
	}
	if st := nginx.Advance(at(100)); st.Exited || !st.Next.IsZero() {
		t.Errorf("nginx: %+v, want running with no wake-ups", st)
	}
	if got := vols["shared-data"].Files(); len(got) != 1 || got[0] != "index.html" {
		t.Errorf("volume holds %v", got)
	}
	noWarnings(t, map[string]*Program{"nginx": nginx, "debian": debian})
}

// pods/init-containers.yaml: the init container fetches a page into the
// shared volume with wget and exits 0; nginx then serves it.
func TestInitContainers(t *testing.T) {
	pod := loadPod(t, "pods/init-containers.yaml")
	vols := map[string]*Volume{"workdir": NewVolume("workdir")}
	install := Start(SpecOf(&pod.Spec.InitContainers[0], vols, "init-demo", ""), t0)
	if st := install.Advance(t0); !st.Exited || st.ExitCode != 0 {
		t.Fatalf("install: %+v, want exit 0", st)
	}
	nginx := Start(SpecOf(&pod.Spec.Containers[0], vols, "init-demo", ""), at(2))
	code, body, _ := nginx.HTTPGet(80, "/")
	if code != 200 || !strings.Contains(body, "http://info.cern.ch") {
		t.Errorf("nginx: %d %q", code, body)
	}
	if !nginx.TCPOpen(80) || nginx.TCPOpen(8080) {
		t.Errorf("ports %v, want [80]", nginx.Ports())
	}
}

// application/deployment-sidecar.yaml: the app appends "logging" to
// /opt/logs.txt every second, the logshipper sidecar follows it with
// tail -F. Both run forever; once the app's loop is steady the pair asks
// for no wake-ups, and an hour later the file holds one line per second.
func TestDeploymentSidecar(t *testing.T) {
	pod := loadPod(t, "application/deployment-sidecar.yaml")
	progs, vols := podPrograms(pod, t0)
	all := []*Program{progs["logshipper"], progs["myapp"]}
	var wakes []time.Time
	now := t0
	next := AdvanceAll(all, now)
	for !next.IsZero() && len(wakes) < 100 {
		now = next
		wakes = append(wakes, now)
		next = AdvanceAll(all, now)
	}
	if len(wakes) > 4 {
		t.Errorf("%d wake-ups (%v…): a steady loop should stop asking", len(wakes), wakes[:4])
	}
	AdvanceAll(all, at(3600))
	size, ok := vols["data"].Size("logs.txt")
	if !ok || size != 3601*int64(len("logging\n")) {
		t.Errorf("logs.txt is %d bytes, want %d (3601 lines)", size, 3601*len("logging\n"))
	}
	data, _ := progs["logshipper"].ReadFile("/opt/logs.txt")
	if !strings.HasPrefix(data, "logging\nlogging\n") {
		t.Errorf("the sidecar sees %q", data[:min(len(data), 20)])
	}
	for _, p := range all {
		if !p.Running() {
			t.Errorf("%s exited", p.What)
		}
	}
	noWarnings(t, progs)
}

// pods/probe/http-liveness.yaml: agnhost liveness answers /healthz 200
// for 10 s, then 500 (test/images/agnhost/liveness/server.go), and tells
// the clock the instant its answer turns.
func TestHTTPLivenessAgnhost(t *testing.T) {
	pod := loadPod(t, "pods/probe/http-liveness.yaml")
	c := &pod.Spec.Containers[0]
	p := Start(SpecOf(c, nil, "liveness-http", "10.244.0.7"), t0)
	if st := p.Advance(at(3)); st.Next != at(10).Add(1) {
		t.Errorf("Next %v, want 10 s after the start", st.Next)
	}
	if ok, out := p.ProbeAnswer(c.LivenessProbe, at(9)); !ok {
		t.Errorf("at 9 s: %q", out)
	}
	if ok, out := p.ProbeAnswer(c.LivenessProbe, at(10)); !ok {
		t.Errorf("at 10 s: %q", out)
	}
	ok, out := p.ProbeAnswer(c.LivenessProbe, at(12))
	if ok || out != "HTTP probe failed with statuscode: 500" {
		t.Errorf("at 12 s: %v %q", ok, out)
	}
	if st := p.Advance(at(13)); !st.Next.IsZero() {
		t.Errorf("after the turn Next is %v, want never", st.Next)
	}
}

// pods/probe/tcp-liveness-readiness.yaml and grpc-liveness.yaml: goproxy
// listens on 8080, etcd serves gRPC health on 2379; a port nobody listens
// on is refused with upstream's message.
func TestTCPAndGRPCProbes(t *testing.T) {
	pod := loadPod(t, "pods/probe/tcp-liveness-readiness.yaml")
	c := &pod.Spec.Containers[0]
	p := Start(SpecOf(c, nil, "goproxy", "10.244.0.7"), t0)
	if ok, out := p.ProbeAnswer(c.ReadinessProbe, at(15)); !ok {
		t.Errorf("goproxy readiness: %q", out)
	}
	closed := &corev1.Probe{ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(9090)}}}
	if ok, out := p.ProbeAnswer(closed, at(15)); ok || out != "dial tcp 10.244.0.7:9090: connect: connection refused" {
		t.Errorf("closed port: %v %q", ok, out)
	}
	httpOnProxy := &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromInt32(8080)}}}
	if ok, out := p.ProbeAnswer(httpOnProxy, at(15)); ok || out != "HTTP probe failed with statuscode: 500" {
		t.Errorf("GET / on goproxy: %v %q", ok, out)
	}

	pod = loadPod(t, "pods/probe/grpc-liveness.yaml")
	c = &pod.Spec.Containers[0]
	p = Start(SpecOf(c, nil, "etcd-with-grpc", "10.244.0.8"), t0)
	if ok, out := p.ProbeAnswer(c.LivenessProbe, at(10)); !ok {
		t.Errorf("etcd grpc: %q", out)
	}
	p.Kill(137)
	if ok, out := p.ProbeAnswer(c.LivenessProbe, at(11)); ok || !strings.HasPrefix(out, `timeout: failed to connect service "10.244.0.8:2379" within 1s`) {
		t.Errorf("killed etcd: %v %q", ok, out)
	}
}

// pods/multi-container/startup-coordination.yaml: the sidecar writes
// app.conf and sleeps in a loop; its startup probe (test -f) succeeds at
// once; main-app's cat prints the greeting into its log.
func TestStartupCoordination(t *testing.T) {
	pod := loadPod(t, "pods/multi-container/startup-coordination.yaml")
	vols := map[string]*Volume{"config": NewVolume("config")}
	side := Start(SpecOf(&pod.Spec.InitContainers[0], vols, "startup-coordination-example", ""), t0)
	st := side.Advance(t0)
	if st.Exited || st.Next != at(3600) {
		t.Errorf("sidecar: %+v, want running, next at 3600 s", st)
	}
	if ok, out := side.ProbeAnswer(pod.Spec.InitContainers[0].StartupProbe, t0); !ok {
		t.Errorf("startup probe: %q", out)
	}
	app := Start(SpecOf(&pod.Spec.Containers[0], vols, "startup-coordination-example", ""), at(1))
	app.Advance(at(1))
	if logs := app.Logs(); len(logs) != 1 || logs[0] != "greeting=hello" {
		t.Errorf("main-app logs %q", logs)
	}
}

// pods/restart-policy/restart-all-containers.yaml: the watcher sleeps 60 s
// and exits 88; the setup init container echoes and exits 0.
func TestRestartAllContainersWatcher(t *testing.T) {
	pod := loadPod(t, "pods/restart-policy/restart-all-containers.yaml")
	setup := Start(SpecOf(&pod.Spec.InitContainers[0], nil, "ml-worker", ""), t0)
	if st := setup.Advance(t0); !st.Exited || st.ExitCode != 0 || setup.Logs()[0] != "Setting up environment" {
		t.Errorf("setup: %+v %q", st, setup.Logs())
	}
	w := Start(SpecOf(&pod.Spec.InitContainers[1], nil, "ml-worker", ""), t0)
	if st := w.Advance(t0); st.Exited || st.Next != at(60) {
		t.Errorf("watcher at 0: %+v", st)
	}
	if st := w.Advance(at(59)); st.Exited {
		t.Errorf("watcher exited early")
	}
	if st := w.Advance(at(60)); !st.Exited || st.ExitCode != 88 {
		t.Errorf("watcher at 60: %+v, want exit 88", st)
	}
}

func run(t *testing.T, script string, until float64) (*Program, Status) {
	t.Helper()
	p := Start(Spec{Image: "busybox", Command: []string{"sh", "-c", script}, Mounts: []Mount{{Path: "/data", Volume: NewVolume("data")}}}, t0)
	return p, p.Advance(at(until))
}

func TestScripts(t *testing.T) {
	tests := []struct {
		script string
		until  float64
		exited bool
		code   int
		logs   string
		next   float64 // -1: never
	}{
		{"echo hi; exit 3", 0, true, 3, "hi", -1},
		{"true && echo yes || echo no", 0, true, 0, "yes", -1},
		{"false && echo yes || echo no", 0, true, 0, "no", -1},
		{"! false", 0, true, 0, "", -1},
		{"for i in a b c; do echo $i; done", 0, true, 0, "a|b|c", -1},
		{"i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", 0, true, 0, "0|1|2", -1},
		{"until [ -f /data/x ]; do touch /data/x; done; cat /data/x; echo done", 0, true, 0, "done", -1},
		{"sleep 5; echo woke", 4, false, 0, "", 5},
		{"sleep 5; echo woke", 5, true, 0, "woke", -1},
		{"sleep 1m", 0, false, 0, "", 60},
		{"sleep infinity", 0, false, 0, "", -1},
		{"echo a > /data/f; echo b >> /data/f; cat /data/f", 0, true, 0, "a|b", -1},
		{"mkdir -p /data/a/b && touch /data/a/b/c && [ -e /data/a/b/c ] && echo ok", 0, true, 0, "ok", -1},
		{"rm /data/nope", 0, true, 1, "rm: can't remove '/data/nope': No such file or directory", -1},
		{"rm -f /data/nope; echo $?", 0, true, 0, "0", -1},
		{"cat /tmp/healthy", 0, true, 1, "cat: can't open '/tmp/healthy': No such file or directory", -1},
		{"touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600", 31, false, 0, "", 630},
		{`if [ -f /data/x ]; then echo yes; elif [ -d /data ]; then echo dir; else echo no; fi`, 0, true, 0, "dir", -1},
		{`x=${UNSET:-fallback}; echo "$x"`, 0, true, 0, "fallback", -1},
		{`echo -e 'a\tb'`, 0, true, 0, "a\tb", -1},
		{`printf '%s=%d\n' a 1 b 2`, 0, true, 0, "a=1|b=2", -1},
		{`[[ -e /data ]] && echo yes`, 0, true, 0, "yes", -1},
		{`echo "$(echo inner) $((2*3))"`, 0, true, 0, "inner 6", -1},
		{"tail -F /data/none", 0, false, 0, "", -1},
		{"echo x; sleep 10 && echo Sleep expired > /dev/termination-log", 10, true, 0, "x", -1},
		{"exit 300", 0, true, 44, "", -1},
		{"if", 0, true, 2, "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.script, func(t *testing.T) {
			p, st := run(t, tt.script, tt.until)
			if st.Exited != tt.exited || (tt.exited && st.ExitCode != tt.code) {
				t.Errorf("status %+v, want exited=%v code %d", st, tt.exited, tt.code)
			}
			if got := strings.Join(p.Logs(), "|"); got != tt.logs && !(tt.script == "if" && strings.HasPrefix(got, "sh: syntax error")) {
				t.Errorf("logs %q, want %q", got, tt.logs)
			}
			want := time.Time{}
			if tt.next >= 0 {
				want = at(tt.next)
			}
			if !st.Next.Equal(want) {
				t.Errorf("Next %v, want %v", st.Next, want)
			}
		})
	}
}

// The default commands of the base images: busybox's and alpine's sh,
// debian's bash, with no stdin, exit 0 at once.
func TestDefaultShellsExit(t *testing.T) {
	for _, img := range []string{"busybox", "busybox:1.28", "alpine:latest", "debian", "docker.io/library/ubuntu:24.04"} {
		p := Start(Spec{Image: img}, t0)
		if st := p.Advance(t0); !st.Exited || st.ExitCode != 0 {
			t.Errorf("%s: %+v, want exit 0", img, st)
		}
	}
	p := Start(Spec{Image: "registry.k8s.io/pause:3.10"}, t0)
	if st := p.Advance(at(1000)); st.Exited || !st.Next.IsZero() {
		t.Errorf("pause: %+v", st)
	}
}

// Outside the subset the container sleeps forever and warns once, naming
// what was not understood.
func TestUnsupportedWarnsOnce(t *testing.T) {
	for script, what := range map[string]string{
		"echo hi | grep h":                "a pipe (|)",
		"sleep 9999 & wait":               "a background job (&)",
		"case x in x) echo;; esac":        "case",
		"frobnicate --now":                `the command "frobnicate"`,
		"for ((i=0;i<3;i++)); do :; done": "a C-style for loop",
	} {
		p, st := run(t, script, 100)
		if st.Exited || !st.Next.IsZero() {
			t.Errorf("%s: %+v, want running forever", script, st)
		}
		w := p.Warnings()
		if len(w) != 1 || !strings.Contains(w[0], what) {
			t.Errorf("%s: warnings %q, want one naming %s", script, w, what)
		}
		p.Advance(at(200))
		if w := p.Warnings(); len(w) != 0 {
			t.Errorf("%s: warned again %q", script, w)
		}
	}
	p := Start(Spec{Image: "example.com/my/app:v1"}, t0)
	if st := p.Advance(at(5)); st.Exited || len(p.Warnings()) != 1 {
		t.Errorf("unknown image: %+v", st)
	}
}

// A loop that never sleeps burns CPU forever: the container is Running,
// Advance returns promptly, the file it appends to is capped, and the
// model warns.
func TestBusyLoopIsBoundedAndRunning(t *testing.T) {
	start := time.Now()
	p, st := run(t, "while true; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx >> /data/f; done", 0)
	if st.Exited || !st.Next.IsZero() {
		t.Errorf("busy loop: %+v, want running, no wake-ups", st)
	}
	for i := range 100 {
		p.Advance(at(float64(i)))
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("busy loop took %v", d)
	}
	if len(p.Warnings()) != 1 {
		t.Errorf("want one warning")
	}
	data, _ := p.ReadFile("/data/f")
	if len(data) > MaxVolumeBytes {
		t.Errorf("file holds %d bytes, cap %d", len(data), MaxVolumeBytes)
	}
	// A busy-wait on a file another container creates ends when it does.
	vol := NewVolume("v")
	waiter := Start(Spec{Image: "busybox", Command: []string{"sh", "-c", "until [ -f /v/go ]; do :; done; echo went"}, Mounts: []Mount{{Path: "/v", Volume: vol}}}, t0)
	writer := Start(Spec{Image: "busybox", Command: []string{"sh", "-c", "sleep 7; touch /v/go; sleep infinity"}, Mounts: []Mount{{Path: "/v", Volume: vol}}}, t0)
	progs := []*Program{waiter, writer}
	next := AdvanceAll(progs, t0)
	if next != at(7) {
		t.Fatalf("next %v, want 7 s", next)
	}
	AdvanceAll(progs, at(7))
	if st := waiter.Advance(at(7)); !st.Exited || strings.Join(waiter.Logs(), "|") != "went" {
		t.Errorf("waiter: %+v %q", st, waiter.Logs())
	}
}

// Exec probes run against the container's filesystem, as `kubectl exec`
// does, and can change it (the docs' `rm /tmp/healthy` failure injection).
func TestExec(t *testing.T) {
	p := Start(Spec{Image: "busybox", Command: []string{"sh", "-c", "touch /tmp/healthy; sleep 600"}}, t0)
	p.Advance(t0)
	probe := &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"cat", "/tmp/healthy"}}}}
	if ok, out := p.ProbeAnswer(probe, at(5)); !ok || out != "" {
		t.Errorf("healthy: %v %q", ok, out)
	}
	if code, _, _ := p.Exec([]string{"rm", "/tmp/healthy"}, at(6), 0); code != 0 {
		t.Errorf("rm exit %d", code)
	}
	if ok, out := p.ProbeAnswer(probe, at(7)); ok || out != "cat: can't open '/tmp/healthy': No such file or directory\n" {
		t.Errorf("after rm: %v %q", ok, out)
	}
	slow := &corev1.Probe{TimeoutSeconds: 1, ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"sleep", "5"}}}}
	if ok, out := p.ProbeAnswer(slow, at(8)); ok || !strings.Contains(out, "timed out") {
		t.Errorf("slow exec: %v %q", ok, out)
	}
}

// The counter from the logging docs: a loop whose variable changes is not
// steady and wakes every second, and its log keeps the tail.
func TestCounter(t *testing.T) {
	p, st := run(t, `i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done`, 0)
	if st.Next != at(1) {
		t.Fatalf("next %v", st.Next)
	}
	p.Advance(at(150))
	logs := p.Logs()
	if len(logs) != maxLogLines || !strings.HasPrefix(logs[len(logs)-1], "150: Thu Jan  1 00:02:30 UTC 2026") {
		t.Errorf("logs end %q (%d lines)", logs[len(logs)-1], len(logs))
	}
}

func BenchmarkSteadySidecarAdvance(b *testing.B) {
	vol := NewVolume("data")
	app := Start(Spec{Image: "alpine", Command: []string{"sh", "-c", `while true; do echo "logging" >> /opt/logs.txt; sleep 1; done`}, Mounts: []Mount{{Path: "/opt", Volume: vol}}}, t0)
	side := Start(Spec{Image: "alpine", Command: []string{"sh", "-c", "tail -F /opt/logs.txt"}, Mounts: []Mount{{Path: "/opt", Volume: vol}}}, t0)
	progs := []*Program{app, side}
	for s := range 5 {
		AdvanceAll(progs, at(float64(s)))
	}
	now := at(5)
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(37 * time.Second)
		AdvanceAll(progs, now)
	}
}

func BenchmarkStartScript(b *testing.B) {
	spec := Spec{Image: "busybox", Command: []string{"sh", "-c", `echo "greeting=hello" > /config/app.conf; while true; do sleep 3600; done`}, Mounts: []Mount{{Path: "/config", Volume: NewVolume("c")}}}
	b.ReportAllocs()
	for b.Loop() {
		p := Start(spec, t0)
		p.Advance(t0)
	}
}

// An image the model does not know serves its container's declared ports
// as a healthy server: a user's own image with an httpGet or tcpSocket
// probe on them passes, and the warning says so.
func TestUnknownImageServesDeclaredPorts(t *testing.T) {
	c := &corev1.Container{Name: "app", Image: "registry.example.com/team/app:v2",
		Ports: []corev1.ContainerPort{{ContainerPort: 8080}, {ContainerPort: 53, Protocol: corev1.ProtocolUDP}}}
	p := Start(SpecOf(c, nil, "app-1", "10.244.0.9"), time.Unix(0, 0))
	if code, _, err := p.HTTPGet(8080, "/healthz"); err != nil || code != 200 {
		t.Fatalf("GET :8080/healthz = %d, %v; want 200", code, err)
	}
	if !p.TCPOpen(8080) || p.TCPOpen(53) || p.TCPOpen(80) {
		t.Fatalf("open ports = %v; want only 8080", p.Ports())
	}
	w := p.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "answering on its declared ports") {
		t.Fatalf("warnings = %q", w)
	}
	bare := Start(SpecOf(&corev1.Container{Name: "app", Image: "example.com/x"}, nil, "x", ""), time.Unix(0, 0))
	if w := bare.Warnings(); len(w) != 1 || !strings.HasSuffix(w[0], "listening on nothing") {
		t.Fatalf("warnings without ports = %q", w)
	}
}

func TestIdle(t *testing.T) {
	for _, tc := range []struct {
		image   string
		command []string
		want    bool
	}{
		{"nginx:1.27", nil, true},
		{"httpd", nil, true},
		{"nginx", []string{"nginx", "-g", "daemon off;"}, false},
		{"busybox", nil, false},
		{"registry.example.com/app:v1", nil, false},
	} {
		if got := Idle(tc.image, tc.command, nil); got != tc.want {
			t.Errorf("Idle(%q, %q) = %v", tc.image, tc.command, got)
		}
	}
}

// A steady loop's skipped turns leave the log's tail as logging each turn
// would: the last maxLogLines lines, or a partial line grown to its cap.
func TestSteadyLoopLogTail(t *testing.T) {
	p, _ := run(t, "while true; do echo tick; sleep 1; done", 0)
	p.Advance(at(1000))
	if logs := p.Logs(); len(logs) != maxLogLines || logs[0] != "tick" || logs[maxLogLines-1] != "tick" {
		t.Errorf("%d lines, want %d ticks", len(logs), maxLogLines)
	}
	// Two lines a turn alternate; two appends a turn to one file too.
	p, _ = run(t, "touch /data/f; while true; do echo tick; echo tock; echo a >> /data/f; echo b >> /data/f; sleep 1; done", 0)
	p.Advance(at(1000))
	if logs := strings.Join(p.Logs(), " "); logs != strings.TrimSpace(strings.Repeat("tick tock ", maxLogLines/2)) {
		t.Errorf("logs %.40q…, want tick tock alternating", logs)
	}
	if data, _ := p.ReadFile("/data/f"); data != strings.Repeat("a\nb\n", 1001) {
		t.Errorf("file %.40q… (%d bytes), want a b alternating, 1001 turns", data, len(data))
	}
	p, _ = run(t, "while true; do printf ab; sleep 1; done", 0)
	p.Advance(at(1000))
	if logs := p.Logs(); len(logs) != 1 || logs[0] != strings.Repeat("ab", maxLogLine/2) {
		t.Errorf("partial line %d bytes, want %d", len(strings.Join(logs, "")), maxLogLine)
	}
}
