package rstdoc

import (
	"strings"
	"testing"
)

func TestPageLabelAndOriginalName(t *testing.T) {
	p := mustParse(t, handPage)
	check(t, "OriginalName", p.OriginalName, "BakeLoaf")
	check(t, "Anchor", p.Anchor, "BakeLoaf")
	var titles []string
	for _, s := range p.Sections {
		titles = append(titles, s.Title)
	}
	check(t, "sections", titles, []string{"Baking a Loaf", "Purpose", "URI"})
	check(t, "first section", *p.Sections[0], Section{Title: "Baking a Loaf", Anchor: "BakeLoaf", Line: 5})
	check(t, "table ID", p.Tables[0].ID, "bakeloaf__path_values")

	p = mustParse(t, "Plain Page\n==========\n\n:original_name: NotAtTheTop.html\n")
	check(t, "late field", [2]string{p.OriginalName, p.Anchor}, [2]string{"", ""})
}

func TestSectionLabels(t *testing.T) {
	p := mustParse(t, ".. _Oven:\n\nOven\n====\n\n.. _oven__tips:\n\nTips\n----\n\nText.\n\n.. _unused:\n\nText.\n\nMore\n----\n")
	check(t, "anchors", [3]string{p.Sections[0].Anchor, p.Sections[1].Anchor, p.Sections[2].Anchor}, [3]string{"Oven", "oven__tips", ""})
}

// statusPage has a grid and a simple status-code table.
const statusPage = `Status Codes
------------

+-------------+--------------------+
| Status Code | Description        |
+=============+====================+
| 200         | Loaf baked.        |
+-------------+--------------------+
| 404         | No such oven, or   |
|             | no such bakery.    |
+-------------+--------------------+

=========== ============
Status Code Description
=========== ============
500         Oven broke.
=========== ============
`

func TestStatusCodes(t *testing.T) {
	p := mustParse(t, statusPage)
	check(t, "tables", len(p.Tables), 0)
	check(t, "StatusCodes", p.StatusCodes, []StatusCode{
		{Code: 200, Description: "Loaf baked.", Line: 7},
		{Code: 404, Description: "No such oven, or no such bakery.", Line: 9},
		{Code: 500, Description: "Oven broke.", Line: 16},
	})
	_, err := Parse("e.rst", []byte(strings.Replace(statusPage, "500        ", "5xx        ", 1)))
	if err == nil || err.Error() != `e.rst:16: status code "5xx" is not a three-digit number` {
		t.Errorf("err = %v", err)
	}
}

func TestPlainTable(t *testing.T) {
	src := ":original_name: OvenErrors.html\n\n.. _OvenErrors:\n\nOven Errors\n===========\n\n" +
		gridTable([]string{"Status Code", "Error Code", "Description"},
			[]string{"400", "OVN.001", "The oven is cold.\n\n-  Heat it first."},
			[]string{"400", "OVN.002", "The tray is **full**."})
	p := mustParse(t, src)
	if len(p.Tables) != 1 || p.Method != "" {
		t.Fatalf("got %d tables, method %q", len(p.Tables), p.Method)
	}
	tb := p.Tables[0]
	check(t, "kind", [3]any{tb.IsParameters, tb.HasMandatory, tb.ID}, [3]any{false, false, "ovenerrors__table"})
	check(t, "Columns", tb.Columns, []string{"Status Code", "Error Code", "Description"})
	r := tb.Rows[0]
	check(t, "row", [3]any{r.Name, r.Description, r.Cells}, [3]any{"400", "The oven is cold. - Heat it first.",
		[]string{"400", "OVN.001", "The oven is cold. - Heat it first."}})
	// Plain tables are not searched for values or conditions.
	check(t, "Values", tb.Rows[1].Values, []string(nil))
}

func TestTableIDs(t *testing.T) {
	src := ".. _BakeLoaf:\n\nBaking\n======\n\n" +
		tableDirective("", "**Table 1** Path Parameters", shortHeader, []string{"a", "String", "x"}) +
		tableDirective("bakeloaf__path_parameters_2", "**Table 5** Labelled", shortHeader, []string{"e", "String", "x"}) +
		tableDirective("", "**Table 6** Path Parameters", shortHeader, []string{"f", "String", "x"}) +
		"**Status code: 200**\n\n" +
		tableDirective("", "**Table 2** Response body parameters", shortHeader, []string{"b", "String", "x"}) +
		tableDirective("", "**Table 3** Tray  info / v2", shortHeader, []string{"c", "String", "x"}) +
		tableDirective("", "**Table 4** Tray info (v2)", shortHeader, []string{"d", "String", "x"}) +
		"**Status code: 400**\n\n" +
		tableDirective("", "**Table 7** Response body parameters", shortHeader, []string{"g", "String", "x"}) +
		tableDirective("", "**Table 8** Response body parameters", shortHeader, []string{"h", "String", "x"}) +
		tableDirective("", "**Table 9**", shortHeader, []string{"i", "String", "x"})
	p := mustParse(t, src)
	var ids []string
	for _, tb := range p.Tables {
		ids = append(ids, tb.ID)
	}
	check(t, "IDs", ids, []string{
		"bakeloaf__path_parameters",
		"bakeloaf__path_parameters_2",
		"bakeloaf__path_parameters_3",
		"bakeloaf__response_body_parameters_200",
		"bakeloaf__tray_info_v2",
		"bakeloaf__tray_info_v2_2",
		"bakeloaf__response_body_parameters_400",
		"bakeloaf__response_body_parameters_400_2",
		"bakeloaf__table",
	})
	if p.TableByID("BAKELOAF__TRAY_INFO_V2_2") != p.Table(4) || p.TableByID("") != nil || p.TableByID("nope") != nil {
		t.Error("TableByID does not find tables by ID")
	}
}

func TestTableIDPrefix(t *testing.T) {
	body := tableDirective("", "**Table 1** Crusts", shortHeader, []string{"a", "String", "x"})
	p := mustParse(t, ":original_name: CrustList.html\n\n"+body)
	check(t, "from OriginalName", p.Tables[0].ID, "crustlist__crusts")
	p, err := Parse("dir/Listing Crusts.rst", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	check(t, "from the file name", p.Tables[0].ID, "listing_crusts__crusts")
	check(t, "slug", slug("  Table of: Crust--Types (v2) "), "table_of_crust_types_v2")
}

func TestCellBlocks(t *testing.T) {
	r := oneRow(t, "Recipe, see :ref:´Ovens <bake__ovens>´.\n\n"+
		".. note::\n\n   Keep it **dry**.\n\n"+
		"Example::\n\n   {\"flour\": 1}\n\n"+
		"#. first step\n"+
		"#. second step\n\n"+
		"-  Shape:\n\n   .. code-block:: text\n\n      round\n\n"+
		".. figure:: /img/x.png\n\n   A caption that is skipped.\n\n"+
		"...and a last word.\n\n.. warning:: Hot.")
	check(t, "Description", r.Description, "Recipe, see Ovens. Keep it dry. Example: - first step - second step - Shape: ...and a last word. Hot.")
	check(t, "Code", r.Code, []string{`{"flour": 1}`, "round"})
	check(t, "Refs", r.Refs, []Ref{{Text: "Ovens", Target: "bake__ovens", Line: 6}})
}

func TestSentenceLines(t *testing.T) {
	r := oneRow(t, "First line.\nMandatory only\nwhen the source type is Gadget.\n\n-  **x**: one\n\n   Displayed only when the target type is TAPE.")
	// directive (1), blank, border (3), header (4), separator (5), cell
	// lines from 6.
	if len(r.Conditions) != 2 {
		t.Fatalf("Conditions = %+v", r.Conditions)
	}
	check(t, "lines", [2]int{r.Conditions[0].Line, r.Conditions[1].Line}, [2]int{7, 12})
}

// examplesInBullets covers the ways a page introduces its examples.
const examplesInBullets = `Example Requests
----------------

Baking one loaf

.. code-block:: text

   POST https://{endpoint}/v3/loaves

   {"n": 1}

-  Baking two loaves.

   .. code-block:: text

      POST https://{endpoint}/v3/loaves

-  .. code-block:: text

      'GET https://{endpoint}/v3/loaves?limit=2'

Example Responses
-----------------

**Status code: 200**

Loaves listed.

-  .. code-block::

      {"loaves": []}

**Status code: 404**

.. code-block::

   {"error": "none"}
`

func TestExampleIntros(t *testing.T) {
	p := mustParse(t, examplesInBullets)
	type ex struct {
		Line                            int
		Kind, Title, Intro, Method, URL string
		Status                          int
	}
	var got []ex
	for _, e := range p.Examples {
		got = append(got, ex{e.Line, e.Kind, e.Title, e.Intro, e.Method, e.URL, e.Status})
	}
	check(t, "examples", got, []ex{
		{6, "request", "", "Baking one loaf", "POST", "https://{endpoint}/v3/loaves", 0},
		{14, "request", "Baking two loaves.", "Baking two loaves.", "POST", "https://{endpoint}/v3/loaves", 0},
		{18, "request", "", "", "GET", "https://{endpoint}/v3/loaves?limit=2", 0},
		{29, "response", "", "Loaves listed.", "", "", 200},
		{35, "response", "", "", "", "", 404},
	})
	check(t, "JSON in a bullet", string(p.Examples[3].JSON), `{"loaves": []}`)
}

func TestPageRefs(t *testing.T) {
	p := mustParse(t, "See :ref:´Oven Errors <OvenErrors>´\nand :ref:´codes <oven__codes>´.\n\n-  Also :ref:´tips <oven__tips>´.\n")
	check(t, "Refs", p.Refs, []Ref{{"Oven Errors", "OvenErrors", 1}, {"codes", "oven__codes", 2}, {"tips", "oven__tips", 4}})
}

func TestExampleTitleAndIntro(t *testing.T) {
	p := mustParse(t, "Example Requests\n----------------\n\n-  Baking rye.\n\n   With a second paragraph.\n\n"+
		"   .. code-block:: text\n\n      POST /x\n\nBack at the margin.\n\n.. code-block:: text\n\n   POST /y\n")
	check(t, "first", [2]string{p.Examples[0].Title, p.Examples[0].Intro}, [2]string{"Baking rye.", "With a second paragraph."})
	check(t, "second", [2]string{p.Examples[1].Title, p.Examples[1].Intro}, [2]string{"", "Back at the margin."})
}
