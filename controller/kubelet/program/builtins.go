package program

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/syntax"
)

// sink is where a command's stdout or stderr goes.
type sink struct {
	kind   uint8 // 0 inherit, 1 file, 2 discard
	path   string
	append bool
	buf    strings.Builder
}

func (m *machine) call(s *syntax.Stmt) {
	e := expander{m}
	var assigns []*syntax.Assign
	var args []string
	switch x := s.Cmd.(type) {
	case *syntax.CallExpr:
		assigns = x.Assigns
		a, err := e.fields(x.Args)
		if err != nil {
			m.fail(err)
			return
		}
		args = a
	case *syntax.DeclClause:
		assigns = x.Args
	}
	m.status = 0
	for _, a := range assigns {
		if a.Append || a.Index != nil || a.Array != nil {
			m.block("this kind of assignment")
			return
		}
		val := ""
		if a.Value != nil {
			v, err := e.str(a.Value)
			if err != nil {
				m.fail(err)
				return
			}
			val = v
		} else if a.Naked {
			continue // export NAME
		}
		if a.Name != nil {
			m.setVar(a.Name.Value, val)
		}
	}
	if len(args) == 0 {
		return
	}
	if len(s.Redirs) == 0 {
		// Most commands redirect nothing: no sinks to make (two
		// allocations a step of a loop that never sleeps).
		m.command(args)
		return
	}
	out, errs := &sink{}, &sink{}
	for _, r := range s.Redirs {
		if !m.redirect(r, out, errs) {
			return
		}
	}
	saveCap, saveErr := m.capture, m.errOut
	if out.kind != 0 {
		m.capture = &out.buf
	}
	if errs.kind != 0 {
		m.errOut = &errs.buf
	}
	m.command(args)
	m.capture, m.errOut = saveCap, saveErr
	m.flush(out)
	m.flush(errs)
}

func (m *machine) redirect(r *syntax.Redirect, out, errs *sink) bool {
	fd := "1"
	if r.N != nil {
		fd = r.N.Value
	}
	target, err := expander{m}.str(r.Word)
	if err != nil {
		m.fail(err)
		return false
	}
	set := func(sk *sink, appendTo bool) {
		switch target {
		case "/dev/null":
			sk.kind = 2
		case "/dev/stdout", "/dev/stderr":
			sk.kind = 0
		default:
			sk.kind, sk.path, sk.append = 1, absPath(target), appendTo
		}
	}
	pick := map[string]*sink{"1": out, "2": errs}
	switch r.Op {
	case syntax.RdrOut, syntax.AppOut, syntax.ClbOut:
		sk := pick[fd]
		if sk == nil {
			m.block("a redirection of file descriptor " + fd)
			return false
		}
		set(sk, r.Op == syntax.AppOut)
	case syntax.RdrAll, syntax.AppAll:
		set(out, r.Op == syntax.AppAll)
		set(errs, r.Op == syntax.AppAll)
	case syntax.DplOut:
		src, dst := pick[fd], pick[target]
		if src == nil || dst == nil {
			if target == "-" {
				return true
			}
			m.block("the redirection " + fd + ">&" + target)
			return false
		}
		if dst == out && src == errs {
			*errs = sink{kind: out.kind, path: out.path, append: true}
		} else if dst == errs && src == out {
			*out = sink{kind: errs.kind, path: errs.path, append: true}
		}
	case syntax.RdrIn:
		if target != "/dev/null" {
			m.block("input redirection (<)")
			return false
		}
	default:
		m.block("the redirection " + r.Op.String())
		return false
	}
	return true
}

// flush writes a command's redirected output to its file, all at once so
// that `echo x > f` repeated leaves f as it was.
func (m *machine) flush(sk *sink) {
	if sk.kind != 1 {
		return
	}
	data := sk.buf.String()
	if err := m.p.fs.write(sk.path, []byte(data), sk.append); err != nil {
		m.stderr(fmt.Sprintf("sh: can't create %s: %v\n", sk.path, err))
		m.status = 1
		return
	}
	if sk.append && data != "" {
		m.record(effect{path: sk.path, data: data})
	}
}

// command runs one simple command of the subset.
func (m *machine) command(args []string) {
	name := path.Base(args[0])
	argv := args[1:]
	switch name {
	case ":", "true":
		m.status = 0
	case "false":
		m.status = 1
	case "echo":
		m.echo(argv)
	case "printf":
		m.printf(argv)
	case "sleep":
		m.sleep(argv)
	case "cat":
		m.cat(argv)
	case "touch":
		m.status = 0
		for _, f := range argv {
			if strings.HasPrefix(f, "-") {
				continue
			}
			if _, ok := m.p.fs.stat(f); !ok {
				if err := m.p.fs.write(f, nil, true); err != nil {
					m.stderr(fmt.Sprintf("touch: %s: %v\n", f, err))
					m.status = 1
				}
			}
		}
	case "rm":
		m.rm(argv)
	case "mkdir":
		m.mkdir(argv)
	case "test", "[":
		if name == "[" {
			if len(argv) == 0 || argv[len(argv)-1] != "]" {
				m.stderr("sh: missing ]\n")
				m.status = 2
				return
			}
			argv = argv[:len(argv)-1]
		}
		ok, err := m.test(argv, 0)
		if err != nil {
			if u, isU := err.(unsupportedError); isU {
				m.block(u.what)
				return
			}
			m.stderr("sh: " + err.Error() + "\n")
			m.status = 2
			return
		}
		m.status = int(b2i(!ok))
	case "exit":
		code := m.status
		if len(argv) > 0 {
			n, err := strconv.Atoi(argv[0])
			if err != nil {
				m.stderr("sh: exit: Illegal number: " + argv[0] + "\n")
				n = 2
			}
			code = n
		}
		m.exit(code)
	case "tail":
		m.tail(argv)
	case "date":
		if len(argv) > 0 && argv[0] == "+%s" {
			m.stdout(strconv.FormatInt(m.now.Unix(), 10) + "\n")
		} else {
			m.stdout(m.now.UTC().Format("Mon Jan _2 15:04:05 UTC 2006") + "\n")
		}
	case "env", "printenv", "export":
		if name == "printenv" && len(argv) > 0 {
			v, ok := m.vars[argv[0]]
			if !ok {
				m.status = 1
				return
			}
			m.stdout(v + "\n")
			return
		}
		keys := make([]string, 0, len(m.vars))
		for k := range m.vars {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if name == "export" {
				m.stdout("export " + k + "=" + strconv.Quote(m.vars[k]) + "\n")
			} else {
				m.stdout(k + "=" + m.vars[k] + "\n")
			}
		}
	case "hostname":
		m.stdout(m.p.hostname + "\n")
	case "pwd":
		m.stdout("/\n")
	case "cd", "set", "trap", "wait", "ulimit", "umask", "sync":
		// No effect the model can see: trap's handler would only matter
		// when the kubelet stops the container, wait has no jobs to wait for.
		m.status = 0
	case "ls":
		m.ls(argv)
	case "seq":
		m.seq(argv)
	case "wget", "curl":
		m.fetch(name, argv)
	case "nc", "netcat", "telnet":
		m.stderr(name + ": can't connect to remote host: Connection refused\n")
		m.status = 1
	case "ping", "yes", "top":
		m.forever = true // runs until stopped; nothing the model can see
	case "sh", "bash", "ash", "dash":
		m.block("a nested " + name)
	default:
		m.block("the command " + strconv.Quote(name))
	}
}

func (m *machine) echo(argv []string) {
	newline, escapes := true, false
	for len(argv) > 0 && len(argv[0]) > 1 && argv[0][0] == '-' && strings.Trim(argv[0][1:], "neE") == "" {
		for _, c := range argv[0][1:] {
			switch c {
			case 'n':
				newline = false
			case 'e':
				escapes = true
			case 'E':
				escapes = false
			}
		}
		argv = argv[1:]
	}
	s := strings.Join(argv, " ")
	if escapes {
		var stop bool
		s, stop = interpret(s)
		if stop {
			newline = false
		}
	}
	if newline {
		s += "\n"
	}
	m.stdout(s)
	m.status = 0
}

// interpret expands echo -e's and printf's backslash escapes; \c stops.
func interpret(s string) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\\':
			b.WriteByte('\\')
		case 'c':
			return b.String(), true
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String(), false
}

func (m *machine) printf(argv []string) {
	if len(argv) == 0 {
		m.stderr("printf: usage: printf FORMAT [ARGUMENT...]\n")
		m.status = 1
		return
	}
	format, args := argv[0], argv[1:]
	var b strings.Builder
	for round := 0; round < 100; round++ {
		used := 0
		for i := 0; i < len(format); i++ {
			c := format[i]
			if c == '\\' {
				j := i + 1
				if j < len(format) {
					s, _ := interpret(format[i : j+1])
					b.WriteString(s)
					i = j
					continue
				}
			}
			if c != '%' || i+1 == len(format) {
				b.WriteByte(c)
				continue
			}
			i++
			verb := format[i]
			arg := ""
			if verb != '%' && used < len(args) {
				arg = args[used]
				used++
			}
			switch verb {
			case '%':
				b.WriteByte('%')
			case 's', 'b':
				if verb == 'b' {
					arg, _ = interpret(arg)
				}
				b.WriteString(arg)
			case 'd', 'i':
				n, _ := strconv.ParseInt(arg, 10, 64)
				b.WriteString(strconv.FormatInt(n, 10))
			default:
				b.WriteByte('%')
				b.WriteByte(verb)
			}
		}
		args = args[used:]
		if used == 0 || len(args) == 0 {
			break
		}
	}
	m.stdout(b.String())
	m.status = 0
}

// parseSleep reads sleep's operands: numbers with an optional s, m, h or
// d suffix, summed; "infinity" sleeps forever.
func parseSleep(argv []string) (time.Duration, bool, error) {
	var total time.Duration
	for _, a := range argv {
		if a == "infinity" || a == "inf" {
			return 0, true, nil
		}
		unit := time.Second
		num := a
		if n := len(a); n > 0 {
			switch a[n-1] {
			case 's':
				num = a[:n-1]
			case 'm':
				num, unit = a[:n-1], time.Minute
			case 'h':
				num, unit = a[:n-1], time.Hour
			case 'd':
				num, unit = a[:n-1], 24*time.Hour
			}
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || f < 0 || f != f {
			return 0, false, fmt.Errorf("sleep: invalid number '%s'", a)
		}
		d := f * float64(unit)
		if d > float64(100*365*24*time.Hour) || total > 100*365*24*time.Hour {
			return 0, true, nil // longer than anyone will watch
		}
		total += time.Duration(d)
	}
	return total, false, nil
}

func (m *machine) sleep(argv []string) {
	if len(argv) == 0 {
		m.stderr("sleep: missing operand\n")
		m.status = 1
		return
	}
	d, forever, err := parseSleep(argv)
	switch {
	case err != nil:
		m.stderr(err.Error() + "\n")
		m.status = 1
	case forever:
		m.forever = true
	case d > 0:
		m.wake = m.now.Add(d)
		m.status = 0
	default:
		m.status = 0
	}
}

func (m *machine) cat(argv []string) {
	m.status = 0
	for _, f := range argv {
		if f == "-" || strings.HasPrefix(f, "-") && len(f) > 1 {
			continue
		}
		data, err := m.p.fs.read(f)
		if err != nil {
			m.stderr(m.p.errorLine("cat", f, err))
			m.status = 1
			continue
		}
		m.stdout(string(data))
	}
}

func (m *machine) rm(argv []string) {
	force, recursive := false, false
	m.status = 0
	for _, a := range argv {
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			force = force || strings.Contains(a, "f")
			recursive = recursive || strings.ContainsAny(a, "rR")
			continue
		}
		if err := m.p.fs.remove(a, recursive); err != nil {
			if err == errNotFound && force {
				continue
			}
			m.stderr(fmt.Sprintf("rm: can't remove '%s': %v\n", a, err))
			m.status = 1
		}
	}
}

func (m *machine) mkdir(argv []string) {
	parents := false
	m.status = 0
	for _, a := range argv {
		if a == "-p" || a == "--parents" {
			parents = true
			continue
		}
		if strings.HasPrefix(a, "-") {
			continue
		}
		if err := m.p.fs.mkdir(a, parents); err != nil {
			m.stderr(fmt.Sprintf("mkdir: can't create directory '%s': %v\n", a, err))
			m.status = 1
		}
	}
}

func (m *machine) tail(argv []string) {
	follow, lines := false, 10
	var files []string
	for i := 0; i < len(argv); i++ {
		a := argv[i]
		switch {
		case a == "-f" || a == "-F" || a == "--follow" || a == "--retry":
			follow = true
		case a == "-n" && i+1 < len(argv):
			i++
			lines = tailCount(argv[i])
		case strings.HasPrefix(a, "-n"):
			lines = tailCount(a[2:])
		case strings.HasPrefix(a, "-") && len(a) > 1:
			if strings.ContainsAny(a, "fF") {
				follow = true
			}
		default:
			files = append(files, a)
		}
	}
	for _, f := range files {
		data, err := m.p.fs.read(f)
		if err != nil {
			if !follow {
				m.stderr(m.p.errorLine("tail", f, err))
				m.status = 1
			}
			continue
		}
		ls := strings.SplitAfter(string(data), "\n")
		if len(ls) > 0 && ls[len(ls)-1] == "" {
			ls = ls[:len(ls)-1]
		}
		if lines >= 0 && len(ls) > lines {
			ls = ls[len(ls)-lines:]
		} else if lines < 0 && -lines-1 < len(ls) {
			ls = ls[-lines-1:]
		}
		m.stdout(strings.Join(ls, ""))
	}
	if follow {
		// Follows its files until stopped: Running, and nothing else
		// the model tracks changes.
		m.forever = true
		return
	}
	m.status = 0
}

// tailCount reads -n's argument; "+N" (from line N) is returned as -N.
func tailCount(s string) int {
	if strings.HasPrefix(s, "+") {
		n, _ := strconv.Atoi(s[1:])
		return -max(n, 1)
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 10
	}
	return n
}

func (m *machine) ls(argv []string) {
	dirs := []string{}
	for _, a := range argv {
		if !strings.HasPrefix(a, "-") {
			dirs = append(dirs, a)
		}
	}
	if len(dirs) == 0 {
		dirs = []string{"/"}
	}
	m.status = 0
	for _, d := range dirs {
		names, err := m.p.fs.list(d)
		if err != nil {
			m.stderr(m.p.errorLine("ls", d, err))
			m.status = 1
			continue
		}
		for _, n := range names {
			m.stdout(n + "\n")
		}
	}
}

func (m *machine) seq(argv []string) {
	nums := make([]int64, 0, 3)
	for _, a := range argv {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			m.stderr("seq: invalid number '" + a + "'\n")
			m.status = 1
			return
		}
		nums = append(nums, n)
	}
	first, step, last := int64(1), int64(1), int64(0)
	switch len(nums) {
	case 1:
		last = nums[0]
	case 2:
		first, last = nums[0], nums[1]
	case 3:
		first, step, last = nums[0], nums[1], nums[2]
	default:
		m.stderr("seq: missing operand\n")
		m.status = 1
		return
	}
	var b strings.Builder
	for i, n := 0, first; step != 0 && ((step > 0 && n <= last) || (step < 0 && n >= last)) && i < 10000; i, n = i+1, n+step {
		b.WriteString(strconv.FormatInt(n, 10))
		b.WriteByte('\n')
	}
	m.stdout(b.String())
	m.status = 0
}

// fetch is wget or curl: a URL on the pod's own address is answered by
// the pod's servers; any other is taken to succeed with a placeholder page
// (podviz has no network: the docs' examples fetch public pages that
// exist).
func (m *machine) fetch(name string, argv []string) {
	out, url := "", ""
	toStdout := false
	for i := 0; i < len(argv); i++ {
		a := argv[i]
		switch {
		case a == "-O" || a == "-o" || a == "--output-document" || a == "--output":
			if i+1 < len(argv) {
				i++
				out = argv[i]
			}
		case strings.HasPrefix(a, "-qO") || strings.HasPrefix(a, "-O"):
			out = strings.TrimPrefix(strings.TrimPrefix(a, "-q"), "-O")
		case strings.HasPrefix(a, "-"):
		default:
			url = a
		}
	}
	if out == "-" || (name == "curl" && out == "") {
		toStdout = true
	}
	if url == "" {
		m.stderr(name + ": missing URL\n")
		m.status = 1
		return
	}
	body, err := m.p.fetchURL(url)
	if err != nil {
		m.stderr(name + ": " + err.Error() + "\n")
		m.status = map[string]int{"wget": 1, "curl": 7}[name]
		return
	}
	if toStdout {
		m.stdout(body)
		m.status = 0
		return
	}
	if out == "" {
		out = path.Base(strings.TrimSuffix(url, "/"))
		if out == "" || strings.Contains(out, ":") {
			out = "index.html"
		}
	}
	if err := m.p.fs.write(out, []byte(body), false); err != nil {
		m.stderr(fmt.Sprintf("%s: can't open '%s': %v\n", name, out, err))
		m.status = 1
		return
	}
	m.status = 0
}

// test is the test/[ builtin over its operands.
func (m *machine) test(a []string, depth int) (bool, error) {
	if depth > maxDepth {
		return false, unsupportedError{"a test nested this deep"}
	}
	for i, x := range a {
		if (x == "-o" || x == "-a") && i > 0 && i < len(a)-1 {
			// -o binds looser than -a; split at the first -o, else -a.
			if x == "-a" && strings.Contains(strings.Join(a[i:], " "), " -o ") {
				continue
			}
			l, err := m.test(a[:i], depth+1)
			if err != nil {
				return false, err
			}
			if (x == "-o") == l {
				return l, nil
			}
			return m.test(a[i+1:], depth+1)
		}
	}
	switch len(a) {
	case 0:
		return false, nil
	case 1:
		return a[0] != "", nil
	case 2:
		if a[0] == "!" {
			return a[1] == "", nil
		}
		return m.unaryTest(a[0], a[1])
	case 3:
		if a[0] == "!" {
			v, err := m.test(a[1:], depth+1)
			return !v, err
		}
		if a[0] == "(" && a[2] == ")" {
			return a[1] != "", nil
		}
		return binaryTest(a[1], a[0], a[2])
	}
	if a[0] == "!" {
		v, err := m.test(a[1:], depth+1)
		return !v, err
	}
	return false, unsupportedError{"the test " + strings.Join(a, " ")}
}
