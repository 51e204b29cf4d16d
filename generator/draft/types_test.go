package draft

import (
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// TestRangeOf: the ranges the prose states become bounds; none, several
// or one in a conditional sentence do not.
func TestRangeOf(t *testing.T) {
	for _, tc := range []struct {
		typ, desc string
		cond      string // a condition's text, left out of the reading
		min, max  string
		todo      string // kind of the to-do, "" for none
	}{
		{typ: "Integer", desc: "Replicas. Value range: 1 to 3.", min: "1", max: "3"},
		{typ: "Integer", desc: "Partitions.Value range: 1-200", min: "1", max: "200"},
		{typ: "Integer", desc: "Hours. The value range is 1-720, in hours.", min: "1", max: "720"},
		{typ: "Integer", desc: "At most this many. The value ranges from 1 to 50.", min: "1", max: "50"},
		{typ: "Integer", desc: "A number between 2 and 9.", min: "2", max: "9"},
		{typ: "Integer", desc: "Offset. The value must be greater than or equal to 0.", min: "0", max: "2147483647"},
		{typ: "Long", desc: "Size. Maximum: 64", min: "-9223372036854775808", max: "64"},
		{typ: "Integer", desc: "Count.", min: "-2147483648", max: "2147483647"},
		{typ: "Integer", desc: "Space. Value range: 300-300,000 GB.", min: "-2147483648", max: "2147483647", todo: ir.TodoUnsupported},
		{typ: "Integer", desc: "Period. If it is a month, the value ranges from 1 to 9.", cond: "If it is a month, the value ranges from 1 to 9", min: "-2147483648", max: "2147483647"},
		{typ: "Integer", desc: "Either. The value ranges from 1 to 9. Or the value ranges from 1 to 3.", min: "-2147483648", max: "2147483647", todo: ir.TodoUnsupported},
		{typ: "Integer", desc: "Big. The value ranges from 1 to 9999999999.", min: "-2147483648", max: "2147483647", todo: ir.TodoContradiction},
		{typ: "Number", desc: "Ratio. The value ranges from 0 to 100.", min: "0", max: "100"},
		{typ: "String", desc: "Name. Value range: 1 to 64.", min: "", max: ""},
	} {
		r := &rstdoc.Row{Name: "n", Type: tc.typ, Description: tc.desc, Line: 7}
		if tc.cond != "" {
			r.Unread = []rstdoc.Sentence{{Text: tc.cond, Line: 7}}
		}
		s := scalarShape(tc.typ)
		var todos []Todo
		rangeOf(s, r, func(kind, format string, args ...any) { todos = append(todos, Todo{Kind: kind}) })
		if s.min != tc.min || s.max != tc.max {
			t.Errorf("%q: bounds %q..%q, want %q..%q", tc.desc, s.min, s.max, tc.min, tc.max)
		}
		switch {
		case tc.todo == "" && len(todos) > 0:
			t.Errorf("%q: to-do %+v, want none", tc.desc, todos)
		case tc.todo != "" && (len(todos) != 1 || todos[0].Kind != tc.todo):
			t.Errorf("%q: to-dos %+v, want one %s", tc.desc, todos, tc.todo)
		}
	}
}

// TestQuote: a to-do quotes at most maxQuote characters of a sentence,
// cut at a word.
func TestQuote(t *testing.T) {
	short := "This parameter is mandatory when mode is set to fast"
	if got := quote(short); got != `"`+short+`"` {
		t.Errorf("quote(%q) = %s", short, got)
	}
	long := strings.Repeat("word ", 40)
	got := quote(long)
	if len(got) > maxQuote+5 || !strings.HasSuffix(got, `word..."`) {
		t.Errorf("quote of a long sentence = %s (%d bytes)", got, len(got))
	}
}

// TestNames: Go names the builder would refuse get x-go-name and
// x-go-type-name; the draft builds.
func TestNames(t *testing.T) {
	page := `:original_name: ListBoxes.html

.. _ListBoxes:

Listing Boxes
=============

GET /v1/boxes

Response Parameters
-------------------

**Status code: 200**

` + grid("**Table 1** Response body parameters", []string{"Parameter", "Type", "Description"},
		[]string{"status", "String", "State:\n\n-  **OPEN**\n-  **SHUT**"},
		[]string{"format", "String", "Layout."},
		[]string{"lids", "Array of :ref:`Lid <listboxes__response_lid>` objects", "Lids."}) + `
.. _listboxes__response_lid:

` + grid("**Table 2** Lid", []string{"Parameter", "Type", "Description"},
		[]string{"status", "String", "State:\n\n-  **UP**\n-  **DOWN**"},
		[]string{"kind", "String", "Kind:\n\n-  **a-b**\n-  **a_b**\n-  **-**"}) + `
Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
`
	ref := parsePages(t, map[string]string{"boxes/listing_boxes.rst": page})
	d, _ := check(t, ref, "boxes/listing_boxes.rst")
	y := string(d.YAML(Options{}))
	for _, want := range []string{
		"x-go-name: FormatValue",
		"x-go-type-name: LidStatus",
		"x-enum-varnames: [AB, AB2, Value3]",
		"$ref: '#/components/schemas/Lid'",
	} {
		if !strings.Contains(y, want) {
			t.Errorf("the draft lacks %q:\n%s", want, y)
		}
	}
}
