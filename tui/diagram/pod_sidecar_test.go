package diagram

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"podviz/controller"
)

// nativeSidecar is the issue-11 example as the controller shows it: a
// Deployment whose pods run an app container beside a native sidecar (an
// init container with restartPolicy Always) sharing an emptyDir — one pod
// ready (2/2), one whose sidecar has started while the app is being
// created (1/2 PodInitializing), one still creating its sidecar (0/2
// Init:0/1) — and a bare Pod with a completed init container, a sidecar
// and an app container, with its volume and mounts.
func nativeSidecar() *controller.Snapshot {
	s := newSuffixes()
	app := func(state, reason string, ready bool) controller.ContainerView {
		return controller.ContainerView{Name: "app", Image: "nginx:1.27", Ports: []string{"80/TCP"}, State: state, Reason: reason, Ready: ready}
	}
	logger := func(state, reason string, ready bool) controller.ContainerView {
		return controller.ContainerView{Name: "logger", Image: "busybox:1.36", Init: true, Sidecar: true, State: state, Reason: reason, Ready: ready}
	}
	vols := []controller.VolumeView{{Name: "logs", Kind: "emptyDir", Mounts: []string{"logger:/var/log/app", "app:/var/log/nginx"}}}
	states := []struct {
		status      string
		ready       int
		app, logger controller.ContainerView
	}{
		{"Running", 2, app("Running", "", true), logger("Running", "", true)},
		{"PodInitializing", 1, app("Waiting", "PodInitializing", false), logger("Running", "", true)},
		{"Init:0/1", 0, app("Waiting", "PodInitializing", false), logger("Waiting", "PodInitializing", false)},
	}
	i := 0
	pods := rsPods(s, oldHash, 3, 5, func(name, owner, ip string) controller.PodView {
		st := states[i]
		i++
		p := pod(name, owner, ip, st.app, 0)
		p.Containers = append(p.Containers, st.logger)
		p.Status, p.Ready, p.Available = st.status, st.ready == 2, st.ready == 2
		p.ReadyContainers, p.TotalContainers = st.ready, 2
		if st.status != "Running" {
			p.Phase = "Pending"
		}
		if st.status == "Init:0/1" {
			p.IP = ""
		}
		p.Volumes = vols
		return p
	})
	r := rs(oldHash, "nginx:1.27", 1, true, pods...)
	r.Images = []string{"nginx:1.27", "busybox:1.36"}
	d := deployment(3, 1, r)
	d.Images = r.Images

	bare := pod("web-with-logs", "", "10.244.0.4", app("Running", "", true), 0)
	bare.Containers = append(bare.Containers,
		controller.ContainerView{Name: "setup", Image: "busybox:1.36", Init: true, State: "Terminated", Reason: "Completed", Exited: true},
		logger("Running", "", true))
	bare.ReadyContainers, bare.TotalContainers = 2, 2
	bare.Volumes = []controller.VolumeView{
		{Name: "logs", Kind: "emptyDir", Mounts: []string{"setup:/work", "logger:/var/log/app", "app:/var/log/nginx"}},
		{Name: "config", Kind: "configMap", Mounts: []string{"app:/etc/nginx/conf.d:ro"}},
	}
	return snapshotAt(40*time.Second, []controller.PodView{bare}, d)
}

// TestRender_PodBoxes pins the native-sidecar scene on a whole screen at
// the TUI's reference sizes, 80x24 (the ReplicaSet's pods as glyphs,
// keeping "2/2" as a count and the sidecar mark) and 140x40 (boxes), in
// Unicode and in ASCII.
func TestRender_PodBoxes(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		for _, ascii := range []bool{false, true} {
			name := fmt.Sprintf("native-sidecar-%dx%d", size[0], size[1])
			if ascii {
				name += "-ascii"
			}
			t.Run(name, func(t *testing.T) {
				golden.RequireEqual(t, Render(nativeSidecar(), size[0], Options{Height: size[1], ASCII: ascii})+"\n")
			})
		}
	}
}

// In line form a pod of several containers keeps kubectl's READY and the
// sidecar mark.
func TestPodLine_ReadyAndSidecar(t *testing.T) {
	snap := nativeSidecar()
	p := &painter{g: &unicodeGlyphs, pal: noColor}
	l := podLine(p, &snap.Deployments[0].ReplicaSets[0].Pods[0], &Options{}, false, 60)
	if got := ansi.Strip(l.s); !strings.Contains(got, "Ready 2/2 sidecar 10.244.0.5") {
		t.Fatalf("podLine = %q", got)
	}
}
