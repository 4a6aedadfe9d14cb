package model

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

	// MaxReplicas is the largest spec.replicas podviz simulates. The API
	// server allows up to 2^31-1, but every replica is a simulated pod in
	// memory; 100,000 is far beyond anything a diagram can show.
	MaxReplicas = 100000

	// MaxProblems is the most problems (bad documents) one Load reports; it
	// then stops reading. MaxFieldErrors is the most field errors shown for
	// one object, and MaxValueBytes the longest offending value quoted in
	// one. Together they keep the error text of any input short enough to
	// read, whatever the input holds (a 5 MB label value, 100,000 bad
	// containers).
	MaxProblems    = 100
	MaxFieldErrors = 50
	MaxValueBytes  = 256

	// MaxImageBytes is the longest container image reference accepted. The
	// API server sets no limit, but a registry resolves at most a 255-byte
	// name, a 128-byte tag and a digest (about 520 bytes in all); every
	// pod's events quote its image, so a 1 MB "image" costs a megabyte per
	// event. 1 KiB is twice any reference that can be pulled.
	MaxImageBytes = 1024

	// MaxEvents caps the stored event log; the oldest entries fall off first.
	MaxEvents = 10000

	// MaxScriptSteps bounds a script, so a hostile file cannot make podviz
	// allocate without limit.
	MaxScriptSteps = 10000
)
