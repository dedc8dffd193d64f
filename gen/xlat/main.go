// Command xlat generates internal/xlat's tables of names (flags, errnos,
// signals, si_codes) from pinned inputs: the name lists in xlat/*.in, the
// kernel uapi headers under include/ that give their values, and
// errno_messages.txt. Run it from internal/xlat (go generate).
//
// A .in file lists one name per line, in the order strace prints them, as
// NAME (value from the included headers) or NAME EXPR, EXPR being the rest
// of the line: an integer constant expression as in the headers' #defines
// (character constants and V4L2's v4l2_fourcc included), which may use
// their macros (for values that only libc defines, such as
// R_OK or SHUT_RD, or that strace spells out). Lines starting with # are
// comments; directives start with @:
//
//	@var NAME        Go variable of the table (required)
//	@flags           a table of bits: values print in hex in the output
//	@unknown TEXT    Table.Unknown, the comment for values without a name
//	@include PATH    a header under include/ whose #defines give values
//	@signal NAME     the table holds the si_codes of this signal
//	@format FUNC     internal/xlat's func(*Table, []byte, uint64, Style) []byte
//	                 that prints the table's values in place of AppendFlags
//	                 and AppendValue, for words strace composes in code
//
// The output also maps each file's base name to its table, for ByName.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/gen/internal/gencmd"
)

// command is how go generate runs this generator; the output names it.
const command = "go run ../../gen/xlat"

func main() { gencmd.Main("gen/xlat", "zxlat.go", generate) }

type value struct {
	val  uint64
	neg  int64 // the C value when it was negative, else 0
	name string
}

type table struct {
	file    string
	goVar   string
	flags   bool
	unknown string
	format  string // Go function that prints the table's values
	signal  string // name of the signal whose si_codes these are
	sigNr   int
	values  []value
}

func generate(inputs string) ([]byte, error) {
	files, err := filepath.Glob(filepath.Join(inputs, "xlat", "*.in"))
	if err != nil {
		return nil, fmt.Errorf("list name lists: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no name lists in %s", filepath.Join(inputs, "xlat"))
	}
	g := &gen{
		include: filepath.Join(inputs, "include"),
		headers: map[string]macros{},
	}
	var tables []*table
	for _, f := range files {
		t, err := g.load(f)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	msgs, err := readMessages(filepath.Join(inputs, "errno_messages.txt"))
	if err != nil {
		return nil, err
	}
	return render(tables, msgs)
}

type gen struct {
	include string
	headers map[string]macros
}

// load reads a .in file.
func (g *gen) load(path string) (*table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read name list: %w", err)
	}
	file := filepath.Base(path)
	t := &table{file: file}
	var defs []macros
	ln := 0
	for line := range strings.Lines(string(data)) {
		ln++
		fail := func(err error) (*table, error) { return nil, fmt.Errorf("%s:%d: %w", file, ln, err) }
		f := strings.Fields(line)
		switch {
		case len(f) == 0 || strings.HasPrefix(f[0], "#"):
		case strings.HasPrefix(f[0], "@"):
			if err := g.directive(t, f, &defs); err != nil {
				return fail(err)
			}
		case strings.HasPrefix(f[0], `"`):
			// a name with spaces, quoted: "1 << IDE_NICE_1" (1 << IDE_NICE_1)
			quoted := strings.TrimSpace(line)
			end := strings.IndexByte(quoted[1:], '"')
			if end < 1 {
				return fail(fmt.Errorf("unterminated or empty name %s", quoted))
			}
			v, err := resolveEntry(append([]string{quoted[1 : end+1]}, strings.Fields(quoted[end+2:])...), defs)
			if err != nil {
				return fail(err)
			}
			t.values = append(t.values, v)
		default:
			v, err := resolveEntry(f, defs)
			if err != nil {
				return fail(err)
			}
			t.values = append(t.values, v)
		}
	}
	if t.goVar == "" {
		return nil, fmt.Errorf("%s: no @var", file)
	}
	if t.signal != "" {
		nr, err := evalName(t.signal, defs)
		if err != nil {
			return nil, fmt.Errorf("%s: @signal: %w", file, err)
		}
		t.sigNr = int(nr.v)
	}
	if err := t.check(); err != nil {
		return nil, err
	}
	return t, nil
}

func (g *gen) directive(t *table, f []string, defs *[]macros) error {
	if f[0] == "@flags" && len(f) == 1 {
		t.flags = true
		return nil
	}
	if len(f) != 2 {
		return fmt.Errorf("directive %q: want one argument", strings.Join(f, " "))
	}
	switch f[0] {
	case "@var":
		t.goVar = f[1]
	case "@unknown":
		t.unknown = f[1]
	case "@signal":
		t.signal = f[1]
	case "@format":
		t.format = f[1]
	case "@include":
		m, err := g.header(f[1])
		if err != nil {
			return err
		}
		*defs = append(*defs, m)
	default:
		return fmt.Errorf("unknown directive %s", f[0])
	}
	return nil
}

// check rejects a name listed twice, and in a table of bits a second zero
// value: the first one names 0 (PROT_NONE, F_OK), a second would never
// print.
func (t *table) check() error {
	seen := map[string]bool{}
	zero := ""
	for _, v := range t.values {
		if seen[v.name] {
			return fmt.Errorf("%s: %s listed twice", t.file, v.name)
		}
		seen[v.name] = true
		if t.flags && v.val == 0 {
			if zero != "" {
				return fmt.Errorf("%s: flags %s and %s are both 0", t.file, zero, v.name)
			}
			zero = v.name
		}
	}
	return nil
}

// resolveEntry gives the value of a line NAME or NAME EXPR.
func resolveEntry(f []string, defs []macros) (value, error) {
	name := f[0]
	var (
		v   cval
		err error
	)
	if len(f) > 1 {
		v, err = evalBody(strings.Join(f[1:], " "), defs, 0)
	} else {
		v, err = evalName(name, defs)
	}
	if err != nil {
		return value{}, fmt.Errorf("%s: %w", name, err)
	}
	if v.unsigned || v.v >= 0 {
		return value{val: uint64(v.v), name: name}, nil
	}
	// negative values are int codes (si_code): kept as the 32 bits that
	// the kernel stores and strace compares
	if v.v < math.MinInt32 {
		return value{}, fmt.Errorf("%s: %d does not fit in an int", name, v.v)
	}
	return value{val: uint64(uint32(int32(v.v))), neg: v.v, name: name}, nil
}

// macros holds the object-like #defines of a header: every body seen for
// each name (headers may define a name differently under #if).
type macros map[string][]string

var (
	blockComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	lineComment  = regexp.MustCompile(`//.*`)
	defineRE     = regexp.MustCompile(`^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)(.*)$`)
	intSuffix    = regexp.MustCompile(`\b(0[xX][0-9a-fA-F]+|[0-9]+)([uUlL]+)\b`)
	// a cast to an unsigned kernel type of a number or a name:
	// ((__u64)1<<0)
	unsignedCast = regexp.MustCompile(`\(\s*__u(?:8|16|32|64)\s*\)\s*([A-Za-z0-9_]+)`)
	funcMacroRE  = regexp.MustCompile(`^\(\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)\s*\)(.*)$`)
)

func (g *gen) header(path string) (macros, error) {
	if m, ok := g.headers[path]; ok {
		return m, nil
	}
	data, err := os.ReadFile(filepath.Join(g.include, path))
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	// comments may hold #defines that are commented out
	text = blockComment.ReplaceAllStringFunc(text, func(c string) string {
		return strings.Repeat("\n", strings.Count(c, "\n"))
	})
	m := macros{}
	var plain []string // the lines that are no preprocessor directive
	for line := range strings.Lines(text) {
		line = lineComment.ReplaceAllString(strings.TrimRight(line, "\n"), "")
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			plain = append(plain, "")
		} else {
			plain = append(plain, line)
		}
		d := defineRE.FindStringSubmatch(line)
		if d == nil {
			continue
		}
		if f := funcMacroRE.FindStringSubmatch(d[2]); f != nil {
			// a function-like macro, K(t,v): kept as "t,v" and its body
			// under "K(", which no object-like name can be
			m[d[1]+"("] = []string{strings.ReplaceAll(f[1], " ", ""), strings.TrimSpace(f[2])}
			continue
		}
		if strings.HasPrefix(d[2], "(") {
			continue // a function-like macro the pattern does not take
		}
		body := strings.TrimSpace(d[2])
		if body == d[1] {
			continue // #define RTM_NEWLINK RTM_NEWLINK: the enum's value
		}
		if !slices.Contains(m[d[1]], body) {
			m[d[1]] = append(m[d[1]], body)
		}
	}
	enumerators(strings.Join(plain, "\n"), m)
	g.headers[path] = m
	return m, nil
}

var (
	enumRE       = regexp.MustCompile(`\benum\s*[A-Za-z0-9_]*\s*\{([^}]*)\}`)
	enumeratorRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*(?:=\s*(.+))?$`)
)

// enumerators adds the enumerators of text's enums to m, each as the
// expression that gives its value: its initializer, or the last
// initializer (0 when none) plus its distance from it. A name a #define
// gives keeps that value.
func enumerators(text string, m macros) {
	for _, e := range enumRE.FindAllStringSubmatch(text, -1) {
		base, k := "0", 0
		for _, item := range strings.Split(e[1], ",") {
			f := enumeratorRE.FindStringSubmatch(strings.TrimSpace(item))
			if f == nil {
				continue
			}
			if f[2] != "" {
				base, k = "("+strings.Join(strings.Fields(f[2]), " ")+")", 0
			}
			body := base
			if k > 0 {
				body = base + " + " + strconv.Itoa(k)
			}
			k++
			if _, ok := m[f[1]]; !ok {
				m[f[1]] = []string{body}
			}
		}
	}
}

// cval is the value of a C integer expression: its 64 bits, and whether
// C gives it an unsigned type (a U suffix, a cast to __u64, a literal
// beyond int64, _BITUL), which a value of 2^63 or more needs to keep its
// sign apart from a negative int's.
type cval struct {
	v        int64
	unsigned bool
}

// evalName returns the value of macro name from the first header that
// defines it.
func evalName(name string, defs []macros) (cval, error) {
	return evalNameDepth(name, defs, 0)
}

func evalNameDepth(name string, defs []macros, depth int) (cval, error) {
	if depth > 16 {
		return cval{}, fmt.Errorf("%s: macros nest too deep", name)
	}
	for _, m := range defs {
		bodies, ok := m[name]
		if !ok {
			continue
		}
		if len(bodies) > 1 {
			return cval{}, fmt.Errorf("%s: defined differently: %q", name, bodies)
		}
		v, err := evalBody(bodies[0], defs, depth)
		if err != nil {
			return cval{}, fmt.Errorf("%s: %w", name, err)
		}
		return v, nil
	}
	return cval{}, fmt.Errorf("%s: not defined in the included headers", name)
}

// evalBody evaluates the body of a #define, or the value given in a .in
// file. An unsigned literal (10U, 1ULL) or cast becomes _U(x), which
// evalExpr reads as x unsigned.
func evalBody(body string, defs []macros, depth int) (cval, error) {
	src := intSuffix.ReplaceAllStringFunc(body, func(lit string) string {
		m := intSuffix.FindStringSubmatch(lit)
		if strings.ContainsAny(m[2], "uU") {
			return "_U(" + m[1] + ")"
		}
		return m[1]
	})
	src = unsignedCast.ReplaceAllString(src, "_U($1)")
	// C's ~ is Go's unary ^
	expr, err := parser.ParseExpr(strings.ReplaceAll(src, "~", "^"))
	if err != nil {
		return cval{}, fmt.Errorf("parse %q: %w", body, err)
	}
	return evalExpr(expr, defs, depth)
}

// evalExpr evaluates the integer expressions of uapi #defines, which are
// also Go expressions once integer suffixes are gone, in 64 bits as C
// does with the headers' long long constants: a result is unsigned when
// an operand is (the left one of a shift).
func evalExpr(e ast.Expr, defs []macros, depth int) (cval, error) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.CHAR {
			// a character constant: V4L2's four-character codes
			c, _, _, err := strconv.UnquoteChar(e.Value[1:len(e.Value)-1], '\'')
			return cval{v: int64(c)}, err
		}
		if e.Kind != token.INT {
			return cval{}, fmt.Errorf("not an integer: %s", e.Value)
		}
		u, err := strconv.ParseUint(e.Value, 0, 64)
		if err != nil {
			return cval{}, err
		}
		return cval{v: int64(u), unsigned: u > math.MaxInt64}, nil
	case *ast.Ident:
		return evalNameDepth(e.Name, defs, depth+1)
	case *ast.ParenExpr:
		return evalExpr(e.X, defs, depth)
	case *ast.CallExpr:
		f, ok := e.Fun.(*ast.Ident)
		if !ok {
			break
		}
		switch {
		// linux/const.h's _BITUL(x) and _BITULL(x), which the headers
		// included do not define, and evalBody's _U(x)
		case (f.Name == "_BITUL" || f.Name == "_BITULL" || f.Name == "_U") && len(e.Args) == 1:
			x, err := evalExpr(e.Args[0], defs, depth)
			if err != nil {
				return cval{}, err
			}
			if f.Name == "_U" {
				return cval{v: x.v, unsigned: true}, nil
			}
			return cval{v: 1 << x.v, unsigned: true}, nil
		// linux/videodev2.h's v4l2_fourcc(a, b, c, d), a | b << 8 | c << 16
		// | d << 24, and v4l2_fourcc_be, which sets bit 31 too
		case (f.Name == "v4l2_fourcc" || f.Name == "v4l2_fourcc_be") && len(e.Args) == 4:
			var v int64
			for i, a := range e.Args {
				x, err := evalExpr(a, defs, depth)
				if err != nil {
					return cval{}, err
				}
				v |= (x.v & 0xff) << (8 * i)
			}
			if f.Name == "v4l2_fourcc_be" {
				v |= 1 << 31
			}
			return cval{v: v}, nil
		}
		return evalCall(f.Name, e.Args, defs, depth)
	case *ast.UnaryExpr:
		x, err := evalExpr(e.X, defs, depth)
		if err != nil {
			return cval{}, err
		}
		switch e.Op {
		case token.SUB:
			return cval{v: -x.v, unsigned: x.unsigned}, nil
		case token.ADD:
			return x, nil
		case token.XOR:
			return cval{v: ^x.v, unsigned: x.unsigned}, nil
		}
	case *ast.BinaryExpr:
		x, err := evalExpr(e.X, defs, depth)
		if err != nil {
			return cval{}, err
		}
		y, err := evalExpr(e.Y, defs, depth)
		if err != nil {
			return cval{}, err
		}
		r := cval{unsigned: x.unsigned || y.unsigned}
		switch e.Op {
		case token.OR:
			r.v = x.v | y.v
		case token.AND:
			r.v = x.v & y.v
		case token.ADD:
			r.v = x.v + y.v
		case token.SUB:
			r.v = x.v - y.v
		case token.SHL:
			r = cval{v: x.v << y.v, unsigned: x.unsigned}
		case token.SHR:
			if x.unsigned {
				r = cval{v: int64(uint64(x.v) >> y.v), unsigned: true}
			} else {
				r = cval{v: x.v >> y.v}
			}
		default:
			return cval{}, errors.New("unsupported expression")
		}
		return r, nil
	}
	return cval{}, errors.New("unsupported expression")
}

// evalCall evaluates a call of a function-like macro of the included
// headers (linux/keyboard.h's K(t,v), KVAL(x)): its body with each
// parameter replaced by the argument in parentheses.
func evalCall(name string, args []ast.Expr, defs []macros, depth int) (cval, error) {
	if depth > 16 {
		return cval{}, fmt.Errorf("%s: macros nest too deep", name)
	}
	for _, m := range defs {
		def, ok := m[name+"("]
		if !ok {
			continue
		}
		params := strings.Split(def[0], ",")
		if len(params) != len(args) {
			return cval{}, fmt.Errorf("%s: %d arguments for %d parameters", name, len(args), len(params))
		}
		body := def[1]
		for i, p := range params {
			body = regexp.MustCompile(`\b`+p+`\b`).ReplaceAllLiteralString(body, "("+types.ExprString(args[i])+")")
		}
		return evalBody(body, defs, depth+1)
	}
	return cval{}, fmt.Errorf("%s: no function-like macro of that name in the included headers", name)
}

// readMessages reads errno_messages.txt: "N<TAB>message" lines.
func readMessages(path string) (map[int]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read errno messages: %w", err)
	}
	msgs := map[int]string{}
	ln := 0
	for line := range strings.Lines(string(data)) {
		ln++
		line = strings.TrimRight(line, "\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		num, msg, ok := strings.Cut(line, "\t")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n <= 0 || msg == "" {
			return nil, fmt.Errorf("%s:%d: want N<TAB>message", path, ln)
		}
		if _, dup := msgs[n]; dup {
			return nil, fmt.Errorf("%s:%d: errno %d listed twice", path, ln, n)
		}
		msgs[n] = msg
	}
	return msgs, nil
}

func render(tables []*table, msgs map[int]string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by %q; DO NOT EDIT.\n\npackage xlat\n", command)
	for _, t := range tables {
		fmt.Fprintf(&b, "\n// %s is generated from %s.\nvar %s = &Table{\n", t.goVar, t.file, t.goVar)
		if t.unknown != "" {
			fmt.Fprintf(&b, "\tUnknown: %q,\n", t.unknown)
		}
		if t.format != "" {
			fmt.Fprintf(&b, "\tformat:  %s,\n", t.format)
		}
		b.WriteString("\tValues: []Value{\n")
		for _, v := range t.values {
			switch {
			case v.neg != 0:
				fmt.Fprintf(&b, "\t\t{%#x, %q}, // %d\n", v.val, v.name, v.neg)
			case t.flags:
				fmt.Fprintf(&b, "\t\t{%#x, %q},\n", v.val, v.name)
			default:
				fmt.Fprintf(&b, "\t\t{%d, %q},\n", v.val, v.name)
			}
		}
		b.WriteString("\t},\n}\n")
	}

	b.WriteString("\n// tables maps the base name of each .in file to its table, for ByName.\nvar tables = map[string]*Table{\n")
	for _, t := range tables {
		fmt.Fprintf(&b, "\t%q: %s,\n", strings.TrimSuffix(t.file, ".in"), t.goVar)
	}
	b.WriteString("}\n")

	b.WriteString("\n// sigCodes holds the si_code names of each signal that has its own.\nvar sigCodes = [...]*Table{\n")
	byNr := map[int]string{}
	for _, t := range tables {
		if t.signal == "" {
			continue
		}
		if prev, dup := byNr[t.sigNr]; dup {
			return nil, fmt.Errorf("signal %s has two code tables: %s and %s", t.signal, prev, t.goVar)
		}
		byNr[t.sigNr] = t.goVar
	}
	for _, nr := range slices.Sorted(maps.Keys(byNr)) {
		fmt.Fprintf(&b, "\t%d: %s,\n", nr, byNr[nr])
	}
	b.WriteString("}\n")

	b.WriteString("\n// errnoMessages holds the text strace prints after each errno name.\nvar errnoMessages = [...]string{\n")
	for _, n := range slices.Sorted(maps.Keys(msgs)) {
		fmt.Fprintf(&b, "\t%d: %q,\n", n, msgs[n])
	}
	b.WriteString("}\n")

	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format output: %w", err)
	}
	return src, nil
}
