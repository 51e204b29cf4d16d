// Package schemas_test checks the hand-written schema against the
// documentation page it models.
package schemas_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// page reads the Create Smart Connect Task page from DMSGEN_DOCS. It fails
// when the variable names a folder that does not hold the page, and skips
// only when the variable is unset.
func page(t *testing.T) *rstdoc.Page {
	t.Helper()
	dir := os.Getenv("DMSGEN_DOCS")
	if dir == "" {
		t.Skip("DMSGEN_DOCS is not set; set it to the upstream docs folder (CI uses ../shared/docs)")
	}
	path := filepath.Join(dir, "smart_connect", "creating_a_smart_connect_task.rst")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("DMSGEN_DOCS=%s: %v", dir, err)
	}
	p, err := rstdoc.Parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func load(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile("smartconnect.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// docType is how a table's Type cell reads for a schema property.
func docType(ref *openapi3.SchemaRef) string {
	if ref.Ref != "" {
		return strings.TrimPrefix(ref.Ref, "#/components/schemas/") + " object"
	}
	v := ref.Value
	switch {
	case v.Type.Is("string"):
		return "String"
	case v.Type.Is("boolean"):
		return "Boolean"
	case v.Type.Is("integer") && v.Format == "int32":
		return "Integer"
	case v.Type.Is("integer") && v.Format == "int64":
		return "Long"
	}
	return fmt.Sprintf("unmapped %v/%s", v.Type, v.Format)
}

func rowType(r *rstdoc.Row) string {
	if r.IsObject {
		return r.Type + " object"
	}
	return r.Type
}

func rowNumber(ext map[string]any) int {
	f, _ := ext["x-doc-row"].(float64)
	return int(f)
}

// TestEveryRowIsModelled checks every row of every table of the page: the
// schema has the property, at the documented row, with the documented
// type, and nothing the page does not have.
func TestEveryRowIsModelled(t *testing.T) {
	p := page(t)
	doc := load(t)
	rows := 0

	// Table 1: path parameters.
	op := doc.Paths.Find("/v2/{project_id}/instances/{instance_id}/connector/tasks").Post
	t1 := p.Table(1)
	if t1 == nil {
		t.Fatal("the page has no Table 1")
	}
	if len(op.Parameters) != len(t1.Rows) {
		t.Errorf("Table 1 has %d rows, the operation %d parameters", len(t1.Rows), len(op.Parameters))
	}
	for i, r := range t1.Rows {
		rows++
		if i >= len(op.Parameters) {
			break
		}
		param := op.Parameters[i].Value
		if param.Name != r.Name || rowNumber(param.Extensions) != i+1 || !param.Required || !param.Schema.Value.Type.Is("string") {
			t.Errorf("Table 1 row %d (%s, line %d): parameter is %s (row %d, required %v)", i+1, r.Name, r.Line, param.Name, rowNumber(param.Extensions), param.Required)
		}
	}

	// Tables 2 to 7: one component each.
	byTable := map[int]string{}
	for name, s := range doc.Components.Schemas {
		if n, ok := s.Value.Extensions["x-doc-table"].(float64); ok {
			byTable[int(n)] = name
		}
	}
	for n := 2; n <= 7; n++ {
		table := p.Table(n)
		if table == nil {
			t.Errorf("the page has no Table %d", n)
			continue
		}
		name, ok := byTable[n]
		if !ok {
			t.Errorf("no component has x-doc-table: %d (%s)", n, table.Title)
			continue
		}
		if n > 2 && n != 5 && name != table.Title {
			t.Errorf("Table %d is %q, modelled by %s", n, table.Title, name)
		}
		comp := doc.Components.Schemas[name].Value
		if len(comp.Properties) != len(table.Rows) {
			t.Errorf("Table %d has %d rows, %s has %d properties", n, len(table.Rows), name, len(comp.Properties))
		}
		for i, r := range table.Rows {
			rows++
			prop, ok := comp.Properties[r.Name]
			if !ok {
				t.Errorf("Table %d row %d (%s, line %d): no property in %s", n, i+1, r.Name, r.Line, name)
				continue
			}
			ext := prop.Value.Extensions
			if prop.Ref != "" {
				ext = prop.Extensions
			}
			if got := rowNumber(ext); got != i+1 {
				t.Errorf("%s.%s: x-doc-row is %d, the page has it at row %d", name, r.Name, got, i+1)
			}
			if got, want := docType(prop), rowType(r); got != want {
				t.Errorf("%s.%s: type %s, the page says %s (line %d)", name, r.Name, got, want, r.Line)
			}
			if r.Mandatory == "Yes" && !contains(comp.Required, r.Name) {
				t.Errorf("%s.%s: mandatory on the page (line %d), not required in the schema", name, r.Name, r.Line)
			}
		}
	}
	if rows != 102 {
		t.Errorf("checked %d rows, the page has 102", rows)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
