package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/internal/testdirs"
)

// thingPage is a small made-up page: one operation, one table.
const thingPage = `:original_name: MakeThing.html

.. _MakeThing:

Making a Thing
==============

POST /v1/things

.. table:: **Table 1** Request body parameters

   +-----------+-----------+---------+--------------------------------+
   | Parameter | Mandatory | Type    | Description                    |
   +===========+===========+=========+================================+
   | name      | Yes       | String  | What to call it.               |
   +-----------+-----------+---------+--------------------------------+
   | size      | No        | Integer | How big it is.                 |
   +-----------+-----------+---------+--------------------------------+
   | note      | No        | String  | If it is red, say so here.     |
   +-----------+-----------+---------+--------------------------------+

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         Made.
=========== ===========
`

// thingSizeLine is the line of the size row in thingPage.
const thingSizeLine = 17

// otherPage is a page no schema models.
const otherPage = `:original_name: DropThing.html

Dropping a Thing
================

DELETE /v1/things/{id}
`

const thingSchema = `openapi: 3.1.0
info: {title: Things, version: "1"}
paths:
  /v1/things:
    post:
      operationId: MakeThing
      x-doc-page: things/making_a_thing.rst
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        "200": {description: Made.}
components:
  schemas:
    Thing:
      x-doc-tables: [makething__request_body_parameters]
      type: object
      required: [name]
      properties:
        name: {x-doc-row: 1, type: string}
        size: {x-doc-row: 2, type: integer, format: int32, minimum: -2147483648, maximum: 2147483647}
        note:
          x-doc-row: 3
          type: string
          x-doc-deviation: {kind: unchecked-rule, doc: red things want a note, reason: Colour is not in the request.}
`

// writeThing writes the pages (things/making_a_thing.rst and
// things/dropping_a_thing.rst) and the schema, with the replacements old,
// new, ..., to a temporary folder; it returns the folder of pages and the
// schema file.
func writeThing(t *testing.T, edits ...string) (docs, schemaPath string) {
	t.Helper()
	dir := t.TempDir()
	schema := thingSchema
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(schema, edits[i]) {
			t.Fatalf("the schema has no %q", edits[i])
		}
		schema = strings.Replace(schema, edits[i], edits[i+1], 1)
	}
	docs, schemaPath = filepath.Join(dir, "docs"), filepath.Join(dir, "thing.yaml")
	for name, text := range map[string]string{"making_a_thing.rst": thingPage, "dropping_a_thing.rst": otherPage} {
		copyText(t, filepath.Join(docs, "things", name), text)
	}
	copyText(t, schemaPath, schema)
	return docs, schemaPath
}

func copyText(t *testing.T, file, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDoccheckAgrees: a folder and a schema that agree exit 0; the output
// is the page's header, its accepted deviations in one line, and the
// coverage summary.
func TestDoccheckAgrees(t *testing.T) {
	docs, schemaPath := writeThing(t)
	code, out, errOut := runCmd("doccheck", "--docs", docs, "--schema", schemaPath)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	page := filepath.Join(docs, "things", "making_a_thing.rst")
	want := "== things/making_a_thing.rst (MakeThing): agrees, 1 accepted deviation(s)\n" +
		page + ": accepted: 1 deviation(s): unchecked-rule 1 (-v lists them)\n" +
		"doccheck: the pages and the schema agree: 1 page(s) modelled, 0 difference(s), 0 stale deviation(s), 1 accepted deviation(s)\n" +
		"doccheck: 0 operation(s) without a page\n" +
		"doccheck: 1 page(s) of " + docs + " not modelled (not a failure):\n\tthings/dropping_a_thing.rst\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	code, out, _ = runCmd("doccheck", "--docs", docs, "--schema", schemaPath, "-v")
	if code != 0 || !strings.Contains(out, page+":19: "+schemaPath+":23:9: accepted: unchecked-rule: Thing.note: ") || !strings.Contains(out, "(reason: Colour is not in the request.)") {
		t.Errorf("-v: exit %d\n%s", code, out)
	}
}

// TestDoccheckDifference: a difference exits 1 with one
// "PAGE:LINE: SCHEMA:LINE:COL: kind: message" line, in text and in JSON.
func TestDoccheckDifference(t *testing.T) {
	docs, schemaPath := writeThing(t, "format: int32, minimum: -2147483648, maximum: 2147483647", "format: int64, minimum: -9223372036854775808, maximum: 9223372036854775807")
	code, out, errOut := runCmd("doccheck", "--docs", docs, "--schema", schemaPath)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	page := filepath.Join(docs, "things", "making_a_thing.rst")
	want := fmt.Sprintf("%s:%d: %s:22:9: type: Thing.size: the page says Integer; the schema has Long\n", page, thingSizeLine, schemaPath)
	if !strings.Contains(out, "== things/making_a_thing.rst (MakeThing): 1 difference(s), 1 accepted deviation(s)\n"+want) ||
		!strings.Contains(out, "doccheck: the pages and the schema differ: 1 page(s) modelled, 1 difference(s), 0 stale deviation(s), 1 accepted deviation(s)\n") {
		t.Errorf("output:\n%s\nwant the line:\n%s", out, want)
	}

	code, out, _ = runCmd("doccheck", "--docs", docs, "--schema", schemaPath, "--format", "json")
	if code != 1 {
		t.Fatalf("json: exit %d", code)
	}
	var report struct {
		OK          bool `json:"ok"`
		Differences int  `json:"differences"`
		Pages       []struct {
			Page     string `json:"page"`
			Findings []struct {
				Kind      string `json:"kind"`
				PageLine  int    `json:"page_line"`
				SchemaPos string `json:"schema_pos"`
				Status    string `json:"status"`
			} `json:"findings"`
		} `json:"pages"`
		NotModelled []string `json:"pages_not_modelled"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("json output: %v\n%s", err, out)
	}
	if report.OK || report.Differences != 1 || len(report.Pages) != 1 || len(report.Pages[0].Findings) != 2 || len(report.NotModelled) != 1 {
		t.Fatalf("json report: %+v", report)
	}
	f := report.Pages[0].Findings[0]
	if f.Kind != "type" || f.PageLine != thingSizeLine || f.SchemaPos != schemaPath+":22:9" || f.Status != "difference" {
		t.Errorf("json finding: %+v", f)
	}
}

// TestDoccheckOnePage: --doc checks one page; without --docs the folder
// is what the page's path has before the x-doc-page that names it.
func TestDoccheckOnePage(t *testing.T) {
	docs, schemaPath := writeThing(t)
	page := filepath.Join(docs, "things", "making_a_thing.rst")
	for _, args := range [][]string{
		{"doccheck", "--doc", page, "--schema", schemaPath},
		{"doccheck", "--docs", docs, "--doc", page, "--schema", schemaPath},
	} {
		code, out, errOut := runCmd(args...)
		if code != 0 || !strings.HasPrefix(out, "== things/making_a_thing.rst (MakeThing): agrees") {
			t.Errorf("%v: exit %d\n%s%s", args[1:], code, out, errOut)
		}
	}
}

// TestDoccheckSchemas: two schemas, each modelling a page, are checked
// together.
func TestDoccheckSchemas(t *testing.T) {
	docs, schemaPath := writeThing(t)
	other := filepath.Join(filepath.Dir(schemaPath), "drop.yaml")
	copyText(t, other, `openapi: 3.1.0
info: {title: Dropping, version: "1"}
paths:
  /v1/things/{id}:
    delete:
      operationId: DropThing
      x-doc-page: things/dropping_a_thing.rst
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: Dropped.}
`)
	code, out, errOut := runCmd("doccheck", "--docs", docs, "--schema", schemaPath, "--schema", other)
	// The dropping page lists no status codes: the schema's 204 is a
	// difference.
	if code != 1 || !strings.Contains(out, "== things/dropping_a_thing.rst (DropThing): 1 difference(s)") || !strings.Contains(out, "2 page(s) modelled") ||
		!strings.Contains(out, "doccheck: 0 page(s) of "+docs+" not modelled") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// TestDoccheckUsage: bad flags and unreadable input exit 2.
func TestDoccheckUsage(t *testing.T) {
	docs, schemaPath := writeThing(t)
	dir := filepath.Dir(schemaPath)
	badSchema := filepath.Join(dir, "bad.yaml")
	copyText(t, badSchema, "openapi: [\n")
	invalid := filepath.Join(dir, "invalid.yaml")
	copyText(t, invalid, strings.Replace(thingSchema, "x-doc-row: 1,", "x-doc-row: one,", 1))
	stray := filepath.Join(dir, "stray.rst")
	copyText(t, stray, thingPage)
	for _, args := range [][]string{
		{"doccheck"},
		{"doccheck", "--docs", docs},
		{"doccheck", "--schema", schemaPath},
		{"doccheck", "--docs", docs, "--schema", schemaPath, "--format", "xml"},
		{"doccheck", "--docs", docs, "--schema", schemaPath, "extra"},
		{"doccheck", "--nope"},
		{"doccheck", "--docs", filepath.Join(dir, "missing"), "--schema", schemaPath},
		{"doccheck", "--docs", docs, "--schema", filepath.Join(dir, "missing.yaml")},
		{"doccheck", "--docs", docs, "--schema", badSchema},
		{"doccheck", "--docs", docs, "--schema", invalid},
		{"doccheck", "--doc", stray, "--schema", schemaPath},
		{"doccheck", "--doc", filepath.Join(docs, "missing.rst"), "--schema", schemaPath},
		{"doccheck", "--docs", docs, "--doc", stray, "--schema", schemaPath},
	} {
		code, out, errOut := runCmd(args...)
		if code != 2 || errOut == "" || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 with a message on stderr only", args[1:], code, out, errOut)
		}
	}
}

// realDocs returns DMSGEN_DOCS: the test is skipped when it is unset and
// fails when it names no folder.
func realDocs(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(testdirs.Env(t, "DMSGEN_DOCS", "the upstream docs folder (../shared/docs)"))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// TestDoccheckRealFolder: the project's schema and the upstream folder
// agree but for the recorded deviations; the other pages are listed.
func TestDoccheckRealFolder(t *testing.T) {
	docs := realDocs(t)
	project(t)
	code, out, errOut := runCmd("doccheck", "--docs", docs, "--schema", "schemas/smartconnect.yaml")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"doccheck: the pages and the schema agree: 9 page(s) modelled, 0 difference(s), 0 stale deviation(s), 33 accepted deviation(s)\n",
		"doccheck: 0 operation(s) without a page\n",
		"doccheck: 57 page(s) of " + docs + " not modelled (not a failure):\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n== "); n != 8 || !strings.HasPrefix(out, "== ") {
		t.Errorf("%d page headers, want 9\n%s", n+1, out)
	}
}

// TestDoccheckRealPageRetyped: the upstream folder with one field retyped
// exits 1 and names the row and the schema line.
func TestDoccheckRealPageRetyped(t *testing.T) {
	src := realDocs(t)
	project(t)
	docs := filepath.Join(t.TempDir(), "docs")
	if err := os.CopyFS(docs, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(docs, "smart_connect", "creating_a_smart_connect_task.rst")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
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
	copyText(t, file, strings.Join(lines, "\n"))
	code, out, errOut := runCmd("doccheck", "--docs", docs, "--schema", "schemas/smartconnect.yaml")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	prefix := fmt.Sprintf("%s:%d: schemas/smartconnect.yaml:", file, row+1)
	found := false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, prefix) && strings.Contains(l, ": type: SmartConnectTaskReqSourceConfig.replication_factor: the page says String; the schema has Integer"):
			found = true
		case strings.HasPrefix(l, docs) && !strings.Contains(l, ": accepted: "):
			t.Errorf("unexpected line %q", l)
		}
	}
	if !found {
		t.Errorf("no type finding at %s\n%s", prefix, out)
	}
}
