// Package stack turns the -k stack records of syscalls into strace's
// lines, " > /usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0x2a) [0x10f2ba]":
// it keeps each traced process's executable file mappings as the kernel
// reported them when they changed (so that a frame is named by the
// mapping of the moment of its syscall, even when the process has exited
// or unmapped the object since), unwinds each stack with the call-frame
// information of the mapped objects (package unwind), and names frames
// from the objects' symbol tables and, for -kk, their line tables. What
// it reads of an object is read once per file, keyed by device and inode.
package stack

import (
	"debug/elf"
	"os"
	"sort"
	"strconv"
	"syscall"

	"github.com/gotrace/gotrace/internal/unwind"
)

// DefaultLimit is strace's default --stack-trace-frame-limit.
const DefaultLimit = 256

// FileID says which file a mapping maps.
type FileID struct {
	Dev uint64 // the device, as stat(2)'s st_dev encodes it
	Ino uint64
}

// KernelDev turns the kernel's internal dev_t (major<<20 | minor), as
// super_block.s_dev holds it, into stat(2)'s encoding.
func KernelDev(d uint32) uint64 {
	major, minor := uint64(d>>20), uint64(d&0xfffff)
	return (minor & 0xff) | (major&0xfff)<<8 | (minor&^0xff)<<12 | (major&^0xfff)<<32
}

// Mapping is an executable mapping of a file in a process.
type Mapping struct {
	Start, End uint64
	Off        uint64 // file offset of Start
	File       FileID
	Path       string
	obj        *object // what File says, once read
}

// Frame is one frame of a stack, as strace prints it.
type Frame struct {
	PC     uint64
	Path   string // the mapped file; "" when PC is in no file mapping
	Symbol string // "" when the object names no function there
	Off    uint64 // PC minus the symbol's address
	Addr   uint64 // PC as an offset in the file
	Source string // -kk: source file, "" when unknown
	Line   int
	// TooMany stands for the frames past --stack-trace-frame-limit.
	TooMany bool
}

// object is what a mapped file says about its code, read once.
type object struct {
	loads []elf.ProgHeader
	syms  []sym // by address
	cfi   *unwind.Table
	lines *lineTable // -kk, read on first use
	path  string
	elf   bool // the file could be read as ELF
}

type sym struct {
	addr uint64
	name string
}

// Symbolizer keeps the mappings of traced processes and the objects they
// map, and symbolises their stacks.
type Symbolizer struct {
	procs   map[uint32][]Mapping // by tgid, sorted by Start, disjoint
	objects map[FileID]*object
	source  bool // -kk
	limit   int
	pcs     []uint64
	frames  []Frame
	fresh   bool // frames are those of the last stack record observed
}

// New returns a Symbolizer printing at most limit frames per stack, with
// source lines if source (-kk).
func New(limit int, source bool) *Symbolizer {
	if limit <= 0 {
		limit = DefaultLimit
	}
	return &Symbolizer{procs: map[uint32][]Mapping{}, objects: map[FileID]*object{}, source: source, limit: limit}
}

// Source reports whether frames carry source lines (-kk).
func (s *Symbolizer) Source() bool { return s.source }

// Map records that process tgid maps m, replacing what it mapped there.
func (s *Symbolizer) Map(tgid uint32, m Mapping) {
	if m.End <= m.Start {
		return
	}
	ms := cut(s.procs[tgid], m.Start, m.End)
	i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= m.Start })
	ms = append(ms, Mapping{})
	copy(ms[i+1:], ms[i:])
	ms[i] = m
	s.procs[tgid] = ms
}

// Unmap records that process tgid unmapped [start, end).
func (s *Symbolizer) Unmap(tgid uint32, start, end uint64) {
	if ms, ok := s.procs[tgid]; ok {
		s.procs[tgid] = cut(ms, start, end)
	}
}

// cut removes [start, end) from the mappings.
func cut(ms []Mapping, start, end uint64) []Mapping {
	out := ms[:0:0]
	for _, m := range ms {
		if m.End <= start || m.Start >= end {
			out = append(out, m)
			continue
		}
		if m.Start < start {
			left := m
			left.End = start
			out = append(out, left)
		}
		if m.End > end {
			right := m
			right.Off += end - m.Start
			right.Start = end
			out = append(out, right)
		}
	}
	return out
}

// Exec forgets what process tgid mapped before its execve: it maps
// nothing until the kernel reports the new program's mappings.
func (s *Symbolizer) Exec(tgid uint32) { s.procs[tgid] = nil }

// Exit forgets process tgid.
func (s *Symbolizer) Exit(tgid uint32) { delete(s.procs, tgid) }

// Fork gives a new process child its parent's mappings.
func (s *Symbolizer) Fork(parent, child uint32) {
	if parent == child {
		return
	}
	s.procs[child] = append([]Mapping(nil), s.procs[parent]...)
}

// Known reports whether the mappings of process tgid are known.
func (s *Symbolizer) Known(tgid uint32) bool {
	_, ok := s.procs[tgid]
	return ok
}

// find is the mapping at pc among a process's mappings.
func find(ms []Mapping, pc uint64) (*Mapping, bool) {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].End > pc })
	if i < len(ms) && ms[i].Start <= pc {
		return &ms[i], true
	}
	return nil, false
}

// object reads the file a mapping maps, once per file.
func (s *Symbolizer) object(m *Mapping) *object {
	if m.obj != nil {
		return m.obj
	}
	if o, ok := s.objects[m.File]; ok {
		m.obj = o
		return o
	}
	o := &object{path: m.Path}
	s.objects[m.File] = o
	m.obj = o
	f, err := os.Open(m.Path)
	if err != nil {
		return o
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return o
	} else if sys, ok := st.Sys().(*syscall.Stat_t); !ok || sys.Ino != m.File.Ino || sys.Dev != m.File.Dev {
		return o // another file is at that path now
	}
	ef, err := elf.NewFile(f)
	if err != nil {
		return o
	}
	o.elf = true
	for _, p := range ef.Progs {
		if p.Type == elf.PT_LOAD {
			o.loads = append(o.loads, p.ProgHeader)
		}
	}
	o.syms = symbols(ef)
	// .eh_frame only, as Debian's libunwind (strace -k's unwinder) reads:
	// code with only .debug_frame (Go binaries) is unwound by its frame
	// pointers, and strace's frames are the reference
	o.cfi, _ = unwind.FromELF(ef, false)
	if s.source {
		o.lines = readLines(ef)
	}
	return o
}

// symbols lists the functions of .dynsym and .symtab as libunwind looks
// them up: by address, and at one address the first name in the order of
// the sections and of the symbols in them.
func symbols(f *elf.File) []sym {
	type table struct {
		idx  int
		syms []elf.Symbol
	}
	var tabs []table
	for i, sec := range f.Sections {
		var syms []elf.Symbol
		var err error
		switch sec.Type {
		case elf.SHT_DYNSYM:
			syms, err = f.DynamicSymbols()
		case elf.SHT_SYMTAB:
			syms, err = f.Symbols()
		default:
			continue
		}
		if err == nil {
			tabs = append(tabs, table{i, syms})
		}
	}
	sort.Slice(tabs, func(i, j int) bool { return tabs[i].idx < tabs[j].idx })
	var out []sym
	for _, t := range tabs {
		for _, e := range t.syms {
			if elf.ST_TYPE(e.Info) == elf.STT_FUNC && e.Section != elf.SHN_UNDEF && e.Name != "" {
				out = append(out, sym{e.Value, e.Name})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].addr < out[j].addr })
	return out
}

// vaddr turns a file offset into the object's own address.
func (o *object) vaddr(off uint64) uint64 {
	for _, p := range o.loads {
		if off >= p.Off && off < p.Off+p.Filesz {
			return off - p.Off + p.Vaddr
		}
	}
	return off
}

// symbol names the function at or before addr: the nearest preceding
// one, as libunwind names an address in a stripped function.
func (o *object) symbol(addr uint64) (sym, bool) {
	i := sort.Search(len(o.syms), func(i int) bool { return o.syms[i].addr > addr })
	if i == 0 {
		return sym{}, false
	}
	v := o.syms[i-1].addr
	for i > 1 && o.syms[i-2].addr == v {
		i--
	}
	return o.syms[i-1], true
}

// Frames unwinds the stack of a syscall of process tgid from the
// registers (DWARF numbering) and the copy of the top of its stack, and
// returns its frames, reusing an earlier result's memory.
func (s *Symbolizer) Frames(tgid uint32, regs unwind.Regs, mem unwind.Stack) []Frame {
	ms := s.procs[tgid]
	code := func(pc uint64) (unwind.Code, bool) {
		m, ok := find(ms, pc)
		if !ok {
			return unwind.Code{}, false
		}
		o := s.object(m)
		return unwind.Code{Table: o.cfi, Bias: m.Start - o.vaddr(m.Off)}, true
	}
	// one frame past the limit says whether to print strace's "too many"
	s.pcs = unwind.Walk(s.pcs[:0], regs, mem, code, s.limit+1)
	s.frames = s.frames[:0]
	for i, pc := range s.pcs {
		if i == s.limit {
			s.frames = append(s.frames, Frame{TooMany: true})
			break
		}
		f := Frame{PC: pc}
		m, ok := find(ms, pc)
		if !ok {
			s.frames = append(s.frames, f)
			break
		}
		f.Path = m.Path
		f.Addr = pc - m.Start + m.Off
		o := s.object(m)
		// a caller's pc is a return address: the call is just before it
		lookup := o.vaddr(f.Addr)
		if i > 0 {
			lookup--
		}
		if sy, ok := o.symbol(lookup); ok {
			f.Symbol = sy.name
			f.Off = o.vaddr(f.Addr) - sy.addr
		}
		if s.source && o.lines != nil {
			f.Source, f.Line = o.lines.find(lookup)
		}
		s.frames = append(s.frames, f)
	}
	return s.frames
}

// AppendLine appends strace's line for a frame, newline included. A
// stack captured at a syscall's entry (execve, exit, exit_group: strace
// prints it later from a queue) names a frame without symbol "(+0x0)".
func AppendLine(b []byte, f *Frame, queued bool) []byte {
	if f.TooMany {
		return append(b, " > too many stack frames\n"...)
	}
	if f.Path == "" {
		b = append(b, " > unexpected_backtracing_error [0x"...)
		b = strconv.AppendUint(b, f.PC, 16)
		return append(b, "]\n"...)
	}
	b = append(b, " > "...)
	b = append(b, f.Path...)
	b = append(b, '(')
	if f.Symbol != "" || queued {
		b = append(b, f.Symbol...)
		b = append(b, "+0x"...)
		b = strconv.AppendUint(b, f.Off, 16)
	}
	b = append(b, ") [0x"...)
	b = strconv.AppendUint(b, f.Addr, 16)
	b = append(b, ']')
	if f.Source != "" && f.Symbol != "" {
		b = append(b, ' ')
		b = append(b, f.Source...)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(f.Line), 10)
	}
	return append(b, '\n')
}
