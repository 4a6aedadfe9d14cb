# kubectl refuses a negative revision (upstream RolloutHistoryOptions.Validate).
kubectl rollout history deployment/example-deployment --revision=-1
