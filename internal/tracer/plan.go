package tracer

import (
	"math"

	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/printer"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

const (
	pathMax       = 4096
	cloneArgsSize = 88 // sizeof(struct clone_args) with cgroup
	intSize       = 4
)

// buildPlans derives from the syscall table what the kernel side reads for
// each syscall, and marks the selected ones. The printer reads the same
// table, so what is captured is what is printed.
func buildPlans(sel *filter.Set, strSize int, verbose bool) *[bpf.MaxSyscallNr]bpf.SyscallPlan {
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
			ap := &pl.Args[i]
			size, atExit, ok := printer.StructArg(a.Kind)
			if !ok {
				size, atExit, ok = printer.RefArg(&a)
			}
			if ok {
				if atExit {
					ap.Exit = bpf.CapMemOut
				} else {
					ap.Enter = bpf.CapMemIn
				}
				ap.Size = uint16(size)
				continue
			}
			if enter, exit, lenArg, size, ok := netArgPlan(&a); ok {
				ap.Enter, ap.Exit, ap.LenArg, ap.Size = enter, exit, lenArg, size
				continue
			}
			switch a.Kind {
			case syscalltbl.Path:
				ap.Enter = bpf.CapPath
			case syscalltbl.PathOut:
				ap.Exit = bpf.CapPath
			case syscalltbl.Str:
				ap.Enter, ap.Size = bpf.CapStr, uint16(strCap)
			case syscalltbl.BufIn, syscalltbl.CPUSetIn:
				ap.Enter, ap.LenArg = bpf.CapBufIn, uint8(a.LenArg)
			case syscalltbl.BufOut, syscalltbl.BufOutHex, syscalltbl.CPUSetOut:
				ap.Exit = bpf.CapBufOut
			case syscalltbl.DirentsOut:
				ap.Exit = bpf.CapDirents
			case syscalltbl.IovIn:
				ap.Enter, ap.LenArg = bpf.CapIov, uint8(a.LenArg)
			case syscalltbl.IovOut:
				ap.Exit, ap.LenArg = bpf.CapIov, uint8(a.LenArg)
			case syscalltbl.Argv:
				ap.Enter = bpf.CapArgv
			case syscalltbl.Envp:
				// -v shows the environment's strings, else their number
				ap.Enter = bpf.CapEnvc
				if verbose {
					ap.Enter = bpf.CapArgv
				}
			case syscalltbl.WaitStatus:
				ap.Exit, ap.Size = bpf.CapMemOut, intSize
			case syscalltbl.Clone3Args:
				ap.Enter, ap.Exit, ap.Size = bpf.CapMemIn, bpf.CapClone3Out, cloneArgsSize
			}
		}
		switch sc.Name {
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
	return &plans
}

// argvMax is how many strings of an argv-style array strace shows: -s of
// them, or all with -v (the kernel side stops at its own limit, 256).
func argvMax(opt printer.Options) uint32 {
	if opt.Verbose {
		return math.MaxUint32
	}
	return uint32(opt.StrSize)
}
