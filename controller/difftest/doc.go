// Package difftest holds the differential test of podviz's controllers
// against upstream's: random scenarios run through podviz in-process and
// through the oracle (../shared/oracle, the unmodified Kubernetes deployment
// and replicaset controllers), comparing the ScalingReplicaSet moves. The
// test is skipped unless PODVIZ_ORACLE names the oracle binary.
package difftest
