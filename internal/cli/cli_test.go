package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/tracer"
)

// Bad input: strace's message on stderr (with its "Try" line where strace
// adds one), a non-zero status, and nothing traced.
func TestBadInput(t *testing.T) {
	const try = "Try 'gotrace -h' for more information.\n"
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-e", "trace=nosuchcall", "--", "true"}, "gotrace: invalid system call 'nosuchcall'\n"},
		{[]string{"-s", "abc", "--", "true"}, "gotrace: invalid -s argument: 'abc'\n" + try},
		{[]string{"-s", "-1", "--", "true"}, "gotrace: invalid -s argument: '-1'\n" + try},
		{[]string{"--string-limit=1073741824", "true"}, "gotrace: invalid --string-limit argument: '1073741824'\n" + try},
		{[]string{"-p", "abc"}, "gotrace: Invalid process id: 'abc'\n"},
		{[]string{"-p", "0"}, "gotrace: Invalid process id: '0'\n"},
		{[]string{}, "gotrace: must have PROG [ARGS] or -p PID\n" + try},
		{[]string{"--no-such-flag"}, "gotrace: unrecognized option '--no-such-flag'\n" + try},
		{[]string{"-j"}, "gotrace: invalid option -- 'j'\n" + try},
		{[]string{"-o"}, "gotrace: option requires an argument -- 'o'\n" + try},
		{[]string{"--output"}, "gotrace: option '--output' requires an argument\n" + try},
		{[]string{"--summary-only=1"}, "gotrace: option '--summary-only' doesn't allow an argument\n" + try},
		{[]string{"--s", "true"}, "gotrace: option '--s' is ambiguous; possibilities:"},
		{[]string{"--ring-buffer-size", "5000", "--", "true"}, "gotrace: invalid --ring-buffer-size: '5000'"},
		{[]string{"-a", "-3", "--", "true"}, "gotrace: invalid -a argument: '-3'\n" + try},
		{[]string{"-c", "-C", "true"}, "gotrace: -c/--summary-only and -C/--summary are mutually exclusive\n" + try},
		{[]string{"-t", "--timestamps", "-p", "1"}, "gotrace: -t and --absolute-timestamps cannot be provided simultaneously\n"},
		{[]string{"--absolute-timestamps=ss"}, "gotrace: invalid --absolute-timestamps argument: 'ss'\n" + try},
		{[]string{"-f", "--follow-forks", "-p", "1"}, "gotrace: -f and --follow-forks cannot be provided simultaneously\n"},
		{[]string{"-b", "chdir"}, "gotrace: Syscall 'chdir' for -b isn't supported\n"},
		{[]string{"-I", "5"}, "gotrace: invalid -I argument: '5'\n" + try},
		{[]string{"-DDDD", "true"}, "gotrace: Too many -D's (4), maximum supported -D count is 3\n" + try},
		{[]string{"-w", "true"}, "gotrace: -w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)\n" + try},
		{[]string{"-S", "foo", "true"}, "gotrace: invalid sortby: 'foo'\n" + try},
		{[]string{"-e", "trace=read@foo"}, "gotrace: incorrect personality designator 'foo' in qualification 'read@foo'\n" + try},
		{[]string{"-q", "--quiet=exit", "true"}, "gotrace: -q and -e quiet/--quiet cannot be provided simultaneously\n"},
		{[]string{"-o", "|cat", "-ff", "true"}, "gotrace: piping the output and -ff/--output-separately are mutually exclusive\n" + try},
		{[]string{"-e", "kvm=foo", "true"}, "gotrace: invalid -e kvm= argument: 'foo'\n"},
		{[]string{"-o", "/nonexistent/x", "true"}, "gotrace: Can't fopen '/nonexistent/x': No such file or directory\n"},
		{[]string{"--summary-interval=0", "--", "true"}, "gotrace: invalid --summary-interval: '0' (it must be above zero)\n"},
		{[]string{"--summary-interval=-1s", "--", "true"}, "gotrace: invalid --summary-interval: '-1s' (it must be above zero)\n"},
		{[]string{"--summary-interval=10x", "--", "true"}, "gotrace: invalid --summary-interval: '10x' (a duration such as 10s, 500ms or 1m)\n"},
		{[]string{"--summary-interval=", "--", "true"}, "gotrace: invalid --summary-interval: '' (a duration such as 10s, 500ms or 1m)\n"},
		{[]string{"--summary-interval=NaN", "--", "true"}, "gotrace: invalid --summary-interval: 'NaN' (a duration such as 10s, 500ms or 1m)\n"},
		{[]string{"-c", "-U", "calls,p95", "--", "true"}, "gotrace: unknown column name: 'p95'\n" + try},
		{[]string{"-c", "-U", "p99,max-time,p99", "--", "true"}, "gotrace: call summary column has been provided more than once: 'p99'\n" + try},
		{[]string{"-c", "-S", "p42", "--", "true"}, "gotrace: invalid sortby: 'p42'\n" + try},
		{[]string{"--histogram=reed", "--", "true"}, "gotrace: --histogram: invalid system call 'reed'"},
		{[]string{"--flight-recorder=0", "--", "true"}, "gotrace: invalid --flight-recorder size: '0' (from 1 to 100 calls)\n"},
		{[]string{"--flight-recorder=-5", "--", "true"}, "gotrace: invalid --flight-recorder size: '-5' (from 1 to 100 calls)\n"},
		{[]string{"--flight-recorder=many", "--", "true"}, "gotrace: invalid --flight-recorder size: 'many' (from 1 to 100 calls)\n"},
		{[]string{"--flight-recorder=101", "--", "true"}, "gotrace: invalid --flight-recorder size: '101' (from 1 to 100 calls)\n"},
		{[]string{"--flight-recorder", "-C", "--", "true"}, "gotrace: --flight-recorder prints no trace while tracing: not with -C (-c is fine)\n"},
		{[]string{"-kkk", "--", "true"}, "gotrace: too many -k options\n"},
		{[]string{"--stack-trace=lines", "--", "true"}, "gotrace: invalid --stack-trace argument: 'lines' (symbol or source)\n"},
		{[]string{"-k", "--stack-trace-frame-limit", "0", "--", "true"}, "gotrace: invalid --stack-trace-frame-limit argument: '0'\n"},
		{[]string{"-k", "--stack-trace-size", "100", "--", "true"}, "gotrace: invalid --stack-trace-size argument: '100' (a multiple of 8 from 256 to 65536)\n"},
		// strace's options gotrace cannot carry out: refused, one line each
		{[]string{"-Y", "true"}, "gotrace: -Y/--decode-pids=comm is not supported: gotrace prints after the calls and cannot tell which command a pid ran at the time of each\n"},
		{[]string{"--decode-pids=pidns,comm", "true"}, "gotrace: -Y/--decode-pids=comm is not supported: "},
		{[]string{"-DD", "true"}, "gotrace: -D/--daemonize is not supported: the command runs as gotrace's child; gotrace does not run as a detached grandchild\n"},
		{[]string{"--daemonize=session", "true"}, "gotrace: -D/--daemonize is not supported: "},
		{[]string{"--tips=id:3,compacted", "true"}, "gotrace: invalid --tips argument: 'id:3,compacted'\n" + try},
		{[]string{"--tips=format:7", "true"}, "gotrace: invalid --tips argument: 'format:7'\n" + try},
		{[]string{"-e", "abbrev=read", "true"}, "gotrace: -e abbrev= of some syscalls is not supported: gotrace abbreviates all syscalls (abbrev=all, the default) or none (abbrev=none, -v)\n"},
		{[]string{"--verbose=none", "true"}, "gotrace: -e verbose= other than all is not supported: gotrace always decodes the structs it knows\n"},
		{[]string{"-e", "raw=all", "true"}, "gotrace: -e raw= other than none is not supported: gotrace always decodes arguments (-X raw prints named constants as numbers)\n"},
		// strace's own checks come first
		{[]string{"-b", "chdir", "-Y", "true"}, "gotrace: Syscall 'chdir' for -b isn't supported\n"},
		{[]string{"-D", "-p", "1"}, "gotrace: PROG [ARGS] must be specified with -D/--daemonize\n" + try},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := Main("gotrace", c.args, &stdout, &stderr)
		if code == 0 {
			t.Errorf("gotrace %q exited 0", c.args)
		}
		if !strings.HasPrefix(stderr.String(), c.want) {
			t.Errorf("gotrace %q: stderr %q, want %q", c.args, stderr.String(), c.want)
		}
	}
}

// -v is -e abbrev=none, and the last of them and -e abbrev=all counts, as
// in strace; verbose=all and raw=none are what gotrace does anyway.
func TestAbbrevInOrder(t *testing.T) {
	for _, c := range []struct {
		exprs   []string // as the command line gives them: -v is abbrev=none
		verbose bool
	}{
		{[]string{"abbrev=none"}, true},
		{[]string{"abbrev=none", "abbrev=all"}, false},
		{[]string{"abbrev=all", "abbrev=none"}, true},
		{[]string{"abbrev=!all", "verbose=all", "raw=none"}, true},
		{nil, false},
	} {
		sel, err := filter.Parse(c.exprs)
		if err != nil {
			t.Fatal(err)
		}
		o := &options{}
		if err := o.refuseUnsupported(sel); err != nil || o.verbose != c.verbose {
			t.Errorf("%q: %v, verbose %v, want %v", c.exprs, err, o.verbose, c.verbose)
		}
	}
}

// What strace accepts must parse: abbreviated long options, options
// accepted for compatibility, the long forms of the -e qualifiers.
func TestStraceOptionsAccepted(t *testing.T) {
	for _, args := range [][]string{
		{"--stack-trace", "-V"},
		{"--trace=read", "--status=failed", "--signal=!SIGCHLD", "--quiet=attach,exit", "-V"},
		{"-Y", "--decode-pids=pidns", "-e", "decode-fd=all", "-e", "read=1", "-e", "write=all", "-V"},
		{"-e", "verbose=none", "-e", "abbrev=all", "-e", "raw=read", "-e", "silent=!attach", "-V"},
		{"-I1", "-I", "never_tstp", "-n", "-d", "-i", "-O", "1ms", "-b", "execve", "--seccomp-bpf", "--tips", "-V"},
		{"-e", "trace=read@64,mmap2,,", "-e", "trace=%file@x32", "-e", "kvm=vcpu", "-S", "min_time", "-S", "syscall-name", "-V"},
		{"--absolute-timestamps=unix", "--absolute-timestamps=ms", "--daemonize=Pgrp", "-V"},
	} {
		var stdout, stderr bytes.Buffer
		if code := Main("gotrace", args, &stdout, &stderr); code != 0 {
			t.Errorf("gotrace %q: exit %d: %s", args, code, stderr.String())
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
	if code := Main("gotrace", []string{"-V"}, &stdout, &stderr); code != 0 {
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
