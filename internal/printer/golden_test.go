package printer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
)

var update = flag.Bool("update", false, "rewrite the golden .out files from the recordings")

// Each testdata/*.rec is a recording of a real trace (made with
// `gotrace -f -o /dev/null --record X.rec -- prog` by record.sh, from
// the programs in testdata/progs);
// replaying it must print X.out exactly, as strace -f -o FILE would.
func TestGoldenRecordings(t *testing.T) {
	recs, err := filepath.Glob("testdata/*.rec")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Fatal("no recordings in testdata")
	}
	for _, rec := range recs {
		name := strings.TrimSuffix(filepath.Base(rec), ".rec")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(rec)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var out bytes.Buffer
			p := New(&out, Options{StrSize: 32, Prefix: PrefixAlways})
			p.AddTask()
			var ev decoder.Event
			err = decoder.Replay(f, func(raw []byte) error {
				if err := decoder.Decode(raw, &ev); err != nil {
					return err
				}
				p.Handle(&ev)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := p.FlushPending(); err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(rec, ".rec") + ".out"
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("replay of %s differs from %s:\n--- got\n%s--- want\n%s", rec, golden, out.Bytes(), want)
			}
		})
	}
}
