// Package difftest holds the second differential test: the same
// scenarios run through podviz's simulation and through a real control
// plane in-process (../cluster: the real kube-apiserver, upstream's
// controllers, scheduler and garbage collector), with the kubectl commands
// made as kubectl makes them (podviz/source/kube/realkubectl), comparing the
// ScalingReplicaSet moves and end states as podviz/controller/difftest
// compares podviz with ../shared/oracle.
package difftest
