package model

import (
	"encoding/json"
	"errors"
	"io"
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// FuzzLoad feeds arbitrary bytes to the loader. Whatever the input, Parse
// must return (no panic, no hang), its error text must be safe to print,
// and anything it accepts must be defaulted, valid, hashable and free of
// unsafe strings. Seeds: testdata/fuzz/FuzzLoad (the article example, the
// invalid manifests, KYAML, List, alias and nesting cases).
func FuzzLoad(f *testing.F) {
	f.Add(exampleYAML)
	f.Add([]byte(billionLaughs))
	f.Add([]byte(jsonPod("a") + jsonPod("b") + "\n" + jsonPod("c")))
	f.Add([]byte(jsonPod("a") + "\n---\n" + examplePod))
	f.Fuzz(func(t *testing.T, data []byte) {
		objs, err := Parse("fuzz.yaml", data, io.Discard)
		if err != nil {
			if objs != nil {
				t.Fatal("objects returned with an error")
			}
			assertPrintable(t, err.Error())
			var le *LoadError
			if errors.As(err, &le) {
				assertPrintable(t, le.Kubectl())
			}
			return
		}
		if objs.Len() == 0 {
			t.Fatal("no error and no objects")
		}
		check := func(kind string, obj any, errs field.ErrorList) {
			if len(errs) > 0 {
				t.Fatalf("accepted %s fails validation: %v", kind, errs)
			}
			js, err := json.Marshal(obj)
			if err != nil {
				t.Fatalf("accepted %s does not marshal: %v", kind, err)
			}
			var generic any
			if err := json.Unmarshal(js, &generic); err != nil {
				t.Fatal(err)
			}
			var unsafe field.ErrorList
			checkStrings(generic, nil, &unsafe)
			if len(unsafe) > 0 {
				t.Fatalf("accepted %s holds unsafe strings: %v", kind, unsafe)
			}
		}
		for _, p := range objs.Pods {
			check("Pod", p, ValidatePod(p))
		}
		for _, d := range objs.Deployments {
			before := d.DeepCopy()
			SetDefaultsDeployment(d)
			if ComputeHash(&before.Spec.Template, nil) != ComputeHash(&d.Spec.Template, nil) {
				t.Fatal("defaulting is not idempotent: the template hash changed")
			}
			check("Deployment", d, ValidateDeployment(d))
		}
		for _, rs := range objs.ReplicaSets {
			check("ReplicaSet", rs, ValidateReplicaSet(rs))
		}
	})
}
