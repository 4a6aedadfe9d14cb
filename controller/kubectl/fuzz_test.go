package kubectl

import (
	"reflect"
	"testing"

	"podviz/termsafe"
)

// FuzzParse checks that no input panics and that every accepted line's
// canonical form parses back to the same action.
func FuzzParse(f *testing.F) {
	for _, l := range roundTripLines {
		f.Add(l)
	}
	for _, l := range []string{"", "kubectl", "kubectl rollout", `kubectl set image deploy/x "a=b`,
		"kubectl delete pod -l", "scale deploy/x --replicas=99999999999", "get po/a/b", "delete pod/", "-n", "kubectl -n x -n",
		`a\`, "kubectl delete pod 'a'\\''b'", "kubectl delete pod $'\\x1b\\u009b\\xff'", "delete pod \x1b[31m"} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		a, err := Parse(line)
		if err != nil {
			return
		}
		s := a.String()
		if !termsafe.IsSafe(s, false) {
			t.Fatalf("String of %q is not terminal-safe: %q", line, s)
		}
		b, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String %q fails: %v", line, s, err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip of %q via %q changed:\n%#v\n%#v", line, s, a, b)
		}
	})
}
