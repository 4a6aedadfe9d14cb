# A name no object has is not found, and quoted escaped.
kubectl set image $'deployment/\e[2J' nginx=nginx:1.27
