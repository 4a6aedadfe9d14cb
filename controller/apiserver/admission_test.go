package apiserver

import (
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// replicasPath is where the test strategy's errors point.
var replicasPath = field.NewPath("spec", "replicas")

// testStrategy defaults spec.replicas to 1, refuses a negative count, and
// on update refuses a changed selector (upstream's immutable field).
func testStrategy() Strategy[*appsv1.ReplicaSet] {
	return Strategy[*appsv1.ReplicaSet]{
		PrepareForCreate: func(rs *appsv1.ReplicaSet) {
			if rs.Spec.Replicas == nil {
				one := int32(1)
				rs.Spec.Replicas = &one
			}
		},
		Validate: func(rs *appsv1.ReplicaSet) field.ErrorList {
			if *rs.Spec.Replicas < 0 {
				return field.ErrorList{field.Invalid(replicasPath, *rs.Spec.Replicas, "must be greater than or equal to 0")}
			}
			return nil
		},
		ValidateUpdate: func(rs, old *appsv1.ReplicaSet) field.ErrorList {
			var errs field.ErrorList
			if *rs.Spec.Replicas < 0 {
				errs = append(errs, field.Invalid(replicasPath, *rs.Spec.Replicas, "must be greater than or equal to 0"))
			}
			if rs.Spec.MinReadySeconds != old.Spec.MinReadySeconds {
				errs = append(errs, field.Invalid(field.NewPath("spec", "minReadySeconds"), rs.Spec.MinReadySeconds, "field is immutable"))
			}
			return errs
		},
	}
}

func replicaSet(name string, replicas *int32) *appsv1.ReplicaSet {
	return &appsv1.ReplicaSet{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name}, Spec: appsv1.ReplicaSetSpec{Replicas: replicas}}
}

func int32p(n int32) *int32 { return &n }

// TestStore_AdmitCreate: a create is defaulted, then validated; a refused
// object is neither stamped nor stored nor seen by a watcher, and the
// error is the apiserver's Invalid in kubectl's words.
func TestStore_AdmitCreate(t *testing.T) {
	tests := []struct {
		name     string
		replicas *int32
		// expectations
		wantErr      string
		wantReplicas int32
	}{
		{name: "replicas unset defaults to 1", replicas: nil, wantReplicas: 1},
		{name: "replicas 3 is kept", replicas: int32p(3), wantReplicas: 3},
		{name: "replicas -1 is refused", replicas: int32p(-1),
			wantErr: `The ReplicaSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := NewServer(fixedClock{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)})
			rss := Register(srv, "ReplicaSet", testStrategy())
			added := 0
			rss.AddHandler(Handler[*appsv1.ReplicaSet]{Add: func(*appsv1.ReplicaSet) { added++ }})
			rs := replicaSet("web", tt.replicas)

			err := rss.Create(rs)

			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || !IsInvalid(err) {
					t.Fatalf("Create: %v, want Invalid %q", err, tt.wantErr)
				}
				if rss.Len() != 0 || added != 0 || rs.UID != "" || srv.ResourceVersion() != 0 {
					t.Fatalf("refused create left a trace: %d stored, %d adds, uid %q, rv %d", rss.Len(), added, rs.UID, srv.ResourceVersion())
				}
				return
			}
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			if got := rss.Get(Key("default", "web")); got != rs || *got.Spec.Replicas != tt.wantReplicas || added != 1 {
				t.Fatalf("stored %v with replicas %d, %d adds; want replicas %d, 1 add", got != nil, *rs.Spec.Replicas, added, tt.wantReplicas)
			}
		})
	}
}

// TestStore_Replace: the kind's ValidateUpdate runs first, then the
// request's admit; a refusal leaves the live object, its resourceVersion
// and generation as they were and calls neither write nor a watcher; an
// admitted write moves generation only for a spec change.
func TestStore_Replace(t *testing.T) {
	quota := func(obj, old *appsv1.ReplicaSet) *field.Error {
		if *obj.Spec.Replicas > 5 {
			return field.Forbidden(replicasPath, "exceeds the quota of 5")
		}
		return nil
	}
	tests := []struct {
		name        string
		replicas    int32
		minReady    int32
		specChanged bool
		// expectations
		wantErr        string
		wantGeneration int64
		wantReplicas   int32
	}{
		{name: "scale 2 -> 4 within the quota: generation 1 -> 2", replicas: 4, specChanged: true,
			wantGeneration: 2, wantReplicas: 4},
		{name: "metadata only: generation stays 1", replicas: 2, specChanged: false,
			wantGeneration: 1, wantReplicas: 2},
		{name: "scale 2 -> 6 past the quota of 5: refused by admit", replicas: 6, specChanged: true,
			wantErr: `The ReplicaSet "web" is invalid: spec.replicas: Forbidden: exceeds the quota of 5`, wantGeneration: 1, wantReplicas: 2},
		{name: "scale 2 -> -1: refused by the strategy, admit not asked", replicas: -1, specChanged: true,
			wantErr: `The ReplicaSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`, wantGeneration: 1, wantReplicas: 2},
		{name: "scale 2 -> -1 and minReadySeconds 0 -> 5: both errors as a list", replicas: -1, minReady: 5, specChanged: true,
			wantErr:        "The ReplicaSet \"web\" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.minReadySeconds: Invalid value: 5: field is immutable",
			wantGeneration: 1, wantReplicas: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := NewServer(fixedClock{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)})
			rss := Register(srv, "ReplicaSet", testStrategy())
			live := replicaSet("web", int32p(2))
			if err := rss.Create(live); err != nil {
				t.Fatal(err)
			}
			updates := 0
			rss.AddHandler(Handler[*appsv1.ReplicaSet]{Update: func(_, _ *appsv1.ReplicaSet) { updates++ }})
			rv := live.ResourceVersion
			obj := live.DeepCopy()
			obj.Spec.Replicas = int32p(tt.replicas)
			obj.Spec.MinReadySeconds = tt.minReady
			wrote := false

			err := rss.Replace(live, obj, quota, func() bool {
				wrote = true
				live.Spec = obj.Spec
				return tt.specChanged
			})

			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("Replace: %v, want %q", err, tt.wantErr)
				}
				if wrote || updates != 0 || live.ResourceVersion != rv {
					t.Fatalf("refused update left a trace: wrote %v, %d updates, rv %s -> %s", wrote, updates, rv, live.ResourceVersion)
				}
			} else {
				if err != nil {
					t.Fatalf("Replace: %v", err)
				}
				if !wrote || updates != 1 || live.ResourceVersion == rv {
					t.Fatalf("admitted update not recorded: wrote %v, %d updates, rv %s -> %s", wrote, updates, rv, live.ResourceVersion)
				}
			}
			if live.Generation != tt.wantGeneration || *live.Spec.Replicas != tt.wantReplicas {
				t.Fatalf("live: generation %d, replicas %d; want %d, %d", live.Generation, *live.Spec.Replicas, tt.wantGeneration, tt.wantReplicas)
			}
		})
	}
}

// TestStore_ZeroStrategyAdmitsEverything: a kind registered without a
// strategy takes any create and any Replace (nil admit).
func TestStore_ZeroStrategyAdmitsEverything(t *testing.T) {
	srv := NewServer(fixedClock{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)})
	rss := Register(srv, "ReplicaSet", Strategy[*appsv1.ReplicaSet]{})
	live := replicaSet("web", int32p(-1))
	if err := rss.Create(live); err != nil {
		t.Fatalf("Create: %v", err)
	}
	obj := live.DeepCopy()
	obj.Spec.Replicas = int32p(-2)
	if err := rss.Replace(live, obj, nil, func() bool { live.Spec = obj.Spec; return true }); err != nil || *live.Spec.Replicas != -2 || live.Generation != 2 {
		t.Fatalf("Replace: %v, replicas %d, generation %d; want nil, -2, 2", err, *live.Spec.Replicas, live.Generation)
	}
}
