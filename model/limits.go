package model

import "time"

// Limits on what podviz accepts (its budgets), all in this one file. A manifest is input from anywhere (a pasted
// file, stdin); these keep a hostile or broken one from exhausting memory or
// time before anything is drawn. Each is checked before the work it bounds.
const (
	// MaxFileBytes is the largest manifest file read, 8 MiB. The API server's
	// own request limit is 3 MiB per object; 8 MiB leaves room for many
	// documents in one file while refusing a runaway stream (cat /dev/zero).
	MaxFileBytes = 8 << 20

	// MaxObjects is the most documents and List items one Load accepts,
	// counting skipped kinds too: each costs a decode, and the terminal could
	// not show more anyway.
	MaxObjects = 10000

	// MaxPods is the pod budget of one cluster: the most pods its objects
	// may hold at once, counting each Deployment's replicas plus maxSurge
	// (a rollout's extra pods), each ReplicaSet's replicas and each bare
	// Pod (see PodDemand), at load and at every scale, set image or apply.
	// The API server allows 2^31-1 replicas, but every pod is simulated in
	// memory: 100,000 example pods take about 550 MB and half a minute to
	// run to 1m, far beyond anything a diagram can show.
	MaxPods = 100000

	// PodTemplateUnitBytes is the template size one budget pod covers: a
	// pod whose template's JSON is larger counts as one pod per started
	// 2 KiB. Every pod holds its own copy of the template's structure
	// (about twice its JSON in memory), so 200 replicas of a template with
	// 100,000 env vars (3 MB) would take 1.4 GB; they count 1,500 each.
	PodTemplateUnitBytes = 2048

	// MaxProblems is the most problems (bad documents) one Load reports; it
	// then stops reading. MaxFieldErrors is the most field errors shown for
	// one object, and MaxValueBytes the longest offending value quoted in
	// one. Together they keep the error text of any input short enough to
	// read, whatever the input holds (a 5 MB label value, 100,000 bad
	// containers).
	MaxProblems    = 100
	MaxFieldErrors = 50
	MaxValueBytes  = 256

	// MaxSkipWarnings is how many "skipping KIND" warnings one Load prints
	// one by one; the rest are summarised in one line with a count per
	// kind (10,000 skipped ConfigMaps printed 1.2 MB of warnings).
	MaxSkipWarnings = 5

	// MaxImageBytes is the longest container image reference accepted. The
	// API server sets no limit, but a registry resolves at most a 255-byte
	// name, a 128-byte tag and a digest (about 520 bytes in all); every
	// pod's events quote its image, so a 1 MB "image" costs a megabyte per
	// event. 1 KiB is twice any reference that can be pulled.
	MaxImageBytes = 1024

	// MaxVirtualTime is where the virtual clock stops: a day. Long enough
	// for AGE columns in hours and hours of crash-loop back-off at its
	// 5-minute cap; short enough that a crash-looping pod costs about 290
	// restarts (2.3 s of CPU per 1,000 such pods to reach it). Without it,
	// --at 2562047h kept one crash loop busy for 105 s. Flags and script
	// times past it are refused; the live view stops its clock there.
	MaxVirtualTime = 24 * time.Hour

	// MaxEvents caps the stored event log; the oldest entries fall off first.
	MaxEvents = 10000

	// MaxScriptSteps bounds a script, so a hostile file cannot make podviz
	// allocate without limit.
	MaxScriptSteps = 10000

	// MaxScriptBytes is the largest script read, 1 MiB: 10,000 steps of
	// 100 bytes. Like MaxFileBytes it is checked while reading, so
	// --script /dev/zero stops at once.
	MaxScriptBytes = 1 << 20

	// MaxCommandBytes is the longest kubectl line podviz parses (a script's
	// run, the ":" prompt), 4 KiB: longer than any command a person types,
	// room for an apply with dozens of -f paths.
	MaxCommandBytes = 4096
)
