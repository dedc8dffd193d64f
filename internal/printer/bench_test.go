package printer

import (
	"io"
	"os"
	"syscall"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// The per-event path (decode, pair, format, buffered write) must allocate
// nothing for the common lines: the benchmarks replay the enter and exit
// records of one syscall of a real trace (testdata/bench/*.rec, recorded
// with `gotrace -f -o /dev/null --record`: getppid.rec from a loop of
// syscall(SYS_getppid, string), dd.rec from dd bs=1 count=100) over and
// over, and TestSteadyStateAllocs fails if any of them allocates.

// benchCase is one syscall's records, replayed as one op.
type benchCase struct {
	name, rec, syscall string
}

var benchCases = []benchCase{
	{"getppid", "testdata/bench/getppid.rec", "getppid"},
	{"dd_read", "testdata/bench/dd.rec", "read"},
	{"dd_write", "testdata/bench/dd.rec", "write"},
}

// syscallRecords returns the raw enter and exit records of the last call
// of the named syscall in the recording.
func syscallRecords(tb testing.TB, path, name string) [][]byte {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := syscalltbl.ByName(name)
	if sc == nil {
		tb.Fatalf("no syscall %s", name)
	}
	var ev decoder.Event
	var enter, pair []byte
	err = decoder.Replay(f, func(raw []byte) error {
		if err := decoder.Decode(raw, &ev); err != nil {
			return err
		}
		if ev.Nr != int64(sc.Nr) {
			return nil
		}
		switch ev.Type {
		case decoder.SysEnter:
			enter = append([]byte(nil), raw...)
		case decoder.SysExit:
			if enter != nil {
				pair = append(append(pair[:0], enter...), raw...)
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if pair == nil {
		tb.Fatalf("%s: no %s call", path, name)
	}
	return [][]byte{pair[:len(enter)], pair[len(enter):]}
}

// replayer decodes and prints records as the tracer's loop does, to a
// writer that discards them.
type replayer struct {
	p      *Printer
	pairer *decoder.Pairer
	ev     decoder.Event
}

func newReplayer(opt Options) *replayer {
	r := &replayer{p: New(io.Discard, opt), pairer: decoder.NewPairer()}
	r.p.AddTask()
	return r
}

func (r *replayer) replay(tb testing.TB, recs [][]byte) {
	for _, raw := range recs {
		if err := decoder.Decode(raw, &r.ev); err != nil {
			tb.Fatal(err)
		}
		r.pairer.Pair(&r.ev)
		r.p.Handle(&r.ev)
		r.pairer.Done(&r.ev)
	}
}

func BenchmarkSyscallLine(b *testing.B) {
	for _, bc := range benchCases {
		b.Run(bc.name, func(b *testing.B) {
			recs := syscallRecords(b, bc.rec, bc.syscall)
			r := newReplayer(Options{Options: format.Options{StrSize: 32}, Prefix: PrefixAlways})
			r.replay(b, recs) // warm up the per-task state
			b.ReportAllocs()
			cpu := processCPU()
			n := 0
			for b.Loop() {
				r.replay(b, recs)
				n++
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(n), "cpu-ns/op")
		})
	}
}

// BenchmarkReplayThreads is the reader's throughput after the ring, in
// records per second on one goroutine: testdata/bench/threads.rec
// (`gotrace -f --record` of getppid_loop 1000 2: W3's two threads, with the
// loader's calls) decoded, paired and printed whole, as the trace's loop
// does, to a writer that discards them.
func BenchmarkReplayThreads(b *testing.B) {
	recs := threadsRecords(b)
	cpu := processCPU()
	for b.Loop() {
		r := newReplayer(Options{Options: format.Options{StrSize: 32}, Prefix: PrefixWhenMany})
		r.replay(b, recs)
	}
	reportRecords(b, len(recs), cpu)
}

// BenchmarkReplayThreadsStages splits BenchmarkReplayThreads' work to
// bound what formatting on several goroutines could gain: "decode+pair"
// is the sequential stage every design keeps; "pieces" adds each finished
// call's argument and return text (format's FormatArgs and AppendReturn,
// the part a worker pool could take) but no line assembly (prefix,
// unfinished/resumed, padding, buffered writes).
func BenchmarkReplayThreadsStages(b *testing.B) {
	recs := threadsRecords(b)
	run := func(b *testing.B, pieces bool) {
		f := format.New(format.Options{StrSize: 32})
		var buf []byte
		cpu := processCPU()
		for b.Loop() {
			pairer := decoder.NewPairer()
			var ev decoder.Event
			for _, raw := range recs {
				if err := decoder.Decode(raw, &ev); err != nil {
					b.Fatal(err)
				}
				pairer.Pair(&ev)
				if c := ev.Call; pieces && ev.Type == decoder.SysExit && c.Entered {
					buf = f.AppendReturn(f.AppendArgs(buf[:0], c), c)
				}
				pairer.Done(&ev)
			}
		}
		reportRecords(b, len(recs), cpu)
	}
	b.Run("decode+pair", func(b *testing.B) { run(b, false) })
	b.Run("pieces", func(b *testing.B) { run(b, true) })
}

// threadsRecords returns the raw records of testdata/bench/threads.rec.
func threadsRecords(b *testing.B) [][]byte {
	f, err := os.Open("testdata/bench/threads.rec")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var recs [][]byte
	err = decoder.Replay(f, func(raw []byte) error {
		recs = append(recs, append([]byte(nil), raw...))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return recs
}

// reportRecords reports records/s and records per CPU second of a loop
// over n records per op, begun when the process had used cpu ns.
func reportRecords(b *testing.B, n int, cpu int64) {
	total := float64(b.N * n)
	b.ReportMetric(total/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(total/(float64(processCPU()-cpu)/1e9), "records/cpu-s")
}

// processCPU is the CPU time the process has used, in ns: on a machine
// busy with other work, the wall time of ns/op counts the time the
// benchmark waited for a core, cpu-ns/op does not.
func processCPU() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func TestSteadyStateAllocs(t *testing.T) {
	for _, bc := range benchCases {
		recs := syscallRecords(t, bc.rec, bc.syscall)
		r := newReplayer(Options{Options: format.Options{StrSize: 32}, Prefix: PrefixAlways})
		r.replay(t, recs)
		if n := testing.AllocsPerRun(100, func() { r.replay(t, recs) }); n != 0 {
			t.Errorf("%s: %v allocations per line, want 0", bc.name, n)
		}
	}
}
