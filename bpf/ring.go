package bpf

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// ErrFlushed is what Ring.Read returns, once the ring is read, after Flush.
var ErrFlushed = errors.New("ring buffer flushed")

// The kernel's BPF ring buffer record header: a 32-bit length whose top
// bits say the record is still being written (busy) or was discarded,
// then 32 bits the kernel keeps for itself.
const (
	ringHdrSize    = 8
	ringBusyBit    = 1 << 31
	ringDiscardBit = 1 << 30
)

// Ring reads the records of a BPF_MAP_TYPE_RINGBUF map straight from its
// mapping: Read returns a record in place, without copying it, and the
// space of the records read is given back to the kernel in batches rather
// than after each record (each store to the consumer position is a cache
// line the producing CPUs then miss).
//
// The data pages are mapped twice in a row by the kernel, so a record that
// wraps past the end of the ring is contiguous in the mapping.
type Ring struct {
	cons, prod []byte   // the consumer page (read-write) and producer page + data (read-only)
	consPos    *uintptr // in the consumer page: what the kernel may overwrite
	prodPos    *uintptr // in the producer page: what the kernel has reserved
	data       []byte   // the data pages, twice
	mask       uintptr
	size       int

	pos      uintptr // the end of the last record Read returned
	prodSeen uintptr // the producer position last loaded
	released uintptr // the consumer position last stored
	batch    uintptr // how much is read before it is released

	epfd, flushFd int
	deadline      time.Time
	events        [1]unix.EpollEvent
	pending       error // a deadline or flush seen while records remained

	mu     sync.Mutex // Flush against Close
	closed bool
}

// NewRing maps the ring buffer map m and prepares to wait on it.
func NewRing(m *ebpf.Map) (*Ring, error) {
	if m.Type() != ebpf.RingBuf {
		return nil, fmt.Errorf("map %s is not a ring buffer", m.Type())
	}
	size := int(m.MaxEntries())
	if size == 0 || size&(size-1) != 0 {
		return nil, fmt.Errorf("ring buffer size %d is not a power of two", size)
	}
	fd := m.FD()
	page := os.Getpagesize()
	r := &Ring{size: size, mask: uintptr(size - 1), epfd: -1, flushFd: -1}
	// a batch small against the ring, so that the kernel sees the space
	// freed long before the ring fills, and large against a record
	r.batch = uintptr(size / 16)
	var err error
	r.cons, err = unix.Mmap(fd, 0, page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("mmap ring buffer consumer page: %w", err)
	}
	r.prod, err = unix.Mmap(fd, int64(page), page+2*size, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("mmap ring buffer data pages: %w", err)
	}
	r.consPos = (*uintptr)(unsafe.Pointer(&r.cons[0]))
	r.prodPos = (*uintptr)(unsafe.Pointer(&r.prod[0]))
	r.data = r.prod[page:]
	r.pos = atomic.LoadUintptr(r.consPos)
	r.prodSeen, r.released = r.pos, r.pos
	if r.epfd, err = unix.EpollCreate1(unix.EPOLL_CLOEXEC); err != nil {
		r.Close()
		return nil, fmt.Errorf("epoll_create1: %w", err)
	}
	if r.flushFd, err = unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK); err != nil {
		r.Close()
		return nil, fmt.Errorf("eventfd: %w", err)
	}
	for _, w := range []int{fd, r.flushFd} {
		ev := unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(w)}
		if err := unix.EpollCtl(r.epfd, unix.EPOLL_CTL_ADD, w, &ev); err != nil {
			r.Close()
			return nil, fmt.Errorf("epoll_ctl: %w", err)
		}
	}
	return r, nil
}

// BufferSize is the ring's size in bytes.
func (r *Ring) BufferSize() int { return r.size }

// SetDeadline makes Read return os.ErrDeadlineExceeded, once the ring is
// read, when it has waited until t; the zero time waits for ever.
func (r *Ring) SetDeadline(t time.Time) { r.deadline = t }

// Remaining is how many bytes of records are in the ring after the last one
// Read returned.
func (r *Ring) Remaining() int {
	return int(atomic.LoadUintptr(r.prodPos) - r.pos)
}

// Read returns the next record, in place: it stays valid until the next
// call to Read. When the ring is empty Read waits for records, and returns
// os.ErrDeadlineExceeded when the deadline passes and ErrFlushed after
// Flush; either is returned only once the records before it are read.
func (r *Ring) Read() ([]byte, error) {
	// the record returned last is consumed
	if r.pos-r.released >= r.batch {
		r.release()
	}
	for {
		if r.pos == r.prodSeen {
			// acquire: the kernel wrote the headers before it moved
			// the producer position
			r.prodSeen = atomic.LoadUintptr(r.prodPos)
			if r.pos == r.prodSeen {
				r.release()
				if err := r.pending; err != nil {
					r.pending = nil
					return nil, err
				}
				if err := r.wait(); err != nil {
					return nil, err
				}
				continue
			}
		}
		avail := r.prodSeen - r.pos
		if avail < ringHdrSize {
			return nil, fmt.Errorf("ring buffer record header: %d bytes left", avail)
		}
		// acquire: the kernel clears the busy bit once the record is
		// written
		hdr := atomic.LoadUint32((*uint32)(unsafe.Pointer(&r.data[r.pos&r.mask])))
		if hdr&ringBusyBit != 0 {
			// reserved and being written by a BPF program, which
			// runs without sleeping: give back what was read and try
			// again
			r.release()
			runtime.Gosched()
			continue
		}
		n := uintptr(hdr &^ (ringBusyBit | ringDiscardBit))
		total := ringHdrSize + (n+7)&^7
		if avail < total {
			return nil, fmt.Errorf("ring buffer record of %d bytes: %d bytes left", n, avail)
		}
		start := (r.pos + ringHdrSize) & r.mask
		r.pos += total
		if hdr&ringDiscardBit != 0 {
			continue
		}
		return r.data[start : start+n : start+n], nil
	}
}

// release gives the kernel back the space of the records read.
func (r *Ring) release() {
	if r.released != r.pos {
		atomic.StoreUintptr(r.consPos, r.pos)
		r.released = r.pos
	}
}

// wait waits for records, the deadline or Flush. A deadline or flush is
// kept pending, as records may have come meanwhile.
func (r *Ring) wait() error {
	for {
		timeout := -1
		if !r.deadline.IsZero() {
			timeout = int(max(0, min(time.Until(r.deadline).Milliseconds(), 1<<30)))
		}
		n, err := unix.EpollWait(r.epfd, r.events[:], timeout)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return fmt.Errorf("epoll_wait: %w", err)
		}
		switch {
		case n == 0:
			r.pending = os.ErrDeadlineExceeded
		case int(r.events[0].Fd) == r.flushFd:
			var b [8]byte
			unix.Read(r.flushFd, b[:])
			r.pending = ErrFlushed
		}
		return nil
	}
}

// Flush makes a Read waiting for records, or the next one to wait, return
// ErrFlushed once the ring is read. It may be called from any goroutine.
func (r *Ring) Flush() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return os.ErrClosed
	}
	one := [8]byte{1}
	if _, err := unix.Write(r.flushFd, one[:]); err != nil {
		return fmt.Errorf("flush ring buffer: %w", err)
	}
	return nil
}

// Close unmaps the ring; no Read may be running.
func (r *Ring) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	var errs []error
	for _, fd := range []int{r.epfd, r.flushFd} {
		if fd >= 0 {
			errs = append(errs, unix.Close(fd))
		}
	}
	for _, b := range [][]byte{r.prod, r.cons} {
		if b != nil {
			errs = append(errs, unix.Munmap(b))
		}
	}
	r.prod, r.cons, r.data = nil, nil, nil
	return errors.Join(errs...)
}
