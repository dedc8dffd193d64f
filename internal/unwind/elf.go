package unwind

import (
	"debug/elf"
	"fmt"
)

// FromELF reads an object's call-frame information: .eh_frame, then, if
// debugFrame, .debug_frame (Go binaries have only the latter); nil when it
// has none.
func FromELF(f *elf.File, debugFrame bool) (*Table, error) {
	names := []string{".eh_frame"}
	if debugFrame {
		names = append(names, ".debug_frame")
	}
	var secs []Section
	for _, name := range names {
		s := f.Section(name)
		if s == nil || s.Type == elf.SHT_NOBITS {
			continue
		}
		data, err := s.Data()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		secs = append(secs, Section{Data: data, Addr: s.Addr, EH: name == ".eh_frame"})
	}
	if len(secs) == 0 {
		return nil, nil
	}
	return Parse(secs...)
}
