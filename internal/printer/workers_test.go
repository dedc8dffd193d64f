package printer

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Formatting on several goroutines must print what one prints, byte for
// byte: every recording of testdata (the goldens and the busy two-thread
// trace of the benchmarks), under options that change the lines, with the
// output flushed as the trace's loop does after each read (every few
// records, the enters in progress too at times, or only at the end).
func TestWorkersPrintAsOne(t *testing.T) {
	t.Parallel()
	recs, err := filepath.Glob("testdata/*.rec")
	if err != nil {
		t.Fatal(err)
	}
	recs = append(recs, "testdata/bench/threads.rec")
	options := map[string]Options{
		"default":                {Options: format.Options{StrSize: 32}, Prefix: PrefixAlways},
		"stderr":                 {Options: format.Options{StrSize: 32}, Prefix: PrefixWhenMany},
		"-v_-X_verbose_-xx_-s_8": {Options: format.Options{StrSize: 8, Verbose: true, Xlat: xlat.Verbose, Quote: quote.AllHex}, Prefix: PrefixAlways},
		"--color_-T_-tt_-a_20":   {Options: format.Options{StrSize: 32}, Color: true, Durations: true, Timestamps: TimeOfDayMicro, Column: 20},
		"-r_-n":                  {Options: format.Options{StrSize: 32}, Relative: true, SyscallNumbers: true},
	}
	for _, rec := range recs {
		for name, opt := range options {
			for _, every := range []int{3, 50, 0} {
				one := replayFlushing(t, rec, opt, 1, every)
				for _, n := range []int{2, 4} {
					if got := replayFlushing(t, rec, opt, n, every); !bytes.Equal(got, one) {
						t.Errorf("%s %s, flushed every %d records: %d workers print\n%s\none prints\n%s", rec, name, every, n, got, one)
					}
				}
			}
		}
	}
}

// replayFlushing prints the recording rec with n workers, which start
// goroutines for any number of lines, flushing every few records (0:
// only at the end).
func replayFlushing(t *testing.T, rec string, opt Options, n, every int) []byte {
	t.Helper()
	f, err := os.Open(rec)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	opt.Workers = n
	p := New(&out, opt)
	if n > 1 {
		p.workers.min = 1
	}
	p.AddTask()
	pairer := decoder.NewPairer()
	var ev decoder.Event
	i := 0
	err = decoder.Replay(f, func(raw []byte) error {
		if err := decoder.Decode(raw, &ev); err != nil {
			return err
		}
		pairer.Dispatch(&ev, p)
		if i++; every != 0 && i%every == 0 {
			if i%(2*every) == 0 {
				return p.FlushPending()
			}
			return p.Flush()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.FlushPending(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
