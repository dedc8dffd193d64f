package printer

import "testing"

// Expected strings are strace 6.1's output for the same bytes (write(2)
// of each input, traced with strace -e trace=write).
func TestAppendQuoted(t *testing.T) {
	cases := []struct {
		in   string
		more bool
		want string
	}{
		{"a\x00b", false, `"a\0b"`},
		{"\x01\x012\xff\n\t\"\\x\r\v\f", false, `"\1\0012\377\n\t\"\\x\r\v\f"`},
		{"\x7f\x80 end8\x00\x00", false, `"\177\200 end8\0\0"`},
		{"", false, `""`},
		{"abc", true, `"abc"...`},
		{"\x08", false, `"\10"`},
		{"\x08" + "1", false, `"\0101"`},
	}
	for _, c := range cases {
		if got := string(AppendQuoted(nil, []byte(c.in), c.more)); got != c.want {
			t.Errorf("AppendQuoted(%q, %v) = %s, want %s", c.in, c.more, got, c.want)
		}
	}
}
