# A carriage return would let an image overwrite its own table row.
kubectl set image deployment/example-deployment nginx=$'nginx:1.27\rnginx:latest'
