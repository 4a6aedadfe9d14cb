package controllerutil

import "time"

// duEpoch is a fixed instant for tests that need "now".
var duEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
