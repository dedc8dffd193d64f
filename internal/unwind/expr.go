package unwind

import "fmt"

// Memory is the stack memory an unwinding can read.
type Memory interface {
	// Read64 reads the 8 bytes at addr, false where nothing was copied.
	Read64(addr uint64) (uint64, bool)
}

// Regs are the registers of a frame, by DWARF number, and which of them
// are known.
type Regs struct {
	R     [NumRegs]uint64
	Known uint32 // bit n: R[n] is known
}

// Set sets register n.
func (r *Regs) Set(n int, v uint64) {
	r.R[n] = v
	r.Known |= 1 << n
}

// Get returns register n, false when it is not known.
func (r *Regs) Get(n uint64) (uint64, bool) {
	if n >= NumRegs || r.Known&(1<<n) == 0 {
		return 0, false
	}
	return r.R[n], true
}

// eval runs a DWARF expression (the subset call-frame rules use) and
// returns the value on top of its stack; push is pushed first (the CFA,
// for DW_CFA_expression and DW_CFA_val_expression).
func eval(expr []byte, regs *Regs, mem Memory, push *uint64) (uint64, error) {
	var st []uint64
	if push != nil {
		st = append(st, *push)
	}
	r := &reader{b: expr}
	pop := func() uint64 {
		if len(st) == 0 {
			r.err = true
			return 0
		}
		v := st[len(st)-1]
		st = st[:len(st)-1]
		return v
	}
	bool2 := func(b bool) uint64 {
		if b {
			return 1
		}
		return 0
	}
	for r.off < len(r.b) && !r.err {
		op := r.u8()
		switch {
		case op >= 0x30 && op <= 0x4f: // lit0..lit31
			st = append(st, uint64(op-0x30))
			continue
		case op >= 0x70 && op <= 0x8f: // breg0..breg31
			v, ok := regs.Get(uint64(op - 0x70))
			if !ok {
				return 0, fmt.Errorf("expression reads unknown register %d", op-0x70)
			}
			st = append(st, v+uint64(r.sleb()))
			continue
		}
		switch op {
		case 0x03: // addr
			st = append(st, r.u64())
		case 0x06: // deref
			a := pop()
			v, ok := mem.Read64(a)
			if !ok {
				return 0, fmt.Errorf("expression reads %#x, outside the stack copy", a)
			}
			st = append(st, v)
		case 0x08: // const1u
			st = append(st, uint64(r.u8()))
		case 0x09: // const1s
			st = append(st, uint64(int64(int8(r.u8()))))
		case 0x0a: // const2u
			st = append(st, uint64(r.u16()))
		case 0x0b: // const2s
			st = append(st, uint64(int64(int16(r.u16()))))
		case 0x0c: // const4u
			st = append(st, uint64(r.u32()))
		case 0x0d: // const4s
			st = append(st, uint64(int64(int32(r.u32()))))
		case 0x0e, 0x0f: // const8u, const8s
			st = append(st, r.u64())
		case 0x10: // constu
			st = append(st, r.uleb())
		case 0x11: // consts
			st = append(st, uint64(r.sleb()))
		case 0x12: // dup
			v := pop()
			st = append(st, v, v)
		case 0x13: // drop
			pop()
		case 0x14: // over
			if len(st) < 2 {
				r.err = true
				break
			}
			st = append(st, st[len(st)-2])
		case 0x15: // pick
			i := int(r.u8())
			if i >= len(st) {
				r.err = true
				break
			}
			st = append(st, st[len(st)-1-i])
		case 0x16: // swap
			a, b := pop(), pop()
			st = append(st, a, b)
		case 0x17: // rot
			a, b, c := pop(), pop(), pop()
			st = append(st, a, c, b)
		case 0x19: // abs
			v := int64(pop())
			if v < 0 {
				v = -v
			}
			st = append(st, uint64(v))
		case 0x1a: // and
			b, a := pop(), pop()
			st = append(st, a&b)
		case 0x1b: // div
			b, a := pop(), pop()
			if b == 0 {
				return 0, fmt.Errorf("expression divides by zero")
			}
			st = append(st, uint64(int64(a)/int64(b)))
		case 0x1c: // minus
			b, a := pop(), pop()
			st = append(st, a-b)
		case 0x1d: // mod
			b, a := pop(), pop()
			if b == 0 {
				return 0, fmt.Errorf("expression divides by zero")
			}
			st = append(st, a%b)
		case 0x1e: // mul
			b, a := pop(), pop()
			st = append(st, a*b)
		case 0x1f: // neg
			st = append(st, -pop())
		case 0x20: // not
			st = append(st, ^pop())
		case 0x21: // or
			b, a := pop(), pop()
			st = append(st, a|b)
		case 0x22: // plus
			b, a := pop(), pop()
			st = append(st, a+b)
		case 0x23: // plus_uconst
			st = append(st, pop()+r.uleb())
		case 0x24: // shl
			b, a := pop(), pop()
			st = append(st, a<<b)
		case 0x25: // shr
			b, a := pop(), pop()
			st = append(st, a>>b)
		case 0x26: // shra
			b, a := pop(), pop()
			st = append(st, uint64(int64(a)>>b))
		case 0x27: // xor
			b, a := pop(), pop()
			st = append(st, a^b)
		case 0x28: // bra
			off := int16(r.u16())
			if pop() != 0 {
				r.off += int(off)
			}
		case 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e: // eq ge gt le lt ne
			b, a := int64(pop()), int64(pop())
			var v bool
			switch op {
			case 0x29:
				v = a == b
			case 0x2a:
				v = a >= b
			case 0x2b:
				v = a > b
			case 0x2c:
				v = a <= b
			case 0x2d:
				v = a < b
			case 0x2e:
				v = a != b
			}
			st = append(st, bool2(v))
		case 0x2f: // skip
			r.off += int(int16(r.u16()))
		case 0x92: // bregx
			reg := r.uleb()
			v, ok := regs.Get(reg)
			if !ok {
				return 0, fmt.Errorf("expression reads unknown register %d", reg)
			}
			st = append(st, v+uint64(r.sleb()))
		case 0x96: // nop
		default:
			return 0, fmt.Errorf("expression operation %#x not supported", op)
		}
		if r.off < 0 || r.off > len(r.b) {
			r.err = true
		}
	}
	if r.err || len(st) == 0 {
		return 0, fmt.Errorf("malformed expression %x", expr)
	}
	return st[len(st)-1], nil
}
