package cli

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
)

// tipsFormat is how --tips prints its tip: not at all, in a box beside the
// top of strace's picture, or with the whole picture under it.
type tipsFormat int

const (
	tipsNone tipsFormat = iota
	tipsCompact
	tipsFull
)

// tipRandom is --tips' default id: a tip chosen at random.
const tipRandom = -1

// tipsOptions are --tips[=[[id:]ID][,[format:]FORMAT]]: the tip to print
// on exit, and how.
type tipsOptions struct {
	id     int
	format tipsFormat
}

// tipsValue is --tips, read as strace reads it: each comma-separated token
// is id:ID, format:FORMAT, or a bare ID or FORMAT; the last of each wins,
// and tokens are matched without regard to case.
type tipsValue struct{ t *tipsOptions }

func (v tipsValue) String() string { return "" }
func (v tipsValue) Type() string   { return "string" }
func (v tipsValue) Set(s string) error {
	id, format := v.t.id, v.t.format
	if format == tipsNone {
		format = tipsCompact
	}
	for token := range strings.SplitSeq(s, ",") {
		if token == "" {
			continue
		}
		isID, isFormat := true, true
		switch lower := strings.ToLower(token); {
		case strings.HasPrefix(lower, "id:"):
			token, isFormat = token[3:], false
		case strings.HasPrefix(lower, "format:"):
			token, isID = token[7:], false
		}
		if isID {
			if strings.EqualFold(token, "random") {
				id = tipRandom
				continue
			}
			if n, err := strconv.ParseUint(token, 10, 31); err == nil && strconv.FormatUint(n, 10) == token {
				id = int(n)
				continue
			}
		}
		if isFormat {
			f, ok := map[string]tipsFormat{"none": tipsNone, "compact": tipsCompact, "full": tipsFull}[strings.ToLower(token)]
			if ok {
				format = f
				continue
			}
		}
		return errBadArg
	}
	v.t.id, v.t.format = id, format
	return nil
}

// picture is strace's mascot, whose top the tip's box stands beside: the
// suite's strace--tips.exp checks it line by line.
var picture = []string{
	"",
	"     ____",
	"    /    \\",
	"   |-. .-.|",
	"   (_@)(_@)",
	"   .---_  \\",
	"  /..   \\_/",
	"  |__.-^ /",
	"      }  |",
	"     |   [",
	"     [  ]",
	"    ]   |",
	"    |   [",
	"    [  ]",
	"   /   |        __",
	"  \\|   |/     _/ /_",
	" \\ |   |//___/__/__/_",
	"\\\\  \\ /  //    -____/_",
	"//   \"   \\\\      \\___.-",
	" //     \\\\  __.----._/_",
	"/ '/|||\\` .-         __>",
	"[        /         __.-",
	"[        [           }",
	"\\        \\          /",
	" \"-._____ \\.____.--\"",
	"    |  | |  |",
	"    |  | |  |",
	"    |  | |  |",
	"    |  | |  |",
	"    {  } {  }",
	"    |  | |  |",
	"    |  | |  |",
	"    |  | |  |",
	"    /  { |  |",
	" .-\"   / [   -._",
	"/___/ /   \\ \\___\"-.",
	"    -\"     \"-",
}

// tips are gotrace's tips, tricks and tweaks: at most 13 lines of at most
// 44 characters each.
var tips = [][]string{
	{"gotrace -h lists every option, grouped;",
		"README.md and docs/compat.md say how each",
		"one differs from strace's, if it does."},
	{"-o '|COMMAND' sends the trace to COMMAND's",
		"input, so that it can be filtered while the",
		"traced program keeps its own stderr:", "",
		"    gotrace -o '|grep open' -- ./prog"},
	{"-e trace= takes classes of syscalls as well",
		"as names: %file, %process, %network,",
		"%signal, %ipc, %desc, %memory, %creds,",
		"%clock, %stat, %statfs, %pure; and /REGEX",
		"for the names a regular expression matches."},
	{"-yy shows what each descriptor is: the path",
		"of a file, the device of a character or",
		"block device, the endpoints of a socket,",
		"    read(3</etc/hostname>, ...)",
		"    connect(4<TCP:[127.0.0.1:41234", "        ->127.0.0.1:80]>, ...)"},
	{"-c counts the calls, errors and time of each",
		"syscall in the kernel: no record per call",
		"reaches gotrace, so nothing is lost and the",
		"traced program hardly slows down. -C adds",
		"the table after the trace; --histogram adds",
		"the latency histogram of each syscall."},
	{"--explain adds a line in plain language",
		"after each fork, clone, exec, unshare and",
		"setns: which task it made and how it",
		"differs from its parent. gotrace tree",
		"prints the tree of the tasks at the end."},
	{"-P PATH shows only the syscalls that use",
		"PATH or one of its descriptors, and",
		"--trace-fds=SET those that use the",
		"descriptors of SET. With --all, gotrace",
		"finds who on the whole machine opens a file:", "",
		"    gotrace --all -P /etc/passwd"},
	{"-Y (--decode-pids=comm) shows the command",
		"name of each pid, as the traced task had",
		"it at the time of the call:",
		"    1234<make> getppid() = 1200<bash>"},
	{"--container NAME traces every process of a",
		"container, exec'd ones too, with the pids",
		"of the host; --context=container names the",
		"container at the start of each line."},
	{"-k prints the user stack of each syscall,",
		"unwound as strace's libunwind does; -kk",
		"adds source files and lines where the",
		"programs have DWARF."},
	{"-e status=failed (or -Z) prints only the",
		"syscalls that returned an error: a quick",
		"way to see which files a program looked",
		"for and did not find."},
	{"--json writes one JSON object per line, for",
		"jq or a script: syscalls with their",
		"arguments decoded, forks, execs, signals",
		"and exits. docs/json.md has the schema."},
	{"-s N shows N bytes of strings and buffers",
		"(32 by default); -x and -xx show them in",
		"hexadecimal, and",
		"    --strings-in-hex=non-ascii-chars",
		"only the bytes that are not ASCII."},
	{"--no-drop loses no record: a traced task",
		"that returns from a syscall while the ring",
		"buffer is half full waits until gotrace has",
		"read it down. Without it, lost records are",
		"counted and shown where they were lost."},
}

// The box around the tip: its top and bottom, its left side (the first
// line, then the others) and its right side, which joins the picture.
const (
	tipTop    = "  ______________________________________________    "
	tipBottom = " \\______________________________________________/   "
)

var (
	tipLeft  = []string{" / ", " | "}
	tipRight = []string{" \\   ", " |   ", " \\   ", "  \\  ", "  _\\ ", " /   ", " |   "}
)

// printTip writes the tip --tips chose to w, in a box beside strace's
// picture, as strace does on exit.
func (t tipsOptions) printTip(w io.Writer) {
	if t.format == tipsNone {
		return
	}
	id := t.id
	if id == tipRandom {
		id = rand.IntN(len(tips))
	}
	tip := tips[id%len(tips)]
	width := len(tipTop) - len(tipLeft[0]) - len(tipRight[0])
	art := func(i int) string { return picture[min(i, len(picture)-1)] }
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s\n", tipTop, picture[1])
	fmt.Fprintf(&b, "%s%-*s%s%s\n", tipLeft[0], width, "", tipRight[0], picture[2])
	i := 0
	for ; i < 13 && (i < len(tip) || i < len(tipRight)-1); i++ {
		line := ""
		if i < len(tip) {
			line = tip[i]
		}
		if len(line) > width {
			line = line[:width]
		}
		fmt.Fprintf(&b, "%s%-*s%s%s\n", tipLeft[min(i+1, len(tipLeft)-1)], width, line, tipRight[min(i+1, len(tipRight)-1)], art(3+i))
	}
	fmt.Fprintf(&b, "%s%s\n", tipBottom, art(3+i))
	pad := strings.Repeat(" ", len(tipLeft[0])+width+len(tipRight[0]))
	for {
		fmt.Fprintf(&b, "%s%s\n", pad, art(4+i))
		i++
		if t.format != tipsFull || 4+i >= len(picture) {
			break
		}
	}
	io.WriteString(w, b.String())
}
