// Package testdirs finds the input folders that tests read from the
// environment: DMSGEN_DOCS, DMSGEN_DOCS_HISTORY, DMSGEN_JSTS and
// DMSGEN_OPENAPI, which .ci/run sets to the folders of ../shared.
package testdirs

import (
	"os"
	"testing"
)

// Env returns the folder the environment variable name names. The test is
// skipped when the variable is unset (what says what to set it to), and
// fails when it names no folder: a mistyped path must not pass as a
// skipped test.
func Env(t testing.TB, name, what string) string {
	t.Helper()
	dir := os.Getenv(name)
	if dir == "" {
		t.Skipf("%s is not set; set it to %s to run this test", name, what)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Fatalf("%s=%s names no folder: %v", name, dir, err)
	}
	return dir
}
