package cli

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// colorWanted reads --color: always, never, or auto, which colours a
// terminal unless NO_COLOR is set or TERM is dumb.
func colorWanted(mode string, out io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		f, ok := out.(*os.File)
		if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
			return false, nil
		}
		_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
		return err == nil, nil
	}
	return false, fmt.Errorf("invalid --color: '%s' (auto, always or never)", mode)
}
