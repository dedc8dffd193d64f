package cli

import "testing"

func TestNsIDs(t *testing.T) {
	status := "Name:\tsleep\nTgid:\t4242\nPid:\t4243\nNStgid:\t4242\t7\t1\nNSpid:\t4243\t8\t2\n"
	tgid, nstid, nstgid, level := nsIDs(status)
	if tgid != 4242 || nstid != 2 || nstgid != 1 || level != 2 {
		t.Errorf("got tgid %d, ns tid %d, ns tgid %d, level %d", tgid, nstid, nstgid, level)
	}
	if _, _, _, level := nsIDs("Tgid:\t9\nNSpid:\t9\n"); level != 0 {
		t.Errorf("a task of the host's namespace has level %d", level)
	}
}
