package stack

import (
	"debug/dwarf"
	"debug/elf"
	"sort"
)

// lineTable maps code addresses to source lines (-kk), from .debug_line.
type lineTable struct {
	rows  []lineRow // by address
	files []string
}

type lineRow struct {
	addr uint64
	file int32 // index in files; -1 past the end of a sequence
	line int32
}

// readLines reads an object's line table; nil when it has no DWARF.
func readLines(f *elf.File) *lineTable {
	d, err := f.DWARF()
	if err != nil {
		return nil
	}
	t := &lineTable{}
	index := map[string]int32{}
	r := d.Reader()
	for {
		cu, err := r.Next()
		if err != nil || cu == nil {
			break
		}
		if cu.Tag != dwarf.TagCompileUnit {
			r.SkipChildren()
			continue
		}
		r.SkipChildren()
		lr, err := d.LineReader(cu)
		if err != nil || lr == nil {
			continue
		}
		var e dwarf.LineEntry
		for {
			if lr.Next(&e) != nil {
				break // io.EOF, or a malformed table: what was read stays
			}
			row := lineRow{addr: e.Address, file: -1, line: int32(e.Line)}
			if !e.EndSequence && e.File != nil {
				i, ok := index[e.File.Name]
				if !ok {
					i = int32(len(t.files))
					t.files = append(t.files, e.File.Name)
					index[e.File.Name] = i
				}
				row.file = i
			}
			t.rows = append(t.rows, row)
		}
	}
	if len(t.rows) == 0 {
		return nil
	}
	// by address; a sequence's end before another's start there
	sort.SliceStable(t.rows, func(i, j int) bool {
		if t.rows[i].addr != t.rows[j].addr {
			return t.rows[i].addr < t.rows[j].addr
		}
		return t.rows[i].file < 0 && t.rows[j].file >= 0
	})
	return t
}

// find returns the source file and line of the code at addr.
func (t *lineTable) find(addr uint64) (string, int) {
	i := sort.Search(len(t.rows), func(i int) bool { return t.rows[i].addr > addr })
	if i == 0 {
		return "", 0
	}
	r := t.rows[i-1]
	if r.file < 0 {
		return "", 0
	}
	return t.files[r.file], int(r.line)
}
