// Command check validates deploy/*.yaml against the Kubernetes API's own
// types (k8s.io/api): each document is decoded strictly, so that a field
// the API does not have, or a value of the wrong type, fails. kubeconform
// would need its JSON schemas from the network; these types come from the
// Go module proxy. It also checks what gotrace needs of its pods.
//
//	go run . ../gotrace-daemonset.yaml
package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: check FILE.yaml...")
		os.Exit(2)
	}
	failed := false
	for _, path := range os.Args[1:] {
		data, err := os.ReadFile(path)
		if err == nil {
			err = check(data)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			failed = true
			continue
		}
		fmt.Printf("%s: valid\n", path)
	}
	if failed {
		os.Exit(1)
	}
}

// check validates each document of a multi-document YAML file.
func check(data []byte) error {
	var errs []error
	for i, doc := range bytes.Split(data, []byte("\n---\n")) {
		if err := checkDoc(doc); err != nil {
			errs = append(errs, fmt.Errorf("document %d: %w", i+1, err))
		}
	}
	return errors.Join(errs...)
}

func checkDoc(doc []byte) error {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := yaml.Unmarshal(doc, &head); err != nil {
		return err
	}
	switch head.APIVersion + " " + head.Kind {
	case "v1 Namespace":
		var ns corev1.Namespace
		return yaml.UnmarshalStrict(doc, &ns)
	case "apps/v1 DaemonSet":
		var ds appsv1.DaemonSet
		if err := yaml.UnmarshalStrict(doc, &ds); err != nil {
			return err
		}
		return checkPod(ds.Spec.Selector.MatchLabels, ds.Spec.Template)
	}
	return fmt.Errorf("unexpected %s %s", head.APIVersion, head.Kind)
}

// checkPod checks what gotrace needs: the node's pids, privileges, the
// cgroup and BTF mounts, and labels the selector matches.
func checkPod(selector map[string]string, t corev1.PodTemplateSpec) error {
	var errs []error
	for k, v := range selector {
		if t.Labels[k] != v {
			errs = append(errs, fmt.Errorf("the selector's %s=%s is not a label of the pods", k, v))
		}
	}
	if !t.Spec.HostPID {
		errs = append(errs, errors.New("hostPID is not set: --container needs the node's /proc"))
	}
	if len(t.Spec.Containers) != 1 {
		return errors.Join(append(errs, fmt.Errorf("%d containers, want 1", len(t.Spec.Containers)))...)
	}
	c := t.Spec.Containers[0]
	if sc := c.SecurityContext; sc == nil || sc.Privileged == nil || !*sc.Privileged {
		errs = append(errs, errors.New("the container is not privileged: BPF needs it"))
	}
	mounts := map[string]bool{}
	for _, m := range c.VolumeMounts {
		mounts[m.MountPath] = true
	}
	for _, want := range []string{"/sys/fs/cgroup", "/sys/kernel/btf"} {
		if !mounts[want] {
			errs = append(errs, fmt.Errorf("%s is not mounted", want))
		}
	}
	volumes := map[string]bool{}
	for _, v := range t.Spec.Volumes {
		volumes[v.Name] = true
	}
	for _, m := range c.VolumeMounts {
		if !volumes[m.Name] {
			errs = append(errs, fmt.Errorf("mount %s: no volume %s", m.MountPath, m.Name))
		}
	}
	if !strings.Contains(strings.Join(c.Command, " "), "sleep") {
		errs = append(errs, errors.New("the container does not wait to be exec'd into"))
	}
	return errors.Join(errs...)
}
