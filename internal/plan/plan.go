// Package plan builds the kernel side's capture plans: for each syscall,
// whether it is traced and what of each argument is read from the tracee's
// memory, at enter and at exit. What is read follows the registry of
// argument kinds (gen/inputs/kinds.txt), the same the printer follows, so
// what is captured is what is printed.
package plan

import (
	"math"

	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/printer"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

const (
	pathMax    = 4096
	intSize    = 4
	arrayByRet = 0xff // ARRAY_BY_RET of bpf/event.h
)

// Build returns the plans of every syscall number for the selection sel,
// -s strSize and -v verbose.
func Build(sel *filter.Set, strSize int, verbose bool) *[bpf.MaxSyscallNr]bpf.SyscallPlan {
	var plans [bpf.MaxSyscallNr]bpf.SyscallPlan
	strCap := strSize + 2 // one byte more than shown tells whether to print "..."
	if strCap > pathMax {
		strCap = pathMax
	}
	for nr := range plans {
		// numbers the table does not know print with their raw arguments
		if syscalltbl.Lookup(nr) == nil && sel.Has(nr) {
			plans[nr].Flags = bpf.PlanTraced
		}
	}
	for _, sc := range syscalltbl.All() {
		if sc.Nr >= bpf.MaxSyscallNr {
			continue
		}
		pl := &plans[sc.Nr]
		if sel.Has(sc.Nr) {
			pl.Flags = bpf.PlanTraced
		}
		for i, a := range sc.Args {
			if i >= bpf.MaxSyscallArgs {
				break
			}
			k := a.Kind.Info()
			ap := &pl.Args[i]
			ap.Enter, ap.Exit, ap.Size = k.Enter, k.Exit, k.Size
			if k.StrSize {
				ap.Size = uint16(strCap)
			}
			if k.ArgvWhenVerbose && verbose {
				// -v shows the environment's strings, else their number
				ap.Enter = bpf.CapArgv
			}
			if size, _, ok := printer.RefArg(&a); ok {
				ap.Size = uint16(size)
			}
			switch k.Length {
			case syscalltbl.LengthArg:
				ap.LenArg = uint8(a.LenArg)
			case syscalltbl.LengthRet:
				ap.LenArg = arrayByRet
			}
		}
		special(sc.Name, pl, strCap)
	}
	return &plans
}

// special adds what a few syscalls read beyond what their arguments' kinds
// say, for the decoders of their own in the printer.
func special(name string, pl *bpf.SyscallPlan, strCap int) {
	switch name {
	case "clone":
		// clone's parent_tid points to where the kernel stores the
		// child's tid, which strace shows at exit
		pl.Args[2].Exit, pl.Args[2].Size = bpf.CapMemOut, intSize
	case "fcntl":
		// the locking commands pass a struct flock, read at
		// enter (F_SETLK) or written by the kernel (F_GETLK)
		pl.Args[2].Enter, pl.Args[2].Exit, pl.Args[2].Size = bpf.CapMemIn, bpf.CapMemOut, printer.FlockSize
	case "prctl":
		// PR_SET_NAME's name; what the PR_GET_* options store
		pl.Args[1].Enter, pl.Args[1].Size = bpf.CapStr, uint16(strCap)
		pl.Args[1].Exit = bpf.CapMemOut
		pl.Args[1].Size = max(pl.Args[1].Size, printer.TaskCommLen)
	case "arch_prctl":
		// where ARCH_GET_FS and ARCH_GET_GS store the base
		pl.Args[1].Exit, pl.Args[1].Size = bpf.CapMemOut, 8
	case "rt_sigreturn":
		// the kernel side puts the address of the signal mask
		// being restored in the first argument slot
		pl.Args[0].Enter, pl.Args[0].Size = bpf.CapMemIn, printer.SigsetSize
	}
}

// ArgvMax is how many strings of an argv-style array strace shows: -s of
// them, or all with -v (the kernel side stops at its own limit, 256).
func ArgvMax(strSize int, verbose bool) uint32 {
	if verbose {
		return math.MaxUint32
	}
	return uint32(strSize)
}
