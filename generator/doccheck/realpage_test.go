package doccheck

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
	"github.com/dmsgen/dmsgen/generator/schema"
	"github.com/dmsgen/dmsgen/internal/testdirs"
)

// The project's schema, relative to this package, and the folder of the
// pages it models, relative to DMSGEN_DOCS.
const (
	realSchema = "../../schemas/smartconnect.yaml"
	realGroup  = "smart_connect/"
)

func realDocs(t *testing.T) string {
	t.Helper()
	return testdirs.Env(t, "DMSGEN_DOCS", "the upstream docs folder (../shared/docs)")
}

// buildSchema builds a schema's IR.
func buildSchema(t *testing.T, file string) *ir.Package {
	t.Helper()
	pkg, err := schema.Build(schema.Config{Schema: file, Package: "doccheck"})
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return pkg
}

// readDocs reads a folder of pages.
func readDocs(t *testing.T, dir string) *rstdoc.Reference {
	t.Helper()
	ref, err := rstdoc.ReadDir(dir)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return ref
}

// realAccepted are the project schema's accepted deviations on the real
// pages: page (in smart_connect/), deviation kind, object and field.
var realAccepted = []struct{ page, kind, object, field string }{
	{"creating_a_smart_connect_task.rst", "reading", "CreateConnectorTaskRequest", "sink_task"},
	{"creating_a_smart_connect_task.rst", "not-required", "SmartConnectTaskReqSourceConfig", "dcs_instance_id"},
	{"creating_a_smart_connect_task.rst", "unchecked-rule", "SmartConnectTaskReqSourceConfig", "user_name"},
	{"creating_a_smart_connect_task.rst", "unchecked-rule", "SmartConnectTaskReqSourceConfig", "password"},
	{"creating_a_smart_connect_task.rst", "not-required", "SmartConnectTaskReqSourceConfig", "security_protocol"},
	{"creating_a_smart_connect_task.rst", "unchecked-rule", "SmartConnectTaskReqSourceConfig", "replication_factor"},
	{"creating_a_smart_connect_task.rst", "unchecked-rule", "SmartConnectTaskReqSourceConfig", "task_num"},
	{"creating_a_smart_connect_task.rst", "unchecked-rule", "SmartConnectTaskReqSourceConfig", "rename_topic_enabled"},
	{"creating_a_smart_connect_task.rst", "unchecked-rule", "SmartConnectTaskReqSourceConfig", "provenance_header_enabled"},
	{"creating_a_smart_connect_task.rst", "not-required", "SmartConnectTaskReqSourceConfig", "topics_mapping"},
	{"creating_a_smart_connect_task.rst", "not-required", "SmartConnectTaskReqSinkConfig", "dcs_instance_id"},
	{"creating_a_smart_connect_task.rst", "reading", "SmartConnectTaskReqSinkConfig", "record_delimiter"},
	{"creating_a_smart_connect_task.rst", "type", "SmartConnectTaskEntity", "source_task"},
	{"creating_a_smart_connect_task.rst", "type", "SmartConnectTaskEntity", "sink_task"},
	{"creating_a_smart_connect_task.rst", "reading", "SmartConnectTaskRespSourceConfig", "ratelimit"},
	{"creating_a_smart_connect_task.rst", "reading", "SmartConnectTaskRespSourceConfig", "sasl_mechanism"},
	{"creating_a_smart_connect_task.rst", "example-typo", "SmartConnectTaskRespSourceConfig", "sync_mode"},
	{"enabling_smart_connect_pay-per-use_instance.rst", "type", "CreateConnectorRequest", "node_cnt"},
	{"enabling_smart_connect_pay-per-use_instance.rst", "unchecked-rule", "CreateConnectorRequest", "node_cnt"},
	{"enabling_smart_connect_pay-per-use_instance.rst", "unchecked-rule", "CreateConnectorRequest", "spec_code"},
	{"enabling_smart_connect_pay-per-use_instance.rst", "reading", "CreateConnectorResponse", "job_id"},
	{"querying_smart_connect_task_details.rst", "type", "SmartConnectTaskEntity", "source_task"},
	{"querying_smart_connect_task_details.rst", "type", "SmartConnectTaskEntity", "sink_task"},
	{"querying_smart_connect_task_details.rst", "reading", "SmartConnectTaskRespSourceConfig", "ratelimit"},
	{"querying_smart_connect_task_details.rst", "reading", "SmartConnectTaskRespSourceConfig", "sasl_mechanism"},
	{"querying_smart_connect_task_details.rst", "example-typo", "SmartConnectTaskRespSourceConfig", "sync_mode"},
	{"querying_smart_connect_tasks.rst", "reading", "ListConnectorTasks", "limit"},
	{"querying_smart_connect_tasks.rst", "type", "SmartConnectTaskEntity", "source_task"},
	{"querying_smart_connect_tasks.rst", "type", "SmartConnectTaskEntity", "sink_task"},
	{"querying_smart_connect_tasks.rst", "reading", "SmartConnectTaskRespSourceConfig", "ratelimit"},
	{"querying_smart_connect_tasks.rst", "reading", "SmartConnectTaskRespSourceConfig", "sasl_mechanism"},
	{"querying_smart_connect_tasks.rst", "example-typo", "SmartConnectTaskRespSinkConfig", "deliver_time_interval"},
	{"restarting_a_smart_connect_task.rst", "reading", "ResumeConnectorTask", ""},
}

// acceptedKeys lists the accepted findings as "page kind object.field",
// without lines (a change to a page moves them).
func acceptedKeys(r *Report) []string {
	var out []string
	for _, f := range r.Findings() {
		if f.Status == StatusAccepted {
			out = append(out, fmt.Sprintf("%s %s %s.%s", f.Page, f.Kind, f.Object, f.Field))
		}
	}
	slices.Sort(out)
	return out
}

// wantAccepted is realAccepted as acceptedKeys writes it, but for the
// entries of drop ("page kind object.field").
func wantAccepted(drop ...string) []string {
	var out []string
	for _, a := range realAccepted {
		k := fmt.Sprintf("%s%s %s %s.%s", realGroup, a.page, a.kind, a.object, a.field)
		if !slices.Contains(drop, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// TestRealFolder: the project's schema and the upstream folder agree on
// the nine Smart Connect pages but for the deviations the schema records,
// each listed with its reason at the row (or example, or operation line)
// it is about; the other pages are listed as not modelled.
func TestRealFolder(t *testing.T) {
	dir := realDocs(t)
	ref := readDocs(t, dir)
	r := Check([]*ir.Package{buildSchema(t, realSchema)}, ref, dir)
	for _, f := range r.Findings() {
		if f.Status != StatusAccepted {
			t.Errorf("not accepted: %s", r.Line(f))
		}
	}
	if got, want := acceptedKeys(r), wantAccepted(); !slices.Equal(got, want) {
		t.Errorf("accepted deviations:\n got  %q\n want %q", got, want)
	}
	for _, f := range r.Findings() {
		p := ref.Page(f.Page)
		if f.Reason == "" || !strings.HasPrefix(f.SchemaPos, realSchema+":") || p == nil {
			t.Errorf("accepted finding without reason, schema position or page: %+v", f)
			continue
		}
		switch {
		case f.Field == "":
			if f.PageLine != p.PathLine {
				t.Errorf("%s: at line %d, want the operation line %d", r.Line(f), f.PageLine, p.PathLine)
			}
		case f.Kind == ir.DevExampleTypo:
			if !slices.ContainsFunc(p.Examples, func(e *rstdoc.Example) bool { return e.JSONLine > 0 && f.PageLine >= e.JSONLine }) {
				t.Errorf("%s: not in an example", r.Line(f))
			}
		default:
			if row := rowAt(p, f.PageLine); row == nil || row.Name != f.Field {
				t.Errorf("%s: not at the row of %s (%+v)", r.Line(f), f.Field, row)
			}
		}
	}
	var modelled []string
	for _, p := range r.Pages {
		modelled = append(modelled, p.Page)
		if len(p.Operations) != 1 || !strings.HasPrefix(p.Page, realGroup) {
			t.Errorf("page %s: operations %v", p.Page, p.Operations)
		}
	}
	if len(modelled) != 9 || len(r.Unlinked) != 0 {
		t.Errorf("modelled %v, operations without a page %v", modelled, r.Unlinked)
	}
	if len(r.NotModelled)+len(modelled) != len(ref.Pages) || slices.ContainsFunc(r.NotModelled, func(p string) bool { return strings.HasPrefix(p, realGroup) }) {
		t.Errorf("%d pages not modelled, %d modelled, of %d", len(r.NotModelled), len(modelled), len(ref.Pages))
	}
	t.Logf("%d pages modelled, %d not, %d accepted deviations", len(modelled), len(r.NotModelled), len(acceptedKeys(r)))
}

// rowAt returns the row of the page whose cells hold the line: the last
// row starting at or before it in the table that holds it.
func rowAt(p *rstdoc.Page, line int) *rstdoc.Row {
	var best *rstdoc.Row
	for _, t := range p.Tables {
		for _, r := range t.Rows {
			if r.Line <= line && (best == nil || r.Line > best.Line) {
				best = r
			}
		}
	}
	return best
}

// TestRealEveryRowIsModelled: every row of every parameter table of the
// nine pages is modelled by a field or parameter, at its row, with the
// documented type (or a type deviation the check accepts), and every
// table the schema names is one of theirs.
func TestRealEveryRowIsModelled(t *testing.T) {
	dir := realDocs(t)
	ref := readDocs(t, dir)
	c := run([]*ir.Package{buildSchema(t, realSchema)}, ref)
	typeDev := map[*member]bool{}
	for _, f := range c.findings {
		if f.Status == StatusAccepted && f.Kind == ir.DevType {
			for _, d := range f.devs {
				if d.d.Kind == ir.DevType {
					typeDev[d.mb[0]] = true
				}
			}
		}
	}
	rows, tables := 0, 0
	for _, p := range ref.Pages {
		if !strings.HasPrefix(p.Name, realGroup) {
			continue
		}
		for _, tb := range p.Tables {
			if !tb.IsParameters {
				continue
			}
			tables++
			u := c.claimed[tb]
			if u == nil {
				t.Errorf("%s: %s (%s) is not modelled", p.Name, tb.Label(), tb.ID)
				continue
			}
			for i, r := range tb.Rows {
				rows++
				var mb *member
				for m, row := range u.rows {
					if row == r {
						mb = m
					}
				}
				switch {
				case mb == nil:
					t.Errorf("%s:%d: %s has no field in %s", p.Name, r.Line, r.Name, u.m.name())
				case mb.row != i+1:
					t.Errorf("%s:%d: %s has x-doc-row %d, it is row %d", p.Name, r.Line, mb.qual(), mb.row, i+1)
				case !typeMatches(mb.typ, r) && !typeDev[mb]:
					t.Errorf("%s:%d: %s is %s, the row says %s", p.Name, r.Line, mb.qual(), schemaType(mb.typ), rowType(r))
				}
			}
		}
	}
	for _, u := range c.units {
		if !strings.HasPrefix(u.page.Name, realGroup) {
			t.Errorf("%s names the table %s of %s", u.m.name(), u.id, u.page.Name)
		}
	}
	if len(c.units) != tables {
		t.Errorf("the schema names %d tables, the nine pages have %d parameter tables", len(c.units), tables)
	}
	t.Logf("%d rows of %d tables modelled", rows, tables)
}

// copyDocs copies the folder of pages into a temporary folder.
func copyDocs(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "docs")
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// realPage is a page of the copied folder as lines, with edits that keep
// its grid tables well-formed.
type realPage struct {
	t     *testing.T
	file  string
	lines []string
	p     *rstdoc.Page
}

func openPage(t *testing.T, dir, name string) *realPage {
	t.Helper()
	file := filepath.Join(dir, filepath.FromSlash(name))
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := rstdoc.Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return &realPage{t: t, file: file, lines: strings.Split(string(src), "\n"), p: p}
}

func (pg *realPage) save() {
	pg.t.Helper()
	if err := os.WriteFile(pg.file, []byte(strings.Join(pg.lines, "\n")), 0o644); err != nil {
		pg.t.Fatal(err)
	}
}

// row returns the row called name of the table with the title.
func (pg *realPage) row(title, name string) *rstdoc.Row {
	pg.t.Helper()
	for _, tb := range pg.p.Tables {
		if tb.Title == title && tb.Row(name) != nil {
			return tb.Row(name)
		}
	}
	pg.t.Fatalf("no table %q with a row %s", title, name)
	return nil
}

// span returns the 0-based index of a row's first line and of its bottom
// border.
func (pg *realPage) span(r *rstdoc.Row) (first, border int) {
	first = r.Line - 1
	border = first + 1
	for !isBorder(pg.lines[border]) {
		border++
	}
	return first, border
}

func isBorder(l string) bool {
	s := strings.TrimSpace(l)
	return strings.HasPrefix(s, "+") && strings.Trim(s, "+-=") == ""
}

// editCell rewrites cell col of line i: edit gets the text without its
// padding and its result is padded back to the column's width.
func (pg *realPage) editCell(i, col int, edit func(string) string) {
	pg.t.Helper()
	var cols []int
	for j := i; j >= 0 && cols == nil; j-- {
		if isBorder(pg.lines[j]) {
			for k, c := range []rune(pg.lines[j]) {
				if c == '+' {
					cols = append(cols, k)
				}
			}
		}
	}
	r := []rune(pg.lines[i])
	from, to := cols[col]+1, cols[col+1]
	text := edit(strings.TrimRight(string(r[from+1:to]), " "))
	width := to - from - 1
	if n := utf8.RuneCountInString(text); n > width {
		pg.t.Fatalf("%q is wider than the column (%d)", text, width)
	}
	pg.lines[i] = string(r[:from]) + " " + text + strings.Repeat(" ", width-utf8.RuneCountInString(text)) + string(r[to:])
}

// blankRow returns line i with every cell emptied.
func (pg *realPage) blankRow(i int) string {
	r := []rune(pg.lines[i])
	start := strings.IndexRune(pg.lines[i], '|')
	for k := range r {
		if r[k] != '|' && k > start {
			r[k] = ' '
		}
	}
	return string(r)
}

// find returns the index of the first line in [from, to) that holds s.
func (pg *realPage) find(from, to int, s string) int {
	pg.t.Helper()
	for i := from; i < to && i < len(pg.lines); i++ {
		if strings.Contains(pg.lines[i], s) {
			return i
		}
	}
	pg.t.Fatalf("no line holds %q in lines %d-%d", s, from+1, to)
	return 0
}

// fieldLine returns the schema line of a field, or of an object when
// field is "".
func fieldLine(t *testing.T, pkg *ir.Package, obj, field string) int {
	t.Helper()
	for _, o := range pkg.Objects {
		if o.Name != obj {
			continue
		}
		if field == "" {
			return o.Pos.Line
		}
		if f := fieldByName(o, field); f != nil {
			return f.Pos.Line
		}
	}
	t.Fatalf("no %s.%s in the schema", obj, field)
	return 0
}

// TestRealPageMutations changes the real pages the way an upstream edit
// could, in a copy of the folder, and checks that doccheck reports exactly
// that change, at the changed line of the page and at the schema line of
// what models it, and otherwise the usual accepted deviations.
func TestRealPageMutations(t *testing.T) {
	const create = realGroup + "creating_a_smart_connect_task.rst"
	const del = realGroup + "deleting_a_smart_connect_task.rst"
	src := realDocs(t)
	pkg := buildSchema(t, realSchema)
	opLine := func(id string) int {
		for _, op := range pkg.Operations {
			if op.ID == id {
				return op.Pos.Line
			}
		}
		t.Fatalf("no operation %s", id)
		return 0
	}
	exampleLine := func(name string) int {
		for _, op := range pkg.Operations {
			for _, se := range examplesOf(op) {
				if se.ex.Name == name {
					return se.ex.Pos.Line
				}
			}
		}
		t.Fatalf("no example %s", name)
		return 0
	}
	cases := []struct {
		name string
		page string
		// edit changes the page and returns the findings it must give.
		edit func(pg *realPage) []want
	}{{
		name: "a row retyped (replication_factor Integer to String)",
		page: create,
		edit: func(pg *realPage) []want {
			r := pg.row("SmartConnectTaskReqSourceConfig", "replication_factor")
			pg.editCell(r.Line-1, 2, func(string) string { return "String" })
			return []want{{kind: KindType, status: StatusDifference, page: create, line: r.Line, posLine: fieldLine(t, pkg, "SmartConnectTaskReqSourceConfig", "replication_factor")}}
		},
	}, {
		name: "a row added (after cluster_name)",
		page: create,
		edit: func(pg *realPage) []want {
			_, border := pg.span(pg.row("SmartConnectTaskReqSourceConfig", "cluster_name"))
			pg.lines = slices.Insert(pg.lines, border+1, pg.blankRow(border+1), pg.lines[border])
			for col, text := range []string{"peer_alias", "No", "String", "Another name for the peer."} {
				pg.editCell(border+1, col, func(string) string { return text })
			}
			return []want{{kind: KindNoProperty, status: StatusDifference, page: create, line: border + 2, posLine: fieldLine(t, pkg, "SmartConnectTaskReqSourceConfig", "")}}
		},
	}, {
		name: "a row dropped (obs_path)",
		page: create,
		edit: func(pg *realPage) []want {
			r := pg.row("SmartConnectTaskReqSinkConfig", "obs_path")
			first, border := pg.span(r)
			pg.lines = slices.Delete(pg.lines, first, border+1)
			// Reported at the row that took its place.
			return []want{{kind: KindNoRow, status: StatusDifference, page: create, line: r.Line, posLine: fieldLine(t, pkg, "SmartConnectTaskReqSinkConfig", "obs_path")}}
		},
	}, {
		name: "Mandatory flipped (task_name No to Yes)",
		page: create,
		edit: func(pg *realPage) []want {
			r := pg.row("Request body parameters", "task_name")
			pg.editCell(r.Line-1, 1, func(string) string { return "Yes" })
			return []want{{kind: KindMandatory, status: StatusDifference, page: create, line: r.Line, posLine: fieldLine(t, pkg, "CreateConnectorTaskRequest", "task_name")}}
		},
	}, {
		name: "a path parameter's Mandatory flipped (task_id Yes to No)",
		page: del,
		edit: func(pg *realPage) []want {
			r := pg.row("Path Parameters", "task_id")
			pg.editCell(r.Line-1, 1, func(string) string { return "No" })
			return []want{diff(KindMandatory, del, r.Line)}
		},
	}, {
		name: "an enum value added (compression_type brotli)",
		page: create,
		edit: func(pg *realPage) []want {
			r := pg.row("SmartConnectTaskReqSourceConfig", "compression_type")
			first, border := pg.span(r)
			last := pg.find(first, border, "**zstd**")
			pg.lines = slices.Insert(pg.lines, last+1, pg.blankRow(last), pg.lines[last])
			pg.editCell(last+2, 3, func(s string) string { return strings.Replace(s, "zstd", "brotli", 1) })
			return []want{{kind: KindValues, status: StatusDifference, page: create, line: r.Line, posLine: fieldLine(t, pkg, "SmartConnectTaskReqSourceConfig", "compression_type")}}
		},
	}, {
		name: "an example value changed (task_num 2 to 4)",
		page: create,
		edit: func(pg *realPage) []want {
			i := pg.find(pg.p.Examples[1].JSONLine-1, len(pg.lines), `"task_num" : 2,`)
			pg.lines[i] = strings.Replace(pg.lines[i], "2,", "4,", 1)
			return []want{{kind: KindExample, status: StatusDifference, page: create, line: i + 1, posLine: exampleLine("kafka-replication")}}
		},
	}, {
		name: "the operation path changed",
		page: create,
		edit: func(pg *realPage) []want {
			i := pg.p.PathLine - 1
			pg.lines[i] = strings.Replace(pg.lines[i], "/tasks", "/jobs", 1)
			return []want{{kind: KindOperation, status: StatusDifference, page: create, line: pg.p.PathLine, posLine: opLine("CreateConnectorTask")}}
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDocs(t, src)
			pg := openPage(t, dir, tc.page)
			wants := tc.edit(pg)
			pg.save()
			r := Check([]*ir.Package{pkg}, readDocs(t, dir), dir)
			if got, want := acceptedKeys(r), wantAccepted(); !slices.Equal(got, want) {
				t.Errorf("accepted deviations:\n got  %q\n want %q", got, want)
			}
			var diffs []Finding
			for _, f := range r.Findings() {
				if f.Status != StatusAccepted {
					diffs = append(diffs, f)
				}
			}
			expect(t, &Report{Docs: r.Docs, Schema: diffs}, wants...)
			if r.OK() {
				t.Error("the changed folder passes")
			}
		})
	}
}

// TestRealSchemaMutations changes the project's schema (a copy) the way a
// slip could and checks that doccheck reports it at the rows whose rules
// it breaks.
func TestRealSchemaMutations(t *testing.T) {
	const create = realGroup + "creating_a_smart_connect_task.rst"
	dir := realDocs(t)
	ref := readDocs(t, dir)
	src, err := os.ReadFile(realSchema)
	if err != nil {
		t.Fatal(err)
	}
	row := func(table, name string) int {
		t.Helper()
		for _, tb := range ref.Page(create).Tables {
			if tb.Title == table && tb.Row(name) != nil {
				return tb.Row(name).Line
			}
		}
		t.Fatalf("no row %s in %s", name, table)
		return 0
	}
	const source = "SmartConnectTaskReqSourceConfig"
	for _, tc := range []struct {
		name     string
		old, new string
		want     func() []want
	}{{
		name: "the oneOf of instance_id and bootstrap_servers dropped",
		old:  "                oneOf:\n                  - required: [instance_id]\n                  - required: [bootstrap_servers]\n",
		want: func() []want { return []want{diff(KindEither, create, row(source, "instance_id"))} },
	}, {
		name: "the SASL_SSL if/then dropped",
		old:  "                if:\n                  required: [security_protocol]\n                  properties:\n                    security_protocol: {const: SASL_SSL}\n                then:\n                  required: [user_name, password, sasl_mechanism]\n",
		want: func() []want {
			return []want{
				diff(KindCondition, create, row(source, "user_name")),
				diff(KindCondition, create, row(source, "password")),
				diff(KindCondition, create, row(source, "sasl_mechanism")),
			}
		},
	}, {
		name: "the rule against topics_mapping with rename_topic_enabled dropped",
		old:  "      then:\n        not:\n          required: [topics_mapping]\n",
		new:  "      then:\n        required: [rename_topic_enabled]\n",
		want: func() []want {
			return []want{
				diff(KindNotTogether, create, row(source, "topics_mapping")),
				diff(KindCondition, create, row(source, "rename_topic_enabled")),
			}
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.Count(string(src), tc.old) != 1 {
				t.Fatalf("the schema has %d of %q, want 1", strings.Count(string(src), tc.old), tc.old)
			}
			file := filepath.Join(t.TempDir(), "smartconnect.yaml")
			if err := os.WriteFile(file, []byte(strings.Replace(string(src), tc.old, tc.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			r := Check([]*ir.Package{buildSchema(t, file)}, ref, dir)
			if got, want := acceptedKeys(r), wantAccepted(); !slices.Equal(got, want) {
				t.Errorf("accepted deviations:\n got  %q\n want %q", got, want)
			}
			var diffs []Finding
			for _, f := range r.Findings() {
				if f.Status != StatusAccepted {
					diffs = append(diffs, f)
				}
			}
			expect(t, &Report{Docs: r.Docs, Schema: diffs}, tc.want()...)
		})
	}
}
