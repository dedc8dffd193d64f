package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// SysV IPC (linux/ipc.h, msg.h, sem.h, shm.h) as x86_64 lays it out: the
// kernel's 64-bit structs, which x86_64's glibc passes.
const (
	ipc64      = 0x100 // IPC_64
	ipcRmid    = 0
	ipcSet     = 1
	ipcStat    = 2
	ipcInfo    = 3
	msgStat    = 11
	msgInfo    = 12
	msgStatAny = 13
	semStat    = 18
	semInfo    = 19
	semStatAny = 20
	shmStat    = 13
	shmInfo    = 14
	shmStatAny = 15

	ipcModeMask  = 0777
	shmHugeShift = 26
	shmHugeMask  = 0x3f << shmHugeShift
	ipcPermSize  = 48 // struct ipc64_perm
	sembufSize   = 6  // struct sembuf
)

var (
	ipcPrivate       = xlat.ByName("ipc_private")
	resourceFlags    = xlat.ByName("resource_flags")
	shmResourceFlags = xlat.ByName("shm_resource_flags")
	ipcMsgFlags      = xlat.ByName("ipc_msg_flags")
	msgctlCmds       = xlat.ByName("msgctl_flags")
	semctlCmds       = xlat.ByName("semctl_flags")
	shmctlCmds       = xlat.ByName("shmctl_flags")
	semopFlags       = xlat.ByName("semop_flags")
)

func init() {
	for name, f := range map[string]argFormatter{
		"msgget": formatIPCGet, "semget": formatIPCGet, "shmget": formatIPCGet,
		"msgctl": formatIPCCtl, "semctl": formatIPCCtl, "shmctl": formatIPCCtl,
	} {
		specialFormatters[name] = f
	}
}

// formatIPCGet prints msgget's, semget's and shmget's arguments as strace
// does: the key (IPC_PRIVATE or hex), then the flags and the mode.
func formatIPCGet(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	s := f.opt.Xlat
	name := c.Syscall().Name
	b = ipcPrivate.AppendValue(b, uint64(uint32(c.Args[0])), s)
	b = append(b, ", "...)
	flagArg := 1
	switch name {
	case "semget":
		b = strconv.AppendInt(b, int64(int32(c.Args[1])), 10)
		b = append(b, ", "...)
		flagArg = 2
	case "shmget":
		b = strconv.AppendUint(b, c.Args[1], 10)
		b = append(b, ", "...)
		flagArg = 2
	}
	v := uint64(uint32(c.Args[flagArg]))
	flags := v &^ ipcModeMask
	if name != "shmget" {
		var named bool
		b, named = appendIPCFlags(b, resourceFlags, flags, s)
		if named {
			b = append(b, '|')
		}
		return appendMode(b, uint32(v&ipcModeMask)), false
	}
	huge := flags & shmHugeMask
	flags &^= shmHugeMask
	if flags != 0 || huge == 0 {
		b, _ = appendIPCFlags(b, shmResourceFlags, flags, s)
	}
	if huge != 0 {
		if flags != 0 {
			b = append(b, '|')
		}
		b = strconv.AppendUint(b, huge>>shmHugeShift, 10)
		b = append(b, "<<"...)
		b = xlat.AppendNamed(b, "SHM_HUGE_SHIFT", func(b []byte) []byte { return strconv.AppendUint(b, shmHugeShift, 10) }, s)
	}
	if flags != 0 || huge != 0 {
		b = append(b, '|')
	}
	return appendMode(b, uint32(v&ipcModeMask)), false
}

// appendIPCFlags prints flags as strace's printflags with no default
// text, and whether it printed something it counts (what it returns).
func appendIPCFlags(b []byte, t *xlat.Table, v uint64, s xlat.Style) ([]byte, bool) {
	named := false
	for _, x := range t.Values {
		if x.Val != 0 && v&x.Val == x.Val {
			named = true
		}
	}
	switch {
	case s == xlat.Raw:
		if v == 0 {
			return b, false
		}
		return appendHex(b, v), true
	case v == 0:
		return b, false
	}
	return t.AppendFlags(b, v, s), named
}

// formatIPCCtl prints msgctl's, semctl's and shmctl's arguments: the
// command, IPC_64 first when set, and the struct the command reads (at
// enter) or fills (at exit).
func formatIPCCtl(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	s := f.opt.Xlat
	name := c.Syscall().Name
	cmdArg, t := 1, msgctlCmds
	switch name {
	case "semctl":
		cmdArg, t = 2, semctlCmds
	case "shmctl":
		t = shmctlCmds
	}
	bufArg := cmdArg + 1
	cmd := uint32(c.Args[cmdArg]) &^ ipc64
	addr := c.Args[bufArg]
	if exiting {
		cp := exitCapture(c, uint8(bufArg))
		if c.Failed() || addr == 0 || cp == nil || cp.Fault() {
			return appendAddr(b, addr), false
		}
		return f.appendIPCStruct(b, name, cmd, cp.Data, addr), false
	}
	b = strconv.AppendInt(b, int64(int32(c.Args[0])), 10)
	b = append(b, ", "...)
	if name == "semctl" {
		b = strconv.AppendInt(b, int64(int32(c.Args[1])), 10)
		b = append(b, ", "...)
	}
	if raw := uint32(c.Args[cmdArg]); raw&ipc64 != 0 {
		b = xlat.AppendNamed(b, "IPC_64", func(b []byte) []byte { return appendHex(b, ipc64) }, s)
		b = append(b, '|')
	}
	b = t.AppendValue(b, uint64(cmd), s)
	b = append(b, ", "...)
	switch {
	case cmd == ipcSet:
		cp := c.Capture(uint8(bufArg), decoder.CapMemIn)
		if addr == 0 || cp == nil || cp.Fault() {
			return appendAddr(b, addr), false
		}
		return f.appendIPCStruct(b, name, cmd, cp.Data, addr), false
	case cmd == ipcStat || cmd == ipcInfo,
		name == "msgctl" && (cmd == msgStat || cmd == msgInfo || cmd == msgStatAny),
		name == "semctl" && (cmd == semStat || cmd == semInfo || cmd == semStatAny),
		name == "shmctl" && (cmd == shmStat || cmd == shmInfo || cmd == shmStatAny):
		return b, true
	}
	return appendAddr(b, addr), false
}

// appendIPCStruct prints the struct a ctl command passes: the object's
// *id_ds (only its permissions and settable fields for IPC_SET), or the
// limits and usage of IPC_INFO and the *_INFO commands.
func (f *Formatter) appendIPCStruct(b []byte, name string, cmd uint32, d []byte, addr uint64) []byte {
	info := cmd == ipcInfo || name == "msgctl" && cmd == msgInfo ||
		name == "semctl" && cmd == semInfo || name == "shmctl" && cmd == shmInfo
	size := map[string]int{"msgctl": 120, "semctl": 104, "shmctl": 112}[name]
	if info {
		size = map[string]int{"msgctl": 32, "semctl": 40, "shmctl": 72}[name]
		if name == "shmctl" && cmd == shmInfo {
			size = 48
		}
	}
	if len(d) < size {
		return appendAddr(b, addr)
	}
	u := func(b []byte, field string, v uint64) []byte {
		return strconv.AppendUint(append(b, field...), v, 10)
	}
	i32 := func(b []byte, field string, off int) []byte {
		return strconv.AppendInt(append(b, field...), int64(int32(le32(d[off:]))), 10)
	}
	if info {
		switch {
		case name == "msgctl":
			for i, field := range [...]string{"{msgpool=", ", msgmap=", ", msgmax=", ", msgmnb=", ", msgmni=", ", msgssz=", ", msgtql="} {
				b = i32(b, field, 4*i)
			}
			b = u(b, ", msgseg=", uint64(d[28])|uint64(d[29])<<8)
		case name == "semctl":
			for i, field := range [...]string{"{semmap=", ", semmni=", ", semmns=", ", semmnu=", ", semmsl=", ", semopm=", ", semume=", ", semusz=", ", semvmx=", ", semaem="} {
				b = i32(b, field, 4*i)
			}
		case cmd == shmInfo:
			b = i32(b, "{used_ids=", 0)
			for i, field := range [...]string{", shm_tot=", ", shm_rss=", ", shm_swp=", ", swap_attempts=", ", swap_successes="} {
				b = u(b, field, le64(d[8+8*i:]))
			}
		default:
			for i, field := range [...]string{"{shmmax=", ", shmmin=", ", shmmni=", ", shmseg=", ", shmall="} {
				b = u(b, field, le64(d[8*i:]))
			}
		}
		return append(b, '}')
	}
	prefix := map[string]string{"msgctl": "{msg_perm=", "semctl": "{sem_perm=", "shmctl": "{shm_perm="}[name]
	b = f.appendIPCPerm(append(b, prefix...), d, cmd)
	switch name {
	case "msgctl":
		if cmd != ipcSet {
			for i, field := range [...]string{", msg_stime=", ", msg_rtime=", ", msg_ctime="} {
				b = u(b, field, le64(d[48+8*i:]))
			}
			b = u(b, ", msg_qnum=", le64(d[80:]))
		}
		b = u(b, ", msg_qbytes=", le64(d[88:]))
		if cmd != ipcSet {
			b = i32(b, ", msg_lspid=", 96)
			b = i32(b, ", msg_lrpid=", 100)
		}
	case "semctl":
		if cmd != ipcSet {
			b = u(b, ", sem_otime=", le64(d[48:]))
			b = u(b, ", sem_ctime=", le64(d[64:]))
			b = u(b, ", sem_nsems=", le64(d[80:]))
		}
	case "shmctl":
		if cmd != ipcSet {
			b = u(b, ", shm_segsz=", le64(d[48:]))
			b = i32(b, ", shm_cpid=", 80)
			b = i32(b, ", shm_lpid=", 84)
			b = u(b, ", shm_nattch=", le64(d[88:]))
			for i, field := range [...]string{", shm_atime=", ", shm_dtime=", ", shm_ctime="} {
				b = u(b, field, le64(d[56+8*i:]))
			}
		}
	}
	return append(b, '}')
}

// appendIPCPerm prints a struct ipc64_perm: {uid=0, gid=0, mode=0600, key=0,
// cuid=0, cgid=0}, the owner and mode alone for IPC_SET.
func (f *Formatter) appendIPCPerm(b, d []byte, cmd uint32) []byte {
	id := func(b []byte, field string, off int) []byte {
		b = append(b, field...)
		if v := le32(d[off:]); v != ^uint32(0) {
			return strconv.AppendUint(b, uint64(v), 10)
		}
		return append(b, "-1"...)
	}
	b = id(b, "{uid=", 4)
	b = id(b, ", gid=", 8)
	b = append(b, ", mode="...)
	b = appendIPCMode(b, le32(d[20:]))
	if cmd != ipcSet {
		b = append(b, ", key="...)
		b = strconv.AppendUint(b, uint64(le32(d)), 10)
		b = id(b, ", cuid=", 12)
		b = id(b, ", cgid=", 16)
	}
	return append(b, '}')
}

// appendIPCMode prints a mode as strace's print_numeric_ll_umode_t, "%#03o".
func appendIPCMode(b []byte, m uint32) []byte {
	if m == 0 {
		return append(b, "000"...)
	}
	return appendMode(b, m)
}

// appendSembufs prints semop's and semtimedop's struct sembuf array:
// [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}].
func appendSembufs(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	return f.appendPartArray(b, c.Args[i], lenArg(c, a), sembufSize, c.Capture(uint8(i), decoder.CapArrayIn), func(b, d []byte) []byte {
		b = append(b, "{sem_num="...)
		b = strconv.AppendUint(b, uint64(d[0])|uint64(d[1])<<8, 10)
		b = append(b, ", sem_op="...)
		b = strconv.AppendInt(b, int64(int16(uint16(d[2])|uint16(d[3])<<8)), 10)
		b = append(b, ", sem_flg="...)
		b = semopFlags.AppendFlags(b, uint64(d[4])|uint64(d[5])<<8, f.opt.Xlat)
		return append(b, '}')
	})
}

// appendMsgbuf prints the struct msgbuf of msgsnd and msgrcv as strace's
// tprint_msgbuf: {mtype=1, mtext="..."}, the text as long as msgsz says.
func appendMsgbuf(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr, n := c.Args[i], lenArg(c, a)
	var cp *decoder.Capture
	if a.Kind == syscalltbl.MsgbufOut {
		if c.Failed() {
			return appendAddr(b, addr)
		}
		cp = exitCapture(c, uint8(i))
	} else {
		cp = c.Capture(uint8(i), decoder.CapMemIn)
	}
	if addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < 16 { // strace reads a long and a char
		return appendAddr(b, addr)
	}
	b = append(b, "{mtype="...)
	b = strconv.AppendInt(b, int64(le64(cp.Data)), 10)
	b = append(b, ", mtext="...)
	text := cp.Data[8:]
	if uint64(len(text)) > n {
		text = text[:n]
	}
	if len(text) > f.opt.StrSize {
		text = text[:f.opt.StrSize]
	}
	b = quote.Append(b, text, n > uint64(len(text)), f.opt.Quote)
	return append(b, '}')
}
