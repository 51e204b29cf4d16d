package smartconnect_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/internal/reference"
)

// fixtureDir holds the generated fixtures of the request type.
var fixtureDir = filepath.Join("..", "..", "testdata", "fixtures", "CreateConnectorTaskRequest")

// verdictLines decodes and validates doc with the generated package and
// returns its violations as "path rule" lines, or "valid".
func verdictLines(doc []byte) []string {
	req, err := smartconnect.DecodeCreateConnectorTaskRequest(doc)
	if err == nil {
		err = req.Validate()
	}
	if err == nil {
		return []string{"valid"}
	}
	var verr *smartconnect.ValidationError
	if !errors.As(err, &verr) {
		return []string{"error " + err.Error()}
	}
	var lines []string
	for _, v := range verr.Violations {
		p := v.Path
		if p == "" {
			p = "(root)"
		}
		lines = append(lines, p+" "+v.Rule)
	}
	return lines
}

// TestFixtures runs every generated fixture through the generated decoder
// and validator and through jsonschema/v5: both must give the golden
// verdict, and the generated one the golden violations, in order.
func TestFixtures(t *testing.T) {
	doc, err := reference.Load(reference.SchemaPath())
	if err != nil {
		t.Fatal(err)
	}
	schema, err := doc.Compile("#/components/schemas/CreateConnectorTaskRequest")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no fixtures in %s; run make generate", fixtureDir)
	}
	valid, invalid := 0, 0
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			golden, err := os.ReadFile(strings.TrimSuffix(file, ".json") + ".golden")
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(golden)), "\n")
			if len(lines) < 2 || !strings.HasPrefix(lines[0], "# Code generated") {
				t.Fatalf("golden file has no header and verdict:\n%s", golden)
			}
			want := lines[1:]
			got := verdictLines(data)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("generated validator:\n got %q\nwant %q", got, want)
			}
			wantValid := len(want) == 1 && want[0] == "valid"
			refErr := reference.Validate(schema, data)
			if (refErr == nil) != wantValid {
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

// TestEveryRuleIsBroken checks that for every rule pointer in the
// generated validator there is a fixture that breaks it.
func TestEveryRuleIsBroken(t *testing.T) {
	src, err := os.ReadFile("validate.go")
	if err != nil {
		t.Fatal(err)
	}
	broken := map[string]bool{}
	goldens, _ := filepath.Glob(filepath.Join(fixtureDir, "*.golden"))
	for _, g := range goldens {
		data, _ := os.ReadFile(g)
		for _, line := range strings.Split(string(data), "\n")[1:] {
			if _, rule, ok := strings.Cut(line, " "); ok {
				broken[rule] = true
			}
		}
	}
	rules := 0
	for _, field := range strings.Split(string(src), `"#/components/schemas/`)[1:] {
		rule := "#/components/schemas/" + field[:strings.IndexByte(field, '"')]
		if !strings.Contains(rule, "CreateConnectorTaskRequest") && !strings.Contains(rule, "SmartConnectTaskReq") {
			continue // response types: no request fixtures reach them
		}
		if strings.HasSuffix(rule, "/type") {
			continue // the Validate guard against a nil receiver
		}
		rules++
		if !broken[rule] {
			t.Errorf("no fixture breaks %s", rule)
		}
	}
	if rules == 0 {
		t.Fatal("found no rules in validate.go")
	}
}
