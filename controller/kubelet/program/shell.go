package program

import (
	"fmt"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Limits on a script from a user's manifest.
const (
	MaxScriptBytes = 16 << 10 // longer scripts are not parsed
	maxInsts       = 4096     // compiled size
	maxDepth       = 64       // nesting of compound commands
)

type opcode uint8

const (
	opCall        opcode = iota // a simple command (stmt)
	opTest                      // [[ … ]] (stmt)
	opJmp                       // to arg
	opJmpIf0                    // to arg when status is 0
	opJmpIfNot0                 // to arg when status is not 0
	opNot                       // negate status
	opLoopHead                  // top of a while/until loop
	opForInit                   // expand words, push an iteration
	opForNext                   // assign the next item to name, or pop and jump to arg
	opForPop                    // pop an iteration (break out of a for loop)
	opStatus0                   // status = 0
	opUnsupported               // text: what was not understood
)

type inst struct {
	op    opcode
	arg   int
	stmt  *syntax.Stmt
	words []*syntax.Word
	name  string
	text  string
}

type loopLabels struct {
	cont   int   // continue target
	breaks []int // instructions to patch to the break target
	isFor  bool
}

type compiler struct {
	code  []inst
	loops []*loopLabels
	depth int
}

// compile turns a parsed script into instructions; anything outside the
// subset becomes an opUnsupported that, when reached, makes the process
// sleep forever with a warning naming it.
func compile(f *syntax.File) []inst {
	c := &compiler{}
	c.stmts(f.Stmts)
	if len(c.code) > maxInsts {
		return []inst{{op: opUnsupported, text: "a script this long"}}
	}
	return c.code
}

func (c *compiler) emit(i inst) int {
	c.code = append(c.code, i)
	return len(c.code) - 1
}

func (c *compiler) unsupported(what string) { c.emit(inst{op: opUnsupported, text: what}) }

func (c *compiler) stmts(ss []*syntax.Stmt) {
	for _, s := range ss {
		c.stmt(s)
	}
}

func (c *compiler) stmt(s *syntax.Stmt) {
	if len(c.code) > maxInsts {
		return
	}
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxDepth {
		c.unsupported("commands nested this deep")
		return
	}
	switch {
	case s.Background:
		c.unsupported("a background job (&)")
		return
	case s.Coprocess:
		c.unsupported("coproc")
		return
	}
	if _, simple := s.Cmd.(*syntax.CallExpr); !simple && len(s.Redirs) > 0 {
		if _, test := s.Cmd.(*syntax.TestClause); !test {
			c.unsupported("a redirection of a compound command")
			return
		}
	}
	switch x := s.Cmd.(type) {
	case nil:
		c.emit(inst{op: opCall, stmt: s}) // redirections alone
	case *syntax.CallExpr:
		if len(x.Args) > 0 {
			switch lit := x.Args[0].Lit(); lit {
			case "break", "continue":
				c.jumpOut(lit, x)
				return
			}
		}
		c.emit(inst{op: opCall, stmt: s})
	case *syntax.TestClause:
		c.emit(inst{op: opTest, stmt: s})
	case *syntax.DeclClause:
		if x.Variant.Value != "export" && x.Variant.Value != "local" && x.Variant.Value != "readonly" {
			c.unsupported(x.Variant.Value)
			return
		}
		c.emit(inst{op: opCall, stmt: s})
	case *syntax.Block:
		c.stmts(x.Stmts)
	case *syntax.Subshell:
		c.stmts(x.Stmts) // variables leak out of the subshell: close enough for the docs' scripts
	case *syntax.BinaryCmd:
		switch x.Op {
		case syntax.AndStmt, syntax.OrStmt:
			c.stmt(x.X)
			j := c.emit(inst{op: opJmpIfNot0})
			if x.Op == syntax.OrStmt {
				c.code[j].op = opJmpIf0
			}
			c.stmt(x.Y)
			c.code[j].arg = len(c.code)
		default:
			c.unsupported("a pipe (" + x.Op.String() + ")")
		}
	case *syntax.IfClause:
		c.ifClause(x)
	case *syntax.WhileClause:
		head := c.emit(inst{op: opLoopHead})
		l := &loopLabels{cont: head}
		c.loops = append(c.loops, l)
		c.stmts(x.Cond)
		exit := c.emit(inst{op: opJmpIfNot0})
		if x.Until {
			c.code[exit].op = opJmpIf0
		}
		c.stmts(x.Do)
		c.emit(inst{op: opJmp, arg: head})
		c.code[exit].arg = len(c.code)
		for _, b := range l.breaks {
			c.code[b].arg = len(c.code)
		}
		c.loops = c.loops[:len(c.loops)-1]
		c.emit(inst{op: opStatus0})
	case *syntax.ForClause:
		it, ok := x.Loop.(*syntax.WordIter)
		if !ok || x.Select {
			c.unsupported("a C-style for loop")
			return
		}
		words := it.Items
		if !it.InPos.IsValid() {
			c.unsupported(`"for" without "in"`)
			return
		}
		c.emit(inst{op: opForInit, words: words})
		next := c.emit(inst{op: opForNext, name: it.Name.Value})
		l := &loopLabels{cont: next, isFor: true}
		c.loops = append(c.loops, l)
		c.stmts(x.Do)
		c.emit(inst{op: opJmp, arg: next})
		pop := c.emit(inst{op: opForPop})
		for _, b := range l.breaks {
			c.code[b].arg = pop
		}
		c.code[next].arg = len(c.code)
		c.loops = c.loops[:len(c.loops)-1]
		c.emit(inst{op: opStatus0})
	default:
		c.unsupported(describe(s.Cmd))
	}
	if s.Negated {
		c.emit(inst{op: opNot})
	}
}

func (c *compiler) jumpOut(kw string, x *syntax.CallExpr) {
	if len(x.Args) > 1 && x.Args[1].Lit() != "1" {
		c.unsupported(kw + " with a level")
		return
	}
	if len(c.loops) == 0 {
		c.emit(inst{op: opStatus0})
		return
	}
	l := c.loops[len(c.loops)-1]
	if kw == "continue" {
		c.emit(inst{op: opJmp, arg: l.cont})
		return
	}
	l.breaks = append(l.breaks, c.emit(inst{op: opJmp}))
}

func (c *compiler) ifClause(x *syntax.IfClause) {
	var ends []int
	for cl := x; cl != nil; cl = cl.Else {
		if len(cl.Cond) == 0 { // a plain else
			c.stmts(cl.Then)
			break
		}
		c.stmts(cl.Cond)
		skip := c.emit(inst{op: opJmpIfNot0})
		c.stmts(cl.Then)
		ends = append(ends, c.emit(inst{op: opJmp}))
		c.code[skip].arg = len(c.code)
		if cl.Else == nil {
			c.emit(inst{op: opStatus0})
		}
	}
	for _, e := range ends {
		c.code[e].arg = len(c.code)
	}
}

func describe(n syntax.Node) string {
	switch x := n.(type) {
	case *syntax.CaseClause:
		return "case"
	case *syntax.FuncDecl:
		if x.Name == nil {
			return "a function"
		}
		return "a function (" + x.Name.Value + ")"
	case *syntax.ArithmCmd:
		return "((…))"
	case *syntax.LetClause:
		return "let"
	case *syntax.TimeClause:
		return "time"
	}
	return fmt.Sprintf("%T", n)
}

// unsupportedError names a construct the model does not interpret.
type unsupportedError struct{ what string }

func (e unsupportedError) Error() string { return e.what }

// expander expands words against a machine's variables.
type expander struct {
	m *machine
}

// fields expands words into fields: quoted parts stay whole, unquoted
// variable and command substitutions are split on blanks; no globbing.
func (e expander) fields(words []*syntax.Word) ([]string, error) {
	var out []string
	for _, w := range words {
		fs, err := e.word(w)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

func (e expander) word(w *syntax.Word) ([]string, error) {
	var fields []string
	var cur strings.Builder
	have := false
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			cur.WriteString(unescape(x.Value, false))
			have = true
		case *syntax.SglQuoted:
			cur.WriteString(x.Value)
			have = true
		case *syntax.DblQuoted:
			s, err := e.quoted(x.Parts)
			if err != nil {
				return nil, err
			}
			cur.WriteString(s)
			have = true
		default:
			s, err := e.part(p)
			if err != nil {
				return nil, err
			}
			parts := strings.Fields(s)
			for i, f := range parts {
				if i > 0 || (len(s) > 0 && isBlank(s[0])) {
					if have {
						fields = append(fields, cur.String())
					}
					cur.Reset()
				}
				cur.WriteString(f)
				have = true
			}
			if len(s) > 0 && isBlank(s[len(s)-1]) && have {
				fields = append(fields, cur.String())
				cur.Reset()
				have = false
			}
		}
	}
	if have {
		fields = append(fields, cur.String())
	}
	return fields, nil
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' || b == '\n' }

// str expands a word to one string (assignments, redirection targets).
func (e expander) str(w *syntax.Word) (string, error) {
	var b strings.Builder
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			b.WriteString(unescape(x.Value, false))
		case *syntax.SglQuoted:
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			s, err := e.quoted(x.Parts)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		default:
			s, err := e.part(p)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		}
	}
	return b.String(), nil
}

func (e expander) quoted(parts []syntax.WordPart) (string, error) {
	var b strings.Builder
	for _, p := range parts {
		if l, ok := p.(*syntax.Lit); ok {
			b.WriteString(unescape(l.Value, true))
			continue
		}
		s, err := e.part(p)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// unescape removes the shell's backslashes: inside double quotes only
// before $ ` " \ and newline.
func unescape(s string, inDouble bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			n := s[i+1]
			if !inDouble || strings.IndexByte("$`\"\\\n", n) >= 0 {
				if n != '\n' {
					b.WriteByte(n)
				}
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func (e expander) part(p syntax.WordPart) (string, error) {
	switch x := p.(type) {
	case *syntax.ParamExp:
		if x.Excl || x.Length || x.Width || x.Index != nil || x.Slice != nil || x.Repl != nil || x.Names != 0 || x.Exp != nil {
			if x.Exp != nil && !x.Excl && !x.Length && x.Index == nil && x.Slice == nil && x.Repl == nil {
				return e.paramDefault(x)
			}
			return "", unsupportedError{"the parameter expansion ${…} of " + x.Param.Value}
		}
		return e.m.lookup(x.Param.Value), nil
	case *syntax.CmdSubst:
		return e.m.substitute(x.Stmts)
	case *syntax.ArithmExp:
		n, err := e.arith(x.X, 0)
		return strconv.FormatInt(n, 10), err
	case *syntax.ExtGlob, *syntax.ProcSubst:
		return "", unsupportedError{"process substitution or extended globs"}
	}
	return "", unsupportedError{fmt.Sprintf("%T", p)}
}

// paramDefault is ${x:-w}, ${x-w}, ${x:=w}, ${x:+w}.
func (e expander) paramDefault(x *syntax.ParamExp) (string, error) {
	v, set := e.m.vars[x.Param.Value]
	empty := !set || (v == "" && strings.HasPrefix(x.Exp.Op.String(), ":"))
	word := ""
	if x.Exp.Word != nil {
		var err error
		if word, err = e.str(x.Exp.Word); err != nil {
			return "", err
		}
	}
	switch x.Exp.Op {
	case syntax.DefaultUnsetOrNull, syntax.DefaultUnset:
		if empty {
			return word, nil
		}
		return v, nil
	case syntax.AssignUnsetOrNull, syntax.AssignUnset:
		if empty {
			e.m.setVar(x.Param.Value, word)
			return word, nil
		}
		return v, nil
	case syntax.AlternateUnsetOrNull, syntax.AlternateUnset:
		if empty {
			return "", nil
		}
		return word, nil
	}
	return "", unsupportedError{"the parameter expansion ${" + x.Param.Value + x.Exp.Op.String() + "…}"}
}

// arith evaluates $((…)) over 64-bit integers: + - * / % comparisons,
// parentheses, variables, ++ and --.
func (e expander) arith(x syntax.ArithmExpr, depth int) (int64, error) {
	if depth > maxDepth {
		return 0, unsupportedError{"arithmetic nested this deep"}
	}
	switch a := x.(type) {
	case *syntax.Word:
		s, err := e.str(a)
		if err != nil {
			return 0, err
		}
		// A name is never a number, so asking first spares ParseInt's
		// error (an allocation) for every variable in $((…)).
		if syntax.ValidName(s) {
			n, _ := strconv.ParseInt(strings.TrimSpace(e.m.lookup(s)), 0, 64)
			return n, nil
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(s), 0, 64); err == nil {
			return n, nil
		}
		return 0, unsupportedError{"the arithmetic operand " + strconv.Quote(s)}
	case *syntax.ParenArithm:
		return e.arith(a.X, depth+1)
	case *syntax.UnaryArithm:
		if a.Op == syntax.Inc || a.Op == syntax.Dec {
			w, ok := a.X.(*syntax.Word)
			if !ok || !syntax.ValidName(w.Lit()) {
				return 0, unsupportedError{"++/-- on an expression"}
			}
			old, _ := strconv.ParseInt(e.m.lookup(w.Lit()), 0, 64)
			n := old + 1
			if a.Op == syntax.Dec {
				n = old - 1
			}
			e.m.setVar(w.Lit(), strconv.FormatInt(n, 10))
			if a.Post {
				return old, nil
			}
			return n, nil
		}
		v, err := e.arith(a.X, depth+1)
		switch a.Op {
		case syntax.Minus:
			return -v, err
		case syntax.Plus:
			return v, err
		case syntax.Not:
			return b2i(v == 0), err
		}
		return 0, unsupportedError{"the arithmetic operator " + a.Op.String()}
	case *syntax.BinaryArithm:
		if a.Op == syntax.Assgn {
			w, ok := a.X.(*syntax.Word)
			if !ok || !syntax.ValidName(w.Lit()) {
				return 0, unsupportedError{"assignment to an expression"}
			}
			v, err := e.arith(a.Y, depth+1)
			e.m.setVar(w.Lit(), strconv.FormatInt(v, 10))
			return v, err
		}
		l, err := e.arith(a.X, depth+1)
		if err != nil {
			return 0, err
		}
		r, err := e.arith(a.Y, depth+1)
		if err != nil {
			return 0, err
		}
		switch a.Op {
		case syntax.Add:
			return l + r, nil
		case syntax.Sub:
			return l - r, nil
		case syntax.Mul:
			return l * r, nil
		case syntax.Quo, syntax.Rem:
			if r == 0 {
				return 0, errDivZero
			}
			if a.Op == syntax.Quo {
				return l / r, nil
			}
			return l % r, nil
		case syntax.Eql:
			return b2i(l == r), nil
		case syntax.Neq:
			return b2i(l != r), nil
		case syntax.Lss:
			return b2i(l < r), nil
		case syntax.Gtr:
			return b2i(l > r), nil
		case syntax.Leq:
			return b2i(l <= r), nil
		case syntax.Geq:
			return b2i(l >= r), nil
		}
		return 0, unsupportedError{"the arithmetic operator " + a.Op.String()}
	}
	return 0, unsupportedError{fmt.Sprintf("arithmetic %T", x)}
}

type arithError string

func (e arithError) Error() string { return string(e) }

const errDivZero = arithError("arithmetic: division by zero")

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
