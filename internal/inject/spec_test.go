package inject

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

func nr(t *testing.T, name string) int {
	t.Helper()
	sc := syscalltbl.ByName(name)
	if sc == nil {
		t.Fatalf("no syscall %s", name)
	}
	return sc.Nr
}

func TestAddRules(t *testing.T) {
	tests := []struct {
		expr  string
		fault bool
		on    string // a syscall the expression selects
		want  Rule
	}{
		{"openat:error=EACCES", false, "openat", Rule{Flags: Error, Errno: 13, First: 1, Last: whenInf, Step: 1}},
		{"openat:error=eacces:when=3", false, "openat", Rule{Flags: Error, Errno: 13, First: 3, Last: whenInf, Step: 0}},
		{"write:error=28:when=2+", false, "write", Rule{Flags: Error, Errno: 28, First: 2, Last: whenInf, Step: 1}},
		{"write:error=ENOSPC:when=2+3", false, "write", Rule{Flags: Error, Errno: 28, First: 2, Last: whenInf, Step: 3}},
		{"write:error=ENOSPC:when=2..5", false, "write", Rule{Flags: Error, Errno: 28, First: 2, Last: 5, Step: 1}},
		{"write:error=ENOSPC:when=2..5+2", false, "write", Rule{Flags: Error, Errno: 28, First: 2, Last: 5, Step: 2}},
		{"write:error=ENOSPC:when=65535", false, "write", Rule{Flags: Error, Errno: 28, First: 65535, Last: whenInf, Step: 0}},
		{"chdir:retval=42", false, "chdir", Rule{Flags: Retval, Retval: 42, First: 1, Last: whenInf, Step: 1}},
		{"chdir:retval=0x10", false, "chdir", Rule{Flags: Retval, Retval: 16, First: 1, Last: whenInf, Step: 1}},
		{"chdir:retval=010", false, "chdir", Rule{Flags: Retval, Retval: 8, First: 1, Last: whenInf, Step: 1}},
		{"chdir:retval=-1", false, "chdir", Rule{Flags: Retval, Retval: ^uint64(0), First: 1, Last: whenInf, Step: 1}},
		{"chdir:signal=usr1", false, "chdir", Rule{Flags: Signal, Signal: 10, First: 1, Last: whenInf, Step: 1}},
		{"chdir:signal=SIGUSR2:error=ENOENT", false, "chdir", Rule{Flags: Signal | Error, Signal: 12, Errno: 2, First: 1, Last: whenInf, Step: 1}},
		{"chdir:signal=9", false, "chdir", Rule{Flags: Signal, Signal: 9, First: 1, Last: whenInf, Step: 1}},
		{"chdir:error=ENOENT:syscall=gettid", false, "chdir", Rule{Flags: Error | Syscall, Errno: 2, Syscall: 186, First: 1, Last: whenInf, Step: 1}},
		{"read:delay_enter=800000", false, "read", Rule{Flags: DelayEnter, DelayEnter: 800 * time.Millisecond, First: 1, Last: whenInf, Step: 1}},
		{"read:delay_enter=8e5", false, "read", Rule{Flags: DelayEnter, DelayEnter: 800 * time.Millisecond, First: 1, Last: whenInf, Step: 1}},
		{"read:delay_enter=800ms", false, "read", Rule{Flags: DelayEnter, DelayEnter: 800 * time.Millisecond, First: 1, Last: whenInf, Step: 1}},
		{"read:delay_enter=+8e8ns", false, "read", Rule{Flags: DelayEnter, DelayEnter: 800 * time.Millisecond, First: 1, Last: whenInf, Step: 1}},
		{"read:delay_enter=1.5s:delay_exit=.16E7:error=EIO", false, "read", Rule{Flags: DelayEnter | DelayExit | Error, Errno: 5,
			DelayEnter: 1500 * time.Millisecond, DelayExit: 1600 * time.Millisecond, First: 1, Last: whenInf, Step: 1}},
		{"chdir:poke_enter=@arg1=2f746d70", false, "chdir", Rule{Flags: PokeEnter, PokeEnter: []Poke{{1, []byte("/tmp")}}, First: 1, Last: whenInf, Step: 1}},
		// fault=: ENOSYS unless error= says otherwise
		{"openat", true, "openat", Rule{Flags: Error, Errno: 38, First: 1, Last: whenInf, Step: 1}},
		{"openat:when=2", true, "openat", Rule{Flags: Error, Errno: 38, First: 2, Last: whenInf, Step: 0}},
		{"%file:error=EPERM", true, "unlink", Rule{Flags: Error, Errno: 1, First: 1, Last: whenInf, Step: 1}},
		{"/^open:error=EPERM", false, "open", Rule{Flags: Error, Errno: 1, First: 1, Last: whenInf, Step: 1}},
	}
	for _, tt := range tests {
		var s Spec
		if err := s.Add(tt.expr, tt.fault); err != nil {
			t.Errorf("Add(%q, %v): %v", tt.expr, tt.fault, err)
			continue
		}
		got := s.Rule(nr(t, tt.on))
		if got == nil {
			t.Errorf("Add(%q): %s has no rule", tt.expr, tt.on)
			continue
		}
		if !equalRules(*got, tt.want) {
			t.Errorf("Add(%q) = %+v, want %+v", tt.expr, *got, tt.want)
		}
	}
}

func equalRules(a, b Rule) bool {
	pokes := func(x, y []Poke) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i].Arg != y[i].Arg || string(x[i].Data) != string(y[i].Data) {
				return false
			}
		}
		return true
	}
	return pokes(a.PokeEnter, b.PokeEnter) && pokes(a.PokeExit, b.PokeExit) &&
		a.Flags == b.Flags && a.Errno == b.Errno && a.Retval == b.Retval && a.Signal == b.Signal &&
		a.Syscall == b.Syscall && a.DelayEnter == b.DelayEnter && a.DelayExit == b.DelayExit &&
		a.First == b.First && a.Last == b.Last && a.Step == b.Step
}

// A later expression replaces an earlier one for the syscalls both select.
func TestAddReplaces(t *testing.T) {
	var s Spec
	for _, e := range []string{"openat,read:error=EIO", "read:retval=3"} {
		if err := s.Add(e, false); err != nil {
			t.Fatal(err)
		}
	}
	if r := s.Rule(nr(t, "openat")); r == nil || r.Flags != Error {
		t.Errorf("openat: %+v, want error=EIO", r)
	}
	if r := s.Rule(nr(t, "read")); r == nil || r.Flags != Retval || r.Retval != 3 {
		t.Errorf("read: %+v, want retval=3", r)
	}
	if got := len(s.Numbers()); got != 2 {
		t.Errorf("%d syscalls have rules, want 2", got)
	}
}

// strace 6.1's tests/qual_inject-syntax.test and qual_fault-syntax.test: each
// must fail with "invalid inject argument" or "invalid fault argument".
func TestAddRejects(t *testing.T) {
	zeroes := strings.Repeat("0", 2050)
	common := []string{
		"chdir:42", "!chdir:42", "chdir:42:when=7", "chdir:invalid", "chdir:invalid:when=8",
		"chdir:error=", "chdir:error=:when=10", "chdir:error=invalid_error_name", "chdir:error=invalid_error_name:when=11",
		"chdir:error=-1", "chdir:error=-1:when=12", "chdir:error=-2", "chdir:error=3+", "chdir:error=4096",
		"chdir:when=7:error=invalid_error_name", "chdir:when=", "chdir:when=:error=19", "chdir:when=0", "chdir:when=0:error=20",
		"chdir:when=-1", "chdir:when=-2+", "chdir:when=-3+0", "chdir:when=4-", "chdir:when=5+-", "chdir:when=6++",
		"chdir:when=7+0", "chdir:when=8+-1", "chdir:when=9+1+", "chdir:when=65536", "chdir:when=1+65536",
		"chdir:error=1:error=2", "chdir:syscall=invalid", "chdir:syscall=chdir", "chdir:syscall=%file",
		"chdir:syscall=-42", "chdir:syscall=42", "chdir:syscall=gettid:syscall=gettid",
		"chdir:when=.", "chdir:when=.+", "chdir:when=..+", "chdir:when=+", "chdir:when=++", "chdir:when=10.",
		"chdir:when=11.12", "chdir:when=13.14+", "chdir:when=15..", "chdir:when=16...", "chdir:when=17...18",
		"chdir:when=.19", "chdir:when=..20", "chdir:when=..21+", "chdir:when=..22+3", "chdir:when=24..23",
		"chdir:when=25..26+0", "chdir:when=27..65535", "chdir:when=28..65535+", "chdir:when=65535..65535",
		"chdir:when=65535..65535+",
	}
	injectOnly := []string{
		"42", "chdir", // no action: fault= defaults to ENOSYS, inject= has none
		"chdir:retval=a", "chdir:retval=0b", "chdir:retval=0x10000000000000000", "chdir:signal=0", "chdir:signal=129",
		"chdir:signal=1:signal=2", "chdir:signal=1:retval=0:signal=2", "chdir:retval=0:retval=1", "chdir:retval=0:error=1",
		"chdir:error=1:retval=0", "chdir:retval=0:signal=1:error=1", "chdir:delay_enter=-1", "chdir:delay_exit=-2",
		"chdir:delay_enter=1:delay_enter=2", "chdir:delay_exit=3:delay_exit=4", "chdir:delay_enter=5:delay_exit=6:delay_enter=7",
		"chdir:delay_exit=8:delay_enter=9:delay_exit=10", "chdir:poke_enter=", "chdir:poke_exit=", "chdir:poke_enter=invalid",
		"chdir:poke_enter=@arg8=", "chdir:poke_enter=@arg0=", "chdir:poke_enter=@arg1", "chdir:poke_enter=@arg1=",
		"chdir:poke_enter=@arg1=000", "chdir:poke_enter=@arg1=nothex", "chdir:poke_enter=@arg1=" + zeroes,
		"chdir:poke_enter=@arg1=5374726163652100,@arg1=5374726163652100",
		"chdir:poke_enter=@arg1=5374726163652100:poke_enter=@arg1=5374726163652100",
		// gotrace's own: a set that selects nothing
		"!all:error=EIO", "?nosuchcall:error=EIO", ":error=EIO",
	}
	faultOnly := []string{"chdir:retval=0", "chdir:signal=1"}
	check := func(expr string, fault bool) {
		want := "invalid inject argument '" + expr + "'"
		if fault {
			want = "invalid fault argument '" + expr + "'"
		}
		var s Spec
		err := s.Add(expr, fault)
		switch {
		case err == nil:
			t.Errorf("Add(%q, %v) accepted it", expr, fault)
		case strings.ContainsRune(err.Error(), '\n'):
			t.Errorf("Add(%q, %v): %q is more than one line", expr, fault, err)
		case expr != "chdir:invalid" && !strings.HasPrefix(err.Error(), want) && !strings.HasPrefix(err.Error(), "invalid system call"):
			t.Errorf("Add(%q, %v) = %q, want it to start with %q", expr, fault, err, want)
		}
	}
	for _, e := range common {
		check(e, false)
		check(e, true)
	}
	for _, e := range injectOnly {
		check(e, false)
	}
	for _, e := range faultOnly {
		check(e, true)
	}
}

// Unknown names get strace's message, and the nearest name for a hint on
// a terminal.
func TestAddUnknownSyscall(t *testing.T) {
	var s Spec
	err := s.Add("opnat:error=EIO", false)
	var ne *filter.NameError
	if !errors.As(err, &ne) || err.Error() != "invalid system call 'opnat'" || ne.Near != "openat" {
		t.Errorf("got %v", err)
	}
}

// when= counts each task's calls as strace's tamper_with_syscall_entering.
func TestCountersWhen(t *testing.T) {
	tests := []struct {
		when string
		want string // calls 1..12: x injected, . not
	}{
		{"", "xxxxxxxxxxxx"},
		{"when=3", "..x........."},
		{"when=3+", "..xxxxxxxxxx"},
		{"when=3+4", "..x...x...x."},
		{"when=3..5", "..xxx......."},
		{"when=2..9+3", ".x..x..x...."},
		{"when=1..1", "x..........."},
	}
	for _, tt := range tests {
		var s Spec
		expr := "getpid:error=EIO"
		if tt.when != "" {
			expr += ":" + tt.when
		}
		if err := s.Add(expr, false); err != nil {
			t.Fatal(err)
		}
		c := s.NewCounters()
		other := s.NewCounters() // another task counts on its own
		var got []byte
		for i := 0; i < 12; i++ {
			if c.Next(39) != nil {
				got = append(got, 'x')
			} else {
				got = append(got, '.')
			}
			if i == 0 && other.Next(39) == nil && tt.want[0] == 'x' {
				t.Errorf("%s: a second task's first call is not injected", tt.when)
			}
			if c.Next(nr(t, "getppid")) != nil {
				t.Errorf("%s: getppid has no rule", tt.when)
			}
		}
		if string(got) != tt.want {
			t.Errorf("%s: %s, want %s", tt.when, got, tt.want)
		}
	}
}

func TestFilterProgram(t *testing.T) {
	prog := filterProgram([]int{2, 257, 59})
	// two loads and checks, then a compare and its return for each of
	// execve, execveat, 2, 257 (59 twice is once), then allow
	if len(prog) != 6+2*4+1 {
		t.Fatalf("%d instructions: %+v", len(prog), prog)
	}
	// every jump stays inside the program
	for i, ins := range prog {
		if ins.Code&0x07 == 0x05 && (i+1+int(ins.Jt) >= len(prog) || i+1+int(ins.Jf) >= len(prog)) {
			t.Errorf("instruction %d jumps out: %+v", i, ins)
		}
	}
}
