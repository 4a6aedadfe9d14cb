# The pod budget (model.MaxPods) holds at every apply: the manifest fits alone, not beside the example.
kubectl apply -f testdata/invalid/kubectl/big-deployment.yaml
