// Package kinds reads gen/inputs/kinds.txt, the registry of syscall
// argument kinds, for the generators that need it.
package kinds

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Kind is one line of kinds.txt.
type Kind struct {
	Word, Name  string
	TakesLen    bool   // the overlay names its length argument
	AtExit      bool   // printed when the syscall returns
	Enter, Exit string // enum cap_kind without CAP_, or ""
	Size        string // a number, or ""
	StrSize     bool   // -s bytes (and two more), at least Size
	StrExtra    string // with StrSize, bytes before the string (str+N: a struct's header)
	StrMax      bool   // with StrSize: at most Size
	Pointee     bool   // the size of what the argument's C type points to
	Length      string // an array's length: "arg", "ret", or ""
	Doc         string
}

var (
	wordRE = regexp.MustCompile(`^[a-z0-9]+$`)
	nameRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	capRE  = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
)

// Read reads the registry at path, in its order.
func Read(path string) ([]Kind, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read kinds: %w", err)
	}
	var out []Kind
	seen := map[string]bool{}
	ln := 0
	for line := range strings.Lines(string(data)) {
		ln++
		line, doc, _ := strings.Cut(line, "#")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		k, err := parse(f, strings.TrimSpace(doc))
		if err == nil && (seen[k.Word] || seen[k.Name]) {
			err = fmt.Errorf("%s listed twice", k.Word)
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, ln, err)
		}
		seen[k.Word], seen[k.Name] = true, true
		out = append(out, k)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no kinds", path)
	}
	return out, nil
}

func parse(f []string, doc string) (Kind, error) {
	if len(f) != 7 {
		return Kind{}, fmt.Errorf("%d fields, want 7: word Name len at enter exit size", len(f))
	}
	k := Kind{Word: f[0], Name: f[1], Doc: doc}
	if !wordRE.MatchString(k.Word) || !nameRE.MatchString(k.Name) {
		return k, fmt.Errorf("bad word %q or name %q", k.Word, k.Name)
	}
	switch f[2] {
	case "/len":
		k.TakesLen = true
	case ".":
	default:
		return k, fmt.Errorf("len is %q, want /len or .", f[2])
	}
	switch f[3] {
	case "exit":
		k.AtExit = true
	case "enter":
	default:
		return k, fmt.Errorf("at is %q, want enter or exit", f[3])
	}
	for i, dst := range []*string{&k.Enter, &k.Exit} {
		if f[4+i] == "." {
			continue
		}
		if !capRE.MatchString(f[4+i]) {
			return k, fmt.Errorf("bad capture %q", f[4+i])
		}
		*dst = f[4+i]
	}
	size, length, _ := strings.Cut(f[6], ",")
	switch length {
	case "", "arg", "ret":
		k.Length = length
	default:
		return k, fmt.Errorf("array length %q, want arg or ret", length)
	}
	if length == "arg" && !k.TakesLen {
		return k, fmt.Errorf("an array of argument length must take /len")
	}
	if size == "pointee" {
		size, k.Pointee = ".", true
	}
	if n, ok := strings.CutPrefix(size, "str+"); ok {
		if _, err := strconv.ParseUint(n, 10, 16); err != nil {
			return k, fmt.Errorf("size %q: want str+N, N a number", size)
		}
		size, k.StrSize, k.StrExtra = ".", true, n
	} else if n, ok := strings.CutPrefix(size, "str"); ok {
		least, ok := strings.CutPrefix(n, ":")
		most, okMax := strings.CutPrefix(n, "<")
		switch {
		case n == "":
		case ok:
			n = least
		case okMax:
			n, k.StrMax = most, true
		default:
			return k, fmt.Errorf("size %q: want str, str:N, str<N or str+N", size)
		}
		size, k.StrSize = n, true
	}
	if size != "." && size != "" {
		if _, err := strconv.ParseUint(size, 10, 16); err != nil {
			return k, fmt.Errorf("size %q: want a number, str, str:N, str<N, str+N or .", size)
		}
	}
	if size != "." {
		k.Size = size
	}
	if length != "" && k.StrSize {
		return k, fmt.Errorf("an array of strings")
	}
	return k, nil
}
