package decoder

// stackHdr is the fixed part of a stack record (struct rec_stack): the
// header and the frame count.
const stackHdr = hdrSize + 8

// decodeStack reads a -k stack record into ev.Frames, reusing it.
func decodeStack(raw []byte, ev *Event) error {
	if len(raw) < stackHdr {
		return shortErr(ev.Type, raw)
	}
	n := int(le.Uint32(raw[hdrSize:]))
	if len(raw) < stackHdr+8*n {
		return shortErr(ev.Type, raw)
	}
	ev.Frames = ev.Frames[:0]
	for i := 0; i < n; i++ {
		ev.Frames = append(ev.Frames, le.Uint64(raw[stackHdr+8*i:]))
	}
	return nil
}
