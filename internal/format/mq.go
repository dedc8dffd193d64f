package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() {
	structKinds[syscalltbl.MqAttrIn] = structKind{(*Formatter).appendMqAttr, nil}
	structKinds[syscalltbl.MqAttrOut] = structKind{(*Formatter).appendMqAttr, nil}
	structKinds[syscalltbl.MqAttrOpen] = structKind{(*Formatter).appendMqAttrOpen, nil}
}

// appendMqAttrOpen prints mq_open's struct mq_attr, whose mq_flags strace
// prints in hex: {mq_flags=0, mq_maxmsg=10, ...}.
func (f *Formatter) appendMqAttrOpen(b, d []byte) []byte {
	b = append(b, "{mq_flags="...)
	b = appendHex(b, le64(d))
	return f.appendMqAttrRest(b, d)
}

// appendMqAttr prints a struct mq_attr as strace's printmqattr with its
// flags decoded: {mq_flags=O_NONBLOCK, mq_maxmsg=10, ...}.
func (f *Formatter) appendMqAttr(b, d []byte) []byte {
	b = append(b, "{mq_flags="...)
	b = xlat.ByName("mq_attr_flags").AppendFlags(b, le64(d), f.opt.Xlat)
	return f.appendMqAttrRest(b, d)
}

// appendMqAttrRest prints the fields of a struct mq_attr after mq_flags.
func (f *Formatter) appendMqAttrRest(b, d []byte) []byte {
	for i, name := range []string{"mq_maxmsg", "mq_msgsize", "mq_curmsgs"} {
		b = append(append(append(b, ", "...), name...), '=')
		b = strconv.AppendInt(b, int64(le64(d[8+8*i:])), 10)
	}
	return append(b, '}')
}
