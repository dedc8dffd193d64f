// Package unwind walks x86_64 user stacks with the DWARF call-frame
// information of the mapped objects (.eh_frame, .debug_frame), the way
// strace's libunwind does: from the registers at a syscall and a copy of
// the top of the stack, it recovers the return address of each caller.
//
// It parses CIEs and FDEs, runs their call-frame instructions up to an
// address to get the rules of that row (how to compute the canonical frame
// address, where each register was saved), and evaluates the DWARF
// expressions some rules use (signal trampolines, PLT entries).
package unwind

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Register numbers of the x86_64 DWARF ABI.
const (
	RAX = 0
	RDX = 1
	RCX = 2
	RBX = 3
	RSI = 4
	RDI = 5
	RBP = 6
	RSP = 7
	R8  = 8
	R15 = 15
	RA  = 16 // the return address column
	// NumRegs is the number of registers a frame keeps.
	NumRegs = 17
)

var le = binary.LittleEndian

// ErrBad says the call-frame information is malformed.
var ErrBad = errors.New("malformed call-frame information")

// cie is a Common Information Entry: what the FDEs that point to it share.
type cie struct {
	codeAlign  uint64
	dataAlign  int64
	raReg      uint64
	fdeEnc     byte // pointer encoding of the FDEs' addresses ('R')
	signal     bool // 'S': the FDEs describe signal frames
	hasAugData bool // 'z': FDEs carry an augmentation length
	addrSize   int
	initial    []byte // initial instructions
}

// fde is a Frame Description Entry: the rules for one range of code.
type fde struct {
	begin, end uint64
	cie        *cie
	insns      []byte
}

// Table is the call-frame information of one object, its addresses being
// the object's own (link-time) addresses. It is not safe for concurrent
// use: it keeps the rows it computed.
type Table struct {
	fdes []fde // by begin
	// rows are those computed, by address: a traced program makes its
	// syscalls from the same few call sites again and again
	rows map[uint64]*Row
}

// maxCachedRows bounds Table.rows; past it the cache starts over.
const maxCachedRows = 1 << 16

// Section says how one section of call-frame information is laid out.
type Section struct {
	Data []byte
	Addr uint64 // address of Data[0], for pc-relative pointers
	EH   bool   // .eh_frame (true) or .debug_frame
}

// Parse reads the FDEs of the sections (an object's .eh_frame and
// .debug_frame); where both describe an address, the first section's entry
// is used.
func Parse(secs ...Section) (*Table, error) {
	t := &Table{}
	for _, s := range secs {
		if err := t.parse(s); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(t.fdes, func(i, j int) bool { return t.fdes[i].begin < t.fdes[j].begin })
	return t, nil
}

// reader reads the little-endian encodings of DWARF.
type reader struct {
	b   []byte
	off int
	err bool
}

func (r *reader) need(n int) bool {
	if n < 0 || r.off+n > len(r.b) {
		r.err = true
		return false
	}
	return true
}

func (r *reader) u8() byte {
	if !r.need(1) {
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

func (r *reader) u16() uint16 {
	if !r.need(2) {
		return 0
	}
	r.off += 2
	return le.Uint16(r.b[r.off-2:])
}

func (r *reader) u32() uint32 {
	if !r.need(4) {
		return 0
	}
	r.off += 4
	return le.Uint32(r.b[r.off-4:])
}

func (r *reader) u64() uint64 {
	if !r.need(8) {
		return 0
	}
	r.off += 8
	return le.Uint64(r.b[r.off-8:])
}

func (r *reader) uleb() uint64 {
	var v uint64
	for shift := uint(0); ; shift += 7 {
		c := r.u8()
		if r.err {
			return 0
		}
		if shift < 64 {
			v |= uint64(c&0x7f) << shift
		}
		if c&0x80 == 0 {
			return v
		}
	}
}

func (r *reader) sleb() int64 {
	var v int64
	var shift uint
	for {
		c := r.u8()
		if r.err {
			return 0
		}
		if shift < 64 {
			v |= int64(c&0x7f) << shift
		}
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			return v
		}
	}
}

func (r *reader) cstr() string {
	start := r.off
	for r.off < len(r.b) && r.b[r.off] != 0 {
		r.off++
	}
	if !r.need(1) {
		return ""
	}
	r.off++
	return string(r.b[start : r.off-1])
}

// Pointer encodings (DW_EH_PE_*).
const (
	peAbsptr  = 0x00
	peUleb    = 0x01
	peUdata2  = 0x02
	peUdata4  = 0x03
	peUdata8  = 0x04
	peSleb    = 0x09
	peSdata2  = 0x0a
	peSdata4  = 0x0b
	peSdata8  = 0x0c
	pePcrel   = 0x10
	peDatarel = 0x30
	peOmit    = 0xff
)

// ptr reads a pointer of encoding enc; base is the address of r.b[0].
func (r *reader) ptr(enc byte, base uint64) uint64 {
	if enc == peOmit {
		return 0
	}
	at := base + uint64(r.off)
	var v uint64
	switch enc & 0x0f {
	case peAbsptr, peUdata8, peSdata8:
		v = r.u64()
	case peUleb:
		v = r.uleb()
	case peUdata2:
		v = uint64(r.u16())
	case peSdata2:
		v = uint64(int64(int16(r.u16())))
	case peUdata4:
		v = uint64(r.u32())
	case peSdata4:
		v = uint64(int64(int32(r.u32())))
	case peSleb:
		v = uint64(r.sleb())
	default:
		r.err = true
		return 0
	}
	switch enc & 0x70 {
	case 0:
	case pePcrel:
		v += at
	default: // textrel, datarel, funcrel: not used by x86_64 CFI
		r.err = true
	}
	return v
}

func (t *Table) parse(s Section) error {
	cies := map[int]*cie{}
	r := &reader{b: s.Data}
	for r.off < len(r.b) {
		start := r.off
		length := uint64(r.u32())
		long := false
		if length == 0xffffffff {
			length = r.u64()
			long = true
		}
		if r.err {
			return fmt.Errorf("entry at %#x: %w", start, ErrBad)
		}
		if length == 0 {
			if s.EH {
				break // terminator
			}
			continue
		}
		idAt := r.off
		if uint64(len(r.b)-idAt) < length {
			return fmt.Errorf("entry at %#x: length %#x: %w", start, length, ErrBad)
		}
		end := idAt + int(length)
		var id uint64
		if long {
			id = r.u64()
		} else {
			id = uint64(r.u32())
		}
		isCIE := id == 0
		if !s.EH {
			isCIE = (!long && id == 0xffffffff) || (long && id == ^uint64(0))
		}
		body := &reader{b: r.b[:end], off: r.off}
		if isCIE {
			c, err := parseCIE(body, s.EH)
			if err != nil {
				return fmt.Errorf("cie at %#x: %w", start, err)
			}
			cies[start] = c
		} else {
			ciePos := int(id)
			if s.EH {
				ciePos = idAt - int(id)
			}
			c, ok := cies[ciePos]
			if !ok {
				// a CIE after its FDE: parse it where it is
				cr := &reader{b: r.b}
				cr.off = ciePos
				var err error
				if c, err = parseEntryCIE(cr, s.EH); err != nil {
					return fmt.Errorf("fde at %#x: %w", start, err)
				}
				cies[ciePos] = c
			}
			f := fde{cie: c}
			enc := c.fdeEnc
			if !s.EH {
				enc = peAbsptr
				if c.addrSize == 4 {
					enc = peUdata4
				}
			}
			f.begin = body.ptr(enc, s.Addr)
			f.end = f.begin + body.ptr(enc&0x0f, s.Addr)
			if c.hasAugData {
				n := body.uleb()
				body.need(int(n))
				body.off += int(n)
			}
			if body.err {
				return fmt.Errorf("fde at %#x: %w", start, ErrBad)
			}
			f.insns = body.b[body.off:end]
			if f.begin != 0 || f.end != 0 {
				t.fdes = append(t.fdes, f)
			}
		}
		r.off = end
	}
	return nil
}

// parseEntryCIE reads the CIE whose entry starts at r.off.
func parseEntryCIE(r *reader, eh bool) (*cie, error) {
	length := uint64(r.u32())
	long := length == 0xffffffff
	if long {
		length = r.u64()
	}
	if r.err || uint64(len(r.b)-r.off) < length {
		return nil, ErrBad
	}
	end := r.off + int(length)
	if long {
		r.u64()
	} else {
		r.u32()
	}
	return parseCIE(&reader{b: r.b[:end], off: r.off}, eh)
}

// parseCIE reads a CIE after its id.
func parseCIE(r *reader, eh bool) (*cie, error) {
	c := &cie{addrSize: 8, fdeEnc: peAbsptr}
	version := r.u8()
	aug := r.cstr()
	if !eh && version >= 4 {
		c.addrSize = int(r.u8())
		r.u8() // segment selector size
	}
	c.codeAlign = r.uleb()
	c.dataAlign = r.sleb()
	if version == 1 {
		c.raReg = uint64(r.u8())
	} else {
		c.raReg = r.uleb()
	}
	if len(aug) > 0 && aug[0] == 'z' {
		c.hasAugData = true
		n := r.uleb()
		augEnd := r.off + int(n)
		for _, a := range aug[1:] {
			switch a {
			case 'R':
				c.fdeEnc = r.u8()
			case 'P':
				enc := r.u8()
				r.ptr(enc&0x7f, 0) // the personality routine
			case 'L':
				r.u8() // LSDA encoding
			case 'S':
				c.signal = true
			case 'B': // AArch64 BTI, not on x86_64
			}
		}
		if r.err || augEnd > len(r.b) {
			return nil, ErrBad
		}
		r.off = augEnd
	} else if aug != "" {
		return nil, fmt.Errorf("augmentation %q: %w", aug, ErrBad)
	}
	if r.err {
		return nil, ErrBad
	}
	c.initial = r.b[r.off:]
	return c, nil
}

// find is the FDE covering pc, or nil.
func (t *Table) find(pc uint64) *fde {
	i := sort.Search(len(t.fdes), func(i int) bool { return t.fdes[i].begin > pc })
	for i > 0 {
		i--
		f := &t.fdes[i]
		if pc >= f.begin && pc < f.end {
			return f
		}
		if i > 0 && t.fdes[i-1].end <= f.begin {
			break // sorted and disjoint below this one
		}
	}
	return nil
}

// Rule kinds: how a register of the caller is recovered.
const (
	Unset         = iota // no rule: the register keeps its value (callee-saved convention)
	Undefined            // DW_CFA_undefined: not recoverable (the outermost frame's return address)
	SameValue            // DW_CFA_same_value
	Offset               // saved at CFA+Off
	ValOffset            // is CFA+Off
	Register             // in register Reg
	Expression           // saved at the address Expr computes
	ValExpression        // is the value Expr computes
)

// Rule recovers one register.
type Rule struct {
	Kind int
	Off  int64
	Reg  uint64
	Expr []byte
}

// CFA rule kinds.
const (
	CFARegOff = iota // Reg + Off
	CFAExpr          // Expr computes it
)

// Row is the state of the call-frame table at one address.
type Row struct {
	Loc     uint64 // the first address the row applies to
	CFAKind int
	CFAReg  uint64
	CFAOff  int64
	CFAExpr []byte
	Regs    [NumRegs]Rule
	Signal  bool // the frame is a signal frame (its pc is not a return address)
}

// Row returns the rules at pc, false when no FDE covers pc. The row is
// shared: callers must not change it.
func (t *Table) Row(pc uint64) (*Row, bool, error) {
	if r, ok := t.rows[pc]; ok {
		return r, r != nil, nil
	}
	f := t.find(pc)
	if f == nil {
		t.keep(pc, nil)
		return nil, false, nil
	}
	row, err := f.run(pc)
	if err != nil {
		return nil, true, err
	}
	t.keep(pc, &row)
	return &row, true, nil
}

func (t *Table) keep(pc uint64, r *Row) {
	if t.rows == nil || len(t.rows) >= maxCachedRows {
		t.rows = map[uint64]*Row{}
	}
	t.rows[pc] = r
}

func (f *fde) run(pc uint64) (Row, error) {
	var last Row
	err := f.exec(pc, func(r Row) { last = r })
	return last, err
}

// exec runs the CIE's initial instructions and the FDE's instructions,
// calling emit with each row that starts at or before pc, in order.
func (f *fde) exec(pc uint64, emit func(Row)) error {
	var init Row
	init.Loc = f.begin
	init.Signal = f.cie.signal
	if err := runInsns(f.cie, f.cie.initial, &init, nil, nil, ^uint64(0)); err != nil {
		return err
	}
	row := init
	return runInsns(f.cie, f.insns, &row, &init, emit, pc)
}

// runInsns interprets call-frame instructions into row; init is the row
// after the CIE's instructions (for DW_CFA_restore), nil while running
// them. Each time the location advances past a row, emit gets it; the
// last row at or before pc is emitted at the end.
func runInsns(c *cie, insns []byte, row *Row, init *Row, emit func(Row), pc uint64) error {
	r := &reader{b: insns}
	var stack []Row
	advance := func(to uint64) bool {
		if to > pc {
			return false
		}
		if emit != nil && to != row.Loc {
			emit(*row)
		}
		row.Loc = to
		return true
	}
	restore := func(reg uint64) {
		if reg >= NumRegs {
			return
		}
		if init != nil {
			row.Regs[reg] = init.Regs[reg]
		} else {
			row.Regs[reg] = Rule{}
		}
	}
	set := func(reg uint64, rule Rule) {
		if reg < NumRegs {
			row.Regs[reg] = rule
		}
	}
	for r.off < len(r.b) && !r.err {
		op := r.u8()
		switch op >> 6 {
		case 1: // DW_CFA_advance_loc
			if !advance(row.Loc + uint64(op&0x3f)*c.codeAlign) {
				goto done
			}
			continue
		case 2: // DW_CFA_offset
			set(uint64(op&0x3f), Rule{Kind: Offset, Off: int64(r.uleb()) * c.dataAlign})
			continue
		case 3: // DW_CFA_restore
			restore(uint64(op & 0x3f))
			continue
		}
		switch op {
		case 0x00: // nop
		case 0x01: // set_loc
			to := r.ptr(c.fdeEnc&0x0f, 0)
			if !advance(to) {
				goto done
			}
		case 0x02: // advance_loc1
			if !advance(row.Loc + uint64(r.u8())*c.codeAlign) {
				goto done
			}
		case 0x03: // advance_loc2
			if !advance(row.Loc + uint64(r.u16())*c.codeAlign) {
				goto done
			}
		case 0x04: // advance_loc4
			if !advance(row.Loc + uint64(r.u32())*c.codeAlign) {
				goto done
			}
		case 0x05: // offset_extended
			reg := r.uleb()
			set(reg, Rule{Kind: Offset, Off: int64(r.uleb()) * c.dataAlign})
		case 0x06: // restore_extended
			restore(r.uleb())
		case 0x07: // undefined
			set(r.uleb(), Rule{Kind: Undefined})
		case 0x08: // same_value
			set(r.uleb(), Rule{Kind: SameValue})
		case 0x09: // register
			reg := r.uleb()
			set(reg, Rule{Kind: Register, Reg: r.uleb()})
		case 0x0a: // remember_state
			stack = append(stack, *row)
		case 0x0b: // restore_state
			if len(stack) == 0 {
				return fmt.Errorf("restore_state without remember_state: %w", ErrBad)
			}
			loc := row.Loc
			*row = stack[len(stack)-1]
			row.Loc = loc
			stack = stack[:len(stack)-1]
		case 0x0c: // def_cfa
			row.CFAKind = CFARegOff
			row.CFAReg = r.uleb()
			row.CFAOff = int64(r.uleb())
		case 0x0d: // def_cfa_register
			row.CFAKind = CFARegOff
			row.CFAReg = r.uleb()
		case 0x0e: // def_cfa_offset
			row.CFAOff = int64(r.uleb())
		case 0x0f: // def_cfa_expression
			n := r.uleb()
			row.CFAKind = CFAExpr
			row.CFAExpr = r.bytes(n)
		case 0x10: // expression
			reg := r.uleb()
			n := r.uleb()
			set(reg, Rule{Kind: Expression, Expr: r.bytes(n)})
		case 0x11: // offset_extended_sf
			reg := r.uleb()
			set(reg, Rule{Kind: Offset, Off: r.sleb() * c.dataAlign})
		case 0x12: // def_cfa_sf
			row.CFAKind = CFARegOff
			row.CFAReg = r.uleb()
			row.CFAOff = r.sleb() * c.dataAlign
		case 0x13: // def_cfa_offset_sf
			row.CFAOff = r.sleb() * c.dataAlign
		case 0x14: // val_offset
			reg := r.uleb()
			set(reg, Rule{Kind: ValOffset, Off: int64(r.uleb()) * c.dataAlign})
		case 0x15: // val_offset_sf
			reg := r.uleb()
			set(reg, Rule{Kind: ValOffset, Off: r.sleb() * c.dataAlign})
		case 0x16: // val_expression
			reg := r.uleb()
			n := r.uleb()
			set(reg, Rule{Kind: ValExpression, Expr: r.bytes(n)})
		case 0x2e: // GNU_args_size
			r.uleb()
		case 0x2f: // GNU_negative_offset_extended
			reg := r.uleb()
			set(reg, Rule{Kind: Offset, Off: -int64(r.uleb()) * c.dataAlign})
		default:
			return fmt.Errorf("call-frame instruction %#x: %w", op, ErrBad)
		}
	}
	if r.err {
		return fmt.Errorf("truncated call-frame instructions: %w", ErrBad)
	}
done:
	if emit != nil {
		emit(*row)
	}
	return nil
}

func (r *reader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)) || !r.need(int(n)) {
		r.err = true
		return nil
	}
	r.off += int(n)
	return r.b[r.off-int(n) : r.off]
}
