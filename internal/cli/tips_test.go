package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/gentest"
)

// Each tip fits strace's box: at most 13 lines of 44 characters.
func TestTipsFit(t *testing.T) {
	for i, tip := range tips {
		if len(tip) == 0 || len(tip) > 13 {
			t.Errorf("tip %d has %d lines", i, len(tip))
		}
		for _, l := range tip {
			if len(l) > 44 {
				t.Errorf("tip %d: %q is longer than 44 characters", i, l)
			}
		}
	}
}

// --tips is read as strace reads it: the last id and format win, tokens
// with or without their prefix, in any case; --tips alone keeps the id.
func TestTipsArgument(t *testing.T) {
	for _, c := range []struct {
		args []string
		want tipsOptions
	}{
		{[]string{","}, tipsOptions{tipRandom, tipsCompact}},
		{[]string{"full"}, tipsOptions{tipRandom, tipsFull}},
		{[]string{"id:4,FORMAT:Full"}, tipsOptions{4, tipsFull}},
		{[]string{"7", "none"}, tipsOptions{7, tipsNone}},
		{[]string{"id:3", ","}, tipsOptions{3, tipsCompact}},
		{[]string{"3", "id:Random"}, tipsOptions{tipRandom, tipsCompact}},
		{[]string{"full", "id:2"}, tipsOptions{2, tipsFull}},
	} {
		got := tipsOptions{id: tipRandom}
		for _, a := range c.args {
			if err := (tipsValue{&got}).Set(a); err != nil {
				t.Fatalf("%q: %v", c.args, err)
			}
		}
		if got != c.want {
			t.Errorf("%q: %+v, want %+v", c.args, got, c.want)
		}
	}
	for _, bad := range []string{"id:full", "format:3", "id:-1", "huge", "id:+3"} {
		if err := (tipsValue{&tipsOptions{}}).Set(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// The box and the picture as strace prints them, compact and full; an id
// past the last tip wraps around.
func TestPrintTip(t *testing.T) {
	var b bytes.Buffer
	tipsOptions{id: 1, format: tipsCompact}.printTip(&b)
	tipsOptions{id: 1 + len(tips), format: tipsFull}.printTip(&b)
	tipsOptions{id: 0, format: tipsNone}.printTip(&b)
	gentest.Golden(t, "testdata/tips.golden", b.Bytes())
	if !strings.Contains(b.String(), "/___/ /   \\ \\___\"-.") {
		t.Error("the full format lacks the picture's bottom")
	}
}
