package tracer

import (
	"encoding/binary"
	"slices"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
)

// raw is a record header of type typ, tagged n (in its tid) to tell
// records apart.
func raw(typ decoder.RecordType, n uint32) []byte {
	b := make([]byte, 32)
	binary.LittleEndian.PutUint32(b[8:], n)
	binary.LittleEndian.PutUint16(b[20:], uint16(typ))
	return b
}

// A recording keeps the records of the last calls, from the first kept
// call's enter: dropping a call drops its exit, its stack and what came
// before the next call.
func TestFlightKeepsLastCalls(t *testing.T) {
	const (
		enter = decoder.SysEnter
		exit  = decoder.SysExit
		stack = decoder.Stack
		sig   = decoder.Signal
	)
	in := []struct {
		typ decoder.RecordType
		n   uint32
	}{{enter, 1}, {exit, 2}, {stack, 3}, {enter, 4}, {sig, 5}, {exit, 6}, {enter, 7}, {exit, 8}, {enter, 9}}
	for _, c := range []struct {
		calls int
		want  []uint32
	}{
		{1, []uint32{9}},
		{2, []uint32{7, 8, 9}},
		{3, []uint32{4, 5, 6, 7, 8, 9}},
		{10, []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9}},
	} {
		var f flight
		for _, r := range in {
			f.push(raw(r.typ, r.n), c.calls)
		}
		var got []uint32
		for _, r := range f.recs {
			got = append(got, binary.LittleEndian.Uint32(r[8:]))
		}
		if !slices.Equal(got, c.want) || f.enters != min(c.calls, 4) {
			t.Errorf("last %d calls: records %v (%d calls), want %v", c.calls, got, f.enters, c.want)
		}
	}
}
