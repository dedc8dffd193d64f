package cli

import (
	"fmt"
	"io"
	"strconv"

	"github.com/gotrace/gotrace/internal/stack"
	"github.com/spf13/pflag"
)

// stackOptions are -k's: strace's -k, -kk (--stack-trace[=symbol|source]),
// --stack-trace-frame-limit, and how much of the stack the kernel copies.
type stackOptions struct {
	level int // 1: -k, 2: -kk
	limit int
	size  int
}

// Stack copy sizes, bytes: the kernel's most, and the default.
const (
	maxStackCopy     = 65536 // MAX_STACK_COPY in bpf/event.h
	defaultStackCopy = 32768
)

func addStackFlags(f *pflag.FlagSet, o *stackOptions) {
	f.VarPF(stackTraceValue{&o.level}, "stack-trace", "k", "print the user stack after each syscall (-kk or `MODE` source: with source files and lines; symbol: without)").NoOptDefVal = repeated
	f.Var(frameLimitValue{&o.limit}, "stack-trace-frame-limit", "print at most `N` frames of each stack (default 256)")
	f.IntVar(&o.size, "stack-trace-size", defaultStackCopy, fmt.Sprintf("copy `BYTES` of each stack's top to unwind it (at most %d)", maxStackCopy))
}

// stackTraceValue is -k, -kk and --stack-trace=symbol|source.
type stackTraceValue struct{ level *int }

func (v stackTraceValue) String() string { return "" }
func (v stackTraceValue) Type() string   { return "mode" }

func (v stackTraceValue) Set(s string) error {
	switch s {
	case repeated:
		*v.level++ // symbolizer says if there are too many
	case "symbol":
		*v.level = 1
	case "source":
		*v.level = 2
	default:
		return fmt.Errorf("invalid --stack-trace argument: '%s' (symbol or source)", s)
	}
	return nil
}

// frameLimitValue is --stack-trace-frame-limit: a positive number.
type frameLimitValue struct{ limit *int }

func (v frameLimitValue) String() string { return "" }
func (v frameLimitValue) Type() string   { return "int" }

func (v frameLimitValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return fmt.Errorf("invalid --stack-trace-frame-limit argument: '%s'", s)
	}
	*v.limit = n
	return nil
}

// symbolizer checks the options and returns the symboliser of -k, nil
// without -k.
func (o *stackOptions) symbolizer(stderr io.Writer) (*stack.Symbolizer, error) {
	if o.level > 2 {
		return nil, fmt.Errorf("too many -k options")
	}
	if o.size < 256 || o.size > maxStackCopy || o.size%8 != 0 {
		return nil, fmt.Errorf("invalid --stack-trace-size argument: '%d' (a multiple of 8 from 256 to %d)", o.size, maxStackCopy)
	}
	if o.level == 0 {
		if o.limit != 0 {
			fmt.Fprintln(stderr, "gotrace: --stack-trace-frame-limit has no effect without -k/--stack-trace")
		}
		return nil, nil
	}
	return stack.New(o.limit, o.level == 2), nil
}
