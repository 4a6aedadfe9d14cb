package diagram_test

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"podviz/controller"
	"podviz/model"
	"podviz/tui/diagram"
	"podviz/tui/internal/boxcheck"
)

// TestGoldens_BoxesAreWellFormed checks the boxes in every golden file
// under testdata: a drawing bug fails here with its line and column, not
// only as a diff against a golden that may have been regenerated with it.
func TestGoldens_BoxesAreWellFormed(t *testing.T) {
	n := 0
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".golden") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		reportBoxes(t, path, string(data), boxcheck.Options{})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no golden files under testdata")
	}
}

// reportBoxes fails t with every box problem on screen, showing the screen.
func reportBoxes(t *testing.T, what, screen string, opts boxcheck.Options) {
	t.Helper()
	probs := boxcheck.Check(screen, opts)
	if len(probs) == 0 {
		return
	}
	var b strings.Builder
	for i, p := range probs {
		if i == 10 {
			fmt.Fprintf(&b, "… and %d more\n", len(probs)-10)
			break
		}
		fmt.Fprintf(&b, "%s\n", p)
	}
	t.Errorf("%s: boxes are malformed:\n%s\n%s", what, b.String(), ansi.Strip(screen))
}

// TestRender_RandomBoxesAreWellFormed renders random clusters (Deployments
// and bare Pods, rollouts good and stuck, crash loops, deletions, at random
// moments) at random widths, in both glyph sets, with and without colour,
// a selection and a height, and checks the boxes of every picture.
func TestRender_RandomBoxesAreWellFormed(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 8))
	renders := 0
	for i := range 40 {
		c, uids := randomCluster(t, r)
		for k := range 8 {
			c.Advance(time.Duration(r.IntN(40000)) * time.Millisecond)
			snap := c.Snapshot()
			uids = append(uids, snapshotUIDs(snap)...)
			opts := diagram.Options{ASCII: r.IntN(2) == 0, Color: r.IntN(3) == 0}
			if r.IntN(3) > 0 {
				opts.Selected = uids[r.IntN(len(uids))]
			}
			if r.IntN(2) == 0 {
				opts.Height = 10 + r.IntN(50)
			}
			width := minWidth + r.IntN(200-minWidth+1)
			out := diagram.Render(snap, width, opts)
			renders++
			reportBoxes(t, fmt.Sprintf("cluster %d, picture %d (width %d, %+v)", i, k, width, opts), out, boxcheck.Options{})
			if t.Failed() {
				return
			}
		}
	}
	t.Logf("%d random renders", renders)
}

// minWidth is the narrowest picture checked. Narrower, the renderer still
// draws pods as boxes that do not fit inside their ReplicaSet's box, whose
// lines then cut them (seen at 8 to 11 cells; Render only promises its
// width there).
const minWidth = 12

var images = []string{"nginx:1.26", "nginx:1.27", "nginx:9.99.9", "busybox:1.36"}

// randomCluster draws 0–3 Deployments and 0–3 bare Pods, runs it a little
// and acts on it; uids lists its objects for selection.
func randomCluster(t *testing.T, r *rand.Rand) (*controller.Cluster, []string) {
	t.Helper()
	var docs []string
	nd := r.IntN(4)
	for d := range nd {
		strategy := fmt.Sprintf("  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: %d\n      maxUnavailable: %d\n", r.IntN(3)+1, r.IntN(2))
		if r.IntN(4) == 0 {
			strategy = "  strategy:\n    type: Recreate\n"
		}
		docs = append(docs, fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-%d
spec:
  replicas: %d
%s  selector:
    matchLabels:
      app: web-%d
  template:
    metadata:
      labels:
        app: web-%d
    spec:
      containers:
%s`, d, r.IntN(13), strategy, d, d, containers(r)))
	}
	for p := range r.IntN(4) {
		if nd == 0 && p == 0 {
			continue
		}
		docs = append(docs, fmt.Sprintf(`apiVersion: v1
kind: Pod
metadata:
  name: pod-%d
spec:
  containers:
%s`, p, containers(r)))
	}
	if len(docs) == 0 {
		docs = append(docs, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: lone\nspec:\n  containers:\n"+containers(r))
	}
	objs, err := model.Parse("random.yaml", []byte(strings.Join(docs, "---\n")), nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(docs, "---\n"))
	}
	c, err := controller.New(objs, controller.Options{Seed: r.Int64()})
	if err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Duration(r.IntN(20)) * time.Second)
	for range r.IntN(4) {
		snap := c.Snapshot()
		if len(snap.Deployments) == 0 {
			break
		}
		d := snap.Deployments[r.IntN(len(snap.Deployments))]
		switch r.IntN(4) {
		case 0:
			_, _ = c.Scale(d.Namespace, d.Name, int32(r.IntN(13)))
		case 1:
			_, _ = c.SetImage(d.Namespace, d.Name, []controller.ContainerImage{{Container: "*", Image: images[r.IntN(len(images))]}})
		case 2:
			if len(d.ReplicaSets) > 0 && len(d.ReplicaSets[0].Pods) > 0 {
				_, _ = c.DeletePod(d.Namespace, d.ReplicaSets[0].Pods[0].Name, controller.DeleteOptions{})
			}
		default:
			_, _ = c.RolloutUndo(d.Namespace, d.Name, 0)
		}
		c.Advance(time.Duration(r.IntN(10000)) * time.Millisecond)
	}
	return c, snapshotUIDs(c.Snapshot())
}

// containers is one or two containers: a server, or one that crashes.
func containers(r *rand.Rand) string {
	var b strings.Builder
	for i := range 1 + r.IntN(2) {
		fmt.Fprintf(&b, "        - name: c%d\n          image: %s\n", i, images[r.IntN(len(images))])
		if r.IntN(4) == 0 {
			b.WriteString("          command: [\"sh\", \"-c\", \"exit 1\"]\n")
		}
	}
	return b.String()
}

// snapshotUIDs lists every selectable object's UID.
func snapshotUIDs(s *controller.Snapshot) []string {
	var out []string
	for _, d := range s.Deployments {
		out = append(out, d.UID)
		for _, rs := range d.ReplicaSets {
			out = append(out, rs.UID)
			for _, p := range rs.Pods {
				out = append(out, p.UID)
			}
		}
	}
	for _, p := range s.BarePods {
		out = append(out, p.UID)
	}
	return out
}
