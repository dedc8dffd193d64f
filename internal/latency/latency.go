// Package latency holds syscall latencies as the kernel side counts them:
// log-linear histograms of nanoseconds, their percentiles and their
// rendering as bpftrace's hist() prints.
//
// A value v below Sub has a bucket of its own. Above, each power of two
// [2^k, 2^(k+1)) is cut into Sub equal buckets of width 2^(k-SubBits), so
// a bucket is never wider than 1/Sub of the values in it. Values of
// 2^(MaxOctave+1) ns (about 4.9 hours) and more share the last bucket. The
// kernel side (bpf/) computes the same bucket numbers; a test there checks
// its constants against these.
package latency

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

const (
	// SubBits is log2 of the buckets per power of two.
	SubBits = 4
	// Sub is the number of buckets each power of two is cut into.
	Sub = 1 << SubBits
	// MaxOctave is the last power of two with buckets of its own.
	MaxOctave = 43
	// Buckets is the number of buckets of a Histogram.
	Buckets = (MaxOctave - SubBits + 2) * Sub
)

// Bucket is the bucket of a latency of v nanoseconds.
func Bucket(v uint64) int {
	if v < Sub {
		return int(v)
	}
	k := bits.Len64(v) - 1
	if k > MaxOctave {
		return Buckets - 1
	}
	return (k-SubBits+1)*Sub + int(v>>(k-SubBits))&(Sub-1)
}

// Lower is the smallest value in bucket i.
func Lower(i int) uint64 {
	if i < Sub {
		return uint64(i)
	}
	k := i/Sub + SubBits - 1
	return uint64(Sub+i%Sub) << (k - SubBits)
}

// Upper is the largest value in bucket i (math.MaxUint64 for the last).
func Upper(i int) uint64 {
	if i == Buckets-1 {
		return math.MaxUint64
	}
	return Lower(i+1) - 1
}

// Histogram counts latencies per bucket.
type Histogram [Buckets]uint64

// Add counts one latency of v nanoseconds.
func (h *Histogram) Add(v uint64) { h[Bucket(v)]++ }

// Merge adds o's counts to h's.
func (h *Histogram) Merge(o *Histogram) {
	for i := range h {
		h[i] += o[i]
	}
}

// Sub removes o's counts from h's: h becomes what was counted since o,
// when o is an earlier reading of the same counters.
func (h *Histogram) Sub(o *Histogram) {
	for i := range h {
		h[i] -= o[i]
	}
}

// Total is the number of latencies counted.
func (h *Histogram) Total() uint64 {
	var n uint64
	for _, c := range h {
		n += c
	}
	return n
}

// Range is the smallest and largest value of the non-empty buckets: the
// bounds of what was counted, exact below Sub ns and otherwise within a
// bucket (1/Sub) of the true minimum and maximum. ok is false when the
// histogram is empty.
func (h *Histogram) Range() (lo, hi uint64, ok bool) {
	first, last := -1, -1
	for i, c := range h {
		if c == 0 {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 {
		return 0, 0, false
	}
	return Lower(first), Upper(last), true
}

// Percentile estimates the p-th percentile of the counted latencies, p in
// thousandths of a percent (99.9% is 99900), by nearest rank: the smallest
// latency that at least p% of the calls did not exceed. lo and hi are the
// exact extremes, which bound the estimate and are the first and last
// ranks.
//
// The estimate is the middle of the bucket holding that rank, so it is
// off by at most half a bucket: exact below Sub ns, and otherwise within
// 1/(2*Sub) (3.125%) of the true percentile, up to 2^(MaxOctave+1) ns. In
// the last, open bucket it is hi.
func (h *Histogram) Percentile(p uint64, lo, hi uint64) uint64 {
	total := h.Total()
	if total == 0 {
		return 0
	}
	// rank = ceil(p * total / 100000), in 128 bits
	mh, ml := bits.Mul64(p, total)
	ml, carry := bits.Add64(ml, 100000-1, 0)
	rank, _ := bits.Div64(mh+carry, ml, 100000)
	rank = min(max(rank, 1), total)
	switch rank {
	case total:
		return hi
	case 1:
		return lo
	}
	var seen uint64
	for i, c := range h {
		seen += c
		if seen < rank {
			continue
		}
		if i == Buckets-1 {
			return hi
		}
		b, e := Lower(i), Upper(i)
		return min(max(b+(e-b)/2, lo), hi)
	}
	return hi
}

// WriteHist writes h as bpftrace's hist() prints a map: a line "@title:",
// then one line per power of two from the first to the last that counted
// anything, "[lo, hi)", the count and a bar of up to 52 '@', then an empty
// line.
func WriteHist(w io.Writer, title string, h *Histogram) error {
	// groups[0] counts 0, groups[g] counts [2^(g-1), 2^g)
	var groups [MaxOctave + 3]uint64
	first, last := -1, -1
	for i, c := range h {
		if c == 0 {
			continue
		}
		g := bits.Len64(Lower(i))
		groups[g] += c
		if first < 0 {
			first = g
		}
		last = g
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "@%s:\n", title)
	var most uint64
	for _, c := range groups {
		most = max(most, c)
	}
	for g := first; g <= last && g >= 0; g++ {
		var label string
		switch {
		case g <= 1:
			label = "[" + strconv.Itoa(g) + "]"
		case g == last && h[Buckets-1] > 0:
			label = "[" + powerLabel(g-1) + ", ...)"
		default:
			label = "[" + powerLabel(g-1) + ", " + powerLabel(g) + ")"
		}
		bar := int(float64(groups[g]) / float64(most) * 52)
		fmt.Fprintf(bw, "%-16s%8d |%-52s|\n", label, groups[g], strings.Repeat("@", bar))
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

// powerLabel is 2^k as bpftrace writes it: 512, 1K, 2M, 4G, 8T.
func powerLabel(k int) string {
	suffix := ""
	for _, s := range []struct {
		shift int
		name  string
	}{{40, "T"}, {30, "G"}, {20, "M"}, {10, "K"}} {
		if k >= s.shift {
			k -= s.shift
			suffix = s.name
			break
		}
	}
	return strconv.Itoa(1<<k) + suffix
}
