package main

import (
	"strings"
	"testing"

	"podviz/controller/script"
	"podviz/model"
)

// TestScriptReserve_NoTwinWithoutChanges: a script that changes nothing
// (kubectl get, captions) needs no twin cluster to find its Deployments'
// largest sizes, so none is built: the cluster's memory is not paid twice.
func TestScriptReserve_NoTwinWithoutChanges(t *testing.T) {
	objs, err := model.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	s, err := script.Parse("s.yaml", []byte("- at: 5s\n  run: kubectl get pods\n- after: settled\n  say: nothing changes\n"))
	if err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(3, func() {
		if _, err := scriptReserve(objs, 1, s); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 100 {
		t.Errorf("%v allocations: a twin cluster was built and played", allocs)
	}
}

// TestScriptReserve_StopsAtTheLastChange: the twin plays only as far as the
// last step that changes the cluster, and the sizes are the same as
// playing the whole script.
func TestScriptReserve_StopsAtTheLastChange(t *testing.T) {
	objs, err := model.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	src := "- at: 5s\n  run: kubectl scale deployment/example-deployment --replicas=7\n" +
		"- after: settled\n  run: kubectl scale deployment/example-deployment --replicas=2\n" +
		"- at: 23h\n  run: kubectl get pods\n"
	s, err := script.Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := scriptReserve(objs, 1, s)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Deployments["default/example-deployment"]; got != 7 {
		t.Errorf("reserve %d, want 7 (the largest the script scales to)", got)
	}
	if !strings.Contains(s.Steps[len(s.Steps)-1].Run, "get pods") {
		t.Error("scriptReserve changed the caller's script")
	}
}
