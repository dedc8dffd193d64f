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
