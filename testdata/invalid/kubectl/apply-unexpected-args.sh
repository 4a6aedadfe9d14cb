# Words that are not flags, quoted escaped.
kubectl apply -f web.yaml $'\e]0;title\a'
