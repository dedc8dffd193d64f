/* Reading the tracee's memory into captures (strings, buffers, arrays,
 * iovecs, msghdrs), and the per-argument capture the syscall plans drive. */
#ifndef GOTRACE_CAPTURE_H
#define GOTRACE_CAPTURE_H

/* Appends a capture header at off; returns the offset of its data. */
static __always_inline struct capture *cap_at(void *buf, __u32 off)
{
	return buf + (off & (SCRATCH_HALF - 1));
}

static __always_inline __u32 cap_end(__u32 off, __u32 len)
{
	return off + sizeof(struct capture) + ((len + 7) & ~7U);
}

/* Appends a capture with no data at off, such as the marker that ends an
 * array's captures; returns the offset past it. */
static __always_inline __u32 cap_marker(void *buf, __u32 off, __u8 arg, __u8 kind, __u16 flags)
{
	struct capture *c = cap_at(buf, off);

	c->arg = arg;
	c->kind = kind;
	c->flags = flags;
	c->len = 0;
	return cap_end(off, 0);
}

/* Reads a NUL-terminated string of at most max bytes (NUL included) into a
 * capture at off, packed as cap_mem_once's; a global function, as it is. */
__noinline __u32 cap_str_once(struct scratch_buf *buf, __u32 off, __u32 what, __u64 ptr, __u32 max)
{
	struct capture *c;
	void *data;
	long n;

	if (!buf)
		return off;
	c = cap_at(buf, off);
	data = (void *)c + sizeof(*c);
	if (max > PATH_MAX)
		max = PATH_MAX;
	/* keep the compiler from dropping the mask the verifier needs */
	asm volatile("" : "+r"(max));
	max &= PATH_MAX - 1 + PATH_MAX;
	c->arg = what;
	c->kind = what >> 8;
	c->flags = what >> 16;
	c->len = 0;
	n = bpf_probe_read_user_str(data, max, (void *)ptr);
	if (n < 0 && c->kind == CAP_STR && max > 1 &&
	    bpf_probe_read_user(data, (max - 1) & (PATH_MAX - 1), (void *)ptr) == 0) {
		/* no NUL before an unreadable page, but past the -s bytes
		 * shown and the one that tells there are more: strace shows
		 * them and "..." */
		c->flags |= CAPF_MORE;
		c->len = max - 1;
		return cap_end(off, c->len);
	}
	if (n <= 0) {
		/* keep the address: strace prints it in place of the string */
		c->flags |= CAPF_FAULT;
		c->len = sizeof(ptr);
		*(__u64 *)data = ptr;
		return cap_end(off, sizeof(ptr));
	}
	if ((__u32)n == max) {
		char last = 1;

		/* the string filled the buffer: longer, or exactly max - 1
		 * bytes long when the byte after them is its NUL */
		if (bpf_probe_read_user(&last, 1, (void *)(ptr + max - 1)) || last)
			c->flags |= CAPF_MORE;
	}
	c->len = n - 1; /* without the NUL */
	return cap_end(off, c->len);
}

static __always_inline __u32 cap_str(void *buf, __u32 off, __u8 arg, __u8 kind,
				     __u16 flags, __u64 ptr, __u32 max)
{
	return cap_str_once(buf, off, arg | (__u32)kind << 8 | (__u32)flags << 16, ptr, max);
}

/* Reads exactly len bytes (at most PATH_MAX) into a capture at off, whose
 * argument index, kind and flags come packed in what (a global function
 * takes at most five arguments); returns the offset past it. A global
 * function: the verifier checks it once rather than at each of the many
 * places a capture reads memory. */
__noinline __u32 cap_mem_once(struct scratch_buf *buf, __u32 off, __u32 what, __u64 ptr, __u64 len)
{
	struct capture *c;
	void *data;
	__u32 n = len > PATH_MAX ? PATH_MAX : len;

	if (!buf)
		return off;
	c = cap_at(buf, off);
	data = (void *)c + sizeof(*c);
	c->arg = what;
	c->kind = what >> 8;
	c->flags = what >> 16;
	c->len = 0;
	if (len > n)
		c->flags |= CAPF_MORE;
	if (n == 0)
		return cap_end(off, 0);
	/* keep the compiler from dropping the mask the verifier needs */
	asm volatile("" : "+r"(n));
	if (bpf_probe_read_user(data, n & (PATH_MAX - 1 + PATH_MAX), (void *)ptr) < 0) {
		c->flags |= CAPF_FAULT;
		return cap_end(off, 0);
	}
	c->len = n;
	return cap_end(off, n);
}

static __always_inline __u32 cap_mem(void *buf, __u32 off, __u8 arg, __u8 kind,
				     __u16 flags, __u64 ptr, __u64 len)
{
	return cap_mem_once(buf, off, arg | (__u32)kind << 8 | (__u32)flags << 16, ptr, len);
}

/* How many of the n bytes at ptr (n at most a page) can be read: all, or
 * those before the page that holds the last one when that page cannot be
 * read. For the captures whose size depends on an operation the kernel
 * side does not decode (prctl's options, seccomp's): what strace reads of
 * an int, an address or a name at the end of a page. */
static __always_inline __u64 readable_len(__u64 ptr, __u64 n)
{
	__u64 in_page = 4096 - (ptr & 4095);
	char last;

	if (n > in_page && bpf_probe_read_user(&last, 1, (void *)(ptr + n - 1)))
		return in_page;
	return n;
}

/* Whether the byte at ptr can be read. */
static __always_inline int probe_byte(__u64 ptr)
{
	char b;

	return bpf_probe_read_user(&b, 1, (void *)ptr) == 0;
}

/* Reads a struct whose size the caller passes (len): len bytes, or when
 * they cannot all be read the first size of them, flagged CAPF_PART, as
 * strace reads the struct it knows and then the bytes beyond it. */
static __always_inline __u32 cap_sized(void *buf, __u32 off, __u8 arg, __u64 ptr, __u64 len,
				       __u16 size)
{
	__u32 end = cap_mem(buf, off, arg, CAP_MEM_IN, 0, ptr, len);

	if (!(cap_at(buf, off)->flags & CAPF_FAULT) || len <= size)
		return end;
	return cap_mem(buf, off, arg, CAP_MEM_IN, CAPF_PART, ptr, size);
}

/* Reads len bytes at ptr; when they cannot all be read, the bytes up to
 * the end of ptr's page, flagged part (a buffer longer than it says may end
 * a page before). */
static __always_inline __u32 cap_upto_page(void *buf, __u32 off, __u8 arg, __u8 kind, __u16 flags,
					   __u64 ptr, __u64 len, __u16 part)
{
	__u32 end = cap_mem(buf, off, arg, kind, flags, ptr, len);
	__u32 in_page = PAGE_SIZE - (ptr & (PAGE_SIZE - 1));

	if (!(cap_at(buf, off)->flags & CAPF_FAULT) || len <= in_page)
		return end;
	end = cap_mem(buf, off, arg, kind, flags, ptr, in_page);
	cap_at(buf, off)->flags |= part;
	return end;
}

/* Reads count elements of size bytes (at most PATH_MAX bytes in all); when
 * they cannot all be read, those up to the end of the page, flagged
 * CAPF_FAULT and CAPF_PART: strace reads a prefix of some (the sockaddr it
 * knows, an int option value). */
static __always_inline __u32 cap_array(void *buf, __u32 off, __u8 arg, __u8 kind, __u16 flags,
				       __u64 ptr, __u64 count, __u16 size)
{
	return cap_upto_page(buf, off, arg, kind, flags, ptr, count * size, CAPF_FAULT | CAPF_PART);
}

/* Reads as many bytes as the int at lenptr says (a socklen_t the kernel
 * wrote back: the length of a sockaddr or an option value). That length
 * may exceed the caller's buffer (a truncated sockaddr), which may end a
 * page before: then the bytes up to the end of that page, flagged
 * CAPF_PART. */
static __always_inline __u32 cap_lenptr(void *buf, __u32 off, __u8 arg, __u64 ptr, __u64 lenptr,
				       __u32 unit)
{
	__s32 len = 0;

	if (bpf_probe_read_user(&len, sizeof(len), (void *)lenptr) < 0 || len < 0)
		len = 0;
	return cap_upto_page(buf, off, arg, CAP_LENPTR_OUT, CAPF_EXIT, ptr, (__u64)len * unit,
			     CAPF_PART);
}

#define MSG_IOV_MAX 64	/* iovecs of a msghdr read (strace shows -s of them) */
#define MSG_NAME_MAX 128	/* sizeof(struct sockaddr_storage) */
#define MSG_CONTROL_MAX 256

#define S_IFMT 00170000
#define S_IFSOCK 0140000
#define AF_NETLINK 16
#define PAGE_SIZE 4096

/* Fills *si with the socket behind descriptor fd of the current task;
 * returns 0 when fd is no socket. */
static __always_inline int fd_sock(__u64 fd, struct sock_info *si)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds;
	struct file *f = NULL;
	struct socket *sock;
	struct sock *sk;

	if (!fdt || (__s32)fd < 0 || (__u32)fd >= BPF_CORE_READ(fdt, max_fds))
		return 0;
	fds = BPF_CORE_READ(fdt, fd);
	if (bpf_probe_read_kernel(&f, sizeof(f), &fds[(__u32)fd]) || !f)
		return 0;
	if ((BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT) != S_IFSOCK)
		return 0;
	sock = BPF_CORE_READ(f, private_data);
	sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return 0;
	si->family = BPF_CORE_READ(sk, __sk_common.skc_family);
	si->type = BPF_CORE_READ(sk, sk_type);
	si->protocol = BPF_CORE_READ(sk, sk_protocol);
	si->_pad = 0;
	si->inode = BPF_CORE_READ(f, f_inode, i_ino);
	return 1;
}

/* cap_mem of a netlink socket's buffer: when the bytes run into an
 * unreadable page, the readable ones before it, flagged CAPF_FAULT. */
static __always_inline __u32 cap_mem_netlink(void *buf, __u32 off, __u8 arg, __u8 kind,
					     __u16 flags, __u64 ptr, __u64 len)
{
	__u32 end = cap_mem(buf, off, arg, kind, flags, ptr, len);
	__u64 first = PAGE_SIZE - (ptr & (PAGE_SIZE - 1));

	if (!(cap_at(buf, off)->flags & CAPF_FAULT) || first >= len)
		return end;
	return cap_mem(buf, off, arg, kind, flags | CAPF_FAULT, ptr, first);
}


/* The state of a walk over an array in the tracee, one element at a time
 * by a global function: plain numbers, which the verifier checks once
 * whatever they hold, rather than once per iteration of the loop (the
 * scratch buffer goes apart, a global function's pointer argument). */
struct msg_iov_ctx {
	__u64 iov;	/* the tracee's iovec array */
	__s64 left;	/* bytes still to show (recvmsg: what it returned) */
	__u32 off;
	__u16 ncaps;
	__u16 flags;
	__u8 arg;
	__u8 fault;	/* out: some data could not be read */
	__u8 netlink;	/* the socket is a netlink one: each iovec's data whole */
	__u8 whole;	/* -e read=/write= dump the data: each iovec's data whole */
};

__noinline int msg_iov_elem_once(struct scratch_buf *buf, struct msg_iov_ctx *ctx, __u32 i)
{
	__u64 vec[2];
	__u64 n;
	__u32 start;

	if (!buf || !ctx || ctx->off >= SCRATCH_HALF - PATH_MAX - 2 * sizeof(struct capture))
		return 1;
	if (bpf_probe_read_user(vec, sizeof(vec), (void *)(ctx->iov + i * sizeof(vec))) < 0)
		return 1;
	n = vec[1];
	if ((__s64)n > ctx->left)
		n = ctx->left;
	if (n > (ctx->netlink || ctx->whole || str_size >= PATH_MAX ? PATH_MAX : str_size + 1))
		n = ctx->netlink || ctx->whole || str_size >= PATH_MAX ? PATH_MAX : str_size + 1;
	ctx->left -= vec[1];
	if (ctx->left < 0)
		ctx->left = 0;
	start = ctx->off;
	if (ctx->netlink)
		ctx->off = cap_mem_netlink(buf, start, ctx->arg, CAP_MSG_DATA, ctx->flags, vec[0], n);
	else
		ctx->off = cap_mem(buf, start, ctx->arg, CAP_MSG_DATA, ctx->flags, vec[0], n);
	if (cap_at(buf, start)->flags & CAPF_FAULT)
		ctx->fault = 1;
	ctx->ncaps++;
	return 0;
}

/* Reads a msghdr's name, len bytes, or when they cross into a page that
 * cannot be read those before it, flagged CAPF_PART (recvmsg's length at
 * exit may pass the caller's buffer); what packs as cap_mem_once's. A
 * global function: its stack is not msghdr_once's. */
__noinline __u32 cap_msg_name_once(struct scratch_buf *buf, __u32 off, __u32 what, __u64 ptr,
				   __u32 len)
{
	__u32 n = readable_len(ptr, len);

	return cap_mem_once(buf, off, what | (n < len ? (__u32)CAPF_PART << 16 : 0), ptr, n);
}

/* bpf_loop's context for msg_iov_elem_once. */
struct msg_iov_loop {
	struct scratch_buf *buf;
	struct msg_iov_ctx c;
};

static long msg_iov_elem(__u64 i, struct msg_iov_loop *l)
{
	return msg_iov_elem_once(l->buf, &l->c, i) ? 1 : 0;
}

/* Captures a struct msghdr and what it points to; total is the byte count
 * the syscall returned, or -1 at enter. *fault tells whether some of it
 * could not be read. */
static __always_inline __u32 cap_msghdr(void *buf, __u32 off, __u8 arg, __u16 flags, __u64 ptr,
					__s64 total, __u16 *ncaps, __u8 *fault, __u8 netlink,
					__u8 whole)
{
	struct capture *c = cap_at(buf, off);
	struct user_msghdr *m = (void *)c + sizeof(*c);
	__u64 name, iov, iovlen, control, controllen;
	__u32 namelen;

	off = cap_mem(buf, off, arg, CAP_MSGHDR, flags, ptr, sizeof(*m));
	(*ncaps)++;
	*fault = 0;
	if (c->flags & CAPF_FAULT) {
		*fault = 1;
		return off;
	}
	name = (__u64)m->msg_name;
	namelen = m->msg_namelen;
	iov = (__u64)m->msg_iov;
	iovlen = m->msg_iovlen;
	control = (__u64)m->msg_control;
	controllen = m->msg_controllen;
	if (name && namelen) {
		c = cap_at(buf, off);
		/* recvmsg's length at exit may pass the caller's buffer,
		 * which may end a page before: then up to that page's end */
		off = cap_msg_name_once(buf, off, arg | (__u32)CAP_MSG_NAME << 8 | (__u32)flags << 16,
					name, namelen < MSG_NAME_MAX ? namelen : MSG_NAME_MAX);
		*fault |= c->flags & CAPF_FAULT;
		(*ncaps)++;
	}
	if (iov && iovlen) {
		struct msg_iov_loop l = {
			.buf = buf,
			.c = {
				.iov = iov,
				.left = total < 0 ? 0x7fffffffffffffffLL : total,
				.flags = flags,
				.arg = arg,
				.netlink = netlink,
				.whole = whole,
			},
		};

		c = cap_at(buf, off);
		off = cap_mem(buf, off, arg, CAP_MSG_IOV, flags, iov,
			      (iovlen < MSG_IOV_MAX ? iovlen : MSG_IOV_MAX) * 16);
		*fault |= c->flags & CAPF_FAULT;
		(*ncaps)++;
		l.c.off = off;
		bpf_loop(iovlen < MSG_IOV_MAX ? iovlen : MSG_IOV_MAX, msg_iov_elem, &l, 0);
		off = l.c.off;
		*ncaps += l.c.ncaps;
		*fault |= l.c.fault;
	}
	if (control && controllen) {
		c = cap_at(buf, off);
		off = cap_mem(buf, off, arg, CAP_MSG_CONTROL, flags, control,
			      controllen < MSG_CONTROL_MAX ? controllen : MSG_CONTROL_MAX);
		*fault |= c->flags & CAPF_FAULT;
		(*ncaps)++;
	}
	return off;
}

/* cap_msghdr's arguments and results, for msghdr_once (a global function
 * takes at most five arguments, and only the buffer as a pointer). */
struct msghdr_args {
	__u64 ptr;
	__s64 total;
	__u32 off;	/* in: where to capture; out: past the captures */
	__u16 flags;
	__u16 ncaps;	/* out: captures added */
	__u8 arg;
	__u8 fault;	/* out */
	__u8 netlink;	/* a netlink socket's: the iovecs' data whole */
	__u8 whole;	/* dumped by -e read=/write=: the iovecs' data whole */
};

/* cap_msghdr as a global function: the verifier checks it once rather than
 * at each path into it, which keeps loading fast. */
__noinline int msghdr_once(struct scratch_buf *buf, struct msghdr_args *a)
{
	if (!buf || !a)
		return 0;
	a->ncaps = 0;
	a->off = cap_msghdr(buf, a->off, a->arg, a->flags, a->ptr, a->total, &a->ncaps, &a->fault,
			    a->netlink, a->whole);
	return 0;
}

/* The size of what an ioctl's argument points to: the size field of the
 * request, or for the requests whose size field says otherwise, the struct
 * or int of those internal/format/ioctl*.go decode; 0: not a pointer. The
 * capture reads it, or when it crosses into an unreadable page the bytes up
 * to the page's end, flagged CAPF_PART (FS_IOC_SETFLAGS's size is a long's,
 * but it points to an int, which may end a page). */
static __always_inline __u32 ioctl_arg_size(__u32 req)
{
	__u32 size = (req >> 16) & 0x3fff;

	switch (req) {
	case 0x5401: case 0x5402: case 0x5403: case 0x5404:	/* TCGETS, TCSETS* */
	case 0x5456: case 0x5457:	/* TIOC[GS]LCKTRMIOS */
		return 36;	/* struct termios */
	case 0x5405: case 0x5406: case 0x5407: case 0x5408:	/* TCGETA, TCSETA* */
		return 18;	/* struct termio */
	case 0x5413: case 0x5414:	/* TIOCGWINSZ, TIOCSWINSZ */
		return 8;	/* struct winsize */
	case 0x5412:	/* TIOCSTI */
		return 1;
	case 0x540f: case 0x5410: case 0x5411: case 0x5415: case 0x5416: case 0x5417:
	case 0x5418: case 0x5419: case 0x541a: case 0x541b: case 0x5420: case 0x5421:
	case 0x5423: case 0x5424: case 0x5429: case 0x5452:
		return 4;	/* TIOCGPGRP ... FIOASYNC: an int */
	case 0xb704:	/* NS_GET_OWNER_UID: a uid_t */
		return 4;
	case 0xc020660b:	/* FS_IOC_FIEMAP: struct fiemap, then extents */
		return MSG_CONTROL_MAX;
	case 0x40085203:	/* RNDADDENTROPY: struct rand_pool_info, then -s bytes of its buffer */
		return 8 + str_size + 1;
	/* block requests (linux/fs.h) without a size in their code */
	case 0x1267: case 0x127e:	/* BLKSECTGET, BLKROTATIONAL: an unsigned short */
		return 2;
	case 0x125d: case 0x125e: case 0x1268: case 0x1278: case 0x1279: case 0x127a:
	case 0x127b: case 0x127c:	/* BLKROSET ... BLKDISCARDZEROES: an int */
		return 4;
	case 0x1260: case 0x1263: case 0x1265:	/* BLKGETSIZE, BLKRAGET, BLKFRAGET: a long */
		return 8;
	case 0x1277: case 0x127d: case 0x127f:	/* BLKDISCARD, BLKSECDISCARD, BLKZEROOUT: two __u64 */
		return 16;
	case 0x1269:	/* BLKPG: struct blkpg_ioctl_arg (see ioctl_ptr) */
		return 24;
	/* loop requests (linux/loop.h) without a size in their code */
	case 0x4c02: case 0x4c03:	/* LOOP_[SG]ET_STATUS: struct loop_info */
		return 168;
	case 0x4c04: case 0x4c05:	/* LOOP_[SG]ET_STATUS64: struct loop_info64 */
		return 232;
	case 0x4c0a:	/* LOOP_CONFIGURE: struct loop_config */
		return 304;
	case 0x40082406:	/* PERF_EVENT_IOC_SET_FILTER: a string, shown up to -s */
		return str_size + 1;
	case 0xc138fd00: case 0xc138fd01: case 0xc138fd02: case 0xc138fd03: case 0xc138fd04:
	case 0xc138fd05: case 0xc138fd06: case 0xc138fd07: case 0xc138fd08: case 0xc138fd09:
	case 0xc138fd0a: case 0xc138fd0b: case 0xc138fd0c: case 0xc138fd0d: case 0xc138fd0e:
	case 0xc138fd0f: case 0xc138fd10:
		return 305;	/* DM_VERSION ... DM_DEV_ARM_POLL: struct dm_ioctl's header */
	case 0x8138ae83: case 0x4138ae84:	/* KVM_[GS]ET_SREGS: struct kvm_sregs, 312 bytes */
		return size;
	case 0x4008ae90: case 0xc008ae05: case 0xc008ae09:
		return PAGE_SIZE;	/* KVM_SET_CPUID2 ...: struct kvm_cpuid2, then its entries */
	case 0x81484d11:	/* ECCGETLAYOUT: struct nand_ecclayout_user, 328 bytes */
		return size;
	case 0x40044f02:	/* UBI_IOCEBCH: its code says __s32, it takes a struct ubi_leb_change_req */
		return 16;
	case 0x51106f03:	/* UBI_IOCRNVOL: the first 4096 of its 4368 bytes (see ioctl_ptr) */
		return 4096;
	case 0x2276:	/* SG_GET_SCSI_ID: struct sg_scsi_id */
		return 32;
	case 0x2286:	/* SG_GET_REQUEST_TABLE: the first struct sg_req_info */
		return 24;
	case 0x2285:	/* SG_IO: the interface id */
		return 4;
	case 0x2201: case 0x2203: case 0x2205: case 0x2270: case 0x2271: case 0x2272:
	case 0x2275: case 0x2279: case 0x227a: case 0x227b: case 0x227c: case 0x227d:
	case 0x227e: case 0x227f: case 0x2282: case 0x2283: case 0x2284: case 0x2287:
	case 0x2288: case 0x2289:
		return 4;	/* SG_SET_TIMEOUT ... SG_GET_ACCESS_COUNT: an int */
	/* linux/hdreg.h's requests have no size in their code
	 * (internal/format/ioctl_hdio.go) */
	case 0x301:	/* HDIO_GETGEO: struct hd_geometry */
		return 16;
	case 0x302: case 0x304: case 0x308: case 0x309: case 0x30a: case 0x30b:
	case 0x30c: case 0x30e: case 0x30f: case 0x310: case 0x31a:
		return 8;	/* HDIO_GET_*: an unsigned long */
	case 0x31c: case 0x328:	/* HDIO_DRIVE_RESET, HDIO_SCAN_HWIF: int[3] */
		return 12;
	case 0x307:	/* HDIO_OBSOLETE_IDENTITY: 142 bytes, shown up to -s */
		return str_size < 142 ? str_size + 1 : 142;
	case 0x30d:	/* HDIO_GET_IDENTITY: 512 bytes, shown up to -s */
		return str_size < 512 ? str_size + 1 : 512;
	case 0x31f:	/* HDIO_DRIVE_CMD: a 4-byte header, then sectors shown up to -s */
		return str_size < PATH_MAX - 5 ? 4 + str_size + 1 : PATH_MAX;
	/* linux/kd.h's requests have no size in their code either
	 * (internal/format/ioctl_kd.go) */
	case 0x4b31: case 0x4b64: case 0x4b33:	/* KDGETLED, KDGKBLED, KDGKBTYPE: a char */
		return 1;
	case 0x4b3b: case 0x4b44: case 0x4b62:	/* KDGETMODE, KDGKBMODE, KDGKBMETA: an int */
	case 0x4b46: case 0x4b47:	/* KD[GS]KBENT: struct kbentry */
		return 4;
	case 0x4b68:	/* PIO_UNIMAPCLR: struct unimapinit */
		return 6;
	case 0x4b66: case 0x4b67:	/* [GP]IO_UNIMAP: struct unimapdesc */
	case 0x4b6b: case 0x4b6c:	/* [GP]IO_FONTX: struct consolefontdesc */
		return 16;
	case 0x4b72:	/* KDFONTOP: struct console_font_op */
		return 32;
	case 0x4b4c: case 0x4b4d: case 0x4b52:	/* KD[GS]ETKEYCODE, KDKBDREP */
		return 8;
	case 0x4b69: case 0x4b6a:	/* [GP]IO_UNISCRNMAP: E_TABSZ unsigned shorts */
		return 512;
	case 0x4b48: case 0x4b49:	/* KD[GS]KBSENT: struct kbsentry */
		return 513;
	case 0x4b4a: case 0x4b4b:	/* KD[GS]KBDIACR: struct kbdiacrs */
		return 4 + 256 * 3;
	case 0x4bfa: case 0x4bfb:	/* KD[GS]KBDIACRUC: struct kbdiacrsuc */
		return 4 + 256 * 12;
	case 0x4b40: case 0x4b41:	/* [GP]IO_SCRNMAP: E_TABSZ bytes, shown up to -s */
		return str_size < 256 ? str_size + 1 : 256;
	case 0x4b70: case 0x4b71:	/* [GP]IO_CMAP: 48 bytes, shown up to -s */
		return str_size < 48 ? str_size + 1 : 48;
	case 0x4b60: case 0x4b61:	/* [GP]IO_FONT: 8192 bytes, shown up to -s */
		return str_size < PATH_MAX - 1 ? str_size + 1 : PATH_MAX;
	}
	/* the largest structs decoded, PTP_SYS_OFFSET_EXTENDED's (1216 bytes)
	 * and the gpio ones (up to 592), are read whole; sizes up to the
	 * field's 16383 are cut at a page */
	return size <= PAGE_SIZE ? size : PAGE_SIZE;
}

#define IOCTL_ELEMS_MAX 32	/* elements whose buffers are read (strace shows -s) */
/* room a capture of up to PATH_MAX bytes needs in the scratch half */
#define CAP_ROOM (SCRATCH_HALF - PATH_MAX - 2 * sizeof(struct capture))

struct ioctl_ptr_args {
	__u64 arg;	/* the ioctl's argument */
	__u64 ptr;	/* the array */
	__u32 req;
	__u32 off;	/* in: where to capture; out: past the captures */
	__u32 count;	/* elements read */
	__u16 flags;	/* CAPF_EXIT at exit */
	__u16 ncaps;	/* out: captures added */
	__u16 elem_size;
	__u16 buf_ptr_off;
	__u16 buf_len_off;
	__u8 argi;
};

struct ioctl_elem_loop {
	struct scratch_buf *buf;
	struct ioctl_ptr_args *a;
};

__noinline int ioctl_elem_buf_once(struct scratch_buf *buf, struct ioctl_ptr_args *a, __u32 i)
{
	__u64 elem, bptr = 0;
	__u32 len = 0;

	if (!buf || !a || i >= a->count || a->off >= CAP_ROOM)
		return 1;
	elem = a->ptr + (__u64)i * a->elem_size;
	if (bpf_probe_read_user(&len, sizeof(len), (void *)(elem + a->buf_len_off)) < 0 ||
	    bpf_probe_read_user(&bptr, sizeof(bptr), (void *)(elem + a->buf_ptr_off)) < 0)
		return 1;
	if (!len)
		return 0;
	a->off = cap_mem(buf, a->off, a->argi, CAP_IOCTL_ELEM_BUF, a->flags, bptr,
			 len < str_size ? len : str_size);
	a->ncaps++;
	return 0;
}

static long ioctl_elem_buf(__u64 i, struct ioctl_elem_loop *l)
{
	return ioctl_elem_buf_once(l->buf, l->a, i) ? 1 : 0;
}

/* Reads what the struct of an ioctl request the ioctl_ptrs map knows
 * points to: at exit of a failed call (failed), the struct too, when the
 * request says so. */
__noinline int ioctl_ptrs_once(struct scratch_buf *buf, struct ioctl_ptr_args *a, __u32 failed)
{
	struct ioctl_ptr *p;
	struct ioctl_elem_loop l = { .buf = buf, .a = a };
	__u32 req, count = 0, type = 0;
	__u64 bytes;
	__u64 ptr = 0;
	__u16 when;

	if (!buf || !a)
		return 0;
	req = a->req;
	p = bpf_map_lookup_elem(&ioctl_ptrs, &req);
	if (!p || !a->arg)
		return 0;
	when = a->flags & CAPF_EXIT ? (failed ? IOCTL_PTR_FAILED : IOCTL_PTR_EXIT) : IOCTL_PTR_ENTER;
	if (!(p->when & when) || a->off >= CAP_ROOM)
		return 0;
	if (failed) {
		a->off = cap_upto_page(buf, a->off, a->argi, CAP_IOCTL_OUT, CAPF_EXIT, a->arg,
				       ioctl_arg_size(req), CAPF_PART);
		a->ncaps++;
	}
	if (p->type_off != IOCTL_PTR_NONE &&
	    (bpf_probe_read_user(&type, sizeof(type), (void *)(a->arg + p->type_off)) < 0 ||
	     type >= 32 || !(p->types & (1U << type))))
		return 0;
	if (bpf_probe_read_user(&ptr, sizeof(ptr), (void *)(a->arg + p->ptr_off)) < 0 ||
	    bpf_probe_read_user(&count, sizeof(count), (void *)(a->arg + p->count_off)) < 0 ||
	    !ptr || !count || a->off >= CAP_ROOM)
		return 0;
	/* strace shows -s elements, or with -v all: a page of them */
	bytes = (__u64)count * p->elem_size;
	a->off = cap_upto_page(buf, a->off, a->argi, CAP_IOCTL_ARRAY, a->flags, ptr,
			       bytes < PAGE_SIZE ? bytes : PAGE_SIZE, CAPF_PART);
	a->ncaps++;
	if (p->buf_ptr_off == IOCTL_PTR_NONE || !p->elem_size)
		return 0;
	a->ptr = ptr;
	a->count = count;
	a->elem_size = p->elem_size;
	a->buf_ptr_off = p->buf_ptr_off;
	a->buf_len_off = p->buf_len_off;
	bpf_loop(IOCTL_ELEMS_MAX, ioctl_elem_buf, &l, 0);
	return 0;
}

/* ioctl_ptrs_once for argument argi at off; returns the offset past its
 * captures, counted in *ncaps. */
static __always_inline __u32 cap_ioctl_ptrs(void *buf, __u32 off, __u8 argi, __u64 arg, __u32 req,
					   __u16 flags, __u32 failed, __u16 *ncaps)
{
	struct ioctl_ptr_args a = { .arg = arg, .req = req, .off = off, .flags = flags, .argi = argi };

	ioctl_ptrs_once(buf, &a, failed);
	*ncaps += a.ncaps;
	return a.off;
}

/* For the ioctl requests whose struct holds a pointer strace follows: how
 * many bytes to read where it points, and its offset in the struct (ptr_off);
 * or with IOCTL_PTR_INLINE in ptr_off, the bytes at that offset of the
 * struct itself, the end of a struct larger than a capture; 0 for the
 * others. That read follows the struct's capture at enter, with the same
 * kind (internal/format's ioctlCaptures). */
#define IOCTL_PTR_INLINE 0x80000000
static __always_inline __u32 ioctl_ptr(__u32 req, __u32 *ptr_off)
{
	switch (req) {
	case 0x1269:	/* BLKPG: data, a struct blkpg_partition */
		*ptr_off = 16;
		return 152;
	case 0x51106f03:	/* UBI_IOCRNVOL: struct ubi_rnvol_req's last 272 bytes */
		*ptr_off = IOCTL_PTR_INLINE | 4096;
		return 4368 - 4096;
	}
	return 0;
}

/* The size of what an ioctl's argument points to at exit: as at enter, but
 * evdev's read requests (type 'E') whose size is the return value (the bit
 * sets of EVIOCGBIT, EVIOCGKEY ... and the strings of EVIOCGNAME ...) read
 * as many bytes as the call returned, rounded up to longs, as strace does;
 * PERF_EVENT_IOC_QUERY_BPF's ids follow its counts. */
static __always_inline __u32 ioctl_out_size(__u32 req, __s64 ret)
{
	__u32 size = ioctl_arg_size(req);

	if ((req >> 8 & 0xff) == 'E' && req >> 30 == 2 && ret > size)
		size = ret < MSG_CONTROL_MAX ? (ret + 7) & ~7 : MSG_CONTROL_MAX;
	if (req == 0xc008240a)	/* PERF_EVENT_IOC_QUERY_BPF: the counts, then the ids */
		size = MSG_CONTROL_MAX;
	return size;
}

/* The bytes of an fd_set that select looks at: nfds bits in longs. */
static __always_inline __u32 fdset_size(__u64 nfds)
{
	__s32 n = (__s32)nfds;

	if (n <= 0)
		return 0;
	if (n > 8 * PATH_MAX)
		n = 8 * PATH_MAX;
	return ((n + 63) / 64) * 8;
}

/* Reads pselect6's {sigset_t *ss, size_t ss_len} and the sigset. */
static __always_inline __u32 cap_sigset_pack(void *buf, __u32 off, __u8 arg, __u64 ptr)
{
	struct capture *c = cap_at(buf, off);
	__u64 *data = (void *)c + sizeof(*c);

	c->arg = arg;
	c->kind = CAP_SIGSET_PACK;
	c->flags = 0;
	c->len = 0;
	if (bpf_probe_read_user(data, 16, (void *)ptr) < 0) {
		c->flags |= CAPF_FAULT;
		return cap_end(off, 0);
	}
	c->len = 16;
	if (data[0] && bpf_probe_read_user(&data[2], 8, (void *)data[0]) == 0)
		c->len = 24;
	return cap_end(off, c->len);
}

struct argv_ctx {
	__u64 ptr;
	__u32 off;
	__u32 max;
	__u16 ncaps;
	__u16 end_flags;
	__u8 arg;
	__u8 fault;	/* out: an element could not be read */
};

__noinline int argv_elem_once(struct scratch_buf *buf, struct argv_ctx *ctx, __u32 i)
{
	__u64 elem;
	__u32 start;

	if (!buf || !ctx)
		return 1;
	if (ctx->off >= SCRATCH_HALF - PATH_MAX - 2 * sizeof(struct capture)) {
		ctx->end_flags |= CAPF_MORE;
		return 1;
	}
	if (bpf_probe_read_user(&elem, sizeof(elem), (void *)(ctx->ptr + i * 8)) < 0) {
		ctx->end_flags |= CAPF_FAULT;
		ctx->fault = 1;
		return 1;
	}
	if (!elem)
		return 1;
	if (i >= ctx->max) {
		ctx->end_flags |= CAPF_MORE;
		return 1;
	}
	start = ctx->off;
	ctx->off = cap_str(buf, start, ctx->arg, CAP_STR, 0, elem, str_size + 2);
	if (cap_at(buf, start)->flags & CAPF_FAULT)
		ctx->fault = 1;
	ctx->ncaps++;
	return 0;
}

struct argv_loop {
	struct scratch_buf *buf;
	struct argv_ctx c;
};

static long argv_elem(__u64 i, struct argv_loop *l)
{
	return argv_elem_once(l->buf, &l->c, i) ? 1 : 0;
}

/* Captures each string of an argv-style array, then a CAP_ARGV end marker;
 * *fault tells whether some of it could not be read. */
static __always_inline __u32 cap_argv(void *buf, __u32 off, __u8 arg, __u64 ptr, __u16 *ncaps,
				      __u8 *fault)
{
	struct argv_loop l = {
		.buf = buf,
		.c = {
			.ptr = ptr,
			.off = off,
			.max = argv_max < ARGV_MAX ? argv_max : ARGV_MAX,
			.end_flags = CAPF_END,
			.arg = arg,
		},
	};

	bpf_loop(ARGV_MAX + 1, argv_elem, &l, 0);
	*ncaps += l.c.ncaps + 1;
	*fault = l.c.fault;
	return cap_marker(buf, l.c.off, arg, CAP_ARGV, l.c.end_flags);
}

struct envc_ctx {
	__u64 ptr;
	__u32 count;
	__u32 fault;
};

static long envc_elem(__u64 i, struct envc_ctx *ctx)
{
	__u64 elem;

	if (bpf_probe_read_user(&elem, sizeof(elem), (void *)(ctx->ptr + i * 8)) < 0) {
		ctx->fault = 1;
		return 1;
	}
	if (!elem)
		return 1;
	ctx->count++;
	return 0;
}

/* Captures the number of entries of a NULL-terminated array (execve's envp). */
static __always_inline __u32 cap_envc(void *buf, __u32 off, __u8 arg, __u64 ptr)
{
	struct capture *c = cap_at(buf, off);
	__u32 *count = (void *)c + sizeof(*c);
	struct envc_ctx ctx = { .ptr = ptr };

	bpf_loop(ENVC_MAX, envc_elem, &ctx, 0);
	c->arg = arg;
	c->kind = CAP_ENVC;
	c->flags = ctx.fault ? CAPF_FAULT : 0;
	c->len = sizeof(__u32);
	*count = ctx.count;
	return cap_end(off, sizeof(__u32));
}

#define IOV_MAX_CAP 32	/* strace shows at most -s elements, 32 by default */

struct iov_ctx {
	__u64 ptr;
	__u64 count;
	__u64 left;	/* at exit: bytes of the return value not yet shown */
	__u32 off;
	__u16 ncaps;
	__u16 end_flags;
	__u16 elem_flags;
	__u16 limit;	/* bytes read of each element: -s and one, or PATH_MAX */
	__u8 arg;
	__u8 fault;	/* out: some of it could not be read */
};

__noinline int iov_elem_once(struct scratch_buf *buf, struct iov_ctx *ctx, __u32 i)
{
	__u64 iov[2];
	__u64 n;
	__u32 start;
	struct capture *c;

	if (!buf || !ctx || i >= ctx->count)
		return 1;
	start = ctx->off;
	/* read before the -s check: strace fetches an element before it
	 * decides to show "...", and an unreadable one ends with its address */
	if (bpf_probe_read_user(iov, sizeof(iov), (void *)(ctx->ptr + i * sizeof(iov))) < 0) {
		ctx->end_flags |= CAPF_FAULT;
		ctx->fault = 1;
		return 1;
	}
	if (i >= str_size || start >= SCRATCH_HALF - PATH_MAX - 3 * sizeof(struct capture) - 16) {
		ctx->end_flags |= CAPF_MORE;
		return 1;
	}
	n = iov[1];
	if (ctx->elem_flags & CAPF_EXIT) {
		n = n < ctx->left ? n : ctx->left;
		ctx->left -= n;
	}
	/* the element's base and length, then as many bytes as -s shows */
	c = cap_at(buf, start);
	c->arg = ctx->arg;
	c->kind = CAP_IOV;
	c->flags = ctx->elem_flags;
	c->len = sizeof(iov);
	__builtin_memcpy((void *)c + sizeof(*c), iov, sizeof(iov));
	ctx->off = cap_mem(buf, cap_end(start, sizeof(iov)), ctx->arg, CAP_IOV, ctx->elem_flags,
			   iov[0], n < ctx->limit ? n : ctx->limit);
	if (cap_at(buf, cap_end(start, sizeof(iov)))->flags & CAPF_FAULT)
		ctx->fault = 1;
	ctx->ncaps += 2;
	return 0;
}

struct iov_loop {
	struct scratch_buf *buf;
	struct iov_ctx c;
};

static long iov_elem(__u64 i, struct iov_loop *l)
{
	return iov_elem_once(l->buf, &l->c, i) ? 1 : 0;
}

/* Captures an iovec array: per element a capture of its base and length and
 * one of its bytes, then an end marker. At exit (flags CAPF_EXIT) the bytes
 * shown total at most left, what the syscall returned. */
static __always_inline __u32 cap_iov(void *buf, __u32 off, __u8 arg, __u64 ptr, __u64 count,
				     __u16 flags, __u64 left, __u16 limit, __u16 *ncaps, __u8 *fault)
{
	struct iov_loop l = {
		.buf = buf,
		.c = {
			.ptr = ptr,
			.count = count,
			.left = left,
			.off = off,
			.end_flags = CAPF_END | flags | (count > IOV_MAX_CAP ? CAPF_MORE : 0),
			.elem_flags = flags,
			.limit = limit,
			.arg = arg,
		},
	};

	bpf_loop(IOV_MAX_CAP, iov_elem, &l, 0);
	*ncaps += l.c.ncaps + 1;
	*fault = l.c.fault;
	return cap_marker(buf, l.c.off, arg, CAP_IOV, l.c.end_flags);
}

#define DIRENTS_MAX 4096	/* entries counted in one getdents64 buffer */

/* The count and the position live in the record (a map value), not on the
 * stack: the verifier then does not follow their growing bounds from one
 * iteration to the next, which it could not finish. */
struct dirents_ctx {
	__u64 ptr;
	__u64 size;
	__u64 *count;	/* then the position, in the capture's data */
	__u32 fault;
};

static long dirent_elem(__u64 i, struct dirents_ctx *ctx)
{
	__u64 *pos = ctx->count + 1;
	__u16 reclen;

	if (*pos >= ctx->size)
		return 1;
	/* d_reclen follows d_ino and d_off */
	if (bpf_probe_read_user(&reclen, sizeof(reclen), (void *)(ctx->ptr + *pos + 16)) < 0) {
		ctx->fault = 1;
		return 1;
	}
	if (!reclen)
		return 1;
	*ctx->count += 1;
	*pos += reclen;
	return 0;
}

/* Captures how many directory entries getdents64 returned (strace shows
 * the count, not the entries, unless -v). */
static __always_inline __u32 cap_dirents(void *buf, __u32 off, __u8 arg, __u64 ptr, __u64 size)
{
	struct capture *c = cap_at(buf, off);
	__u64 *count = (void *)c + sizeof(*c);
	struct dirents_ctx ctx = { .ptr = ptr, .size = size, .count = count };

	count[0] = 0;
	count[1] = 0;
	bpf_loop(DIRENTS_MAX, dirent_elem, &ctx, 0);
	c->arg = arg;
	c->kind = CAP_DIRENTS;
	c->flags = CAPF_EXIT | (ctx.fault ? CAPF_FAULT : 0) | (count[1] < size ? CAPF_MORE : 0);
	c->len = sizeof(__u64);
	return cap_end(off, sizeof(__u64));
}

#define SOL_SOCKET 1
#define SO_ATTACH_FILTER 26	/* and SO_GET_FILTER */
#define SO_ATTACH_REUSEPORT_CBPF 51
#define PR_SET_SECCOMP 22
#define SECCOMP_MODE_FILTER 2
#define SECCOMP_SET_MODE_FILTER 1
#define SOCK_FPROG_SIZE 16	/* unsigned short len; struct sock_filter *filter */
#define SOCK_FILTER_SIZE 8	/* one classic BPF instruction */

/* Which argument of the task's call is a struct sock_fprog whose program
 * strace shows (under -v): seccomp's SECCOMP_SET_MODE_FILTER, prctl's
 * PR_SET_SECCOMP with SECCOMP_MODE_FILTER, setsockopt's SO_ATTACH_FILTER
 * and SO_ATTACH_REUSEPORT_CBPF; -1 for none. */
static __always_inline int fprog_arg(struct task_state *ts)
{
	switch (ts->nr) {
	case NR_seccomp:
		return (__u32)ts->args[0] == SECCOMP_SET_MODE_FILTER ? 2 : -1;
	case NR_prctl:
		return (__u32)ts->args[0] == PR_SET_SECCOMP && ts->args[1] == SECCOMP_MODE_FILTER ?
		       2 : -1;
	case NR_setsockopt:
		return (__u32)ts->args[1] == SOL_SOCKET &&
		       ((__u32)ts->args[2] == SO_ATTACH_FILTER ||
			(__u32)ts->args[2] == SO_ATTACH_REUSEPORT_CBPF) ? 3 : -1;
	}
	return -1;
}

/* The bytes of a getsockopt option value per unit of its length:
 * SO_GET_FILTER counts classic BPF instructions. */
static __always_inline __u32 lenptr_unit(struct task_state *ts)
{
	if (ts->nr == NR_getsockopt && (__u32)ts->args[1] == SOL_SOCKET &&
	    (__u32)ts->args[2] == SO_ATTACH_FILTER)
		return SOCK_FILTER_SIZE;
	return 1;
}

/* Captures the struct sock_fprog at ptr and its program (CAP_FPROG). */
static __always_inline __u32 cap_fprog(void *buf, __u32 off, __u8 arg, __u64 ptr, __u16 *ncaps)
{
	struct capture *c = cap_at(buf, off);
	__u64 *fprog = (void *)c + sizeof(*c);
	__u64 len;

	off = cap_mem(buf, off, arg, CAP_FPROG, 0, ptr, readable_len(ptr, SOCK_FPROG_SIZE));
	(*ncaps)++;
	if (c->len < SOCK_FPROG_SIZE)
		return off;
	len = fprog[0] & 0xffff;
	if (!len)
		return off;
	(*ncaps)++;
	/* the instructions up to an unreadable page: strace shows those */
	return cap_upto_page(buf, off, arg, CAP_FPROG_INSNS, 0, fprog[1], len * SOCK_FILTER_SIZE,
			     CAPF_FAULT | CAPF_PART);
}

#define BPF_PROG_LOAD 5
#define BPF_OBJ_GET_INFO_BY_FD 15

/* Captures the info BPF_OBJ_GET_INFO_BY_FD passes, as many bytes as its
 * info_len (at most a page), at enter and at exit (flags), as a CAP_NESTED
 * capture of argument 1: strace shows it with -v, and what changed. At
 * exit, when it is long enough to be a program's struct bpf_prog_info,
 * what that points to follows, as three more: its translated
 * instructions, its map ids and -s + 1 bytes of its JITed code (the
 * decoder knows a program's info from a map's). */
static __always_inline __u32 cap_bpf_info(void *buf, __u32 off, struct task_state *ts,
					  __u16 *ncaps, __u16 flags)
{
	/* read a word at a time: the stack of the calls that capture is
	 * near the verifier's limit */
	__u64 attr[2] = {}, v = 0, len, info;

	if ((__u32)ts->args[2] < sizeof(attr) ||
	    bpf_probe_read_user(attr, sizeof(attr), (void *)ts->args[1]) < 0 || !attr[1])
		return off;
	info = attr[1];
	len = attr[0] >> 32;	/* info_len */
	(*ncaps)++;
	off = cap_mem(buf, off, 1, CAP_NESTED, flags, info, len < PATH_MAX ? len : PATH_MAX);
	/* struct bpf_prog_info: jited_prog_len and xlated_prog_len at 16,
	 * jited_prog_insns at 24, xlated_prog_insns at 32, nr_map_ids at 52,
	 * map_ids at 56 */
	if (!flags || len < 64 || bpf_probe_read_user(&v, sizeof(v), (void *)(info + 16)) < 0)
		return off;
	len = v;	/* both lengths */
	*ncaps += 3;
	v = 0;
	bpf_probe_read_user(&v, sizeof(v), (void *)(info + 32));
	off = cap_upto_page(buf, off, 1, CAP_NESTED, flags, v, v ? len >> 32 : 0,
			    CAPF_FAULT | CAPF_PART);
	v = 0;
	bpf_probe_read_user(&v, sizeof(v), (void *)(info + 48));
	attr[0] = (v >> 32) * 4;	/* nr_map_ids ids of 4 bytes */
	v = 0;
	bpf_probe_read_user(&v, sizeof(v), (void *)(info + 56));
	off = cap_upto_page(buf, off, 1, CAP_NESTED, flags, v, v ? attr[0] : 0,
			    CAPF_FAULT | CAPF_PART);
	v = 0;
	bpf_probe_read_user(&v, sizeof(v), (void *)(info + 24));
	len &= 0xffffffff;	/* jited_prog_len */
	return cap_mem(buf, off, 1, CAP_NESTED, flags, v,
		       v ? (len < str_size + 1 ? len : str_size + 1) : 0);
}

/* The fields of bpf(2)'s BPF_PROG_LOAD attr up to log_buf. */
struct bpf_prog_load_head {
	__u32 prog_type;
	__u32 insn_cnt;
	__u64 insns;
	__u64 license;
	__u32 log_level;
	__u32 log_size;
	__u64 log_buf;
};

/* Captures what bpf(2)'s union bpf_attr points to that strace shows, for
 * BPF_PROG_LOAD: its instructions (at most PATH_MAX bytes, up to an
 * unreadable page), its license string and its log buffer (log_size
 * bytes, -s of them and one more), as CAP_NESTED captures of argument 1 in
 * that order; none for the other commands. */
static __always_inline __u32 cap_bpf_nested(void *buf, __u32 off, struct task_state *ts,
					    __u16 *ncaps)
{
	struct bpf_prog_load_head a = {};
	__u64 size = (__u32)ts->args[2];
	__u64 insns;

	if ((__u32)ts->args[0] == BPF_OBJ_GET_INFO_BY_FD)
		return cap_bpf_info(buf, off, ts, ncaps, 0);
	if ((__u32)ts->args[0] != BPF_PROG_LOAD || size < 24)
		return off;
	if (bpf_probe_read_user(&a, size < sizeof(a) ? 24 : sizeof(a), (void *)ts->args[1]) < 0)
		return off;
	if (size < sizeof(a))
		a.log_buf = 0;
	*ncaps += 3;
	insns = (__u64)a.insn_cnt * 8;
	if (a.insns)
		off = cap_upto_page(buf, off, 1, CAP_NESTED, 0, a.insns, insns, CAPF_FAULT | CAPF_PART);
	else
		off = cap_marker(buf, off, 1, CAP_NESTED, 0);
	if (a.license)
		off = cap_str(buf, off, 1, CAP_NESTED, 0, a.license, str_size + 2);
	else
		off = cap_marker(buf, off, 1, CAP_NESTED, 0);
	if (!a.log_buf)
		return cap_marker(buf, off, 1, CAP_NESTED, 0);
	return cap_mem(buf, off, 1, CAP_NESTED, 0, a.log_buf,
		       a.log_size < str_size + 1 ? a.log_size : str_size + 1);
}

/* args[i] for a runtime i, in a form the verifier can bound. */
static __always_inline __u64 arg_at(__u64 *args, __u8 i)
{
	switch (i) {
	case 0: return args[0];
	case 1: return args[1];
	case 2: return args[2];
	case 3: return args[3];
	case 4: return args[4];
	case 5: return args[5];
	}
	return 0;
}

/* The length argument of plan ap: as wide as its C type, since the kernel
 * reads only the low 32 bits of an int (ppoll's nfds). */
static __always_inline __u64 len_at(__u64 *args, struct arg_plan *ap)
{
	__u64 len = arg_at(args, ap->len_arg);

	return ap->len_u32 ? (__u32)len : len;
}

/* Where the captures of one record go and what they came to: plain
 * numbers, so that capture_arg, a global function, can take them. */
struct arg_walk {
	__s64 ret;	/* at exit: the return value */
	__u32 off;	/* in: where the next capture goes; out: past it */
	__u16 ncaps;	/* out: captures added */
	__u8 faults;	/* out: the arguments whose memory could not be read */
	__u8 exit;	/* capture what the plan reads at exit, not at enter */
	__u8 netlink;	/* a CAP_SOCK argument is a netlink socket */
};

static __always_inline int capture_enter_arg(struct scratch_buf *buf, struct syscall_plan *plan,
					     struct task_state *ts, struct arg_walk *w, __u32 i)
{
	struct arg_plan *ap = &plan->args[i];
	__u64 arg = ts->args[i];
	__u8 whole = (plan->flags & PLAN_WHOLE_BUFS) != 0;
	__u32 limit = str_size < PATH_MAX && !whole ? str_size : PATH_MAX;
	__u32 start = w->off;

	switch (ap->enter) {
	case CAP_STR:
		w->off = cap_str(buf, w->off, i, CAP_STR, 0, arg, ap->size);
		break;
	case CAP_PATH:
		w->off = cap_str(buf, w->off, i, CAP_PATH, 0, arg, PATH_MAX);
		break;
	case CAP_BUF_IN: {
		__u64 len = len_at(ts->args, ap);

		if (w->netlink) {
			w->off = cap_mem_netlink(buf, w->off, i, CAP_BUF_IN, 0, arg,
						 len < PATH_MAX ? len : PATH_MAX);
			break;
		}
		/* strace reads one byte more than it shows of a longer
		 * buffer (to print "..."): when that byte cannot be read, it
		 * prints the address */
		if (len > limit && !probe_byte(arg + limit)) {
			w->off = cap_marker(buf, w->off, i, CAP_BUF_IN, CAPF_FAULT);
			break;
		}
		/* read whole for a dump, the bytes up to an unreadable page
		 * still show the -s that strace prints */
		w->off = cap_upto_page(buf, w->off, i, CAP_BUF_IN, 0, arg,
				       len < limit ? len : limit, CAPF_FAULT | CAPF_PART);
		break;
	}
	case CAP_SOCK: {
		struct capture *c = cap_at(buf, w->off);
		struct sock_info *si = (void *)c + sizeof(*c);

		if (!fd_sock(arg, si))
			return 0;
		c->arg = i;
		c->kind = CAP_SOCK;
		c->flags = 0;
		c->len = sizeof(*si);
		w->netlink = si->family == AF_NETLINK;
		w->off = cap_end(w->off, sizeof(*si));
		break;
	}
	case CAP_MEM_IN:
		w->off = cap_mem(buf, w->off, i, CAP_MEM_IN, 0, arg, ap->size);
		break;
	case CAP_MEM_IN_FIT:
		w->off = cap_mem(buf, w->off, i, CAP_MEM_IN, 0, arg, readable_len(arg, ap->size));
		break;
	case CAP_ARGV: {
		__u8 fault = 0;

		w->off = cap_argv(buf, w->off, i, arg, &w->ncaps, &fault);
		if (fault)
			w->faults |= 1 << i;
		return 0;
	}
	case CAP_ENVC:
		w->off = cap_envc(buf, w->off, i, arg);
		break;
	case CAP_IOV: {
		__u8 fault = 0;

		w->off = cap_iov(buf, w->off, i, arg, len_at(ts->args, ap),
				 0, 0, whole || str_size >= PATH_MAX ? PATH_MAX : str_size + 1, &w->ncaps, &fault);
		if (fault)
			w->faults |= 1 << i;
		return 0;
	}
	case CAP_MSGHDR: {
		struct msghdr_args ma = {
			.ptr = arg, .total = -1, .off = w->off, .arg = i, .netlink = w->netlink,
			.whole = whole,
		};

		msghdr_once(buf, &ma);
		w->off = ma.off;
		w->ncaps += ma.ncaps;
		if (arg && ma.fault)
			w->faults |= 1 << i;
		return 0;
	}
	case CAP_SIGSET_PACK:
		w->off = cap_sigset_pack(buf, w->off, i, arg);
		break;
	case CAP_FDSET_IN:
		w->off = cap_mem(buf, w->off, i, CAP_FDSET_IN, 0, arg,
				 fdset_size(ts->args[0]));
		break;
	case CAP_IOCTL_IN: {
		__u32 ptr_off = 0, ptr_len = ioctl_ptr(ts->args[1], &ptr_off);
		__u64 ptr;

		w->off = cap_upto_page(buf, w->off, i, CAP_IOCTL_IN, 0, arg,
				       ioctl_arg_size(ts->args[1]), CAPF_PART);
		if (arg && (cap_at(buf, start)->flags & CAPF_FAULT))
			w->faults |= 1 << i;
		w->ncaps++;
		if (ptr_off & IOCTL_PTR_INLINE) {
			w->ncaps++;
			w->off = cap_mem(buf, w->off, i, CAP_IOCTL_IN, 0,
					 arg + (ptr_off & ~IOCTL_PTR_INLINE), ptr_len);
		} else if (ptr_len && arg &&
			   bpf_probe_read_user(&ptr, sizeof(ptr), (void *)(arg + ptr_off)) == 0) {
			w->ncaps++;
			w->off = cap_mem(buf, w->off, i, CAP_IOCTL_IN, 0, ptr, ptr_len);
		}
		w->off = cap_ioctl_ptrs(buf, w->off, i, arg, ts->args[1], 0, 0, &w->ncaps);
		return 0;
	}
	case CAP_ARRAY_IN:
		w->off = cap_array(buf, w->off, i, CAP_ARRAY_IN, 0, arg,
				   len_at(ts->args, ap), ap->size);
		break;
	case CAP_SIZED_IN:
		w->off = cap_sized(buf, w->off, i, arg, len_at(ts->args, ap), ap->size);
		break;
	case CAP_CLONE3_IN: {
		/* struct clone_args: set_tid at 64, set_tid_size at 72 */
		__u64 len = len_at(ts->args, ap), set_tid[2] = {};

		w->off = cap_sized(buf, w->off, i, arg, len, ap->size);
		if (len < 80 || bpf_probe_read_user(set_tid, sizeof(set_tid), (void *)(arg + 64)) < 0 ||
		    !set_tid[0] || !set_tid[1] || set_tid[1] > 32)
			break;
		if (cap_at(buf, start)->flags & CAPF_FAULT)
			w->faults |= 1 << i;
		w->ncaps++;
		start = w->off;
		w->off = cap_upto_page(buf, w->off, i, CAP_CLONE3_SET_TID, 0, set_tid[0],
				       set_tid[1] * sizeof(__s32), CAPF_FAULT | CAPF_PART);
		break;
	}
	default:
		return 0;
	}
	if (arg && (cap_at(buf, start)->flags & CAPF_FAULT))
		w->faults |= 1 << i;
	w->ncaps++;
	return 0;
}

static __always_inline int capture_exit_arg(struct scratch_buf *buf, struct syscall_plan *plan,
					    struct task_state *ts, struct arg_walk *w, __u32 i)
{
	struct arg_plan *ap = &plan->args[i];
	__u64 arg = ts->args[i];
	__s64 ret = w->ret;
	__u8 whole = (plan->flags & PLAN_WHOLE_BUFS) != 0;
	__u32 limit = str_size < PATH_MAX && !whole ? str_size : PATH_MAX;

	switch (ap->exit) {
	case CAP_SOCK: {
		struct sock_info si;

		w->netlink = fd_sock(arg, &si) && si.family == AF_NETLINK;
		return 0;
	}
	case CAP_SOCK_RET: {
		struct capture *c = cap_at(buf, w->off);
		struct sock_info *si = (void *)c + sizeof(*c);

		if (ret < 0 || !fd_sock(ret, si))
			return 0;
		c->arg = i;
		c->kind = CAP_SOCK;
		c->flags = CAPF_EXIT;
		c->len = sizeof(*si);
		w->off = cap_end(w->off, sizeof(*si));
		break;
	}
	case CAP_BUF_OUT_MAX:
		if (ret > 0 && (__u64)ret > len_at(ts->args, ap))
			ret = len_at(ts->args, ap);
		/* fall through */
	case CAP_BUF_OUT:
		if (ret <= 0)
			return 0;
		if (w->netlink) {
			w->off = cap_mem_netlink(buf, w->off, i, CAP_BUF_OUT, CAPF_EXIT, arg,
						 (__u64)ret < PATH_MAX ? (__u64)ret : PATH_MAX);
			break;
		}
		w->off = cap_mem(buf, w->off, i, CAP_BUF_OUT, CAPF_EXIT, arg,
				 (__u64)ret < limit ? (__u64)ret : limit);
		break;
	case CAP_MEM_OUT:
		if (ret < 0)
			return 0;
		w->off = cap_mem(buf, w->off, i, CAP_MEM_OUT, CAPF_EXIT, arg, ap->size);
		break;
	case CAP_MEM_OUT_FIT:
		if (ret < 0)
			return 0;
		w->off = cap_mem(buf, w->off, i, CAP_MEM_OUT, CAPF_EXIT, arg,
				 readable_len(arg, ap->size));
		break;
	case CAP_MEM_OUT_ANY_FIT:
		w->off = cap_mem(buf, w->off, i, CAP_MEM_OUT, CAPF_EXIT, arg,
				 readable_len(arg, ap->size));
		break;
	case CAP_PATH:
		if (ret < 0)
			return 0;
		w->off = cap_str(buf, w->off, i, CAP_PATH, CAPF_EXIT, arg, PATH_MAX);
		break;
	case CAP_DIRENTS:
		if (ret < 0)
			return 0;
		w->off = cap_dirents(buf, w->off, i, arg, ret);
		break;
	case CAP_IOV: {
		__u8 fault = 0;

		/* a failed call shows its elements' bases and lengths: no bytes */
		w->off = cap_iov(buf, w->off, i, arg, len_at(ts->args, ap),
				 CAPF_EXIT, ret < 0 ? 0 : ret, whole || str_size >= PATH_MAX ? PATH_MAX : str_size + 1,
				 &w->ncaps, &fault);
		return 0;
	}
	case CAP_ARRAY_OUT: {
		__u64 count = ap->len_arg == ARRAY_BY_RET ? ret : len_at(ts->args, ap);

		if (ret < 0)
			return 0;
		w->off = cap_array(buf, w->off, i, CAP_ARRAY_OUT, CAPF_EXIT, arg, count,
				   ap->size);
		break;
	}
	case CAP_MSGHDR: {
		struct msghdr_args ma = {
			.ptr = arg, .total = ret, .off = w->off, .flags = CAPF_EXIT, .arg = i,
			.netlink = w->netlink, .whole = whole,
		};

		if (ret < 0)
			return 0;

		msghdr_once(buf, &ma);
		w->off = ma.off;
		w->ncaps += ma.ncaps;
		return 0;
	}
	case CAP_FDSET_OUT:
		if (ret < 0)
			return 0;
		w->off = cap_mem(buf, w->off, i, CAP_FDSET_OUT, CAPF_EXIT, arg,
				 fdset_size(ts->args[0]));
		break;
	case CAP_IOCTL_OUT:
		if (ret < 0) {
			w->off = cap_ioctl_ptrs(buf, w->off, i, arg, ts->args[1], CAPF_EXIT, 1,
						&w->ncaps);
			return 0;
		}
		w->off = cap_upto_page(buf, w->off, i, CAP_IOCTL_OUT, CAPF_EXIT, arg,
				       ioctl_out_size(ts->args[1], ret), CAPF_PART);
		w->ncaps++;
		w->off = cap_ioctl_ptrs(buf, w->off, i, arg, ts->args[1], CAPF_EXIT, 0, &w->ncaps);
		return 0;
	case CAP_LENPTR_OUT:
		if (ret < 0 || !arg)
			return 0;
		w->off = cap_lenptr(buf, w->off, i, arg,
				    len_at(ts->args, ap), lenptr_unit(ts));
		break;
	case CAP_CLONE3_OUT: {
		/* struct clone_args: pidfd pointer at 8, parent_tid pointer at 24 */
		__u64 ptrs[4] = {};
		struct capture *c;
		__s32 *vals;

		if (ret <= 0)
			return 0;
		bpf_probe_read_user(ptrs, sizeof(ptrs), (void *)arg);
		c = cap_at(buf, w->off);
		vals = (void *)c + sizeof(*c);
		c->arg = i;
		c->kind = CAP_CLONE3_OUT;
		c->flags = CAPF_EXIT;
		c->len = 2 * sizeof(__s32);
		vals[0] = 0;
		vals[1] = 0;
		if (ptrs[1] && bpf_probe_read_user(&vals[0], sizeof(__s32), (void *)ptrs[1]) < 0)
			c->flags |= CAPF_FAULT;
		if (ptrs[3] && bpf_probe_read_user(&vals[1], sizeof(__s32), (void *)ptrs[3]) < 0)
			c->flags |= CAPF_FAULT;
		w->off = cap_end(w->off, c->len);
		break;
	}
	default:
		return 0;
	}
	w->ncaps++;
	return 0;
}

/* cap_bpf_nested at enter, cap_bpf_info at exit, as a global function:
 * their locals stay out of capture_arg's frame, whose calls' stack is at
 * the verifier's limit. */
__noinline int bpf_nested_once(struct scratch_buf *buf, struct task_state *ts, struct arg_walk *w,
			       __u64 exiting)
{
	if (!buf || !ts || !w)
		return 0;
	if (!exiting)
		w->off = cap_bpf_nested(buf, w->off, ts, &w->ncaps);
	else if ((__u32)ts->args[0] == BPF_OBJ_GET_INFO_BY_FD)
		w->off = cap_bpf_info(buf, w->off, ts, &w->ncaps, CAPF_EXIT);
	return 0;
}

/* Captures argument i of the task's syscall as its plan says, at enter or
 * at exit. A global function: the verifier checks it once, not once per
 * argument and per path into it, which keeps loading fast. */
__noinline int capture_arg(struct scratch_buf *buf, struct task_state *ts, struct arg_walk *w,
			   __u64 i)
{
	struct syscall_plan *plan;

	if (!buf || !ts || !w || i >= MAX_SYSCALL_ARGS)
		return 0;
	/* keep the compiler from checking a copy of i and indexing with another */
	asm volatile("" : "+r"(i));
	plan = plan_for(ts->nr);
	if (!plan)
		return 0;
	if (w->exit) {
		capture_exit_arg(buf, plan, ts, w, i);
		if (ts->nr == NR_bpf && i == 1)
			bpf_nested_once(buf, ts, w, 1);
		return 0;
	}
	capture_enter_arg(buf, plan, ts, w, i);
	if (fprog_arg(ts) == i)
		w->off = cap_fprog(buf, w->off, i, ts->args[i], &w->ncaps);
	if (ts->nr == NR_bpf && i == 1)
		bpf_nested_once(buf, ts, w, 0);
	return 0;
}

#endif
