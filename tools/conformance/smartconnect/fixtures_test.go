package smartconnect_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/internal/reference"
)

// generatedDir is the generated package, whose fixtures these tests read.
var generatedDir = filepath.Join("..", "..", "..", "generated", "smartconnect")

// TestFixturesAgainstReference runs every generated fixture through
// jsonschema/v5 on the schema of its type: the reference must agree with
// the golden verdict (valid or not). The generated package's own tests
// check that its decoders and validators give the golden violations.
func TestFixturesAgainstReference(t *testing.T) {
	doc, err := reference.Load(reference.SchemaPath())
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(generatedDir, "testdata", "fixtures", "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no fixtures under %s; run make generate", generatedDir)
	}
	valid, invalid := 0, 0
	for _, file := range files {
		typ := filepath.Base(filepath.Dir(file))
		t.Run(typ+"/"+strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			schema, err := doc.Compile("#/components/schemas/" + typ)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			golden, err := os.ReadFile(strings.TrimSuffix(file, ".json") + ".golden")
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(golden)), "\n")
			wantValid := len(lines) == 2 && lines[1] == "valid"
			if refErr := reference.Validate(schema, data); (refErr == nil) != wantValid {
				t.Errorf("jsonschema/v5 says valid=%v (%v), golden says valid=%v", refErr == nil, refErr, wantValid)
			}
			if wantValid {
				valid++
			} else {
				invalid++
			}
		})
	}
	if valid == 0 || invalid == 0 {
		t.Errorf("%d valid and %d invalid fixtures: both kinds must exist", valid, invalid)
	}
}
