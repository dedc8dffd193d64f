package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() {
	structKinds[syscalltbl.MqAttrIn] = structKind{(*Formatter).appendMqAttr, nil}
	structKinds[syscalltbl.MqAttrOut] = structKind{(*Formatter).appendMqAttr, nil}
}

// appendMqAttr prints a struct mq_attr as strace's printmqattr with its
// flags decoded: {mq_flags=O_NONBLOCK, mq_maxmsg=10, ...}.
func (f *Formatter) appendMqAttr(b, d []byte) []byte {
	b = append(b, "{mq_flags="...)
	b = xlat.ByName("mq_attr_flags").AppendFlags(b, le64(d), f.opt.Xlat)
	for i, name := range []string{"mq_maxmsg", "mq_msgsize", "mq_curmsgs"} {
		b = append(append(append(b, ", "...), name...), '=')
		b = strconv.AppendInt(b, int64(le64(d[8+8*i:])), 10)
	}
	return append(b, '}')
}
