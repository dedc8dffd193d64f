/* -k: the user stack of each syscall, and the mappings to name its frames. */
#ifndef GOTRACE_STACK_H
#define GOTRACE_STACK_H

/* A stack record with the most of the stack a record may copy, and a page
 * more: the copy goes a page at a time, and the verifier bounds each
 * page's offset, not the sum. One per CPU, in an array (a per-CPU map's
 * value may not pass 32 KiB); gotrace sizes it to the possible CPUs. */
struct stack_buf {
	struct rec_stack rec;
	__u8 data[MAX_STACK_COPY + PAGE_SIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct stack_buf);
} stack_bufs SEC(".maps");

/* What bpf_find_vma tells of the mapping at an address. */
struct vma_info {
	__u64 start;
	__u64 end;
	__u64 pgoff;
	__u64 flags;
	__u64 file;	/* struct file *, read with probes */
};

static long vma_found(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	struct vma_info *v = data;

	v->start = vma->vm_start;
	v->end = vma->vm_end;
	v->pgoff = vma->vm_pgoff;
	v->flags = vma->vm_flags;
	/* a number, not a pointer the verifier follows: it is only read
	 * with probes, and passed to emit_map */
	bpf_probe_read_kernel(&v->file, sizeof(v->file), &vma->vm_file);
	return 0;
}

/* The mapping of the current task at addr; false if none. */
static __always_inline int find_vma(__u64 addr, struct vma_info *v)
{
	v->end = 0;
	if (bpf_find_vma(bpf_get_current_task_btf(), addr, vma_found, v, 0))
		return 0;
	return v->end > addr;
}

/* -k: the user registers and stack_copy bytes of the stack's top (less
 * where the stack's mapping ends), for gotrace to unwind with the
 * call-frame information of the mapped objects: Debian's libraries have
 * no frame pointers to walk in the kernel. A record of its own, so that
 * the syscall records are the same with and without -k. The copy goes a
 * page at a time, to the end of the stack's mapping, or to the end of the
 * last page that could be read. */
static __always_inline void emit_stack(struct pt_regs *regs, __u32 tid, __u32 tgid, __u32 flags)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct stack_buf *b = bpf_map_lookup_elem(&stack_bufs, &cpu);
	__u64 sp = regs->sp;
	struct task_struct *task = bpf_get_current_task_btf();
	__u64 limit = ~0ULL, start_stack;
	struct vma_info v;
	__u32 off = 0, end = 0, size;

	if (!b)
		return;
	fill_hdr(&b->rec.h, REC_STACK, tid, tgid);
	b->rec.regs[0] = regs->ax;
	b->rec.regs[1] = regs->dx;
	b->rec.regs[2] = regs->cx;
	b->rec.regs[3] = regs->bx;
	b->rec.regs[4] = regs->si;
	b->rec.regs[5] = regs->di;
	b->rec.regs[6] = regs->bp;
	b->rec.regs[7] = sp;
	b->rec.regs[8] = regs->r8;
	b->rec.regs[9] = regs->r9;
	b->rec.regs[10] = regs->r10;
	b->rec.regs[11] = regs->r11;
	b->rec.regs[12] = regs->r12;
	b->rec.regs[13] = regs->r13;
	b->rec.regs[14] = regs->r14;
	b->rec.regs[15] = regs->r15;
	b->rec.regs[16] = regs->ip;
	b->rec.flags = flags;
	/* the stack's mapping ends it; when the mappings cannot be asked
	 * (another thread holds the mmap lock), the first page that fails
	 * past the pages read does. On the main thread's stack nothing
	 * above argc (start_stack: the arguments, the environment) is any
	 * frame's. */
	if (find_vma(sp, &v))
		limit = v.end - sp;
	start_stack = BPF_CORE_READ(task, mm, start_stack);
	if (sp < start_stack && start_stack + 8 - sp < limit)
		limit = start_stack + 8 - sp;
	for (int i = 0; i <= MAX_STACK_COPY / PAGE_SIZE; i++) {
		__u32 chunk = PAGE_SIZE - ((sp + off) & (PAGE_SIZE - 1));

		if (off >= stack_copy || off >= MAX_STACK_COPY || off >= limit)
			break;
		/* a page the task never touched (inside a large frame) fails
		 * and reads as zeros: the words the unwinder needs are in
		 * pages the calls wrote */
		if (!bpf_probe_read_user(b->data + (off & (MAX_STACK_COPY - 1)), chunk & (2 * PAGE_SIZE - 1),
					 (void *)(sp + off)))
			end = off + chunk;
		else if (limit == ~0ULL && end)
			break;
		off += chunk;
	}
	if (end > limit)
		end = limit;
	off = end;
	if (off > stack_copy)
		off = stack_copy;
	b->rec.size = off;
	size = sizeof(b->rec) + (off & (2 * MAX_STACK_COPY - 1));
	if (size > sizeof(*b))
		size = sizeof(*b);
	output(b, size);
}

#define VM_EXEC 0x4
#define PROT_EXEC 0x4
#define MAP_NAMES 48		/* path components walked, at most */
#define MAP_NAME_READ 256	/* bytes read of each */

/* The walk from a file's dentry up to the root, one name a step. */
struct path_walk {
	char *buf;
	struct dentry *d;
	struct vfsmount *vfsmnt;
	struct mount *mnt;
	__u32 off;
};

static long path_step(__u64 i, void *data)
{
	struct path_walk *w = data;
	/* locals: BPF_CORE_READ would relocate w's own fields too */
	struct dentry *d = w->d;
	struct vfsmount *vfsmnt = w->vfsmnt;
	struct mount *mnt = w->mnt;
	struct dentry *parent = BPF_CORE_READ(d, d_parent);
	__u32 off = w->off;
	long n;

	if (d == BPF_CORE_READ(vfsmnt, mnt_root) || d == parent) {
		/* the root of a mount: on to where it is mounted */
		struct mount *up = BPF_CORE_READ(mnt, mnt_parent);

		if (up == mnt)
			return 1; /* the root */
		w->d = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->mnt = up;
		w->vfsmnt = (void *)up + bpf_core_field_offset(struct mount, mnt);
		return 0;
	}
	if (off >= MAP_PATH_MAX)
		return 1;
	n = bpf_probe_read_kernel_str(w->buf + (off & (MAP_PATH_MAX - 1)), MAP_NAME_READ,
				      BPF_CORE_READ(d, d_name.name));
	if (n <= 0)
		return 1;
	w->off = off + n;
	w->d = parent;
	return 0;
}

/* Sends a map record for an executable mapping of file (a struct file *),
 * or, file 0, for a range no longer mapped, with the names from the
 * file's dentry up to the root (crossing mount points). A global function:
 * the verifier checks it once. */
__noinline int emit_map(__u64 pid_tgid, __u64 file, __u64 start, __u64 end, __u64 pgoff)
{
	struct rec_map *rec = get_scratch();
	struct path_walk w = {};
	struct file *f = (struct file *)file;

	if (!rec)
		return 0;
	fill_hdr(&rec->h, REC_MAP, (__u32)pid_tgid, pid_tgid >> 32);
	rec->start = start;
	rec->end = end;
	rec->offset = 0;
	rec->ino = 0;
	rec->dev = 0;
	rec->flags = MAP_UNMAPPED;
	if (f) {
		rec->flags = 0;
		rec->offset = pgoff * PAGE_SIZE;
		rec->ino = BPF_CORE_READ(f, f_inode, i_ino);
		rec->dev = BPF_CORE_READ(f, f_inode, i_sb, s_dev);
		w.buf = (char *)(rec + 1);
		w.d = BPF_CORE_READ(f, f_path.dentry);
		w.vfsmnt = BPF_CORE_READ(f, f_path.mnt);
		w.mnt = container_of(w.vfsmnt, struct mount, mnt);
		bpf_loop(MAP_NAMES, path_step, &w, 0);
	}
	rec->path_len = w.off;
	emit(rec, sizeof(*rec) + w.off);
	return 0;
}

/* Sends the mapping at addr if it is an executable one of a file. */
static __always_inline void emit_exec_vma(__u64 pid_tgid, __u64 addr)
{
	struct vma_info v;

	if (find_vma(addr, &v) && (v.flags & VM_EXEC) && v.file)
		emit_map(pid_tgid, v.file, v.start, v.end, v.pgoff);
}

/* -k: after a syscall of a traced task that changed its mappings, whether
 * or not the syscall itself is traced, tells gotrace what it maps now: an
 * mmap's or mprotect's executable file mapping (ld.so and dlopen map
 * libraries so), the program and its interpreter after execve, a range
 * munmap (dlclose) or a new mapping replaced. */
static __always_inline void track_mappings(struct pt_regs *regs, __s64 nr, long ret, __u64 pid_tgid)
{
	if (ret < 0 && ret >= -4095)
		return;
	switch (nr) {
	case NR_mmap:
		if (regs->dx & PROT_EXEC)
			emit_exec_vma(pid_tgid, ret);
		else
			emit_map(pid_tgid, 0, ret, ret + ((regs->si + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1)), 0);
		break;
	case NR_mprotect:
		if (regs->dx & PROT_EXEC)
			emit_exec_vma(pid_tgid, regs->di);
		break;
	case NR_munmap:
		emit_map(pid_tgid, 0, regs->di, regs->di + ((regs->si + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1)), 0);
		break;
	case NR_execve:
	case NR_execveat: {
		struct task_struct *task = bpf_get_current_task_btf();
		__u64 code = BPF_CORE_READ(task, mm, start_code);

		if (code)
			emit_exec_vma(pid_tgid, code);
		/* the interpreter's entry, or the static program's */
		if (regs->ip < code || regs->ip >= BPF_CORE_READ(task, mm, end_code))
			emit_exec_vma(pid_tgid, regs->ip);
		break;
	}
	}
}

#endif
