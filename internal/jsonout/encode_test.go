package jsonout

import (
	"encoding/json"
	"testing"
)

// Any bytes a tracee passes encode as a valid JSON string that keeps
// their value: UTF-8 as is, other bytes as the code point of the same
// number.
func TestAppendString(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"plain":           "plain",
		"q\"b\\n\n\t\x00": "q\"b\\n\n\t\x00",
		"\xff\xfe":        "\u00ff\u00fe",
		"héllo":           "héllo",
		"\x7f":            "\x7f",
	} {
		var got string
		if err := json.Unmarshal(appendString(nil, []byte(in)), &got); err != nil {
			t.Errorf("%q: invalid JSON %s: %v", in, appendString(nil, in), err)
			continue
		}
		if got != want {
			t.Errorf("%q decodes to %q, want %q", in, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add([]byte("a\xff\"\\\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if !json.Valid(appendString(nil, in)) {
			t.Errorf("%q: invalid JSON %s", in, appendString(nil, in))
		}
	})
}
