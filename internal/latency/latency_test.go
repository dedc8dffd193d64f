package latency

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gotrace/gotrace/internal/gentest"
)

func TestBuckets(t *testing.T) {
	// every bucket's values map back to it, and buckets tile the values
	for i := range Buckets {
		lo, hi := Lower(i), Upper(i)
		if Bucket(lo) != i || Bucket(hi) != i {
			t.Fatalf("bucket %d [%d, %d]: Bucket(lo)=%d Bucket(hi)=%d", i, lo, hi, Bucket(lo), Bucket(hi))
		}
		if i > 0 && Upper(i-1)+1 != lo {
			t.Fatalf("bucket %d starts at %d, bucket %d ends at %d", i, lo, i-1, Upper(i-1))
		}
		// no bucket is wider than 1/Sub of its smallest value
		if i >= Sub && i < Buckets-1 && (hi-lo+1)*Sub > lo {
			t.Fatalf("bucket %d [%d, %d] is wider than 1/%d", i, lo, hi, Sub)
		}
	}
	if Bucket(^uint64(0)) != Buckets-1 || Bucket(1<<(MaxOctave+1)) != Buckets-1 {
		t.Errorf("values past 2^%d are not in the last bucket", MaxOctave+1)
	}
	if Bucket(1<<(MaxOctave+1)-1) != Buckets-1 || Bucket(1<<(MaxOctave+1)-1-(1<<(MaxOctave-SubBits))) != Buckets-2 {
		t.Errorf("the last power of two's buckets are off")
	}
	for v := range uint64(Sub) {
		if Bucket(v) != int(v) {
			t.Errorf("Bucket(%d) = %d: values below %d have a bucket each", v, Bucket(v), Sub)
		}
	}
}

// exact is the nearest-rank percentile of sorted values, p in thousandths
// of a percent.
func exact(sorted []uint64, p uint64) uint64 {
	n := uint64(len(sorted))
	rank := (p*n + 100000 - 1) / 100000
	rank = min(max(rank, 1), n)
	return sorted[rank-1]
}

func TestPercentileBound(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	inputs := map[string][]uint64{
		"one value":  {1234567},
		"small":      {0, 1, 2, 3, 3, 3, 7, 9, 15, 15, 15},
		"two values": {1000, 1000000},
	}
	// 1 ms sleeps with a tail, as a service's nanosleep looks
	var sleeps []uint64
	for range 10000 {
		v := 1_000_000 + uint64(r.ExpFloat64()*60_000)
		if r.IntN(100) == 0 {
			v *= 20
		}
		sleeps = append(sleeps, v)
	}
	inputs["sleeps"] = sleeps
	var wide []uint64
	for range 100000 {
		// log-uniform from 1 ns to about an hour
		wide = append(wide, uint64(r.Float64()*r.Float64()*r.Float64()*4e12)>>r.IntN(30))
	}
	inputs["wide"] = wide
	var uniform []uint64
	for i := range 1001 {
		uniform = append(uniform, uint64(i)*1000)
	}
	inputs["uniform"] = uniform

	percentiles := []uint64{1, 1000, 25000, 50000, 90000, 99000, 99900, 99990, 100000}
	for name, in := range inputs {
		var h Histogram
		for _, v := range in {
			h.Add(v)
		}
		sorted := slices.Sorted(slices.Values(in))
		lo, hi := sorted[0], sorted[len(sorted)-1]
		for _, p := range percentiles {
			want := exact(sorted, p)
			got := h.Percentile(p, lo, hi)
			diff := max(got, want) - min(got, want)
			// within 1/(2*Sub) of the true value, and exact below Sub
			if diff*2*Sub > want {
				t.Errorf("%s: p%g = %d, exact %d: off by %d, more than 1/%d", name, float64(p)/1000, got, want, diff, 2*Sub)
			}
		}
		if h.Percentile(100000, lo, hi) != hi {
			t.Errorf("%s: p100 = %d, want the max %d", name, h.Percentile(100000, lo, hi), hi)
		}
		if h.Total() != uint64(len(in)) {
			t.Errorf("%s: total %d, want %d", name, h.Total(), len(in))
		}
	}
}

func TestPercentileRounding(t *testing.T) {
	// 99.9% of 1000 calls is rank 999: floating point would make it 1000
	var h Histogram
	for v := range uint64(1000) {
		h.Add(v / 100) // 0..9, a hundred each
	}
	h[Bucket(9)]--
	h.Add(5000)
	if got := h.Percentile(99900, 0, 5000); got != 9 {
		t.Errorf("p99.9 of 999 small values and one of 5000 = %d, want 9", got)
	}
	if got := h.Percentile(100000, 0, 5000); got != 5000 {
		t.Errorf("p100 = %d, want 5000", got)
	}
	var empty Histogram
	if got := empty.Percentile(50000, 0, 0); got != 0 {
		t.Errorf("p50 of nothing = %d", got)
	}
}

func TestSubMerge(t *testing.T) {
	var a, b Histogram
	for v := range uint64(5000) {
		a.Add(v * 977)
	}
	b = a
	for v := range uint64(300) {
		b.Add(v * 1_000_003)
	}
	b.Sub(&a)
	if b.Total() != 300 {
		t.Fatalf("after Sub: %d counted, want 300", b.Total())
	}
	lo, hi, ok := b.Range()
	if !ok || lo != 0 || Bucket(hi) != Bucket(299*1_000_003) {
		t.Errorf("Range = %d, %d, %v", lo, hi, ok)
	}
	b.Merge(&a)
	if b.Total() != 5300 {
		t.Errorf("after Merge: %d counted, want 5300", b.Total())
	}
}

func TestWriteHist(t *testing.T) {
	var h Histogram
	for range 3 {
		h.Add(0)
	}
	h.Add(1)
	for v := range uint64(100) {
		h.Add(1_000_000 + v*1000) // [512K, 1M) and [1M, 2M)
	}
	for range 7 {
		h.Add(3000)
	}
	var out bytes.Buffer
	if err := WriteHist(&out, "ns[nanosleep]", &h); err != nil {
		t.Fatal(err)
	}
	var over Histogram
	over.Add(1 << 42)
	over.Add(1 << 50)
	if err := WriteHist(&out, "ns[poll]", &over); err != nil {
		t.Fatal(err)
	}
	gentest.Golden(t, "testdata/hist.out", out.Bytes())
}
