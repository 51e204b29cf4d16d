package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The attacks on generation that the safety issue measured, each kept as a
// test so that none comes back.

// otherSchema is a small schema with an enum, to generate "another
// schema" into a project.
const otherSchema = `openapi: 3.1.0
info: {title: other, version: "1"}
paths:
  /things:
    post:
      operationId: CreateThing
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        "200": {description: ok}
components:
  schemas:
    Thing:
      type: object
      additionalProperties: false
      required: [kind]
      properties:
        kind: {type: string, enum: [a, b]}
`

func writeFileT(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAnotherSchemaLeavesTheProjectAlone: the README's command for another
// schema, run in this project, writes its package and nothing else: the
// project's package and fixtures stay byte for byte.
func TestAnotherSchemaLeavesTheProjectAlone(t *testing.T) {
	dir := project(t)
	writeFileT(t, filepath.Join(dir, "api.yaml"), otherSchema)
	before := snapshot(t, filepath.Join(dir, "generated"))
	if code, _, errOut := runCmd("generate", "--schema", "api.yaml", "--out", "internal/api", "--package", "api"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	after := snapshot(t, filepath.Join(dir, "generated"))
	if len(after) != len(before) {
		t.Fatalf("the project's generated files went from %d to %d", len(before), len(after))
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("%s changed", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "internal", "api", "types.go")); err != nil {
		t.Errorf("the other package was not generated: %v", err)
	}
}

// TestNestedPackageKept: generating into gen/api leaves a separate package
// in gen/api/inner alone, even one generated from the same schema.
func TestNestedPackageKept(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFileT(t, "api.yaml", otherSchema)
	if code, _, errOut := runCmd("generate", "--schema", "api.yaml", "--out", "gen/api/inner", "--package", "inner"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	inner := snapshot(t, filepath.Join(dir, "gen", "api", "inner"))
	if code, _, errOut := runCmd("generate", "--schema", "api.yaml", "--out", "gen/api", "--package", "api"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got := snapshot(t, filepath.Join(dir, "gen", "api", "inner")); len(got) != len(inner) {
		t.Errorf("gen/api/inner went from %d files to %d", len(inner), len(got))
	}
}

// TestOutDotKeepsTheTree: --out . in a working tree removes nothing and
// replaces nothing that is not its own.
func TestOutDotKeepsTheTree(t *testing.T) {
	dir := project(t)
	writeFileT(t, filepath.Join(dir, "api.yaml"), otherSchema)
	writeFileT(t, filepath.Join(dir, "main.go"), "package main\n")
	before := snapshot(t, dir)
	if code, _, errOut := runCmd("generate", "--schema", "api.yaml", "--out", ".", "--package", "api"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	after := snapshot(t, dir)
	for p, b := range before {
		if after[p] != b {
			t.Errorf("--out . changed or removed %s", p)
		}
	}
}

// TestHostileEnumValues: fixture file names made from enum values that
// hold path separators, "..", NUL, long runs and names that differ only
// in case land inside the fixtures folder, in the safe alphabet, every
// one distinct; the renames are reported.
func TestHostileEnumValues(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	values := []string{"../../../../escape", `..\..\win`, "/abs/path", "nul\x00byte", strings.Repeat("long", 80), "Case", "case", "CASE", "..", "."}
	var enum, varnames []string
	for i, v := range values {
		varnames = append(varnames, "V"+strconv.Itoa(i))
		enum = append(enum, strconv.Quote(v)) // Go's escapes are YAML's too
	}
	schema := strings.Replace(otherSchema, "        kind: {type: string, enum: [a, b]}\n",
		"        kind: {type: string, enum: ["+strings.Join(enum, ", ")+"], x-enum-varnames: ["+strings.Join(varnames, ", ")+"]}\n        x: {type: string}\n"+
			"      if: {required: [kind], properties: {kind: {const: Case}}}\n      then: {required: [x]}\n", 1)
	writeFileT(t, "s/api.yaml", schema)
	code, _, errOut := runCmd("generate", "--schema", "s/api.yaml", "--out", "s/out/api", "--package", "api", "--fixtures", "s/out/fx")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "note: fixture") {
		t.Errorf("the renamed fixtures are not reported:\n%s", errOut)
	}
	lower := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "s/api.yaml" {
			return nil
		}
		if !strings.HasPrefix(rel, "s/out/api/") && !strings.HasPrefix(rel, "s/out/fx/") {
			t.Errorf("%s is outside the output folders", rel)
		}
		base := filepath.Base(p)
		if len(base) > 120 || strings.Trim(base, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-~") != "" {
			t.Errorf("file name %q is not in the safe alphabet or too long", base)
		}
		if lower[strings.ToLower(rel)] {
			t.Errorf("%s differs from another file only in case", rel)
		}
		lower[strings.ToLower(rel)] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestExitCodes: usage and I/O errors exit 2 and name the flag; problems in
// the input exit 1; help exits 0 and lists every command.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFileT(t, "api.yaml", otherSchema)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"generate", "--schema", "api.yaml", "--out", "o", "--package", "func"}, 2, "--package"},
		{[]string{"generate", "--schema", "api.yaml", "--out", "o", "--package", "x y"}, 2, "--package"},
		{[]string{"generate", "--schema", "api.yaml", "--out", "o", "--package", ""}, 2, "--package"},
		{[]string{"generate", "--schema", "api.yaml", "--out", "o"}, 2, "--package"},
		{[]string{"generate", "--schema", "none.yaml", "--out", "o", "--package", "x"}, 2, "none.yaml"},
		{[]string{"generate", "--schema", "/dev/zero", "--out", "o", "--package", "x"}, 2, "/dev/zero"},
		{[]string{"generate"}, 2, "dmsgen.yaml"},
		{[]string{"check", "--config", "missing.yaml"}, 2, "missing.yaml"},
		{[]string{"generate", "--config", "api.yaml", "--out", "o"}, 2, "not both"},
	} {
		code, _, errOut := runCmd(tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"generate", "-h"}, {"check", "--help"}, {"doccheck", "-h"}} {
		code, out, _ := runCmd(args...)
		if code != 0 || out == "" {
			t.Errorf("%q: exit %d, stdout %q; want 0 and the usage", args, code, out)
		}
	}
	_, out, _ := runCmd("--help")
	for _, c := range commands {
		if !strings.Contains(out, c.name+" ") {
			t.Errorf("--help does not describe %s:\n%s", c.name, out)
		}
	}
}

// TestRequiredSelfReference: a component that requires a property of its
// own type has no finite instance: a located error, exit 1.
func TestRequiredSelfReference(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	schema := strings.Replace(otherSchema, "        kind: {type: string, enum: [a, b]}\n", "        kind: {$ref: '#/components/schemas/Thing'}\n", 1)
	writeFileT(t, "api.yaml", schema)
	code, _, errOut := runCmd("generate", "--schema", "api.yaml", "--out", "o", "--package", "x", "--fixtures", "f")
	if code != 1 || !strings.Contains(errOut, "api.yaml:") || !strings.Contains(errOut, "no finite") {
		t.Errorf("exit %d, stderr:\n%s\nwant 1 and a located error", code, errOut)
	}
}
