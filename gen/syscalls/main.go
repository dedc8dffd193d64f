// Command syscalls generates internal/syscalltbl's table of x86_64 syscalls
// from pinned inputs: the syscall numbers of unistd_64.h, the argument lists
// of the kernel's syscall tracepoints (syscall_formats.txt), and overlay.txt,
// which says how each argument and return value prints where the C type
// alone does not tell, in the words of the kind registry kinds.txt. The xlat tables that overlay.txt names (flags:NAME,
// enum:NAME) must exist as xlat/NAME.in. Run it from internal/syscalltbl
// (go generate).
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/gen/internal/gencmd"
	"github.com/gotrace/gotrace/gen/internal/kinds"
	"github.com/gotrace/gotrace/gen/internal/unistd"
)

// command is how go generate runs this generator; the output names it.
const command = "go run ../../gen/syscalls"

func main() { gencmd.Main("gen/syscalls", "zsyscalls.go", generate) }

// arg is an argument as the generated table spells it: kind and ret hold
// the Go identifiers of syscalltbl's constants.
type arg struct {
	name, ctype string
	kind        string
	lenArg      int
	xlat        string // table of a Flags or Enum argument
}

type syscall struct {
	nr      int
	name    string
	args    []arg
	ret     string
	retXlat string // table of a RetEnum return value
}

func generate(inputs string) ([]byte, error) {
	numbers, err := unistd.Read(filepath.Join(inputs, "unistd_64.h"))
	if err != nil {
		return nil, err
	}
	formats, err := readFormats(filepath.Join(inputs, "syscall_formats.txt"))
	if err != nil {
		return nil, err
	}
	overlay, err := readOverlay(filepath.Join(inputs, "overlay.txt"))
	if err != nil {
		return nil, err
	}
	registry, err := kinds.Read(filepath.Join(inputs, "kinds.txt"))
	if err != nil {
		return nil, err
	}
	words := map[string]kinds.Kind{}
	for _, k := range registry {
		words[k.Word] = k
	}
	tables := xlatTables{dir: filepath.Join(inputs, "xlat")}
	var table []syscall
	for _, n := range numbers {
		sc, err := build(n, formats, overlay, words)
		if err == nil {
			err = tables.check(sc)
		}
		if err != nil {
			return nil, fmt.Errorf("syscall %s: %w", n.Name, err)
		}
		table = append(table, sc)
		delete(overlay, n.Name)
	}
	for name := range overlay {
		return nil, fmt.Errorf("overlay.txt: %s is not a syscall of unistd_64.h", name)
	}
	return render(table)
}

// param is a C parameter: its type and name.
type param struct{ ctype, name string }

// parseParam splits "const char * filename" into type and name.
func parseParam(s string) (param, error) {
	s = strings.TrimSpace(s)
	i := strings.LastIndexAny(s, " *")
	if i < 0 || i == len(s)-1 {
		return param{}, fmt.Errorf("parameter %q: want a type and a name", s)
	}
	return param{strings.TrimSpace(s[:i+1]), s[i+1:]}, nil
}

// readFormats reads the tracepoint snapshot: for each sys_enter_NAME event
// the parameters of syscall NAME's kernel function, in order.
func readFormats(path string) (map[string][]param, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read tracepoint formats: %w", err)
	}
	defer f.Close()
	formats := map[string][]param{}
	var cur string
	sc := bufio.NewScanner(f)
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "name: sys_enter_"):
			cur = strings.TrimPrefix(line, "name: sys_enter_")
			formats[cur] = []param{}
		case strings.HasPrefix(line, "field:") && cur != "":
			decl, _, _ := strings.Cut(strings.TrimPrefix(line, "field:"), ";")
			p, err := parseParam(decl)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, ln, err)
			}
			formats[cur] = append(formats[cur], p)
		default:
			return nil, fmt.Errorf("%s:%d: unexpected line %q", path, ln, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read tracepoint formats: %w", err)
	}
	return formats, nil
}

// entry is one overlay line.
type entry struct {
	tracepoint string  // another syscall's tracepoint gives the arguments
	params     []param // arguments of a syscall without a tracepoint
	kinds      []string
	ret        string
	retXlat    string // -> enum:NAME
}

// withXlat are the overlay's words that name an xlat table: flags:NAME
// (a bit set) and enum:NAME (a value), NAME being xlat/NAME.in.
var withXlat = map[string]string{"flags": "Flags", "enum": "Enum"}

var retNames = map[string]string{
	"int": "RetInt", "hex": "RetHex", "fd": "RetFD", "none": "RetNone",
	"octal": "RetOctal", "pid": "RetPid",
}

// readOverlay reads overlay.txt. A line is
//
//	name [= tracepoint | (type name, ...)] [kind ...] [-> ret]
//
// with a kind for every argument ("." keeps the one the C type gives).
func readOverlay(path string) (map[string]entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read overlay: %w", err)
	}
	overlay := map[string]entry{}
	ln := 0
	for line := range strings.Lines(string(data)) {
		ln++
		line, _, _ = strings.Cut(line, "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, e, err := parseOverlayLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, ln, err)
		}
		if _, dup := overlay[name]; dup {
			return nil, fmt.Errorf("%s:%d: %s listed twice", path, ln, name)
		}
		overlay[name] = e
	}
	return overlay, nil
}

func parseOverlayLine(line string) (string, entry, error) {
	var e entry
	line, ret, hasRet := strings.Cut(line, "->")
	if word, name, ok := strings.Cut(strings.TrimSpace(ret), ":"); hasRet && ok {
		if word != "enum" || !xlatName.MatchString(name) {
			return "", e, fmt.Errorf("unknown return kind %q", strings.TrimSpace(ret))
		}
		e.ret, e.retXlat = "RetEnum", name
	} else if hasRet {
		r, ok := retNames[strings.TrimSpace(ret)]
		if !ok {
			return "", e, fmt.Errorf("unknown return kind %q", strings.TrimSpace(ret))
		}
		e.ret = r
	}
	if open := strings.IndexByte(line, '('); open >= 0 {
		end := strings.IndexByte(line, ')')
		if end < open {
			return "", e, errors.New("unclosed parameter list")
		}
		e.params = []param{}
		if list := strings.TrimSpace(line[open+1 : end]); list != "" {
			for s := range strings.SplitSeq(list, ",") {
				p, err := parseParam(s)
				if err != nil {
					return "", e, err
				}
				e.params = append(e.params, p)
			}
		}
		line = line[:open] + " " + line[end+1:]
	}
	f := strings.Fields(line)
	if len(f) == 0 {
		return "", e, errors.New("no syscall name")
	}
	name, f := f[0], f[1:]
	if len(f) >= 2 && f[0] == "=" {
		e.tracepoint, f = f[1], f[2:]
	}
	e.kinds = f
	if e.tracepoint != "" && e.params != nil {
		return "", e, fmt.Errorf("%s: both a tracepoint and parameters", name)
	}
	return name, e, nil
}

func build(n unistd.Number, formats map[string][]param, overlay map[string]entry, words map[string]kinds.Kind) (syscall, error) {
	sc := syscall{nr: n.Nr, name: n.Name, ret: "RetInt"}
	e := overlay[n.Name]
	tp := n.Name
	if e.tracepoint != "" {
		tp = e.tracepoint
	}
	params, ok := formats[tp]
	switch {
	case e.params != nil:
		params = e.params
	case !ok:
		return sc, fmt.Errorf("no tracepoint sys_enter_%s and no parameters in the overlay", tp)
	}
	if e.ret != "" {
		sc.ret, sc.retXlat = e.ret, e.retXlat
	}
	if len(e.kinds) != 0 && len(e.kinds) != len(params) {
		return sc, fmt.Errorf("overlay gives %d kinds for %d arguments", len(e.kinds), len(params))
	}
	for i, p := range params {
		a := arg{name: p.name, ctype: p.ctype, kind: defaultKind(p), lenArg: -1}
		if len(e.kinds) != 0 && strings.Contains(e.kinds[i], ":") {
			word, name, _ := strings.Cut(e.kinds[i], ":")
			if withXlat[word] == "" || !xlatName.MatchString(name) {
				return sc, fmt.Errorf("unknown kind %q", e.kinds[i])
			}
			a.kind, a.xlat = withXlat[word], name
		} else if len(e.kinds) != 0 && e.kinds[i] != "." {
			word, lenArg, hasLen := strings.Cut(e.kinds[i], "/")
			k, ok := words[word]
			if !ok || withXlat[word] != "" {
				return sc, fmt.Errorf("unknown kind %q", e.kinds[i])
			}
			if hasLen != k.TakesLen {
				return sc, fmt.Errorf("kind %q: only the kinds kinds.txt marks /len take /lenarg, and they need it", e.kinds[i])
			}
			a.kind = k.Name
			if hasLen {
				j, err := strconv.Atoi(lenArg)
				if err != nil || j < 0 || j >= len(params) || j == i {
					return sc, fmt.Errorf("kind %q: bad length argument", e.kinds[i])
				}
				a.lenArg = j
			}
		}
		sc.args = append(sc.args, a)
	}
	return sc, nil
}

// xlatName is the base name of an xlat/NAME.in file.
var xlatName = regexp.MustCompile(`^[a-z0-9_]+$`)

// xlatTables tells whether the xlat tables that the overlay names exist,
// and whether they are tables of bits (@flags).
type xlatTables struct {
	dir   string
	flags map[string]bool // by name, read once
}

// check fails when an argument of sc names a table that has no .in file,
// prints as Flags with a table not marked @flags, or as Enum with one
// marked @flags.
func (x *xlatTables) check(sc syscall) error {
	args := sc.args
	if sc.retXlat != "" {
		args = append(args[:len(args):len(args)], arg{name: "return value", kind: "Enum", xlat: sc.retXlat})
	}
	for _, a := range args {
		if a.xlat == "" {
			continue
		}
		if x.flags == nil {
			x.flags = map[string]bool{}
		}
		flags, ok := x.flags[a.xlat]
		if !ok {
			data, err := os.ReadFile(filepath.Join(x.dir, a.xlat+".in"))
			if err != nil {
				return fmt.Errorf("argument %s: xlat table %s: %w", a.name, a.xlat, err)
			}
			for line := range strings.Lines(string(data)) {
				if f := strings.Fields(line); len(f) == 1 && f[0] == "@flags" {
					flags = true
				}
			}
			x.flags[a.xlat] = flags
		}
		if flags != (a.kind == "Flags") {
			return fmt.Errorf("argument %s: %s is %s, but xlat/%s.in has @flags %v", a.name, a.xlat, a.kind, a.xlat, flags)
		}
	}
	return nil
}

// Argument names that say what an argument of a plain C type is.
var (
	pathNames = set("filename", "pathname", "path", "oldname", "newname",
		"from_pathname", "to_pathname", "new_root", "put_old", "specialfile",
		"special", "dir_name", "dev_name", "library")
	fdNames = set("fd", "oldfd", "newfd", "epfd", "ufd", "pidfd", "fd_in",
		"fd_out", "fdin", "fdout", "in_fd", "out_fd", "fanotify_fd", "fs_fd",
		"group_fd", "ruleset_fd", "fildes", "mqdes", "mountdirfd", "kernel_fd",
		"initrd_fd")
	dirfdNames = set("dfd", "olddfd", "newdfd", "from_dfd", "to_dfd")
	addrNames  = set("addr", "start", "brk", "new_addr")
	// typedefs of pointers
	pointerTypes = set("cap_user_header_t", "cap_user_data_t")
	signedInts   = set("int", "long", "__s32", "loff_t", "off_t", "key_t",
		"mqd_t", "timer_t", "clockid_t", "key_serial_t")
)

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// defaultKind is how an argument prints when the overlay does not say: what
// its C type and name tell.
func defaultKind(p param) string {
	ctype := strings.TrimPrefix(p.ctype, "const ")
	pointer := strings.Contains(ctype, "*") || pointerTypes[ctype]
	switch {
	case pointer && strings.HasSuffix(ctype, "char *") && pathNames[p.name]:
		return "Path"
	case pointer:
		return "Ptr"
	case dirfdNames[p.name]:
		return "DirFD"
	case fdNames[p.name]:
		return "FD"
	case ctype == "pid_t":
		return "Pid"
	case ctype == "umode_t":
		return "Mode"
	case ctype == "uid_t" || ctype == "gid_t" || ctype == "old_uid_t" || ctype == "old_gid_t":
		return "ID"
	case strings.Contains(p.name, "flags"):
		// flag words print in hex until a table names their bits
		return "Hex"
	case addrNames[p.name] && ctype == "unsigned long":
		return "Ptr"
	case signedInts[ctype]:
		return "Int"
	}
	return "Uint"
}

func render(table []syscall) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by %q; DO NOT EDIT.\n\n", command)
	b.WriteString("package syscalltbl\n\n")
	fmt.Fprintf(&b, "// maxNr is the highest syscall number plus one.\nconst maxNr = %d\n\n", table[len(table)-1].nr+1)
	b.WriteString("// table holds every x86_64 syscall, in number order.\nvar table = []Syscall{\n")
	for _, sc := range table {
		fmt.Fprintf(&b, "\t{%d, %q, ", sc.nr, sc.name)
		if len(sc.args) == 0 {
			b.WriteString("nil")
		} else {
			b.WriteString("[]Arg{")
			for i, a := range sc.args {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "{%q, %q, %s, %d, %q}", a.name, a.ctype, a.kind, a.lenArg, a.xlat)
			}
			b.WriteString("}")
		}
		fmt.Fprintf(&b, ", %s, %q},\n", sc.ret, sc.retXlat)
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format output: %w", err)
	}
	return src, nil
}
