# kubectl quotes an unknown flag; the quote must not drive the terminal (OSC 52 writes the clipboard).
kubectl scale deployment/example-deployment $'--\e]52;c;cHduZWQx\a'
