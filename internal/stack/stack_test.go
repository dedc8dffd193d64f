package stack

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/gotrace/gotrace/internal/unwind"
)

const (
	libc   = "/usr/lib/x86_64-linux-gnu/libc.so.6"
	libcID = "93ac61ec5a8eb1396f9fbd350e3169a558528a40" // Debian 12's 2.36-9+deb12u*
	ldso   = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
)

// fileMapping maps path's code at base+its offset, as ld.so does.
func fileMapping(tb testing.TB, path string, base uint64) Mapping {
	tb.Helper()
	m, skip := codeMapping(path, base)
	if skip != "" {
		tb.Skip(skip)
	}
	return m
}

// codeMapping is fileMapping's work; it says why not when it cannot.
func codeMapping(path string, base uint64) (Mapping, string) {
	f, err := elf.Open(path)
	if err != nil {
		return Mapping{}, fmt.Sprintf("no %s: %v", path, err)
	}
	defer f.Close()
	if path == libc {
		s := f.Section(".note.gnu.build-id")
		b, _ := s.Data()
		if id := fmt.Sprintf("%x", b[16:]); id != libcID {
			return Mapping{}, fmt.Sprintf("%s is build %s, not the one these offsets are for", path, id)
		}
	}
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return Mapping{}, err.Error()
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && p.Flags&elf.PF_X != 0 {
			return Mapping{Start: base + p.Vaddr, End: base + p.Vaddr + p.Filesz, Off: p.Off, File: FileID{st.Dev, st.Ino}, Path: path}, ""
		}
	}
	return Mapping{}, path + " maps no code"
}

func lines(fs []Frame, queued bool) string {
	var b []byte
	for i := range fs {
		b = AppendLine(b, &fs[i], queued)
	}
	return string(b)
}

// The frames strace -k printed for cat's openat of the locale archive:
// the syscall in __open64_nocancel, returning into setlocale, whose
// frame returns to an address nothing maps.
func TestFrames(t *testing.T) {
	const base = 0x7f0000000000
	s := New(0, false)
	s.Map(10, fileMapping(t, libc, base))
	sp := uint64(0x7ffc0000f000)
	mem := unwind.Stack{Addr: sp, Data: make([]byte, 28*8)}
	binary.LittleEndian.PutUint64(mem.Data[11*8:], base+0x33c0f)
	binary.LittleEndian.PutUint64(mem.Data[26*8:], 0x1234)
	var regs unwind.Regs
	regs.Set(unwind.RSP, sp)
	regs.Set(unwind.RBP, sp+200)
	regs.Set(unwind.RA, base+0xfd001)
	got := lines(s.Frames(10, regs, mem), false)
	want := " > " + libc + "(__open64_nocancel+0x41) [0xfd001]\n" +
		" > " + libc + "(setlocale+0x199f) [0x33c0f]\n" +
		" > unexpected_backtracing_error [0x1234]\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	// the process exits: its mappings go, the objects stay
	s.Exit(10)
	if got := lines(s.Frames(10, regs, mem), false); got != fmt.Sprintf(" > unexpected_backtracing_error [%#x]\n", base+0xfd001) {
		t.Errorf("after exit: %q", got)
	}
	if len(s.objects) != 1 {
		t.Errorf("%d objects cached", len(s.objects))
	}
}

// A stripped object names an address by the nearest function before it
// (ld.so has only .dynsym); an object with no function there prints "()",
// or "(+0x0)" in a stack strace queued at a syscall's entry.
func TestSymbols(t *testing.T) {
	const base = 0x7f0000000000
	s := New(0, false)
	s.Map(1, fileMapping(t, ldso, base))
	var regs unwind.Regs
	regs.Set(unwind.RA, base+0x1000)
	fs := s.Frames(1, regs, unwind.Stack{})
	if len(fs) != 1 || fs[0].Addr != 0x1000 {
		t.Fatalf("frames %+v", fs)
	}
	if fs[0].Symbol != "" {
		t.Skipf("ld.so has a function at its start: %s", fs[0].Symbol)
	}
	if got, want := lines(fs, false), " > "+ldso+"() [0x1000]\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := lines(fs, true), " > "+ldso+"(+0x0) [0x1000]\n"; got != want {
		t.Errorf("queued: got %q, want %q", got, want)
	}
}

func TestMapUnmap(t *testing.T) {
	s := New(0, false)
	a := Mapping{Start: 0x1000, End: 0x5000, Off: 0x10000, Path: "/a"}
	s.Map(1, a)
	s.Map(1, Mapping{Start: 0x8000, End: 0x9000, Path: "/b"})
	s.Unmap(1, 0x2000, 0x3000)
	s.Map(1, Mapping{Start: 0x4000, End: 0x8800, Path: "/c"}) // MAP_FIXED over both
	var got []string
	for _, m := range s.procs[1] {
		got = append(got, fmt.Sprintf("%x-%x@%x%s", m.Start, m.End, m.Off, m.Path))
	}
	want := "1000-2000@10000/a 3000-4000@12000/a 4000-8800@0/c 8800-9000@800/b"
	if strings.Join(got, " ") != want {
		t.Errorf("mappings %s\nwant     %s", strings.Join(got, " "), want)
	}
	s.Fork(1, 2)
	s.Exec(1)
	if !s.Known(1) || len(s.procs[1]) != 0 || len(s.procs[2]) != 4 {
		t.Errorf("after fork and exec: %v, %d", s.Known(1), len(s.procs[2]))
	}
}

func TestParseMapsLine(t *testing.T) {
	m, ok := parseMapsLine("7f69fabcf000-7f69fad25000 r-xp 00026000 fe:01 326269                     /usr/lib/x86_64-linux-gnu/libc.so.6")
	want := Mapping{Start: 0x7f69fabcf000, End: 0x7f69fad25000, Off: 0x26000, File: FileID{0xfe01, 326269}, Path: libc}
	if !ok || m != want {
		t.Errorf("got %+v %v, want %+v", m, ok, want)
	}
	for _, l := range []string{
		"7f69fad25000-7f69fad78000 r--p 0017c000 fe:00 326269 /usr/lib/x86_64-linux-gnu/libc.so.6",
		"7ffd1f3b5000-7ffd1f3b7000 r-xp 00000000 00:00 0                          [vdso]",
		"7f69fad25000-7f69fad78000 r-xp 00000000 00:00 0",
	} {
		if _, ok := parseMapsLine(l); ok {
			t.Errorf("%q taken", l)
		}
	}
}

// The kernel's dev_t (major 259, minor 3 = 259<<20|3) is stat's
// makedev(259, 3).
func TestKernelDev(t *testing.T) {
	if got := KernelDev(259<<20 | 3); got != 0x10303 {
		t.Errorf("got %#x", got)
	}
}

// A running process's mappings come from /proc (-p); a file's device and
// inode read there are stat's.
func TestLoadProc(t *testing.T) {
	s := New(0, false)
	if s.LoadProc(0) {
		t.Error("process 0 has mappings")
	}
	if !s.LoadProc(uint32(os.Getpid())) {
		t.Fatal("no mappings of this process")
	}
	exe, _ := os.Executable()
	var st syscall.Stat_t
	if err := syscall.Stat(exe, &st); err != nil {
		t.Fatal(err)
	}
	for _, m := range s.procs[uint32(os.Getpid())] {
		if m.Path == exe {
			if m.File != (FileID{st.Dev, st.Ino}) {
				t.Errorf("%s: %+v, stat says %#x %d", exe, m.File, st.Dev, st.Ino)
			}
			return
		}
	}
	t.Errorf("%s not among %+v", exe, s.procs[uint32(os.Getpid())])
}

// BenchmarkFrames is the reader's cost of a -k stack: unwinding the
// three frames of TestFrames and naming them, the objects already read.
func BenchmarkFrames(b *testing.B) {
	const base = 0x7f0000000000
	s := New(0, false)
	s.Map(10, fileMapping(b, libc, base))
	sp := uint64(0x7ffc0000f000)
	mem := unwind.Stack{Addr: sp, Data: make([]byte, 28*8)}
	binary.LittleEndian.PutUint64(mem.Data[11*8:], base+0x33c0f)
	binary.LittleEndian.PutUint64(mem.Data[26*8:], 0x1234)
	var regs unwind.Regs
	regs.Set(unwind.RSP, sp)
	regs.Set(unwind.RBP, sp+200)
	regs.Set(unwind.RA, base+0xfd001)
	var line []byte
	frames := 0
	for b.Loop() {
		fs := s.Frames(10, regs, mem)
		for i := range fs {
			line = AppendLine(line[:0], &fs[i], false)
		}
		frames += len(fs)
	}
	b.ReportMetric(float64(frames)/b.Elapsed().Seconds(), "frames/s")
}

// -kk: the line table of a program built with -g names the line of each
// function's first instruction, the line of its opening.
func TestLines(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc to build a program with a line table")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "prog.c")
	text := "int g;\n\nint f(void)\n{\n\treturn g + 1;\n}\n\nint main(void)\n{\n\treturn f();\n}\n"
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "prog")
	if out, err := exec.Command(gcc, "-g", "-O0", "-o", bin, src).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lt := readLines(f)
	if lt == nil {
		t.Fatal("no line table")
	}
	syms, _ := f.Symbols()
	want := map[string]int{"f": 4, "main": 9}
	for _, s := range syms {
		if line, ok := want[s.Name]; ok {
			file, got := lt.find(s.Value + 1)
			if file != src || got != line {
				t.Errorf("%s: %s:%d, want %s:%d", s.Name, file, got, src, line)
			}
			delete(want, s.Name)
		}
	}
	if len(want) != 0 {
		t.Errorf("no symbols %v", want)
	}
	if file, line := lt.find(0); file != "" || line != 0 {
		t.Errorf("address 0: %s:%d", file, line)
	}
}
