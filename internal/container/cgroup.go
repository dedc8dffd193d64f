// Package container finds what --cgroup and --container name: the cgroup v2
// directory and its id (the kernel side tests membership by it), and a
// container's cgroup through the runtime installed (podman, docker,
// nerdctl, crictl) or through the runtimes' cgroup naming.
package container

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// Cgroup is a cgroup v2 directory.
type Cgroup struct {
	Dir string // absolute path in the v2 hierarchy's mount
	// Path is Dir relative to the mount, as /proc/PID/cgroup shows it
	// ("/libpod_parent/libpod-ID"); "/" is the root.
	Path string
	ID   uint64 // the kernel's cgroup id: the directory's inode number
}

// ErrNoV2 says the host mounts no cgroup v2 hierarchy.
var ErrNoV2 = errors.New("no cgroup v2 hierarchy is mounted (this host has only cgroup v1): --cgroup and --container need cgroup2, mounted at /sys/fs/cgroup or /sys/fs/cgroup/unified")

// V2Mount finds where the cgroup v2 hierarchy is mounted, in
// /proc/self/mountinfo's format: /sys/fs/cgroup on a pure v2 host,
// /sys/fs/cgroup/unified on a hybrid one. With several mounts, the one
// under /sys/fs/cgroup wins.
func V2Mount(mountinfo io.Reader) (string, error) {
	var found []string
	sc := bufio.NewScanner(mountinfo)
	for sc.Scan() {
		// ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER
		pre, post, ok := strings.Cut(sc.Text(), " - ")
		if !ok {
			continue
		}
		f, g := strings.Fields(pre), strings.Fields(post)
		if len(f) < 5 || len(g) < 1 || g[0] != "cgroup2" || f[3] != "/" {
			continue
		}
		found = append(found, unescapeMount(f[4]))
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("read mountinfo: %w", err)
	}
	for _, m := range found {
		if m == "/sys/fs/cgroup" || strings.HasPrefix(m, "/sys/fs/cgroup/") {
			return m, nil
		}
	}
	if len(found) > 0 {
		return found[0], nil
	}
	return "", ErrNoV2
}

// unescapeMount undoes mountinfo's octal escapes (\040 for a space).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// HostV2Mount is V2Mount of this process's mount namespace.
func HostV2Mount() (string, error) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return "", fmt.Errorf("find the cgroup v2 mount: %w", err)
	}
	defer f.Close()
	return V2Mount(f)
}

// OpenCgroup resolves --cgroup's PATH against the v2 hierarchy mounted at
// mount: an absolute directory in it, a path relative to it, or the path
// /proc/PID/cgroup shows ("/libpod_parent/libpod-ID").
func OpenCgroup(mount, path string) (Cgroup, error) {
	if path == "" {
		return Cgroup{}, errors.New("--cgroup: empty path")
	}
	dir := filepath.Clean(path)
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(mount, dir)
	} else if !within(mount, dir) {
		// the form /proc/PID/cgroup shows, relative to the mount
		if !isDir(filepath.Join(mount, dir)) {
			return Cgroup{}, fmt.Errorf("--cgroup %s: not in the cgroup v2 hierarchy (mounted at %s)", path, mount)
		}
		dir = filepath.Join(mount, dir)
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	if !within(mount, dir) {
		return Cgroup{}, fmt.Errorf("--cgroup %s: not in the cgroup v2 hierarchy (mounted at %s)", path, mount)
	}
	var st unix.Stat_t
	if err := unix.Stat(dir, &st); err != nil {
		return Cgroup{}, fmt.Errorf("--cgroup %s: no such cgroup (%s)", path, dir)
	}
	var fs unix.Statfs_t
	if err := unix.Statfs(dir, &fs); err != nil || fs.Type != unix.CGROUP2_SUPER_MAGIC || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return Cgroup{}, fmt.Errorf("--cgroup %s: %s is not a cgroup v2 directory", path, dir)
	}
	rel, _ := filepath.Rel(mount, dir)
	return Cgroup{Dir: dir, Path: filepath.Clean("/" + rel), ID: st.Ino}, nil
}

func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// ProcCgroup is the v2 cgroup path of a task in its /proc/PID/cgroup
// content: the "0::PATH" line.
func ProcCgroup(content string) (string, bool) {
	for _, line := range strings.Split(content, "\n") {
		if p, ok := strings.CutPrefix(line, "0::"); ok {
			return p, true
		}
	}
	return "", false
}

// TaskCgroupID is the id of the v2 cgroup task tid is in now, or 0 when it
// is gone.
func TaskCgroupID(mount string, tid uint32) uint64 {
	data, err := os.ReadFile("/proc/" + strconv.FormatUint(uint64(tid), 10) + "/cgroup")
	if err != nil {
		return 0
	}
	p, ok := ProcCgroup(string(data))
	if !ok {
		return 0
	}
	var st unix.Stat_t
	if unix.Stat(filepath.Join(mount, p), &st) != nil {
		return 0
	}
	return st.Ino
}

// Populated reports whether the cgroup or one below it has tasks (its
// cgroup.events), and false once it is removed.
func (c Cgroup) Populated() bool {
	if c.Path == "/" {
		return true // the root has no cgroup.events
	}
	data, err := os.ReadFile(filepath.Join(c.Dir, "cgroup.events"))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "populated "); ok {
			return v != "0"
		}
	}
	return true
}
