package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// project copies the schema and the generated package of this module into
// a temporary directory laid out like the module root, and changes into it.
func project(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	copyFile(t, filepath.Join(root, "schemas", "smartconnect.yaml"), filepath.Join(tmp, "schemas", "smartconnect.yaml"))
	copyFile(t, filepath.Join(root, "dmsgen.yaml"), filepath.Join(tmp, "dmsgen.yaml"))
	gen, err := filepath.Glob(filepath.Join(root, "generated", "smartconnect", "*"))
	if err != nil {
		t.Fatal(err)
	}
	gen = append(gen, filepath.Join(root, "generated", "smartconnect", ".dmsgen-manifest"))
	for _, src := range gen {
		if strings.HasSuffix(src, "_test.go") || !isFile(src) {
			continue
		}
		copyFile(t, src, filepath.Join(tmp, "generated", "smartconnect", filepath.Base(src)))
	}
	fixtures, err := filepath.Glob(filepath.Join(root, "generated", "smartconnect", "testdata", "fixtures", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	fixtures = append(fixtures, filepath.Join(root, "generated", "smartconnect", "testdata", "fixtures", ".dmsgen-manifest"))
	for _, src := range fixtures {
		rel, _ := filepath.Rel(root, src)
		copyFile(t, src, filepath.Join(tmp, rel))
	}
	t.Chdir(tmp)
	return tmp
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file below dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func runCmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestCheckCleanTree: the checked-in output is what the schema gives.
func TestCheckCleanTree(t *testing.T) {
	project(t)
	if code, out, errOut := runCmd("check"); code != 0 {
		t.Fatalf("check on a clean tree: exit %d\n%s%s", code, out, errOut)
	}
}

// TestCheckOneWordChange: one changed word in a description makes the
// output stale; check prints a unified diff, exits 1 and writes nothing.
func TestCheckOneWordChange(t *testing.T) {
	dir := project(t)
	schema := filepath.Join(dir, "schemas", "smartconnect.yaml")
	data, _ := os.ReadFile(schema)
	changed := bytes.Replace(data, []byte("description: A name for the task."), []byte("description: A label for the task."), 1)
	if bytes.Equal(changed, data) {
		t.Fatal("the description to change is not in the schema")
	}
	if err := os.WriteFile(schema, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Join(dir, "generated"))
	code, out, errOut := runCmd("check")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"--- a/generated/smartconnect/types.go", "+++ b/generated/smartconnect/types.go", "-\t// TaskName is the \"task_name\" field: a name for the task.", "+\t// TaskName is the \"task_name\" field: a label for the task."} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "stale") {
		t.Errorf("stderr does not say the files are stale: %q", errOut)
	}
	after := snapshot(t, filepath.Join(dir, "generated"))
	if len(after) != len(before) {
		t.Fatalf("check changed the file set")
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("check wrote %s", p)
		}
	}
	// Generating makes the tree clean again.
	if code, _, errOut := runCmd("generate"); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, errOut)
	}
	if code, out, _ := runCmd("check"); code != 0 {
		t.Fatalf("check after generate: exit %d\n%s", code, out)
	}
}

// TestCheckMissingFile: a deleted generated file is reported as missing.
func TestCheckMissingFile(t *testing.T) {
	dir := project(t)
	if err := os.Remove(filepath.Join(dir, "generated", "smartconnect", "validate.go")); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd("check")
	if code != 1 || !strings.Contains(out, "--- /dev/null\n+++ b/generated/smartconnect/validate.go") {
		t.Fatalf("exit %d, diff:\n%s", code, out)
	}
}

// TestFailedGenerateWritesNothing: a schema with an error leaves the old
// output byte-identical, and the error is located.
func TestFailedGenerateWritesNothing(t *testing.T) {
	dir := project(t)
	schema := filepath.Join(dir, "schemas", "smartconnect.yaml")
	data, _ := os.ReadFile(schema)
	broken := bytes.Replace(data, []byte("          type: boolean\n"), []byte("          type: boolean\n          contentEncoding: base64\n"), 1)
	if err := os.WriteFile(schema, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Join(dir, "generated"))
	code, _, errOut := runCmd("generate")
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, errOut)
	}
	if !strings.Contains(errOut, "schemas/smartconnect.yaml:") || !strings.Contains(errOut, `unsupported keyword "contentEncoding"`) || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("error output:\n%s", errOut)
	}
	after := snapshot(t, filepath.Join(dir, "generated"))
	for p, b := range before {
		if after[p] != b {
			t.Errorf("failed run changed %s", p)
		}
	}
}

// TestStaleGeneratedFileRemoved: a file this output generated that is no
// longer produced is removed by generate; a hand-written file, and one
// another schema generated, are kept.
func TestStaleGeneratedFileRemoved(t *testing.T) {
	dir := project(t)
	old := filepath.Join(dir, "generated", "smartconnect", "old.go")
	mine := filepath.Join(dir, "generated", "smartconnect", "mine.go")
	other := filepath.Join(dir, "generated", "smartconnect", "other.go")
	os.WriteFile(old, []byte("// Code generated by dmsgen from schemas/smartconnect.yaml. DO NOT EDIT.\n\npackage smartconnect\n"), 0o644)
	os.WriteFile(mine, []byte("package smartconnect\n"), 0o644)
	os.WriteFile(other, []byte("// Code generated by dmsgen from x.yaml. DO NOT EDIT.\n\npackage smartconnect\n"), 0o644)
	if code, out, _ := runCmd("check"); code != 1 || !strings.Contains(out, "+++ /dev/null") {
		t.Errorf("check should report the stale file for removal: exit %d\n%s", code, out)
	}
	if code, _, errOut := runCmd("generate"); code != 0 {
		t.Fatalf("generate: %s", errOut)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("stale generated file was kept")
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("hand-written file was removed: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another schema's generated file was removed: %v", err)
	}
}

// TestUsage: bad commands and flags exit 2.
func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"check", "--nope"}, {"generate", "extra"}, {"-C", "/does/not/exist"}} {
		if code, _, _ := runCmd(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
