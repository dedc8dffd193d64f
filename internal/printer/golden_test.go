package printer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/fdpath"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/gentest"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Each testdata/*.rec is a recording of a real trace (made with
// `gotrace -f -o /dev/null --record X.rec -- prog` by record.sh, from
// the programs in testdata/progs);
// replaying it must print X.out exactly, as strace -f -o FILE would.
func TestGoldenRecordings(t *testing.T) {
	t.Parallel()
	gentest.Recordings(t, "testdata/*.rec", func(t *testing.T, name, rec string) {
		gentest.Golden(t, filepath.Join("testdata", name+".out"), replay(t, rec, Options{Options: format.Options{StrSize: 32}}))
	})
}

// replay prints the recording rec as strace -f -o FILE would, with the
// options opt.
func replay(t *testing.T, rec string, opt Options) []byte {
	t.Helper()
	var out bytes.Buffer
	opt.Prefix = PrefixAlways
	p := New(&out, opt)
	p.AddTask()
	if err := decoder.ReplayInto(rec, p); err != nil {
		t.Fatal(err)
	}
	if err := p.FlushPending(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// formatVariants are the options some recordings are printed with besides
// the default, into testdata/format/NAME.OPTION.out, in the style of
// ptcpdump's testdata/format. What the kernel side captured stays
// the recording's (-s and -v also change what it reads: the tracing tests
// cover that); these goldens are how the same captures print.
var formatVariants = []struct {
	name string
	opt  func() Options
}{
	{"-v", func() Options { return Options{Options: format.Options{StrSize: 32, Verbose: true}} }},
	{"-X_raw", func() Options { return Options{Options: format.Options{StrSize: 32, Xlat: xlat.Raw}} }},
	{"-x", func() Options { return Options{Options: format.Options{StrSize: 32, Quote: quote.NonASCIIHex}} }},
	{"-s_8", func() Options { return Options{Options: format.Options{StrSize: 8}} }},
	{"-y", func() Options { return Options{Options: format.Options{StrSize: 32, Fds: replayFds()}} }},
}

// replayFds follows descriptors as -y does, but for the tasks of a
// recording, long gone: their working directory is /home/user, and no other
// link of /proc or of the file system is read.
func replayFds() format.FdDescriber {
	r := fdpath.NewResolver(fdpath.Paths, quote.Default)
	r.Readlink = func(path string) (string, error) {
		if strings.HasSuffix(path, "/cwd") {
			return "/home/user", nil
		}
		return "", os.ErrNotExist
	}
	r.EvalSymlinks = func(path string) (string, error) { return path, nil }
	return r
}

func TestGoldenFormatVariants(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"execve", "net_unix", "openat", "structs"} {
		for _, v := range formatVariants {
			t.Run(name+v.name, func(t *testing.T) {
				got := replay(t, filepath.Join("testdata", name+".rec"), v.opt())
				gentest.Golden(t, filepath.Join("testdata", "format", name+"."+v.name+".out"), got)
			})
		}
	}
}
