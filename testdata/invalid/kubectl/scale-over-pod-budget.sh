# The pod budget (model.MaxPods) holds at every scale: 100,000 replicas + 25,000 surge.
kubectl scale deployment/example-deployment --replicas=100000
