# A newline would split a table row in two.
kubectl set image deployment/example-deployment nginx=$'nginx:1.27\nfake row'
