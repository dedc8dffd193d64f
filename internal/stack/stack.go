// Package stack symbolises the user stacks of -k as strace prints them:
// " > /usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0x2a) [0x10f2ba]",
// from the task's /proc/PID/maps and the symbol tables (symtab and dynsym)
// of the ELF objects it maps, each read once.
package stack

import (
	"bufio"
	"debug/elf"
	"os"
	"sort"
	"strconv"
	"strings"
)

// mapping is an executable mapping of a file.
type mapping struct {
	start, end, offset uint64
	path               string
}

// object is what a mapped ELF file says about its addresses.
type object struct {
	loads []elf.ProgHeader // PT_LOAD, to turn file offsets into addresses
	syms  []elf.Symbol     // functions, by address
}

// Symbolizer turns return addresses into strace's stack lines.
type Symbolizer struct {
	maps    map[uint32][]mapping // by tgid
	objects map[string]*object   // by path; nil when unreadable
}

// New returns an empty Symbolizer.
func New() *Symbolizer {
	return &Symbolizer{maps: map[uint32][]mapping{}, objects: map[string]*object{}}
}

// Forget drops what is known of process tgid's mappings (it exec'd or
// exited).
func (s *Symbolizer) Forget(tgid uint32) { delete(s.maps, tgid) }

func readMaps(tgid uint32) []mapping {
	f, err := os.Open("/proc/" + strconv.FormatUint(uint64(tgid), 10) + "/maps")
	if err != nil {
		return nil
	}
	defer f.Close()
	var ms []mapping
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// start-end perms offset dev inode path
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || !strings.Contains(fields[1], "x") || !strings.HasPrefix(fields[5], "/") {
			continue
		}
		lo, hi, _ := strings.Cut(fields[0], "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		off, err3 := strconv.ParseUint(fields[2], 16, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		ms = append(ms, mapping{start, end, off, strings.Join(fields[5:], " ")})
	}
	return ms
}

func (s *Symbolizer) find(tgid uint32, ip uint64) (mapping, bool) {
	for again := 0; again < 2; again++ {
		ms, ok := s.maps[tgid]
		if !ok || again == 1 {
			// first sight, or a mapping made since (dlopen)
			if fresh := readMaps(tgid); fresh != nil {
				ms = fresh
				s.maps[tgid] = ms
			}
		}
		for _, m := range ms {
			if ip >= m.start && ip < m.end {
				return m, true
			}
		}
	}
	return mapping{}, false
}

func (s *Symbolizer) object(path string) *object {
	if o, ok := s.objects[path]; ok {
		return o
	}
	var o *object
	if f, err := elf.Open(path); err == nil {
		o = &object{}
		for _, p := range f.Progs {
			if p.Type == elf.PT_LOAD {
				o.loads = append(o.loads, p.ProgHeader)
			}
		}
		syms, _ := f.Symbols()
		dyn, _ := f.DynamicSymbols()
		for _, sym := range append(syms, dyn...) {
			if elf.ST_TYPE(sym.Info) == elf.STT_FUNC && sym.Value != 0 && sym.Section != elf.SHN_UNDEF {
				o.syms = append(o.syms, sym)
			}
		}
		// by address; at one address, global names before weak and local
		sort.SliceStable(o.syms, func(i, j int) bool {
			if o.syms[i].Value != o.syms[j].Value {
				return o.syms[i].Value < o.syms[j].Value
			}
			return bindRank(o.syms[i]) < bindRank(o.syms[j])
		})
		f.Close()
	}
	s.objects[path] = o
	return o
}

func bindRank(s elf.Symbol) int {
	switch elf.ST_BIND(s.Info) {
	case elf.STB_GLOBAL:
		return 0
	case elf.STB_WEAK:
		return 1
	}
	return 2
}

// address turns a file offset into the object's own address.
func (o *object) address(off uint64) uint64 {
	for _, p := range o.loads {
		if off >= p.Off && off < p.Off+p.Filesz {
			return off - p.Off + p.Vaddr
		}
	}
	return off
}

// symbol is the function at or before addr: the nearest preceding one,
// as strace's libdw names an address in a stripped function.
func (o *object) symbol(addr uint64) (elf.Symbol, bool) {
	i := sort.Search(len(o.syms), func(i int) bool { return o.syms[i].Value > addr })
	if i == 0 {
		return elf.Symbol{}, false
	}
	v := o.syms[i-1].Value
	for i > 1 && o.syms[i-2].Value == v {
		i-- // the first name at that address
	}
	return o.syms[i-1], true
}

// AppendFrame appends strace's line for return address ip of process
// tgid, newline included; false when ip is in no file the process maps
// executable: the frame-pointer walk went astray, and the stack ends.
func (s *Symbolizer) AppendFrame(b []byte, tgid uint32, ip uint64) ([]byte, bool) {
	m, ok := s.find(tgid, ip)
	if !ok {
		return b, false
	}
	b = append(b, " > "...)
	b = append(b, m.path...)
	addr := ip - m.start + m.offset
	if o := s.object(m.path); o != nil {
		addr = o.address(addr)
		if sym, ok := o.symbol(addr); ok {
			b = append(b, '(')
			b = append(b, sym.Name...)
			b = append(b, "+0x"...)
			b = strconv.AppendUint(b, addr-sym.Value, 16)
			b = append(b, ") [0x"...)
			b = strconv.AppendUint(b, addr, 16)
			return append(b, "]\n"...), true
		}
	}
	b = append(b, "() [0x"...)
	b = strconv.AppendUint(b, addr, 16)
	return append(b, "]\n"...), true
}
