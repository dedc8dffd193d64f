package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// ioctlCase is an ioctl call on descriptor -1: its request and argument,
// what the kernel side captured of the argument at enter and (nil: the
// call failed with EBADF) at exit, and strace's line up to the return.
type ioctlCase struct {
	req   uint32
	arg   uint64
	enter []byte
	exit  []byte
	want  string
}

// checkIoctl formats each case as the printer does, at enter and exit.
func checkIoctl(t *testing.T, opt Options, cases []ioctlCase) {
	t.Helper()
	sc := syscalltbl.ByName("ioctl")
	for _, tc := range cases {
		c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true, Ret: 42,
			Args: [6]uint64{^uint64(0), uint64(tc.req), tc.arg}}
		if tc.enter != nil {
			c.Enter = []decoder.Capture{{Arg: 2, Kind: decoder.CapIoctlIn, Data: tc.enter}}
		}
		if tc.exit != nil {
			c.Exit = []decoder.Capture{{Arg: 2, Kind: decoder.CapIoctlOut, Data: tc.exit}}
		} else {
			c.Ret = -9 // EBADF
		}
		f := New(opt)
		b, deferred := f.FormatArgs([]byte("ioctl("), c, false)
		if deferred {
			b, _ = f.FormatArgs(b, c, true)
		}
		if got := string(append(b, ')')); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

// Expected lines are strace 6.1's, from its test suite's ioctl_hdio.
func TestIoctlHdio(t *testing.T) {
	t.Parallel()
	le := binary.LittleEndian
	code := func(name string) uint32 {
		c, ok := xlat.IoctlCode(name)
		if !ok {
			t.Fatalf("no request %s", name)
		}
		return c
	}
	geo := make([]byte, hdGeometrySize)
	geo[0], geo[1] = 0xca, 0xfe
	le.PutUint16(geo[2:], 0xbabe)
	le.PutUint64(geo[8:], 0xbadc0deddeadface)
	ulong := le.AppendUint64(nil, 0xfacefeedded1ffff)
	cmd := []byte{0xca, 0xff, 0xee, 1}
	sectors := append([]byte{0x80, 0x81, 0x82, 0x83}, make([]byte, 33)...)
	for i := range sectors[4:] {
		sectors[4+i] = byte(0x84 + i)
	}
	ints := le.AppendUint32(le.AppendUint32(le.AppendUint32(nil, 0xdeadbeef), 0xaaaaaaaa), 0xbeefbeef)
	checkIoctl(t, Options{StrSize: 32}, []ioctlCase{
		{code("HDIO_GET_QDMA"), 0xbadc0deddeadc0de, nil, nil, "ioctl(-1, HDIO_GET_QDMA, 0xbadc0deddeadc0de)"},
		{code("HDIO_GETGEO"), 0x1000, nil, geo, "ioctl(-1, HDIO_GETGEO, {heads=202, sectors=254, cylinders=47806, start=13464652301225294542})"},
		{code("HDIO_GETGEO"), 0x1000, nil, nil, "ioctl(-1, HDIO_GETGEO, 0x1000)"},
		{code("HDIO_GET_NICE"), 0x1000, nil, ulong, "ioctl(-1, HDIO_GET_NICE, [1 << IDE_NICE_DSC_OVERLAP|1 << IDE_NICE_ATAPI_OVERLAP|1 << IDE_NICE_1|1 << IDE_NICE_0|1 << IDE_NICE_2|0xfacefeedded1ffe0])"},
		{code("HDIO_GET_32BIT"), 0x1000, nil, ulong, "ioctl(-1, HDIO_GET_32BIT, [18072662652283387903])"},
		{code("HDIO_SET_BUSSTATE"), 0xfacefeedded4ffff, nil, nil, "ioctl(-1, HDIO_SET_BUSSTATE, 0xfacefeedded4ffff /* BUSSTATE_??? */)"},
		{code("HDIO_SET_32BIT"), 0xfacefeeddeadbeef, nil, nil, "ioctl(-1, HDIO_SET_32BIT, 18072662652281011951)"},
		{code("HDIO_DRIVE_RESET"), 0x1000, ints, nil, "ioctl(-1, HDIO_DRIVE_RESET, [0xdeadbeef, 0xaaaaaaaa, 0xbeefbeef])"},
		{code("HDIO_DRIVE_CMD"), 0x1000, cmd, nil, "ioctl(-1, HDIO_DRIVE_CMD, {command=ATA_CMD_WRITE, sector_number=255, feature=238, sector_count=1})"},
		// the sectors after the header end the page: the address
		{code("HDIO_DRIVE_CMD"), 0x1000, cmd, cmd, "ioctl(-1, HDIO_DRIVE_CMD, {command=ATA_CMD_WRITE, sector_number=255, feature=238, sector_count=1} => {status=0xca, error=255, nsector=238, buf=0x1004})"},
		{code("HDIO_DRIVE_CMD"), 0x1000, sectors, sectors, `ioctl(-1, HDIO_DRIVE_CMD, {command=0x80 /* ATA_CMD_??? */, sector_number=129, feature=130, sector_count=131} => {status=0x80, error=129, nsector=130, buf="\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f\xa0\xa1\xa2\xa3"...})`},
		{code("HDIO_GET_IDENTITY"), 0x1000, nil, []byte("abc\x00"), `ioctl(-1, HDIO_GET_IDENTITY, 0x1000)`},
		{code("HDIO_OBSOLETE_IDENTITY"), 0x1000, nil, make([]byte, 33), `ioctl(-1, HDIO_OBSOLETE_IDENTITY, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"...)`},
	})
}
