package program

import (
	"path"
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/syntax"
)

// stepBudget bounds the instructions one Advance interprets. A loop that
// spends it without the virtual clock moving is a busy loop: a real
// container burns CPU in it forever (Running), and the model stops
// interpreting it until something it can see changes. A loop whose turns
// change nothing it can read spends the budget in O(1) (see spinning):
// only a loop whose variables change on every turn (a counter that never
// sleeps) pays for its steps one by one.
const stepBudget = 20000

type iter struct {
	items []string
	i     int
}

// effect is an observable thing an iteration of a loop did that does not
// change the filesystem's shape: an append to a file, a line to the log.
type effect struct {
	path string // "" for the container's log
	data string
}

// loopRec is what the machine remembers of a loop head's last visit, to
// tell when the loop has settled into doing the same thing every period.
type loopRec struct {
	at       time.Time
	period   time.Duration
	vars     uint64
	fsVer    uint64
	effects  []effect
	repeated bool // the last two iterations were alike

	// What else a turn that takes no time must leave as it was for the
	// next one to do exactly the same (spinning).
	steps  uint64 // the machine's step count at the visit
	status int    // $? at the loop head (a condition may read it)
	depth  int    // for loops open around it
	out    int    // output captured so far (an exec probe's, a $(…))
	reads  uint64 // the filesystem's content reads so far
}

type machine struct {
	p      *Program
	code   []inst
	pc     int
	status int
	vars   map[string]string
	varVer uint64
	iters  []iter
	args   []string // $0 $1 …

	now     time.Time
	wake    time.Time // sleeping until (zero: not sleeping)
	forever bool      // blocked for good (tail -f, sleep infinity, something not understood)
	exited  bool
	code0   int

	// capture collects stdout instead of logging it (command substitution,
	// exec probes).
	capture *strings.Builder
	errOut  *strings.Builder

	// Steady loops: once an iteration of a loop repeats its predecessor
	// exactly, the machine fast-forwards whole iterations in O(1).
	loops   map[int]*loopRec
	effects []effect
	steady  *loopRec
	steadyP int // pc of the steady loop's head

	// inSteady: interpreting the partial iteration of a steady loop; the
	// machine's own wake-ups change nothing anyone waits for.
	inSteady    bool
	effOverflow bool

	busy      bool // stopped in a busy loop at now
	busyFSVer uint64

	// steps counts the instructions interpreted; spin, when not zero, is
	// the length in steps of a loop's turn that the loop head just found
	// will repeat for ever at this instant, with spinEffects its effects
	// (run then spends the budget on whole turns in O(1)).
	steps       uint64
	spin        uint64
	spinEffects []effect
}

func newMachine(p *Program, code []inst, args []string, now time.Time) *machine {
	m := &machine{p: p, code: code, vars: map[string]string{}, args: args, now: now, loops: map[int]*loopRec{}}
	for k, v := range p.env {
		m.vars[k] = v
	}
	return m
}

func (m *machine) lookup(name string) string {
	switch name {
	case "?":
		return strconv.Itoa(m.status)
	case "$":
		return "1"
	case "#":
		return strconv.Itoa(max(len(m.args)-1, 0))
	case "@", "*":
		if len(m.args) > 1 {
			return strings.Join(m.args[1:], " ")
		}
		return ""
	}
	if name == "" || name[0] < '0' || name[0] > '9' {
		// A name, not a positional parameter: Atoi's error would cost
		// an allocation on every lookup.
		return m.vars[name]
	}
	if n, err := strconv.Atoi(name); err == nil {
		if n >= 0 && n < len(m.args) {
			return m.args[n]
		}
		return ""
	}
	return m.vars[name]
}

func (m *machine) setVar(name, value string) {
	if old, ok := m.vars[name]; ok && old == value {
		return
	}
	if len(value) > 4096 {
		value = value[:4096]
	}
	if len(m.vars) >= 256 {
		if _, ok := m.vars[name]; !ok {
			return
		}
	}
	m.vars[name] = value
	m.varVer++
}

// done reports whether the machine can make no more progress by itself.
func (m *machine) done() bool { return m.exited || m.forever }

// run interprets until the machine sleeps past until, exits, blocks for
// good, or spends budget.
func (m *machine) run(until time.Time, budget *int) {
	for !m.done() {
		if m.busy {
			if m.p.fs.version() == m.busyFSVer {
				return
			}
			m.busy = false
		}
		if !m.wake.IsZero() {
			if m.wake.After(until) {
				return
			}
			m.now, m.wake = m.wake, time.Time{}
		}
		if m.steady != nil {
			if !m.fastForward(until) {
				return
			}
		}
		if m.pc >= len(m.code) {
			m.exit(m.status)
			return
		}
		if *budget <= 0 {
			m.busy, m.busyFSVer = true, m.p.fs.version()
			m.p.warnOnce("busy", "a loop that never sleeps: the container burns CPU in it (Running) and the model stops following it until a file it can see changes")
			return
		}
		*budget--
		m.steps++
		m.step()
		if m.spin > 0 {
			m.spend(budget)
		}
	}
}

// spend applies as many whole turns of a spinning loop as the budget
// holds, at once: their effects n times (a line logged n times, a file
// grown by n appends, both capped as interpreting would cap them), and the
// budget less their steps. What is left of the budget, less than one
// turn, is interpreted as before, so the machine stops at the very
// instruction, with the very files and log, that interpreting every step
// would have reached.
func (m *machine) spend(budget *int) {
	turn := m.spin
	m.spin = 0
	n := int64(uint64(*budget) / turn)
	if n <= 0 {
		return
	}
	*budget -= int(uint64(n) * turn)
	m.steps += uint64(n) * turn
	m.applyEffects(m.spinEffects, n)
}

func (m *machine) exit(code int) {
	m.exited, m.code0 = true, code&0xff
}

func (m *machine) step() {
	in := &m.code[m.pc]
	m.pc++
	switch in.op {
	case opJmp:
		m.pc = in.arg
	case opJmpIf0:
		if m.status == 0 {
			m.pc = in.arg
		}
	case opJmpIfNot0:
		if m.status != 0 {
			m.pc = in.arg
		}
	case opNot:
		m.status = int(b2i(m.status == 0))
	case opStatus0:
		m.status = 0
	case opUnsupported:
		m.block(in.text)
	case opLoopHead:
		m.loopHead(m.pc - 1)
	case opForInit:
		items, err := expander{m}.fields(in.words)
		if err != nil {
			m.fail(err)
			return
		}
		if len(m.iters) >= maxDepth {
			m.block("for loops nested this deep")
			return
		}
		m.iters = append(m.iters, iter{items: items})
	case opForNext:
		it := &m.iters[len(m.iters)-1]
		if it.i >= len(it.items) {
			m.iters = m.iters[:len(m.iters)-1]
			m.pc = in.arg
			return
		}
		m.setVar(in.name, it.items[it.i])
		it.i++
	case opForPop:
		m.iters = m.iters[:len(m.iters)-1]
	case opCall:
		m.call(in.stmt)
	case opTest:
		m.testClause(in.stmt)
	}
}

// block makes the process sleep forever because of what, with a warning.
func (m *machine) block(what string) {
	m.forever = true
	m.p.warnOnce(what, "sh: "+what+" is not modelled: the container runs as if it slept forever")
}

func (m *machine) fail(err error) {
	if u, ok := err.(unsupportedError); ok {
		m.block(u.what)
		return
	}
	m.stderr("sh: " + err.Error() + "\n")
	m.status = 1
	if err == errDivZero {
		m.exit(2)
	}
}

func (m *machine) stdout(s string) {
	if m.capture != nil {
		if m.capture.Len() < 64<<10 {
			m.capture.WriteString(s)
		}
		return
	}
	m.p.log(s)
	m.record(effect{data: s})
}

func (m *machine) stderr(s string) {
	if m.errOut != nil {
		if m.errOut.Len() < 64<<10 {
			m.errOut.WriteString(s)
		}
		return
	}
	m.stdout(s)
}

// substitute runs $(…) to completion at the current instant and returns
// its output without trailing newlines.
func (m *machine) substitute(stmts []*syntax.Stmt) (string, error) {
	code := compile(&syntax.File{Stmts: stmts})
	sub := newMachine(m.p, code, m.args, m.now)
	sub.vars = m.vars // a subshell sees the variables; changes leak, harmlessly for the docs' scripts
	var out strings.Builder
	sub.capture, sub.errOut = &out, m.errOut
	budget := stepBudget / 4
	sub.run(m.now, &budget)
	// The subshell shares the variables: what it changed, the loop heads
	// of this machine must see changed.
	m.varVer += sub.varVer
	switch {
	case sub.forever && !sub.exited:
		return "", unsupportedError{"a command substitution that blocks"}
	case !sub.exited:
		return "", unsupportedError{"a command substitution that sleeps or never ends"}
	}
	m.status = sub.code0
	return strings.TrimRight(out.String(), "\n"), nil
}

// loopHead watches a while/until loop's iterations. When an iteration
// took time, left variables and the filesystem's shape as they were, and
// did exactly what the previous one did, the loop is steady: from then on
// the machine skips whole iterations in closed form.
func (m *machine) loopHead(pc int) {
	ver, fsVer := m.varVer, m.p.fs.version()
	rec := m.loops[pc]
	if rec == nil {
		if len(m.loops) < 64 {
			m.loops[pc] = &loopRec{at: m.now, vars: ver, fsVer: fsVer}
			m.noteVisit(m.loops[pc])
		}
		m.resetEffects()
		return
	}
	period := m.now.Sub(rec.at)
	if period == 0 && !m.p.everyStep && m.spinning(rec, ver, fsVer) {
		m.spin = m.steps - rec.steps
		m.spinEffects = append(m.spinEffects[:0], m.effects...)
		m.noteVisit(rec)
		m.resetEffects()
		return
	}
	m.noteVisit(rec)
	clean := period > 0 && ver == rec.vars && fsVer == rec.fsVer && !m.effOverflow
	if clean && rec.repeated && period == rec.period && sameEffects(m.effects, rec.effects) {
		m.steady, m.steadyP = rec, pc
		rec.at = m.now
		m.resetEffects()
		return
	}
	m.inSteady = false
	rec.repeated = clean
	rec.at, rec.period, rec.vars, rec.fsVer = m.now, period, ver, fsVer
	rec.effects = append(rec.effects[:0], m.effects...)
	m.resetEffects()
}

// spinning reports whether the turn that just came back to the loop head
// at the instant of its last visit will repeat for ever, identically: it
// left the variables, $?, the open for loops, the filesystem's shape and
// any captured output as they were, and either appended to no file or
// read no file's contents (an append that a later test or cat could see
// would make the next turn differ). Its next turn then starts from the
// same state, so it takes the same steps and does the same things, and so
// does every turn after it: `while true; do :; done`, `until [ -f /x ];
// do :; done`, `while :; do echo x >> /log; done`.
func (m *machine) spinning(rec *loopRec, ver, fsVer uint64) bool {
	if ver != rec.vars || fsVer != rec.fsVer || m.status != rec.status || len(m.iters) != rec.depth || m.captured() != rec.out {
		return false
	}
	if m.effOverflow || m.steps <= rec.steps {
		return false
	}
	if m.p.fs.reads != rec.reads {
		for _, e := range m.effects {
			if e.path != "" {
				return false
			}
		}
	}
	return true
}

// noteVisit keeps what spinning compares at a loop head's next visit.
func (m *machine) noteVisit(rec *loopRec) {
	rec.steps, rec.status, rec.depth, rec.out, rec.reads = m.steps, m.status, len(m.iters), m.captured(), m.p.fs.reads
}

// captured is how much output the machine has captured (an exec's or a
// command substitution's), which a spinning loop must not grow.
func (m *machine) captured() int {
	n := 0
	if m.capture != nil {
		n += m.capture.Len()
	}
	if m.errOut != nil && m.errOut != m.capture {
		n += m.errOut.Len()
	}
	return n
}

func (m *machine) resetEffects() {
	m.effects = m.effects[:0]
	m.effOverflow = false
}

// record notes an effect for steady-loop detection.
func (m *machine) record(e effect) {
	if len(m.effects) >= 64 {
		m.effOverflow = true
		return
	}
	m.effects = append(m.effects, e)
}

func sameEffects(a, b []effect) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// fastForward applies the steady loop's whole iterations up to until and
// reports whether the machine should go on interpreting (the partial
// iteration at the end, or everything when the loop stopped being steady).
func (m *machine) fastForward(until time.Time) bool {
	rec := m.steady
	if m.p.fs.version() != rec.fsVer || m.varVer != rec.vars {
		m.steady = nil // something else changed the world: interpret again
		return true
	}
	if until.Before(rec.at) {
		return false
	}
	n := int64(until.Sub(rec.at) / rec.period)
	if n > 0 {
		m.applyEffects(rec.effects, n)
		rec.at = rec.at.Add(time.Duration(n) * rec.period)
	}
	// Interpret the iteration that starts at rec.at (its effects up to its
	// sleep belong before until); at the loop head again it re-enters the
	// steady state if it still does the same.
	m.steady = nil
	m.now = rec.at
	m.pc = m.steadyP + 1
	m.resetEffects()
	m.inSteady = true
	return true
}

// applyEffects does an iteration's effects n times over, in O(their
// size): each destination (the log, a file) gets its share of one
// iteration n times, in the order the iteration wrote it, so two lines
// logged per turn alternate in the tail as they would, and two appends to
// one file interleave.
func (m *machine) applyEffects(effects []effect, n int64) {
	type dest struct {
		v    *Volume
		rel  string
		data []byte
	}
	var log strings.Builder
	var files []dest
	for _, e := range effects {
		if e.path == "" {
			log.WriteString(e.data)
			continue
		}
		v, rel, _, _ := m.p.fs.resolve(e.path)
		i := 0
		for i < len(files) && (files[i].v != v || files[i].rel != rel) {
			i++
		}
		if i == len(files) {
			files = append(files, dest{v: v, rel: rel})
		}
		files[i].data = append(files[i].data, e.data...)
	}
	m.p.logRepeat(log.String(), n)
	for _, f := range files {
		if nd := f.v.nodes[f.rel]; nd != nil && !nd.dir {
			f.v.appendN(nd, f.data, n)
		}
	}
}

func (m *machine) testClause(s *syntax.Stmt) {
	tc := s.Cmd.(*syntax.TestClause)
	ok, err := m.testExpr(tc.X, 0)
	if err != nil {
		m.fail(err)
		return
	}
	m.status = int(b2i(!ok))
}

func (m *machine) testExpr(x syntax.TestExpr, depth int) (bool, error) {
	if depth > maxDepth {
		return false, unsupportedError{"a test nested this deep"}
	}
	e := expander{m}
	switch t := x.(type) {
	case *syntax.Word:
		s, err := e.str(t)
		return s != "", err
	case *syntax.ParenTest:
		return m.testExpr(t.X, depth+1)
	case *syntax.UnaryTest:
		if t.Op == syntax.TsNot {
			v, err := m.testExpr(t.X, depth+1)
			return !v, err
		}
		w, ok := t.X.(*syntax.Word)
		if !ok {
			return false, unsupportedError{"the test " + t.Op.String()}
		}
		s, err := e.str(w)
		if err != nil {
			return false, err
		}
		return m.unaryTest(t.Op.String(), s)
	case *syntax.BinaryTest:
		switch t.Op {
		case syntax.AndTest, syntax.OrTest:
			l, err := m.testExpr(t.X, depth+1)
			if err != nil {
				return false, err
			}
			if (t.Op == syntax.AndTest) != l {
				return l, nil
			}
			return m.testExpr(t.Y, depth+1)
		}
		xw, ok1 := t.X.(*syntax.Word)
		yw, ok2 := t.Y.(*syntax.Word)
		if !ok1 || !ok2 {
			return false, unsupportedError{"the test " + t.Op.String()}
		}
		l, err := e.str(xw)
		if err != nil {
			return false, err
		}
		r, err := e.str(yw)
		if err != nil {
			return false, err
		}
		op := t.Op.String()
		if op == "=~" {
			return false, unsupportedError{"the test =~"}
		}
		return binaryTest(op, l, r)
	}
	return false, unsupportedError{"this [[ ]] test"}
}

func (m *machine) unaryTest(op, s string) (bool, error) {
	switch op {
	case "-z":
		return s == "", nil
	case "-n":
		return s != "", nil
	case "-e", "-a":
		_, ok := m.p.fs.stat(s)
		return ok, nil
	case "-f":
		n, ok := m.p.fs.stat(s)
		return ok && !n.dir, nil
	case "-d":
		n, ok := m.p.fs.stat(s)
		return ok && n.dir, nil
	case "-s":
		n, ok := m.p.fs.stat(s)
		m.p.fs.reads++ // the size, which appends change
		return ok && !n.dir && n.size > 0, nil
	case "-r", "-w", "-x":
		_, ok := m.p.fs.stat(s)
		return ok, nil
	}
	return false, unsupportedError{"the test " + op}
}

func binaryTest(op, l, r string) (bool, error) {
	switch op {
	case "=", "==":
		return l == r, nil
	case "!=":
		return l != r, nil
	}
	a, err1 := strconv.ParseInt(strings.TrimSpace(l), 10, 64)
	b, err2 := strconv.ParseInt(strings.TrimSpace(r), 10, 64)
	if err1 != nil || err2 != nil {
		switch op {
		case "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
			return false, arithError("integer expression expected")
		}
		return false, unsupportedError{"the test " + op}
	}
	switch op {
	case "-eq":
		return a == b, nil
	case "-ne":
		return a != b, nil
	case "-lt":
		return a < b, nil
	case "-le":
		return a <= b, nil
	case "-gt":
		return a > b, nil
	case "-ge":
		return a >= b, nil
	}
	return false, unsupportedError{"the test " + op}
}

// absPath makes a path absolute against the working directory "/".
func absPath(p string) string { return path.Clean("/" + p) }
