package doccheck

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// The unit tests compare a small made-up page, "Making a Gadget", with a
// schema that models it, after changing one side in one way.

// gadget is the made-up page as data; render writes it as reStructuredText.
type gadget struct {
	op             string
	t1, t2, t3, t4 [][]string
	req, resp      string // example bodies
	extraExample   string // a further request example's body, or ""
	dropTable3     bool
}

var (
	fullHeader  = []string{"Parameter", "Mandatory", "Type", "Description"}
	shortHeader = []string{"Parameter", "Type", "Description"}
)

func baseGadget() *gadget {
	return &gadget{
		op: "POST /v1/{team}/gadgets",
		t1: [][]string{
			{"team", "Yes", "String", "The team that owns the gadget."},
		},
		t2: [][]string{
			{"label", "No", "String", "A label for the gadget."},
			{"source_type", "No", "String", "Where the gadget pulls from."},
			{"source", "No", "GadgetSource", "How to reach the source."},
			{"speed", "No", "String", "Pace: **fast** hurries; **slow** takes its time."},
			{"retries", "No", "Integer", "Retry budget. The default value is **3**."},
		},
		t3: [][]string{
			{"host", "No", "String", "Host to reach. (Mandatory only when the source type is Alpha.)"},
			{"auth", "No", "String", "How to sign in. (Mandatory only when the source type is Alpha.)\n\n-  **TOKEN**: with a token.\n\n-  **NONE**: no sign-in."},
			{"secret", "No", "String", "The token. (Mandatory only when the source type is Alpha and the sign-in mode is **TOKEN**.)"},
			{"bucket_id", "No", "String", "Bucket by ID. (Mandatory only when the source type is Beta. Specify either **bucket_id** or **bucket_url**.)"},
			{"bucket_url", "No", "String", "Bucket by URL. (Mandatory only when the source type is Beta. Specify either **bucket_id** or **bucket_url**.)"},
			{"mirror_enabled", "No", "Boolean", "Whether to mirror."},
			{"mirror_list", "No", "String", "What to mirror. **Mirror Enabled** and **Mirror List** cannot be configured at the same time."},
			{"zone", "No", "String", "Zone name. (Mandatory only when the source type is Alpha.)"},
			{"sep", "No", "String", "Separator:\n\n-  Comma (,)\n\n-  **;**"},
		},
		t4: [][]string{
			{"id", "String", "Gadget ID."},
			{"speed", "String", "Pace of the gadget."},
			{"created", "Long", "Creation time in ms. (Displayed only when the source type is Alpha.)"},
		},
		req: `{
  "label" : "g1",
  "source_type" : "ALPHA_SOURCE",
  "source" : {
    "host" : "h.example",
    "auth" : "TOKEN",
    "secret" : "s3",
    "sep" : ","
  }
}`,
		resp: `{
  "id" : "g-1",
  "speed" : "fast",
  "created" : 1700000000000
}`,
	}
}

// typeCell writes the Type cell: a component name becomes a :ref: link to
// its table.
func typeCell(t string) string {
	if strings.HasPrefix(t, "Gadget") {
		return ":ref:`" + t + " <gadget_source>` object"
	}
	return t
}

func (g *gadget) render() string {
	var b strings.Builder
	w := func(s ...string) {
		for _, l := range s {
			b.WriteString(l + "\n")
		}
	}
	rows := func(table [][]string, typeCol int) [][]string {
		out := make([][]string, len(table))
		for i, r := range table {
			out[i] = slices.Clone(r)
			out[i][typeCol] = typeCell(r[typeCol])
		}
		return out
	}
	w(".. _MakeGadget:", "", "Making a Gadget", "===============", "", "URI", "---", "", g.op, "")
	w(".. table:: **Table 1** Path Parameters", "")
	b.WriteString(grid(fullHeader, rows(g.t1, 2)))
	w("", "Request Parameters", "------------------", "")
	w(".. table:: **Table 2** Request body parameters", "")
	b.WriteString(grid(fullHeader, rows(g.t2, 2)))
	if !g.dropTable3 {
		w("", ".. _gadget_source:", "", ".. table:: **Table 3** GadgetSource", "")
		b.WriteString(grid(fullHeader, rows(g.t3, 2)))
	}
	w("", "Response Parameters", "-------------------", "", "**Status code: 200**", "")
	w(".. table:: **Table 4** Response body parameters", "")
	b.WriteString(grid(shortHeader, rows(g.t4, 1)))
	w("", "Example Requests", "----------------", "")
	example := func(title, body string) {
		w("-  "+title, "", "   .. code-block:: text", "", "      POST https://{endpoint}/v1/{team}/gadgets", "")
		for _, l := range strings.Split(body, "\n") {
			w("      " + l)
		}
		w("")
	}
	example("An Alpha gadget.", g.req)
	if g.extraExample != "" {
		example("Another gadget.", g.extraExample)
	}
	w("Example Responses", "-----------------", "", "**Status code: 200**", "", "Made.", "", ".. code-block::", "")
	for _, l := range strings.Split(g.resp, "\n") {
		w("   " + l)
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

// setCell sets column col of the row called name.
func setCell(t *testing.T, table [][]string, name string, col int, text string) {
	t.Helper()
	for _, r := range table {
		if r[0] == name {
			r[col] = text
			return
		}
	}
	t.Fatalf("no row %s", name)
}

// dropRow removes the row called name.
func dropRow(t *testing.T, table [][]string, name string) [][]string {
	t.Helper()
	for i, r := range table {
		if r[0] == name {
			return slices.Delete(table, i, i+1)
		}
	}
	t.Fatalf("no row %s", name)
	return nil
}

const gadgetSchema = `openapi: 3.1.0
info: {title: Gadgets, version: "1"}
paths:
  /v1/{team}/gadgets:
    post:
      operationId: MakeGadget
      x-doc-table: 1
      parameters:
        - name: team
          in: path
          required: true
          x-doc-table: 1
          x-doc-row: 1
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/MakeGadgetRequest'}
            examples:
              alpha:
                x-doc-example: 1
                value:
                  label: g1
                  source_type: ALPHA_SOURCE
                  source: {host: h.example, auth: TOKEN, secret: s3, sep: ","}
      responses:
        "200":
          description: Made.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/MakeGadgetResponse'}
              examples:
                made:
                  x-doc-example: 2
                  value: {id: g-1, speed: fast, created: 1700000000000}
components:
  schemas:
    MakeGadgetRequest:
      x-doc-table: 2
      type: object
      properties:
        label: {x-doc-row: 1, type: string}
        source_type: {x-doc-row: 2, type: string, x-doc-values-from: examples, enum: [NONE, ALPHA_SOURCE, BETA_SOURCE]}
        source: {x-doc-row: 3, $ref: '#/components/schemas/GadgetSource'}
        speed: {x-doc-row: 4, type: string, enum: [fast, slow]}
        retries: {x-doc-row: 5, type: integer, format: int32, default: 3}
      allOf:
        - if:
            required: [source_type]
            properties:
              source_type: {const: ALPHA_SOURCE}
          then:
            required: [source]
            properties:
              source:
                required: [host, auth]
                if:
                  required: [auth]
                  properties:
                    auth: {const: TOKEN}
                then:
                  required: [secret]
        - if:
            required: [source_type]
            properties:
              source_type: {const: BETA_SOURCE}
          then:
            required: [source]
            properties:
              source:
                oneOf:
                  - required: [bucket_id]
                  - required: [bucket_url]
    GadgetSource:
      x-doc-table: 3
      type: object
      properties:
        host: {x-doc-row: 1, type: string}
        auth: {x-doc-row: 2, type: string, enum: [TOKEN, NONE]}
        secret: {x-doc-row: 3, type: string}
        bucket_id: {x-doc-row: 4, type: string}
        bucket_url: {x-doc-row: 5, type: string}
        mirror_enabled: {x-doc-row: 6, type: boolean}
        mirror_list: {x-doc-row: 7, type: string}
        zone:
          x-doc-row: 8
          type: string
          x-doc-deviation:
            kind: not-required
            doc: the page wants it for Alpha sources
            example: alpha
            reason: The Alpha example goes without it.
        sep:
          x-doc-row: 9
          type: string
          enum: [",", ";"]
          x-doc-deviation:
            kind: value-reading
            doc: the comma is named, not spelled
            example: alpha
            reason: The example sends a comma.
      if:
        required: [mirror_enabled]
        properties:
          mirror_enabled: {const: true}
      then:
        not:
          required: [mirror_list]
    MakeGadgetResponse:
      x-doc-table: 4
      type: object
      properties:
        id: {x-doc-row: 1, type: string}
        speed: {x-doc-row: 2, type: string, x-known-values: [fast, slow]}
        created: {x-doc-row: 3, type: integer, format: int64}
`

// editSchema applies replacements (old, new, old, new, ...) to the gadget
// schema; each old text must occur.
func editSchema(t *testing.T, pairs ...string) string {
	t.Helper()
	s := gadgetSchema
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("the schema has no %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// run checks page against schema, both written to a temporary directory.
func run(t *testing.T, page, schema string) (*Report, *rstdoc.Page) {
	t.Helper()
	dir := t.TempDir()
	schemaFile := filepath.Join(dir, "gadget.yaml")
	if err := os.WriteFile(schemaFile, []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := rstdoc.Parse("gadget.rst", []byte(page))
	if err != nil {
		t.Fatalf("the test page does not parse: %v\n%s", err, page)
	}
	r, err := Check(p, "gadget.rst", schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	return r, p
}

// want is an expected finding: kind, status and page line.
type want struct {
	kind, status string
	line         int
}

func (w want) String() string { return fmt.Sprintf("%s %s @%d", w.status, w.kind, w.line) }

// expect checks that the report has exactly the findings listed.
func expect(t *testing.T, r *Report, wants ...want) {
	t.Helper()
	var got, exp []string
	for _, f := range r.Findings {
		got = append(got, want{f.Kind, f.Status, f.PageLine}.String())
	}
	for _, w := range wants {
		exp = append(exp, w.String())
	}
	slices.Sort(got)
	slices.Sort(exp)
	if !slices.Equal(got, exp) {
		var b strings.Builder
		for _, f := range r.Findings {
			b.WriteString("  " + r.Line(f) + "\n")
		}
		t.Errorf("findings:\n  got  %v\n  want %v\nreport:\n%s", got, exp, b.String())
	}
}

// rowLine returns the line of the row name of table n.
func rowLine(t *testing.T, p *rstdoc.Page, n int, name string) int {
	t.Helper()
	tb := p.Table(n)
	if tb == nil || tb.Row(name) == nil {
		t.Fatalf("Table %d has no row %s", n, name)
	}
	return tb.Row(name).Line
}

// lineOf returns the 1-based line of the nth (from 1) line of text holding
// s.
func lineOf(t *testing.T, text, s string, nth int) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			nth--
			if nth == 0 {
				return i + 1
			}
		}
	}
	t.Fatalf("no line %d with %q", nth, s)
	return 0
}

// accepted are the gadget schema's two accepted deviations.
func accepted(t *testing.T, p *rstdoc.Page) []want {
	if p.Table(3) == nil {
		return nil
	}
	return []want{
		{DevNotRequired, StatusAccepted, rowLine(t, p, 3, "zone")},
		{DevValueReading, StatusAccepted, rowLine(t, p, 3, "sep")},
	}
}

func diff(line int, kind string) want { return want{kind, StatusDifference, line} }
