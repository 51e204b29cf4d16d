package generator

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/template"

	"github.com/dmsgen/dmsgen/generator/output"
	"github.com/dmsgen/dmsgen/generator/schema"
	"github.com/dmsgen/dmsgen/internal/reference"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/cases and testdata/errors")

// caseConfig is the generation of testdata/cases/<name>, with paths
// relative to the module root.
func caseConfig(name string) Config {
	dir := filepath.Join("testdata", "cases", name)
	return Config{
		Schema:      filepath.Join(dir, "schema.yaml"),
		OutDir:      filepath.Join(dir, "out"),
		Package:     strings.ReplaceAll(name, "-", ""),
		FixturesDir: filepath.Join(dir, "fixtures"),
	}
}

// TestCases regenerates every case of testdata/cases and compares the
// output with the checked-in goldens (rewritten by -update). Then it
// compiles each case's package in a scratch module and runs its fixtures
// and hand-written documents (docs/<Type>/*.json) through the generated
// decoder and validator and through jsonschema/v5.
func TestCases(t *testing.T) {
	t.Chdir("..")
	dirs, err := filepath.Glob(filepath.Join("testdata", "cases", "*", "schema.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no cases in testdata/cases")
	}
	for _, s := range dirs {
		name := filepath.Base(filepath.Dir(s))
		t.Run(name, func(t *testing.T) {
			cfg := caseConfig(name)
			res, err := Generate(cfg)
			if err != nil {
				t.Fatalf("generate: %v", err)
			}
			// The run-time support files are the same copy in every case:
			// the goldens keep only what the schema decides.
			goldens := res.Plan
			goldens.Dirs = slices.Clone(goldens.Dirs)
			goldens.Dirs[0].Files = slices.DeleteFunc(slices.Clone(goldens.Dirs[0].Files), func(f output.File) bool {
				return strings.HasPrefix(f.Name, "support_")
			})
			if *update {
				if _, err := output.Write(goldens, output.Options{}); err != nil {
					t.Fatal(err)
				}
			} else if diff, problems, err := output.Check(goldens, output.Options{}); err != nil {
				t.Fatal(err)
			} else if diff != "" || len(problems) > 0 {
				t.Fatalf("generated output differs from the goldens (go test ./generator -update rewrites them):\n%s%v", diff, problems)
			}
			runCase(t, cfg, res.Files())
		})
	}
}

// runCase compiles the case's package with a driver that prints the
// verdict of each document, and checks the verdicts.
func runCase(t *testing.T, cfg Config, files []File) {
	pkg, err := schema.Build(schema.Config{Schema: cfg.Schema, Package: cfg.Package})
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		file, goType, pointer, golden string
	}
	var docs []doc
	pointers := map[string]string{}
	var types []string
	for _, o := range pkg.Objects {
		pointers[o.GoName] = o.Pointer
		types = append(types, o.GoName)
	}
	for _, pattern := range []string{filepath.Join(cfg.FixturesDir, "*", "*.json"), filepath.Join(filepath.Dir(cfg.Schema), "docs", "*", "*.json")} {
		matches, _ := filepath.Glob(pattern)
		for _, m := range matches {
			goType := filepath.Base(filepath.Dir(m))
			if _, ok := pointers[goType]; !ok {
				t.Fatalf("%s: no type %s in the case", m, goType)
			}
			d := doc{file: m, goType: goType, pointer: pointers[goType]}
			if strings.HasPrefix(m, cfg.FixturesDir) {
				d.golden = strings.TrimSuffix(m, ".json") + ".golden"
			}
			docs = append(docs, d)
		}
	}

	// A scratch module with the generated package and a driver.
	tmp := t.TempDir()
	for _, f := range files {
		if filepath.Dir(f.Path) == cfg.OutDir {
			writeFile(t, filepath.Join(tmp, cfg.Package, filepath.Base(f.Path)), f.Data)
		}
	}
	writeFile(t, filepath.Join(tmp, "go.mod"), []byte("module casetest\n\ngo 1.26\n"))
	var driver strings.Builder
	if err := driverTemplate.Execute(&driver, map[string]any{"Pkg": cfg.Package, "Types": types}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(tmp, "main.go"), []byte(driver.String()))
	args := []string{"run", "."}
	for _, d := range docs {
		abs, _ := filepath.Abs(d.file)
		args = append(args, d.goType+"="+abs)
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	output, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the generated package does not build or run: %v\n%s", err, output)
	}
	results := strings.Split(strings.TrimSuffix(string(output), "\x00\n"), "\x00\n")
	if len(docs) == 0 {
		return
	}
	if len(results) != len(docs) {
		t.Fatalf("driver printed %d results for %d documents:\n%s", len(results), len(docs), output)
	}
	for i, d := range docs {
		got := strings.TrimSpace(results[i])
		// A pointer into another file of the case names it: "other.yaml#/...".
		file, frag, _ := strings.Cut(d.pointer, "#")
		schemaFile := cfg.Schema
		if file != "" {
			schemaFile = filepath.Join(filepath.Dir(cfg.Schema), file)
		}
		ref, err := reference.CompileFile(schemaFile, "#"+frag)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(d.file)
		refErr := reference.Validate(ref, data)
		if (got == "valid") != (refErr == nil) {
			t.Errorf("%s: generated code says %q, jsonschema/v5 says %v", d.file, got, refErr)
		}
		if d.golden != "" {
			want, err := os.ReadFile(d.golden)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitN(strings.TrimSpace(string(want)), "\n", 2)
			if len(lines) < 2 || lines[1] != got {
				t.Errorf("%s: generated code gives\n%s\nthe golden says\n%s", d.file, got, want)
			}
		}
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// driverTemplate is a program that decodes and validates each TYPE=FILE
// argument with the generated package and prints "valid" or one
// "path rule" line per violation, each result ending in NUL and newline.
var driverTemplate = template.Must(template.New("driver").Parse(`package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"casetest/{{.Pkg}}"
)

func main() {
	for _, arg := range os.Args[1:] {
		typ, file, _ := strings.Cut(arg, "=")
		data, err := os.ReadFile(file)
		if err != nil {
			panic(err)
		}
		err = check(typ, data)
		var verr *{{.Pkg}}.ValidationError
		switch {
		case err == nil:
			fmt.Println("valid")
		case errors.As(err, &verr):
			for _, v := range verr.Violations {
				p := v.Path
				if p == "" {
					p = "(root)"
				}
				fmt.Println(p, v.Rule)
			}
		default:
			fmt.Println("error", err)
		}
		fmt.Print("\x00\n")
	}
}

func check(typ string, data []byte) error {
	switch typ {
{{- range .Types}}
	case "{{.}}":
		x, err := {{$.Pkg}}.Decode{{.}}(data)
		if err != nil {
			return err
		}
		return x.Validate()
{{- end}}
	}
	panic("unknown type " + typ)
}
`))

// TestErrorCases generates from each schema of testdata/errors and
// compares the error output with <case>.golden (rewritten by -update).
func TestErrorCases(t *testing.T) {
	t.Chdir("..")
	schemas, err := filepath.Glob(filepath.Join("testdata", "errors", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(schemas) == 0 {
		t.Fatal("no cases in testdata/errors")
	}
	for _, s := range schemas {
		if strings.Contains(filepath.Base(s), ".part.") {
			continue // a file other cases $ref
		}
		name := strings.TrimSuffix(filepath.Base(s), ".yaml")
		t.Run(name, func(t *testing.T) {
			_, err := Generate(Config{Schema: s, OutDir: t.TempDir(), Package: "errcase"})
			if err == nil {
				t.Fatal("generation succeeded; an error case must fail")
			}
			got := err.Error() + "\n"
			golden := strings.TrimSuffix(s, ".yaml") + ".golden"
			if *update {
				writeFile(t, golden, []byte(got))
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("errors differ from %s:\n%s", golden, output.UnifiedDiff(golden, string(want), got))
			}
			for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
				if !strings.HasPrefix(line, s+":") {
					t.Errorf("error is not located in %s: %q", s, line)
				}
			}
		})
	}
}

// projectConfig is the repository's own generation, from dmsgen.yaml; the
// test must run in the module root.
func projectConfig(tb testing.TB) Config {
	tb.Helper()
	cfgs, err := LoadConfig(ConfigFile)
	if err != nil || len(cfgs) != 1 {
		tb.Fatalf("%s: %v (%d entries)", ConfigFile, err, len(cfgs))
	}
	return cfgs[0]
}
