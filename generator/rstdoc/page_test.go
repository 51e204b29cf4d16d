package rstdoc

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// handPage is a page written by hand (not rendered by gridTable), so that
// the parser is tested on hand-aligned text. Line numbers matter below.
const handPage = `:original_name: BakeLoaf.html

.. _BakeLoaf:

Baking a Loaf
=============

Purpose
-------

Starts one loaf in an oven.

URI
---

PUT /v3/{bakery_id}/ovens/{oven_id}/loaves

.. table:: **Table 1** Path values

   +-----------+-----------+---------+----------------------------+
   | Parameter | Mandatory | Type    | Description                |
   +===========+===========+=========+============================+
   | bakery_id | Yes       | String  | Bakery that owns the oven. |
   +-----------+-----------+---------+----------------------------+
   | oven_id   | Yes       | String  | Oven to use. A bar (|) in  |
   |           |           |         | text is fine.              |
   +-----------+-----------+---------+----------------------------+

`

func TestPageHeader(t *testing.T) {
	p := mustParse(t, handPage)
	check(t, "Title", p.Title, "Baking a Loaf")
	check(t, "Method", p.Method, "PUT")
	check(t, "Path", p.Path, "/v3/{bakery_id}/ovens/{oven_id}/loaves")
	check(t, "PathLine", p.PathLine, 16)
}

func TestOverlinedTitle(t *testing.T) {
	p := mustParse(t, "=========\nOven Book\n=========\n\nText.\n\nNext Part\n---------\n")
	check(t, "Title", p.Title, "Oven Book")
}

func TestSecondOperationLine(t *testing.T) {
	_, err := Parse("two.rst", []byte("GET /a\n\nPOST /b\n"))
	if err == nil || err.Error() != `two.rst:3: second operation line "POST /b" (the first is on line 1)` {
		t.Fatalf("err = %v", err)
	}
}

func TestHandWrittenTable(t *testing.T) {
	p := mustParse(t, handPage)
	if len(p.Tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(p.Tables))
	}
	tb := p.Tables[0]
	check(t, "Number", tb.Number, 1)
	check(t, "Title", tb.Title, "Path values")
	check(t, "Line", tb.Line, 18)
	check(t, "Anchor", tb.Anchor, "")
	check(t, "Section", tb.Section, "URI")
	check(t, "HasMandatory", tb.HasMandatory, true)
	if len(tb.Rows) != 2 {
		t.Fatalf("got %d rows, want 2", len(tb.Rows))
	}
	r := tb.Rows[0]
	check(t, "row 0", [4]any{r.Line, r.Name, r.Mandatory, r.Type}, [4]any{23, "bakery_id", "Yes", "String"})
	check(t, "row 0 Description", r.Description, "Bakery that owns the oven.")
	r = tb.Rows[1]
	check(t, "row 1", [4]any{r.Line, r.Name, r.Mandatory, r.Type}, [4]any{25, "oven_id", "Yes", "String"})
	check(t, "row 1 Description", r.Description, "Oven to use. A bar (|) in text is fine.")
}

func TestTableWithoutMandatory(t *testing.T) {
	p := mustParse(t, "Reply Fields\n------------\n\n**Status code: 201**\n\n"+
		tableDirective("", "**Table 7** Reply body", shortHeader,
			[]string{"loaf_id", "String", "Loaf ID."},
			[]string{"weight", "Integer", "Weight in grams."}))
	tb := p.Table(7)
	if tb == nil {
		t.Fatal("Table(7) = nil")
	}
	check(t, "HasMandatory", tb.HasMandatory, false)
	check(t, "Status", tb.Status, 201)
	check(t, "Section", tb.Section, "Reply Fields")
	check(t, "Title", tb.Title, "Reply body")
	for _, r := range tb.Rows {
		check(t, r.Name+" Mandatory", r.Mandatory, "")
	}
	check(t, "weight Type", tb.Row("weight").Type, "Integer")
	if tb.Row("missing") != nil || p.Table(8) != nil {
		t.Error("lookup of a missing row or table is not nil")
	}
}

func TestHeaderOrderAndCase(t *testing.T) {
	p := mustParse(t, tableDirective("", "**Table 1** Odd order",
		[]string{"Type", "DESCRIPTION", "parameter"},
		[]string{"Boolean", "Whether to hum.", "hum"}))
	r := p.Tables[0].Rows[0]
	check(t, "row", [3]string{r.Name, r.Type, r.Description}, [3]string{"hum", "Boolean", "Whether to hum."})
}

func TestMultiLineCells(t *testing.T) {
	p := mustParse(t, "Intro.\n\n"+tableDirective("", "**Table 1** Long cells", fullHeader,
		[]string{"a_rather_long_name", "No", "Array of\nstrings", "First line of text\nthat goes on here.\n\nA second paragraph\nwith **crisp** in it."}))
	tb := p.Tables[0]
	r := tb.Rows[0]
	// Intro (1), blank, directive (3), blank, border (5), header (6),
	// separator (7), row (8).
	check(t, "Line", tb.Line, 3)
	check(t, "row Line", r.Line, 8)
	check(t, "Type", r.Type, "String")
	check(t, "IsArray", r.IsArray, true)
	check(t, "Description", r.Description, "First line of text that goes on here. A second paragraph with crisp in it.")
	check(t, "Values", r.Values, []string(nil))
}

func TestRowLineIsFirstLineWithText(t *testing.T) {
	p := mustParse(t, tableDirective("", "**Table 1** Late text", shortHeader,
		[]string{"\nlate", "\nString", "\nStarts one line down."}))
	// directive (1), blank, border (3), header (4), separator (5), then
	// the row's blank first line (6) and its text (7).
	check(t, "row Line", p.Tables[0].Rows[0].Line, 7)
}

func TestTypeCell(t *testing.T) {
	p := mustParse(t, tableDirective("", "**Table 1** Types", shortHeader,
		[]string{"a", "String", "x"},
		[]string{"b", ":ref:´TrayInfo <bake__tray_info>´ object", "x"},
		[]string{"c", "Array of :ref:´CrumbInfo <bake__crumb_info>´\nobjects", "x"},
		[]string{"d", "Array of strings", "x"},
		[]string{"e", "Array of Integer", "x"},
		[]string{"f", "Object", "x"},
		[]string{"g", "Array of objects", "x"},
		[]string{"h", "Map<String,String>", "x"},
		[]string{"i", "Long", "x"}))
	type typ struct {
		Type, Ref         string
		IsObject, IsArray bool
	}
	want := map[string]typ{
		"a": {"String", "", false, false},
		"b": {"TrayInfo", "bake__tray_info", true, false},
		"c": {"CrumbInfo", "bake__crumb_info", true, true},
		"d": {"String", "", false, true},
		"e": {"Integer", "", false, true},
		"f": {"Object", "", true, false},
		"g": {"Object", "", true, true},
		"h": {"Map<String,String>", "", false, false},
		"i": {"Long", "", false, false},
	}
	for _, r := range p.Tables[0].Rows {
		check(t, r.Name, typ{r.Type, r.Ref, r.IsObject, r.IsArray}, want[r.Name])
	}
}

func TestAnchors(t *testing.T) {
	src := tableDirective("", "**Table 1** Top", fullHeader,
		[]string{"tray", "No", ":ref:´TrayInfo <bake__Tray_Info>´ object", "The tray."}) +
		tableDirective("bake__tray_info", "**Table 2** TrayInfo", shortHeader,
			[]string{"slots", "Integer", "Slot count."}) +
		".. _not_a_table_label:\n\nA paragraph in between.\n\n" +
		tableDirective("", "**Table 3** Unlabelled", shortHeader,
			[]string{"x", "String", "Y."})
	p := mustParse(t, src)
	ref := p.Table(1).Row("tray").Ref
	check(t, "Ref", ref, "bake__Tray_Info")
	got := p.TableByAnchor(ref)
	if got == nil || got.Number != 2 {
		t.Fatalf("TableByAnchor(%q) = %v, want Table 2", ref, got)
	}
	check(t, "Anchor", got.Anchor, "bake__tray_info")
	check(t, "Table 3 Anchor", p.Table(3).Anchor, "")
	if p.TableByAnchor("not_a_table_label") != nil || p.TableByAnchor("") != nil {
		t.Error("TableByAnchor found a table for a label that names none")
	}
}

func TestBareGridTable(t *testing.T) {
	p := mustParse(t, ".. _loose:\n\n"+strings.ReplaceAll(gridTable(shortHeader, []string{"z", "String", "Zed."}), "\n   ", "\n")[3:])
	if len(p.Tables) != 1 {
		t.Fatalf("got %d tables", len(p.Tables))
	}
	tb := p.Tables[0]
	check(t, "table", [3]any{tb.Number, tb.Line, tb.Anchor}, [3]any{0, 3, "loose"})
	check(t, "Name", tb.Rows[0].Name, "z")
}

func TestBulletsInCell(t *testing.T) {
	r := oneRow(t, "How the crust is finished.\n\n"+
		"-  **crisp**: baked hard.\n\n"+
		"-  **soft/light**: baked\n   briefly, with a\n   long note.\n\n"+
		"-  **none**")
	check(t, "Description", r.Description,
		"How the crust is finished. - crisp: baked hard. - soft/light: baked briefly, with a long note. - none")
	check(t, "Values", r.Values, []string{"crisp", "soft/light", "none"})
}

func TestBulletPlainValues(t *testing.T) {
	r := oneRow(t, "Separator between crumbs.\n\nAllowed:\n\n"+
		"-  Slash (/)\n"+
		"-  Pipe (|)\n"+
		"-  Tab (\\\\t)\n"+
		"-  EMPTY\n"+
		"-  Anything else is refused by the oven.")
	check(t, "Description", r.Description,
		"Separator between crumbs. Allowed: - Slash (/) - Pipe (|) - Tab (\\t) - EMPTY - Anything else is refused by the oven.")
	check(t, "Values", r.Values, []string{"/", "|", `\t`, "EMPTY"})
	if v := r.Values[2]; len(v) != 2 || v[0] != '\\' {
		t.Errorf("escaped value = %q, want backslash and t", v)
	}
}

func TestNestedBullets(t *testing.T) {
	r := oneRow(t, "Modes:\n\n-  **a**: first\n\n   -  inner note\n\n-  **b**: second")
	check(t, "Description", r.Description, "Modes: - a: first - inner note - b: second")
	check(t, "Values", r.Values, []string{"a", "b"})
}

func TestBoldValues(t *testing.T) {
	tests := []struct {
		desc   string
		values []string
	}{
		{"Heat level. **low**: gentle; **high**: fierce.", []string{"low", "high"}},
		{"Glaze: **egg** uses eggs; **milk** uses milk; **egg** again.", []string{"egg", "milk"}},
		{"Only **RYE** is supported.", []string{"RYE"}},
		{"Set **Proof Time** in the console before you start.", nil},
		{"This knob overrides the **oven.max** setting.", nil},
		{"Use commas, for example, **a:b,c:d**.", nil},
		{"**-5**: no limit at all.", []string{"-5"}},
	}
	for _, tt := range tests {
		r := oneRow(t, tt.desc)
		check(t, tt.desc, r.Values, tt.values)
	}
}

func TestDefault(t *testing.T) {
	tests := []struct{ desc, def string }{
		{"Number of trays. The default value is **4**.", "4"},
		{"Bake time, in seconds. The default duration is 90s.", "90"},
		{"Offset. The default value is **-2**.", "-2"},
		{"Rack class. The default value is **org.example.RackPlain**.", "org.example.RackPlain"},
		{"Pair separator. The default value is **:**.", ":"},
		{"Keep the default value when unsure.", ""},
	}
	for _, tt := range tests {
		r := oneRow(t, tt.desc)
		check(t, tt.desc, r.Default, tt.def)
		check(t, tt.desc+" Values", r.Values, []string(nil))
	}
}

func TestConditions(t *testing.T) {
	tests := []struct {
		desc string
		want []Condition
	}{
		{"Oven host. (Mandatory only when the source type is Gadget.)",
			[]Condition{{Kind: "mandatory", Subject: "source", Value: "Gadget",
				Text: "Mandatory only when the source type is Gadget"}}},
		{"Bucket. (Mandatory only when the target type is TAPE.)",
			[]Condition{{Kind: "mandatory", Subject: "target", Value: "TAPE",
				Text: "Mandatory only when the target type is TAPE"}}},
		{"Link mode. (Mandatory only when the source type is Gadget).",
			[]Condition{{Kind: "mandatory", Subject: "source", Value: "Gadget",
				Text: "Mandatory only when the source type is Gadget"}}},
		{"Host. (Displayed only when the target type is TAPE.)",
			[]Condition{{Kind: "displayed", Subject: "target", Value: "TAPE",
				Text: "Displayed only when the target type is TAPE"}}},
		{"Login. (Mandatory only when the source type is Gadget and the target Gadget link mode is **FAST_LANE**.)",
			[]Condition{{Kind: "mandatory", Subject: "source", Value: "Gadget",
				And:  []Clause{{Side: "target", Subject: "link mode", Value: "FAST_LANE"}},
				Text: "Mandatory only when the source type is Gadget and the target Gadget link mode is FAST_LANE"}}},
		{"Mode. (Mandatory only when the source type is Gadget and the link mode is **FAST_LANE**.)",
			[]Condition{{Kind: "mandatory", Subject: "source", Value: "Gadget",
				And:  []Clause{{Subject: "link mode", Value: "FAST_LANE"}},
				Text: "Mandatory only when the source type is Gadget and the link mode is FAST_LANE"}}},
		{"Pair. Mandatory only when the source type is Gadget and the target type is TAPE and the tray mode is **wide**.",
			[]Condition{{Kind: "mandatory", Subject: "source", Value: "Gadget",
				And:  []Clause{{Side: "target", Subject: "type", Value: "TAPE"}, {Subject: "tray mode", Value: "wide"}},
				Text: "Mandatory only when the source type is Gadget and the target type is TAPE and the tray mode is wide"}}},
		{"Two rules. Mandatory only when the source type is Gadget. Displayed only when the target type is TAPE.",
			[]Condition{
				{Kind: "mandatory", Subject: "source", Value: "Gadget", Text: "Mandatory only when the source type is Gadget"},
				{Kind: "displayed", Subject: "target", Value: "TAPE", Text: "Displayed only when the target type is TAPE"}}},
		{"No rule here.", nil},
	}
	for _, tt := range tests {
		r := oneRow(t, tt.desc)
		var got []Condition
		for _, c := range r.Conditions {
			got = append(got, Condition{Kind: c.Kind, Subject: c.Subject, Value: c.Value, And: c.And, Text: c.Text})
			phrasing, effect, otherwise := PhrasingMandatoryOnlyWhenType, EffectMandatory, OtherwiseOptional
			if c.Kind == "displayed" {
				phrasing, effect, otherwise = PhrasingDisplayedOnlyWhenType, EffectDisplayed, OtherwiseAbsent
			}
			check(t, tt.desc+" reading", [4]any{c.Phrasing, c.Effect, c.Otherwise, c.Line}, [4]any{phrasing, effect, otherwise, 6})
			check(t, tt.desc+" When", len(c.When), 1+len(c.And))
		}
		check(t, tt.desc, got, tt.want)
		check(t, tt.desc+" Values", r.Values, []string(nil))
		check(t, tt.desc+" Unread", r.Unread, []Sentence(nil))
	}
}

// A conditional sentence no phrasing reads is kept in Unread, not an
// error.
func TestUnreadCondition(t *testing.T) {
	r := oneRow(t, "Knob. (Mandatory only when gadgets are used.) Mandatory only when the source type is Gadget, if any.")
	check(t, "Conditions", r.Conditions, []Condition(nil))
	check(t, "Unread", r.Unread, []Sentence{{Text: "Mandatory only when gadgets are used", Line: 6},
		{Text: "Mandatory only when the source type is Gadget, if any", Line: 6}})
}

func TestEitherOf(t *testing.T) {
	r := oneRow(t, "Oven ref. (Mandatory only when the source type is Gadget. Specify either **oven_id** or **oven_url**.)")
	check(t, "EitherOf", r.EitherOf, []string{"oven_id", "oven_url"})
	check(t, "Conditions", len(r.Conditions), 2)
	check(t, "either-of", r.Conditions[1], Condition{Phrasing: PhrasingEitherOf, Effect: EffectOneOf,
		Fields: []string{"oven_id", "oven_url"}, Text: "Specify either oven_id or oven_url", Line: 6})
	check(t, "Values", r.Values, []string(nil))
	r = oneRow(t, "Give either **a**, **b**, or **c**.")
	check(t, "EitherOf 3", r.EitherOf, []string{"a", "b", "c"})
	r = oneRow(t, "Either way works; **x** is kept.")
	check(t, "EitherOf none", r.EitherOf, []string(nil))
}

func TestNotTogether(t *testing.T) {
	r := oneRow(t, "Crust map. **Crust Style** and **Crust Map** cannot be configured at the same time. Format: *a*:*b*.")
	check(t, "NotTogether", r.NotTogether, []string{"Crust Style", "Crust Map"})
	check(t, "Values", r.Values, []string(nil))
	check(t, "Description", r.Description, "Crust map. Crust Style and Crust Map cannot be configured at the same time. Format: a:b.")
	r = oneRow(t, "**p**, **q**, and **r** cannot be set together.")
	check(t, "NotTogether 3", r.NotTogether, []string{"p", "q", "r"})
}

const examplePage = `Example Requests
----------------

-  Baking one rye loaf
   on the lower shelf.

   .. code-block:: text

      PUT https://{endpoint}/v3/{bakery_id}/ovens/{oven_id}/loaves

      {
        "flour" : "rye",
        "sep" : "\\n"
      }

-  Baking with no body.

   .. code-block:: text

      PUT https://{endpoint}/v3/b/ovens/o/loaves

Example Responses
-----------------

**Status code: 202**

Accepted.

.. code-block::

   {
     "loaf_id" : "l-1"
   }

Other Notes
-----------

.. code-block:: shell

   echo not an example

.. code-block:: text

   DELETE https://{endpoint}/v3/b/ovens/o/loaves/l-1
`

func TestExamples(t *testing.T) {
	p := mustParse(t, examplePage)
	if len(p.Examples) != 4 {
		t.Fatalf("got %d examples, want 4", len(p.Examples))
	}
	ex := p.Examples[0]
	check(t, "0", [6]any{ex.Line, ex.Kind, ex.Title, ex.Method, ex.URL, ex.Status},
		[6]any{7, "request", "Baking one rye loaf on the lower shelf.", "PUT", "https://{endpoint}/v3/{bakery_id}/ovens/{oven_id}/loaves", 0})
	check(t, "0 JSON", string(ex.JSON), "{\n  \"flour\" : \"rye\",\n  \"sep\" : \"\\\\n\"\n}")
	check(t, "0 JSONLine", ex.JSONLine, 11)
	var v map[string]string
	if err := json.Unmarshal(ex.JSON, &v); err != nil || v["sep"] != `\n` {
		t.Errorf("example 0 JSON: %v, %q", err, v)
	}
	ex = p.Examples[1]
	check(t, "1", [5]any{ex.Kind, ex.Title, ex.Method, ex.JSON == nil, ex.JSONLine}, [5]any{"request", "Baking with no body.", "PUT", true, 0})
	ex = p.Examples[2]
	check(t, "2", [6]any{ex.Line, ex.Kind, ex.Title, ex.Method, ex.Status, ex.JSONLine}, [6]any{29, "response", "", "", 202, 31})
	check(t, "2 JSON", string(ex.JSON), "{\n  \"loaf_id\" : \"l-1\"\n}")
	ex = p.Examples[3]
	check(t, "3", [4]any{ex.Kind, ex.Method, ex.URL, ex.JSON == nil}, [4]any{"request", "DELETE", "https://{endpoint}/v3/b/ovens/o/loaves/l-1", true})
}

func TestSkippedBlocks(t *testing.T) {
	src := "Codes\n-----\n\n" +
		"A literal block::\n\n" +
		"   +----+\n   | no |\n   +--+\n\n" +
		".. figure:: /img/oven.png\n   :alt: An oven\n\n   +----+\n   | no |\n   +--+\n\n" +
		".. a comment\n\n   === ===\n   not a table\n\n" +
		"After.\n"
	p := mustParse(t, src)
	check(t, "tables", len(p.Tables), 0)
}

func TestErrors(t *testing.T) {
	good := gridTable(shortHeader, []string{"knob", "String", "Knob."})
	directive := ".. table:: **Table 1** T\n\n"
	// Lines: directive (1), blank (2), top border (3), header (4),
	// separator (5), row (6), bottom border (7).
	replaceLine := func(n int, f func(string) string) string {
		lines := strings.Split(directive+good, "\n")
		lines[n-1] = f(lines[n-1])
		return strings.Join(lines, "\n")
	}
	tests := []struct {
		name, src, want string
	}{
		{"ragged border", replaceLine(7, func(s string) string { return strings.Replace(s, "-+-", "+--", 1) }),
			"e.rst:7: ragged border: '+' at column"},
		{"border char", replaceLine(7, func(s string) string { return strings.Replace(s, "--", "-~", 1) }),
			"e.rst:7: ragged border: '~' at column"},
		{"border width", replaceLine(7, func(s string) string { return s + "--+" }),
			"e.rst:7: border line is"},
		{"row width", replaceLine(6, func(s string) string { return strings.Replace(s, "Knob.", "Knob. More", 1) }),
			"e.rst:6: row line is"},
		{"row separator", replaceLine(6, func(s string) string { k := strings.Index(s[5:], "|") + 5; return s[:k] + ":" + s[k+1:] }),
			"e.rst:6: row line has ':' at column"},
		{"indentation", replaceLine(6, func(s string) string { return " " + strings.TrimSuffix(s, " ") }),
			"e.rst:6: table line starts at column 5, the table's top border at column 4"},
		{"no header separator", replaceLine(5, func(s string) string { return strings.ReplaceAll(s, "=", "-") }),
			"e.rst:3: table has no header separator line"},
		{"unclosed row", strings.TrimSuffix(directive+good, "\n")[:strings.LastIndex(strings.TrimSuffix(directive+good, "\n"), "\n")],
			"e.rst:6: table row is not closed by a border line"},
		{"top border", replaceLine(3, func(s string) string { return strings.Replace(s, "-", "=", 1) }),
			"e.rst:3: top border has '='"},
		{"no parameter column", replaceLine(4, func(s string) string { return strings.Replace(s, "Parameter", "Mandatory", 1) }),
			"e.rst:4: table header has no Parameter column"},
		{"unknown column", replaceLine(4, func(s string) string { return strings.Replace(s, "Parameter", "Parametre", 1) }),
			`e.rst:4: table header has an unknown column "Parametre"`},
		{"empty name", replaceLine(6, func(s string) string { return strings.Replace(s, "knob", "    ", 1) }),
			"e.rst:6: table row has an empty Parameter cell"},
		{"no content", ".. table:: **Table 1** T\n\nText.\n", "e.rst:1: table directive has no content"},
		{"not a table", ".. table:: **Table 1** T\n\n   Just text.\n", "e.rst:3: table directive content is not a grid or simple table"},
		{"second table 1", directive + good + "\n" + directive + good, "e.rst:9: second Table 1 (the first is on line 1)"},
		{"second label", ".. _t:\n\n" + directive + good + "\n.. _T:\n\n.. table:: **Table 2** U\n\n" + good,
			`e.rst:13: second table labelled "T" (the first is on line 3)`},
	}
	for _, tt := range tests {
		_, err := Parse("e.rst", []byte(tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want prefix %q", tt.name, err, tt.want)
		}
		var e *Error
		if err != nil && (!errors.As(err, &e) || e.Name != "e.rst" || e.Line < 1) {
			t.Errorf("%s: err is not an *Error with a name and line: %#v", tt.name, err)
		}
	}
}
