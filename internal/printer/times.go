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
			b = append(b, '.')
			b = appendFraction(b, nsec, 6)
		default:
			b = time.Unix(sec, 0).AppendFormat(b, "15:04:05")
			if p.opt.Timestamps == TimeOfDayMicro {
				b = append(b, '.')
				b = appendFraction(b, nsec, 6)
			}
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
		b = appendSeconds(b, d, 6)
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
	b = appendPadded(b, d/1e9, width)
	b = append(b, '.')
	return appendFraction(b, int64(d%1e9), 6)
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
