package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
)

// readClasses reads classes.txt: "%class name..." lines, continued with a
// trailing backslash. It returns each class's syscall numbers, in order.
func readClasses(path string, numbers []number) (map[string][]int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read classes: %w", err)
	}
	nrs := make(map[string]int, len(numbers))
	for _, n := range numbers {
		nrs[n.name] = n.nr
	}
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	classes := map[string][]int{}
	for line := range strings.Lines(text) {
		line, _, _ = strings.Cut(line, "#")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		class := f[0]
		if !strings.HasPrefix(class, "%") || classes[class] != nil {
			return nil, fmt.Errorf("%s: %q is not a new %%class", path, class)
		}
		for _, name := range f[1:] {
			nr, ok := nrs[name]
			if !ok {
				return nil, fmt.Errorf("%s: %s: %s is not a syscall of unistd_64.h", path, class, name)
			}
			classes[class] = append(classes[class], nr)
		}
		slices.Sort(classes[class])
	}
	return classes, nil
}

// renderClasses writes the classes as a Go map.
func renderClasses(b *bytes.Buffer, classes map[string][]int) {
	names := make([]string, 0, len(classes))
	for c := range classes {
		names = append(names, c)
	}
	slices.Sort(names)
	b.WriteString("\n// classes holds the syscall numbers of each -e trace=%CLASS.\nvar classes = map[string][]int{\n")
	for _, c := range names {
		fmt.Fprintf(b, "\t%q: {", c)
		for i, nr := range classes[c] {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "%d", nr)
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n")
}
