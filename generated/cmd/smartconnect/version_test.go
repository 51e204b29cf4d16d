package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersion: --version and the version command print one line naming
// smartconnect, its version and the Go version, and exit 0.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		got := runCmd(t, "", args...)
		if got.code != 0 || got.stderr != "" {
			t.Errorf("%v: exit %d, stderr %q; want 0 and nothing", args, got.code, got.stderr)
		}
		if strings.Count(got.stdout, "\n") != 1 || !strings.HasSuffix(got.stdout, "\n") {
			t.Errorf("%v: output is not one line: %q", args, got.stdout)
		}
		if !strings.HasPrefix(got.stdout, "smartconnect ") || !strings.Contains(got.stdout, " "+runtime.Version()+" ") {
			t.Errorf("%v: %q does not name smartconnect and %s", args, got.stdout, runtime.Version())
		}
	}
	if got := runCmd(t, "", "version", "extra"); got.code != 2 || got.stdout != "" {
		t.Errorf("version extra: exit %d, stdout %q; want 2 and nothing", got.code, got.stdout)
	}
}

// TestModuleVersion: a released build prints its version; a build from a
// checkout prints (devel), the revision and +dirty when it was modified.
func TestModuleVersion(t *testing.T) {
	const rev = "4b73d6c1e0aa5f2b9c3d8e7f6a5b4c3d2e1f0a9b"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, c := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "(unknown)"},
		{"released", &debug.BuildInfo{Main: debug.Module{Path: "github.com/dmsgen/dmsgen/generated", Version: "v1.2.0"}}, "v1.2.0"},
		{"checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")}, "(devel) 4b73d6c1e0aa"},
		{"modified checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")}, "(devel) 4b73d6c1e0aa+dirty"},
		{"no VCS information", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{"replaced by a folder", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-00010101000000-000000000000", Replace: &debug.Module{Path: "../generated"}}}, "(devel)"},
	} {
		if got := moduleVersion(c.bi); got != c.want {
			t.Errorf("%s: moduleVersion = %q, want %q", c.name, got, c.want)
		}
	}
}
