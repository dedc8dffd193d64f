package fdpath

import (
	"errors"
	"os"
	"strings"
	"syscall"
)

// maxLinks is how many symbolic links one path may go through, as the
// kernel's MAXSYMLINKS.
const maxLinks = 40

// evalSymlinks is filepath.EvalSymlinks for an absolute path, in time
// linear in the path's length: Go's keeps each ".." above the root and
// copies the rest of the path at each one, so a 4 KiB chdir("/../..")
// cost it milliseconds and a program making thousands of them (strace's
// printpath-umovestr makes 65,000) outran the reader, which lost records.
// ".." is the parent of the directory reached so far, as in the kernel:
// the root's is the root.
func evalSymlinks(p string) (string, error) {
	// rest is what is still to walk of the path or of the link being
	// walked, and outer what is left of the paths around that link
	rest := p
	var outer []string
	// dest is the path walked so far, "/a/b", without its root's slash
	// when empty; ends[i] is where its component i ends
	var dest []byte
	var ends []int
	links := 0
	for rest != "" || len(outer) > 0 {
		if rest == "" {
			rest, outer = outer[len(outer)-1], outer[:len(outer)-1]
		}
		c, after, slash := strings.Cut(rest, "/")
		rest = after
		switch c {
		case "", ".":
			continue
		case "..":
			if len(ends) > 0 {
				ends = ends[:len(ends)-1]
				dest = dest[:last(ends)]
			}
			continue
		}
		dest = append(append(dest, '/'), c...)
		ends = append(ends, len(dest))
		fi, err := os.Lstat(string(dest))
		if err != nil {
			return "", err
		}
		if fi.Mode()&os.ModeSymlink == 0 {
			if !fi.IsDir() && (slash || len(outer) > 0) {
				return "", syscall.ENOTDIR
			}
			continue
		}
		if links++; links > maxLinks {
			return "", errors.New("too many levels of symbolic links")
		}
		link, err := os.Readlink(string(dest))
		if err != nil {
			return "", err
		}
		ends = ends[:len(ends)-1]
		if strings.HasPrefix(link, "/") {
			ends = ends[:0]
		}
		dest = dest[:last(ends)]
		if slash {
			outer = append(outer, rest)
		}
		rest = link
	}
	if len(dest) == 0 {
		return "/", nil
	}
	return string(dest), nil
}

// last is the last of ends, or 0.
func last(ends []int) int {
	if len(ends) == 0 {
		return 0
	}
	return ends[len(ends)-1]
}
