package draft

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

var update = flag.Bool("update", false, "rewrite the golden drafts in testdata")

// widgetPage is a small made-up page with a path and a query table, a
// request body with a nested table, a response and one example each.
var widgetPage = `:original_name: MakeWidget.html

.. _MakeWidget:

Making a Widget
===============

URI
---

POST /v1/{project_id}/widgets

` + grid("**Table 1** Path Parameters", []string{"Parameter", "Mandatory", "Type", "Description"},
	[]string{"project_id", "Yes", "String", "Project ID."}) + `
` + grid("**Table 2** Query Parameters", []string{"Parameter", "Mandatory", "Type", "Description"},
	[]string{"dry_run", "No", "Boolean", "Whether to check only."},
	[]string{"limit", "No", "Integer", "How many at most. The value ranges from 1 to 50. The default value is **10**."}) + `
Request Parameters
------------------

` + grid("**Table 3** Request body parameters", []string{"Parameter", "Mandatory", "Type", "Description"},
	[]string{"name", "Yes", "String", "Widget name."},
	[]string{"color", "No", "String", "Color:\n\n-  **red**: warm\n-  **blue**: cool"},
	[]string{"size", "No", "Long", "Size in bytes."},
	[]string{"tags", "No", "Array of strings", "Tags."},
	[]string{"part", "No", ":ref:`Part <makewidget__request_part>` object", "The part."},
	[]string{"note", "No", "String", "A note.\n\nThis parameter is mandatory when **color** is set to **red**."}) + `
.. _makewidget__request_part:

` + grid("**Table 4** Part", []string{"Parameter", "Mandatory", "Type", "Description"},
	[]string{"id", "Yes", "String", "Part ID."},
	[]string{"weight", "No", "Integer", "Weight in grams."}) + `
Response Parameters
-------------------

**Status code: 200**

` + grid("**Table 5** Response body parameters", []string{"Parameter", "Type", "Description"},
	[]string{"id", "String", "Widget ID."},
	[]string{"state", "String", "State:\n\n-  **READY**\n-  **BUSY**"}) + `
Example Requests
----------------

.. code-block:: text

   POST https://{endpoint}/v1/{project_id}/widgets

   {
     "name" : "w1",
     "color" : "red",
     "size" : 12,
     "tags" : [ "a" ],
     "part" : {
       "id" : "p1",
       "weight" : 3
     },
     "note" : "hot"
   }

Example Responses
-----------------

**Status code: 200**

.. code-block::

   {
     "id" : "w-1",
     "state" : "READY"
   }

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
400         Bad request.
=========== ===========
`

const widgetName = "widgets/making_a_widget.rst"

// TestDraftWidget: the draft of a small page, whole; it builds, and
// doccheck finds only its to-do (which stands for the rule finding of its
// sentence, two lines below the row).
func TestDraftWidget(t *testing.T) {
	ref := parsePages(t, map[string]string{widgetName: widgetPage})
	d, rep := check(t, ref, widgetName)
	if _, pending := rep.TodoCounts(); pending != 1 {
		t.Errorf("%d difference(s) wait on the to-do, want 1 (note's rule)", pending)
	}
	got := string(d.YAML(Options{}))
	golden := filepath.Join("testdata", "widget.yaml")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("draft of the widget page:\n%s\nwant:\n%s", numbered(got), want)
	}
	if d.Rows != 13 || len(d.Todos) != 1 {
		t.Errorf("rows %d, to-dos %d; want 13 and 1", d.Rows, len(d.Todos))
	}
}

// gadgetPage is a made-up page that contradicts itself in every way the
// draft sees.
var gadgetPage = `:original_name: MakeGadget.html

.. _MakeGadget:

Making a Gadget
===============

URI
---

POST /v1/{project_id}/gadgets

` + grid("**Table 1** Path Parameters", []string{"Parameter", "Mandatory", "Type", "Description"},
	[]string{"project_id", "Yes", "Integer", "Project ID."},
	[]string{"zone", "Yes", "String", "Zone."}) + `
Request Parameters
------------------

` + grid("**Table 2** Request body parameters", []string{"Parameter", "Mandatory", "Type", "Description"},
	[]string{"a", "Yes", "String", "Mandatory only when the source type is Redis."},
	[]string{"b", "No", "String", "Needed. This parameter is mandatory."},
	[]string{"c", "No", "Integer", "Count. If it is zero, nothing happens."},
	[]string{"d", "No", "Frob", "Of a type no page defines."},
	[]string{"e", "No", "String", "Kind: **x**; **y**."}) + `
Response Parameters
-------------------

**Status code: 201**

` + grid("**Table 3** Response body parameters", []string{"Parameter", "Type", "Description"},
	[]string{"id", "String", "Gadget ID."}) + `
Example Requests
----------------

.. code-block:: text

   POST https://{endpoint}/v1/{project_id}/gadget

   {
     "a" : "1",
     "c" : "three",
     "d" : null,
     "e" : "z",
     "f" : true
   }

Example Responses
-----------------

**Status code: 202**

.. code-block::

   {
     "id" : "g-2"
   }

**Status code: 201**

.. code-block::

   { "id" : oops }

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
`

const gadgetName = "gadgets/making_a_gadget.rst"

// TestDraftTodos: each contradiction, condition and unsupported type of a
// page is a to-do at its line, on the node it is about, and doccheck of the
// draft reports only them.
func TestDraftTodos(t *testing.T) {
	ref := parsePages(t, map[string]string{gadgetName: gadgetPage})
	d, _ := check(t, ref, gadgetName)
	op := "#/paths/~1v1~1{project_id}~1gadgets/post"
	req := "#/components/schemas/MakeGadgetRequest"
	at := func(sub string) int { return lineOf(t, gadgetPage, sub) }
	want := []Todo{
		{Pointer: op, Line: at("| zone "), Kind: ir.TodoContradiction, Text: "Table 1 (Path Parameters) lists the path parameter zone, which the path /v1/{project_id}/gadgets does not have (or has once): the draft leaves it out"},
		{Pointer: op, Line: at(".. code-block:: text"), Kind: ir.TodoContradiction, Text: "page example 1 sends POST /v1/{project_id}/gadget; the operation line says POST /v1/{project_id}/gadgets: decide which is right"},
		{Pointer: op, Line: at("**Status code: 202**") + 2, Kind: ir.TodoContradiction, Text: "page example 2 is a response (status 202) body, but no table documents one: model the body, or leave the example out"},
		{Pointer: op, Line: at(`{ "id" : oops }`) - 2, Kind: ir.TodoExample, Text: "page example 3 is not JSON (invalid character 'o' looking for beginning of value): write what it shows by hand, or leave it out"},
		{Pointer: op, Line: at("200         OK"), Kind: ir.TodoContradiction, Text: "Table 3 (Response body parameters) documents a body for status 201, which the status codes do not list"},
		{Pointer: op + "/parameters/0", Line: at("| project_id "), Kind: ir.TodoUnsupported, Text: "the Type cell says Integer; path parameters are strings"},
		{Pointer: req, Line: at(`"f" : true`), Kind: ir.TodoContradiction, Text: "page example 1 sends f, which Table 2 (Request body parameters) does not list: add it, or note the example's slip"},
		{Pointer: req + "/properties/a", Line: at("| a "), Kind: ir.TodoContradiction, Text: `the Mandatory column says Yes, but the row says "Mandatory only when the source type is Redis": decide whether it is always required`},
		{Pointer: req + "/properties/b", Line: at("| b "), Kind: ir.TodoContradiction, Text: "the Mandatory column says No, but the prose calls the parameter mandatory: decide"},
		{Pointer: req + "/properties/c", Line: at("| c "), Kind: ir.TodoCondition, Text: `no phrasing reads "If it is zero, nothing happens": model the rule it states, or accept it with x-doc-deviation (unchecked-rule)`},
		{Pointer: req + "/properties/c", Line: at(`"c" : "three"`), Kind: ir.TodoContradiction, Text: "page example 1 sends a string for MakeGadgetRequest.c, which its row types Integer: decide the type, or note the example's slip"},
		{Pointer: req + "/properties/d", Line: at("| d "), Kind: ir.TodoUnsupported, Text: `the draft cannot read the Type cell "Frob": it says string`},
		{Pointer: req + "/properties/d", Line: at(`"d" : null`), Kind: ir.TodoContradiction, Text: "page example 1 sends null for MakeGadgetRequest.d, which its row types String: decide the type, or note the example's slip"},
		{Pointer: req + "/properties/e", Line: at(`"e" : "z"`), Kind: ir.TodoContradiction, Text: `page example 1 sends "z" for MakeGadgetRequest.e, outside the values its row lists ["x", "y"]: fix the list, add the value, or note the example's slip`},
	}
	if len(d.Todos) != len(want) {
		t.Errorf("%d to-dos, want %d", len(d.Todos), len(want))
	}
	for i, w := range want {
		if i >= len(d.Todos) {
			t.Errorf("missing to-do %+v", w)
			continue
		}
		if d.Todos[i] != w {
			t.Errorf("to-do %d:\n got %+v\nwant %+v", i, d.Todos[i], w)
		}
	}
	for _, g := range d.Todos[min(len(d.Todos), len(want)):] {
		t.Errorf("extra to-do %+v", g)
	}
}

// TestNoOperation: a page without an operation line is not drafted.
func TestNoOperation(t *testing.T) {
	ref := parsePages(t, map[string]string{"appendix/codes.rst": ":original_name: Codes.html\n\nCodes\n=====\n\nNothing to call.\n"})
	if _, err := New(ref, ref.Pages[0]); !errors.Is(err, ErrNoOperation) {
		t.Errorf("New: %v, want ErrNoOperation", err)
	}
}

// TestDeterministic: drafting twice, and from a folder read with its
// pages in another order, gives the same bytes.
func TestDeterministic(t *testing.T) {
	pages := map[string]string{widgetName: widgetPage, gadgetName: gadgetPage}
	ref := parsePages(t, pages)
	reversed := &rstdoc.Reference{Pages: slices.Clone(ref.Pages)}
	slices.Reverse(reversed.Pages)
	for _, name := range []string{widgetName, gadgetName} {
		var outs [][]byte
		for _, r := range []*rstdoc.Reference{ref, ref, reversed} {
			d, err := New(r, r.Page(name))
			if err != nil {
				t.Fatal(err)
			}
			outs = append(outs, d.YAML(Options{}))
		}
		if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[0], outs[2]) {
			t.Errorf("%s: the drafts differ", name)
		}
	}
}
