package doccheck

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
	"github.com/dmsgen/dmsgen/generator/schema"
)

// The unit tests compare a made-up reference, three pages about widgets,
// with a schema that models two of them, after changing one side in one
// way. The text is the tests' own.

// page is a page as blocks of reStructuredText and tables, so that a test
// can change a cell and the grid stays well-formed.
type page struct {
	name   string
	blocks []*block
}

// block is raw text, or a table.
type block struct {
	text  string
	table *table
}

// table is a grid table with its label and directive.
type table struct {
	label  string
	number int
	title  string
	short  bool // Parameter, Type, Description (no Mandatory)
	rows   [][]string
}

var (
	fullHeader  = []string{"Parameter", "Mandatory", "Type", "Description"}
	shortHeader = []string{"Parameter", "Type", "Description"}
)

func text(s string) *block { return &block{text: s} }

func tbl(label string, n int, title string, short bool, rows ...[]string) *block {
	return &block{table: &table{label: label, number: n, title: title, short: short, rows: rows}}
}

func ref(name, label string) string { return ":ref:`" + name + " <" + label + ">` object" }

// widgetPages returns the fixture's pages, fresh.
func widgetPages() []*page {
	return []*page{makeWidgetPage(), listWidgetsPage(), retireWidgetPage()}
}

func makeWidgetPage() *page {
	return &page{name: "widgets/making_a_widget.rst", blocks: []*block{
		text(`:original_name: MakeWidget.html

.. _MakeWidget:

Making a Widget
===============

Function
--------

Makes a widget for a group.

URI
---

POST /v1/{team_id}/widgets
`),
		tbl("", 1, "Path Parameters", false,
			[]string{"team_id", "Yes", "String", "The team the widget belongs to."}),
		text(`Request Parameters
------------------
`),
		tbl("", 2, "Request body parameters", false,
			[]string{"name", "Yes", "String", "What to call the widget, at most 64 characters."},
			[]string{"source_type", "No", "String", "Where the widget reads from."},
			[]string{"feed", "No", ref("WidgetFeed", "makewidget__request_widgetfeed"), "How to reach the feed."},
			[]string{"tuning", "No", ref("WidgetTuning", "makewidget__request_widgettuning"), "How the widget works."},
			[]string{"pace", "No", "String", "How fast it works: **fast** hurries; **calm** takes its time."},
			[]string{"retries", "No", "Integer", "How often to retry, from 0 to 9. The default value is **3**."},
			[]string{"level", "No", "String", "Loudness, from one to three."}),
		tbl("makewidget__request_widgetfeed", 3, "WidgetFeed", false,
			[]string{"host", "No", "String", "Host of the feed. (Mandatory only when the source type is Pipe.)"},
			[]string{"login", "No", "String", "How to sign in. (Mandatory only when the source type is Pipe.)\n\n-  **TOKEN**: with a token.\n\n-  **NONE**: without signing in."},
			[]string{"token", "No", "String", "The token. (Mandatory only when the source type is Pipe and the sign-in mode is **TOKEN**.)"},
			[]string{"bucket_id", "No", "String", "Bucket by ID. (Mandatory only when the source type is Tank. Specify either **bucket_id** or **bucket_url**.)"},
			[]string{"bucket_url", "No", "String", "Bucket by URL. (Mandatory only when the source type is Tank. Specify either **bucket_id** or **bucket_url**.)"},
			[]string{"mirror_enabled", "No", "Boolean", "Whether to mirror the feed."},
			[]string{"mirror_list", "No", "String", "What to mirror. **Mirror Enabled** and **Mirror List** cannot be configured at the same time."},
			[]string{"zone", "No", "String", "Zone of the feed. (Mandatory only when the source type is Pipe.)"},
			[]string{"note", "No", "String", "A note on the feed. If the feed is busy, the note is dropped."}),
		tbl("makewidget__request_widgettuning", 4, "WidgetTuning", false,
			[]string{"mode", "No", "String", "How it moves.\n\n-  **pull**: it fetches.\n\n-  **push**: it is fed."},
			[]string{"port", "No", "Integer", "Port to listen on. This parameter is mandatory when mode is set to push."},
			[]string{"window", "No", "Integer", "Fetch window. This parameter is valid and mandatory only when mode is set to pull."},
			[]string{"burst", "No", "Integer", "Burst size. This parameter is valid only when mode is set to push."},
			[]string{"proxy", "No", "String", "Proxy to use. This parameter is invalid when mode is set to pull."},
			[]string{"start_at", "No", "Long", "First moment."},
			[]string{"stop_at", "No", "Long", "Last moment."},
			[]string{"offset", "No", "Long", "Offset to start at. If start_at and stop_at are not empty, this parameter is invalid."},
			[]string{"tags", "No", "String", "Tags. The labels parameter and this parameter cannot be empty at the same time."},
			[]string{"labels", "No", "String", "Labels."},
			[]string{"region", "No", "String", "Region. This parameter is mandatory for widgets of the old kind."}),
		text(`Response Parameters
-------------------

**Status code: 200**
`),
		tbl("", 5, "Response body parameters", true,
			[]string{"id", "String", "ID of the widget."},
			[]string{"pace", "String", "Pace of the widget."},
			[]string{"created", "Long", "When it was made, in milliseconds. (Displayed only when the source type is Pipe.)"},
			[]string{"owner", "String", "Who owns it."}),
		text(`Example Requests
----------------

-  A widget that reads a pipe.

   .. code-block:: text

      POST https://{endpoint}/v1/{team_id}/widgets

      {
        "name" : "w1",
        "source_type" : "PIPE_SOURCE",
        "feed" : {
          "host" : "pipe.example",
          "login" : "TOKEN",
          "token" : "t0k"
        },
        "pace" : "calm"
      }

Example Responses
-----------------

**Status code: 200**

Made.

.. code-block::

   {
     "id" : "w-1",
     "pace" : "calm",
     "created" : 1700000000000,
     "owner" : "ops"
   }

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         Made.
=========== ===========
`)}}
}

func listWidgetsPage() *page {
	return &page{name: "widgets/listing_widgets.rst", blocks: []*block{
		text(`:original_name: ListWidgets.html

.. _ListWidgets:

Listing Widgets
===============

URI
---

GET /v1/{team_id}/widgets
`),
		tbl("", 1, "Path Parameters", false,
			[]string{"team_id", "Yes", "String", "The team whose widgets are listed."}),
		tbl("", 2, "Query Parameters", false,
			[]string{"offset", "No", "Integer", "Where to start, 0 or more."},
			[]string{"limit", "No", "Integer", "How many at most, from 1 to 50. The default value is **10**."}),
		text(`Response Parameters
-------------------

**Status code: 200**
`),
		tbl("", 3, "Response body parameters", true,
			[]string{"total", "Integer", "How many widgets there are."},
			[]string{"widgets", "Array of " + ref("WidgetInfo", "listwidgets__response_widgetinfo") + "s", "The widgets."}),
		tbl("listwidgets__response_widgetinfo", 4, "WidgetInfo", true,
			[]string{"id", "String", "ID of the widget."},
			[]string{"pace", "String", "Pace of the widget."},
			[]string{"created", "Long", "When it was made."},
			[]string{"owner", "String", "Who owns it."}),
		text(`Example Requests
----------------

.. code-block:: text

   GET https://{endpoint}/v1/{team_id}/widgets?limit=10

Example Responses
-----------------

**Status code: 200**

Two widgets.

.. code-block::

   {
     "total" : 2,
     "widgets" : [ {
       "id" : "w-1",
       "pace" : "calm",
       "created" : 1700000000000,
       "owner" : null
     }, {
       "id" : "w-2",
       "pace" : "fast",
       "creatd" : 1700000000001,
       "owner" : "ops"
     } ]
   }

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         Listed.
=========== ===========
`)}}
}

func retireWidgetPage() *page {
	return &page{name: "widgets/retiring_a_widget.rst", blocks: []*block{
		text(`:original_name: RetireWidget.html

.. _RetireWidget:

Retiring a Widget
=================

URI
---

DELETE /v1/{team_id}/widgets/{widget_id}
`),
		tbl("", 1, "Path Parameters", false,
			[]string{"team_id", "Yes", "String", "The team."},
			[]string{"widget_id", "Yes", "String", "The widget."})}}
}

// render writes the page as reStructuredText.
func (p *page) render() string {
	var b strings.Builder
	for _, bl := range p.blocks {
		if bl.table == nil {
			b.WriteString(bl.text + "\n")
			continue
		}
		t := bl.table
		if t.label != "" {
			b.WriteString(".. _" + t.label + ":\n\n")
		}
		fmt.Fprintf(&b, ".. table:: **Table %d** %s\n\n", t.number, t.title)
		header := fullHeader
		if t.short {
			header = shortHeader
		}
		b.WriteString(grid(header, t.rows))
		b.WriteString("\n")
	}
	return b.String()
}

// grid renders a grid table indented by three spaces; cells hold "\n"
// between their lines.
func grid(header []string, rows [][]string) string {
	all := append([][]string{header}, rows...)
	width := make([]int, len(header))
	for _, row := range all {
		for c, cell := range row {
			for _, l := range strings.Split(cell, "\n") {
				width[c] = max(width[c], utf8.RuneCountInString(l))
			}
		}
	}
	border := func(fill string) string {
		s := "   +"
		for _, n := range width {
			s += strings.Repeat(fill, n+2) + "+"
		}
		return s + "\n"
	}
	var b strings.Builder
	b.WriteString(border("-"))
	for i, row := range all {
		cells := make([][]string, len(row))
		height := 0
		for c, cell := range row {
			cells[c] = strings.Split(cell, "\n")
			height = max(height, len(cells[c]))
		}
		for l := range height {
			b.WriteString("   |")
			for c, lines := range cells {
				text := ""
				if l < len(lines) {
					text = lines[l]
				}
				b.WriteString(" " + text + strings.Repeat(" ", width[c]-utf8.RuneCountInString(text)) + " |")
			}
			b.WriteString("\n")
		}
		if i == 0 {
			b.WriteString(border("="))
		} else {
			b.WriteString(border("-"))
		}
	}
	return b.String()
}

// table returns table n of the page.
func (p *page) table(t *testing.T, n int) *table {
	t.Helper()
	for _, bl := range p.blocks {
		if bl.table != nil && bl.table.number == n {
			return bl.table
		}
	}
	t.Fatalf("%s has no Table %d", p.name, n)
	return nil
}

// row returns the row called name.
func (tb *table) row(t *testing.T, name string) []string {
	t.Helper()
	for _, r := range tb.rows {
		if r[0] == name {
			return r
		}
	}
	t.Fatalf("Table %d has no row %s", tb.number, name)
	return nil
}

// set sets column col of the row called name.
func (tb *table) set(t *testing.T, name string, col int, cell string) {
	t.Helper()
	tb.row(t, name)[col] = cell
}

// edit replaces old by new in column col of the row called name.
func (tb *table) edit(t *testing.T, name string, col int, old, new string) {
	t.Helper()
	r := tb.row(t, name)
	if !strings.Contains(r[col], old) {
		t.Fatalf("row %s, column %d: no %q in %q", name, col, old, r[col])
	}
	r[col] = strings.Replace(r[col], old, new, 1)
}

// drop removes the row called name.
func (tb *table) drop(t *testing.T, name string) {
	t.Helper()
	i := slices.IndexFunc(tb.rows, func(r []string) bool { return r[0] == name })
	if i < 0 {
		t.Fatalf("Table %d has no row %s", tb.number, name)
	}
	tb.rows = slices.Delete(tb.rows, i, i+1)
}

// insert adds a row before the row called before.
func (tb *table) insert(t *testing.T, before string, row []string) {
	t.Helper()
	i := slices.IndexFunc(tb.rows, func(r []string) bool { return r[0] == before })
	if i < 0 {
		t.Fatalf("Table %d has no row %s", tb.number, before)
	}
	tb.rows = slices.Insert(tb.rows, i, row)
}

// replaceText replaces old by new in the page's text blocks.
func (p *page) replaceText(t *testing.T, old, new string) {
	t.Helper()
	for _, bl := range p.blocks {
		if bl.table == nil && strings.Contains(bl.text, old) {
			bl.text = strings.Replace(bl.text, old, new, 1)
			return
		}
	}
	t.Fatalf("%s has no text %q", p.name, old)
}

const widgetSchema = `openapi: 3.1.0
info: {title: Widgets, version: "1"}
paths:
  /v1/{team_id}/widgets:
    post:
      operationId: MakeWidget
      x-doc-page: widgets/making_a_widget.rst
      x-doc-deviation:
        kind: reading
        doc: the function text speaks of a group where the path has a team
        reason: The path parameter is team_id, so the model says team.
      parameters:
        - name: team_id
          in: path
          required: true
          x-doc-tables: [makewidget__path_parameters]
          x-doc-row: 1
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/MakeWidgetRequest'}
            examples:
              pipe:
                x-doc-example: 1
                value:
                  name: w1
                  source_type: PIPE_SOURCE
                  feed: {host: pipe.example, login: TOKEN, token: t0k}
                  pace: calm
      responses:
        "200":
          description: Made.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/WidgetInfo'}
              examples:
                made:
                  x-doc-example: 2
                  value: {id: w-1, pace: calm, created: 1700000000000, owner: ops}
    get:
      operationId: ListWidgets
      x-doc-page: widgets/listing_widgets.rst
      parameters:
        - name: team_id
          in: path
          required: true
          x-doc-tables: [listwidgets__path_parameters]
          x-doc-row: 1
          schema: {type: string}
        - name: offset
          in: query
          x-doc-tables: [listwidgets__query_parameters]
          x-doc-row: 1
          schema: {type: integer, format: int32, minimum: 0, maximum: 2147483647}
        - name: limit
          in: query
          x-doc-tables: [listwidgets__query_parameters]
          x-doc-row: 2
          schema: {type: integer, format: int32, minimum: 1, maximum: 50, default: 10}
      responses:
        "200":
          description: Listed.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ListWidgetsResponse'}
              examples:
                two:
                  x-doc-example: 2
                  value:
                    total: 2
                    widgets:
                      - {id: w-1, pace: calm, created: 1700000000000, owner: null}
                      - {id: w-2, pace: fast, creatd: 1700000000001, owner: ops}
components:
  schemas:
    MakeWidgetRequest:
      x-doc-tables: [makewidget__request_body_parameters]
      type: object
      additionalProperties: false
      required: [name]
      properties:
        name: {x-doc-row: 1, type: string, maxLength: 64}
        source_type: {x-doc-row: 2, type: string, x-doc-values-from: examples, enum: [NONE, PIPE_SOURCE, TANK_SOURCE]}
        feed: {x-doc-row: 3, $ref: '#/components/schemas/WidgetFeed'}
        tuning: {x-doc-row: 4, $ref: '#/components/schemas/WidgetTuning'}
        pace: {x-doc-row: 5, type: string, enum: [fast, calm]}
        retries: {x-doc-row: 6, type: integer, format: int32, minimum: 0, maximum: 9, default: 3}
        level:
          x-doc-row: 7
          type: string
          enum: ["1", "2", "3"]
          x-doc-deviation:
            kind: value-reading
            doc: the row gives the range in words
            reason: One to three, as the digits the service takes.
      allOf:
        - if:
            required: [source_type]
            properties:
              source_type: {const: PIPE_SOURCE}
          then:
            required: [feed]
            properties:
              feed:
                required: [host, login]
                if:
                  required: [login]
                  properties:
                    login: {const: TOKEN}
                then:
                  required: [token]
        - if:
            required: [source_type]
            properties:
              source_type: {const: TANK_SOURCE}
          then:
            required: [feed]
            properties:
              feed:
                oneOf:
                  - required: [bucket_id]
                  - required: [bucket_url]
    WidgetFeed:
      x-doc-tables: [makewidget__request_widgetfeed]
      type: object
      additionalProperties: false
      properties:
        host: {x-doc-row: 1, type: string}
        login: {x-doc-row: 2, type: string, enum: [TOKEN, NONE]}
        token: {x-doc-row: 3, type: string}
        bucket_id: {x-doc-row: 4, type: string}
        bucket_url: {x-doc-row: 5, type: string}
        mirror_enabled: {x-doc-row: 6, type: boolean}
        mirror_list: {x-doc-row: 7, type: string}
        zone:
          x-doc-row: 8
          type: string
          x-doc-deviation:
            kind: not-required
            doc: the row wants it for pipes
            example: pipe
            reason: The pipe example goes without it.
        note:
          x-doc-row: 9
          type: string
          x-doc-deviation:
            kind: unchecked-rule
            doc: a busy feed drops the note
            reason: That is the service's behaviour, not a rule on the request.
      if:
        required: [mirror_enabled]
        properties:
          mirror_enabled: {const: true}
      then:
        not:
          required: [mirror_list]
    WidgetTuning:
      x-doc-tables: [makewidget__request_widgettuning]
      type: object
      additionalProperties: false
      properties:
        mode: {x-doc-row: 1, type: string, enum: [pull, push]}
        port: {x-doc-row: 2, type: integer, format: int32, minimum: -2147483648, maximum: 2147483647}
        window: {x-doc-row: 3, type: integer, format: int32, minimum: -2147483648, maximum: 2147483647}
        burst: {x-doc-row: 4, type: integer, format: int32, minimum: -2147483648, maximum: 2147483647}
        proxy: {x-doc-row: 5, type: string}
        start_at: {x-doc-row: 6, type: integer, format: int64, minimum: -9223372036854775808, maximum: 9223372036854775807}
        stop_at: {x-doc-row: 7, type: integer, format: int64, minimum: -9223372036854775808, maximum: 9223372036854775807}
        offset: {x-doc-row: 8, type: integer, format: int64, minimum: -9223372036854775808, maximum: 9223372036854775807}
        tags: {x-doc-row: 9, type: string}
        labels: {x-doc-row: 10, type: string}
        region:
          x-doc-row: 11
          type: string
          x-doc-deviation:
            kind: unchecked-rule
            doc: old kinds of widget need it
            reason: The request does not say which kind a widget is.
      allOf:
        - if:
            required: [mode]
            properties:
              mode: {const: push}
          then:
            required: [port]
          else:
            not:
              required: [burst]
        - if:
            required: [mode]
            properties:
              mode: {const: pull}
          then:
            required: [window]
          else:
            not:
              required: [window]
        - if:
            required: [mode]
            properties:
              mode: {const: pull}
          then:
            not:
              required: [proxy]
        - not:
            required: [start_at, stop_at, offset]
        - anyOf:
            - required: [tags]
            - required: [labels]
    WidgetInfo:
      x-doc-tables: [makewidget__response_body_parameters, listwidgets__response_widgetinfo]
      type: object
      properties:
        id: {x-doc-row: 1, type: string}
        pace: {x-doc-row: 2, type: string, x-known-values: [fast, calm]}
        created:
          x-doc-row: 3
          type: integer
          format: int64
          minimum: -9223372036854775808
          maximum: 9223372036854775807
          x-doc-deviation:
            kind: example-typo
            doc: the list example sends creatd for its second widget
            example: two
            reason: The tables spell it created.
        owner:
          x-doc-row: 4
          type: [string, "null"]
          x-doc-deviation:
            kind: type
            doc: the list example sends null for a widget nobody owns
            example: two
            reason: A response must decode what the service sends.
    ListWidgetsResponse:
      x-doc-tables: [listwidgets__response_body_parameters]
      type: object
      properties:
        total: {x-doc-row: 1, type: integer, format: int32, minimum: -2147483648, maximum: 2147483647}
        widgets:
          x-doc-row: 2
          type: array
          items: {$ref: '#/components/schemas/WidgetInfo'}
`

// editSchema applies replacements (old, new, old, new, ...) to the
// widget schema; each old text must occur once.
func editSchema(t *testing.T, pairs ...string) string {
	t.Helper()
	s := widgetSchema
	for i := 0; i+1 < len(pairs); i += 2 {
		if n := strings.Count(s, pairs[i]); n != 1 {
			t.Fatalf("the schema has %d of %q, want 1", n, pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// fixture is a run of Check on written pages and schema.
type fixture struct {
	dir    string // the folder of pages
	schema string // the schema file
	pkg    *ir.Package
	ref    *rstdoc.Reference
	report *Report
}

// check writes the pages and the schema to a temporary folder and checks
// them.
func check(t *testing.T, pages []*page, schemaText string) *fixture {
	t.Helper()
	root := t.TempDir()
	fx := &fixture{dir: filepath.Join(root, "docs"), schema: filepath.Join(root, "widgets.yaml")}
	for _, p := range pages {
		file := filepath.Join(fx.dir, filepath.FromSlash(p.name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(p.render()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(fx.schema, []byte(schemaText), 0o644); err != nil {
		t.Fatal(err)
	}
	return fx.run(t)
}

// run builds the schema, reads the folder and checks.
func (fx *fixture) run(t *testing.T) *fixture {
	t.Helper()
	pkg, err := schema.Build(schema.Config{Schema: fx.schema, Package: "widgets"})
	if err != nil {
		t.Fatalf("the test schema does not build: %v", err)
	}
	ref, err := rstdoc.ReadDir(fx.dir)
	if err != nil {
		t.Fatalf("the test pages do not read: %v", err)
	}
	fx.pkg, fx.ref = pkg, ref
	fx.report = Check([]*ir.Package{pkg}, ref, fx.dir)
	return fx
}

// want is an expected finding: kind, status, page and page line; posLine,
// when not 0, the schema line.
type want struct {
	kind, status, page string
	line, posLine      int
}

func (w want) String() string {
	s := fmt.Sprintf("%s %s %s:%d", w.status, w.kind, w.page, w.line)
	if w.posLine != 0 {
		s += fmt.Sprintf(" @%d", w.posLine)
	}
	return s
}

// expect checks that the report has exactly the findings listed. A want
// with a schema line matches only a finding there.
func expect(t *testing.T, r *Report, wants ...want) {
	t.Helper()
	var got, exp []string
	withPos := map[string]bool{}
	for _, w := range wants {
		if w.posLine != 0 {
			withPos[want{kind: w.kind, status: w.status, page: w.page, line: w.line}.String()] = true
		}
	}
	for _, f := range r.Findings() {
		w := want{kind: f.Kind, status: f.Status, page: f.Page, line: f.PageLine}
		if withPos[w.String()] {
			_, w.posLine, _ = splitPos(f.SchemaPos)
		}
		got = append(got, w.String())
	}
	for _, w := range wants {
		exp = append(exp, w.String())
	}
	slices.Sort(got)
	slices.Sort(exp)
	if !slices.Equal(got, exp) {
		var b strings.Builder
		for _, f := range r.Findings() {
			b.WriteString("  " + r.Line(f) + "\n")
		}
		t.Errorf("findings:\n  got  %v\n  want %v\nreport:\n%s", got, exp, b.String())
	}
}

// rowLine returns the line of the row called name in table n of the page.
func (fx *fixture) rowLine(t *testing.T, pageName string, n int, name string) int {
	t.Helper()
	p := fx.ref.Page(pageName)
	if p == nil || p.Table(n) == nil || p.Table(n).Row(name) == nil {
		t.Fatalf("%s: Table %d has no row %s", pageName, n, name)
	}
	return p.Table(n).Row(name).Line
}

// lineOf returns the line of the first line of the page that holds s.
func (fx *fixture) lineOf(t *testing.T, pageName, s string) int {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(fx.dir, filepath.FromSlash(pageName)))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", pageName, s)
	return 0
}

// field returns the field of the package's object.
func (fx *fixture) field(t *testing.T, obj, name string) *ir.Field {
	t.Helper()
	for _, o := range fx.pkg.Objects {
		if o.Name == obj {
			if f := fieldByName(o, name); f != nil {
				return f
			}
		}
	}
	t.Fatalf("no field %s.%s", obj, name)
	return nil
}

const (
	makePage = "widgets/making_a_widget.rst"
	listPage = "widgets/listing_widgets.rst"
)

// accepted are the fixture's accepted deviations, but those dropped:
// "kind:field" (or "kind:page" for one of owner's two).
func (fx *fixture) accepted(t *testing.T, drop ...string) []want {
	t.Helper()
	all := []struct {
		key, page string
		line      func() int
	}{
		{"reading:MakeWidget", makePage, func() int { return fx.ref.Page(makePage).PathLine }},
		{"value-reading:level", makePage, func() int { return fx.rowLine(t, makePage, 2, "level") }},
		{"not-required:zone", makePage, func() int { return fx.rowLine(t, makePage, 3, "zone") }},
		{"unchecked-rule:note", makePage, func() int { return fx.rowLine(t, makePage, 3, "note") }},
		{"unchecked-rule:region", makePage, func() int { return fx.rowLine(t, makePage, 4, "region") }},
		{"type:owner", makePage, func() int { return fx.rowLine(t, makePage, 5, "owner") }},
		{"type:owner", listPage, func() int { return fx.rowLine(t, listPage, 4, "owner") }},
		{"example-typo:created", listPage, func() int { return fx.lineOf(t, listPage, `"creatd"`) }},
	}
	var out []want
	for _, a := range all {
		if slices.Contains(drop, a.key) || slices.Contains(drop, a.key+"@"+a.page) {
			continue
		}
		kind, _, _ := strings.Cut(a.key, ":")
		out = append(out, want{kind: kind, status: StatusAccepted, page: a.page, line: a.line()})
	}
	return out
}

func diff(kind, page string, line int) want {
	return want{kind: kind, status: StatusDifference, page: page, line: line}
}

func stale(kind, page string, line int) want {
	return want{kind: kind, status: StatusStale, page: page, line: line}
}
