package format

// sockDiag is strace's decode_netlink_sock_diag.
func (d *nl) sockDiag(h nlmsghdr, addr, n uint64) bool {
	if h.typ == nlmsgDone {
		return false
	}
	p, ok := d.fetch(addr, 1)
	if !ok {
		d.printAddr(addr)
		return true
	}
	d.familyData(p[0], addr, n)
	return true
}
