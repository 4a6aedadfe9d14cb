package model

import (
	"bufio"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/utils/ptr"
)

// Expected ReplicaSet names below come from ../shared/oracle, which runs
// upstream's deployment controller (k8s.io/kubernetes v1.37.2) with the API
// server's defaulting: `/tmp/oracle -f FILE -o json` prints "Scaled up
// replica set NAME-HASH". Matching them checks ComputeHash and, as the hash
// covers the whole defaulted template, SetDefaultsDeployment too.

func TestComputeHash_MatchesUpstream(t *testing.T) {
	tests := []struct {
		file string
		want string // the ReplicaSet's name, as upstream names it
	}{
		{"../testdata/examples/article.yaml", "example-deployment-585c5579f6"},
		{"testdata/hash/plain-latest.yaml", "plain-6995498547"},
		{"testdata/hash/probes-volumes.yaml", "probes-volumes-56b9c58cd4"},
		{"testdata/hash/recreate-hostpath.yaml", "recreate-hostpath-57f454f45"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			objs, err := Load([]string{tt.file}, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			d := objs.Deployments[0]
			if got := d.Name + "-" + ComputeHash(&d.Spec.Template, nil); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestComputeHash_CorpusMatchesUpstream pins the hash of all 49 Deployments
// of the kubernetes/website corpus (testdata/corpus-hashes.tsv, from the
// oracle).
func TestComputeHash_CorpusMatchesUpstream(t *testing.T) {
	if _, err := os.Stat(corpusDir); errors.Is(err, os.ErrNotExist) {
		t.Skip("corpus not present at " + corpusDir)
	}
	f, err := os.Open("testdata/corpus-hashes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		path, want, _ := strings.Cut(sc.Text(), "\t")
		n++
		objs, err := Load([]string{filepath.Join(corpusDir, "k8s-website-examples", path)}, nil, nil)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		var names []string
		for _, d := range objs.Deployments {
			names = append(names, d.Name+"-"+ComputeHash(&d.Spec.Template, nil))
		}
		if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+want+" ") {
			t.Errorf("%s: got %v, want %s among them", path, names, want)
		}
	}
	if n != 49 {
		t.Errorf("checked %d hashes, want 49", n)
	}
}

func defaultedTemplate() *corev1.PodTemplateSpec {
	d := mkDeployment()
	SetDefaultsDeployment(d)
	return &d.Spec.Template
}

func TestComputeHash_EqualTemplatesEqualHashes(t *testing.T) {
	a := defaultedTemplate()
	b := a.DeepCopy() // every pointer differs; the hash follows them
	if ComputeHash(a, nil) != ComputeHash(b, nil) {
		t.Error("equal templates hash differently")
	}
	b.Spec.Containers[0].Image = "nginx:1.28"
	if ComputeHash(a, nil) == ComputeHash(b, nil) {
		t.Error("a new image must change the hash")
	}
}

func TestComputeHash_CollisionCount(t *testing.T) {
	tmpl := defaultedTemplate()
	seen := map[string]string{ComputeHash(tmpl, nil): "nil"}
	for _, c := range []int32{0, 1, 2, 3} {
		h := ComputeHash(tmpl, ptr.To(c))
		if prev, dup := seen[h]; dup {
			t.Errorf("collisionCount %d hashes like %s: %s", c, prev, h)
		}
		seen[h] = "count"
	}
}

// TestComputeHash_IgnoresHashLabel shows how the hash label stays out of
// the hash: the controller hashes the Deployment's template, which has no
// such label, then adds the label to the ReplicaSet's copy; finding the
// ReplicaSet of a template compares with EqualIgnoreHash, and stripping the
// label from the ReplicaSet's template gives back the same hash.
func TestComputeHash_IgnoresHashLabel(t *testing.T) {
	tmpl := defaultedTemplate()
	hash := ComputeHash(tmpl, nil)
	rsTemplate := tmpl.DeepCopy()
	rsTemplate.Labels[PodTemplateHashLabel] = hash
	if !EqualIgnoreHash(tmpl, rsTemplate) {
		t.Error("EqualIgnoreHash: a template and its ReplicaSet's copy must be equal")
	}
	stripped := rsTemplate.DeepCopy()
	delete(stripped.Labels, PodTemplateHashLabel)
	if got := ComputeHash(stripped, nil); got != hash {
		t.Errorf("hash without the label %s, want %s", got, hash)
	}
	other := rsTemplate.DeepCopy()
	other.Spec.Containers[0].Image = "nginx:1.28"
	if EqualIgnoreHash(tmpl, other) {
		t.Error("EqualIgnoreHash must still see the image change")
	}
}

// TestComputeHash_FewCollisions hashes 20,000 distinct templates (one per
// image tag): a 32-bit hash should give no or almost no collisions there.
func TestComputeHash_FewCollisions(t *testing.T) {
	tmpl := defaultedTemplate()
	seen := map[string]bool{}
	collisions := 0
	for i := range 20000 {
		tmpl.Spec.Containers[0].Image = "nginx:1." + strconv.Itoa(i)
		h := ComputeHash(tmpl, nil)
		if seen[h] {
			collisions++
		}
		seen[h] = true
	}
	// Expected collisions for n=20000 in 2^32: n²/2^33 ≈ 0.05.
	if collisions > 2 {
		t.Errorf("%d collisions among 20000 templates", collisions)
	}
}

func TestSafeEncodeString(t *testing.T) {
	// Each byte maps to alphabet[byte % 27]; '0' is 48, 48 % 27 = 21 → '4'.
	if got, want := SafeEncodeString("0123456789"), "456789bcdf"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	// ComputeHash's doc: the example template sums to 1417113592.
	if got, want := SafeEncodeString("1417113592"), "585c5579f6"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestNameSuffix(t *testing.T) {
	a := NameSuffix(rand.New(rand.NewPCG(1, 2)))
	b := NameSuffix(rand.New(rand.NewPCG(1, 2)))
	if a != b {
		t.Errorf("same seed, different suffixes: %s, %s", a, b)
	}
	r := rand.New(rand.NewPCG(7, 7))
	seen := map[string]bool{}
	for range 1000 {
		s := NameSuffix(r)
		if len(s) != NameSuffixLength || strings.Trim(s, nameSuffixAlphabet) != "" {
			t.Fatalf("suffix %q: want 5 characters of %s", s, nameSuffixAlphabet)
		}
		seen[s] = true
	}
	if len(seen) < 990 {
		t.Errorf("only %d distinct suffixes in 1000 draws", len(seen))
	}
}
