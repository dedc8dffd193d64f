package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
)

// check reports got when it is not want.
func check(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestSiginfo(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	var si [decoder.SiginfoSize]byte
	put := func(off int, v uint32) { binary.LittleEndian.PutUint32(si[off:], v) }
	put(siSigno, 17)
	put(siCode, 1) // CLD_EXITED
	put(siPid, 1235)
	put(siValue, 0)
	got := string(f.AppendSiginfo(nil, &si))
	check(t, got, "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1235, si_uid=0, si_status=0, si_utime=0, si_stime=0}")

	si = [decoder.SiginfoSize]byte{}
	put(siSigno, 10)
	put(siCode, 0) // SI_USER
	put(siPid, 42)
	got = string(f.AppendSiginfo(nil, &si))
	check(t, got, "{si_signo=SIGUSR1, si_code=SI_USER, si_pid=42, si_uid=0}")

	si = [decoder.SiginfoSize]byte{}
	put(siSigno, 11)
	put(siCode, 1) // SEGV_MAPERR
	got = string(f.AppendSiginfo(nil, &si))
	check(t, got, "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}")

	// ptrace.c: the fields after si_addr of some codes
	si = [decoder.SiginfoSize]byte{}
	put(siSigno, 11)
	put(siCode, 3) // SEGV_BNDERR
	binary.LittleEndian.PutUint64(si[siValue+16:], 0xdeadc0debeadfeed)
	got = string(f.AppendSiginfo(nil, &si))
	check(t, got, "{si_signo=SIGSEGV, si_code=SEGV_BNDERR, si_addr=NULL, si_lower=NULL, si_upper=0xdeadc0debeadfeed}")
	put(siCode, 4) // SEGV_PKUERR
	put(siValue+8, 1234567890)
	got = string(f.AppendSiginfo(nil, &si))
	check(t, got, "{si_signo=SIGSEGV, si_code=SEGV_PKUERR, si_addr=NULL, si_pkey=1234567890}")
	si = [decoder.SiginfoSize]byte{}
	put(siSigno, 7)
	put(siCode, 4) // BUS_MCEERR_AR
	put(siValue, 0xdead)
	got = string(f.AppendSiginfo(nil, &si))
	check(t, got, "{si_signo=SIGBUS, si_code=BUS_MCEERR_AR, si_addr=NULL, si_addr_lsb=0xdead}")

	// pidfd_send_signal.c: an unknown errno unsigned, a uid of -1 as -1
	si = [decoder.SiginfoSize]byte{}
	put(siSigno, 10)
	put(siCode, 0xffffffff) // SI_QUEUE
	put(siErrno, 0xffffffff)
	put(siPid, 8782)
	put(siUID, 0xffffffff)
	put(siValue, 0xffffffff)
	got = string(f.AppendSiginfo(nil, &si))
	check(t, got, "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_errno=4294967295, si_pid=8782, si_uid=-1, si_int=-1, si_ptr=0xffffffff}")
}

func TestClockT(t *testing.T) {
	t.Parallel()
	for ticks, want := range map[uint64]string{0: "0", 1: "1 /* 0.01 s */", 150: "150 /* 1.50 s */", 1234: "1234 /* 12.34 s */"} {
		check(t, string(appendClockT(nil, ticks)), want)
	}
}
