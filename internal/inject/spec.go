// Package inject is strace's syscall tampering (-e inject=, -e fault=)
// without ptrace: the command runs under a seccomp filter whose listener
// gotrace holds, and gotrace answers the selected syscalls (see
// docs/inject.md). This file reads the expressions, as strace 6.1's
// src/filter_qualify.c reads them.
package inject

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Flags say what a rule does to a call it applies to.
type Flags uint8

// What a rule does, as strace's INJECT_F_* flags.
const (
	Signal     Flags = 1 << iota // signal=: the signal is sent at entry
	Error                        // error=: the call fails with Errno
	Retval                       // retval=: the call returns Retval
	DelayEnter                   // delay_enter=: the call waits before it runs
	DelayExit                    // delay_exit=: the call waits before it returns
	Syscall                      // syscall=: a pure syscall runs in its place
	PokeEnter                    // poke_enter=: memory written at entry
	PokeExit                     // poke_exit=: memory written at exit
)

// actions are the flags that make a rule do something (strace's
// INJECT_ACTION_FLAGS: syscall= alone does not).
const actions = Signal | Error | Retval | DelayEnter | DelayExit | PokeEnter | PokeExit

// whenInf is when='s "no last call" (strace's INJECT_LAST_INF).
const whenInf = math.MaxUint16

// maxErrno is the largest errno error= accepts (strace's MAX_ERRNO_VALUE).
const maxErrno = 4095

// Poke is one @argN=HEX of poke_enter= or poke_exit=: Data written at the
// address in argument Arg (1-based).
type Poke struct {
	Arg  int
	Data []byte
}

// Rule is what one expression asks of each syscall it selects.
type Rule struct {
	Flags   Flags
	Errno   int    // error=
	Retval  uint64 // retval=
	Signal  int    // signal=
	Syscall int    // syscall=: the substitute's number
	// DelayEnter and DelayExit are delay_enter= and delay_exit=.
	DelayEnter, DelayExit time.Duration
	// PokeEnter and PokeExit are poke_enter= and poke_exit=.
	PokeEnter, PokeExit []Poke
	// First, Last and Step are when=FIRST..LAST+STEP, counted in calls
	// of the syscall by one task; Last is whenInf without an end.
	First, Last, Step uint16
}

// Spec is every -e inject= and -e fault= given: for each syscall number,
// the rule of the last expression that selected it.
type Spec struct {
	rules []*Rule
}

// Empty reports whether no expression was given.
func (s *Spec) Empty() bool { return s == nil || len(s.rules) == 0 }

// Rule returns the rule for syscall nr, or nil.
func (s *Spec) Rule(nr int) *Rule {
	if s.Empty() || nr < 0 || nr >= len(s.rules) {
		return nil
	}
	return s.rules[nr]
}

// Numbers returns the syscalls that have a rule, in order.
func (s *Spec) Numbers() []int {
	var nrs []int
	if s == nil {
		return nil
	}
	for nr, r := range s.rules {
		if r != nil {
			nrs = append(nrs, nr)
		}
	}
	return nrs
}

// Add reads one expression, SET:TOKEN:TOKEN..., as -e inject= (fault
// false) or -e fault= (fault true) reads it; for the syscalls it selects,
// its rule replaces an earlier expression's.
func (s *Spec) Add(expr string, fault bool) error {
	what := "inject"
	if fault {
		what = "fault"
	}
	bad := func(why string) error {
		return fmt.Errorf("invalid %s argument '%s': %s", what, expr, why)
	}
	set, tokens, _ := strings.Cut(expr, ":")
	if set == "" {
		return errors.New("invalid system call ''") // strace's words
	}
	r := &Rule{First: 1, Last: whenInf, Step: 1}
	if tokens != "" || strings.HasSuffix(expr, ":") {
		for _, tok := range strings.Split(tokens, ":") {
			if tok == "" {
				continue // strtok: empty tokens are skipped
			}
			if err := r.token(tok, fault); err != nil {
				return bad(err.Error())
			}
		}
	}
	sel, err := filter.SyscallSet(set)
	if err != nil {
		return err
	}
	if r.Flags&actions == 0 {
		if !fault {
			return bad("nothing to do: give error=, retval=, signal=, delay_enter=, delay_exit=, poke_enter= or poke_exit=")
		}
		r.Flags |= Error // fault='s default: ENOSYS
		r.Errno = int(syscallENOSYS)
	}
	nrs := sel.Numbers()
	if len(nrs) == 0 && set != "none" {
		// "none" says so (strace's tests use it); anything else that
		// selects nothing is a mistake
		return bad("it selects no syscall")
	}
	if s.rules == nil {
		s.rules = make([]*Rule, syscalltbl.Max())
	}
	for _, nr := range nrs {
		s.rules[nr] = r
	}
	return nil
}

const syscallENOSYS = 38

// token reads one NAME=VALUE of an expression into r.
func (r *Rule) token(tok string, fault bool) error {
	name, val, ok := strings.Cut(tok, "=")
	if !ok {
		return fmt.Errorf("unknown token '%s'", tok)
	}
	if fault {
		switch name {
		case "when", "error", "syscall":
		default:
			return fmt.Errorf("'%s=' is not a fault= token (error=, syscall= and when= are; use inject=)", name)
		}
	}
	dup := func() error { return fmt.Errorf("'%s=' given twice", name) }
	switch name {
	case "when":
		return r.when(val)
	case "syscall":
		if r.Flags&Syscall != 0 {
			return dup()
		}
		sc := syscalltbl.ByName(val)
		if sc == nil {
			return fmt.Errorf("unknown syscall '%s'", val)
		}
		if syscalltbl.Classes(sc.Nr)&syscalltbl.ClassPure == 0 {
			return fmt.Errorf("syscall=%s: only a syscall without arguments or side effects (%%pure) can stand in", val)
		}
		r.Syscall = sc.Nr
		r.Flags |= Syscall
	case "error":
		if r.Flags&(Error|Retval) != 0 {
			return errors.New("error= and retval= exclude each other and may be given once")
		}
		e, ok := errnoNumber(val)
		if !ok {
			return fmt.Errorf("unknown error '%s'", val)
		}
		r.Errno = e
		r.Flags |= Error
	case "retval":
		if r.Flags&(Error|Retval) != 0 {
			return errors.New("error= and retval= exclude each other and may be given once")
		}
		v, ok := parseRetval(val)
		if !ok {
			return fmt.Errorf("invalid return value '%s'", val)
		}
		r.Retval = v
		r.Flags |= Retval
	case "signal":
		if r.Flags&Signal != 0 {
			return dup()
		}
		sig, ok := signalNumber(val)
		if !ok {
			return fmt.Errorf("unknown signal '%s'", val)
		}
		r.Signal = sig
		r.Flags |= Signal
	case "delay_enter", "delay_exit":
		f, d := DelayEnter, &r.DelayEnter
		if name == "delay_exit" {
			f, d = DelayExit, &r.DelayExit
		}
		if r.Flags&f != 0 {
			return dup()
		}
		v, ok := parseDelay(val)
		if !ok {
			return fmt.Errorf("invalid delay '%s' (microseconds, or a number with s, ms, us or ns)", val)
		}
		*d = v
		r.Flags |= f
	case "poke_enter", "poke_exit":
		f, p := PokeEnter, &r.PokeEnter
		if name == "poke_exit" {
			f, p = PokeExit, &r.PokeExit
		}
		if r.Flags&f != 0 {
			return dup()
		}
		pokes, err := parsePokes(val)
		if err != nil {
			return err
		}
		*p = pokes
		r.Flags |= f
	default:
		return fmt.Errorf("unknown token '%s'", tok)
	}
	return nil
}

// when reads FIRST, FIRST+, FIRST+STEP, FIRST..LAST and FIRST..LAST+STEP,
// each number from 1 to 65535 (LAST below 65535), as strace does.
func (r *Rule) when(val string) error {
	bad := fmt.Errorf("invalid when='%s' (FIRST[..LAST][+[STEP]], numbers from 1 to 65535)", val)
	first, rest, ok := leadingUint(val, math.MaxUint16, "+.")
	if !ok || first < 1 {
		return bad
	}
	r.First, r.Last = uint16(first), whenInf
	if strings.HasPrefix(rest, ".") {
		if !strings.HasPrefix(rest, "..") {
			return bad
		}
		last, more, ok := leadingUint(rest[2:], math.MaxUint16, "+")
		if !ok || last < first || last == whenInf {
			return bad
		}
		r.Last, rest = uint16(last), more
	}
	switch {
	case rest == "" && r.Last == whenInf:
		r.Step = 0 // FIRST: that call only
	case rest == "":
		r.Step = 1 // FIRST..LAST
	case rest == "+":
		r.Step = 1
	default:
		step, more, ok := leadingUint(rest[1:], math.MaxUint16, "")
		if !ok || more != "" || step < 1 {
			return bad
		}
		r.Step = uint16(step)
	}
	return nil
}

// leadingUint reads a decimal number at the start of s, as strace's
// string_to_uint_ex: it must be followed by the end or one of ending, and
// be at most max.
func leadingUint(s string, max uint64, ending string) (uint64, string, bool) {
	i := 0
	if i < len(s) && s[i] == '+' {
		i++ // strtoll takes a sign
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start {
		return 0, s, false
	}
	v, err := strconv.ParseUint(s[start:i], 10, 64)
	if err != nil || v > max {
		return 0, s, false
	}
	if i < len(s) && !strings.ContainsRune(ending, rune(s[i])) {
		return 0, s, false
	}
	return v, s[i:], true
}

// errnoNumber reads error=: a number from 1 to 4095 or a name (any case).
func errnoNumber(s string) (int, bool) {
	if v, rest, ok := leadingUint(s, maxErrno, ""); ok && rest == "" {
		return int(v), v >= 1
	}
	for e := 1; e <= maxErrno; e++ {
		if name, ok := xlat.ErrnoName(e); ok && strings.EqualFold(name, s) {
			return e, true
		}
	}
	return 0, false
}

// signalNumber reads signal=: a number from 1 to 64, or a name with or
// without SIG (any case).
func signalNumber(s string) (int, bool) {
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		v, rest, ok := leadingUint(s, 255, "")
		return int(v), ok && rest == "" && v >= 1 && v <= 64
	}
	if len(s) >= 3 && strings.EqualFold(s[:3], "SIG") {
		s = s[3:]
	}
	for sig := 1; sig <= 64; sig++ {
		if name := xlat.SignalName(sig); strings.HasPrefix(name, "SIG") && strings.EqualFold(name[3:], s) {
			return sig, true
		}
	}
	return 0, false
}

// parseRetval reads retval= as strtoull with base 0 does: decimal, 0x hex
// or 0 octal, a leading sign allowed (-1 is 2^64-1).
func parseRetval(s string) (uint64, bool) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	base := 10
	switch {
	case len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X"):
		base, s = 16, s[2:]
	case len(s) > 1 && s[0] == '0':
		base, s = 8, s[1:]
	}
	if s == "" || strings.ContainsAny(s, "_+-") {
		return 0, false
	}
	v, err := strconv.ParseUint(s, base, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// parseDelay reads a delay as strace's parse_ts: an integer or a
// floating-point number, in microseconds or with a suffix s, ms, us, ns.
func parseDelay(s string) (time.Duration, bool) {
	intLen := len(s) - len(strings.TrimLeft(s, "+0123456789"))
	floatLen := len(s) - len(strings.TrimLeft(s, "eE.-+0123456789"))
	num, suffix := s[:floatLen], s[floatLen:]
	scale := map[string]float64{"": 1e3, "s": 1e9, "ms": 1e6, "us": 1e3, "ns": 1}
	if floatLen == intLen {
		num, suffix = s[:intLen], s[intLen:]
		v, rest, ok := leadingUint(num, math.MaxInt64, "")
		if !ok || rest != "" {
			return 0, false
		}
		unit, ok := scale[suffix]
		if !ok || float64(v)*unit > math.MaxInt64 {
			return 0, false
		}
		return time.Duration(v) * time.Duration(unit), true
	}
	v, err := strconv.ParseFloat(num, 64)
	unit, ok := scale[suffix]
	if err != nil || !ok || v < 0 || v*unit > math.MaxInt64 {
		return 0, false
	}
	return time.Duration(v * unit), true
}

// parsePokes reads @argN=HEX[,@argN=HEX]...: N from 1 to 7, HEX an even
// number of hex digits, at most 2048, each argument once.
func parsePokes(s string) ([]Poke, error) {
	if s == "" {
		return nil, errors.New("empty poke")
	}
	var pokes []Poke
	for _, item := range strings.Split(s, ",") {
		rest, ok := strings.CutPrefix(item, "@arg")
		if !ok || len(rest) < 2 || rest[0] < '1' || rest[0] > '7' || rest[1] != '=' {
			return nil, fmt.Errorf("invalid poke '%s' (@argN=HEX, N from 1 to 7)", item)
		}
		hex := rest[2:]
		if hex == "" || len(hex)%2 != 0 || len(hex) > 2048 {
			return nil, fmt.Errorf("invalid poke '%s': an even number of hex digits, at most 2048", item)
		}
		data := make([]byte, len(hex)/2)
		for i := range data {
			b, err := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
			if err != nil {
				return nil, fmt.Errorf("invalid poke '%s': not hex", item)
			}
			data[i] = byte(b)
		}
		arg := int(rest[0] - '0')
		for _, p := range pokes {
			if p.Arg == arg {
				return nil, fmt.Errorf("invalid poke '%s': @arg%d given twice", item, arg)
			}
		}
		pokes = append(pokes, Poke{Arg: arg, Data: data})
	}
	return pokes, nil
}
