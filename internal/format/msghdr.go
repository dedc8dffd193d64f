package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// struct user_msghdr on x86_64.
const (
	msgNameOff       = 0
	msgNamelenOff    = 8
	msgIovOff        = 16
	msgIovlenOff     = 24
	msgControlOff    = 32
	msgControllenOff = 40
	msgFlagsOff      = 48
	msghdrSize       = 56
	iovecSize        = 16
	cmsghdrSize      = 16 // cmsg_len (size_t), cmsg_level, cmsg_type
	scmRights        = 1
	scmCredentials   = 2
)

// appendMsghdrArg prints the msghdr of sendmsg (read at enter) or recvmsg
// (read at exit; when it fails, strace shows only msg_namelen as passed).
func appendMsghdrArg(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	hdr := c.Capture(uint8(i), decoder.CapMsghdr)
	total := int64(-1)
	if a.Kind == syscalltbl.MsghdrOut {
		if c.Failed() {
			in := c.Capture(uint8(i), decoder.CapMemIn)
			if addr == 0 || in == nil || in.Fault() || len(in.Data) < msghdrSize {
				return appendAddr(b, addr)
			}
			b = append(b, "{msg_namelen="...)
			b = strconv.AppendInt(b, int64(int32(le32(in.Data[msgNamelenOff:]))), 10)
			return append(b, '}')
		}
		total = c.Ret
	}
	if addr == 0 || hdr == nil || hdr.Fault() || len(hdr.Data) < msghdrSize {
		return appendAddr(b, addr)
	}
	return f.appendMsghdr(b, c, uint8(i), hdr.Data, total)
}

// appendMsghdr prints {msg_name=..., msg_namelen=..., msg_iov=[...],
// msg_iovlen=..., msg_control=[...], msg_controllen=..., msg_flags=...};
// total is what recvmsg returned, which bounds the data shown, or -1.
func (f *Formatter) appendMsghdr(b []byte, c *decoder.Call, arg uint8, h []byte, total int64) []byte {
	name, namelen := le64(h[msgNameOff:]), int32(le32(h[msgNamelenOff:]))
	in := c.Capture(arg, decoder.CapMemIn)
	shown := namelen // recvmsg: no more than the caller's buffer held
	if total >= 0 && in != nil && !in.Fault() && len(in.Data) >= msghdrSize {
		shown = min(shown, int32(le32(in.Data[msgNamelenOff:])))
	}
	b = append(b, "{msg_name="...)
	if cp := c.Capture(arg, decoder.CapMsgName); name != 0 && shown > 0 && cp != nil && !cp.Fault() && (!cp.Part() || len(cp.Data) >= int(shown)) {
		b = f.appendSockaddr(b, cp.Data[:min(len(cp.Data), int(shown))], name)
	} else {
		b = appendAddr(b, name)
	}
	b = append(b, ", msg_namelen="...)
	// recvmsg: the length passed, and the one the kernel wrote back
	if total >= 0 && in != nil && !in.Fault() && len(in.Data) >= msghdrSize {
		if before := int32(le32(in.Data[msgNamelenOff:])); before != namelen {
			b = strconv.AppendInt(b, int64(before), 10)
			b = append(b, " => "...)
		}
	}
	b = strconv.AppendInt(b, int64(namelen), 10)
	iov, iovlen := le64(h[msgIovOff:]), le64(h[msgIovlenOff:])
	b = append(b, ", msg_iov="...)
	nlProto := -1 // the iovecs' data are netlink messages when >= 0
	if cp := c.Capture(arg, decoder.CapMsgName); name != 0 && namelen >= 2 && cp != nil && !cp.Fault() && len(cp.Data) >= 2 && le(cp.Data, 2) == afNetlink {
		// a socket the kernel side did not name decodes as strace's
		// unknown protocol
		if nlProto = netlinkProtoOf(c); nlProto < 0 {
			nlProto = nlProtoUnknown
		}
	}
	b = f.appendMsgIov(b, c, arg, iov, iovlen, total, nlProto)
	b = append(b, ", msg_iovlen="...)
	b = strconv.AppendUint(b, iovlen, 10)
	control, controllen := le64(h[msgControlOff:]), le64(h[msgControllenOff:])
	if controllen != 0 {
		b = append(b, ", msg_control="...)
		if cp := c.Capture(arg, decoder.CapMsgControl); control != 0 && cp != nil && !cp.Fault() {
			b = f.appendCmsgs(b, c, cp.Data, control, controllen)
		} else {
			b = appendAddr(b, control)
		}
	}
	b = append(b, ", msg_controllen="...)
	b = strconv.AppendUint(b, controllen, 10)
	b = append(b, ", msg_flags="...)
	b = xlat.ByName("msg_flags").AppendFlags(b, uint64(le32(h[msgFlagsOff:])), f.opt.Xlat)
	return append(b, '}')
}

// appendMsgIov prints the iovecs with their data: each cut at -s, and in
// all no more than total bytes when total >= 0; as the netlink messages of
// protocol nlProto when it is not -1 (msg_name is a netlink address, which
// is how strace tells).
func (f *Formatter) appendMsgIov(b []byte, c *decoder.Call, arg uint8, addr, n uint64, total int64, nlProto int) []byte {
	vecs := c.Capture(arg, decoder.CapMsgIov)
	if addr == 0 || vecs == nil || vecs.Fault() {
		return appendAddr(b, addr)
	}
	var data []*decoder.Capture
	for _, list := range [2][]decoder.Capture{c.Enter, c.Exit} {
		for k := range list {
			if list[k].Arg == arg && list[k].Kind == decoder.CapMsgData {
				data = append(data, &list[k])
			}
		}
	}
	left := total
	b = append(b, '[')
	k := 0
	for d := vecs.Data; len(d) >= iovecSize; d, k = d[iovecSize:], k+1 {
		if k > 0 {
			b = append(b, ", "...)
		}
		if k == f.opt.StrSize {
			// no more elements than -s, as strace's print_array
			return append(b, "...]"...)
		}
		base, length := le64(d), le64(d[8:])
		shown := length
		if left >= 0 && int64(shown) > left {
			shown = uint64(left)
		}
		if left >= 0 {
			left = max(left-int64(length), 0)
		}
		b = append(b, "{iov_base="...)
		if base == 0 {
			b = append(b, "NULL"...)
		} else if nlProto != -1 {
			var q []byte
			if k < len(data) {
				q = data[k].Data
			}
			st := f.nlStyle(c)
			b = appendNetlinkMsgs(b, st, nlProto, base, q, shown)
		} else if k < len(data) && !data[k].Fault() {
			q := data[k].Data
			if uint64(len(q)) > shown {
				q = q[:shown]
			}
			more := shown > uint64(len(q))
			if len(q) > f.opt.StrSize {
				q, more = q[:f.opt.StrSize], true
			}
			b = quote.Append(b, q, more, f.opt.Quote)
		} else {
			b = appendAddr(b, base)
		}
		b = append(b, ", iov_len="...)
		b = strconv.AppendUint(b, length, 10)
		b = append(b, '}')
	}
	if uint64(k) < n {
		if k > 0 {
			b = append(b, ", "...)
		}
		b = append(b, "..."...)
	}
	return append(b, ']')
}

// The SOL_SOCKET control messages of timestamps, by cmsg_type: a timeval,
// a timespec, or three timespecs (all of 64-bit fields on x86_64).
const (
	scmTimeval = iota + 1
	scmTimespec
	scmTimespecs
)

var scmTimestamps = map[uint32]int{
	29: scmTimeval,   // SO_TIMESTAMP_OLD
	35: scmTimespec,  // SO_TIMESTAMPNS_OLD
	37: scmTimespecs, // SO_TIMESTAMPING_OLD
	63: scmTimeval,   // SO_TIMESTAMP_NEW
	64: scmTimespec,  // SO_TIMESTAMPNS_NEW
	65: scmTimespecs, // SO_TIMESTAMPING_NEW
}

// appendScmTimestamp prints a timestamp control message of kind k as
// strace does: ??? when its data is shorter than what k holds.
func (f *Formatter) appendScmTimestamp(b, d []byte, k int) []byte {
	switch {
	case k == scmTimeval && len(d) >= 16:
		return appendTimeval(b, d)
	case k == scmTimespec && len(d) >= 16:
		return f.appendTimespec(b, d)
	case k == scmTimespecs && len(d) >= 48:
		b = append(b, '[')
		for i := 0; i < 3; i++ {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = f.appendTimespec(b, d[16*i:])
		}
		return append(b, ']')
	}
	return append(b, "???"...)
}
