/* Latency histograms' buckets, as internal/latency numbers them: a value
 * below LAT_SUB ns has a bucket of its own; above, each power of two
 * [2^k, 2^(k+1)) is cut into LAT_SUB equal buckets, so that a bucket is
 * never wider than 1/LAT_SUB of its values; from 2^(LAT_MAX_OCTAVE+1) ns
 * (about 4.9 hours) on, values share the last bucket. Pure: a Go test
 * compiles it with gcc and compares with internal/latency. */
#ifndef GOTRACE_LATENCY_H
#define GOTRACE_LATENCY_H

#define LAT_SUB_BITS 4
#define LAT_SUB (1 << LAT_SUB_BITS)
#define LAT_MAX_OCTAVE 43
#define LAT_BUCKETS ((LAT_MAX_OCTAVE - LAT_SUB_BITS + 2) * LAT_SUB)

static __always_inline __u32 lat_bucket(__u64 v)
{
	__u64 x = v;
	__u32 k = 0;

	if (v < LAT_SUB)
		return v;
	/* k = floor(log2(v)) by halving: BPF has no count-leading-zeros */
	if (x >> 32) {
		x >>= 32;
		k += 32;
	}
	if (x >> 16) {
		x >>= 16;
		k += 16;
	}
	if (x >> 8) {
		x >>= 8;
		k += 8;
	}
	if (x >> 4) {
		x >>= 4;
		k += 4;
	}
	if (x >> 2) {
		x >>= 2;
		k += 2;
	}
	if (x >> 1)
		k += 1;
	if (k > LAT_MAX_OCTAVE)
		return LAT_BUCKETS - 1;
	return (k - LAT_SUB_BITS + 1) * LAT_SUB + ((v >> (k - LAT_SUB_BITS)) & (LAT_SUB - 1));
}

#endif
