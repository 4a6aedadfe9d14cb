package model

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	utilrand "k8s.io/apimachinery/pkg/util/rand"
	"k8s.io/utils/dump"
)

// Names the controllers generate, as upstream generates them.
const (
	// PodTemplateHashLabel is the label a Deployment's controller adds to
	// each ReplicaSet's selector, its template and so its pods, valued with
	// ComputeHash of the template, so that ReplicaSets of one Deployment never
	// select each other's pods.
	PodTemplateHashLabel = "pod-template-hash"

	// nameSuffixAlphabet is upstream's "safe" alphabet (k8s.io/apimachinery
	// util/rand): no vowels, so no words, and no look-alikes (0/o, 1/l, 3/e).
	nameSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789"

	// NameSuffixLength is the length of a generated pod name suffix
	// (upstream's generateName appends 5 random characters).
	NameSuffixLength = 5
)

// ComputeHash is upstream's controller.ComputeHash
// (pkg/controller/controller_utils.go), byte for byte: the FNV-32a hash of
// the template as spew prints it (k8s.io/utils/dump.ForHash, the printer
// upstream's hashutil.DeepHashObject uses; it follows pointers, so equal
// templates hash equally whatever their pointers), then, when set, the
// collision count as 8 bytes (its uint32 little-endian, then 4 zero
// bytes); the sum's decimal digits go through SafeEncodeString. The
// article's Deployment template, defaulted, sums to 1417113592, which
// encodes to 585c5579f6: its ReplicaSet is example-deployment-585c5579f6,
// as on a real cluster.
//
// The template must be defaulted as the API server defaults it
// (SetDefaultsDeployment), or the hash differs from a real cluster's.
// Upstream hashes the Deployment's template, which never carries the
// pod-template-hash label; to compare a ReplicaSet's template with a
// Deployment's, use EqualIgnoreHash, which ignores that label.
func ComputeHash(template *corev1.PodTemplateSpec, collisionCount *int32) string {
	hasher := fnv.New32a()
	fmt.Fprintf(hasher, "%v", dump.ForHash(*template))
	if collisionCount != nil {
		b := make([]byte, 8)
		binary.LittleEndian.PutUint32(b, uint32(*collisionCount))
		hasher.Write(b)
	}
	return SafeEncodeString(fmt.Sprint(hasher.Sum32()))
}

// SafeEncodeString is upstream's rand.SafeEncodeString: each byte of s is
// replaced by nameSuffixAlphabet[byte % 27], so the digits "0123456789"
// become "456789bcdf" and no hash spells a word. Used on the decimal digits
// of ComputeHash.
func SafeEncodeString(s string) string {
	return utilrand.SafeEncodeString(s)
}

// EqualIgnoreHash is upstream's deployment util EqualIgnoreHash: whether
// two templates are equal apart from the pod-template-hash label. This is
// how the controller finds the ReplicaSet of a Deployment's template
// (including an old one, on rollback) even though the ReplicaSet's copy
// carries the label.
func EqualIgnoreHash(a, b *corev1.PodTemplateSpec) bool {
	a1, b1 := a.DeepCopy(), b.DeepCopy()
	delete(a1.Labels, PodTemplateHashLabel)
	delete(b1.Labels, PodTemplateHashLabel)
	return equality.Semantic.DeepEqual(a1, b1)
}

// NameSuffix draws the 5-character suffix of a generated pod name
// ("web-6d4cf56db6-" + "x7k2p") from r, podviz's one seeded source, so that
// a run with the same seed names its pods the same. Upstream draws from a
// global source; only the alphabet and length matter to a reader.
func NameSuffix(r *rand.Rand) string {
	var b strings.Builder
	for range NameSuffixLength {
		b.WriteByte(nameSuffixAlphabet[r.IntN(len(nameSuffixAlphabet))])
	}
	return b.String()
}
