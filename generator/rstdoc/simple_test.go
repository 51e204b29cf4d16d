package rstdoc

import (
	"strings"
	"testing"
)

// simplePage holds a simple table in a directive; line numbers matter.
const simplePage = `Reply Fields
------------

**Status code: 200**

.. table:: **Table 4** Crumb

   ========= ======= =================
   Parameter Type    Description
   ========= ======= =================
   crumb_id  String  Crumb ID.
   size      Integer Size in grams,
                     rounded down. Text of the last column may run past its border.
   kind      String  Crumb kind:

                     -  **fine**
                     -  **coarse**
   ========= ======= =================

After.
`

func TestSimpleTable(t *testing.T) {
	p := mustParse(t, simplePage)
	tb := p.Table(4)
	if tb == nil || len(tb.Rows) != 3 {
		t.Fatalf("Table(4) = %+v", tb)
	}
	check(t, "table", [5]any{tb.Line, tb.Title, tb.Status, tb.IsParameters, tb.HasMandatory}, [5]any{6, "Crumb", 200, true, false})
	check(t, "Columns", tb.Columns, []string{"Parameter", "Type", "Description"})
	r := tb.Rows[1]
	check(t, "size", [3]any{r.Line, r.Name, r.Type}, [3]any{12, "size", "Integer"})
	check(t, "size Description", r.Description, "Size in grams, rounded down. Text of the last column may run past its border.")
	r = tb.Rows[2]
	check(t, "kind Description", r.Description, "Crumb kind: - fine - coarse")
	check(t, "kind Values", r.Values, []string{"fine", "coarse"})
	check(t, "kind Cells", r.Cells, []string{"kind", "String", "Crumb kind: - fine - coarse"})
}

func TestBareSimpleTable(t *testing.T) {
	p := mustParse(t, ".. _loose_simple:\n\n========= ====\nParameter Type\n========= ====\nz         Long\n========= ====\n")
	if len(p.Tables) != 1 {
		t.Fatalf("got %d tables", len(p.Tables))
	}
	tb := p.Tables[0]
	check(t, "table", [4]any{tb.Number, tb.Line, tb.Anchor, tb.ID}, [4]any{0, 3, "loose_simple", "loose_simple"})
	check(t, "row", [3]any{tb.Rows[0].Name, tb.Rows[0].Type, tb.Rows[0].Line}, [3]any{"z", "Long", 6})
}

func TestSimpleTableErrors(t *testing.T) {
	table := func(lines ...string) string { return strings.Join(lines, "\n") + "\n" }
	tests := []struct{ name, src, want string }{
		{"text in a gap", table("===== =====", "Parameter Type", "===== =====", "a     b", "===== ====="),
			"e.rst:2: text between columns 1 and 2 of the simple table at column 6"},
		{"no bottom border", table("========= ====", "Parameter Type", "========= ====", "a         b"),
			"e.rst:1: simple table has no bottom border"},
		{"no header", table("========= ====", "a         b", "========= ====", ""),
			"e.rst:1: table has no header separator line (=== ===)"},
		{"two header rows", table("========= ====", "Parameter Type", "Other     Row", "========= ====", "a         b", "========= ===="),
			"e.rst:4: header separator (=== ===) after 2 rows; want one header row"},
		{"second header separator", table("========= ====", "Parameter Type", "========= ====", "a         b", "========= ====", "c         d", "========= ===="),
			"e.rst:5: second header separator (=== ===) in table"},
		{"ragged border", table("========= ====", "Parameter Type", "========== ===", "a         b", "========= ===="),
			"e.rst:3: simple table border does not match the top border"},
		{"column span", table("========= ====", "Parameter Type", "--------- ----", "========= ====", "a         b", "========= ===="),
			"e.rst:3: column span lines (---) in simple tables are not supported"},
		{"continuation first", table("========= ====", "          Type", "========= ====", "a         b", "========= ===="),
			"e.rst:2: table row has an empty first column"},
		{"outdented line", table("   ========= ====", "   Parameter Type", "   ========= ====", "  a          b", "   ========= ===="),
			"e.rst:4: table line starts at column 3, the table's top border at column 4"},
		{"unknown column", table("========= ====", "Parameter Kind", "========= ====", "a         b", "========= ===="),
			`e.rst:2: table header has an unknown column "Kind"`},
	}
	for _, tt := range tests {
		_, err := Parse("e.rst", []byte(tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want prefix %q", tt.name, err, tt.want)
		}
	}
}
