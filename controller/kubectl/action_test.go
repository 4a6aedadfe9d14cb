package kubectl

import (
	"reflect"
	"testing"
)

func TestParse_Commands(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "unknown command", line: "kubectl frobnicate", wantErr: `error: unknown command "frobnicate" for "kubectl"`},
		{name: "a kubectl command podviz does not simulate", line: "kubectl describe pod a",
			wantErr: `error: podviz does not simulate "kubectl describe"; it knows scale, set image, delete, rollout, apply, get and exec`},
		{name: "empty line", line: "   ", wantErr: "error: no command given; podviz knows scale, set image, delete, rollout, apply, get and exec"},
		{name: "unknown global flag", line: "kubectl --context=x", wantErr: "error: unknown flag: --context"},
		{name: "unterminated quote", line: `kubectl scale "deployment/web`, wantErr: "error: unterminated quoted string"},
		{name: "help", line: "kubectl scale --help", wantErr: "error: podviz does not print kubectl's help; see `kubectl scale --help`"},
	})
}

func TestSplitWords(t *testing.T) {
	cases := []struct {
		name string
		line string
		want []string
	}{
		{"blanks separate", " a  b\tc ", []string{"a", "b", "c"}},
		{"single quotes are literal", `'a b' 'c\d'`, []string{"a b", `c\d`}},
		{"double quotes escape quote and backslash", `"a \"b\" \\ \n"`, []string{`a "b" \ \n`}},
		{"quotes join a word", `a'b'"c"`, []string{"abc"}},
		{"empty quoted word", `a '' b`, []string{"a", "", "b"}},
		{"backslash escapes a blank", `a\ b`, []string{"a b"}},
		{"$'' reads C escapes", `$'a\nb\tc\e[31m\x1b\033\u202e\\\''`, []string{"a\nb\tc\x1b[31m\x1b\x1b\u202e\\'"}},
		{"$'' joins a word", `x=$'\a'y`, []string{"x=\ay"}},
		{"$'' keeps an unknown escape", `$'\q'`, []string{`\q`}},
		{"a lone $ is a character", `a$ $b`, []string{"a$", "$b"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := splitWords(tc.line)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("splitWords(%q) = %q, want %q", tc.line, got, tc.want)
			}
		})
	}
}

// roundTripLines are canonical commands: each must print back unchanged.
var roundTripLines = []string{
	"kubectl scale deployment/web --replicas=5",
	"kubectl scale deployment/web --replicas=0 -n prod",
	"kubectl set image deployment/web nginx=nginx:1.27",
	"kubectl set image deployment/web '*=nginx:1.27'",
	"kubectl set image deployment/web nginx=nginx:1.27 side=busybox:1.36",
	"kubectl delete pod a b",
	"kubectl delete pod -l 'app in (a,b)' --grace-period=0 --force",
	"kubectl delete pod a --now --ignore-not-found",
	"kubectl delete deployment web",
	"kubectl rollout undo deployment/web",
	"kubectl rollout undo deployment/web --to-revision=2",
	"kubectl rollout pause deployment/web",
	"kubectl rollout resume deployment/web",
	"kubectl rollout restart deployment/web",
	"kubectl rollout status deployment/web --revision=3",
	"kubectl rollout history deployment/web --revision=1",
	"kubectl apply -f 'my dir/web.yaml'",
	`kubectl apply -f $'\x1b]0;title\x07.yaml'`,
	`kubectl delete pod $'a\nb' 'it'\''s\'`,
	`kubectl scale $'deployment/\u202eweb' --replicas=1`,
	"kubectl get pods -o wide",
	"kubectl get deployments web",
	"kubectl get replicasets -n prod",
	"kubectl get events",
	"kubectl exec web-1 -c nginx -- kill 1",
	"kubectl exec web-1 -n prod -- rm /tmp/healthy",
	"kubectl exec web-1 -- sh -c 'echo hi; rm -f /tmp/healthy'",
}

func TestAction_StringRoundTrip(t *testing.T) {
	for _, line := range roundTripLines {
		t.Run(line, func(t *testing.T) {
			a, err := Parse(line)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.String(); got != line {
				t.Fatalf("String() = %q, want %q", got, line)
			}
			b, err := Parse(a.String())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("parse → String → parse changed the action:\n%#v\n%#v", a, b)
			}
		})
	}
}

// TestAction_StringCanonical checks that other spellings print as the
// canonical command.
func TestAction_StringCanonical(t *testing.T) {
	cases := map[string]string{
		"scale deploy web --replicas 5":                           "kubectl scale deployment/web --replicas=5",
		"kubectl -n prod scale deployments.apps/web --replicas=5": "kubectl scale deployment/web --replicas=5 -n prod",
		"kubectl delete po/a":                                     "kubectl delete pod a",
		"kubectl get po -owide":                                   "kubectl get pods -o wide",
		"kubectl rollout status deploy/web -w=false":              "kubectl rollout status deployment/web",
		"kubectl exec -it po/web-1 --container nginx -- kill 1":   "kubectl exec web-1 -c nginx -- kill 1",
	}
	for in, want := range cases {
		a, err := Parse(in)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got := a.String(); got != want {
			t.Errorf("Parse(%q).String() = %q, want %q", in, got, want)
		}
	}
}

func TestAction_ReadOnly(t *testing.T) {
	for _, line := range roundTripLines {
		a, err := Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		_, isGet := a.(*GetOptions)
		_, isStatus := a.(*RolloutStatusOptions)
		_, isHistory := a.(*RolloutHistoryOptions)
		if want := isGet || isStatus || isHistory; a.ReadOnly() != want {
			t.Errorf("%s: ReadOnly() = %v, want %v", line, a.ReadOnly(), want)
		}
	}
}
