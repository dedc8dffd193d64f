package printer

import (
	"strconv"
	"time"
)

// appendTimes writes the -t/-tt/-ttt and -r columns of a line at ts, as
// strace's printleader does.
func (p *Printer) appendTimes(b []byte, ts uint64) []byte {
	if p.opt.Timestamps != NoTimestamps {
		wall := int64(ts) + p.opt.ClockOffset
		sec, nsec := wall/1e9, wall%1e9
		switch p.opt.Timestamps {
		case EpochMicro:
			b = strconv.AppendInt(b, sec, 10)
			b = appendDecimals(b, nsec, p.opt.AbsPrecision.digits(6))
		default:
			b = time.Unix(sec, 0).AppendFormat(b, "15:04:05")
			def := 0
			if p.opt.Timestamps == TimeOfDayMicro {
				def = 6
			}
			b = appendDecimals(b, nsec, p.opt.AbsPrecision.digits(def))
		}
		b = append(b, ' ')
	}
	if p.opt.Relative {
		var d uint64
		if p.lastLeader != 0 && ts > p.lastLeader {
			d = ts - p.lastLeader
		}
		p.lastLeader = ts
		if p.opt.Timestamps != NoTimestamps {
			b = append(b, "(+"...)
		}
		b = appendSecondsIn(b, d, 6, p.opt.RelPrecision.digits(6))
		if p.opt.Timestamps != NoTimestamps {
			b = append(b, ')')
		}
		b = append(b, ' ')
	}
	return b
}

// appendSeconds writes d ns as seconds with 6 decimals, the seconds padded
// to width (strace's %6ld.%06ld).
func appendSeconds(b []byte, d uint64, width int) []byte {
	return appendSecondsIn(b, d, width, 6)
}

// appendSecondsIn writes d ns as seconds with the given decimals.
func appendSecondsIn(b []byte, d uint64, width, digits int) []byte {
	b = appendPadded(b, d/1e9, width)
	return appendDecimals(b, int64(d%1e9), digits)
}

// appendDecimals writes ".FRACTION" of nsec with digits decimals, or
// nothing for none.
func appendDecimals(b []byte, nsec int64, digits int) []byte {
	if digits == 0 {
		return b
	}
	return appendFraction(append(b, '.'), nsec, digits)
}

// Precision is how many decimals a time column shows (strace's
// PRECISION: s, ms, us, ns).
type Precision int8

// Precisions; PrecisionDefault keeps the column's own (-tt: us).
const (
	PrecisionDefault Precision = iota
	PrecisionS
	PrecisionMS
	PrecisionUS
	PrecisionNS
)

func (p Precision) digits(def int) int {
	if p == PrecisionDefault {
		return def
	}
	return 3 * int(p-PrecisionS)
}

// appendFraction writes the first digits of a nanosecond count, zero-padded.
func appendFraction(b []byte, nsec int64, digits int) []byte {
	v := nsec
	for i := digits; i < 9; i++ {
		v /= 10
	}
	var digitsBuf [20]byte
	s := strconv.AppendInt(digitsBuf[:0], v, 10)
	for i := len(s); i < digits; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}
