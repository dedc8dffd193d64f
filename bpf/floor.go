package bpf

import "os"

// BenchFloorEnv, set to 1 in gotrace's environment, makes the syscall
// programs return at once: the benchmark (bench/cmd/gotrace-bench) runs
// gotrace so to measure the floor every tracer of the syscall tracepoints
// pays, and reports gotrace's cost above it. It is no user option: nothing
// is traced then.
const BenchFloorEnv = "GOTRACE_BENCH_FLOOR"

func benchFloor() bool { return os.Getenv(BenchFloorEnv) == "1" }
