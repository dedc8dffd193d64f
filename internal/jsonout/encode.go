package jsonout

import (
	"strconv"
	"unicode/utf8"
)

// appendString appends s as a JSON string. Bytes that are not valid UTF-8
// (a tracee's data need not be text) become \u00XX, the code point of the
// same value, so that no byte is lost.
func appendString[T string | []byte](b []byte, s T) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+4)]))
			if r != utf8.RuneError || size > 1 {
				b = append(b, s[i:i+size]...)
				i += size
				continue
			}
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			i++
			continue
		}
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\t':
			b = append(b, '\\', 't')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c < 0x20 || c == 0x7f:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
		i++
	}
	return append(b, '"')
}

// object builds one JSON object in a reused buffer.
type object struct{ b []byte }

func (o *object) begin() { o.b = append(o.b[:0], '{') }

func (o *object) key(k string) {
	if len(o.b) > 1 && o.b[len(o.b)-1] != '{' && o.b[len(o.b)-1] != '[' {
		o.b = append(o.b, ',')
	}
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

func (o *object) str(k, v string) { o.key(k); o.b = appendString(o.b, v) }
func (o *object) bytes(k string, v []byte) {
	o.key(k)
	o.b = appendString(o.b, v)
}
func (o *object) int(k string, v int64)   { o.key(k); o.b = strconv.AppendInt(o.b, v, 10) }
func (o *object) uint(k string, v uint64) { o.key(k); o.b = strconv.AppendUint(o.b, v, 10) }
func (o *object) bool(k string, v bool)   { o.key(k); o.b = strconv.AppendBool(o.b, v) }
func (o *object) null(k string)           { o.key(k); o.b = append(o.b, "null"...) }

func (o *object) end() []byte { return append(o.b, '}', '\n') }
