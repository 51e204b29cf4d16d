package testdirs

import (
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records whether the test would have been
// skipped or failed, and stops the function as both do.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Skipf(string, ...any)  { r.skipped = true; panic(r) }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; panic(r) }

func run(name string) (dir string, r *recorder) {
	r = &recorder{}
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
	}()
	return Env(r, name, "a folder"), r
}

func TestEnv(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TESTDIRS_SET", tmp)
	t.Setenv("TESTDIRS_UNSET", "")
	t.Setenv("TESTDIRS_MISSING", filepath.Join(tmp, "missing"))
	if dir, r := run("TESTDIRS_SET"); dir != tmp || r.skipped || r.failed {
		t.Errorf("a folder: got %q, skipped %v, failed %v", dir, r.skipped, r.failed)
	}
	if _, r := run("TESTDIRS_UNSET"); !r.skipped || r.failed {
		t.Errorf("unset: skipped %v, failed %v; want skipped", r.skipped, r.failed)
	}
	if _, r := run("TESTDIRS_MISSING"); r.skipped || !r.failed {
		t.Errorf("missing folder: skipped %v, failed %v; want failed", r.skipped, r.failed)
	}
}
