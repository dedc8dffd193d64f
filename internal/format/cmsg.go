package format

import (
	"net/netip"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// SOL_IP control messages strace decodes (linux/in.h).
const (
	ipTOS         = 1
	ipTTL         = 2
	ipRecvopts    = 6
	ipRetopts     = 7
	ipPktinfo     = 8
	ipRecverr     = 11
	ipOrigdstaddr = 20
	ipChecksum    = 23
	scmSecurity   = 3
	inPktinfoSize = 12 // struct in_pktinfo
	sockEESize    = 32 // struct sock_extended_err and its offender sockaddr_in
	sockaddrInLen = 16
)

// appendCmsgs prints the control messages of a msghdr, of which d holds
// the first bytes (controllen in all at addr), as strace's
// decode_msg_control: each message's data no longer than what is left;
// what is left and too short for a header "... /* address */".
func (f *Formatter) appendCmsgs(b []byte, c *decoder.Call, d []byte, addr, controllen uint64) []byte {
	if len(d) < cmsghdrSize {
		return appendAddr(b, addr)
	}
	b = append(b, '[')
	left := uint64(len(d))
	for pos := uint64(0); left >= cmsghdrSize; {
		m := d[pos:]
		if pos > 0 {
			b = append(b, ", "...)
		}
		length := le64(m)
		level, typ := le32(m[8:]), le32(m[12:])
		b = append(b, "{cmsg_len="...)
		b = strconv.AppendUint(b, length, 10)
		b = append(b, ", cmsg_level="...)
		b = xlat.ByName("socketlayers").AppendValue(b, uint64(level), f.opt.Xlat)
		b = append(b, ", cmsg_type="...)
		n := min(length, left)
		var data []byte
		if n > cmsghdrSize {
			data = m[cmsghdrSize:n]
		}
		b = f.appendCmsgTypeData(b, c, level, typ, data)
		b = append(b, '}')
		if n < cmsghdrSize {
			left -= cmsghdrSize
			break
		}
		next := (length + 7) &^ 7
		if next >= left {
			left = 0
			break
		}
		pos += next
		left -= next
	}
	if left > 0 {
		b = append(b, ", ... /* "...)
		b = append(appendAddr(b, addr+uint64(len(d))-left), " */"...)
	} else if uint64(len(d)) < controllen {
		b = append(b, ", ..."...)
	}
	return append(b, ']')
}

// appendCmsgTypeData prints a control message's type and, when strace
// decodes that type and the data is long enough, ", cmsg_data=...".
func (f *Formatter) appendCmsgTypeData(b []byte, c *decoder.Call, level, typ uint32, d []byte) []byte {
	var print func(b, d []byte) []byte
	minLen := 1
	switch level {
	case solSocket:
		b = xlat.ByName("scmvals").AppendValue(b, uint64(typ), f.opt.Xlat)
		switch {
		case typ == scmRights:
			minLen = 4
			print = func(b, d []byte) []byte {
				return f.appendLocalArray(b, d, len(d)/4, 4, func(b, e []byte) []byte { return f.appendFd(b, c.Tid, int32(le32(e))) })
			}
		case typ == scmCredentials:
			minLen = 12
			print = func(b, d []byte) []byte {
				b = append(b, "{pid="...)
				b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
				b = append(b, ", uid="...)
				b = appendID(b, le32(d[4:]))
				b = append(b, ", gid="...)
				b = appendID(b, le32(d[8:]))
				return append(b, '}')
			}
		case typ == scmSecurity:
			print = f.appendCmsgString
		case scmTimestamps[typ] != 0:
			k := scmTimestamps[typ]
			print = func(b, d []byte) []byte { return f.appendScmTimestamp(b, d, k) }
		}
	case solIP:
		b = xlat.ByName("ip_cmsg_types").AppendValue(b, uint64(typ), f.opt.Xlat)
		switch typ {
		case ipPktinfo:
			minLen = inPktinfoSize
			print = f.appendInPktinfo
		case ipTTL, ipChecksum:
			minLen = 4
			print = func(b, d []byte) []byte {
				return f.appendLocalArray(b, d, len(d)/4, 4, appendU32Elem)
			}
		case ipTOS, ipRecvopts, ipRetopts:
			print = func(b, d []byte) []byte {
				return f.appendLocalArray(b, d, len(d), 1, func(b, e []byte) []byte { return appendHex(b, uint64(e[0])) })
			}
		case ipRecverr:
			minLen = sockEESize
			print = f.appendSockEE
		case ipOrigdstaddr:
			minLen = sockaddrInLen
			print = func(b, d []byte) []byte { return f.appendSockaddr(b, d[:min(len(d), 128)], 0) }
		case scmSecurity:
			print = f.appendCmsgString
		}
	default:
		b = appendHex(b, uint64(typ))
	}
	if print == nil || len(d) < minLen {
		return b
	}
	b = append(b, ", cmsg_data="...)
	return print(b, d)
}

// appendCmsgString prints an SCM_SECURITY context as strace's
// print_quoted_string of its whole data.
func (f *Formatter) appendCmsgString(b, d []byte) []byte {
	return quote.Append(b, d, false, f.opt.Quote)
}

// appendInPktinfo prints a struct in_pktinfo.
func (f *Formatter) appendInPktinfo(b, d []byte) []byte {
	b = append(b, "{ipi_ifindex="...)
	b = f.appendIfindex(b, int32(le32(d)))
	b = append(b, ", ipi_spec_dst=inet_addr(\""...)
	b = netip.AddrFrom4([4]byte(d[4:8])).AppendTo(b)
	b = append(b, "\"), ipi_addr=inet_addr(\""...)
	b = netip.AddrFrom4([4]byte(d[8:12])).AppendTo(b)
	return append(b, "\")}"...)
}

// appendSockEE prints IP_RECVERR's struct sock_extended_err and offender.
func (f *Formatter) appendSockEE(b, d []byte) []byte {
	b = append(b, "{ee_errno="...)
	b = strconv.AppendUint(b, uint64(le32(d)), 10)
	for i, name := range [...]string{"ee_origin", "ee_type", "ee_code"} {
		b = append(append(append(b, ", "...), name...), '=')
		b = strconv.AppendUint(b, uint64(d[4+i]), 10)
	}
	b = append(b, ", ee_info="...)
	b = strconv.AppendUint(b, uint64(le32(d[8:])), 10)
	b = append(b, ", ee_data="...)
	b = strconv.AppendUint(b, uint64(le32(d[12:])), 10)
	b = append(b, ", offender="...)
	b = f.appendSockaddr(b, d[16:32], 0)
	return append(b, '}')
}
