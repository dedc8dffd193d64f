package fdpath

import (
	"bufio"
	"encoding/binary"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/gotrace/gotrace/internal/quote"
)

// netCache describes sockets for -yy as strace does: "TCP:[SRC->DST]",
// "UNIX-STREAM:[INODE->PEER]", or "PROTO:[INODE]" when nothing more is
// known.
type netCache struct {
	diag  int // the NETLINK_SOCK_DIAG socket, opened at first use; -1 if it failed
	seq   uint32
	quote quote.Mode // -x: how a unix socket's path prints
}

// sockProtoName is the kernel's name of the protocol of a socket of
// family, type and protocol (its system.sockprotoname), as far as the
// kernel side's struct sock_info tells it; "" for the others.
func sockProtoName(family, typ, protocol uint16) string {
	const (
		afUnix, afInet, afInet6, afNetlink, afPacket = 1, 2, 10, 16, 17
		sockStream, sockDgram, sockRaw               = 1, 2, 3
		ipprotoTCP, ipprotoUDP                       = 6, 17
	)
	v6 := ""
	switch family {
	case afUnix:
		if typ == sockStream {
			return "UNIX-STREAM"
		}
		return "UNIX"
	case afNetlink:
		return "NETLINK"
	case afPacket:
		return "PACKET"
	case afInet6:
		v6 = "v6"
	case afInet:
	default:
		return ""
	}
	switch {
	case typ == sockStream && protocol == ipprotoTCP:
		return "TCP" + v6
	case typ == sockDgram && protocol == ipprotoUDP:
		return "UDP" + v6
	case typ == sockRaw:
		return "RAW" + v6
	}
	return ""
}

// procNetFiles are the /proc/TID/net tables of each inet protocol, as the
// socket's system.sockprotoname names it.
var procNetFiles = map[string]string{"TCP": "tcp", "TCPv6": "tcp6", "UDP": "udp", "UDPv6": "udp6", "UDPLITE": "udplite", "UDPLITEv6": "udplite6"}

func (n *netCache) describe(tid uint32, fdPath string, inode uint64, known string) string {
	buf := make([]byte, 64)
	proto := known
	if sz, err := syscall.Getxattr(fdPath, "system.sockprotoname", buf); err == nil && sz > 0 {
		proto = strings.TrimRight(string(buf[:sz]), "\x00")
	}
	if proto == "" || strings.HasPrefix(proto, "UNIX") {
		// the task may be gone: ask sock_diag, which knows the type
		if name, d := n.unixEndpoints(inode); d != "" {
			return name + ":[" + d + "]"
		}
	}
	for name, file := range procNetFiles {
		if proto != "" && proto != name {
			continue
		}
		if d := inetEndpoints(tid, file, inode); d != "" {
			return name + ":[" + d + "]"
		}
	}
	if proto == "" {
		return ""
	}
	return proto + ":[" + strconv.FormatUint(inode, 10) + "]"
}

// inetEndpoints finds socket inode in the task's /proc/TID/net/FILE and
// returns "SRC:PORT->DST:PORT", or "SRC:PORT" when it has no peer.
func inetEndpoints(tid uint32, file string, inode uint64) string {
	f, err := os.Open("/proc/" + strconv.FormatUint(uint64(tid), 10) + "/net/" + file)
	if err != nil {
		return ""
	}
	defer f.Close()
	want := strconv.FormatUint(inode, 10)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
		fields := strings.Fields(sc.Text())
		if len(fields) < 10 || fields[9] != want {
			continue
		}
		src, ok1 := procAddr(fields[1])
		dst, ok2 := procAddr(fields[2])
		if !ok1 || !ok2 {
			return ""
		}
		if dst.Port() == 0 && dst.Addr().IsUnspecified() {
			return src.String()
		}
		return src.String() + "->" + dst.String()
	}
	return ""
}

// procAddr reads an address of /proc/net/tcp: the address as 32-bit words
// in host order, in hex, a colon, and the port in hex.
func procAddr(s string) (netip.AddrPort, bool) {
	hexAddr, hexPort, ok := strings.Cut(s, ":")
	port, err := strconv.ParseUint(hexPort, 16, 16)
	if !ok || err != nil || (len(hexAddr) != 8 && len(hexAddr) != 32) {
		return netip.AddrPort{}, false
	}
	raw := make([]byte, len(hexAddr)/2)
	for i := 0; i < len(hexAddr); i += 8 {
		w, err := strconv.ParseUint(hexAddr[i:i+8], 16, 32)
		if err != nil {
			return netip.AddrPort{}, false
		}
		binary.NativeEndian.PutUint32(raw[i/2:], uint32(w))
	}
	addr, _ := netip.AddrFromSlice(raw)
	return netip.AddrPortFrom(addr, uint16(port)), true
}

// Netlink sock_diag constants (linux/sock_diag.h, linux/unix_diag.h).
const (
	netlinkSockDiag  = 4
	sockDiagByFamily = 20
	udiagShowName    = 1
	udiagShowPeer    = 4
	unixDiagName     = 0
	unixDiagPeer     = 2
	nlmsgHdrLen      = 16
	unixDiagReqLen   = 24
	unixDiagMsgLen   = 16
)

// unixEndpoints asks sock_diag about UNIX socket inode: its protocol name
// and "INODE->PEER", with ",\"PATH\"" when it is bound to a path.
func (n *netCache) unixEndpoints(inode uint64) (string, string) {
	if n.diag == 0 {
		fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_DGRAM|syscall.SOCK_CLOEXEC, netlinkSockDiag)
		if err == nil {
			// never wait long on an answer the kernel owes
			err = syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &syscall.Timeval{Sec: 1})
		}
		if err != nil {
			fd = -1
		}
		n.diag = fd
	}
	if n.diag < 0 {
		return "", ""
	}
	n.seq++
	req := make([]byte, nlmsgHdrLen+unixDiagReqLen)
	le := binary.LittleEndian
	le.PutUint32(req[0:], uint32(len(req)))
	le.PutUint16(req[4:], sockDiagByFamily)
	le.PutUint16(req[6:], syscall.NLM_F_REQUEST)
	le.PutUint32(req[8:], n.seq)
	r := req[nlmsgHdrLen:]
	r[0] = syscall.AF_UNIX
	le.PutUint32(r[4:], ^uint32(0)) // every state
	le.PutUint32(r[8:], uint32(inode))
	le.PutUint32(r[12:], udiagShowName|udiagShowPeer)
	le.PutUint32(r[16:], ^uint32(0)) // no cookie
	le.PutUint32(r[20:], ^uint32(0))
	if err := syscall.Sendto(n.diag, req, 0, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		return "", ""
	}
	resp := make([]byte, 4096)
	for {
		sz, _, err := syscall.Recvfrom(n.diag, resp, 0)
		if err != nil || sz < nlmsgHdrLen {
			return "", ""
		}
		msg := resp[:sz]
		if le.Uint32(msg[8:]) != n.seq {
			continue // the answer to an earlier request that timed out
		}
		if le.Uint16(msg[4:]) != sockDiagByFamily || len(msg) < nlmsgHdrLen+unixDiagMsgLen {
			return "", ""
		}
		m := msg[nlmsgHdrLen:min(len(msg), int(le.Uint32(msg)))]
		// the kernel's protocol names: only stream sockets have their own
		name := "UNIX"
		if m[1] == syscall.SOCK_STREAM {
			name = "UNIX-STREAM"
		}
		return name, unixDetails(m, inode, n.quote)
	}
}

// unixDetails formats a unix_diag_msg and its attributes.
func unixDetails(m []byte, inode uint64, mode quote.Mode) string {
	le := binary.LittleEndian
	if uint64(le.Uint32(m[4:])) != inode {
		return ""
	}
	var peer uint32
	var path []byte
	for a := m[unixDiagMsgLen:]; len(a) >= 4; {
		l := int(le.Uint16(a))
		if l < 4 || l > len(a) {
			break
		}
		switch le.Uint16(a[2:]) {
		case unixDiagName:
			path = a[4:l]
		case unixDiagPeer:
			if l >= 8 {
				peer = le.Uint32(a[4:])
			}
		}
		a = a[min(len(a), (l+3)&^3):]
	}
	if peer == 0 && len(path) == 0 {
		return ""
	}
	b := strconv.AppendUint(nil, inode, 10)
	if peer != 0 {
		b = append(b, "->"...)
		b = strconv.AppendUint(b, uint64(peer), 10)
	}
	if len(path) > 0 {
		b = append(b, ',')
		if path[0] == 0 {
			b = append(b, '@')
			path = path[1:]
		}
		if i := strings.IndexByte(string(path), 0); i >= 0 {
			path = path[:i]
		}
		b = quote.Append(b, path, false, mode)
	}
	return string(b)
}
