package bpf

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/latency"
)

// latency.h's lat_bucket, compiled natively with gcc, numbers buckets as
// internal/latency does: every bucket's bounds and values around each
// power of two.
func TestLatencyBucketsMatch(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc is not installed (scripts/deps.sh installs it): cannot compile latency.h")
	}
	dir := t.TempDir()
	src := `typedef unsigned long long __u64;
typedef unsigned int __u32;
#define __always_inline inline __attribute__((always_inline))
#include "latency.h"
#include <stdio.h>
int main(void) {
	unsigned long long v;
	printf("%d\n", LAT_BUCKETS);
	while (scanf("%llu", &v) == 1)
		printf("%u\n", lat_bucket(v));
	return 0;
}
`
	if err := os.WriteFile(filepath.Join(dir, "b.c"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	bin := filepath.Join(dir, "b")
	if out, err := exec.Command(gcc, "-O2", "-Wall", "-Werror", "-I", wd, "-o", bin, filepath.Join(dir, "b.c")).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	var values []uint64
	for i := range latency.Buckets {
		values = append(values, latency.Lower(i), latency.Upper(i))
	}
	for k := range 64 {
		values = append(values, 1<<k-1, 1<<k, 1<<k+1)
	}
	var in strings.Builder
	for _, v := range values {
		in.WriteString(strconv.FormatUint(v, 10) + "\n")
	}
	cmd := exec.Command(bin)
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Scan()
	if sc.Text() != strconv.Itoa(latency.Buckets) {
		t.Fatalf("LAT_BUCKETS = %s, latency.Buckets = %d", sc.Text(), latency.Buckets)
	}
	for _, v := range values {
		if !sc.Scan() {
			t.Fatal("lat_bucket printed too few lines")
		}
		if want := strconv.Itoa(latency.Bucket(v)); sc.Text() != want {
			t.Errorf("lat_bucket(%d) = %s, latency.Bucket = %s", v, sc.Text(), want)
		}
	}
}
