package unwind

// Code is what the unwinder knows of the code at an address.
type Code struct {
	Table *Table // the object's call-frame information; nil if it has none
	Bias  uint64 // run-time address minus the object's own address
}

// Finder returns the code at a run-time address, false when no object
// is mapped executable there.
type Finder func(pc uint64) (Code, bool)

// Step recovers the caller's registers from a frame's: pc is the frame's
// address, exact for the first frame and after a signal frame
// (activation), a return address otherwise (then the rules at pc-1 apply,
// the call instruction). It returns the caller's registers, whether the
// caller's pc is exact, and false at the end of the stack or where the
// frame cannot be unwound.
func Step(code Code, regs *Regs, mem Memory, activation bool) (Regs, bool, bool) {
	pc := regs.R[RA]
	if code.Table != nil {
		lookup := pc - code.Bias
		if !activation {
			lookup--
		}
		if row, ok, err := code.Table.Row(lookup); ok && err == nil {
			return apply(row, regs, mem)
		}
	}
	return framePointer(regs, mem)
}

// apply computes the caller's registers by the rules of row.
func apply(row *Row, regs *Regs, mem Memory) (Regs, bool, bool) {
	var cfa uint64
	switch row.CFAKind {
	case CFARegOff:
		v, ok := regs.Get(row.CFAReg)
		if !ok {
			return Regs{}, false, false
		}
		cfa = v + uint64(row.CFAOff)
	case CFAExpr:
		v, err := eval(row.CFAExpr, regs, mem, nil)
		if err != nil {
			return Regs{}, false, false
		}
		cfa = v
	}
	next := *regs
	next.Set(RSP, cfa)
	for n := range row.Regs {
		rule := &row.Regs[n]
		switch rule.Kind {
		case Unset, SameValue:
			if n == RA {
				// no rule for the return address column: the x86_64
				// convention, saved just below the CFA
				v, ok := mem.Read64(cfa - 8)
				if !ok {
					return Regs{}, false, false
				}
				next.Set(RA, v)
			}
		case Undefined:
			if n == RA {
				return Regs{}, false, false // the outermost frame
			}
			next.Known &^= 1 << n
		case Offset:
			v, ok := mem.Read64(cfa + uint64(rule.Off))
			if !ok {
				if n == RA {
					return Regs{}, false, false
				}
				next.Known &^= 1 << n
				continue
			}
			next.Set(n, v)
		case ValOffset:
			next.Set(n, cfa+uint64(rule.Off))
		case Register:
			v, ok := regs.Get(rule.Reg)
			if !ok {
				next.Known &^= 1 << n
				continue
			}
			next.Set(n, v)
		case Expression, ValExpression:
			v, err := eval(rule.Expr, regs, mem, &cfa)
			if err == nil && rule.Kind == Expression {
				var ok bool
				if v, ok = mem.Read64(v); !ok {
					err = errUnreadable
				}
			}
			if err != nil {
				if n == RA {
					return Regs{}, false, false
				}
				next.Known &^= 1 << n
				continue
			}
			next.Set(n, v)
		}
	}
	if next.R[RA] == 0 {
		return Regs{}, false, false
	}
	return next, row.Signal, true
}

type unreadable struct{}

func (unreadable) Error() string { return "stack word outside the stack copy" }

var errUnreadable error = unreadable{}

// framePointer unwinds a frame without call-frame information by its
// frame pointer, as libunwind does then: the caller's rbp is saved at rbp,
// the return address above it.
func framePointer(regs *Regs, mem Memory) (Regs, bool, bool) {
	bp, ok := regs.Get(RBP)
	if !ok || bp == 0 {
		return Regs{}, false, false
	}
	saved, ok1 := mem.Read64(bp)
	ra, ok2 := mem.Read64(bp + 8)
	if !ok1 || !ok2 || ra == 0 {
		return Regs{}, false, false
	}
	next := *regs
	next.Set(RBP, saved)
	next.Set(RSP, bp+16)
	next.Set(RA, ra)
	return next, false, true
}

// Walk unwinds from the registers at a syscall and appends each frame's
// pc to pcs, the first one being regs' own, up to max frames. It stops at
// the outermost frame, at a pc where find finds no code (that pc is still
// appended: the caller decides how to show it), or where the stack copy
// ends.
func Walk(pcs []uint64, regs Regs, mem Memory, find Finder, max int) []uint64 {
	activation := true
	for len(pcs) < max {
		pc := regs.R[RA]
		pcs = append(pcs, pc)
		code, ok := find(pc)
		if !ok {
			break
		}
		next, act, ok := Step(code, &regs, mem, activation)
		if !ok {
			break
		}
		// a frame whose caller has the same pc and stack makes no progress
		if next.R[RA] == pc && next.R[RSP] == regs.R[RSP] {
			break
		}
		regs, activation = next, act
	}
	return pcs
}

// Stack is a copy of the top of a stack: Data is the memory at Addr.
type Stack struct {
	Addr uint64
	Data []byte
}

// Read64 reads a word of the copy.
func (s Stack) Read64(addr uint64) (uint64, bool) {
	if addr < s.Addr || addr-s.Addr > uint64(len(s.Data)) || uint64(len(s.Data))-(addr-s.Addr) < 8 {
		return 0, false
	}
	return le.Uint64(s.Data[addr-s.Addr:]), true
}
