package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// versionLine is what "dmsgen --version" and "dmsgen version" print: the
// program, its version and the Go release and platform it was built with,
// on one line:
//
//	dmsgen v1.2.0 go1.26.1 linux/amd64
//	dmsgen (devel) 4b73d6c1e0aa+dirty go1.26.1 linux/amd64
func versionLine() string {
	bi, _ := debug.ReadBuildInfo()
	return "dmsgen " + moduleVersion(bi) + " " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}

// moduleVersion is the version of the main module in bi: the tagged (or
// pseudo-) version it was built at when installed with "go install
// module@version" or "go get -tool", else "(devel)" followed by the VCS
// revision and "+dirty" for a modified checkout, when the build recorded
// them. A module replaced by a folder has no version of its own: it is
// "(devel)" too.
func moduleVersion(bi *debug.BuildInfo) string {
	if bi == nil {
		return "(unknown)"
	}
	m := bi.Main
	if m.Replace != nil {
		m = *m.Replace
	}
	if m.Version != "" && m.Version != "(devel)" {
		return m.Version
	}
	v := "(devel)"
	var rev string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" {
		v += " " + rev[:min(12, len(rev))]
		if dirty {
			v += "+dirty"
		}
	}
	return v
}

// version runs "dmsgen version".
func version(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dmsgen version", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(fs.Output(), "usage: dmsgen version") }
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dmsgen version: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	fmt.Fprintln(stdout, versionLine())
	return exitOK
}
