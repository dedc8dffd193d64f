package plan

import (
	"math"
	"testing"

	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

func build(t *testing.T, expr []string, strSize int, verbose bool) *[bpf.MaxSyscallNr]bpf.SyscallPlan {
	t.Helper()
	sel, err := filter.Parse(expr)
	if err != nil {
		t.Fatal(err)
	}
	return Build(sel.Syscalls, strSize, verbose)
}

func nr(t *testing.T, name string) int {
	t.Helper()
	sc := syscalltbl.ByName(name)
	if sc == nil {
		t.Fatalf("no syscall %s", name)
	}
	return sc.Nr
}

// What the kernel side reads follows each argument's kind.
func TestPlansFollowKinds(t *testing.T) {
	t.Parallel()
	plans := build(t, nil, 32, false)
	type arg struct {
		name        string
		i           int
		enter, exit uint8
		lenArg      uint8
		size        uint16
	}
	for _, c := range []arg{
		{"read", 1, 0, bpf.CapBufOut, 0, 0},
		{"write", 1, bpf.CapBufIn, 0, 2, 0},
		{"openat", 1, bpf.CapPath, 0, 0, 0},
		{"setxattr", 1, bpf.CapStr, 0, 0, 34}, // -s 32, and two more
		{"writev", 1, bpf.CapIov, 0, 2, 0},
		{"readv", 1, 0, bpf.CapIov, 2, 0},
		{"execve", 1, bpf.CapArgv, 0, 0, 0},
		{"execve", 2, bpf.CapEnvc, 0, 0, 0},
		{"fstat", 1, 0, bpf.CapMemOut, 0, 144},
		{"wait4", 1, 0, bpf.CapMemOut, 0, 4},
		{"clone3", 0, bpf.CapClone3In, bpf.CapClone3Out, 1, 88},
		{"connect", 1, bpf.CapArrayIn, 0, 2, 1},
		{"accept", 1, 0, bpf.CapLenptrOut, 2, 0},
		{"poll", 0, bpf.CapArrayIn, bpf.CapArrayOut, 1, 8},
		{"epoll_wait", 1, 0, bpf.CapArrayOut, arrayByRet, 12},
		{"close", 0, 0, 0, 0, 0},
		// what the decoders of clone, fcntl, prctl, arch_prctl and
		// rt_sigreturn read, as their overlay kinds say
		{"clone", 2, 0, bpf.CapMemOut, 0, 4},
		{"fcntl", 2, bpf.CapMemInFit, bpf.CapMemOutFit, 0, 32},
		{"nanosleep", 1, 0, bpf.CapMemOutAnyFit, 0, 16},
		{"prctl", 1, bpf.CapStr, bpf.CapMemOutFit, 0, 16},
		{"prctl", 4, bpf.CapStr, bpf.CapMemOutFit, 0, 34},
		{"arch_prctl", 1, 0, bpf.CapMemOut, 0, 8},
		{"rt_sigreturn", 0, bpf.CapMemIn, 0, 0, 8},
	} {
		ap := plans[nr(t, c.name)].Args[c.i]
		if ap.Enter != c.enter || ap.Exit != c.exit || ap.LenArg != c.lenArg || ap.Size != c.size {
			t.Errorf("%s argument %d: enter %d exit %d len %d size %d, want %d %d %d %d",
				c.name, c.i, ap.Enter, ap.Exit, ap.LenArg, ap.Size, c.enter, c.exit, c.lenArg, c.size)
		}
	}
	// -v reads the environment's strings, and a large -s stops at PATH_MAX
	verbose := build(t, nil, 5000, true)
	if ap := verbose[nr(t, "execve")].Args[2]; ap.Enter != bpf.CapArgv {
		t.Errorf("-v: execve's envp captured as %d", ap.Enter)
	}
	if ap := verbose[nr(t, "setxattr")].Args[1]; ap.Size != pathMax {
		t.Errorf("-s 5000: a string captured up to %d bytes", ap.Size)
	}
	// prctl's name is read as strace reads it (TASK_COMM_LEN) whatever -s says
	if ap := build(t, nil, 64, false)[nr(t, "prctl")].Args[1]; ap.Size != 16 {
		t.Errorf("-s 64: prctl's name captured up to %d bytes", ap.Size)
	}
	if ArgvMax(32, false) != 32 || ArgvMax(32, true) != math.MaxUint32 {
		t.Errorf("ArgvMax: %d, %d", ArgvMax(32, false), ArgvMax(32, true))
	}
}

// The selection marks what is traced; numbers the table does not know are
// always traced, with their raw arguments, as strace shows them.
func TestPlansSelect(t *testing.T) {
	t.Parallel()
	plans := build(t, []string{"trace=openat"}, 32, false)
	for i := range plans {
		want := i == nr(t, "openat") || syscalltbl.Lookup(i) == nil
		if got := plans[i].Flags&bpf.PlanTraced != 0; got != want {
			t.Errorf("syscall %d traced %v, want %v", i, got, want)
		}
	}
	// capture plans do not depend on the selection
	if plans[nr(t, "read")].Args[1].Exit != bpf.CapBufOut {
		t.Error("an unselected read has no capture plan")
	}
}

// The calls of strace's %pure class (no argument, never blocking) have
// their enter sent with their exit, and no other call.
func TestPlansJoin(t *testing.T) {
	t.Parallel()
	plans := build(t, []string{"trace=all"}, 32, false)
	for _, sc := range syscalltbl.All() {
		if sc.Nr >= bpf.MaxSyscallNr {
			continue
		}
		want := syscalltbl.Classes(sc.Nr)&syscalltbl.ClassPure != 0
		if got := plans[sc.Nr].Flags&bpf.PlanJoin != 0; got != want {
			t.Errorf("%s joined %v, want %v", sc.Name, got, want)
		}
	}
	if plans[nr(t, "getppid")].Flags&bpf.PlanJoin == 0 || plans[nr(t, "read")].Flags&bpf.PlanJoin != 0 {
		t.Error("getppid not joined, or read joined")
	}
}

// Dumps capture whole buffers of the dumped syscalls, and only theirs.
func TestWholeBuffers(t *testing.T) {
	plans := build(t, nil, 32, false)
	WholeBuffers(plans)
	for name, want := range map[string]bool{"read": true, "write": true, "pread64": true, "sendto": true, "recvfrom": true, "readv": true, "sendmsg": true, "openat": false, "close": false} {
		sc := syscalltbl.ByName(name)
		if got := plans[sc.Nr].Flags&bpf.PlanWholeBufs != 0; got != want {
			t.Errorf("%s: whole buffers %v, want %v", name, got, want)
		}
		if plans[sc.Nr].Flags&bpf.PlanTraced == 0 {
			t.Errorf("%s: no longer traced", name)
		}
	}
}

// Every array an ioctl request's struct points to lies, with its count
// and the type that selects it, inside the struct the request's size
// field sizes; an element's buffer, inside the element.
func TestIoctlPointers(t *testing.T) {
	ptrs := IoctlPointers()
	if len(ptrs) == 0 {
		t.Fatal("no ioctl pointers")
	}
	// the console's codes carry no size: their structs' (linux/kd.h)
	sizeless := map[uint32]uint32{0x4b66: 16, 0x4b67: 16, 0x4b6b: 16, 0x4b6c: 16, 0x4b72: 32}
	for code, p := range ptrs {
		size := code >> 16 & 0x3fff
		if size == 0 {
			size = sizeless[code]
		}
		if uint32(p.PtrOff)+8 > size || uint32(p.CountOff)+4 > size || p.TypeOff != bpf.IoctlPtrNone && uint32(p.TypeOff)+4 > size {
			t.Errorf("ioctl %#x: %+v reaches past its %d bytes", code, p, size)
		}
		if p.ElemSize == 0 || p.When == 0 {
			t.Errorf("ioctl %#x: %+v reads nothing", code, p)
		}
		if p.BufPtrOff != bpf.IoctlPtrNone && (p.BufPtrOff+8 > p.ElemSize || p.BufLenOff+4 > p.ElemSize) {
			t.Errorf("ioctl %#x: %+v: buffer past its element", code, p)
		}
	}
}
