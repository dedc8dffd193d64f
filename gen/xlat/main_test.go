package main

import "testing"

func TestEvalBody(t *testing.T) {
	defs := []macros{{"SIX": {"6"}, "BIG": {"(1ULL << 63)"}, "CAST": {"((__u64)1<<SIX)"}}}
	for _, tc := range []struct {
		body string
		want value
	}{
		{"BIG", value{val: 1 << 63, name: "X"}},
		{"0x8000000000000001", value{val: 1<<63 | 1, name: "X"}},
		{"_BITULL(63)", value{val: 1 << 63, name: "X"}},
		{"CAST", value{val: 1 << 6, name: "X"}},
		{"~0", value{val: 0xffffffff, neg: -1, name: "X"}},
		{"-60", value{val: 0xffffffc4, neg: -60, name: "X"}},
		{"1U << 31", value{val: 1 << 31, name: "X"}},
	} {
		got, err := resolveEntry([]string{"X", tc.body}, defs)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.body, got, err, tc.want)
		}
	}
}
