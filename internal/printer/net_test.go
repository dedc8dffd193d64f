package printer

import "testing"

// Sockaddrs the strace comparison does not reach, as strace 6.1 prints them.
func TestAppendSockaddr(t *testing.T) {
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
		if got := string(appendSockaddr(nil, tc.data, 0x1000)); got != tc.want {
			t.Errorf("appendSockaddr(%v) = %s, want %s", tc.data, got, tc.want)
		}
	}
}

func TestAppendFdSet(t *testing.T) {
	set := []byte{0x18, 0, 0x01}
	if got := string(appendFdSet(nil, set, 17)); got != "[3 4 16]" {
		t.Errorf("got %s", got)
	}
	if got := string(appendFdSet(nil, set, 4)); got != "[3]" {
		t.Errorf("nfds 4: got %s", got)
	}
}
