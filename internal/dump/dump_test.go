package dump

import "testing"

// The lines strace 6.1 prints for the same data (-e write=4).
func TestAppend(t *testing.T) {
	data := []byte("hello world, this is a longer line of text!\n\x01\x02\xff")
	want := " | 00000  68 65 6c 6c 6f 20 77 6f  72 6c 64 2c 20 74 68 69  hello world, thi |\n" +
		" | 00010  73 20 69 73 20 61 20 6c  6f 6e 67 65 72 20 6c 69  s is a longer li |\n" +
		" | 00020  6e 65 20 6f 66 20 74 65  78 74 21 0a 01 02 ff     ne of text!....  |\n"
	if got := string(Append(nil, data, len(data))); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := string(Append(nil, nil, 0)); got != "" {
		t.Errorf("nothing moved: %q", got)
	}
	// beyond what the kernel side captured: said, not dropped
	want = " | 00000  61 62                                             ab               |\n" +
		" | <... 4998 bytes more not captured ...>\n"
	if got := string(Append(nil, []byte("ab"), 5000)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// more than 1 MiB: the offset widens, as strace's does
	if got := string(Append(nil, []byte{0}, 1<<20+1)[:10]); got != " | 000000 " {
		t.Errorf("wide offset: %q", got)
	}
}

func TestOf(t *testing.T) {
	for name, want := range map[string]struct {
		dir   Dir
		shape Shape
	}{
		"read": {Read, Buffer}, "recvfrom": {Read, Buffer}, "pwrite64": {Write, Buffer}, "sendto": {Write, Buffer},
		"readv": {Read, Iovec}, "vmsplice": {Write, Iovec}, "recvmsg": {Read, Msghdr}, "sendmsg": {Write, Msghdr},
		"openat": {None, Buffer},
	} {
		if dir, shape := Of(name); dir != want.dir || shape != want.shape {
			t.Errorf("Of(%s) = %d, %d, want %d, %d", name, dir, shape, want.dir, want.shape)
		}
	}
}

func TestAppendBuffer(t *testing.T) {
	if got := string(AppendBuffer(nil, 3, 0)); got != " * 3 bytes in buffer 0\n" {
		t.Errorf("got %q", got)
	}
}
