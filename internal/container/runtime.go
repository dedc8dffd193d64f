package container

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Container is a running container, found by name or id.
type Container struct {
	Name string // its name ("" when found by cgroup name alone)
	ID   string
	Pod  string // its Kubernetes pod, when crictl found it
	// Via is what found it: a runtime's CLI, or "cgroup" for the
	// runtimes' cgroup naming.
	Via    string
	Pid    int // its first process, on the host; 0 when found by cgroup
	Cgroup Cgroup
}

// Label is how lines and the JSON name the container: its name, else the
// first 12 characters of its id.
func (c Container) Label() string {
	if c.Name != "" {
		return c.Name
	}
	return ShortID(c.ID)
}

// ShortID is the first 12 characters of a container id, as the runtimes
// show them.
func ShortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// Finder resolves --container. Its fields are what the host has; the zero
// value is not usable, see NewFinder.
type Finder struct {
	Mount    string // the cgroup v2 mount
	LookPath func(string) (string, error)
	// Run runs a runtime's CLI and returns its standard output, or an
	// error holding what it printed on standard error.
	Run func(path string, args ...string) ([]byte, error)
	// ReadFile reads /proc/PID/cgroup.
	ReadFile func(string) ([]byte, error)
}

// NewFinder looks for runtimes in $PATH and for cgroups under mount.
func NewFinder(mount string) *Finder {
	return &Finder{Mount: mount, LookPath: exec.LookPath, Run: runCLI, ReadFile: os.ReadFile}
}

// runtimeTimeout bounds one runtime CLI call: a docker whose daemon does
// not answer must not hang gotrace.
const runtimeTimeout = 20 * time.Second

func runCLI(path string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), runtimeTimeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	return stdout.Bytes(), nil
}

// dockerLike are the CLIs that answer "inspect --type container" with
// docker's JSON.
var dockerLike = []string{"podman", "docker", "nerdctl"}

// cgroupNaming are the runtimes' names of a container's cgroup, around
// its id: podman (libpod-ID, libpod-ID.scope), docker (docker-ID.scope,
// docker/ID), containerd's CRI (cri-containerd-ID.scope), CRI-O
// (crio-ID.scope).
var cgroupNaming = []string{"libpod-", "docker-", "cri-containerd-", "crio-"}

// Find resolves ref, a container's name or id (or a prefix of its id), to
// its cgroup: through each runtime CLI installed, then through the cgroup
// names. The error says what each tried.
func (f *Finder) Find(ref string) (Container, error) {
	if ref == "" {
		return Container{}, errors.New("--container: empty name")
	}
	var tried, missing []string
	for _, name := range dockerLike {
		path, err := f.LookPath(name)
		if err != nil {
			missing = append(missing, name)
			continue
		}
		c, err := f.inspectDockerLike(name, path, ref)
		if err == nil {
			return c, nil
		}
		if errors.Is(err, errNotRunning) {
			return Container{}, fmt.Errorf("container %s is not running (%s)", ref, name)
		}
		tried = append(tried, name+": "+err.Error())
	}
	if path, err := f.LookPath("crictl"); err != nil {
		missing = append(missing, "crictl")
	} else {
		c, err := f.inspectCRI(path, ref)
		if err == nil {
			return c, nil
		}
		if errors.Is(err, errNotRunning) {
			return Container{}, fmt.Errorf("container %s is not running (crictl)", ref)
		}
		tried = append(tried, "crictl: "+err.Error())
	}
	c, err := f.byCgroupName(ref)
	if err == nil {
		return c, nil
	}
	tried = append(tried, err.Error())
	if len(missing) > 0 {
		tried = append(tried, strings.Join(missing, ", ")+": not installed")
	}
	return Container{}, fmt.Errorf("container %s not found: %s", ref, strings.Join(tried, "; "))
}

var errNotRunning = errors.New("not running")

// inspectDockerLike asks podman, docker or nerdctl.
func (f *Finder) inspectDockerLike(name, path, ref string) (Container, error) {
	out, err := f.Run(path, "inspect", "--type", "container", ref)
	if err != nil {
		return Container{}, err
	}
	var found []struct {
		ID    string `json:"Id"`
		Name  string
		State struct {
			Pid     int
			Running bool
		}
	}
	if err := json.Unmarshal(out, &found); err != nil || len(found) == 0 {
		return Container{}, fmt.Errorf("unexpected inspect output: %.60q", out)
	}
	d := found[0]
	if !d.State.Running || d.State.Pid <= 0 {
		return Container{}, errNotRunning
	}
	c := Container{Name: strings.TrimPrefix(d.Name, "/"), ID: d.ID, Via: name, Pid: d.State.Pid}
	return f.withCgroup(c)
}

// inspectCRI asks crictl, the CRI runtime's CLI on a Kubernetes node: ref
// is a container's name (as "crictl ps --name" matches it) or id.
func (f *Finder) inspectCRI(path, ref string) (Container, error) {
	id := ref
	if out, err := f.Run(path, "ps", "-q", "--name", "^"+ref+"$"); err == nil {
		ids := strings.Fields(string(out))
		if len(ids) > 1 {
			for i := range ids {
				ids[i] = ShortID(ids[i])
			}
			return Container{}, fmt.Errorf("%d containers are named %s (%s): give its id", len(ids), ref, strings.Join(ids, ", "))
		}
		if len(ids) == 1 {
			id = ids[0]
		}
	}
	out, err := f.Run(path, "inspect", "-o", "json", id)
	if err != nil {
		return Container{}, err
	}
	var d struct {
		Status struct {
			ID       string
			State    string
			Metadata struct{ Name string }
			Labels   map[string]string
		}
		Info struct{ Pid int }
	}
	if err := json.Unmarshal(out, &d); err != nil {
		return Container{}, fmt.Errorf("unexpected inspect output: %.60q", out)
	}
	if d.Status.State != "CONTAINER_RUNNING" || d.Info.Pid <= 0 {
		return Container{}, errNotRunning
	}
	c := Container{
		Name: d.Status.Metadata.Name,
		ID:   d.Status.ID,
		Pod:  d.Status.Labels["io.kubernetes.pod.name"],
		Via:  "crictl",
		Pid:  d.Info.Pid,
	}
	return f.withCgroup(c)
}

// withCgroup finds the cgroup of the container's first process.
func (f *Finder) withCgroup(c Container) (Container, error) {
	data, err := f.ReadFile("/proc/" + strconv.Itoa(c.Pid) + "/cgroup")
	if err != nil {
		return Container{}, fmt.Errorf("container %s: its process %d is not visible here (is gotrace in the host's pid namespace?): %w", c.Label(), c.Pid, err)
	}
	p, ok := ProcCgroup(string(data))
	if !ok {
		return Container{}, fmt.Errorf("container %s: process %d is in no cgroup v2 (%s)", c.Label(), c.Pid, strings.TrimSpace(string(data)))
	}
	if c.Cgroup, err = OpenCgroup(f.Mount, filepath.Join(f.Mount, p)); err != nil {
		return Container{}, fmt.Errorf("container %s: %w", c.Label(), err)
	}
	return c, nil
}

// byCgroupName looks under the v2 mount for the cgroup a runtime names
// after the container's id (ref: the id, or a prefix of it).
func (f *Finder) byCgroupName(ref string) (Container, error) {
	var patterns []string
	for _, p := range cgroupNaming {
		patterns = append(patterns, p+ref+"*")
	}
	what := fmt.Errorf("cgroups: none named %s under %s", strings.Join(patterns, ", "), f.Mount)
	if !isHexID(ref) {
		return Container{}, what
	}
	var found []Container
	filepath.WalkDir(f.Mount, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		id, ok := cgroupID(filepath.Base(path), filepath.Base(filepath.Dir(path)))
		if !ok || !strings.HasPrefix(id, ref) {
			return nil
		}
		for _, c := range found {
			if c.ID == id {
				return fs.SkipDir // a runtime's own cgroups below its container's
			}
		}
		cg, err := OpenCgroup(f.Mount, path)
		if err == nil {
			found = append(found, Container{ID: id, Via: "cgroup", Cgroup: cg})
		}
		return fs.SkipDir
	})
	switch len(found) {
	case 0:
		return Container{}, what
	case 1:
		return found[0], nil
	}
	return Container{}, fmt.Errorf("cgroups: %s is a prefix of %d containers' ids", ref, len(found))
}

// cgroupID is the container id a cgroup directory's name carries, as the
// runtimes name them (see cgroupNaming), or false.
func cgroupID(base, parent string) (string, bool) {
	if (parent == "docker" || strings.HasPrefix(parent, "pod")) && isHexID(base) && len(base) == 64 {
		// cgroupfs drivers: docker's /docker/ID, the kubelet's
		// /kubepods/burstable/podUID/ID
		return base, true
	}
	name := strings.TrimSuffix(base, ".scope")
	for _, p := range cgroupNaming {
		if id, ok := strings.CutPrefix(name, p); ok && isHexID(id) && len(id) == 64 {
			return id, true
		}
	}
	return "", false
}

func isHexID(s string) bool {
	if len(s) < 4 || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
