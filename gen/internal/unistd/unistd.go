// Package unistd reads the syscall numbers of the pinned unistd_64.h, for
// the generators.
package unistd

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Number is a syscall's name and number.
type Number struct {
	Name string
	Nr   int
}

// Read reads the "#define __NR_name nr" lines of unistd_64.h (or
// unistd_32.h), and unistd_x32.h's "#define __NR_name (__X32_SYSCALL_BIT +
// nr)", in number order.
func Read(path string) ([]Number, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read syscall numbers: %w", err)
	}
	var ns []Number
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) == 5 && f[2] == "(__X32_SYSCALL_BIT" && f[3] == "+" {
			f = []string{f[0], f[1], strings.TrimSuffix(f[4], ")")}
		}
		if len(f) != 3 || f[0] != "#define" || !strings.HasPrefix(f[1], "__NR_") {
			continue
		}
		nr, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, f[1], err)
		}
		ns = append(ns, Number{strings.TrimPrefix(f[1], "__NR_"), nr})
	}
	if len(ns) == 0 {
		return nil, fmt.Errorf("%s: no syscall numbers", path)
	}
	slices.SortFunc(ns, func(a, b Number) int { return a.Nr - b.Nr })
	return ns, nil
}
