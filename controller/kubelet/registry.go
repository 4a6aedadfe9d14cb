package kubelet

import (
	"fmt"
	"strings"
	"time"
)

// registryImage is one repository of the simulated registry: the tags it
// serves and a plausible compressed size.
type registryImage struct {
	tags []string
	size int64 // bytes
}

// registry is the simulated image registry (Docker Hub's official images).
// Any tag not listed does not exist, so `nginx:9.99.9` fails as it would.
var registry = map[string]registryImage{
	"nginx":                           {tags: []string{"latest", "stable", "mainline", "alpine", "1.14.2", "1.25", "1.25.5", "1.26", "1.26.2", "1.27", "1.27.3", "1.27-alpine", "1.28", "1.29", "stable-alpine"}, size: 72_195_292},
	"busybox":                         {tags: []string{"latest", "stable", "1.28", "1.36", "1.36.1", "1.37", "musl", "glibc", "uclibc"}, size: 2_155_622},
	"redis":                           {tags: []string{"latest", "alpine", "7", "7.2", "7.4", "8", "8.0", "6.2"}, size: 45_063_432},
	"httpd":                           {tags: []string{"latest", "alpine", "2.4", "2.4.62", "2.4.63"}, size: 58_398_143},
	"postgres":                        {tags: []string{"latest", "alpine", "15", "16", "16.4", "17", "17.2"}, size: 158_415_260},
	"alpine":                          {tags: []string{"latest", "3", "3.19", "3.20", "3.21", "edge"}, size: 3_642_374},
	"ubuntu":                          {tags: []string{"latest", "22.04", "24.04", "jammy", "noble"}, size: 29_754_290},
	"debian":                          {tags: []string{"latest", "bookworm", "bookworm-slim", "12", "12-slim", "trixie"}, size: 48_494_272},
	"python":                          {tags: []string{"latest", "3", "3.12", "3.12-slim", "3.13", "3.13-slim", "alpine"}, size: 412_363_120},
	"node":                            {tags: []string{"latest", "lts", "20", "22", "22-alpine", "23", "alpine"}, size: 398_120_740},
	"golang":                          {tags: []string{"latest", "1.22", "1.23", "1.24", "alpine"}, size: 291_002_110},
	"mysql":                           {tags: []string{"latest", "8", "8.0", "8.4", "9", "lts"}, size: 172_560_318},
	"mongo":                           {tags: []string{"latest", "6", "7", "8"}, size: 265_330_112},
	"traefik":                         {tags: []string{"latest", "v2.11", "v3", "v3.2", "v3.3"}, size: 51_820_441},
	"caddy":                           {tags: []string{"latest", "2", "2.8", "2.9", "alpine"}, size: 19_640_101},
	"memcached":                       {tags: []string{"latest", "1.6", "alpine"}, size: 30_004_210},
	"rabbitmq":                        {tags: []string{"latest", "3", "3-management", "4", "management"}, size: 112_010_443},
	"hello-world":                     {tags: []string{"latest", "linux"}, size: 13_256},
	"registry.k8s.io/pause":           {tags: []string{"3.1", "3.6", "3.8", "3.9", "3.10"}, size: 320_368},
	"registry.k8s.io/echoserver":      {tags: []string{"1.10", "1.4"}, size: 46_042_321},
	"gcr.io/google-samples/hello-app": {tags: []string{"1.0", "2.0"}, size: 9_984_131},
	// The images of the Kubernetes tutorial "Performing a Rolling Update"
	// (its v10 does not exist, on purpose); sizes approximate.
	"gcr.io/google-samples/kubernetes-bootcamp": {tags: []string{"v1"}, size: 80_000_000},
	"jocatalin/kubernetes-bootcamp":             {tags: []string{"v1", "v2"}, size: 80_000_000},
	// The images of the Kubernetes docs' Pod examples (probes, init
	// containers, sidecars).
	"registry.k8s.io/e2e-test-images/agnhost": {tags: []string{"2.39", "2.40", "2.45"}, size: 51_000_000},
	"registry.k8s.io/goproxy":                 {tags: []string{"0.1"}, size: 2_900_000},
	"registry.k8s.io/busybox":                 {tags: []string{"latest", "1.27.2"}, size: 1_100_000},
	"registry.k8s.io/etcd":                    {tags: []string{"3.5.1-0"}, size: 98_000_000},
}

// imageRef is a parsed image reference.
type imageRef struct {
	repo   string // "nginx", "registry.k8s.io/pause"
	tag    string // "latest" when absent
	digest string
}

// parseImage splits "docker.io/library/nginx:1.27" into repository and tag,
// normalising Docker Hub's library prefix as container runtimes do.
func parseImage(image string) imageRef {
	var r imageRef
	if i := strings.Index(image, "@"); i >= 0 {
		r.digest = image[i+1:]
		image = image[:i]
	}
	lastSlash := strings.LastIndex(image, "/")
	if i := strings.LastIndex(image, ":"); i > lastSlash {
		r.tag = image[i+1:]
		image = image[:i]
	}
	if r.tag == "" && r.digest == "" {
		r.tag = "latest"
	}
	image = strings.TrimPrefix(image, "docker.io/")
	image = strings.TrimPrefix(image, "index.docker.io/")
	image = strings.TrimPrefix(image, "library/")
	r.repo = image
	return r
}

// fullName is the reference a runtime reports ("docker.io/library/nginx:9.99.9").
func (r imageRef) fullName() string {
	name := r.repo
	if !strings.Contains(strings.SplitN(name, "/", 2)[0], ".") {
		if !strings.Contains(name, "/") {
			name = "library/" + name
		}
		name = "docker.io/" + name
	}
	if r.tag != "" {
		name += ":" + r.tag
	}
	if r.digest != "" {
		name += "@" + r.digest
	}
	return name
}

// pull asks the registry for an image: its size, or containerd's error text.
func pull(image string) (int64, error) {
	r := parseImage(image)
	img, ok := registry[r.repo]
	full := r.fullName()
	if !ok {
		return 0, fmt.Errorf("rpc error: code = Unknown desc = failed to pull and unpack image %q: failed to resolve reference %q: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed", full, full)
	}
	if r.digest != "" {
		// Any well-formed digest of a known repository resolves.
		return img.size, nil
	}
	for _, t := range img.tags {
		if t == r.tag {
			return img.size, nil
		}
	}
	return 0, fmt.Errorf("rpc error: code = NotFound desc = failed to pull and unpack image %q: failed to resolve reference %q: %s: not found", full, full, full)
}

// PullDuration is how long a successful fresh pull of size bytes takes.
func PullDuration(size int64) time.Duration {
	return pullBase + time.Duration(size*int64(time.Second)/pullBytesPerSecond).Truncate(time.Millisecond)
}

// ImageSize is the size the registry gives repo's images (0 when unknown).
func ImageSize(repo string) int64 { return registry[repo].size }
