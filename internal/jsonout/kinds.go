package jsonout

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// kindNames are the "kind" of each argument in the JSON: the words of
// gen/inputs/overlay.txt.
var kindNames = map[syscalltbl.Kind]string{
	syscalltbl.Int: "int", syscalltbl.Uint: "uint", syscalltbl.Hex: "hex",
	syscalltbl.Ptr: "ptr", syscalltbl.FD: "fd", syscalltbl.DirFD: "dirfd",
	syscalltbl.Path: "path", syscalltbl.Str: "str", syscalltbl.BufIn: "bufin",
	syscalltbl.BufOut: "bufout", syscalltbl.Argv: "argv", syscalltbl.Envp: "envp",
	syscalltbl.OpenFlags: "openflags", syscalltbl.Mode: "mode",
	syscalltbl.AtFlags: "atflags", syscalltbl.CloneFlags: "cloneflags",
	syscalltbl.Clone3Args: "clone3args", syscalltbl.Signal: "signal",
	syscalltbl.WaitStatus: "waitstatus", syscalltbl.WaitOptions: "waitoptions",
	syscalltbl.Pid: "pid", syscalltbl.StatOut: "statout",
	syscalltbl.TimespecIn: "timespecin", syscalltbl.TimespecOut: "timespecout",
	syscalltbl.PipeFds: "pipefds", syscalltbl.SigsetIn: "sigsetin",
	syscalltbl.SigsetOut: "sigsetout", syscalltbl.RlimitIn: "rlimitin",
	syscalltbl.RlimitOut: "rlimitout", syscalltbl.SigactionIn: "sigactionin",
	syscalltbl.SigactionOut: "sigactionout", syscalltbl.Flags: "flags",
	syscalltbl.Enum: "enum",
}

func kindName(k syscalltbl.Kind) string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return "kind" + strconv.Itoa(int(k))
}
