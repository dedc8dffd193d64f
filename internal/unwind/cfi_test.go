package unwind

import (
	"bufio"
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var regNames = [NumRegs]string{"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "ra"}

// format writes a row's rule for a register as readelf -wF does.
func formatRule(r Rule) string {
	switch r.Kind {
	case SameValue:
		return "s"
	case Offset:
		return fmt.Sprintf("c%+d", r.Off)
	case ValOffset:
		return fmt.Sprintf("v%+d", r.Off)
	case Register:
		return fmt.Sprintf("r%d (%s)", r.Reg, regNames[r.Reg])
	case Expression:
		return "exp"
	case ValExpression:
		return "vexp"
	}
	return "u"
}

func formatCFA(row *Row) string {
	if row.CFAKind == CFAExpr {
		return "exp"
	}
	return fmt.Sprintf("%s%+d", regNames[row.CFAReg], row.CFAOff)
}

// tableOf parses an object's .eh_frame and .debug_frame.
func tableOf(t *testing.T, path string) *Table {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Skipf("no %s: %v", path, err)
	}
	defer f.Close()
	tab, err := FromELF(f, true)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return tab
}

var (
	fdeLine = regexp.MustCompile(`^[0-9a-f]+ [0-9a-f]+ [0-9a-f]+ FDE cie=[0-9a-f]+ pc=([0-9a-f]+)\.\.([0-9a-f]+)$`)
	cell    = regexp.MustCompile(`r\d+ \(\w+\)|\S+`)
)

// TestAgainstReadelf checks the rules of every row of every FDE of the
// C library and the dynamic loader against binutils' interpretation
// (readelf --debug-dump=frames-interp), and of the .debug_frame of a Go
// program.
func TestAgainstReadelf(t *testing.T) {
	goProg := buildGo(t)
	for _, path := range []string{"/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", goProg} {
		t.Run(path[strings.LastIndex(path, "/")+1:], func(t *testing.T) {
			tab := tableOf(t, path)
			if _, err := exec.LookPath("readelf"); err != nil {
				t.Skip("no readelf (binutils) to compare with")
			}
			// readelf exits 1 over libc's .eh_frame copy in a NOBITS
			// section of its debug link; its output is whole
			out, _ := exec.Command("readelf", "--debug-dump=frames-interp", path).Output()
			var cols []string
			var begin, end uint64
			rows, fdes, bad := 0, 0, 0
			sc := bufio.NewScanner(bytes.NewReader(out))
			for sc.Scan() {
				line := sc.Text()
				if m := fdeLine.FindStringSubmatch(line); m != nil {
					begin, _ = strconv.ParseUint(m[1], 16, 64)
					end, _ = strconv.ParseUint(m[2], 16, 64)
					fdes++
					cols = nil
					continue
				}
				fields := cell.FindAllString(line, -1)
				if len(fields) >= 2 && fields[0] == "LOC" {
					cols = fields[2:]
					continue
				}
				if end == 0 || len(fields) != len(cols)+2 {
					continue
				}
				loc, err := strconv.ParseUint(fields[0], 16, 64)
				if err != nil || loc < begin || loc >= end {
					continue
				}
				rows++
				row, ok, err := tab.Row(loc)
				if !ok || err != nil {
					t.Errorf("%#x: no row (%v)", loc, err)
					bad++
					continue
				}
				got := []string{fields[0], formatCFA(row)}
				for _, c := range cols {
					n := regIndex(c)
					if n < 0 {
						got = append(got, "?"+c)
						continue
					}
					got = append(got, formatRule(row.Regs[n]))
				}
				if g, w := strings.Join(got, " "), strings.Join(fields, " "); g != w {
					if bad < 20 {
						t.Errorf("row differs\n got %s\nwant %s", g, w)
					}
					bad++
				}
			}
			if fdes < 100 || rows < 1000 {
				t.Fatalf("readelf showed %d FDEs, %d rows", fdes, rows)
			}
			t.Logf("%d FDEs, %d rows, %d differ", fdes, rows, bad)
		})
	}
}

// buildGo builds a small Go program, with its DWARF (go test's own binary
// has none).
func buildGo(t *testing.T) string {
	dir := t.TempDir()
	src := dir + "/main.go"
	if err := os.WriteFile(src, []byte("package main\n\nimport \"os\"\n\nfunc main() { os.Exit(len(os.Args)) }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-o", dir+"/prog", src)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GO111MODULE=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir + "/prog"
}

func regIndex(name string) int {
	for i, n := range regNames {
		if n == name {
			return i
		}
	}
	return -1
}

// TestGolden pins the rows at a few addresses of Debian 12's libc (the
// build whose build-id the golden file names), in readelf's notation.
func TestGolden(t *testing.T) {
	golden, err := os.ReadFile("testdata/rows.golden")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(golden)), "\n")
	var tab *Table
	for _, line := range lines {
		fields := strings.Fields(line)
		switch {
		case len(fields) == 3 && fields[0] == "object":
			if id := buildID(t, fields[1]); id != fields[2] {
				t.Skipf("%s has build-id %s, the golden rows are for %s", fields[1], id, fields[2])
			}
			tab = tableOf(t, fields[1])
			continue
		case len(fields) < 3 || tab == nil:
			t.Fatalf("golden line %q", line)
		}
		pc, _ := strconv.ParseUint(fields[0], 16, 64)
		row, ok, err := tab.Row(pc)
		if !ok || err != nil {
			t.Errorf("%#x: no row (%v)", pc, err)
			continue
		}
		got := fmt.Sprintf("%x %s", pc, formatCFA(row))
		for n, r := range row.Regs {
			if r.Kind != Unset {
				got += fmt.Sprintf(" %s=%s", regNames[n], formatRule(r))
			}
		}
		if got != line {
			t.Errorf("got  %s\nwant %s", got, line)
		}
	}
}

func buildID(t *testing.T, path string) string {
	f, err := elf.Open(path)
	if err != nil {
		t.Skipf("no %s: %v", path, err)
	}
	defer f.Close()
	s := f.Section(".note.gnu.build-id")
	if s == nil {
		return ""
	}
	b, err := s.Data()
	if err != nil || len(b) < 16 {
		return ""
	}
	return fmt.Sprintf("%x", b[16:])
}
