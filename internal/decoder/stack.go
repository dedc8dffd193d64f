package decoder

// StackRegs is the number of registers a stack record carries.
const StackRegs = 17

// StackRec is a -k stack record: the user registers at the syscall (DWARF
// numbering, rip last) and a copy of the top of the stack from rsp.
type StackRec struct {
	Regs    [StackRegs]uint64
	AtEnter bool   // captured at the syscall's entry (execve, exit, exit_group)
	Data    []byte // aliases the record
}

// MapRec is a -k mapping record.
type MapRec struct {
	Start, End, Offset, Ino uint64
	Dev                     uint32 // the kernel's dev_t
	Unmapped                bool   // [Start, End) was unmapped; the rest is unset
	Path                    []byte // the names from the file up to the root, each NUL-terminated; aliases the record
}

const (
	stackFixed   = hdrSize + 8*StackRegs + 8 // struct rec_stack
	stackAtEnter = 1                         // STACK_AT_ENTER
	mapFixed     = hdrSize + 40              // struct rec_map
	mapUnmapped  = 1                         // MAP_UNMAPPED
)

// decodeStack reads a -k stack record.
func decodeStack(raw []byte, ev *Event) error {
	if len(raw) < stackFixed {
		return shortErr(ev.Type, raw)
	}
	for i := range ev.Stack.Regs {
		ev.Stack.Regs[i] = le.Uint64(raw[hdrSize+8*i:])
	}
	n := int(le.Uint32(raw[stackFixed-8:]))
	ev.Stack.AtEnter = le.Uint32(raw[stackFixed-4:])&stackAtEnter != 0
	if n > len(raw)-stackFixed {
		return shortErr(ev.Type, raw)
	}
	ev.Stack.Data = raw[stackFixed : stackFixed+n]
	return nil
}

// decodeMap reads a -k mapping record.
func decodeMap(raw []byte, ev *Event) error {
	if len(raw) < mapFixed {
		return shortErr(ev.Type, raw)
	}
	m := &ev.Map
	m.Start = le.Uint64(raw[hdrSize:])
	m.End = le.Uint64(raw[hdrSize+8:])
	m.Offset = le.Uint64(raw[hdrSize+16:])
	m.Ino = le.Uint64(raw[hdrSize+24:])
	m.Dev = le.Uint32(raw[hdrSize+32:])
	m.Unmapped = le.Uint16(raw[hdrSize+36:])&mapUnmapped != 0
	n := int(le.Uint16(raw[hdrSize+38:]))
	if n > len(raw)-mapFixed {
		return shortErr(ev.Type, raw)
	}
	m.Path = raw[mapFixed : mapFixed+n]
	return nil
}
