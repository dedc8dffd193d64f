package syscalltbl

// Class is a set of the groups of syscalls that -e trace=%CLASS selects, as
// strace's syscall table flags them.
type Class uint32

// The classes, named as -e trace= names them.
const (
	ClassDesc       Class = 1 << iota // %desc: takes or returns a descriptor
	ClassFile                         // %file: takes a file name
	ClassIPC                          // %ipc: SysV IPC
	ClassNetwork                      // %network, %net
	ClassProcess                      // %process: process lifecycle
	ClassSignal                       // %signal
	ClassMemory                       // %memory: memory mapping
	ClassStat                         // %stat: stat variants
	ClassLstat                        // %lstat
	ClassFstat                        // %fstat
	ClassStatLike                     // %%stat: all of the stat family
	ClassStatfs                       // %statfs
	ClassFstatfs                      // %fstatfs
	ClassStatfsLike                   // %%statfs: all of the statfs family
	ClassPure                         // %pure: no arguments, never fails
	ClassCreds                        // %creds: user and group ids, capabilities
	ClassClock                        // %clock: reads or sets clocks
)

// Classes returns the classes of syscall nr (none for an unknown number).
func Classes(nr int) Class {
	if nr < 0 || nr >= maxNr {
		return 0
	}
	return classes[nr]
}
