# An escape sequence in an image would reach every table and event that shows it.
kubectl set image deployment/example-deployment nginx=$'nginx:\e[31m1.27'
