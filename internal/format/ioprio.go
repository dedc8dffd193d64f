package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// I/O priorities (linux/ioprio.h): a class above IOPRIO_CLASS_SHIFT and
// its data below.
const (
	ioprioClassShift = 13
	ioprioPrioMask   = 1<<ioprioClassShift - 1
	ioprioWhoProcess = 1
	ioprioWhoPgrp    = 2
)

var (
	ioprioWho   = xlat.ByName("ioprio_who")
	ioprioClass = xlat.ByName("ioprio_class")
)

// formatIoprio prints ioprio_get's and ioprio_set's arguments as strace
// does: which, who (a pid for a process or a process group), and
// ioprio_set's priority as IOPRIO_PRIO_VALUE(class, data).
func formatIoprio(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	s := f.opt.Xlat
	which, who := uint32(c.Args[0]), int64(int32(c.Args[1]))
	b = ioprioWho.AppendValue(b, uint64(which), s)
	b = append(b, ", "...)
	b = strconv.AppendInt(b, who, 10)
	if which == ioprioWhoProcess || which == ioprioWhoPgrp {
		b = f.pidNote(b, c.Tid, who)
	}
	if len(c.Args) < 3 || c.Syscall().Name != "ioprio_set" {
		return b, false
	}
	prio := uint32(c.Args[2])
	b = append(b, ", "...)
	if s == xlat.Abbrev {
		return appendIoprio(b, prio, s), false
	}
	b = strconv.AppendInt(b, int64(int32(prio)), 10)
	if s == xlat.Raw {
		return b, false
	}
	b = appendIoprio(append(b, " /* "...), prio, s)
	return append(b, " */"...), false
}

// returnIoprio names the priority ioprio_get returns, but in -X raw.
func (f *Formatter) returnIoprio(b []byte, c *decoder.Call) ([]byte, bool) {
	if c.Failed() || f.opt.Xlat == xlat.Raw {
		return b, false
	}
	b = append(b, "= "...)
	b = strconv.AppendInt(b, c.Ret, 10)
	b = append(b, " ("...)
	b = appendIoprio(b, uint32(c.Ret), f.opt.Xlat)
	return append(b, ')'), true
}

// appendIoprio prints a priority as strace's sprint_ioprio:
// IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4), the class in style s.
func appendIoprio(b []byte, prio uint32, s xlat.Style) []byte {
	b = append(b, "IOPRIO_PRIO_VALUE("...)
	b = ioprioClass.AppendValue(b, uint64(prio>>ioprioClassShift), s)
	b = append(b, ", "...)
	b = strconv.AppendUint(b, uint64(prio&ioprioPrioMask), 10)
	return append(b, ')')
}
