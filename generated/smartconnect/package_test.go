package smartconnect_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedHeader checks that every non-test file but generate.go,
// which holds the directive that regenerates the package, is generated: the
// package holds generated code only, besides hand-written tests.
func TestGeneratedHeader(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "generate.go" {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		first, _, _ := bytes.Cut(data, []byte("\n"))
		if !strings.HasPrefix(string(first), "// Code generated ") || !strings.HasSuffix(string(first), " DO NOT EDIT.") {
			t.Errorf("%s: first line %q is not a generated-code header", name, first)
		}
	}
	if checked == 0 {
		t.Fatal("no files checked")
	}
}
