package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/xlat"
)

// Expected strings are strace 6.1's, from its test suite's ioctl_ptp.
func TestIoctlPtp(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	le := binary.LittleEndian

	caps := make([]byte, ptpCapsSize)
	for i := 0; i < ptpCapsSize; i += 4 {
		le.PutUint32(caps[i:], 0x80a0c0e0+uint32(i/4))
	}
	check(t, string(f.appendPtpCaps(nil, caps)), "{max_adj=-2136948512, n_alarm=-2136948511, n_ext_ts=-2136948510, n_per_out=-2136948509, pps=-2136948508, n_pins=-2136948507, cross_timestamping=-2136948506, adjust_phase=-2136948505, rsv=[0x80a0c0e8, 0x80a0c0e9, 0x80a0c0ea, 0x80a0c0eb, 0x80a0c0ec, 0x80a0c0ed, 0x80a0c0ee, 0x80a0c0ef, 0x80a0c0f0, 0x80a0c0f1, 0x80a0c0f2, 0x80a0c0f3]}")

	extts := make([]byte, ptpExttsSize)
	le.PutUint32(extts, 3141592653)
	le.PutUint32(extts[4:], 0xbadbeef0)
	le.PutUint32(extts[8:], 0xdeadc0de)
	check(t, string(ptpExtts(true)(f, nil, extts)), "{index=3141592653, flags=0xbadbeef0 /* PTP_??? */, rsv=[0xdeadc0de, 0]}")
	check(t, string(ptpExtts(false)(f, nil, extts)), "{index=3141592653, flags=0xbadbeef0 /* PTP_??? */}")

	// a phase prints no time; an on time replaces the reserved words
	perout := make([]byte, ptpPeroutSize)
	le.PutUint64(perout, 0x123456789)
	le.PutUint32(perout[8:], 1234567890)
	le.PutUint32(perout[12:], 2718281828)
	le.PutUint64(perout[16:], 0xabcdef)
	le.PutUint32(perout[24:], 123456789)
	le.PutUint32(perout[32:], 3141592653)
	le.PutUint32(perout[36:], 0xdeadbeef)
	le.PutUint64(perout[40:], 0xabcdef0123456789)
	le.PutUint32(perout[48:], 123456789)
	check(t, string(ptpPerout(true)(f, nil, perout)), "{phase={sec=4886718345, nsec=1234567890, reserved=0xa205b064}, period={sec=11259375, nsec=123456789}, index=3141592653, flags=PTP_PEROUT_ONE_SHOT|PTP_PEROUT_DUTY_CYCLE|PTP_PEROUT_PHASE|0xdeadbee8, on={sec=-6066930334832433271, nsec=123456789}}")

	// an out-of-range nanosecond count or the epoch print no time
	ts := make([]byte, ptpClockTimeSize)
	le.PutUint32(ts[8:], 1234567890)
	le.PutUint64(ts, 0x23456789)
	check(t, string(f.appendPtpClockTime(nil, ts, true)), "{sec=591751049, nsec=1234567890}")
	raw := New(Options{StrSize: 32, Xlat: xlat.Raw})
	le.PutUint32(ts[8:], 5)
	check(t, string(raw.appendPtpClockTime(nil, ts, true)), "{sec=591751049, nsec=5}")

	name := make([]byte, 64)
	copy(name, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
	check(t, string(f.appendCString(nil, name)), `"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0"...`)
	name[63] = 0
	check(t, string(f.appendCString(nil, name)), `"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0"`)
	check(t, string(f.appendCString(nil, []byte("ab\x00cd"))), `"ab"`)
}
