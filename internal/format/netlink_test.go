package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// nlMsg builds a netlink message: header then payload, nlmsg_len given
// (0: the message's length).
func nlMsg(typ, flags uint16, length uint32, payload ...byte) []byte {
	b := make([]byte, nlmsgHdrLen, nlmsgHdrLen+len(payload))
	if length == 0 {
		length = uint32(nlmsgHdrLen + len(payload))
	}
	binary.LittleEndian.PutUint32(b, length)
	binary.LittleEndian.PutUint16(b[4:], typ)
	binary.LittleEndian.PutUint16(b[6:], flags)
	return append(b, payload...)
}

func nlAttr(typ uint16, payload ...byte) []byte {
	b := make([]byte, 4, 4+len(payload))
	binary.LittleEndian.PutUint16(b, uint16(4+len(payload)))
	binary.LittleEndian.PutUint16(b[2:], typ)
	return append(b, payload...)
}

func concat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// The expected lines are strace 6.1's, from its test suite's programs
// (netlink_protocol, nlattr_rtmsg, nlattr_cachereport, netlink_selinux).
func TestNetlink(t *testing.T) {
	const addr = 0x7f0000001000
	const (
		request = 1
		dump    = 0x300
		getlink = 18
	)
	rtmsg := []byte{2, 0, 0, 0x10, 253, 2, 0, 2, 0, 1, 0, 0} // AF_INET, LOWDELAY, DEFAULT, KERNEL, UNIVERSE, LOCAL, NOTIFY
	tests := []struct {
		name  string
		proto int
		style xlat.Style
		data  []byte
		n     uint64 // the buffer's length; 0: len(data)
		want  string
	}{
		{"noop with data", netlinkSockDiag, xlat.Abbrev, nlMsg(nlmsgNoop, request|dump, 0, 'a', 'b', 'c', 'd'), 0,
			`[{nlmsg_len=20, nlmsg_type=NLMSG_NOOP, nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=0, nlmsg_pid=0}, "\x61\x62\x63\x64"]`},
		{"header only", netlinkSockDiag, xlat.Abbrev, nlMsg(nlmsgNoop, request|dump, 8), 0,
			`{nlmsg_len=8, nlmsg_type=NLMSG_NOOP, nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=0, nlmsg_pid=0}`},
		{"shorter than a header", netlinkSockDiag, xlat.Abbrev, []byte("abcd"), 0, `"\x61\x62\x63\x64"`},
		{"unreadable header", netlinkSockDiag, xlat.Abbrev, make([]byte, 15), 16, "0x7f0000001000"},
		{"unreadable second header", netlinkSockDiag, xlat.Abbrev, nlMsg(nlmsgNoop, request|dump, 0, 'a', 'b', 'c', 'd'), 40,
			`[[{nlmsg_len=20, nlmsg_type=NLMSG_NOOP, nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=0, nlmsg_pid=0}, "\x61\x62\x63\x64"], ... /* 0x7f0000001014 */]`},
		{"rtmsg and an address", netlinkRoute, xlat.Abbrev, nlMsg(26, dump, 0, concat(rtmsg, nlAttr(1, 222, 202, 255, 237))...), 0,
			`[{nlmsg_len=36, nlmsg_type=RTM_GETROUTE, nlmsg_flags=NLM_F_DUMP, nlmsg_seq=0, nlmsg_pid=0}, {rtm_family=AF_INET, rtm_dst_len=0, rtm_src_len=0, rtm_tos=IPTOS_LOWDELAY, rtm_table=RT_TABLE_DEFAULT, rtm_protocol=RTPROT_KERNEL, rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_LOCAL, rtm_flags=RTM_F_NOTIFY}, [{nla_len=8, nla_type=RTA_DST}, inet_addr("222.202.255.237")]]`},
		{"rtmsg, -X raw", netlinkRoute, xlat.Raw, nlMsg(26, dump, 0, concat(rtmsg, nlAttr(1, 222, 202, 255, 237))...), 0,
			`[{nlmsg_len=36, nlmsg_type=0x1a, nlmsg_flags=0x300, nlmsg_seq=0, nlmsg_pid=0}, {rtm_family=0x2, rtm_dst_len=0, rtm_src_len=0, rtm_tos=0x10, rtm_table=0xfd, rtm_protocol=0x2, rtm_scope=0, rtm_type=0x2, rtm_flags=0x100}, [{nla_len=8, nla_type=0x1}, "\xde\xca\xff\xed"]]`},
		{"cache report, -X verbose", netlinkRoute, xlat.Verbose, nlMsg(96, 0xa00, 0, concat([]byte{128, 0, 0, 0}, nlAttr(1, 1))...), 0,
			`[{nlmsg_len=25, nlmsg_type=0x60 /* RTM_NEWCACHEREPORT */, nlmsg_flags=0xa00 /* NLM_F_EXCL|NLM_F_APPEND */, nlmsg_seq=0, nlmsg_pid=0}, {rtgen_family=0x80 /* RTNL_FAMILY_IPMR */}, [{nla_len=5, nla_type=0x1 /* IPMRA_CREPORT_MSGTYPE */}, 0x1 /* IGMPMSG_NOCACHE */]]`},
		{"selinux", netlinkSelinux, xlat.Abbrev, nlMsg(0x10, request, 0, 0xff, 0xff, 0xff, 0xff), 0,
			`[{nlmsg_len=20, nlmsg_type=SELNL_MSG_SETENFORCE, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=0, nlmsg_pid=0}, {val=-1}]`},
		{"get link", netlinkRoute, xlat.Abbrev, nlMsg(getlink, request, 0), 0,
			`{nlmsg_len=16, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=0, nlmsg_pid=0}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := tt.n
			if n == 0 {
				n = uint64(len(tt.data))
			}
			st := nlStyle{Xlat: tt.style, Quote: quote.Default, StrLen: 32, Abbrev: true}
			if got := string(appendNetlinkMsgs(nil, st, tt.proto, addr, tt.data, n)); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
