package xlat

// nsMeaning says what each namespace flag isolates, by its name.
var nsMeaning = map[string]string{
	"CLONE_NEWNS":     "mount",
	"CLONE_NEWCGROUP": "cgroup",
	"CLONE_NEWUTS":    "hostname",
	"CLONE_NEWIPC":    "IPC",
	"CLONE_NEWUSER":   "user",
	"CLONE_NEWPID":    "pid",
	"CLONE_NEWNET":    "network",
	"CLONE_NEWTIME":   "time",
}

// Namespaces returns the namespaces that clone, unshare or setns flags
// name, each as "hostname (CLONE_NEWUTS)", in the kernel's bit order.
func Namespaces(flags uint64) []string {
	var out []string
	// Clone3Flags has CLONE_NEWTIME too, whose bit clone(2) keeps for the
	// exit signal: callers pass clone(2)'s flags without their low byte
	for _, v := range Clone3Flags.Values {
		if m, ok := nsMeaning[v.Name]; ok && flags&v.Val != 0 {
			out = append(out, m+" ("+v.Name+")")
		}
	}
	return out
}
