# A label selector is parsed as the API server parses it, with its words.
kubectl delete pod -l $'app=\e[31m'
