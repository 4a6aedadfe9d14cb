// Package cluster starts a real Kubernetes control plane inside a Go test,
// with nothing external at run time: embedded etcd on 127.0.0.1, the real
// kube-apiserver, upstream's deployment, replicaset, garbage-collector and
// service-account controllers and the real kube-scheduler, built from
// k8s.io/kubernetes as kube-controller-manager and kube-scheduler build
// them, and a small scripted kubelet (see Kubelet) in place of a node.
//
// Clients reach the API server through a TCP forwarder on a fixed loopback
// port with a static bearer token and the server's fixed self-signed
// certificate, so the API server can be stopped and started again under a
// running client (StopAPIServer, StartAPIServer) and the kubeconfig written
// by WriteKubeconfig stays valid, as a client of a real cluster sees a
// restarted control-plane node.
//
// For differential tests the cluster can run in lockstep, as
// ../shared/oracle does: the kubelet keeps pods Pending until ReadyBatch
// makes every pod that can become ready Ready at once, with the
// controllers' notifications held back until their caches hold the whole
// batch, and WaitQuiet waits until no component has written for a while.
package cluster
