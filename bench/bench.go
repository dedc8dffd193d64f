// Package bench holds the benchmark's workload programs (in C, built by
// the harness bench/cmd/gotrace-bench with gcc) so that the harness finds
// them wherever it runs from.
package bench

import "embed"

// Workloads are workloads/getppid_loop.c (W1 and W3) and workloads/timed.c
// (the launcher that times a workload and a tracer).
//
//go:embed workloads/getppid_loop.c workloads/timed.c
var Workloads embed.FS
