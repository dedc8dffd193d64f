package bpf

// The record of a task in a child pid namespace (--pidns-translation),
// exported for the decoder's layout test.
type RecPidns = gotraceRecPidns

// RecPidnsT is REC_PIDNS.
const RecPidnsT = uint16(gotraceRecTypeREC_PIDNS)
