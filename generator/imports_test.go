package generator

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportBoundaries holds the layers to their jobs: only the schema
// loader imports kin-openapi (doccheck reads the IR, as the emitters do),
// only the emitters import jennifer, the IR imports neither, and the
// run-time support the generated packages get imports the standard library
// only.
func TestImportBoundaries(t *testing.T) {
	const kin, jen = "github.com/getkin/kin-openapi", "github.com/dave/jennifer"
	rules := map[string]func(path string) bool{
		"ir":       func(p string) bool { return !strings.Contains(p, ".") },
		"support":  func(p string) bool { return !strings.Contains(p, ".") },
		"names":    func(p string) bool { return !strings.Contains(p, ".") },
		"schema":   func(p string) bool { return !strings.HasPrefix(p, jen) },
		"emit":     func(p string) bool { return !strings.HasPrefix(p, kin) },
		"fixtures": func(p string) bool { return !strings.HasPrefix(p, kin) && !strings.HasPrefix(p, jen) },
		"doccheck": func(p string) bool { return !strings.HasPrefix(p, kin) && !strings.HasPrefix(p, jen) },
		"rstdoc":   func(p string) bool { return !strings.Contains(p, ".") },
		".":        func(p string) bool { return !strings.HasPrefix(p, kin) && !strings.HasPrefix(p, jen) },
	}
	for dir, allowed := range rules {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				first, _, _ := strings.Cut(path, "/")
				if strings.Contains(first, ".") && strings.HasPrefix(path, "github.com/dmsgen/dmsgen/") {
					continue // the project's own packages
				}
				if !allowed(path) {
					t.Errorf("%s imports %s, which its layer must not", file, path)
				}
			}
		}
	}
}
