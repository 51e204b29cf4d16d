package smartconnect_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

// fixtureRoot holds the generated fixtures: a folder per type, each
// document NAME.json with its expected verdict in NAME.golden.
const fixtureRoot = "testdata/fixtures"

// checkers decode and validate a document of each type that is a body of
// an operation, by type name.
func checkers() map[string]func([]byte) error {
	m := map[string]func([]byte) error{}
	for _, op := range smartconnect.Operations() {
		if op.CheckRequest != nil {
			m[op.Request] = op.CheckRequest
		}
		if op.CheckResponse != nil {
			m[op.Response] = op.CheckResponse
		}
	}
	return m
}

// verdictLines returns the violations of err as "path rule" lines, or
// "valid".
func verdictLines(err error) []string {
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
// and validator: each must give its golden violations, in order. (The
// test-tools module holds the same fixtures against jsonschema/v5.)
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtureRoot, "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no fixtures in %s; run make generate", fixtureRoot)
	}
	valid, invalid := 0, 0
	checkers := checkers()
	for _, file := range files {
		typ := filepath.Base(filepath.Dir(file))
		name := typ + "/" + strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			check, ok := checkers[typ]
			if !ok {
				t.Fatalf("no checker for fixtures of %s", typ)
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
			if len(lines) < 2 || !strings.HasPrefix(lines[0], "# Code generated") {
				t.Fatalf("golden file has no header and verdict:\n%s", golden)
			}
			want := lines[1:]
			if got := verdictLines(check(data)); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got %q\nwant %q", got, want)
			}
			if len(want) == 1 && want[0] == "valid" {
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

// TestEveryRuleIsBroken checks that for every rule pointer of a request
// type in the generated validator there is a fixture that breaks it.
func TestEveryRuleIsBroken(t *testing.T) {
	src, err := os.ReadFile("validate.go")
	if err != nil {
		t.Fatal(err)
	}
	broken := map[string]bool{}
	goldens, _ := filepath.Glob(filepath.Join(fixtureRoot, "*", "*.golden"))
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
