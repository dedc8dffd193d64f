package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// usageError is a bad command line: its message, and whether strace would
// follow it with "Try 'PROG -h' for more information."
type usageError struct {
	msg  string
	help bool
}

func (e *usageError) Error() string { return e.msg }

func usagef(help bool, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), help: help}
}

// errBadArg from a flag's Value says its argument is invalid, which the
// parser reports as strace does, naming the option as it was written:
// "invalid -s argument: '-1'", "invalid --string-limit argument: '-1'".
var errBadArg = errors.New("invalid argument")

// getopt parses args as strace's getopt_long does, with the flags of fs as
// its options: options end at the first argument that is not one (or at
// "--"); a short option takes its argument from the rest of its word or
// the next word; a long option may be abbreviated to any unambiguous
// prefix and takes an optional argument only after "=". A bool or count
// flag takes no argument, nor does a short flag with a default for an
// absent value (-t, -r, -y). Each flag's Value.Set runs as the option is
// read, so the options apply in order. getopt returns the operands.
func getopt(fs *pflag.FlagSet, args []string) ([]string, error) {
	for len(args) > 0 {
		arg := args[0]
		switch {
		case arg == "--":
			return args[1:], nil
		case len(arg) < 2 || arg[0] != '-':
			return args, nil
		case strings.HasPrefix(arg, "--"):
			var err error
			if args, err = longOption(fs, args); err != nil {
				return nil, err
			}
		default:
			var err error
			if args, err = shortOptions(fs, args); err != nil {
				return nil, err
			}
		}
	}
	return nil, nil
}

// takesNoArg reports whether f is a flag without an argument, such as -f.
func takesNoArg(f *pflag.Flag) bool {
	switch f.Value.Type() {
	case "bool", "count":
		return true
	}
	return false
}

func longOption(fs *pflag.FlagSet, args []string) ([]string, error) {
	word := args[0][2:]
	name, value, hasValue := strings.Cut(word, "=")
	f, err := lookupLong(fs, name)
	if err != nil {
		return nil, err
	}
	spelled := "--" + f.Name
	args = args[1:]
	switch {
	case takesNoArg(f):
		if hasValue {
			return nil, usagef(true, "option '%s' doesn't allow an argument", spelled)
		}
		value = f.NoOptDefVal
	case hasValue:
	case f.NoOptDefVal != "":
		value = f.NoOptDefVal
	case len(args) > 0:
		value, args = args[0], args[1:]
	default:
		return nil, usagef(true, "option '%s' requires an argument", spelled)
	}
	return args, setFlag(f, spelled, value)
}

// lookupLong finds the long option name abbreviates: itself, or the one
// flag whose names start so.
func lookupLong(fs *pflag.FlagSet, name string) (*pflag.Flag, error) {
	if f := fs.Lookup(name); f != nil {
		return f, nil
	}
	var found []*pflag.Flag
	var names []string
	fs.VisitAll(func(f *pflag.Flag) {
		if strings.HasPrefix(f.Name, name) {
			names = append(names, "'--"+f.Name+"'")
			for _, g := range found {
				if canonical(g) == canonical(f) { // aliases: one option
					return
				}
			}
			found = append(found, f)
		}
	})
	switch {
	case len(found) == 1 && name != "":
		return found[0], nil
	case len(found) > 1 && name != "":
		return nil, usagef(true, "option '--%s' is ambiguous; possibilities: %s", name, strings.Join(names, " "))
	}
	return nil, usagef(true, "unrecognized option '--%s'", name)
}

// aliasOf is the annotation naming the option a flag is another name of
// (--silent of --quiet).
const aliasOf = "alias-of"

func canonical(f *pflag.Flag) string {
	if a := f.Annotations[aliasOf]; len(a) > 0 {
		return a[0]
	}
	return f.Name
}

// alias declares name as another spelling of the flag of, with its value.
func alias(fs *pflag.FlagSet, name, of string) {
	f := fs.Lookup(of)
	a := fs.VarPF(f.Value, name, "", "")
	a.NoOptDefVal = f.NoOptDefVal
	fs.SetAnnotation(name, aliasOf, []string{of})
	fs.MarkHidden(name)
}

func shortOptions(fs *pflag.FlagSet, args []string) ([]string, error) {
	word := args[0][1:]
	args = args[1:]
	for i := 0; i < len(word); i++ {
		c := word[i : i+1]
		f := fs.ShorthandLookup(c)
		if f == nil {
			return nil, usagef(true, "invalid option -- '%s'", c)
		}
		if takesNoArg(f) || f.NoOptDefVal != "" {
			if err := setFlag(f, "-"+c, f.NoOptDefVal); err != nil {
				return nil, err
			}
			continue
		}
		var value string
		switch {
		case i+1 < len(word):
			value = word[i+1:]
		case len(args) > 0:
			value, args = args[0], args[1:]
		default:
			return nil, usagef(true, "option requires an argument -- '%s'", c)
		}
		return args, setFlag(f, "-"+c, value)
	}
	return args, nil
}

func setFlag(f *pflag.Flag, spelled, value string) error {
	set := f.Value.Set
	if sv, ok := f.Value.(spelledValue); ok {
		set = func(value string) error { return sv.SetSpelled(spelled, value) }
	}
	if err := set(value); err != nil {
		if errors.Is(err, errBadArg) {
			return usagef(true, "invalid %s argument: '%s'", spelled, value)
		}
		return err
	}
	f.Changed = true
	return nil
}
