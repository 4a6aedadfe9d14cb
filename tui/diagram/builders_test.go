package diagram

import (
	"fmt"
	"math/rand/v2"
	"time"

	"podviz/controller"
)

// Hand-built snapshots: the shapes the controller produces, built directly so
// the renderer can be tested on its own. Names follow upstream's scheme
// (<deployment>-<pod-template-hash>-<5 safe characters>).

const (
	depName = "example-deployment"
	oldHash = "7c5ddbdf54"
	newHash = "6b7f675859"
)

// suffixes yields deterministic 5-character pod suffixes from the safe alphabet.
type suffixes struct{ r *rand.Rand }

func newSuffixes() *suffixes { return &suffixes{rand.New(rand.NewPCG(1, 2))} }

func (s *suffixes) next() string {
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	b := make([]byte, 5)
	for i := range b {
		b[i] = alphabet[s.r.IntN(len(alphabet))]
	}
	return string(b)
}

func nginx(image string, state, reason string, ready bool, restarts int32) controller.ContainerView {
	return controller.ContainerView{Name: "nginx", Image: image, Ports: []string{"80/TCP"},
		State: state, Reason: reason, Ready: ready, Restarts: restarts}
}

// podIn builds a pod with kubectl's STATUS for the given container.
func pod(name, owner, ip string, c controller.ContainerView, created time.Duration) controller.PodView {
	p := controller.PodView{Namespace: "default", Name: name, UID: "uid-" + name, ResourceVersion: 1,
		Created: created, Owner: owner, IP: ip, Node: "node-1", TotalContainers: 1,
		Containers: []controller.ContainerView{c}, Restarts: c.Restarts}
	switch c.State {
	case "Running":
		p.Phase, p.Status = "Running", "Running"
		p.Ready, p.Available = c.Ready, c.Ready
		if c.Ready {
			p.ReadyContainers = 1
		}
	case "Waiting":
		p.Phase, p.Status = "Pending", c.Reason
		if c.Restarts > 0 {
			p.Phase = "Running"
		}
	case "Terminated":
		p.Phase, p.Status = "Succeeded", c.Reason
	}
	return p
}

func readyPod(name, owner, ip, image string) controller.PodView {
	return pod(name, owner, ip, nginx(image, "Running", "", true, 0), 0)
}

func barePod() controller.PodView {
	return readyPod("example-pod", "", "10.244.0.4", "nginx:latest")
}

func rs(hash, image string, rev int64, isNew bool, pods ...controller.PodView) controller.ReplicaSetView {
	name := depName + "-" + hash
	v := controller.ReplicaSetView{Namespace: "default", Name: name, UID: "uid-" + name, ResourceVersion: 1,
		Owner: depName, Hash: hash, Revision: rev, Images: []string{image}, New: isNew, Pods: pods}
	for _, p := range pods {
		if p.Terminating {
			continue
		}
		v.Current++
		v.Desired++
		if p.Ready {
			v.Ready++
			v.Available++
		}
	}
	return v
}

func deployment(replicas int32, rev int64, rss ...controller.ReplicaSetView) controller.DeploymentView {
	d := controller.DeploymentView{Namespace: "default", Name: depName, UID: "uid-" + depName,
		ResourceVersion: 1, Generation: 1, ObservedGeneration: 1, Revision: rev,
		Replicas: replicas, Strategy: "RollingUpdate", MaxSurge: "25%", MaxUnavailable: "25%",
		Surge: (replicas*25 + 99) / 100, Unavailable: replicas * 25 / 100,
		ProgressDeadlineSeconds: 600, Selector: "app=nginx", ReplicaSets: rss}
	for _, r := range rss {
		d.StatusReplicas += r.Current
		d.ReadyReplicas += r.Ready
		d.AvailableReplicas += r.Available
		if r.New {
			d.UpdatedReplicas = r.Current
			d.Images = r.Images
		}
	}
	d.RolloutDone = d.UpdatedReplicas == replicas && d.AvailableReplicas == replicas && d.StatusReplicas == replicas
	if d.RolloutDone {
		d.RolloutStatus = `deployment "example-deployment" successfully rolled out`
	}
	return d
}

func rsPods(s *suffixes, hash string, n int, ip0 int, mk func(name, owner, ip string) controller.PodView) []controller.PodView {
	owner := depName + "-" + hash
	var out []controller.PodView
	for i := 0; i < n; i++ {
		out = append(out, mk(owner+"-"+s.next(), owner, fmt.Sprintf("10.244.0.%d", ip0+i)))
	}
	return out
}

func snapshotAt(elapsed time.Duration, bare []controller.PodView, deps ...controller.DeploymentView) *controller.Snapshot {
	return &controller.Snapshot{Elapsed: elapsed, Now: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC).Add(elapsed),
		Idle: true, BarePods: bare, Deployments: deps}
}

// settled is the article's example after it came up: example-pod and three
// Ready replicas of example-deployment.
func settled() *controller.Snapshot {
	s := newSuffixes()
	ready := func(name, owner, ip string) controller.PodView { return readyPod(name, owner, ip, "nginx:latest") }
	return snapshotAt(12*time.Second, []controller.PodView{barePod()},
		deployment(3, 1, rs(oldHash, "nginx:latest", 1, true, rsPods(s, oldHash, 3, 5, ready)...)))
}

// rollingUpdate is `kubectl set image deployment/example-deployment
// nginx=nginx:1.27` part-way: maxSurge 1 let one new pod start; the old
// ReplicaSet waits for it before scaling down.
func rollingUpdate() *controller.Snapshot {
	s := newSuffixes()
	ready := func(name, owner, ip string) controller.PodView { return readyPod(name, owner, ip, "nginx:latest") }
	creating := func(name, owner, ip string) controller.PodView {
		return pod(name, owner, "", nginx("nginx:1.27", "Waiting", "ContainerCreating", false, 0), 20*time.Second)
	}
	oldRS := rs(oldHash, "nginx:latest", 1, false, rsPods(s, oldHash, 3, 5, ready)...)
	newRS := rs(newHash, "nginx:1.27", 2, true, rsPods(s, newHash, 1, 8, creating)...)
	d := deployment(3, 2, oldRS, newRS)
	d.Generation, d.ObservedGeneration = 2, 2
	d.RolloutStatus = `Waiting for deployment "example-deployment" rollout to finish: 1 out of 3 new replicas have been updated...`
	d.Decision = controller.Decision{
		Budget: "max 4 pods (3 + surge 1) · min 3 available (3 − 0)",
		Reason: "waiting for 1 new pod to become available before scaling down the old ReplicaSet",
	}
	return snapshotAt(21*time.Second, []controller.PodView{barePod()}, d)
}

// imagePullBackOff is an update to an image that does not exist: the new
// pod cannot pull, the rollout is stuck and the old pods keep serving.
func imagePullBackOff() *controller.Snapshot {
	s := newSuffixes()
	ready := func(name, owner, ip string) controller.PodView { return readyPod(name, owner, ip, "nginx:latest") }
	backoff := func(name, owner, ip string) controller.PodView {
		c := nginx("nginx:9.99.9", "Waiting", "ImagePullBackOff", false, 0)
		c.Message = `Back-off pulling image "nginx:9.99.9": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.99.9": failed to resolve reference "docker.io/library/nginx:9.99.9": docker.io/library/nginx:9.99.9: not found`
		c.RetryAt = 130 * time.Second // 40 s left
		return pod(name, owner, ip, c, 20*time.Second)
	}
	oldRS := rs(oldHash, "nginx:latest", 1, false, rsPods(s, oldHash, 3, 5, ready)...)
	newRS := rs(newHash, "nginx:9.99.9", 2, true, rsPods(s, newHash, 1, 8, backoff)...)
	d := deployment(3, 2, oldRS, newRS)
	d.RolloutStatus = `Waiting for deployment "example-deployment" rollout to finish: 1 out of 3 new replicas have been updated...`
	d.Decision = controller.Decision{
		Budget: "max 4 pods (3 + surge 1) · min 3 available (3 − 0)",
		Reason: "waiting for 1 new pod to become available before scaling down the old ReplicaSet",
	}
	return snapshotAt(90*time.Second, []controller.PodView{barePod()}, d)
}

// crashLoop is a Deployment whose containers keep exiting.
func crashLoop() *controller.Snapshot {
	s := newSuffixes()
	crashing := func(name, owner, ip string) controller.PodView {
		c := nginx("nginx:latest", "Waiting", "CrashLoopBackOff", false, 3)
		c.Exited, c.ExitCode, c.RetryAt = true, 1, 85*time.Second // 15 s of an 80 s back-off left
		return pod(name, owner, ip, c, 0)
	}
	return snapshotAt(70*time.Second, []controller.PodView{barePod()},
		deployment(3, 1, rs(oldHash, "nginx:latest", 1, true, rsPods(s, oldHash, 3, 5, crashing)...)))
}

// killedBarePod is `kubectl delete pod example-pod` a moment later: the bare
// pod terminates (and nothing will replace it), while a killed Deployment pod
// already has a replacement starting.
func killedBarePod() *controller.Snapshot {
	snap := settled()
	snap.BarePods[0].Terminating = true
	snap.BarePods[0].Status = "Terminating"
	r := &snap.Deployments[0].ReplicaSets[0]
	r.Pods[1].Terminating = true
	r.Pods[1].Status = "Terminating"
	r.Pods = append(r.Pods, pod(r.Name+"-w9k2t", r.Name, "",
		nginx("nginx:latest", "Waiting", "ContainerCreating", false, 0), 13*time.Second))
	return snap
}

// manyPods is the Deployment scaled to n (1,000 in the goldens): a few
// still Pending and ContainerCreating at the end.
func manyPods(n int) *controller.Snapshot {
	s := newSuffixes()
	owner := depName + "-" + oldHash
	var pods []controller.PodView
	for i := 0; i < n; i++ {
		name := owner + "-" + s.next()
		switch {
		case i >= n-n/100:
			pods = append(pods, pod(name, owner, "", nginx("nginx:latest", "Waiting", "", false, 0), 0))
			pods[len(pods)-1].Status, pods[len(pods)-1].Containers[0].State = "Pending", "Waiting"
		case i >= n-n/50:
			pods = append(pods, pod(name, owner, "", nginx("nginx:latest", "Waiting", "ContainerCreating", false, 0), 0))
		default:
			pods = append(pods, readyPod(name, owner, fmt.Sprintf("10.244.%d.%d", i/250, i%250+2), "nginx:latest"))
		}
	}
	d := deployment(int32(n), 1, rs(oldHash, "nginx:latest", 1, true, pods...))
	d.Replicas = int32(n)
	d.RolloutStatus = fmt.Sprintf(`Waiting for deployment "example-deployment" rollout to finish: %d of %d updated replicas are available...`, d.AvailableReplicas, n)
	return snapshotAt(30*time.Second, []controller.PodView{barePod()}, d)
}

// sidecar is one replica of a pod with two containers, one with a long
// name, running two images: the line under the ReplicaSet's title and the
// pod box's container lines are long for a one-slot box.
func sidecar() *controller.Snapshot {
	s := newSuffixes()
	two := func(name, owner, ip string) controller.PodView {
		p := readyPod(name, owner, ip, "busybox:1.36")
		p.Containers[0].Name = "worker"
		side := nginx("nginx:1.27-alpine", "Running", "", true, 0)
		side.Name = "logging-sidecar"
		p.Containers = append(p.Containers, side)
		p.TotalContainers, p.ReadyContainers = 2, 2
		return p
	}
	r := rs(oldHash, "busybox:1.36", 1, true, rsPods(s, oldHash, 1, 5, two)...)
	r.Images = []string{"busybox:1.36", "nginx:1.27-alpine"}
	d := deployment(1, 1, r)
	d.Images = r.Images
	return snapshotAt(30*time.Second, nil, d)
}
