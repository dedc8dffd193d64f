package format

// The attribute decoders of each rtnetlink, sock_diag and crypto message,
// by attribute type, after strace 6.1's rtnl_*.c, netlink_*_diag.c and
// netlink_crypto.c.

var (
	ifinfoAttrs    = map[uint16]nlaDecoder{}
	ifaddrAttrs    = map[uint16]nlaDecoder{}
	rtmsgAttrs     = map[uint16]nlaDecoder{}
	ndmsgAttrs     = map[uint16]nlaDecoder{}
	fibRuleAttrs   = map[uint16]nlaDecoder{}
	tcmsgAttrs     = map[uint16]nlaDecoder{}
	tcamsgAttrs    = map[uint16]nlaDecoder{}
	ndtmsgAttrs    = map[uint16]nlaDecoder{}
	ifaddrlblAttrs = map[uint16]nlaDecoder{}
	netconfAttrs   = map[uint16]nlaDecoder{}
	mdbAttrs       = map[uint16]nlaDecoder{}
	nsidAttrs      = map[uint16]nlaDecoder{}
	ifstatsAttrs   = map[uint16]nlaDecoder{}
	nhmsgAttrs     = map[uint16]nlaDecoder{}
	cryptoAttrs    = map[uint16]nlaDecoder{}
)
