package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// jsonLines runs gotrace --json and decodes every line of its output.
func jsonLines(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	r := trace(t, "", append([]string{"--json"}, args...)...)
	var objs []map[string]any
	for i, l := range r.lines {
		var o map[string]any
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, l)
		}
		objs = append(objs, o)
	}
	return objs
}

// kindOf names the JSON type of v as the schema does.
func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// schema lists, for each object type, its fields and their JSON types
// (docs/json.md); "number|null" allows either.
var schema = map[string]map[string]string{
	"syscall": {"syscall": "string", "nr": "number", "args": "array|null", "args_text": "string?", "ret": "number|null",
		"errno": "string|null?", "duration_ns": "number?", "ret_text": "string?", "unfinished": "bool?"},
	"fork":   {"child_pid": "number", "child_tid": "number", "thread": "bool", "syscall": "string?", "flags": "number?", "flags_text": "string?"},
	"exec":   {"old_tid": "number", "filename": "string?"},
	"exit":   {"status": "number|null", "signal": "string|null", "core_dumped": "bool?", "by_exec": "bool"},
	"signal": {"signo": "number", "signal": "string", "siginfo_text": "string"},
	"lost":   {"count": "number"},
	"stack":  {"frames": "array"},
}

// checkObject fails unless o has the common fields and those of its type,
// each of its JSON type, and nothing else.
func checkObject(t *testing.T, o map[string]any) {
	t.Helper()
	common := map[string]string{"v": "number", "type": "string", "time": "number", "pid": "number", "tid": "number", "comm": "string",
		"cgroup_id": "number?", "container": "string?"}
	if o["type"] == "lost" {
		common = map[string]string{"v": "number", "type": "string", "time": "number"}
	}
	fields, ok := schema[fmt.Sprint(o["type"])]
	if !ok {
		t.Errorf("unknown type %v: %v", o["type"], o)
		return
	}
	for k, v := range o {
		want, ok := common[k]
		if !ok {
			want, ok = fields[k]
		}
		if !ok {
			t.Errorf("%v: unknown field %q", o["type"], k)
			continue
		}
		if !strings.Contains(strings.TrimSuffix(want, "?"), kindOf(v)) {
			t.Errorf("%v: field %q is %s, want %s: %v", o["type"], k, kindOf(v), want, o)
		}
	}
	for k, want := range common {
		if _, ok := o[k]; !ok && !strings.HasSuffix(want, "?") {
			t.Errorf("%v: no field %q", o["type"], k)
		}
	}
	for k, want := range fields {
		if _, ok := o[k]; !ok && !strings.HasSuffix(want, "?") {
			t.Errorf("%v: no field %q", o["type"], k)
		}
	}
	if o["v"] != float64(1) {
		t.Errorf("version %v, want 1", o["v"])
	}
	if ts, _ := o["time"].(float64); time.Since(time.Unix(0, int64(ts))).Abs() > time.Minute {
		t.Errorf("time %v is not now", o["time"])
	}
}

// --json writes one object per syscall, process event and signal, each
// with the fields and types of docs/json.md.
func TestJSON(t *testing.T) {
	need(t)
	objs := jsonLines(t, "-f", "--", progs["forkexec"])
	objs = append(objs, jsonLines(t, "--", progs["signal_self"])...)
	objs = append(objs, jsonLines(t, "-e", "trace=openat", "--", progs["openat"])...)
	seen := map[string]int{}
	for _, o := range objs {
		checkObject(t, o)
		seen[fmt.Sprint(o["type"])]++
	}
	for _, typ := range []string{"syscall", "fork", "exec", "exit", "signal"} {
		if seen[typ] == 0 {
			t.Errorf("no %s object", typ)
		}
	}
	find := func(pred func(o map[string]any) bool) map[string]any {
		for _, o := range objs {
			if pred(o) {
				return o
			}
		}
		return nil
	}
	open := find(func(o map[string]any) bool {
		return o["syscall"] == "openat" && o["errno"] == "ENOENT" && strings.Contains(fmt.Sprint(o["args_text"]), "/nonexistent/file")
	})
	if open == nil {
		t.Fatal("no failed openat of /nonexistent/file")
	}
	args := open["args"].([]any)
	path := args[1].(map[string]any)
	if path["name"] != "filename" || path["kind"] != "path" || path["str"] != "/nonexistent/file" || path["text"] != `"/nonexistent/file"` {
		t.Errorf("openat's path argument: %v", path)
	}
	if open["ret"] != float64(-2) || open["ret_text"] != "-1 ENOENT (No such file or directory)" {
		t.Errorf("openat's return: %v %v", open["ret"], open["ret_text"])
	}
	if find(func(o map[string]any) bool {
		return o["type"] == "exec" && o["filename"] == "/bin/true" && o["comm"] == "true"
	}) == nil {
		t.Error("no exec of /bin/true by a task named true")
	}
	if find(func(o map[string]any) bool {
		return o["type"] == "signal" && o["signal"] == "SIGUSR1" && o["signo"] == float64(10)
	}) == nil {
		t.Error("no SIGUSR1")
	}
	if find(func(o map[string]any) bool {
		return o["type"] == "exit" && o["status"] == float64(0) && o["signal"] == nil
	}) == nil {
		t.Error("no exit with status 0")
	}
}

// --json writes the calls strace's output would show: -y decodes
// descriptors in "text" without showing the calls it follows, -Z keeps
// only failures.
func TestJSONSelection(t *testing.T) {
	need(t)
	for _, o := range jsonLines(t, "-y", "-e", "trace=read,close", "--", progs["opt_fds"]) {
		checkObject(t, o)
		if o["type"] == "syscall" && o["syscall"] != "read" && o["syscall"] != "close" {
			t.Errorf("-e trace=read,close wrote %v", o["syscall"])
		}
	}
	objs := jsonLines(t, "-y", "-e", "trace=read", "--", progs["opt_fds"])
	found := false
	for _, o := range objs {
		if o["syscall"] == "read" && strings.HasPrefix(fmt.Sprint(o["args_text"]), "3</etc/hostname>, ") {
			found = true
		}
	}
	if !found {
		t.Error("-y --json: no read of 3</etc/hostname>")
	}
	var stack map[string]any
	for _, o := range jsonLines(t, "-k", "-e", "trace=getpid", "--", progs["opt_stack"]) {
		checkObject(t, o)
		if o["type"] == "stack" {
			stack = o
		}
	}
	if stack == nil {
		t.Fatal("-k --json: no stack object")
	}
	frame := stack["frames"].([]any)[0].(map[string]any)
	if !strings.Contains(fmt.Sprint(frame["text"]), "opt_stack(raw_getpid+0x") || kindOf(frame["ip"]) != "number" ||
		frame["symbol"] != "raw_getpid" || !strings.HasSuffix(fmt.Sprint(frame["file"]), "/opt_stack") ||
		kindOf(frame["offset"]) != "number" || kindOf(frame["address"]) != "number" {
		t.Errorf("-k --json: first frame %v", frame)
	}
	for _, o := range jsonLines(t, "-Z", "--", progs["openat"]) {
		if o["type"] == "syscall" && o["errno"] == nil {
			t.Errorf("-Z wrote a call that did not fail: %v", o)
		}
	}
}

// The example in docs/json.md is what gotrace writes: each of its lines
// passes the schema check.
func TestJSONDocExample(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(), "docs", "json.md"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, `{"v":`) {
			continue
		}
		var o map[string]any
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("docs/json.md: %v\n%s", err, l)
		}
		o["time"] = float64(time.Now().UnixNano())
		checkObject(t, o)
		n++
	}
	if n < 5 {
		t.Errorf("docs/json.md has %d example lines, want one of each type", n)
	}
}
