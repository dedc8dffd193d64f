package format

import (
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// ioctlCall is one ioctl call: its request, argument and return value,
// what the kernel side read at enter and at exit, and the line strace 6.1
// printed for it in its test suite (or on the same program).
type ioctlCall struct {
	req   uint32
	arg   uint64
	ret   int64
	in    []byte // the CapIoctlIn capture, nil for none
	out   []byte // the CapIoctlOut capture, nil for none
	opt   Options
	want  string
	fault bool // the capture at enter could not be read
}

// ioctlLine formats a case as the printer does: the arguments at enter,
// those deferred at exit, and the return value.
func ioctlLine(tc ioctlCall) string {
	sc := syscalltbl.ByName("ioctl")
	c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true, Ret: tc.ret,
		Args: [6]uint64{^uint64(0), uint64(tc.req), tc.arg}}
	if tc.in != nil || tc.fault {
		cp := decoder.Capture{Arg: 2, Kind: decoder.CapIoctlIn, Data: tc.in}
		if tc.fault {
			cp.Flags |= decoder.CapFault
		}
		c.Enter = append(c.Enter, cp)
	}
	if tc.out != nil {
		c.Exit = append(c.Exit, decoder.Capture{Arg: 2, Kind: decoder.CapIoctlOut, Flags: decoder.CapExit, Data: tc.out})
	}
	if tc.opt.StrSize == 0 {
		tc.opt.StrSize = 32
	}
	f := New(tc.opt)
	b, deferred := f.FormatArgs([]byte("ioctl("), c, false)
	if deferred {
		b, _ = f.FormatArgs(b, c, true)
	}
	b = append(b, ") "...)
	return string(f.AppendReturn(b, c))
}

func runIoctlCases(t *testing.T, cases []ioctlCall) {
	t.Helper()
	for _, tc := range cases {
		check(t, ioctlLine(tc), tc.want)
	}
}

// words puts 64-bit words in little-endian order.
func words(ws ...uint64) []byte {
	var b []byte
	for _, w := range ws {
		for i := range 8 {
			b = append(b, byte(w>>(8*i)))
		}
	}
	return b
}

// ints puts 32-bit ints in little-endian order.
func ints(vs ...uint32) []byte {
	var b []byte
	for _, v := range vs {
		b = append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
	}
	return b
}

func TestIoctlEvdevSized(t *testing.T) {
	t.Parallel()
	ev := uint64(1<<3 | 1<<4 | 1<<0x11 | 1<<0x12 | 1<<0x16)
	runIoctlCases(t, []ioctlCall{
		{req: 0x80004520, arg: 0x1000, ret: 2, out: words(ev), want: "ioctl(-1, EVIOCGBIT(0, 0), [EV_ABS EV_MSC]) = 2"},
		{req: 0x80004520, arg: 0x1000, ret: 8, out: words(ev), want: "ioctl(-1, EVIOCGBIT(0, 0), [EV_ABS EV_MSC EV_LED EV_SND ...]) = 8"},
		{req: 0x80004520, arg: 0x1000, ret: 8, out: words(ev), opt: Options{Verbose: true}, want: "ioctl(-1, EVIOCGBIT(0, 0), [EV_ABS EV_MSC EV_LED EV_SND EV_PWR]) = 8"},
		{req: 0x80004520, arg: 0x1000, ret: 2, out: words(ev), opt: Options{Xlat: xlat.Raw}, want: "ioctl(-1, 0x80004520, [0x460018]) = 2"},
		{req: 0x80004520, arg: 0x1000, ret: 2, out: words(ev), opt: Options{Xlat: xlat.Verbose}, want: "ioctl(-1, 0x80004520 /* EVIOCGBIT(0, 0) */, [0x3 /* EV_ABS */ 0x4 /* EV_MSC */] /* [0x460018] */) = 2"},
		{req: 0x80004520, arg: 0x1000, ret: 0, out: words(ev), want: "ioctl(-1, EVIOCGBIT(0, 0), 0x1000) = 0"},
		{req: 0x800c450a, arg: 0x1000, ret: 0, out: ints(0x2f, 1, 3), want: "ioctl(-1, EVIOCGMTSLOTS(12), {code=ABS_MT_SLOT, values=[1, 3]}) = 0"},
		{req: 0x8008450a, arg: 0x1000, ret: 0, out: ints(0xffffffff, 1), want: "ioctl(-1, EVIOCGMTSLOTS(8), {code=0xffffffff /* ABS_MT_??? */, values=[1]}) = 0"},
	})
}

func TestIoctlUffd(t *testing.T) {
	t.Parallel()
	runIoctlCases(t, []ioctlCall{
		{req: 0xc018aa3f, arg: 0x1000, ret: 0, in: words(0xaa, 0, 0), out: words(0xaa, 0x1e001, 1|2|1<<63),
			want: "ioctl(-1, UFFDIO_API, {api=0xaa, features=0 => features=UFFD_FEATURE_PAGEFAULT_FLAG_WP|0x1e000, ioctls=1<<_UFFDIO_REGISTER|1<<_UFFDIO_UNREGISTER|1<<_UFFDIO_API}) = 0"},
		{req: 0xc018aa3f, arg: 0, ret: -14, want: "ioctl(-1, UFFDIO_API, NULL) = -1 EFAULT (Bad address)"},
		{req: 0xc020aa00, arg: 0x1000, ret: 0, in: words(0x7fb470ea5000, 0x1000, 1, 0), out: words(0x7fb470ea5000, 0x1000, 1, 0x11c),
			want: "ioctl(-1, UFFDIO_REGISTER, {range={start=0x7fb470ea5000, len=0x1000}, mode=UFFDIO_REGISTER_MODE_MISSING, ioctls=1<<_UFFDIO_WAKE|1<<_UFFDIO_COPY|1<<_UFFDIO_ZEROPAGE|0x100}) = 0"},
	})
}

func TestIoctlScsi(t *testing.T) {
	t.Parallel()
	runIoctlCases(t, []ioctlCall{
		{req: 0x2202, arg: 0xdeadbeef, ret: -9, want: "ioctl(-1, SG_GET_TIMEOUT) = -1 EBADF (Bad file descriptor)"},
		{req: 0x2201, arg: 0x1000, ret: -9, in: ints(0xfacefeed), want: "ioctl(-1, SG_SET_TIMEOUT, [-87097619]) = -1 EBADF (Bad file descriptor)"},
		{req: 0x2289, arg: 0x1000, ret: 0, out: ints(3), want: "ioctl(-1, SG_GET_ACCESS_COUNT, [3]) = 0"},
		{req: 0x2284, arg: 0x1000, ret: -9, in: ints(0x100), want: "ioctl(-1, SG_SCSI_RESET, [SG_SCSI_RESET_NO_ESCALATE|SG_SCSI_RESET_NOTHING]) = -1 EBADF (Bad file descriptor)"},
		{req: 0x2284, arg: 0x1000, ret: -9, in: ints(0xfacefeed), want: "ioctl(-1, SG_SCSI_RESET, [0xfacefeed /* SG_SCSI_RESET_??? */]) = -1 EBADF (Bad file descriptor)"},
		{req: 0x2204, arg: 0xfacefeed, ret: -9, want: "ioctl(-1, SG_SET_TRANSFORM, 0xfacefeed) = -1 EBADF (Bad file descriptor)"},
		{req: 0x2285, arg: 0x1000, ret: -9, in: ints(7), want: "ioctl(-1, SG_IO, [7]) = -1 EBADF (Bad file descriptor)"},
		{req: 0x2276, arg: 0x1000, ret: 0, out: append(ints(1, 2, 3, 4, 5), 6, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0),
			want: "ioctl(-1, SG_GET_SCSI_ID, {host_no=1, channel=2, scsi_id=0x3, lun=4, scsi_type=0x5, h_cmd_per_lun=6, d_queue_depth=7}) = 0"},
	})
}

func TestIoctlRandom(t *testing.T) {
	t.Parallel()
	runIoctlCases(t, []ioctlCall{
		{req: 0x40085203, arg: 0x1000, ret: -9, in: append(ints(3, 8), "12345678"...),
			want: `ioctl(-1, RNDADDENTROPY, {entropy_count=3, buf_size=8, buf="12345678"}) = -1 EBADF (Bad file descriptor)`},
		{req: 0x40085203, arg: 0, ret: -9, want: "ioctl(-1, RNDADDENTROPY, NULL) = -1 EBADF (Bad file descriptor)"},
	})
}

func TestIoctlBlock(t *testing.T) {
	t.Parallel()
	part := append(words(^uint64(377740712154513676-1), 1), ints(0xdeadbeef)...)
	part = append(part, make([]byte, 128)...)
	for i := range 64 {
		part[20+i], part[84+i] = 'A', 'B'
	}
	part = append(part, 0, 0, 0, 0)
	sc := syscalltbl.ByName("ioctl")
	c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true, Ret: -9, Args: [6]uint64{^uint64(0), 0x1269, 0x1000}}
	c.Enter = []decoder.Capture{
		{Arg: 2, Kind: decoder.CapIoctlIn, Data: append(ints(1, 0xdeadbeef, 0xbadc0ded, 0), words(0x2000)...)},
		{Arg: 2, Kind: decoder.CapIoctlIn, Data: part},
	}
	f := New(Options{StrSize: 32})
	b, _ := f.FormatArgs([]byte("ioctl("), c, false)
	check(t, string(b), `ioctl(-1, BLKPG, {op=BLKPG_ADD_PARTITION, flags=-559038737, datalen=-1159983635, data={start=-377740712154513676, length=1, pno=-559038737, devname="`+
		strings.Repeat("A", 63)+`"..., volname="`+strings.Repeat("B", 63)+`"...}}`)
	runIoctlCases(t, []ioctlCall{
		{req: 0x1262, arg: 0xdeadbeefbadc0ded, ret: -9, want: "ioctl(-1, BLKRASET, 16045690984232390125) = -1 EBADF (Bad file descriptor)"},
		{req: 0x1277, arg: 0x1000, ret: -9, in: words(1, 2), want: "ioctl(-1, BLKDISCARD, [1, 2]) = -1 EBADF (Bad file descriptor)"},
		{req: 0x1267, arg: 0x1000, ret: 0, out: []byte{8, 1}, want: "ioctl(-1, BLKSECTGET, [264]) = 0"},
		{req: 0x1269, arg: 0, ret: -9, want: "ioctl(-1, BLKPG, NULL) = -1 EBADF (Bad file descriptor)"},
	})
}

func TestIoctlLoop(t *testing.T) {
	t.Parallel()
	info := make([]byte, loopInfoSize)
	copy(info, ints(0x83828180))
	copy(info[32:], ints(0xa3a2a1a0, 0, 5, 1))
	for i := range 64 {
		info[48+i] = 'A'
	}
	copy(info[112:], "BBBB")
	runIoctlCases(t, []ioctlCall{
		{req: 0x4c00, arg: 0xdeadbeefbadc0ded, ret: -9, want: "ioctl(-1, LOOP_SET_FD, -1159983635) = -1 EBADF (Bad file descriptor)"},
		{req: 0x4c02, arg: 0x1000, ret: -9, in: info,
			want: `ioctl(-1, LOOP_SET_STATUS, {lo_number=-2088599168, lo_offset=0xa3a2a1a0, lo_flags=LO_FLAGS_READ_ONLY, lo_name="` + strings.Repeat("A", 63) + `"..., ...}) = -1 EBADF (Bad file descriptor)`},
		{req: 0x4c02, arg: 0x1000, ret: -9, in: info, opt: Options{Verbose: true},
			want: `ioctl(-1, LOOP_SET_STATUS, {lo_number=-2088599168, lo_device=makedev(0, 0), lo_inode=0, lo_rdevice=makedev(0, 0), lo_offset=0xa3a2a1a0, lo_encrypt_type=LO_CRYPT_NONE, lo_encrypt_key_size=5, lo_flags=LO_FLAGS_READ_ONLY, lo_name="` + strings.Repeat("A", 63) + `"..., lo_encrypt_key="BBBB\0", lo_init=[0, 0], reserved=[0, 0, 0, 0]}) = -1 EBADF (Bad file descriptor)`},
		{req: 0x4c02, arg: 0x1000, ret: -9, in: info[:160], want: "ioctl(-1, LOOP_SET_STATUS, 0x1000) = -1 EBADF (Bad file descriptor)"},
		{req: 0x4c03, arg: 0x1000, ret: -9, want: "ioctl(-1, LOOP_GET_STATUS, 0x1000) = -1 EBADF (Bad file descriptor)"},
	})
	check(t, string(appendDev(nil, 0x8f8e8d8c8b8a8988)), "makedev(0x8f8e8a89, 0xd8c8b888)")
}

func TestIoctlUbi(t *testing.T) {
	t.Parallel()
	mkvol := make([]byte, ubiMkvolSize)
	copy(mkvol, ints(0x83828180, 0x87868584))
	copy(mkvol[8:], words(0x8f8e8d8c8b8a8988))
	mkvol[16], mkvol[17] = 4, 1
	copy(mkvol[18:], []byte{1, 0})
	copy(mkvol[24:], "01")
	rnvol := make([]byte, ubiRnvolSize)
	copy(rnvol, ints(2))
	copy(rnvol[ubiRnvolHead:], append(ints(7, 1), '0', '1'))
	copy(rnvol[ubiRnvolHead+ubiRnvolEnt:], append(ints(8, 2), '0'))
	sc := syscalltbl.ByName("ioctl")
	c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true, Ret: -9, Args: [6]uint64{^uint64(0), 0x51106f03, 0x1000}}
	c.Enter = []decoder.Capture{
		{Arg: 2, Kind: decoder.CapIoctlIn, Data: rnvol[:4096]},
		{Arg: 2, Kind: decoder.CapIoctlIn, Data: rnvol[4096:]},
	}
	b, _ := New(Options{StrSize: 32}).FormatArgs([]byte("ioctl("), c, false)
	check(t, string(b), `ioctl(-1, UBI_IOCRNVOL, {count=2, ents=[{vol_id=7, name_len=1, name="0"...}, {vol_id=8, name_len=2, name="0"}]}`)
	runIoctlCases(t, []ioctlCall{
		{req: 0x40186f40, arg: 0x1000, ret: 0, in: append(ints(1, 2, 3, 0xffff), make([]byte, 8)...), out: ints(7),
			want: "ioctl(-1, UBI_IOCATT, {ubi_num=1, mtd_num=2, vid_hdr_offset=3, max_beb_per1024=-1} => [7]) = 0"},
		{req: 0x40986f00, arg: 0x1000, ret: -9, in: mkvol,
			want: `ioctl(-1, UBI_IOCMKVOL, {vol_id=-2088599168, alignment=-2021227132, bytes=-8102383044816893560, vol_type=UBI_STATIC_VOLUME, flags=UBI_VOL_SKIP_CRC_CHECK_FLG, name_len=1, name="0"...}) = -1 EBADF (Bad file descriptor)`},
		{req: 0x40044f02, arg: 0x1000, ret: -9, in: append(ints(1, 2), 3, 0, 0, 0, 0, 0, 0, 0),
			want: "ioctl(-1, UBI_IOCEBCH, {lnum=1, bytes=2, dtype=UBI_UNKNOWN}) = -1 EBADF (Bad file descriptor)"},
		{req: 0x40804f07, arg: 0x1000, ret: -9, want: "ioctl(-1, UBI_IOCVOLCRBLK) = -1 EBADF (Bad file descriptor)"},
	})
}

func TestIoctlMtd(t *testing.T) {
	t.Parallel()
	info := append([]byte{4, 0, 0, 0}, ints(0x400, 0x1000, 0x200, 0x40, 0x10)...)
	info = append(info, words(0)...)
	runIoctlCases(t, []ioctlCall{
		{req: 0x00004d13, arg: 0, ret: -9, want: "ioctl(-1, MTDFILEMODE, MTD_FILE_MODE_NORMAL) = -1 EBADF (Bad file descriptor)"},
		{req: 0x40084d02, arg: 0x1000, ret: -9, in: ints(0x83828180, 0x87868584), want: "ioctl(-1, MIXER_WRITE(2) or MEMERASE, {start=0x83828180, length=0x87868584}) = -1 EBADF (Bad file descriptor)"},
		{req: 0x80204d01, arg: 0x1000, ret: 0, out: info, want: "ioctl(-1, MIXER_READ(1) or MEMGETINFO, {type=MTD_NANDFLASH, flags=MTD_WRITEABLE, size=0x1000, erasesize=0x200, writesize=0x40, oobsize=0x10, padding=0}) = 0"},
		{req: 0x80204d01, arg: 0, ret: -9, want: "ioctl(-1, MIXER_READ(1) or MEMGETINFO, NULL) = -1 EBADF (Bad file descriptor)"},
		{req: 0xc0104d08, arg: 0x1000, ret: 0, in: ints(0, 0, 0, 0x8f8e8d8c), out: ints(1, 2, 3, 0x8f8e8d8c),
			want: "ioctl(-1, MEMGETREGIONINFO, {regionindex=0x8f8e8d8c, offset=0x1, erasesize=0x2, numblocks=0x3}) = 0"},
	})
}

func TestIoctlPerf(t *testing.T) {
	t.Parallel()
	runIoctlCases(t, []ioctlCall{
		{req: 0x40082406, arg: 0x1000, ret: -9, in: []byte("89abcdef\x00"), want: `ioctl(-1, PERF_EVENT_IOC_SET_FILTER, "89abcdef") = -1 EBADF (Bad file descriptor)`},
		{req: 0x40082406, arg: 0x1000, ret: -9, in: []byte("0123456789abcdef0123456789abcdef0"), want: `ioctl(-1, PERF_EVENT_IOC_SET_FILTER, "0123456789abcdef0123456789abcdef"...) = -1 EBADF (Bad file descriptor)`},
		{req: 0x40082406, arg: 0, ret: -9, want: `ioctl(-1, PERF_EVENT_IOC_SET_FILTER, NULL) = -1 EBADF (Bad file descriptor)`},
		{req: 0xc008240a, arg: 0x1000, ret: 42, in: ints(3), out: ints(3, 2, 7, 9), want: `ioctl(-1, PERF_EVENT_IOC_QUERY_BPF, {ids_len=3, prog_cnt=2, ids=[7, 9]}) = 42`},
	})
}

func TestIoctlKvm(t *testing.T) {
	t.Parallel()
	seg := append(words(0xffff0000), ints(65535)...)
	seg = append(seg, 0x00, 0xf0, 11, 1, 0, 0, 1, 0, 0, 0, 0, 0)
	sregs := append(seg, make([]byte, kvmSregsSize-len(seg))...)
	cpuid := append(ints(1, 0), ints(4, 0, 1, 0, 0, 0x1c, 0)...)
	cpuid = append(cpuid, make([]byte, 12)...)
	runIoctlCases(t, []ioctlCall{
		{req: 0xae03, arg: 3, ret: 1, want: "ioctl(-1, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY) = 1"},
		{req: 0x4020ae46, arg: 0x1000, ret: 0, in: append(ints(0, 0), words(0x1000, 4096, 0x7f126cb50000)...),
			want: "ioctl(-1, KVM_SET_USER_MEMORY_REGION, {slot=0, flags=0, guest_phys_addr=0x1000, memory_size=4096, userspace_addr=0x7f126cb50000}) = 0"},
		{req: 0x8138ae83, arg: 0x1000, ret: 0, out: sregs,
			want: "ioctl(-1, KVM_GET_SREGS, {cs={base=0xffff0000, limit=65535, selector=61440, type=11, present=1, dpl=0, db=0, s=1, l=0, g=0, avl=0}, ...}) = 0"},
		{req: 0x4090ae82, arg: 0x1000, ret: 0, in: words(2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1000, 2),
			want: "ioctl(-1, KVM_SET_REGS, {rax=0x2, ..., rsp=0, rbp=0, ..., rip=0x1000, rflags=0x2}) = 0"},
		{req: 0x4008ae90, arg: 0x1000, ret: 0, in: cpuid, want: "ioctl(-1, KVM_SET_CPUID2, {nent=1, entries=[...]}) = 0"},
		{req: 0x4008ae90, arg: 0x1000, ret: 0, in: cpuid, opt: Options{Verbose: true},
			want: "ioctl(-1, KVM_SET_CPUID2, {nent=1, entries=[{function=0x4, index=0, flags=KVM_CPUID_FLAG_SIGNIFCANT_INDEX, eax=0, ebx=0, ecx=0x1c, edx=0}]}) = 0"},
		{req: 0xae80, arg: 0, ret: 0, want: "ioctl(-1, KVM_RUN, 0) = 0"},
	})
}

func TestIoctlDm(t *testing.T) {
	t.Parallel()
	hdr := make([]byte, dmHeaderSize)
	copy(hdr, ints(4, 1, 2, 305, 0, 1, 0, 0, 0))
	copy(hdr[40:], words(0x1234))
	copy(hdr[48:], "nnn")
	copy(hdr[176:], "uuu")
	out := append([]byte(nil), hdr...)
	copy(out[20:], ints(0, 1, 0, 7))
	runIoctlCases(t, []ioctlCall{
		{req: 0xc138fd00, arg: 0x1000, ret: -9, in: hdr,
			want: `ioctl(-1, DM_VERSION, [{version=[4, 1, 2], data_size=305, dev=makedev(0x12, 0x34), name="nnn", uuid="uuu", flags=0}]) = -1 EBADF (Bad file descriptor)`},
		{req: 0xc138fd09, arg: 0x1000, ret: -9, in: hdr,
			want: `ioctl(-1, DM_TABLE_LOAD, [{version=[4, 1, 2], data_size=305, data_start=0, dev=makedev(0x12, 0x34), name="nnn", uuid="uuu", target_count=1, flags=0}, ...]) = -1 EBADF (Bad file descriptor)`},
		{req: 0xc138fd07, arg: 0x1000, ret: 0, in: hdr, out: out,
			want: `ioctl(-1, DM_DEV_STATUS, [{version=[4, 1, 2], data_size=305, dev=makedev(0x12, 0x34), name="nnn", uuid="uuu", flags=0}] => [{version=[4, 1, 2], data_size=305, dev=makedev(0x12, 0x34), name="nnn", uuid="uuu", target_count=0, open_count=1, event_nr=7, flags=0}]) = 0`},
		{req: 0xc138fd00, arg: 0x1000, ret: -9, in: ints(0xbadc0ded, 0xbadc0dee, 0xbadc0def), want: "ioctl(-1, DM_VERSION, 0x1000) = -1 EBADF (Bad file descriptor)"},
	})
}
