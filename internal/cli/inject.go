package cli

import (
	"errors"
	"strings"

	"github.com/gotrace/gotrace/internal/inject"
)

// takeInject takes -e inject= and -e fault= out of exprs into a Spec,
// each expression replacing earlier ones for the syscalls it selects.
func takeInject(exprs []string, attaching bool) ([]string, *inject.Spec, error) {
	var rest []string
	var spec *inject.Spec
	for _, e := range exprs {
		fault := strings.HasPrefix(e, "fault=")
		if !fault && !strings.HasPrefix(e, "inject=") {
			rest = append(rest, e)
			continue
		}
		if spec == nil {
			spec = &inject.Spec{}
		}
		_, v, _ := strings.Cut(e, "=")
		if err := spec.Add(v, fault); err != nil {
			return nil, nil, err
		}
	}
	if spec != nil && attaching {
		return nil, nil, errors.New("-e inject and -e fault need a command gotrace starts: the seccomp filter they work by is installed by the task itself before its execve, which a running process (-p) is past")
	}
	return rest, spec, nil
}
