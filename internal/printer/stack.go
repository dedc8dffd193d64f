package printer

import (
	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/stack"
)

// stack prints the frames of the syscall whose line was just printed,
// strace's way, one " > " line each. A stack captured at a syscall's
// entry (execve, exit, exit_group) waits, as in strace's queue, for the
// end of the syscall's line or for the task's exit line.
func (p *Printer) stack(ev *decoder.Event) {
	s := p.opt.Stacks
	if s == nil {
		return
	}
	if ev.Stack.AtEnter {
		if p.queuedStacks == nil {
			p.queuedStacks = map[uint32][]byte{}
		}
		p.queuedStacks[ev.Tid] = appendFrames(p.queuedStacks[ev.Tid][:0], s.StackFrames(ev), true)
		return
	}
	if ev.Tid != p.stackTid {
		return // its syscall did not print
	}
	p.stackTid = 0
	p.buf = appendFrames(p.buf[:0], s.StackFrames(ev), false)
	p.w.Write(p.buf)
}

func appendFrames(b []byte, frames []stack.Frame, queued bool) []byte {
	for i := range frames {
		b = stack.AppendLine(b, &frames[i], queued)
	}
	return b
}

// queuedStack prints the stack captured at the entry of task tid's
// syscall, if any, in place of the one its exit sent.
func (p *Printer) queuedStack(tid uint32) {
	if len(p.queuedStacks) == 0 {
		return
	}
	b, ok := p.queuedStacks[tid]
	if !ok {
		return
	}
	delete(p.queuedStacks, tid)
	p.stackTid = 0
	p.w.Write(b)
}

// dropQueuedStack forgets the stack of a syscall that does not print.
func (p *Printer) dropQueuedStack(tid uint32) { delete(p.queuedStacks, tid) }
