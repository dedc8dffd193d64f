package decoder

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// A recording is the raw records of a trace, each preceded by its length as
// a little-endian uint32: replaying one through Decode and a printer gives
// the trace again, without root, for golden tests and bug reports.

// maxRecord bounds a record's length in a recording (the kernel side cuts
// records at 16 KiB).
const maxRecord = 1 << 16

// Recorder writes raw records to a recording.
type Recorder struct {
	w   *bufio.Writer
	len [4]byte
}

// NewRecorder returns a Recorder writing to w.
func NewRecorder(w io.Writer) *Recorder { return &Recorder{w: bufio.NewWriter(w)} }

// Write appends one raw record.
func (r *Recorder) Write(raw []byte) error {
	binary.LittleEndian.PutUint32(r.len[:], uint32(len(raw)))
	r.w.Write(r.len[:])
	_, err := r.w.Write(raw)
	return err
}

// Flush writes out what is buffered.
func (r *Recorder) Flush() error { return r.w.Flush() }

// Replay calls fn with each record of a recording, in order. The slice is
// reused from one call to the next.
func Replay(r io.Reader, fn func(raw []byte) error) error {
	br := bufio.NewReader(r)
	var lenBuf [4]byte
	buf := make([]byte, 0, 4096)
	for n := 0; ; n++ {
		if _, err := io.ReadFull(br, lenBuf[:]); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("replay record %d: %w", n, err)
		}
		size := binary.LittleEndian.Uint32(lenBuf[:])
		if size > maxRecord {
			return fmt.Errorf("replay record %d: length %d is too large", n, size)
		}
		if int(size) > cap(buf) {
			buf = make([]byte, size)
		}
		buf = buf[:size]
		if _, err := io.ReadFull(br, buf); err != nil {
			return fmt.Errorf("replay record %d: %w", n, err)
		}
		if err := fn(buf); err != nil {
			return err
		}
	}
}

// ReplayFile decodes each record of the recording at path into one Event,
// reused from one call to the next, pairs it as the tracer does, and calls
// fn with it.
func ReplayFile(path string, fn func(ev *Event) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var ev Event
	pairer := NewPairer()
	return Replay(f, func(raw []byte) error {
		if err := Decode(raw, &ev); err != nil {
			return err
		}
		pairer.Pair(&ev)
		err := fn(&ev)
		pairer.Done(&ev)
		return err
	})
}

// ReplayInto replays the recording at path, paired, into the handlers, in
// order, as the tracer hands records to its outputs.
func ReplayInto(path string, hs ...Handler) error {
	return ReplayFile(path, func(ev *Event) error {
		for _, h := range hs {
			h.Handle(ev)
		}
		return nil
	})
}
