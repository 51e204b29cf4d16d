package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator/apidiff"
)

// apiSchema is a small schema: one request type with a string property,
// a property documented as a string, and an enum.
const apiSchema = `openapi: 3.1.0
info: {title: Tasks, version: "1"}
paths:
  /tasks:
    post:
      operationId: CreateTask
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Task'}
      responses:
        "204": {description: created}
components:
  schemas:
    Task:
      type: object
      additionalProperties: false
      required: [task_name]
      properties:
        task_name:
          description: A name for the task.
          type: string
        node_cnt:
          description: How many nodes.
          type: string
        mode:
          description: How to copy.
          type: string
          enum: [full, incremental, mirror]
`

// apiProject writes the schema into a temporary folder, changes into it,
// and generates package tasks into out/.
func apiProject(t *testing.T) {
	t.Helper()
	t.Chdir(t.TempDir())
	writeSchema(t, apiSchema)
	if code, _, errOut := runCmd("generate", "--schema", "s.yaml", "--out", "out", "--package", "tasks"); code != 0 {
		t.Fatalf("generate: exit %d\n%s", code, errOut)
	}
	if code, out, errOut := runCmd("check", "--schema", "s.yaml", "--out", "out", "--package", "tasks"); code != 0 || strings.Contains(errOut, "API") {
		t.Fatalf("check right after generate: exit %d, want 0 and no API report\n%s%s", code, out, errOut)
	}
}

func writeSchema(t *testing.T, schema string) {
	t.Helper()
	if err := os.WriteFile("s.yaml", []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
}

// edit applies replacements to the schema, each of which must apply.
func edit(t *testing.T, pairs ...string) {
	t.Helper()
	data, err := os.ReadFile("s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("the schema has no %q", pairs[i])
		}
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	writeSchema(t, s)
}

func check(t *testing.T) (stdout, stderr string) {
	t.Helper()
	code, out, errOut := runCmd("check", "--schema", "s.yaml", "--out", "out", "--package", "tasks")
	if code != exitProblem {
		t.Fatalf("check of stale output: exit %d, want %d\n%s%s", code, exitProblem, out, errOut)
	}
	if !strings.Contains(errOut, "are stale") || !strings.HasPrefix(out, "--- a/") {
		t.Errorf("check no longer reports the stale files with a diff:\nstdout:\n%s\nstderr:\n%s", out, errOut)
	}
	if strings.Contains(out, "API") {
		t.Errorf("the API report is on stdout, which must stay a diff:\n%s", out)
	}
	return out, errOut
}

// wantLines checks that text holds the lines, in order, as a block.
func wantLines(t *testing.T, text string, lines ...string) {
	t.Helper()
	if want := strings.Join(lines, "\n") + "\n"; !strings.Contains(text, want) {
		t.Errorf("output lacks\n%s\ngot\n%s", want, text)
	}
}

// TestCheckReportsAPIChanges: a property renamed, a property's type
// changed from string to integer and an enum value removed are three
// breaking changes, reported before the line that says the output is
// stale; the exit status stays 1.
func TestCheckReportsAPIChanges(t *testing.T) {
	apiProject(t)
	edit(t,
		"task_name", "name",
		"How many nodes.\n          type: string", "How many nodes.\n          type: integer\n          format: int32",
		"enum: [full, incremental, mirror]", "enum: [full, incremental]",
	)
	_, errOut := check(t)
	wantLines(t, errOut,
		"dmsgen check: API changes in out (3 breaking, 0 additions):",
		"  breaking: const ModeMirror: removed",
		"  breaking: type Task: field NodeCnt: type changed from *string to *int32",
		`  breaking: type Task: field TaskName: removed (renamed to Name?, JSON name "name" instead of "task_name")`,
		"dmsgen check: the files generated from s.yaml are stale; run dmsgen generate and commit the result",
	)
}

// TestCheckReportsAPIAdditions: a new optional property and a new enum
// value break no one.
func TestCheckReportsAPIAdditions(t *testing.T) {
	apiProject(t)
	edit(t,
		"enum: [full, incremental, mirror]", "enum: [full, incremental, mirror, verify]",
		"        mode:\n", "        label:\n          description: A label.\n          type: string\n        mode:\n",
	)
	_, errOut := check(t)
	wantLines(t, errOut,
		"dmsgen check: API changes in out (0 breaking, 2 additions):",
		"  addition: const ModeVerify: added",
		"  addition: type Task: field Label: added",
	)
}

// TestCheckReportsAPIRenamedType: a renamed enum type is one rename, with its
// constants; the fields and functions that use it are not reported again.
func TestCheckReportsAPIRenamedType(t *testing.T) {
	apiProject(t)
	edit(t, "        mode:\n          description: How to copy.\n", "        mode:\n          description: How to copy.\n          x-go-type-name: CopyMode\n")
	_, errOut := check(t)
	wantLines(t, errOut,
		"dmsgen check: API changes in out (4 breaking, 0 additions):",
		"  breaking: type Mode: removed (renamed to CopyMode?)",
		"  breaking: const ModeFull: removed (renamed to CopyModeFull?)",
		"  breaking: const ModeIncremental: removed (renamed to CopyModeIncremental?)",
		"  breaking: const ModeMirror: removed (renamed to CopyModeMirror?)",
	)
}

// TestCheckNoAPIChange: a changed description makes the output stale but
// changes no exported identifier.
func TestCheckNoAPIChange(t *testing.T) {
	apiProject(t)
	edit(t, "A name for the task.", "A label for the task.")
	_, errOut := check(t)
	wantLines(t, errOut, "dmsgen check: no change to the exported API of out")
}

// TestCheckAPIKeepsHandWrittenFiles: a hand-written Go file in the output
// folder (one dmsgen did not write) is part of the package before and
// after; a stale file that dmsgen wrote is not.
func TestCheckAPIKeepsHandWrittenFiles(t *testing.T) {
	apiProject(t)
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join("out", name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("helper.go", "package tasks\n\n// Helper is written by hand.\nfunc Helper() {}\n")
	write("helper_test.go", "package tasks\n\nfunc TestOnly() {}\n")
	write("stale.go", "// Code generated by dmsgen from s.yaml. DO NOT EDIT.\n\npackage tasks\n\n// Leftover is from an older schema.\nfunc Leftover() {}\n")
	_, errOut := check(t)
	wantLines(t, errOut,
		"dmsgen check: API changes in out (1 breaking, 0 additions):",
		"  breaking: func Leftover: removed",
	)
	if strings.Contains(errOut, "Helper") || strings.Contains(errOut, "TestOnly") {
		t.Errorf("a hand-written or test file is reported:\n%s", errOut)
	}
}

// TestCheckAPIUnreadable: a checked-in file that does not parse is said
// so; the check goes on and exits 1 for the stale output.
func TestCheckAPIUnreadable(t *testing.T) {
	apiProject(t)
	types := filepath.Join("out", "types.go")
	data, err := os.ReadFile(types)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(types, append(data, "\nfunc (\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut := check(t)
	if !strings.Contains(errOut, "dmsgen check: the exported API of out was not compared: types.go:") {
		t.Errorf("no word of the file that does not parse:\n%s", errOut)
	}
}

func TestFormatAPIChanges(t *testing.T) {
	changes := []apidiff.Change{
		{Name: "A", Breaking: true, Message: "type A: removed"},
		{Name: "T.M", Message: "method T.M: moved to the value receiver"},
		{Name: "B", Added: true, Message: "func B: added"},
	}
	got := formatAPIChanges("gen/x", changes)
	want := "dmsgen check: API changes in gen/x (1 breaking, 1 compatible, 1 addition):\n" +
		"  breaking: type A: removed\n" +
		"  compatible: method T.M: moved to the value receiver\n" +
		"  addition: func B: added\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := formatAPIChanges("gen/x", changes[2:]); !strings.HasPrefix(got, "dmsgen check: API changes in gen/x (0 breaking, 1 addition):\n") {
		t.Errorf("got %q", got)
	}
	if got := formatAPIChanges("gen/x", nil); got != "dmsgen check: no change to the exported API of gen/x\n" {
		t.Errorf("got %q", got)
	}
}
