package format

import (
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// Sockaddrs the strace comparison does not reach, as strace 6.1 prints them.
func TestAppendSockaddr(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	for _, tc := range []struct {
		data []byte
		want string
	}{
		{[]byte{2}, "0x1000"},
		{[]byte{1, 0}, "{sa_family=AF_UNIX}"},
		{[]byte{0x39, 0x30, 'a', 0}, `{sa_family=0x3039 /* AF_??? */, sa_data="a\0"}`},
		{[]byte{0, 0, 1, 2}, `{sa_family=AF_UNSPEC, sa_data="\1\2"}`},
		{[]byte{2, 0, 0, 80, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, `{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("10.0.0.1")}`},
		{append([]byte{10, 0, 0x1f, 0x90, 0, 0, 0, 5, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 2, 0, 0, 0),
			`{sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(5), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=2}`},
		{append([]byte{10, 0, 0, 80, 0, 0, 0, 0}, make([]byte, 16)...), `{sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr)}`},
		{[]byte{16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}"},
		{[]byte{16, 0, 0, 0, 0x39, 0x30, 0, 0, 1, 0, 0, 0}, "{sa_family=AF_NETLINK, nl_pid=12345, nl_groups=0x000001}"},
	} {
		if got := string(f.appendSockaddr(nil, tc.data, 0x1000)); got != tc.want {
			t.Errorf("appendSockaddr(%v) = %s, want %s", tc.data, got, tc.want)
		}
	}
}

func TestAppendFdSet(t *testing.T) {
	t.Parallel()
	set := []byte{0x18, 0, 0x01}
	if got := string(appendFdSet(nil, set, 17)); got != "[3 4 16]" {
		t.Errorf("got %s", got)
	}
	if got := string(appendFdSet(nil, set, 4)); got != "[3]" {
		t.Errorf("nfds 4: got %s", got)
	}
}

// getsockopt values the strace comparison does not reach: they hold pids
// or errors that a test program cannot make the same from run to run.
func TestGetsockoptValues(t *testing.T) {
	t.Parallel()
	le := func(v ...uint32) []byte {
		var b []byte
		for _, x := range v {
			b = append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24))
		}
		return b
	}
	sc := syscalltbl.ByName("getsockopt")
	for _, tc := range []struct {
		name  uint64
		in    uint32
		value []byte
		want  string
	}{
		{4, 4, le(111), "getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4])"},
		{4, 4, le(0xffffffff), "getsockopt(3, SOL_SOCKET, SO_ERROR, [4294967295], [4])"},
		{17, 16, le(42, 1000, 1001), "getsockopt(3, SOL_SOCKET, SO_PEERCRED, {pid=42, uid=1000, gid=1001}, [16 => 12])"},
		{13, 8, le(1, 30), "getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=30}, [8])"},
		{8, 8, le(212992, 0), `getsockopt(3, SOL_SOCKET, SO_RCVBUF, [212992], [8 => 4])`},
	} {
		c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true,
			Args: [6]uint64{3, 1, tc.name, 0x1000, 0x2000}}
		c.Enter = []decoder.Capture{{Arg: 4, Kind: decoder.CapMemIn, Data: le(tc.in)}}
		if tc.name == 8 {
			tc.value = tc.value[:4]
		}
		c.Exit = []decoder.Capture{
			{Arg: 3, Kind: decoder.CapLenptrOut, Data: tc.value},
			{Arg: 4, Kind: decoder.CapMemOut, Data: le(uint32(len(tc.value)))},
		}
		f := New(Options{StrSize: 32})
		b, deferred := f.FormatArgs([]byte("getsockopt("), c, false)
		if !deferred {
			t.Fatalf("%s: nothing left for the exit", tc.want)
		}
		b, _ = f.FormatArgs(b, c, true)
		if got := string(append(b, ')')); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}
