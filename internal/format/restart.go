package format

import (
	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

func init() { specialFormatters["restart_syscall"] = formatRestartSyscall }

// formatRestartSyscall names the call that restart_syscall resumes, the
// task's previous one (interrupted with ERESTART_RESTARTBLOCK by a stop or
// an ignored signal), as strace does: <... resuming interrupted
// clock_nanosleep ...>.
func formatRestartSyscall(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	b = append(b, "<... resuming interrupted "...)
	if c.Prev >= 0 {
		b = append(b, syscalltbl.Name(int(c.Prev))...)
	} else {
		b = append(b, "system call"...)
	}
	return append(b, " ...>"...), false
}
