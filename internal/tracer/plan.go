package tracer

import (
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
func buildPlans(sel *filter.Set, strSize int) *[bpf.MaxSyscallNr]bpf.SyscallPlan {
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
			if size, atExit, ok := printer.StructArg(a.Kind); ok {
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
			case syscalltbl.Str:
				ap.Enter, ap.Size = bpf.CapStr, uint16(strCap)
			case syscalltbl.BufIn:
				ap.Enter, ap.LenArg = bpf.CapBufIn, uint8(a.LenArg)
			case syscalltbl.BufOut:
				ap.Exit = bpf.CapBufOut
			case syscalltbl.Argv:
				ap.Enter = bpf.CapArgv
			case syscalltbl.Envp:
				ap.Enter = bpf.CapEnvc
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
		case "rt_sigreturn":
			// the kernel side puts the address of the signal mask
			// being restored in the first argument slot
			pl.Args[0].Enter, pl.Args[0].Size = bpf.CapMemIn, printer.SigsetSize
		}
	}
	return &plans
}
