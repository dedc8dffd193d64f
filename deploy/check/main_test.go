package main

import (
	"os"
	"strings"
	"testing"
)

func TestManifest(t *testing.T) {
	data, err := os.ReadFile("../gotrace-daemonset.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := check(data); err != nil {
		t.Error(err)
	}
}

// A misspelt field, a wrong type, a missing hostPID: each is caught.
func TestCatches(t *testing.T) {
	data, err := os.ReadFile("../gotrace-daemonset.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ old, new, want string }{
		{"hostPID: true", "hostPIDs: true", `unknown field "hostPIDs"`},
		{"hostPID: true", "hostPID: false", "hostPID is not set"},
		{"privileged: true", "privileged: yes please", "cannot unmarshal"},
		{"mountPath: /sys/kernel/btf", "mountPath: /btf", "/sys/kernel/btf is not mounted"},
	} {
		bad := strings.Replace(string(data), tc.old, tc.new, 1)
		if err := check([]byte(bad)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q for %q: %v, want %q", tc.new, tc.old, err, tc.want)
		}
	}
}
