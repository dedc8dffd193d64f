// Package plan builds the kernel side's capture plans: for each syscall,
// whether it is traced and what of each argument is read from the tracee's
// memory, at enter and at exit. What is read follows the registry of
// argument kinds (gen/inputs/kinds.txt), the same the printer follows, so
// what is captured is what is printed.
package plan

import (
	"math"

	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/dump"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

const (
	pathMax    = 4096
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
		if syscalltbl.Classes(sc.Nr)&syscalltbl.ClassPure != 0 {
			// getpid() and the like take no argument and never block:
			// nothing is lost by sending their enter with their exit
			pl.Flags |= bpf.PlanJoin
		}
		for i, a := range sc.Args {
			if i >= bpf.MaxSyscallArgs {
				break
			}
			k := a.Kind.Info()
			ap := &pl.Args[i]
			ap.Enter, ap.Exit, ap.Size = k.Enter, k.Exit, k.Size
			switch {
			case k.StrMax:
				ap.Size = min(ap.Size, uint16(strCap))
			case k.StrSize:
				ap.Size = max(ap.Size, uint16(strCap)+k.StrExtra)
			}
			if k.ArgvWhenVerbose && verbose {
				// -v shows the environment's strings, else their number
				ap.Enter = bpf.CapArgv
			}
			if a.Kind == syscalltbl.DirentsOut && verbose {
				// -v shows the entries, else their number: the
				// bytes the call returned (up to PATH_MAX)
				ap.Exit, ap.LenArg, ap.Size = bpf.CapArrayOut, arrayByRet, 1
			}
			if k.PointeeSize {
				pointee := a.Pointee()
				ap.Size = uint16(pointee.Bits() / 8)
			}
			switch k.Length {
			case syscalltbl.LengthArg:
				ap.LenArg = uint8(a.LenArg)
				if int(a.LenArg) < len(sc.Args) && sc.Args[a.LenArg].Bits() == 32 {
					// an int: the kernel reads its low half (ppoll's nfds)
					ap.LenU32 = 1
				}
			case syscalltbl.LengthRet:
				ap.LenArg = arrayByRet
			}
		}
	}
	return &plans
}

// WholeBuffers has the kernel side capture the buffers of the syscalls
// strace dumps for -e read= and -e write= whole, up to its PATH_MAX (4096
// bytes), rather than -s of them.
func WholeBuffers(plans *[bpf.MaxSyscallNr]bpf.SyscallPlan) {
	for _, sc := range syscalltbl.All() {
		if sc.Nr < bpf.MaxSyscallNr && dumped(sc.Name) {
			plans[sc.Nr].Flags |= bpf.PlanWholeBufs
		}
	}
}

// dumped reports whether strace dumps the data of the syscall named name
// for -e read= or -e write=.
func dumped(name string) bool {
	dir, _ := dump.Of(name)
	return dir != dump.None
}

// ArgvMax is how many strings of an argv-style array strace shows: -s of
// them, or all with -v (the kernel side stops at its own limit, 256).
func ArgvMax(strSize int, verbose bool) uint32 {
	if verbose {
		return math.MaxUint32
	}
	return uint32(strSize)
}
