// Package program is what a container's process does, deterministically on
// the virtual clock: the behaviour of well-known images (web servers that
// serve their document root, agnhost's liveness and netexec, goproxy,
// etcd, …) and shell scripts (`sh -c …`) in the subset the Kubernetes
// docs use, parsed with mvdan.cc/sh and interpreted as a resumable step
// machine. Each container has a simulated filesystem in which the pod's
// volumes are shared.
//
// A Program is advanced to an instant and says what it is then (running,
// or exited with a code) and the next instant at which anything a probe
// or the kubelet can see may change. A loop that settles into doing the
// same thing every period is fast-forwarded in closed form and asks for no
// wake-ups; a loop that never sleeps is a container burning CPU: it stays
// Running and the model stops following it until a file it can see
// changes. Anything outside the subset makes the process sleep forever,
// with a one-time warning that names it.
package program

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"mvdan.cc/sh/v3/syntax"
)

// Spec is what the model needs of a container.
type Spec struct {
	Image      string
	Command    []string
	Args       []string
	Env        map[string]string
	Mounts     []Mount
	Hostname   string         // the pod's name
	PodIP      string         // for probe messages and the pod's own URLs
	NamedPorts map[string]int // containerPort by name, for probes that name a port
	// Ports are the container's declared TCP containerPorts: a program the
	// model does not know is taken to serve on them (see generic).
	Ports []int
}

// SpecOf reads a container of a pod: vols are the pod's volumes by name
// (volumes of kinds the model does not fill are empty directories).
func SpecOf(c *corev1.Container, vols map[string]*Volume, hostname, podIP string) Spec {
	s := Spec{Image: c.Image, Command: c.Command, Args: c.Args, Hostname: hostname, PodIP: podIP,
		Env: map[string]string{}, NamedPorts: map[string]int{}}
	for _, e := range c.Env {
		if e.ValueFrom == nil {
			s.Env[e.Name] = e.Value
		}
	}
	for _, m := range c.VolumeMounts {
		if v := vols[m.Name]; v != nil {
			s.Mounts = append(s.Mounts, Mount{Path: m.MountPath, Volume: v, ReadOnly: m.ReadOnly})
		}
	}
	for _, p := range c.Ports {
		if p.Name != "" {
			s.NamedPorts[p.Name] = int(p.ContainerPort)
		}
		if (p.Protocol == "" || p.Protocol == corev1.ProtocolTCP) && p.ContainerPort > 0 && p.ContainerPort < 65536 {
			s.Ports = append(s.Ports, int(p.ContainerPort))
		}
	}
	return s
}

// Status is a program at an instant.
type Status struct {
	Exited   bool
	ExitCode int
	// Next is the next instant at which the program's state, a file's
	// presence or contents (other than growing), an open port or an
	// answer it gives can change by itself; zero means never.
	Next time.Time
}

type serverKind uint8

const (
	static          serverKind = iota // files from a document root
	agnhostLiveness                   // /healthz 200 for 10 s, then 500
	netexec
	serveHostname
	proxy // goproxy: answers non-proxy requests with 500
	grpcHealth
	tcpOnly // a server that speaks something other than HTTP
	// generic: a program the model does not know, on a port its container
	// declares. It answers every HTTP path with 200, accepts TCP and
	// reports SERVING over gRPC, so that a user's own image with probes
	// on its declared ports behaves like a healthy server rather than
	// failing them for want of a model.
	generic
)

type server struct {
	kind    serverKind
	docroot string
	listing bool // a directory without index.html is listed (httpd), not 403 (nginx)
	grpc    bool
}

// Program is one run of a container's process.
type Program struct {
	fs         *fs
	env        map[string]string
	hostname   string
	podIP      string
	namedPorts map[string]int
	declared   []int
	busybox    bool // error messages in busybox's words, else coreutils'
	start      time.Time
	now        time.Time

	sh      *machine
	servers map[int]server

	exited bool
	code   int

	// everyStep turns off the spinning loops' shortcut, for the test that
	// checks the shortcut against interpreting every step.
	everyStep bool

	warnings []string
	warned   map[string]bool
	logs     []string
	partial  string
	// What is a one-line description of what the process is ("nginx
	// serving on :80", "sh -c 'while true; …'").
	What string
}

const (
	maxLogLines = 100
	maxLogLine  = 512
)

// Start starts the process at at. The container's own filesystem starts
// afresh (a restarted container loses what it wrote outside its volumes).
func Start(s Spec, at time.Time) *Program {
	p := &Program{env: s.Env, hostname: s.Hostname, podIP: s.PodIP, namedPorts: s.NamedPorts, declared: s.Ports,
		start: at, now: at, servers: map[int]server{}, warned: map[string]bool{}}
	if p.env == nil {
		p.env = map[string]string{}
	}
	if _, ok := p.env["HOSTNAME"]; !ok && s.Hostname != "" {
		p.env["HOSTNAME"] = s.Hostname
	}
	defer p.contain()
	img := lookupImage(s.Image)
	p.busybox = img.busybox
	root := NewVolume("")
	for f, data := range img.files {
		_ = newFS(root, nil).write(f, []byte(data), false)
	}
	p.fs = newFS(root, s.Mounts)
	argv := effectiveArgv(img, s.Command, s.Args)
	p.launch(img, argv)
	return p
}

// Idle reports whether a container of image, run with its own entrypoint
// (no command, no args), is a server the model knows that listens forever
// and changes nothing by itself: its Program can be started later, when
// something looks at it, with the same result.
func Idle(image string, command, args []string) bool {
	if len(command) > 0 || len(args) > 0 {
		return false
	}
	img := lookupImage(image)
	if !img.known {
		return false
	}
	argv := effectiveArgv(img, nil, nil)
	for len(argv) > 1 && (path.Base(argv[0]) == "docker-entrypoint.sh" || path.Base(argv[0]) == "tini" || argv[0] == "--") {
		argv = argv[1:]
	}
	if len(argv) == 0 {
		return false
	}
	srv, ok := serverFor(path.Base(argv[0]), argv[1:], img)
	return ok && srv.warn == "" && len(srv.ports) > 0
}

// effectiveArgv is what the runtime execs: command (or the image's
// entrypoint) followed by args (or, without a command, the image's cmd).
func effectiveArgv(img image, command, args []string) []string {
	var argv []string
	if len(command) > 0 {
		argv = append(argv, command...)
		argv = append(argv, args...)
		return argv
	}
	argv = append(argv, img.entrypoint...)
	if len(args) > 0 {
		return append(argv, args...)
	}
	return append(argv, img.cmd...)
}

func (p *Program) launch(img image, argv []string) {
	// Entrypoint wrappers exec their arguments.
	for len(argv) > 1 && (path.Base(argv[0]) == "docker-entrypoint.sh" || path.Base(argv[0]) == "tini" || argv[0] == "--") {
		argv = argv[1:]
	}
	if len(argv) == 0 && !img.known {
		// The image's own entrypoint, which the model does not know.
		p.What = "the image's entrypoint (not modelled: runs until stopped)"
		p.warnOnce("image", "the image's entrypoint is not modelled: the container runs until stopped, "+p.serveDeclared())
		p.sh = &machine{p: p, forever: true}
		return
	}
	if len(argv) == 0 {
		p.What = "nothing to run"
		p.exit(0)
		return
	}
	bin := path.Base(argv[0])
	if srv, ok := serverFor(bin, argv[1:], img); ok {
		p.What = srv.what
		for port, s := range srv.ports {
			p.servers[port] = s
		}
		if len(srv.ports) == 0 && srv.warn != "" {
			p.warnOnce(srv.warn, srv.warn+p.serveDeclared())
		}
		p.sh = &machine{p: p, forever: true}
		return
	}
	if isShell(bin) {
		if len(argv) < 3 || argv[1] != "-c" {
			// A shell with no script reads stdin, which a container
			// does not have unless stdin is set: it exits at once.
			p.What = bin + " (no script: exits at once)"
			p.exit(0)
			return
		}
		p.What = bin + " -c " + strconv.Quote(oneLine(argv[2]))
		p.script(argv[2], append([]string{bin}, argv[3:]...))
		return
	}
	// Any other command runs as a one-command script, so sleep, test, cat,
	// tail -f … behave as they do in sh.
	p.What = strings.Join(argv, " ")
	p.script(quoteArgv(argv), []string{bin})
}

// serveDeclared makes an unmodelled program serve its container's declared
// ports (generic) and says so, for the warning.
func (p *Program) serveDeclared() string {
	for _, port := range p.declared {
		if _, ok := p.servers[port]; !ok {
			p.servers[port] = server{kind: generic, grpc: true}
		}
	}
	if len(p.servers) == 0 {
		return "listening on nothing"
	}
	return "answering on its declared ports as a healthy server"
}

func isShell(bin string) bool {
	switch bin {
	case "sh", "bash", "ash", "dash", "zsh":
		return true
	}
	return false
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

func quoteArgv(argv []string) string {
	q := make([]string, len(argv))
	for i, a := range argv {
		s, err := syntax.Quote(a, syntax.LangBash)
		if err != nil {
			s = "'" + strings.ReplaceAll(a, "'", "") + "'"
		}
		q[i] = s
	}
	return strings.Join(q, " ")
}

// parse parses a script from a manifest, bounded in size.
func parse(script string) (*syntax.File, error) {
	if len(script) > MaxScriptBytes {
		return nil, fmt.Errorf("script longer than %d bytes", MaxScriptBytes)
	}
	return syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(script), "")
}

// compiled caches scripts by source: parsing and compiling is most of a
// script container's start, and every pod of a Deployment runs the same
// script. The instructions and the syntax tree they point into are never
// written after compile, so programs share them. Bounded: past
// maxCompiled distinct scripts, new ones are compiled each time.
var compiled = struct {
	sync.Mutex
	m map[string]compiledScript
}{m: map[string]compiledScript{}}

type compiledScript struct {
	code []inst
	err  error
}

const maxCompiled = 256

func compileCached(src string) ([]inst, error) {
	compiled.Lock()
	c, ok := compiled.m[src]
	compiled.Unlock()
	if ok {
		return c.code, c.err
	}
	f, err := parse(src)
	if err == nil {
		c.code = compile(f)
	}
	c.err = err
	compiled.Lock()
	if len(compiled.m) < maxCompiled {
		compiled.m[src] = c
	}
	compiled.Unlock()
	return c.code, c.err
}

func (p *Program) script(src string, args []string) {
	code, err := compileCached(src)
	if err != nil {
		// A real shell prints its syntax error and exits 2.
		p.log("sh: syntax error: " + err.Error() + "\n")
		p.warnOnce("syntax", "sh: the script does not parse ("+err.Error()+"): the container exits 2")
		p.exit(2)
		return
	}
	p.sh = newMachine(p, code, args, p.start)
}

func (p *Program) exit(code int) {
	p.exited, p.code = true, code&0xff
}

// Advance runs the program up to t.
func (p *Program) Advance(t time.Time) Status {
	defer p.contain()
	if t.After(p.now) {
		p.now = t
	}
	if !p.exited && p.sh != nil && !p.sh.forever {
		budget := stepBudget
		p.sh.run(p.now, &budget)
		if p.sh.exited {
			p.exit(p.sh.code0)
		}
	}
	p.warnFull()
	return p.status()
}

// warnFull says once of each volume the container sees that it is full:
// what was written past the bounds was counted, not kept.
func (p *Program) warnFull() {
	if p.fs == nil {
		return
	}
	if p.fs.root.full && !p.warned["full:"] {
		p.warnOnce("full:", fmt.Sprintf("the container's own filesystem is full in podviz's model (%d KiB of contents, %d files): what is written past that counts in a file's size but is not kept", MaxVolumeBytes>>10, MaxVolumeFiles))
	}
	for _, m := range p.fs.mounts {
		if v := m.Volume; v.full && !p.warned["full:"+v.Name] {
			p.warnOnce("full:"+v.Name, fmt.Sprintf("volume %q is full in podviz's model (%d KiB of contents, %d files): what is written past that counts in a file's size but is not kept", v.Name, MaxVolumeBytes>>10, MaxVolumeFiles))
		}
	}
}

// Status is the program as of its last Advance, without running it.
func (p *Program) Status() Status { return p.status() }

func (p *Program) status() Status {
	if p.exited {
		return Status{Exited: true, ExitCode: p.code}
	}
	var next time.Time
	m := p.sh
	if m != nil && !m.done() && !m.busy && m.steady == nil && !m.inSteady && !m.wake.IsZero() {
		next = m.wake
	}
	for _, s := range p.servers {
		if s.kind == agnhostLiveness {
			if turn := p.start.Add(10 * time.Second).Add(1); p.now.Before(turn) && (next.IsZero() || turn.Before(next)) {
				next = turn
			}
		}
	}
	return Status{Next: next}
}

// contain turns a bug in the model into a container that sleeps forever
// with a warning, rather than a crash of podviz (the script came from a
// user's manifest). The fuzz test fails on this warning.
func (p *Program) contain() {
	if r := recover(); r != nil {
		p.warnOnce("internal", fmt.Sprintf("internal error in podviz's container model (%v): the container runs as if it slept forever", r))
		p.sh = &machine{p: p, forever: true}
		if p.fs == nil {
			p.fs = newFS(NewVolume(""), nil)
		}
	}
}

// Kill stops the process (the kubelet killed the container).
func (p *Program) Kill(code int) {
	if !p.exited {
		p.exit(code)
	}
}

// Running reports whether the process has not exited.
func (p *Program) Running() bool { return !p.exited }

// Warnings returns the warnings not yet returned: each names something the
// model did not understand, once.
func (p *Program) Warnings() []string {
	w := p.warnings
	p.warnings = nil
	return w
}

func (p *Program) warnOnce(key, msg string) {
	if p.warned[key] {
		return
	}
	p.warned[key] = true
	p.warnings = append(p.warnings, msg)
}

// Logs is the tail of what the process wrote to stdout and stderr.
func (p *Program) Logs() []string {
	out := append([]string(nil), p.logs[max(len(p.logs)-maxLogLines, 0):]...)
	if p.partial != "" {
		out = append(out, p.partial)
	}
	return out
}

func (p *Program) log(s string) {
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			p.partial += s
			if len(p.partial) > maxLogLine {
				p.partial = p.partial[:maxLogLine]
			}
			return
		}
		line := p.partial + s[:i]
		p.partial = ""
		s = s[i+1:]
		if len(line) > maxLogLine {
			line = line[:maxLogLine]
		}
		p.logs = append(p.logs, line)
		if len(p.logs) >= 2*maxLogLines {
			// Dropped in halves, not a line at a time: a loop logging
			// fast pays O(1) a line, not a copy of the tail.
			p.logs = append(p.logs[:0], p.logs[len(p.logs)-maxLogLines:]...)
		}
	}
}

// logRepeat logs s n times, keeping the tail that logging it n times one
// by one keeps. Past a bound the tail no longer depends on n: with a
// newline in s, once maxLogLines+2 copies are in, every kept line is a
// whole line of the later copies (each copy ends where the last one did);
// without one, the partial line is full (maxLogLine) after
// maxLogLine/len(s)+1 copies.
func (p *Program) logRepeat(s string, n int64) {
	if s == "" {
		return
	}
	bound := int64(maxLogLines + 2)
	if !strings.Contains(s, "\n") {
		bound = int64(maxLogLine/len(s) + 2)
	}
	for range min(n, bound) {
		p.log(s)
	}
}

// errorLine is a file error in the image's words: busybox "cat: can't
// open 'x': No such file or directory", coreutils "cat: x: No such file or
// directory".
func (p *Program) errorLine(cmd, file string, err error) string {
	if p.busybox && cmd == "cat" {
		return fmt.Sprintf("%s: can't open '%s': %v\n", cmd, file, err)
	}
	if p.busybox {
		return fmt.Sprintf("%s: %s: %v\n", cmd, file, err)
	}
	return fmt.Sprintf("%s: %s: %v\n", cmd, file, err)
}

// Ports lists the ports the process listens on, sorted.
func (p *Program) Ports() []int {
	if p.exited {
		return nil
	}
	var ports []int
	for port := range p.servers {
		ports = append(ports, port)
	}
	sort.Ints(ports)
	return ports
}

// Volume reads the container's view of a file: for tests and `kubectl
// exec cat`.
func (p *Program) ReadFile(name string) (string, bool) {
	data, err := p.fs.read(name)
	return string(data), err == nil
}

// Exec runs argv in the container at at, as `kubectl exec` or an exec
// probe does, with timeout (zero: none); it returns the exit code and the
// combined output. A command that would outlast its timeout reports it.
func (p *Program) Exec(argv []string, at time.Time, timeout time.Duration) (code int, out string, timedOut bool) {
	defer func() {
		if r := recover(); r != nil {
			p.warnOnce("internal", fmt.Sprintf("internal error in podviz's container model (%v)", r))
			code, out, timedOut = 126, "", false
		}
	}()
	if len(argv) == 0 {
		return 126, "", false
	}
	src := quoteArgv(argv)
	args := []string{path.Base(argv[0])}
	if isShell(path.Base(argv[0])) && len(argv) >= 3 && argv[1] == "-c" {
		src, args = argv[2], append([]string{argv[0]}, argv[3:]...)
	}
	f, err := parse(src)
	if err != nil {
		return 2, "sh: syntax error: " + err.Error() + "\n", false
	}
	m := newMachine(p, compile(f), args, at)
	var buf strings.Builder
	m.capture, m.errOut = &buf, &buf
	deadline := at.Add(timeout)
	if timeout <= 0 {
		deadline = at.Add(time.Hour)
	}
	budget := stepBudget
	m.run(deadline, &budget)
	p.warnFull()
	if !m.exited {
		return -1, buf.String(), true
	}
	return m.code0, buf.String(), false
}

// AdvanceAll advances the programs of one pod together to t, in time
// order, so that what one writes to a shared volume the others see at the
// instant it is written (a busy or steady loop waiting on it notices at
// once). It returns the earliest Next of the programs (zero: never).
func AdvanceAll(progs []*Program, t time.Time) time.Time {
	for range 10000 {
		w := earliestNext(progs)
		if w.IsZero() || w.After(t) {
			break
		}
		advanceAt(progs, w)
	}
	advanceAt(progs, t)
	return earliestNext(progs)
}

func earliestNext(progs []*Program) time.Time {
	var next time.Time
	for _, p := range progs {
		if n := p.status().Next; !n.IsZero() && (next.IsZero() || n.Before(next)) {
			next = n
		}
	}
	return next
}

// advanceAt advances every program to w, again while a pass changed a
// filesystem that another program may be waiting on.
func advanceAt(progs []*Program, w time.Time) {
	for range 8 {
		before := worldVersion(progs)
		for _, p := range progs {
			p.Advance(w)
		}
		if worldVersion(progs) == before {
			return
		}
	}
}

func worldVersion(progs []*Program) uint64 {
	var v uint64
	for _, p := range progs {
		v += p.fs.version()
	}
	return v
}
