# The same for an unknown shorthand flag (CSI: colour).
kubectl get pods $'-\e[31mx'
