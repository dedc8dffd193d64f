package printer

import (
	"bytes"
	"testing"
)

func TestWriteSummary(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	p := New(&out, Options{})
	rows := []SummaryRow{
		{Nr: nrRead, Calls: 4, Nanoseconds: 30000},
		{Nr: nrClose, Calls: 2, Nanoseconds: 10000},
		{Nr: nrOpenat, Calls: 3, Errors: 1, Nanoseconds: 60000},
		{Nr: nrWrite},
	}
	if err := p.WriteSummary(rows, byTime); err != nil {
		t.Fatal(err)
	}
	check(t, out.String(), `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 60.00    0.000060          20         3         1 openat
 30.00    0.000030           7         4           read
 10.00    0.000010           5         2           close
------ ----------- ----------- --------- --------- ----------------
100.00    0.000100          11         9         1 total
`)
}

func TestSortKey(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"time", "total_time", "calls", "count", "errors", "name", "syscall", "nothing", "none"} {
		if _, err := SortKey(k); err != nil {
			t.Errorf("-S %s: %v", k, err)
		}
	}
	if _, err := SortKey("bogus"); err == nil || err.Error() != "invalid sortby: 'bogus'" {
		t.Errorf("-S bogus: %v", err)
	}
}
