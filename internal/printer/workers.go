package printer

import (
	"bufio"
	"io"
	"sync"

	"github.com/gotrace/gotrace/internal/decoder"
)

// Formatting on several goroutines (Options.Workers > 1). Decoding,
// pairing and the printer's decisions stay sequential: which task prints,
// where a line is cut as unfinished and resumed, the prefix, times. Only
// the text of whole lines (a call whose exit came right after its enter,
// the most common line of a busy trace: "name(args) = ret") of calls with
// memory read (strings, buffers, structs) is left to the workers: a line
// of numbers only (getppid() = 1234) costs less to format than to copy
// and hand over (BenchmarkReplayThreads, BenchmarkReplayDd). The printer writes the prefix as usual, then queues a copy
// of the call with the place its text goes; Flush has the workers format
// the queued lines, each on its own buffer, and writes the output in the
// printer's order. The output is byte for byte the one worker's.
//
// -y and --pidns-translation format with state that the sequential stage
// changes from line to line (the descriptor table, the pid namespaces):
// with them the printer formats on one goroutine.

// maxQueued is how many lines wait for the workers at most: then they are
// formatted and written without waiting for Flush.
const maxQueued = 1024

// minParallel is the fewest queued lines worth starting goroutines for.
const minParallel = 64

type workers struct {
	n   int
	min int           // minParallel; the tests lower it
	out *bufio.Writer // the printer's output
	// lit holds what the printer wrote since the first queued line, and
	// lines[:queued] the lines to insert in it
	lit    []byte
	lines  []queuedLine
	queued int
}

// queuedLine is a whole line left to the workers.
type queuedLine struct {
	at          int // where its text goes in lit
	col         int // column where its text starts (after the prefix)
	c           decoder.Call
	enter, exit []decoder.Capture
	store       []byte
	text        []byte
}

func newWorkers(n int, out io.Writer) *workers {
	return &workers{n: n, min: minParallel, out: bufio.NewWriterSize(out, 64<<10), lines: make([]queuedLine, maxQueued)}
}

// Write takes what the printer writes: straight to the output while no
// line is queued, else after the queued lines.
func (w *workers) Write(b []byte) (int, error) {
	if w.queued == 0 {
		return w.out.Write(b)
	}
	w.lit = append(w.lit, b...)
	return len(b), nil
}

// set makes l a copy of c that outlives c: the Pairer reuses c for the
// task's next call, and c's exit captures alias the exit record.
func (l *queuedLine) set(c *decoder.Call) {
	l.c = *c
	l.store, l.enter, l.exit = l.store[:0], l.enter[:0], l.exit[:0]
	for _, cp := range c.Enter {
		start := len(l.store)
		l.store = append(l.store, cp.Data...)
		cp.Data = l.store[start:len(l.store):len(l.store)]
		l.enter = append(l.enter, cp)
	}
	for _, cp := range c.Exit {
		start := len(l.store)
		l.store = append(l.store, cp.Data...)
		cp.Data = l.store[start:len(l.store):len(l.store)]
		l.exit = append(l.exit, cp)
	}
	l.c.Enter, l.c.Exit = l.enter, l.exit
}

// queueLine leaves the text of c's whole line to the workers, its prefix
// of col columns being written.
func (p *Printer) queueLine(c *decoder.Call, col int) {
	w := p.workers
	p.w.Flush() // what came before the line, in its place
	l := &w.lines[w.queued]
	w.queued++
	l.at, l.col = len(w.lit), col
	l.set(c)
	if w.queued == len(w.lines) {
		p.w.Flush()
		w.flush(p)
	}
}

// renderLine formats l's text: what the printer's exit writes after the
// prefix of a whole line.
func (p *Printer) renderLine(l *queuedLine) {
	b, deferred := p.appendCallStart(l.text[:0], &l.c)
	l.text = p.appendCallEnd(b, &l.c, deferred, l.col-p.enterColors())
}

// flush formats the queued lines, on w.n goroutines when they are many,
// and writes them in their places; then the output.
func (w *workers) flush(p *Printer) error {
	lines := w.lines[:w.queued]
	if len(lines) < w.min {
		for i := range lines {
			p.renderLine(&lines[i])
		}
	} else {
		var wg sync.WaitGroup
		for g := 1; g < w.n; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := g; i < len(lines); i += w.n {
					p.renderLine(&lines[i])
				}
			}()
		}
		for i := 0; i < len(lines); i += w.n {
			p.renderLine(&lines[i])
		}
		wg.Wait()
	}
	prev := 0
	for i := range lines {
		w.out.Write(w.lit[prev:lines[i].at])
		w.out.Write(lines[i].text)
		prev = lines[i].at
	}
	w.out.Write(w.lit[prev:])
	w.lit, w.queued = w.lit[:0], 0
	return w.out.Flush()
}
