package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersion: --version and the version command print one line naming
// dmsgen, its version and the Go version, and exit 0.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		code, out, errOut := runCmd(args...)
		if code != 0 || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q; want 0 and nothing", args, code, errOut)
		}
		if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
			t.Errorf("%v: output is not one line: %q", args, out)
		}
		if !strings.HasPrefix(out, "dmsgen ") || !strings.Contains(out, " "+runtime.Version()+" ") {
			t.Errorf("%v: %q does not name dmsgen and %s", args, out, runtime.Version())
		}
	}
	for _, args := range [][]string{{"version", "extra"}, {"--version", "extra"}} {
		if code, _, _ := runCmd(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, out, _ := runCmd("version", "-h"); code != 0 || !strings.Contains(out, "usage: dmsgen version") {
		t.Errorf("version -h: exit %d, output %q", code, out)
	}
}

// TestModuleVersion: a released build prints its version; a build from a
// checkout prints (devel), the revision and +dirty when it was modified.
func TestModuleVersion(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	const rev = "4b73d6c1e0aa5f2b9c3d8e7f6a5b4c3d2e1f0a9b"
	for _, c := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "(unknown)"},
		{"released", &debug.BuildInfo{Main: debug.Module{Path: "github.com/dmsgen/dmsgen", Version: "v1.2.0"}}, "v1.2.0"},
		{"pseudo-version with dirty mark", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201215314-4b73d6c1e0aa+dirty"}}, "v0.0.0-20261201215314-4b73d6c1e0aa+dirty"},
		{"checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", rev, "vcs.modified", "false")}, "(devel) 4b73d6c1e0aa"},
		{"modified checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", rev, "vcs.modified", "true")}, "(devel) 4b73d6c1e0aa+dirty"},
		{"no VCS information", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{"replaced by a folder", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-00010101000000-000000000000", Replace: &debug.Module{Path: "../dmsgen"}}}, "(devel)"},
		{"replaced by a version", &debug.BuildInfo{Main: debug.Module{Version: "v1.0.0", Replace: &debug.Module{Path: "example.com/fork", Version: "v1.0.1"}}}, "v1.0.1"},
	} {
		if got := moduleVersion(c.bi); got != c.want {
			t.Errorf("%s: moduleVersion = %q, want %q", c.name, got, c.want)
		}
	}
}
