package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// Expected strings are strace 6.1's for the same values.
func TestStructs(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	st := make([]byte, syscalltbl.StatOut.Info().Size)
	binary.LittleEndian.PutUint32(st[statModeOff:], 020666)
	binary.LittleEndian.PutUint64(st[statRdevOff:], 0x103) // makedev(1, 3): /dev/null
	check(t, string(f.appendStat(nil, st)), "{st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}")
	binary.LittleEndian.PutUint32(st[statModeOff:], 0104755)
	binary.LittleEndian.PutUint64(st[statSizeOff:], 35007)
	check(t, string(f.appendStat(nil, st)), "{st_mode=S_IFREG|S_ISUID|0755, st_size=35007, ...}")

	rl := make([]byte, syscalltbl.RlimitIn.Info().Size)
	binary.LittleEndian.PutUint64(rl, 8192*1024)
	binary.LittleEndian.PutUint64(rl[8:], ^uint64(0))
	check(t, string(f.appendRlimit(nil, rl)), "{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}")
	binary.LittleEndian.PutUint64(rl, 1024)
	binary.LittleEndian.PutUint64(rl[8:], 20000)
	check(t, string(f.appendRlimit(nil, rl)), "{rlim_cur=1024, rlim_max=20000}")

	ts := make([]byte, timespecSize)
	binary.LittleEndian.PutUint64(ts[8:], 1000)
	check(t, string(f.appendTimespec(nil, ts)), "{tv_sec=0, tv_nsec=1000}")

	check(t, string(f.appendSigset(nil, 0)), "[]")
	check(t, string(f.appendSigset(nil, 1<<(10-1))), "[USR1]")
	check(t, string(f.appendSigset(nil, ^uint64(0)&^(1<<31|1<<32))), "~[RTMIN RT_1]")
	check(t, string(f.appendFileMode(nil, 0)), "000")
}

func TestSigaction(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	sa := make([]byte, syscalltbl.SigactionIn.Info().Size)
	binary.LittleEndian.PutUint64(sa[saHandler:], 0x563d08d60dc0)
	binary.LittleEndian.PutUint64(sa[saFlags:], 0x04000000|0x10000000)
	binary.LittleEndian.PutUint64(sa[saRestorer:], 0x7f19a0865050)
	binary.LittleEndian.PutUint64(sa[saMask:], 1<<(17-1))
	check(t, string(f.appendSigaction(nil, sa)), "{sa_handler=0x563d08d60dc0, sa_mask=[CHLD], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f19a0865050}")
	check(t, string(f.appendSigaction(nil, make([]byte, syscalltbl.SigactionIn.Info().Size))), "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}")
}
