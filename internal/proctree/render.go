package proctree

import (
	"io"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/xlat"
)

// Style is the set of characters the tree is drawn with.
type Style struct{ Branch, Last, Pipe, Space string }

// Box draws with Unicode box-drawing characters; ASCII with plain ones.
var (
	Box   = Style{Branch: "├─ ", Last: "└─ ", Pipe: "│  ", Space: "   "}
	ASCII = Style{Branch: "|- ", Last: "`- ", Pipe: "|  ", Space: "   "}
)

// StyleFor picks Box when the locale (LC_ALL, else LC_CTYPE, else LANG,
// as setlocale reads them) says UTF-8, and ASCII otherwise.
func StyleFor(getenv func(string) string) Style {
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := getenv(name); v != "" {
			v = strings.ToLower(v)
			if strings.Contains(v, "utf-8") || strings.Contains(v, "utf8") {
				return Box
			}
			return ASCII
		}
	}
	return ASCII
}

// Write draws the tree of every root, under Group when set.
func (b *Builder) Write(w io.Writer, st Style) error {
	var sb strings.Builder
	if b.Group != "" {
		sb.WriteString(b.Group + "\n")
	}
	for i, t := range b.roots {
		switch {
		case b.Group == "":
			writeTask(&sb, t, "", "", st)
		case i == len(b.roots)-1:
			writeTask(&sb, t, st.Last, st.Space, st)
		default:
			writeTask(&sb, t, st.Branch, st.Pipe, st)
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

func writeTask(sb *strings.Builder, t *Task, first, rest string, st Style) {
	sb.WriteString(first)
	sb.WriteString(header(t))
	sb.WriteByte('\n')
	lines := details(t)
	for _, l := range lines {
		sb.WriteString(rest)
		if len(t.Children) > 0 {
			sb.WriteString(st.Pipe)
		} else {
			sb.WriteString(st.Space)
		}
		sb.WriteString(l)
		sb.WriteByte('\n')
	}
	for i, c := range t.Children {
		if i == len(t.Children)-1 {
			writeTask(sb, c, rest+st.Last, rest+st.Space, st)
		} else {
			writeTask(sb, c, rest+st.Branch, rest+st.Pipe, st)
		}
	}
}

// header is "1235 forkdemo: process (tgid 1235), by clone(flags=...)".
func header(t *Task) string {
	s := strconv.FormatUint(uint64(t.Tid), 10) + " " + t.Comm
	if t.Comm == "" {
		s += "?"
	}
	if t.Thread {
		s += ": thread of " + strconv.FormatUint(uint64(t.Tgid), 10)
	} else {
		s += ": process"
	}
	s += " (tgid " + strconv.FormatUint(uint64(t.Tgid), 10)
	if t.NsTid != 0 {
		s += "; " + strconv.FormatUint(uint64(t.NsTid), 10) + " in its pid namespace"
	}
	s += ")"
	switch {
	case t.Parent == nil:
		s += ", traced from the start"
	case t.Running:
		s += ", running when the trace began"
	case t.Via == "":
		s += ", created by " + strconv.FormatUint(uint64(t.Parent.Tid), 10)
	default:
		s += ", " + t.Via + " by " + strconv.FormatUint(uint64(t.Parent.Tid), 10)
	}
	return s
}

func details(t *Task) []string {
	var out []string
	if t.HasFlags {
		f := "flags: "
		if t.Flags == 0 && t.ExitSig != 0 {
			f += xlat.SignalName(t.ExitSig)
		} else {
			f += string(xlat.Clone3Flags.AppendFlags(nil, t.Flags, xlat.Abbrev))
			if t.ExitSig != 0 {
				f += "|" + xlat.SignalName(t.ExitSig)
			}
		}
		out = append(out, f)
	}
	if ns := namespaces(t); ns != "" {
		out = append(out, "new namespaces: "+ns)
	}
	out = append(out, t.Events...)
	switch {
	case !t.Exited:
		out = append(out, "still running when the trace ended")
	case t.Superseed:
		if t.Tid == t.Tgid {
			out = append(out, "replaced by the thread that called execve")
		}
	default:
		out = append(out, t.Status.String())
	}
	return out
}

// namespaces names those the clone flags created.
func namespaces(t *Task) string {
	if !t.HasFlags {
		return ""
	}
	return join(xlat.Namespaces(t.Flags))
}
