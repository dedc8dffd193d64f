package inject

// Counters count, for one task, the calls of each syscall a rule selects,
// to apply when=: each task counts from its first call, as strace counts
// per tracee.
type Counters struct {
	spec *Spec
	left map[int]*when
}

// when is a rule's FIRST..LAST+STEP as it counts down (strace's
// inject_opts first and last).
type when struct{ first, last, step uint16 }

// NewCounters returns the counters of a new task.
func (s *Spec) NewCounters() *Counters {
	return &Counters{spec: s, left: map[int]*when{}}
}

// Next counts a call of syscall nr and returns the rule to apply to it, or
// nil when it has no rule or when= skips this call.
func (c *Counters) Next(nr int) *Rule {
	r := c.spec.Rule(nr)
	if r == nil {
		return nil
	}
	w := c.left[nr]
	if w == nil {
		w = &when{r.First, r.Last, r.Step}
		c.left[nr] = w
	}
	if w.first == 0 || w.last == 0 {
		return nil
	}
	if w.last != whenInf {
		w.last--
	}
	w.first--
	if w.first != 0 {
		return nil
	}
	w.first = w.step
	return r
}
