package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() {
	specialFormatters["syslog"] = formatSyslog
}

// syslog(2)'s actions whose arguments strace shows otherwise.
const (
	syslogRead         = 2 // SYSLOG_ACTION_READ, READ_ALL, READ_CLEAR: a buffer filled
	syslogReadClear    = 4
	syslogConsoleLevel = 8
)

// formatSyslog prints syslog(2) as strace does: the action with its name
// in a comment; no more for the actions that take no buffer; the buffer
// read at exit for the reading ones; the console level with its name.
func formatSyslog(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	typ, addr, n := int32(c.Args[0]), c.Args[1], int32(c.Args[2])
	if !exiting {
		b = xlat.ByName("syslog_action_type").AppendValueNotedDec(b, int64(typ), f.opt.Xlat)
	}
	switch {
	case typ >= 0 && typ <= 10 && typ != syslogConsoleLevel && (typ < syslogRead || typ > syslogReadClear):
		return b, false
	case typ >= syslogRead && typ <= syslogReadClear:
		if !exiting {
			return b, true
		}
		b = append(b, ", "...)
		if cp := c.Capture(1, decoder.CapBufOut); c.Failed() || addr == 0 {
			b = appendAddr(b, addr)
		} else if c.Ret == 0 {
			b = append(b, `""`...) // nothing to read
		} else if cp == nil || cp.Fault() {
			b = appendAddr(b, addr)
		} else {
			b = f.appendCounted(b, cp.Data, int(c.Ret), f.opt.Quote)
		}
		return strconv.AppendInt(append(b, ", "...), int64(n), 10), false
	}
	b = appendAddr(append(b, ", "...), addr)
	b = append(b, ", "...)
	if typ == syslogConsoleLevel {
		return xlat.ByName("syslog_console_levels").AppendValueNotedDec(b, int64(n), f.opt.Xlat), false
	}
	return strconv.AppendInt(b, int64(n), 10), false
}
