package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gotrace/gotrace/internal/tracer"
)

// Bad input: one line on stderr, a non-zero status, and nothing traced.
func TestBadInput(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-e", "trace=nosuchcall", "--", "true"}, "gotrace: invalid system call 'nosuchcall'\n"},
		{[]string{"-s", "abc", "--", "true"}, `gotrace: invalid argument "abc" for "-s, --string-limit" flag`},
		{[]string{"-s", "-1", "--", "true"}, "gotrace: invalid -s argument: '-1'\n"},
		{[]string{"-p", "abc"}, "gotrace: invalid process id: 'abc'\n"},
		{[]string{"-p", "0"}, "gotrace: invalid process id: '0'\n"},
		{[]string{}, "gotrace: must have PROG [ARGS] or -p PID"},
		{[]string{"-p", "1", "--", "true"}, "gotrace: give either PROG [ARGS] or -p PID, not both\n"},
		{[]string{"--no-such-flag"}, "gotrace: unknown flag: --no-such-flag\n"},
		{[]string{"--ring-buffer-size", "5000", "--", "true"}, "gotrace: invalid --ring-buffer-size: '5000'"},
		{[]string{"-a", "-3", "--", "true"}, "gotrace: invalid -a argument: '-3'\n"},
		{[]string{"--summary-interval=0", "--", "true"}, "gotrace: invalid --summary-interval: '0' (it must be above zero)\n"},
		{[]string{"--summary-interval=-1s", "--", "true"}, "gotrace: invalid --summary-interval: '-1s' (it must be above zero)\n"},
		{[]string{"--summary-interval=10x", "--", "true"}, "gotrace: invalid --summary-interval: '10x' (a duration such as 10s, 500ms or 1m)\n"},
		{[]string{"--summary-interval=", "--", "true"}, "gotrace: invalid --summary-interval: '' (a duration such as 10s, 500ms or 1m)\n"},
		{[]string{"--summary-interval=NaN", "--", "true"}, "gotrace: invalid --summary-interval: 'NaN' (a duration such as 10s, 500ms or 1m)\n"},
		{[]string{"-c", "-U", "calls,p95", "--", "true"}, "gotrace: unknown column name: 'p95'\n"},
		{[]string{"-c", "-U", "p99,max-time,p99", "--", "true"}, "gotrace: call summary column has been provided more than once: 'p99'\n"},
		{[]string{"-c", "-S", "p42", "--", "true"}, "gotrace: invalid sortby: 'p42'\n"},
		{[]string{"--histogram=reed", "--", "true"}, "gotrace: --histogram: invalid system call 'reed'"},
		{[]string{"--flight-recorder=0", "--", "true"}, "gotrace: invalid --flight-recorder size: '0' (from 1 to 100 calls)\n"},
		{[]string{"--flight-recorder=-5", "--", "true"}, "gotrace: invalid --flight-recorder size: '-5' (from 1 to 100 calls)\n"},
		{[]string{"--flight-recorder=many", "--", "true"}, "gotrace: invalid --flight-recorder size: 'many' (from 1 to 100 calls)\n"},
		{[]string{"--flight-recorder=101", "--", "true"}, "gotrace: invalid --flight-recorder size: '101' (from 1 to 100 calls)\n"},
		{[]string{"--flight-recorder", "-C", "--", "true"}, "gotrace: --flight-recorder prints no trace while tracing: not with -C (-c is fine)\n"},
		{[]string{"-kkk", "--", "true"}, "gotrace: too many -k options\n"},
		{[]string{"--stack-trace=lines", "--", "true"}, `gotrace: invalid argument "lines" for "-k, --stack-trace" flag: invalid --stack-trace argument: 'lines' (symbol or source)`},
		{[]string{"-k", "--stack-trace-frame-limit", "0", "--", "true"}, `gotrace: invalid argument "0" for "--stack-trace-frame-limit" flag: invalid --stack-trace-frame-limit argument: '0'`},
		{[]string{"-k", "--stack-trace-size", "100", "--", "true"}, "gotrace: invalid --stack-trace-size argument: '100' (a multiple of 8 from 256 to 65536)\n"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := Main(c.args, &stdout, &stderr)
		if code == 0 {
			t.Errorf("gotrace %q exited 0", c.args)
		}
		if !strings.HasPrefix(stderr.String(), c.want) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("gotrace %q: stderr %q, want one line starting %q", c.args, stderr.String(), c.want)
		}
	}
}

// The analysis options go into the tracer's configuration, and those that
// need the kernel's counts imply -c.
func TestAnalysisOptions(t *testing.T) {
	var cfg tracer.Config
	o := analysisOptions{histogram: given("read,%net"), interval: given("1.5"), perProcess: true, flightRecorder: given("7")}
	if err := o.apply(&cfg); err != nil {
		t.Fatal(err)
	}
	if !cfg.SummaryOnly || cfg.Summary {
		t.Error("--histogram and --summary-interval without -c or -C must imply -c")
	}
	if cfg.SummaryInterval != 1500*time.Millisecond || !cfg.SummaryPerProcess || cfg.FlightRecorder != 7 {
		t.Errorf("interval %v, per process %v, flight recorder %d", cfg.SummaryInterval, cfg.SummaryPerProcess, cfg.FlightRecorder)
	}
	if cfg.Printer.Histograms == nil || !cfg.Printer.Histograms(0) || cfg.Printer.Histograms(1) || !cfg.Printer.Histograms(41) {
		t.Error("--histogram=read,%net must select read and socket, not write")
	}
	cfg = tracer.Config{Summary: true}
	if err := (&analysisOptions{interval: given("250ms")}).apply(&cfg); err != nil || cfg.SummaryOnly {
		t.Errorf("-C --summary-interval: %v, -c set: %v", err, cfg.SummaryOnly)
	}
	cfg = tracer.Config{}
	if err := (&analysisOptions{flightRecorder: given("3")}).apply(&cfg); err != nil || cfg.SummaryOnly || cfg.Summary {
		t.Errorf("--flight-recorder alone: %v, -c %v, -C %v", err, cfg.SummaryOnly, cfg.Summary)
	}
}

func given(s string) setString { return setString{s, true} }

func TestVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"-V"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if got := stdout.String(); got != "gotrace -- version "+Version+"\n" {
		t.Errorf("-V printed %q", got)
	}
}

func TestParsePids(t *testing.T) {
	got, err := parsePids([]string{"1,2", "3 4", "5"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 || got[0] != 1 || got[4] != 5 {
		t.Errorf("parsePids = %v", got)
	}
}

func TestCommandEnv(t *testing.T) {
	got := commandEnv([]string{"A=1", "B=2", "AB=3"}, []string{"A", "C=4", "B=5"})
	want := []string{"AB=3", "C=4", "B=5"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("commandEnv = %q, want %q", got, want)
	}
	if commandEnv([]string{"A=1"}, nil) != nil {
		t.Error("without -E the command must inherit the environment (nil)")
	}
}
