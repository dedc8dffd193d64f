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

// maxLineGrowth bounds what one record may print: a syscall line shows at
// most six arguments, each cut at -s (strings, buffers, arrays of them),
// so the output grows with the record by a bounded factor.
const maxLineGrowth = 64

// FuzzPrint feeds random records (seeded with every record of the golden
// recordings) to the decoder and the printer, in all of strace's styles:
// nothing may panic, and what one record prints is bounded.
func FuzzPrint(f *testing.F) {
	recs, err := filepath.Glob("testdata/*.rec")
	if err != nil {
		f.Fatal(err)
	}
	for _, rec := range recs {
		data, err := os.ReadFile(rec)
		if err != nil {
			f.Fatal(err)
		}
		err = decoder.Replay(bytes.NewReader(data), func(raw []byte) error {
			f.Add(bytes.Clone(raw), uint8(0))
			return nil
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte, style uint8) {
		var out bytes.Buffer
		opt := Options{Prefix: PrefixAlways, Options: format.Options{StrSize: 32, Verbose: style&1 != 0,
			Quote: quote.Mode(style >> 1 & 3), Xlat: xlat.Style(style >> 3 % 3)}}
		p := New(&out, opt)
		p.AddTask()
		var ev decoder.Event
		if decoder.Decode(raw, &ev) != nil {
			return
		}
		// an enter then its exit: the record as both halves of a call
		pairer := decoder.NewPairer()
		exit := ev
		pairer.Dispatch(&ev, p)
		if ev.Type == decoder.SysEnter {
			exit.Type = decoder.SysExit
			pairer.Dispatch(&exit, p)
		}
		if err := p.FlushPending(); err != nil {
			t.Fatal(err)
		}
		if out.Len() > maxLineGrowth*len(raw)+4096 {
			t.Fatalf("%d bytes of record printed %d bytes", len(raw), out.Len())
		}
	})
}
