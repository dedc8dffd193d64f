package decoder

import (
	"testing"
	"unsafe"

	"github.com/gotrace/gotrace/bpf"
)

// The offsets used by Decode must be those of the layout bpf2go generated
// from bpf/event.h.
func TestLayoutMatchesBPF(t *testing.T) {
	t.Parallel()
	var enter bpf.RecSysEnter
	var exit bpf.RecSysExit
	var sig bpf.RecSignal
	checks := []struct {
		name      string
		got, want uintptr
	}{
		{"header", unsafe.Sizeof(bpf.RecHdr{}), hdrSize},
		{"header.lost", unsafe.Offsetof(enter.H.Lost), 16},
		{"header.type", unsafe.Offsetof(enter.H.Type), 20},
		{"header.ncaps", unsafe.Offsetof(enter.H.Ncaps), 22},
		{"header.size", unsafe.Offsetof(enter.H.Size), sizeOff},
		{"header.note", unsafe.Offsetof(enter.H.Note), 28},
		{"sys_enter", unsafe.Sizeof(enter), sysEnterSize},
		{"sys_enter.args", unsafe.Offsetof(enter.Args), hdrSize + 8},
		{"sys_exit", unsafe.Sizeof(exit), sysExitSize},
		{"sys_exit.ret", unsafe.Offsetof(exit.Ret), hdrSize + 8},
		{"fork", unsafe.Sizeof(bpf.RecFork{}), forkSize},
		{"exec", unsafe.Sizeof(bpf.RecExec{}), execSize},
		{"task_exit", unsafe.Sizeof(bpf.RecTaskExit{}), taskExitSize},
		{"signal", unsafe.Sizeof(sig), signalSize},
		{"signal.info", unsafe.Offsetof(sig.Info), hdrSize + 8},
		{"signal_ip", unsafe.Sizeof(bpf.RecSignalIp{}), signalIPSize},
		{"signal_ip.ip", unsafe.Offsetof(bpf.RecSignalIp{}.Ip), signalSize},
		{"pidns", unsafe.Sizeof(bpf.RecPidns{}), pidnsSize},
		{"capture", unsafe.Sizeof(bpf.Capture{}), captureHdr},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: bpf layout says %d, decoder uses %d", c.name, c.got, c.want)
		}
	}
	consts := []struct {
		name      string
		got, want uint64
	}{
		{"REC_SYS_ENTER", uint64(bpf.RecSysEnterT), uint64(SysEnter)},
		{"REC_SYS_EXIT", uint64(bpf.RecSysExitT), uint64(SysExit)},
		{"REC_FORK", uint64(bpf.RecForkT), uint64(Fork)},
		{"REC_EXEC", uint64(bpf.RecExecT), uint64(Exec)},
		{"REC_TASK_EXIT", uint64(bpf.RecTaskExitT), uint64(TaskExit)},
		{"REC_SIGNAL", uint64(bpf.RecSignalT), uint64(Signal)},
		{"REC_PIDNS", uint64(bpf.RecPidnsT), uint64(PidNS)},
		{"EXIT_BY_EXEC", uint64(bpf.ExitByExec), exitByExec},
		{"EXIT_LEADER_EARLY", uint64(bpf.ExitLeaderEarly), exitLeaderEarly},
		{"EXIT_GROUP_DEAD", uint64(bpf.ExitGroupDead), exitGroupDead},
		{"EXEC_DETACHED", uint64(bpf.ExecDetached), execDetached},
		{"EXIT_EXEC_FAILED", uint64(bpf.ExitExecFailed), exitExecFailed},
		{"SIGNAL_STOPPED", uint64(bpf.SignalStopped), signalStopped},
		{"NOTE_INJECTED", uint64(bpf.NoteInjected), uint64(NoteInjected)},
		{"NOTE_POKED", uint64(bpf.NotePoked), uint64(NotePoked)},
		{"NOTE_DELAYED", uint64(bpf.NoteDelayed), uint64(NoteDelayed)},
		{"NOTE_RETVAL", uint64(bpf.NoteRetval), uint64(NoteRetval)},
		{"CAP_STR", uint64(bpf.CapStr), uint64(CapStr)},
		{"CAP_PATH", uint64(bpf.CapPath), uint64(CapPath)},
		{"CAP_BUF_IN", uint64(bpf.CapBufIn), uint64(CapBufIn)},
		{"CAP_BUF_OUT", uint64(bpf.CapBufOut), uint64(CapBufOut)},
		{"CAP_MEM_IN", uint64(bpf.CapMemIn), uint64(CapMemIn)},
		{"CAP_MEM_OUT", uint64(bpf.CapMemOut), uint64(CapMemOut)},
		{"CAP_ARGV", uint64(bpf.CapArgv), uint64(CapArgv)},
		{"CAP_ENVC", uint64(bpf.CapEnvc), uint64(CapEnvc)},
		{"CAP_CLONE3_OUT", uint64(bpf.CapClone3Out), uint64(CapClone3Out)},
		{"CAP_IOV", uint64(bpf.CapIov), uint64(CapIov)},
		{"CAP_DIRENTS", uint64(bpf.CapDirents), uint64(CapDirents)},
		{"CAP_SIZED_IN", uint64(bpf.CapSizedIn), uint64(CapSizedIn)},
		{"CAP_CLONE3_IN", uint64(bpf.CapClone3In), uint64(CapClone3In)},
		{"CAP_CLONE3_SET_TID", uint64(bpf.CapClone3SetTid), uint64(CapClone3SetTid)},
		{"CAP_ARRAY_IN", uint64(bpf.CapArrayIn), uint64(CapArrayIn)},
		{"CAP_ARRAY_OUT", uint64(bpf.CapArrayOut), uint64(CapArrayOut)},
		{"CAP_LENPTR_OUT", uint64(bpf.CapLenptrOut), uint64(CapLenptrOut)},
		{"CAP_MSGHDR", uint64(bpf.CapMsghdr), uint64(CapMsghdr)},
		{"CAP_MSG_NAME", uint64(bpf.CapMsgName), uint64(CapMsgName)},
		{"CAP_MSG_IOV", uint64(bpf.CapMsgIov), uint64(CapMsgIov)},
		{"CAP_MSG_DATA", uint64(bpf.CapMsgData), uint64(CapMsgData)},
		{"CAP_MSG_CONTROL", uint64(bpf.CapMsgControl), uint64(CapMsgControl)},
		{"CAP_FPROG", uint64(bpf.CapFprog), uint64(CapFprog)},
		{"CAP_FPROG_INSNS", uint64(bpf.CapFprogInsns), uint64(CapFprogInsns)},
		{"CAP_IP", uint64(bpf.CapIp), uint64(capIP)},
		{"CAP_IOCTL_IN", uint64(bpf.CapIoctlIn), uint64(CapIoctlIn)},
		{"CAP_IOCTL_OUT", uint64(bpf.CapIoctlOut), uint64(CapIoctlOut)},
		{"CAP_SIGSET_PACK", uint64(bpf.CapSigsetPack), uint64(CapSigsetPack)},
		{"CAP_FDSET_IN", uint64(bpf.CapFdsetIn), uint64(CapFdsetIn)},
		{"CAP_FDSET_OUT", uint64(bpf.CapFdsetOut), uint64(CapFdsetOut)},
		{"CAP_SOCK", uint64(bpf.CapSock), uint64(CapSock)},
		{"CAP_IOCTL_ARRAY", uint64(bpf.CapIoctlArray), uint64(CapIoctlArray)},
		{"CAP_IOCTL_ELEM_BUF", uint64(bpf.CapIoctlElemBuf), uint64(CapIoctlElemBuf)},
		{"CAPF_FAULT", uint64(bpf.CapfFault), uint64(CapFault)},
		{"CAPF_MORE", uint64(bpf.CapfMore), uint64(CapMore)},
		{"CAPF_EXIT", uint64(bpf.CapfExit), uint64(CapExit)},
		{"CAPF_END", uint64(bpf.CapfEnd), uint64(CapEnd)},
		{"CAPF_PART", uint64(bpf.CapfPart), uint64(CapPart)},
	}
	for _, c := range consts {
		if c.got != c.want {
			t.Errorf("%s: bpf says %d, decoder uses %d", c.name, c.got, c.want)
		}
	}
}
