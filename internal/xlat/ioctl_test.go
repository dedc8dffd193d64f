package xlat

import "testing"

// The requests as strace 6.1 printed them in its test suite's expected
// lines (ioctl_counter, ioctl_gpio, ioctl_mtd, ioctl_evdev, ioctl_fs_x).
func TestAppendIoctlRequest(t *testing.T) {
	t.Parallel()
	ecc, ok := IoctlCode("ECCGETLAYOUT")
	if !ok {
		t.Fatal("no ECCGETLAYOUT")
	}
	for _, tc := range []struct {
		code  uint32
		style Style
		want  string
	}{
		{0x5401, Abbrev, "TCGETS"},
		{0x5402, Abbrev, "SNDCTL_TMR_START or TCSETS"},
		{0x5401, Raw, "0x5401"},
		{0x80044501, Verbose, "0x80044501 /* EVIOCGVERSION */"},
		{0xc0045877, Abbrev, "FIFREEZE"},
		{0x40063e00, Abbrev, "COUNTER_ADD_WATCH_IOCTL"},
		{0x3e03, Abbrev, "_IOC(_IOC_NONE, 0x3e, 0x3, 0)"},
		{0x3e03, Verbose, "0x3e03 /* _IOC(_IOC_NONE, 0x3e, 0x3, 0) */"},
		{0xcfedb45e, Verbose, "0xcfedb45e /* _IOC(_IOC_READ|_IOC_WRITE, 0xb4, 0x5e, 0xfed) */"},
		{0x80005601, Abbrev, "_IOC(_IOC_READ, 0x56, 0x1, 0)"},
		{ecc, Abbrev, "MIXER_READ(17) or ECCGETLAYOUT"},
		{0x84009422, Abbrev, "BTRFS_IOC_BALANCE_PROGRESS"},
	} {
		if got := string(AppendIoctlRequest(nil, tc.code, tc.style)); got != tc.want {
			t.Errorf("AppendIoctlRequest(%#x, %d) = %q, want %q", tc.code, tc.style, got, tc.want)
		}
	}
}
