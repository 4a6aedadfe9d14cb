package program

import (
	"errors"
	"fmt"
	"net"
	"path"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// image is what the model knows of an image: its entrypoint and cmd (from
// the image's Dockerfile), files it ships that matter, and whether its
// tools are busybox's.
type image struct {
	entrypoint, cmd []string
	files           map[string]string
	busybox         bool
	known           bool
}

const nginxIndex = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n"

// images by repository name (the last path element, without tag or
// digest): registry.k8s.io/e2e-test-images/agnhost:2.40 is "agnhost".
var images = map[string]image{
	"nginx":     {entrypoint: []string{"/docker-entrypoint.sh"}, cmd: []string{"nginx", "-g", "daemon off;"}, files: map[string]string{"/usr/share/nginx/html/index.html": nginxIndex, "/usr/share/nginx/html/50x.html": "<h1>An error occurred.</h1>\n"}},
	"httpd":     {cmd: []string{"httpd-foreground"}, files: map[string]string{"/usr/local/apache2/htdocs/index.html": "<html><body><h1>It works!</h1></body></html>\n"}},
	"agnhost":   {entrypoint: []string{"/agnhost"}, cmd: []string{"pause"}},
	"goproxy":   {cmd: []string{"/goproxy"}},
	"etcd":      {cmd: []string{"/usr/local/bin/etcd"}},
	"pause":     {entrypoint: []string{"/pause"}},
	"busybox":   {cmd: []string{"sh"}, busybox: true},
	"alpine":    {cmd: []string{"/bin/sh"}, busybox: true},
	"debian":    {cmd: []string{"bash"}},
	"ubuntu":    {cmd: []string{"/bin/bash"}},
	"centos":    {cmd: []string{"/bin/bash"}},
	"fedora":    {cmd: []string{"/bin/bash"}},
	"redis":     {entrypoint: []string{"docker-entrypoint.sh"}, cmd: []string{"redis-server"}},
	"mysql":     {entrypoint: []string{"docker-entrypoint.sh"}, cmd: []string{"mysqld"}},
	"postgres":  {entrypoint: []string{"docker-entrypoint.sh"}, cmd: []string{"postgres"}},
	"memcached": {entrypoint: []string{"docker-entrypoint.sh"}, cmd: []string{"memcached"}},
}

// repoName is an image reference's repository name.
func repoName(ref string) string {
	if i := strings.IndexByte(ref, '@'); i >= 0 {
		ref = ref[:i]
	}
	name := path.Base(ref)
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[:i]
	}
	return name
}

func lookupImage(ref string) image {
	img, ok := images[repoName(ref)]
	img.known = ok
	return img
}

type serverSpec struct {
	what  string
	ports map[int]server
	warn  string
}

// serverFor recognises long-running servers by the binary run and its
// arguments.
func serverFor(bin string, args []string, img image) (serverSpec, bool) {
	switch bin {
	case "nginx":
		return serverSpec{what: "nginx serving /usr/share/nginx/html on :80", ports: map[int]server{80: {kind: static, docroot: "/usr/share/nginx/html"}}}, true
	case "httpd-foreground", "httpd", "apache2":
		return serverSpec{what: "httpd serving /usr/local/apache2/htdocs on :80", ports: map[int]server{80: {kind: static, docroot: "/usr/local/apache2/htdocs", listing: true}}}, true
	case "goproxy":
		return serverSpec{what: "goproxy (an HTTP proxy) on :8080", ports: map[int]server{8080: {kind: proxy}}}, true
	case "etcd":
		port := 2379
		for i, a := range args {
			v := ""
			switch {
			case strings.HasPrefix(a, "--listen-client-urls="):
				v = strings.TrimPrefix(a, "--listen-client-urls=")
			case a == "--listen-client-urls" && i+1 < len(args):
				v = args[i+1]
			}
			if v != "" {
				if _, p, err := net.SplitHostPort(strings.TrimPrefix(strings.TrimPrefix(strings.Split(v, ",")[0], "http://"), "https://")); err == nil {
					if n, err := strconv.Atoi(p); err == nil && n > 0 && n < 65536 {
						port = n
					}
				}
			}
		}
		return serverSpec{what: fmt.Sprintf("etcd serving clients (gRPC and HTTP) on :%d", port), ports: map[int]server{port: {kind: grpcHealth, grpc: true}}}, true
	case "pause":
		return serverSpec{what: "pause (sleeps until stopped)"}, true
	case "redis-server":
		return serverSpec{what: "redis on :6379", ports: map[int]server{6379: {kind: tcpOnly}}}, true
	case "mysqld":
		return serverSpec{what: "mysql on :3306", ports: map[int]server{3306: {kind: tcpOnly}}}, true
	case "postgres":
		return serverSpec{what: "postgres on :5432", ports: map[int]server{5432: {kind: tcpOnly}}}, true
	case "memcached":
		return serverSpec{what: "memcached on :11211", ports: map[int]server{11211: {kind: tcpOnly}}}, true
	case "agnhost":
		return agnhostServer(args)
	}
	if !img.known && !isShell(bin) && !builtin(bin) {
		return serverSpec{what: bin + " (not modelled: runs until stopped)",
			warn: fmt.Sprintf("the program %q is not modelled: the container runs until stopped, ", bin)}, true
	}
	return serverSpec{}, false
}

func agnhostServer(args []string) (serverSpec, bool) {
	if len(args) == 0 {
		return serverSpec{what: "agnhost (no subcommand: prints help and exits)"}, false
	}
	flag := func(name string, def int) int {
		for i, a := range args {
			if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
				if n, err := strconv.Atoi(v); err == nil {
					return n
				}
			}
			if a == "--"+name && i+1 < len(args) {
				if n, err := strconv.Atoi(args[i+1]); err == nil {
					return n
				}
			}
		}
		return def
	}
	switch args[0] {
	case "liveness":
		return serverSpec{what: "agnhost liveness: /healthz 200 for 10 s, then 500, on :8080", ports: map[int]server{8080: {kind: agnhostLiveness}}}, true
	case "netexec":
		port := flag("http-port", 8080)
		return serverSpec{what: fmt.Sprintf("agnhost netexec on :%d", port), ports: map[int]server{port: {kind: netexec}}}, true
	case "serve-hostname":
		port := flag("port", 9376)
		return serverSpec{what: fmt.Sprintf("agnhost serve-hostname on :%d", port), ports: map[int]server{port: {kind: serveHostname}}}, true
	case "test-webserver":
		port := flag("port", 80)
		return serverSpec{what: fmt.Sprintf("agnhost test-webserver on :%d", port), ports: map[int]server{port: {kind: static, docroot: "/"}}}, true
	case "grpc-health-checking":
		port := flag("port", 5000)
		return serverSpec{what: fmt.Sprintf("agnhost grpc-health-checking on :%d", port), ports: map[int]server{port: {kind: grpcHealth, grpc: true}}}, true
	case "pause":
		return serverSpec{what: "agnhost pause (sleeps until stopped)"}, true
	}
	return serverSpec{what: "agnhost " + args[0] + " (not modelled: runs until stopped)",
		warn: fmt.Sprintf("agnhost %s is not modelled: the container runs until stopped, ", args[0])}, true
}

// builtin reports whether the shell model runs bin as a command.
func builtin(bin string) bool {
	switch bin {
	case ":", "true", "false", "echo", "printf", "sleep", "cat", "touch", "rm", "mkdir", "test", "[", "exit",
		"tail", "date", "env", "printenv", "hostname", "pwd", "ls", "seq", "wget", "curl", "nc", "ping":
		return true
	}
	return false
}

// HTTPGet answers GET path on port: the status code and body, or an error
// when nothing listens (or the listener does not speak HTTP).
func (p *Program) HTTPGet(port int, reqPath string) (int, string, error) {
	s, ok := p.servers[port]
	if !ok || p.exited {
		return 0, "", errRefused
	}
	reqPath = "/" + strings.TrimPrefix(strings.SplitN(reqPath, "?", 2)[0], "/")
	switch s.kind {
	case static:
		return p.staticFile(s, reqPath)
	case agnhostLiveness:
		switch reqPath {
		case "/healthz":
			if d := p.now.Sub(p.start); d.Seconds() > 10 {
				return 500, fmt.Sprintf("error: %v", d.Seconds()), nil
			}
			return 200, "ok", nil
		case "/started":
			return 200, p.now.Sub(p.start).String(), nil
		}
		return 404, "404 page not found\n", nil
	case netexec:
		switch reqPath {
		case "/", "/healthz", "/echo", "/clientip", "/hostname", "/exit", "/shell", "/upload", "/dial", "/shutdown":
			if reqPath == "/hostname" {
				return 200, p.hostname, nil
			}
			return 200, fmt.Sprintf("NOW: %v", p.now.UTC()), nil
		}
		return 404, "404 page not found\n", nil
	case serveHostname:
		return 200, p.hostname, nil
	case proxy:
		return 500, "This is a proxy server. Does not respond to non-proxy requests.\n", nil
	case generic:
		return 200, "", nil
	case grpcHealth:
		if reqPath == "/health" {
			return 200, `{"health":"true","reason":""}`, nil
		}
		return 404, "404 page not found\n", nil
	}
	return 0, "", errMalformed
}

var (
	errRefused   = errors.New("connect: connection refused")
	errMalformed = errors.New("net/http: HTTP/1.x transport connection broken: malformed HTTP response")
)

func (p *Program) staticFile(s server, reqPath string) (int, string, error) {
	file := path.Join(s.docroot, reqPath)
	n, ok := p.fs.stat(file)
	if !ok {
		return 404, "<html>\r\n<head><title>404 Not Found</title></head>\r\n</html>\r\n", nil
	}
	if n.dir {
		idx := path.Join(file, "index.html")
		if data, err := p.fs.read(idx); err == nil {
			return 200, string(data), nil
		}
		if s.listing {
			names, _ := p.fs.list(file)
			return 200, "Index of " + reqPath + "\n" + strings.Join(names, "\n"), nil
		}
		return 403, "<html>\r\n<head><title>403 Forbidden</title></head>\r\n</html>\r\n", nil
	}
	data, _ := p.fs.read(file)
	return 200, string(data), nil
}

// TCPOpen reports whether something listens on port.
func (p *Program) TCPOpen(port int) bool {
	_, ok := p.servers[port]
	return ok && !p.exited
}

// fetchURL is wget/curl inside the container: the pod's own address (or
// localhost) reaches the pod's servers — only this process's here — and
// anything else is taken to answer with a placeholder page.
func (p *Program) fetchURL(url string) (string, error) {
	rest := url
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	hostport, reqPath, _ := strings.Cut(rest, "/")
	host, portStr, err := net.SplitHostPort(hostport)
	if err != nil {
		host, portStr = hostport, "80"
	}
	if host == "localhost" || host == "127.0.0.1" || (host == p.podIP && host != "") {
		port, _ := strconv.Atoi(portStr)
		code, body, err := p.HTTPGet(port, "/"+reqPath)
		if err != nil {
			return "", fmt.Errorf("can't connect to remote host (%s): Connection refused", host)
		}
		if code >= 400 {
			return "", fmt.Errorf("server returned error: HTTP/1.1 %d", code)
		}
		return body, nil
	}
	return fmt.Sprintf("<html><body>%s (fetched by podviz's model: no real network)</body></html>\n", url), nil
}

// ProbeAnswer runs a probe against the program at at, answering as
// upstream's probers do: success, or failure with the output the kubelet
// puts after "probe failed: " (pkg/probe/http, tcp, grpc, exec).
func (p *Program) ProbeAnswer(pr *corev1.Probe, at time.Time) (bool, string) {
	if at.After(p.now) {
		p.Advance(at)
	}
	timeout := time.Duration(max(pr.TimeoutSeconds, 1)) * time.Second
	ip := p.podIP
	if ip == "" {
		ip = "127.0.0.1"
	}
	switch {
	case pr.Exec != nil:
		code, out, timedOut := p.Exec(pr.Exec.Command, at, timeout)
		if timedOut {
			return false, fmt.Sprintf("command %q timed out", strings.Join(pr.Exec.Command, " "))
		}
		return code == 0, out
	case pr.HTTPGet != nil:
		port, err := p.port(pr.HTTPGet.Port.String())
		if err != nil {
			return false, err.Error()
		}
		host := pr.HTTPGet.Host
		if host == "" {
			host = ip
		}
		scheme := strings.ToLower(string(pr.HTTPGet.Scheme))
		if scheme == "" {
			scheme = "http"
		}
		url := fmt.Sprintf("%s://%s%s", scheme, net.JoinHostPort(host, strconv.Itoa(port)), "/"+strings.TrimPrefix(pr.HTTPGet.Path, "/"))
		code, _, err := p.HTTPGet(port, pr.HTTPGet.Path)
		if err != nil {
			if err == errRefused {
				return false, fmt.Sprintf("Get %q: dial tcp %s: %v", url, net.JoinHostPort(host, strconv.Itoa(port)), err)
			}
			return false, fmt.Sprintf("Get %q: %v", url, err)
		}
		if code >= 200 && code < 400 {
			return true, ""
		}
		return false, fmt.Sprintf("HTTP probe failed with statuscode: %d", code)
	case pr.TCPSocket != nil:
		port, err := p.port(pr.TCPSocket.Port.String())
		if err != nil {
			return false, err.Error()
		}
		if p.TCPOpen(port) {
			return true, ""
		}
		return false, fmt.Sprintf("dial tcp %s: %v", net.JoinHostPort(ip, strconv.Itoa(port)), errRefused)
	case pr.GRPC != nil:
		addr := net.JoinHostPort(ip, strconv.Itoa(int(pr.GRPC.Port)))
		s, ok := p.servers[int(pr.GRPC.Port)]
		switch {
		case !ok || p.exited:
			return false, fmt.Sprintf("timeout: failed to connect service %q within %v: context deadline exceeded", addr, timeout)
		case !s.grpc:
			return false, "error: health rpc probe failed: rpc error: code = Unavailable desc = connection closed before server preface received"
		}
		return true, ""
	}
	return false, ""
}

// port resolves a probe's port, a number or the name of a container port.
func (p *Program) port(s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n > 0 && n < 65536 {
			return n, nil
		}
		return 0, fmt.Errorf("invalid port number: %d", n)
	}
	if n, ok := p.namedPorts[s]; ok {
		return n, nil
	}
	return 0, fmt.Errorf("unable to find port %q", s)
}

// Runs reports whether the shell model runs bin as a command (kubectl exec
// refuses the others rather than pretend).
func Runs(bin string) bool { return builtin(bin) }
