// Package difftest holds the differential test of podviz's controllers
// against upstream's: random scenarios, biased to the cases that are easy to
// get wrong (scaling a stuck or paused rollout, undo while surging, deleting
// pods mid-rollout, percentages that round), run through podviz in-process
// and through the oracle (../shared/oracle, the unmodified Kubernetes
// deployment and replicaset controllers). The ScalingReplicaSet moves, the
// end states and what each kubectl step printed must match exactly; see
// compare for the one documented exception. The test is skipped unless
// PODVIZ_ORACLE names the oracle binary.
package difftest
