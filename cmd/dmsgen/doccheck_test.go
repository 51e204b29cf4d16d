package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// thingPage is a small made-up page: one operation, one table.
const thingPage = `Making a Thing
==============

POST /v1/things

.. table:: **Table 1** Request body parameters

   +-----------+-----------+---------+------------------+
   | Parameter | Mandatory | Type    | Description      |
   +===========+===========+=========+==================+
   | name      | Yes       | String  | What to call it. |
   +-----------+-----------+---------+------------------+
   | size      | No        | Integer | How big it is.   |
   +-----------+-----------+---------+------------------+
`

// thingSizeLine is the line of the size row in thingPage.
const thingSizeLine = 13

const thingSchema = `openapi: 3.1.0
info: {title: Things, version: "1"}
paths:
  /v1/things:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        "200": {description: Made.}
components:
  schemas:
    Thing:
      x-doc-table: 1
      type: object
      required: [name]
      properties:
        name: {x-doc-row: 1, type: string}
        size: {x-doc-row: 2, type: integer, format: int32}
`

// writeThing writes the page and the schema (with the replacements
// old, new, ...) to a temporary directory.
func writeThing(t *testing.T, edits ...string) (pagePath, schemaPath string) {
	t.Helper()
	dir := t.TempDir()
	schema := thingSchema
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(schema, edits[i]) {
			t.Fatalf("the schema has no %q", edits[i])
		}
		schema = strings.Replace(schema, edits[i], edits[i+1], 1)
	}
	pagePath, schemaPath = filepath.Join(dir, "thing.rst"), filepath.Join(dir, "thing.yaml")
	if err := os.WriteFile(pagePath, []byte(thingPage), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(schemaPath, []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	return pagePath, schemaPath
}

// TestDoccheckAgrees: a page and a schema that agree exit 0 with only the
// summary line.
func TestDoccheckAgrees(t *testing.T) {
	pagePath, schemaPath := writeThing(t)
	code, out, errOut := runCmd("doccheck", "--doc", pagePath, "--schema", schemaPath)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if out != "doccheck: page and schema agree: 0 difference(s), 0 stale deviation(s), 0 accepted deviation(s)\n" {
		t.Errorf("output %q", out)
	}
}

// TestDoccheckDifference: a difference exits 1 with one
// "PAGE:LINE: SCHEMA:LINE: kind: message" line, in text and in JSON.
func TestDoccheckDifference(t *testing.T) {
	pagePath, schemaPath := writeThing(t, "format: int32", "format: int64")
	code, out, errOut := runCmd("doccheck", "--doc", pagePath, "--schema", schemaPath)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := fmt.Sprintf("%s:%d: %s:20: type: Thing.size: the page says Integer; the schema has Long", pagePath, thingSizeLine, schemaPath)
	if len(lines) != 2 || lines[0] != want || !strings.HasPrefix(lines[1], "doccheck: page and schema differ: 1 difference(s)") {
		t.Errorf("output:\n%s\nwant first line:\n%s", out, want)
	}

	code, out, _ = runCmd("doccheck", "--doc", pagePath, "--schema", schemaPath, "--format", "json")
	if code != 1 {
		t.Fatalf("json: exit %d", code)
	}
	var report struct {
		OK       bool
		Findings []struct {
			Kind      string `json:"kind"`
			PageLine  int    `json:"page_line"`
			SchemaPos string `json:"schema_pos"`
			Status    string `json:"status"`
		}
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("json output: %v\n%s", err, out)
	}
	if report.OK || len(report.Findings) != 1 || report.Findings[0].Kind != "type" || report.Findings[0].PageLine != thingSizeLine ||
		report.Findings[0].SchemaPos != schemaPath+":20" || report.Findings[0].Status != "difference" {
		t.Errorf("json report: %+v", report)
	}
}

// TestDoccheckUsage: bad flags and unreadable input exit 2.
func TestDoccheckUsage(t *testing.T) {
	pagePath, schemaPath := writeThing(t)
	dir := filepath.Dir(pagePath)
	twoOps := filepath.Join(dir, "two.rst")
	if err := os.WriteFile(twoOps, []byte("POST /a\n\nPOST /b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badSchema := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badSchema, []byte("openapi: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"doccheck"},
		{"doccheck", "--doc", pagePath, "--schema", schemaPath, "--format", "xml"},
		{"doccheck", "--doc", pagePath, "--schema", schemaPath, "extra"},
		{"doccheck", "--nope"},
		{"doccheck", "--doc", filepath.Join(dir, "missing.rst"), "--schema", schemaPath},
		{"doccheck", "--doc", twoOps, "--schema", schemaPath},
		{"doccheck", "--doc", pagePath, "--schema", filepath.Join(dir, "missing.yaml")},
		{"doccheck", "--doc", pagePath, "--schema", badSchema},
	} {
		code, out, errOut := runCmd(args...)
		if code != 2 || errOut == "" || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 with a message on stderr only", args[1:], code, out, errOut)
		}
	}
}

// realPage returns the upstream page's path from DMSGEN_DOCS: skipped when
// unset, fatal when set but missing.
func realPage(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DMSGEN_DOCS")
	if dir == "" {
		t.Skip("DMSGEN_DOCS is not set; set it to the upstream docs folder (../shared/docs) to check the real page")
	}
	path, err := filepath.Abs(filepath.Join(dir, "smart_connect", "creating_a_smart_connect_task.rst"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("DMSGEN_DOCS is set but the page is missing: %v", err)
	}
	return path
}

// TestDoccheckRealPage: the project's schema and
// the upstream page agree but for the recorded deviations.
func TestDoccheckRealPage(t *testing.T) {
	page := realPage(t)
	project(t)
	code, out, errOut := runCmd("doccheck", "--doc", page, "--schema", "schemas/smartconnect.yaml")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := map[string]int{
		"SmartConnectTaskReqSourceConfig.dcs_instance_id":   1,
		"SmartConnectTaskReqSinkConfig.dcs_instance_id":     1,
		"SmartConnectTaskReqSourceConfig.security_protocol": 1,
		"SmartConnectTaskReqSourceConfig.topics_mapping":    1,
		"SmartConnectTaskReqSinkConfig.record_delimiter":    1,
	}
	for _, l := range lines[:len(lines)-1] {
		if !strings.HasPrefix(l, page+":") || !strings.Contains(l, " schemas/smartconnect.yaml:") || !strings.Contains(l, ": accepted: ") || !strings.Contains(l, "(reason: ") {
			t.Errorf("line %q: want an accepted deviation with its reason", l)
		}
		for field := range want {
			if strings.Contains(l, ": "+field+": ") {
				want[field]--
			}
		}
	}
	for field, n := range want {
		if n != 0 {
			t.Errorf("%s: listed %d times, want once", field, 1-n)
		}
	}
	if last := lines[len(lines)-1]; last != "doccheck: page and schema agree: 0 difference(s), 0 stale deviation(s), 5 accepted deviation(s)" {
		t.Errorf("summary %q", last)
	}
}

// TestDoccheckRealPageRetyped: the upstream page with one field retyped
// exits 1 and names the row.
func TestDoccheckRealPageRetyped(t *testing.T) {
	src, err := os.ReadFile(realPage(t))
	if err != nil {
		t.Fatal(err)
	}
	project(t)
	lines := strings.Split(string(src), "\n")
	row := -1
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "| replication_factor ") {
			row = i
			break
		}
	}
	if row < 0 || !strings.Contains(lines[row], "| Integer         |") {
		t.Fatalf("no replication_factor row typed Integer")
	}
	lines[row] = strings.Replace(lines[row], "| Integer         |", "| String          |", 1)
	page := filepath.Join(t.TempDir(), "page.rst")
	if err := os.WriteFile(page, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd("doccheck", "--doc", page, "--schema", "schemas/smartconnect.yaml", "--format", "text")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	prefix := fmt.Sprintf("%s:%d: schemas/smartconnect.yaml:", page, row+1)
	found := false
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) && strings.Contains(l, ": type: SmartConnectTaskReqSourceConfig.replication_factor: ") {
			found = true
		} else if l != "" && !strings.Contains(l, ": accepted: ") && !strings.HasPrefix(l, "doccheck: ") {
			t.Errorf("unexpected line %q", l)
		}
	}
	if !found {
		t.Errorf("no type finding at %s\n%s", prefix, out)
	}
}
