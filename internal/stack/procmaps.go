package stack

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// LoadProc reads the executable file mappings of a running process from
// /proc/PID/maps (for -p: it mapped them before gotrace attached);
// false when the process is gone.
func (s *Symbolizer) LoadProc(tgid uint32) bool {
	f, err := os.Open("/proc/" + strconv.FormatUint(uint64(tgid), 10) + "/maps")
	if err != nil {
		return false
	}
	defer f.Close()
	var ms []Mapping
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m, ok := parseMapsLine(sc.Text()); ok {
			ms = append(ms, m)
		}
	}
	if sc.Err() != nil {
		return false
	}
	s.procs[tgid] = ms
	return true
}

// parseMapsLine reads "start-end perms offset major:minor inode path"
// when the mapping is an executable one of a file.
func parseMapsLine(line string) (Mapping, bool) {
	fields := strings.Fields(line)
	if len(fields) < 6 || len(fields[1]) < 3 || fields[1][2] != 'x' || !strings.HasPrefix(fields[5], "/") {
		return Mapping{}, false
	}
	lo, hi, _ := strings.Cut(fields[0], "-")
	maj, min, _ := strings.Cut(fields[3], ":")
	var v [6]uint64
	var err error
	for i, s := range []string{lo, hi, fields[2], maj, min} {
		if v[i], err = strconv.ParseUint(s, 16, 64); err != nil {
			return Mapping{}, false
		}
	}
	if v[5], err = strconv.ParseUint(fields[4], 10, 64); err != nil {
		return Mapping{}, false
	}
	// the path may have spaces; a deleted file's ends " (deleted)"
	path := strings.Join(fields[5:], " ")
	return Mapping{Start: v[0], End: v[1], Off: v[2], File: FileID{Dev: KernelDev(uint32(v[3]<<20 | v[4])), Ino: v[5]}, Path: path}, true
}
