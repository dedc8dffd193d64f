package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// iovCaps builds the captures the kernel side makes of an iovec array:
// each element's base and length, then its bytes, then an end marker.
func iovCaps(arg uint8, flags uint16, end uint16, elems ...string) []decoder.Capture {
	var caps []decoder.Capture
	for i, e := range elems {
		h := make([]byte, 16)
		binary.LittleEndian.PutUint64(h, 0x5000+uint64(i)*0x100)
		binary.LittleEndian.PutUint64(h[8:], uint64(len(e)))
		caps = append(caps, decoder.Capture{Arg: arg, Kind: decoder.CapIov, Flags: flags, Data: h},
			decoder.Capture{Arg: arg, Kind: decoder.CapIov, Flags: flags, Data: []byte(e)})
	}
	return append(caps, decoder.Capture{Arg: arg, Kind: decoder.CapIov, Flags: flags | decoder.CapEnd | end})
}

func call(name string, ret int64, args ...uint64) *decoder.Call {
	c := &decoder.Call{Nr: int64(syscalltbl.ByName(name).Nr), Entered: true, Exited: true, Ret: ret}
	copy(c.Args[:], args)
	return c
}

// Lines as strace 6.1 prints them for the same memory (its readv,
// preadv and pwritev tests).
func TestIovecLines(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})

	// an element that cannot be read ends the array with its address
	c := call("writev", -14, 3, 0x1000, 2)
	c.Enter = iovCaps(1, 0, decoder.CapFault, "89abcde")
	check(t, string(f.AppendCall(nil, c)), `writev(3, [{iov_base="89abcde", iov_len=7}, ... /* 0x1010 */], 2) = -1 EFAULT (Bad address)`)

	// a failed read shows the bases as addresses, an empty array as []
	c = call("preadv", -22, 0, 0x1000, 1, ^uint64(0))
	c.Exit = iovCaps(1, decoder.CapExit, 0, "")
	binary.LittleEndian.PutUint64(c.Exit[0].Data[8:], 8)
	check(t, string(f.AppendCall(nil, c)), `preadv(0, [{iov_base=0x5000, iov_len=8}], 1, -1) = -1 EINVAL (Invalid argument)`)
	c = call("preadv", -22, 0, 0x1000, 0, ^uint64(2))
	c.Exit = iovCaps(1, decoder.CapExit, 0)
	check(t, string(f.AppendCall(nil, c)), `preadv(0, [], 0, -3) = -1 EINVAL (Invalid argument)`)

	// past -s elements: "...", or the address of one that cannot be read
	f = New(Options{StrSize: 1})
	c = call("writev", 3, 1, 0x1000, 3)
	c.Enter = iovCaps(1, 0, decoder.CapMore, "a")
	check(t, string(f.AppendCall(nil, c)), `writev(1, [{iov_base="a", iov_len=1}, ...], 3) = 3`)
	c.Enter = iovCaps(1, 0, decoder.CapMore|decoder.CapFault, "a")
	check(t, string(f.AppendCall(nil, c)), `writev(1, [{iov_base="a", iov_len=1}, ... /* 0x1010 */], 3) = 3`)
}

// poll and select after they return, as strace's decode_poll_exiting and
// decode_select.
func TestMultiplexReturns(t *testing.T) {
	t.Parallel()
	pollfds := func(fds ...int32) []byte {
		var b []byte
		for _, fd := range fds {
			e := make([]byte, pollfdSize)
			binary.LittleEndian.PutUint32(e, uint32(fd))
			binary.LittleEndian.PutUint16(e[4:], 4) // POLLOUT
			binary.LittleEndian.PutUint16(e[6:], 4) // POLLOUT
			b = append(b, e...)
		}
		return b
	}
	c := call("poll", 1, 0x1000, 1, 0)
	c.Enter = []decoder.Capture{{Arg: 0, Kind: decoder.CapArrayIn, Data: pollfds(4)}}
	c.Exit = []decoder.Capture{{Arg: 0, Kind: decoder.CapArrayOut, Flags: decoder.CapExit, Data: pollfds(4)}}
	check(t, string(New(Options{StrSize: 0}).AppendCall(nil, c)), `poll([...], 1, 0) = 1 ([...])`)
	check(t, string(New(Options{StrSize: 32}).AppendCall(nil, c)), `poll([{fd=4, events=POLLOUT}], 1, 0) = 1 ([{fd=4, revents=POLLOUT}])`)

	// the pollfds before an unreadable page, then its address
	c = call("poll", -14, 0x1ff8, 2, 0)
	c.Enter = []decoder.Capture{{Arg: 0, Kind: decoder.CapArrayIn, Flags: decoder.CapFault | decoder.CapPart, Data: pollfds(-5)}}
	check(t, string(New(Options{StrSize: 32}).AppendCall(nil, c)), `poll([{fd=-5}, ... /* 0x2000 */], 2, 0) = -1 EFAULT (Bad address)`)

	// select whose sets came back empty still shows its (empty) list
	set := []byte{0x18, 0, 0, 0, 0, 0, 0, 0}
	c = call("select", 1, 5, 0x1000, 0x1000, 0x1000, 0)
	for i := uint8(1); i <= 3; i++ {
		c.Enter = append(c.Enter, decoder.Capture{Arg: i, Kind: decoder.CapFdsetIn, Data: set})
		c.Exit = append(c.Exit, decoder.Capture{Arg: i, Kind: decoder.CapFdsetOut, Flags: decoder.CapExit, Data: make([]byte, 8)})
	}
	check(t, string(New(Options{StrSize: 32}).AppendCall(nil, c)), `select(5, [3 4], [3 4], [3 4], NULL) = 1 ()`)
}

// sendfile's offset, read before and after, as strace 6.1's sendfile test.
func TestSendfileOffset(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	u64 := func(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }
	c := call("sendfile", 35499, 4, 5, 0x1000, 35499)
	c.Enter = []decoder.Capture{{Arg: 2, Kind: decoder.CapMemIn, Data: u64(0)}}
	c.Exit = []decoder.Capture{{Arg: 2, Kind: decoder.CapMemOut, Flags: decoder.CapExit, Data: u64(35499)}}
	check(t, string(f.AppendCall(nil, c)), `sendfile(4, 5, [0] => [35499], 35499) = 35499`)
	c.Ret = 0
	check(t, string(f.AppendCall(nil, c)), `sendfile(4, 5, [0], 35499) = 0`)
	c = call("sendfile", -9, 0xffffffff, 5, 0x1000, 1)
	c.Enter = []decoder.Capture{{Arg: 2, Kind: decoder.CapMemIn, Flags: decoder.CapFault}}
	check(t, string(f.AppendCall(nil, c)), `sendfile(-1, 5, 0x1000, 1) = -1 EBADF (Bad file descriptor)`)
}

// Directory entries under -v, as strace 6.1's getdents and getdents64
// tests print them.
func TestDirents(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32, Verbose: true})
	ent := func(is64 bool, ino, off uint64, typ byte, name string) []byte {
		header := direntHeader
		if is64 {
			header = dirent64Header
		}
		reclen := (header + len(name) + 2 + 7) &^ 7
		e := make([]byte, reclen)
		binary.LittleEndian.PutUint64(e, ino)
		binary.LittleEndian.PutUint64(e[8:], off)
		binary.LittleEndian.PutUint16(e[16:], uint16(reclen))
		copy(e[header:], name)
		if is64 {
			e[18] = typ
		} else {
			e[reclen-1] = typ
		}
		return e
	}
	for _, is64 := range []bool{false, true} {
		d := append(ent(is64, 5, 1, 4, "."), ent(is64, 2, 9223372036854775807, 8, "a\nb")...)
		name := "getdents"
		want := `getdents(3, [{d_ino=5, d_off=1, d_reclen=24, d_name=".", d_type=DT_DIR}, {d_ino=2, d_off=9223372036854775807, d_reclen=24, d_name="a\nb", d_type=DT_REG}], 8192) = 48`
		if is64 {
			name = "getdents64"
			want = `getdents64(3, [{d_ino=5, d_off=1, d_reclen=24, d_type=DT_DIR, d_name="."}, {d_ino=2, d_off=9223372036854775807, d_reclen=24, d_type=DT_REG, d_name="a\nb"}], 8192) = 48`
		}
		c := call(name, int64(len(d)), 3, 0x1000, 8192)
		c.Exit = []decoder.Capture{{Arg: 1, Kind: decoder.CapArrayOut, Flags: decoder.CapExit, Data: d}}
		check(t, string(f.AppendCall(nil, c)), want)
		c = call(name, 0, 3, 0x1000, 8192)
		c.Exit = []decoder.Capture{{Arg: 1, Kind: decoder.CapArrayOut, Flags: decoder.CapExit}}
		check(t, string(f.AppendCall(nil, c)), name+"(3, [], 8192) = 0")
	}
	// without -v, their number
	c := call("getdents", 48, 3, 0x1000, 8192)
	c.Exit = []decoder.Capture{{Arg: 1, Kind: decoder.CapDirents, Flags: decoder.CapExit, Data: []byte{2, 0, 0, 0, 0, 0, 0, 0, 48, 0, 0, 0, 0, 0, 0, 0}}}
	check(t, string(New(Options{StrSize: 32}).AppendCall(nil, c)), "getdents(3, 0x1000 /* 2 entries */, 8192) = 48")
}

// execve's arrays where their memory ends, as strace 6.1's execve test.
func TestExecveArrays(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	c := call("execve", -13, 0x1000, 0x2000, 0x3000)
	c.Enter = []decoder.Capture{
		{Arg: 0, Kind: decoder.CapPath, Data: []byte("x")},
		{Arg: 1, Kind: decoder.CapStr, Data: []byte("x")},
		{Arg: 1, Kind: decoder.CapArgv, Flags: decoder.CapEnd | decoder.CapFault},
		{Arg: 2, Kind: decoder.CapEnvc, Flags: decoder.CapFault, Data: []byte{5, 0, 0, 0}},
	}
	check(t, string(f.AppendCall(nil, c)), `execve("x", ["x", ... /* 0x2008 */], 0x3000 /* 5 vars, unterminated */) = -1 EACCES (Permission denied)`)
	c.Args[1] = 0
	c.Enter[3].Data[0] = 0
	check(t, string(f.AppendCall(nil, c)), `execve("x", NULL, 0x3000) = -1 EACCES (Permission denied)`)
}

// recvfrom shows no more than its buffer's length, whatever it returned
// (MSG_TRUNC), as strace 6.1's recvfrom-MSG_TRUNC test.
func TestRecvfromTrunc(t *testing.T) {
	t.Parallel()
	c := call("recvfrom", 2, 3, 0x1fff, 1, 0x20, 0, 0)
	c.Exit = []decoder.Capture{{Arg: 1, Kind: decoder.CapBufOut, Flags: decoder.CapExit, Data: []byte("A")}}
	check(t, string(New(Options{StrSize: 32}).AppendCall(nil, c)), `recvfrom(3, "A", 1, MSG_TRUNC, NULL, NULL) = 2`)
}

// preadv2 and pwritev2 show no pos_h, as strace 6.1 on x86_64.
func TestRWv2(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	c := call("preadv2", -9, 0xffffffff, 0, 18069003361555037940, 8846757241787236088, 0xbadc0ded, 1)
	c.Exit = iovCaps(1, decoder.CapExit, 0)
	check(t, string(f.AppendCall(nil, c)), `preadv2(-1, NULL, 18069003361555037940, 8846757241787236088, RWF_HIPRI) = -1 EBADF (Bad file descriptor)`)
	c = call("pwritev2", 3, 1, 0x1000, 1, 0, 0, 0)
	c.Enter = iovCaps(1, 0, 0, "012")
	check(t, string(f.AppendCall(nil, c)), `pwritev2(1, [{iov_base="012", iov_len=3}], 1, 0, 0) = 3`)
}

// Message queue calls, as strace 6.1's mq_sendrecv test.
func TestMqCalls(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 4})
	attr := make([]byte, 64)
	binary.LittleEndian.PutUint64(attr, 0x800) // O_NONBLOCK: in hex for mq_open
	binary.LittleEndian.PutUint64(attr[8:], 2)
	binary.LittleEndian.PutUint64(attr[16:], 64)
	c := call("mq_open", 3, 0x1000, 0102|0x800, 0700, 0x2000)
	c.Enter = []decoder.Capture{{Arg: 0, Kind: decoder.CapPath, Data: []byte("q")}, {Arg: 3, Kind: decoder.CapMemIn, Data: attr}}
	check(t, string(f.AppendCall(nil, c)), `mq_open("q", O_RDWR|O_CREAT|O_NONBLOCK, 0700, {mq_flags=0x800, mq_maxmsg=2, mq_msgsize=64, mq_curmsgs=0}) = 3`)

	// a message cut by an unreadable page after the bytes shown
	c = call("mq_timedsend", 0, 3, 0x1fc8, 64, 42, 0)
	c.Enter = []decoder.Capture{{Arg: 1, Kind: decoder.CapBufIn, Flags: decoder.CapFault | decoder.CapPart, Data: []byte("abcdefgh")}}
	check(t, string(f.AppendCall(nil, c)), `mq_timedsend(3, "abcd"..., 64, 42, NULL) = 0`)
	c.Enter[0].Data = []byte("abc")
	check(t, string(f.AppendCall(nil, c)), `mq_timedsend(3, 0x1fc8, 64, 42, NULL) = 0`)

	c = call("mq_timedreceive", 8, 3, 0x1000, 64, 0x2000, 0)
	c.Exit = []decoder.Capture{{Arg: 1, Kind: decoder.CapBufOut, Flags: decoder.CapExit, Data: []byte("abcdefgh")},
		{Arg: 3, Kind: decoder.CapMemOut, Flags: decoder.CapExit, Data: []byte{42, 0, 0, 0}}}
	check(t, string(f.AppendCall(nil, c)), `mq_timedreceive(3, "abcd"..., 64, [42], NULL) = 8`)

	// strace reads 32 bytes of a struct sigevent
	ev := make([]byte, 32)
	binary.LittleEndian.PutUint32(ev[8:], 14) // SIGALRM
	c = call("mq_notify", 0, 3, 0x1fe0)
	c.Enter = []decoder.Capture{{Arg: 1, Kind: decoder.CapMemIn, Data: ev}}
	check(t, string(f.AppendCall(nil, c)), `mq_notify(3, {sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}) = 0`)
}

// recvmsg's name shows no more than the caller's buffer held, as strace
// 6.1's msg_name test: msg_namelen=2 => 36 prints {sa_family=AF_UNIX}.
func TestRecvmsgName(t *testing.T) {
	t.Parallel()
	hdr := func(namelen uint32) []byte {
		h := make([]byte, msghdrSize)
		binary.LittleEndian.PutUint64(h[msgNameOff:], 0x2000)
		binary.LittleEndian.PutUint32(h[msgNamelenOff:], namelen)
		return h
	}
	name := append([]byte{1, 0}, "sockname-that-is-long"...)
	c := call("recvmsg", 0, 3, 0x1000, 0)
	c.Enter = []decoder.Capture{{Arg: 1, Kind: decoder.CapMemIn, Data: hdr(2)}}
	c.Exit = []decoder.Capture{{Arg: 1, Kind: decoder.CapMsghdr, Flags: decoder.CapExit, Data: hdr(36)},
		{Arg: 1, Kind: decoder.CapMsgName, Flags: decoder.CapExit | decoder.CapPart, Data: name}}
	f := New(Options{StrSize: 32})
	check(t, string(f.AppendCall(nil, c)), `recvmsg(3, {msg_name={sa_family=AF_UNIX}, msg_namelen=2 => 36, msg_iov=NULL, msg_iovlen=0, msg_controllen=0, msg_flags=0}, 0) = 0`)
	c.Enter[0].Data = hdr(10)
	check(t, string(f.AppendCall(nil, c)), `recvmsg(3, {msg_name={sa_family=AF_UNIX, sun_path="sockname"}, msg_namelen=10 => 36, msg_iov=NULL, msg_iovlen=0, msg_controllen=0, msg_flags=0}, 0) = 0`)
	c.Enter[0].Data = hdr(64)
	check(t, string(f.AppendCall(nil, c)), `recvmsg(3, {msg_name=0x2000, msg_namelen=64 => 36, msg_iov=NULL, msg_iovlen=0, msg_controllen=0, msg_flags=0}, 0) = 0`)
}

// SOL_IP control messages, as strace 6.1's inet-cmsg test prints them;
// a message longer than what is left shows what is left.
func TestCmsgs(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	cmsg := func(level, typ uint32, data ...byte) []byte {
		m := make([]byte, 16, (16+len(data)+7)&^7)
		binary.LittleEndian.PutUint64(m, uint64(16+len(data)))
		binary.LittleEndian.PutUint32(m[8:], level)
		binary.LittleEndian.PutUint32(m[12:], typ)
		m = append(m, data...)
		return m[:cap(m)]
	}
	var d []byte
	d = append(d, cmsg(0, 2, 64, 0, 0, 0)...) // IP_TTL
	d = append(d, cmsg(0, 1, 0)...)           // IP_TOS
	d = append(d, cmsg(0, 6, 1, 0, 0, 0)...)  // IP_RECVOPTS
	d = append(d, cmsg(0, 7)...)              // IP_RETOPTS, no data
	d = append(d, cmsg(0, 20, 2, 0, 0x30, 0x39, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)...)
	d = append(d, cmsg(0, 99, 1)...) // unknown: no data shown
	check(t, string(f.appendCmsgs(nil, &decoder.Call{}, d, 0x1000, uint64(len(d)))),
		`[{cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=[64]}, {cmsg_len=17, cmsg_level=SOL_IP, cmsg_type=IP_TOS, cmsg_data=[0]}, `+
			`{cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_RECVOPTS, cmsg_data=[0x1, 0, 0, 0]}, {cmsg_len=16, cmsg_level=SOL_IP, cmsg_type=IP_RETOPTS}, `+
			`{cmsg_len=32, cmsg_level=SOL_IP, cmsg_type=IP_ORIGDSTADDR, cmsg_data={sa_family=AF_INET, sin_port=htons(12345), sin_addr=inet_addr("127.0.0.1")}}, `+
			`{cmsg_len=17, cmsg_level=SOL_IP, cmsg_type=0x63 /* IP_??? */}]`)

	// SCM_RIGHTS longer than what was read: the descriptors read, -s of
	// them, and "..." for the control data not read
	r := cmsg(1, 1, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0)
	binary.LittleEndian.PutUint64(r, 262144)
	check(t, string(New(Options{StrSize: 2}).appendCmsgs(nil, &decoder.Call{}, r, 0x1000, 262144)),
		`[{cmsg_len=262144, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[1, 2, ...]}, ...]`)
	// too short for a header: the address of the rest
	check(t, string(f.appendCmsgs(nil, &decoder.Call{}, append(cmsg(0, 2, 64, 0, 0, 0), 1, 2, 3), 0x1000, 27)),
		`[{cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=[64]}, ... /* 0x1018 */]`)
}
