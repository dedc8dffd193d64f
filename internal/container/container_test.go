package container

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const hybridMountinfo = `25 31 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
29 25 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
30 29 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
31 29 0:28 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,memory
`

const pureMountinfo = `25 31 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
40 25 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
41 40 0:30 /sub /mnt/with\040space rw shared:9 - cgroup2 cgroup2 rw
`

const v1Mountinfo = `29 25 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
31 29 0:28 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,memory
`

func TestV2Mount(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"hybrid", hybridMountinfo, "/sys/fs/cgroup/unified"},
		{"pure v2", pureMountinfo, "/sys/fs/cgroup"},
		{"elsewhere", `50 1 0:40 / /mnt/cg\040two rw - cgroup2 none rw` + "\n", "/mnt/cg two"},
	} {
		got, err := V2Mount(strings.NewReader(tc.in))
		if err != nil || got != tc.want {
			t.Errorf("%s: V2Mount = %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
	if _, err := V2Mount(strings.NewReader(v1Mountinfo)); !errors.Is(err, ErrNoV2) {
		t.Errorf("v1 only: err = %v, want ErrNoV2", err)
	}
}

func TestProcCgroup(t *testing.T) {
	got, ok := ProcCgroup("9:name=systemd:/x\n4:memory:/process_api/f1\n0::/libpod_parent/libpod-ab\n")
	if !ok || got != "/libpod_parent/libpod-ab" {
		t.Errorf("ProcCgroup = %q, %v", got, ok)
	}
	if _, ok := ProcCgroup("4:memory:/a\n"); ok {
		t.Error("ProcCgroup found a v2 path in a v1-only file")
	}
}

// hostMount is this host's cgroup v2 mount, or the test skips.
func hostMount(t *testing.T) string {
	m, err := HostV2Mount()
	if err != nil {
		t.Skipf("no cgroup v2 here: %v", err)
	}
	return m
}

func TestOpenCgroup(t *testing.T) {
	m := hostMount(t)
	root, err := OpenCgroup(m, m)
	if err != nil || root.Path != "/" || root.ID == 0 {
		t.Fatalf("OpenCgroup(%s) = %+v, %v", m, root, err)
	}
	for _, p := range []string{".", "/"} {
		if c, err := OpenCgroup(m, p); err != nil || c != root {
			t.Errorf("OpenCgroup(%q) = %+v, %v; want the root %+v", p, c, err, root)
		}
	}
	// a cgroup of this process: found by its absolute path, by its
	// path relative to the mount, and by /proc/self/cgroup's form
	data, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		t.Fatal(err)
	}
	self, ok := ProcCgroup(string(data))
	if !ok {
		t.Fatal("no v2 line in /proc/self/cgroup")
	}
	want, err := OpenCgroup(m, filepath.Join(m, self))
	if err != nil {
		t.Fatal(err)
	}
	if want.Path != self {
		t.Errorf("Path = %q, want %q", want.Path, self)
	}
	for _, p := range []string{self, strings.TrimPrefix(self, "/")} {
		if p == "" {
			continue
		}
		if c, err := OpenCgroup(m, p); err != nil || c != want {
			t.Errorf("OpenCgroup(%q) = %+v, %v; want %+v", p, c, err, want)
		}
	}
	if id := TaskCgroupID(m, uint32(os.Getpid())); id != want.ID {
		t.Errorf("TaskCgroupID = %d, want %d", id, want.ID)
	}
	if !want.Populated() {
		t.Errorf("%s holds this test but is not populated", want.Dir)
	}
	for _, tc := range []struct{ path, want string }{
		{"/tmp", "--cgroup /tmp: not in the cgroup v2 hierarchy (mounted at " + m + ")"},
		{"../../../tmp", "--cgroup ../../../tmp: not in the cgroup v2 hierarchy (mounted at " + m + ")"},
		{"no-such-cgroup-here", "--cgroup no-such-cgroup-here: no such cgroup (" + m + "/no-such-cgroup-here)"},
		{"cgroup.procs", "--cgroup cgroup.procs: " + m + "/cgroup.procs is not a cgroup v2 directory"},
		{"", "--cgroup: empty path"},
	} {
		if _, err := OpenCgroup(m, tc.path); err == nil || err.Error() != tc.want {
			t.Errorf("OpenCgroup(%q) error = %v, want %q", tc.path, err, tc.want)
		}
	}
}

const podmanInspect = `[{"Id":"%s","Name":"%s","State":{"Status":"running","Running":%s,"Pid":%s}}]`

// fakeHost is a Finder whose runtimes answer from a table.
func fakeHost(t *testing.T, installed map[string]func(args []string) (string, error)) *Finder {
	m := hostMount(t)
	data, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		t.Fatal(err)
	}
	return &Finder{
		Mount: m,
		LookPath: func(name string) (string, error) {
			if installed[name] == nil {
				return "", errors.New("not found")
			}
			return "/fake/" + name, nil
		},
		Run: func(path string, args ...string) ([]byte, error) {
			out, err := installed[filepath.Base(path)](args)
			return []byte(out), err
		},
		ReadFile: func(name string) ([]byte, error) {
			if name == "/proc/4242/cgroup" {
				return data, nil
			}
			return nil, os.ErrNotExist
		},
	}
}

const id64 = "304d2b89210ba97906d1c7a192bcc2d0290236251f2f146f5ba93b81d8089d20"

func TestFindThroughRuntimes(t *testing.T) {
	inspect := func(running, pid string) func([]string) (string, error) {
		return func(args []string) (string, error) {
			if strings.Join(args, " ") != "inspect --type container web" {
				return "", errors.New("Error: no such container " + args[len(args)-1])
			}
			return fmt.Sprintf(podmanInspect, id64, "/web", running, pid), nil
		}
	}
	f := fakeHost(t, map[string]func([]string) (string, error){
		"docker": inspect("true", "4242"),
	})
	c, err := f.Find("web")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "web" || c.ID != id64 || c.Via != "docker" || c.Pid != 4242 || c.Cgroup.ID == 0 {
		t.Errorf("Find = %+v", c)
	}
	if c.Label() != "web" || (Container{ID: id64}).Label() != id64[:12] {
		t.Errorf("labels %q, %q", c.Label(), Container{ID: id64}.Label())
	}

	f = fakeHost(t, map[string]func([]string) (string, error){"podman": inspect("false", "0")})
	if _, err := f.Find("web"); err == nil || err.Error() != "container web is not running (podman)" {
		t.Errorf("stopped: %v", err)
	}

	f = fakeHost(t, map[string]func([]string) (string, error){
		"podman": inspect("true", "4242"),
		"docker": func([]string) (string, error) {
			return "", errors.New("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.")
		},
	})
	want := "container nosuch not found: podman: Error: no such container nosuch; " +
		"docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock.; " +
		"cgroups: none named libpod-nosuch*, docker-nosuch*, cri-containerd-nosuch*, crio-nosuch* under " + f.Mount +
		"; nerdctl, crictl: not installed"
	if _, err := f.Find("nosuch"); err == nil || err.Error() != want {
		t.Errorf("not found:\n got %v\nwant %s", err, want)
	}
}

func TestFindThroughCrictl(t *testing.T) {
	f := fakeHost(t, map[string]func([]string) (string, error){
		"crictl": func(args []string) (string, error) {
			switch strings.Join(args, " ") {
			case "ps -q --name ^app$":
				return id64 + "\n", nil
			case "inspect -o json " + id64:
				return `{"status":{"id":"` + id64 + `","state":"CONTAINER_RUNNING","metadata":{"name":"app"},` +
					`"labels":{"io.kubernetes.pod.name":"web-0"}},"info":{"pid":4242}}`, nil
			}
			return "", errors.New("unexpected " + strings.Join(args, " "))
		},
	})
	c, err := f.Find("app")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "app" || c.Pod != "web-0" || c.Via != "crictl" || c.Pid != 4242 {
		t.Errorf("Find = %+v", c)
	}

	// two pods with a container named app: which one is not guessed
	f = fakeHost(t, map[string]func([]string) (string, error){
		"crictl": func(args []string) (string, error) {
			return "aaaaaaaaaaaaaaaa\nbbbbbbbbbbbbbbbb\n", nil
		},
	})
	want := "container app not found: crictl: 2 containers are named app (aaaaaaaaaaaa, bbbbbbbbbbbb): give its id"
	if _, err := f.Find("app"); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("two named app: %v\nwant %s...", err, want)
	}
}

func TestCgroupNaming(t *testing.T) {
	for _, tc := range []struct {
		base, parent, id string
	}{
		{"libpod-" + id64, "libpod_parent", id64},
		{"libpod-" + id64 + ".scope", "machine.slice", id64},
		{"docker-" + id64 + ".scope", "system.slice", id64},
		{"cri-containerd-" + id64 + ".scope", "kubepods-besteffort-pod1.slice", id64},
		{"crio-" + id64 + ".scope", "kubepods.slice", id64},
		{id64, "docker", id64},
		{id64, "pod4b5d1c2e-8f6a-4c3b-9d7e-1a2b3c4d5e6f", id64},
		{"libpod-conmon-" + id64 + ".scope", "machine.slice", ""},
		{"libpod-short", "machine.slice", ""},
		{id64, "system.slice", ""},
	} {
		id, ok := cgroupID(tc.base, tc.parent)
		if id != tc.id || ok != (tc.id != "") {
			t.Errorf("cgroupID(%q, %q) = %q, %v; want %q", tc.base, tc.parent, id, ok, tc.id)
		}
	}
}
