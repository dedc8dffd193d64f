package printer

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/gentest"
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
			var out bytes.Buffer
			p := New(&out, Options{StrSize: 32, Prefix: PrefixAlways})
			p.AddTask()
			err := decoder.ReplayFile(rec, func(ev *decoder.Event) error {
				p.Handle(ev)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := p.FlushPending(); err != nil {
				t.Fatal(err)
			}
			gentest.Golden(t, strings.TrimSuffix(rec, ".rec")+".out", out.Bytes(), *update)
		})
	}
}
