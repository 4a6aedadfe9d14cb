package model

import (
	"regexp"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// DefaultPullPolicy is the imagePullPolicy the API server gives a container
// that sets none (upstream SetDefaults_Container): Always when the image's
// tag is "latest", or when it has neither tag nor digest (the runtime then
// pulls "latest"); IfNotPresent for any other tag, for a digest, and for a
// reference that does not parse (upstream ignores the parse error, leaving
// the tag empty).
//
//	nginx                → Always
//	nginx:latest         → Always
//	nginx:1.27           → IfNotPresent
//	nginx@sha256:…       → IfNotPresent
//	<your-private-image> → IfNotPresent (not a valid reference)
func DefaultPullPolicy(image string) corev1.PullPolicy {
	if imageTag(image) == "latest" {
		return corev1.PullAlways
	}
	return corev1.PullIfNotPresent
}

// referencePattern is the grammar of distribution/reference (which upstream's
// parsers.ParseImageName uses): [domain/]path[:tag][@digest], lower-case path
// components joined by ".", "_", "__" or dashes.
var referencePattern = func() *regexp.Regexp {
	const (
		alnum      = `[a-z0-9]+`
		separator  = `(?:[._]|__|[-]+)`
		component  = alnum + `(?:` + separator + alnum + `)*`
		domainComp = `(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`
		host       = `(?:` + domainComp + `(?:\.` + domainComp + `)*|\[[a-fA-F0-9:]+\])`
		domain     = host + `(?::[0-9]+)?`
		name       = `(?:` + domain + `/)?` + component + `(?:/` + component + `)*`
		tag        = `[\w][\w.-]{0,127}`
		digest     = `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`
	)
	return regexp.MustCompile(`^(` + name + `)(?::(` + tag + `))?(?:@(` + digest + `))?$`)
}()

// anchoredHex64 is an image ID, which is not a valid repository name.
var anchoredHex64 = regexp.MustCompile(`^[a-f0-9]{64}$`)

// imageTag returns the tag upstream's ParseImageName finds: the explicit
// tag, "latest" when there is neither tag nor digest, "" when there is only
// a digest or the reference does not parse.
func imageTag(image string) string {
	m := referencePattern.FindStringSubmatch(image)
	if m == nil || len(m[1]) > 255 || anchoredHex64.MatchString(m[1]) {
		return ""
	}
	name, tag, digest := m[1], m[2], m[3]
	// A first component with upper case must be a domain ("Registry:5000/x");
	// upper case elsewhere fails the component pattern already.
	if first, _, found := strings.Cut(name, "/"); !found && first != strings.ToLower(first) {
		return ""
	}
	if tag == "" && digest == "" {
		return "latest"
	}
	return tag
}
