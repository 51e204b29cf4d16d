package doccheck

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// The upstream page the project's schema models, relative to DMSGEN_DOCS,
// and the schema, relative to this package.
const (
	realPagePath = "smart_connect/creating_a_smart_connect_task.rst"
	realSchema   = "../../schemas/smartconnect.yaml"
)

// realPageText reads the upstream page. The test is skipped when
// DMSGEN_DOCS is unset and fails when it is set but the page is missing.
func realPageText(t *testing.T) []string {
	t.Helper()
	dir := os.Getenv("DMSGEN_DOCS")
	if dir == "" {
		t.Skip("DMSGEN_DOCS is not set; set it to the upstream docs folder (../shared/docs) to check the real page")
	}
	src, err := os.ReadFile(filepath.Join(dir, realPagePath))
	if err != nil {
		t.Fatalf("DMSGEN_DOCS is set but the page cannot be read: %v", err)
	}
	return strings.Split(string(src), "\n")
}

// checkLines writes the page lines to a temporary file and checks it
// against the project's schema.
func checkLines(t *testing.T, lines []string) (*Report, *rstdoc.Page) {
	t.Helper()
	file := filepath.Join(t.TempDir(), filepath.Base(realPagePath))
	src := []byte(strings.Join(lines, "\n"))
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := rstdoc.Parse(file, src)
	if err != nil {
		t.Fatalf("the changed page does not parse: %v", err)
	}
	r, err := Check(p, file, realSchema)
	if err != nil {
		t.Fatal(err)
	}
	return r, p
}

// realDeviations are the schema's accepted deviations on the real page:
// the field, its table and the deviation kind.
var realDeviations = []struct {
	table int
	field string
	kind  string
}{
	{3, "dcs_instance_id", DevNotRequired},
	{3, "security_protocol", DevNotRequired},
	{3, "topics_mapping", DevNotRequired},
	{4, "dcs_instance_id", DevNotRequired},
	{4, "record_delimiter", DevValueReading},
}

// realAccepted lists the accepted deviations of page p, but for the field
// of table n named in except (n = 0 for none).
func realAccepted(t *testing.T, p *rstdoc.Page, exceptTable int, except string) []want {
	var out []want
	for _, d := range realDeviations {
		if d.table == exceptTable && d.field == except {
			continue
		}
		out = append(out, want{d.kind, StatusAccepted, rowLine(t, p, d.table, d.field)})
	}
	return out
}

// TestRealPage: the project's schema and the upstream page agree but for
// the deviations the schema records, each listed with its reason.
func TestRealPage(t *testing.T) {
	r, p := checkLines(t, realPageText(t))
	expect(t, r, realAccepted(t, p, 0, "")...)
	if !r.OK() {
		t.Error("the real page does not pass")
	}
	for _, f := range r.Findings {
		if f.Reason == "" || f.SchemaPos == "" || f.Field == "" {
			t.Errorf("accepted finding without reason, position or field: %+v", f)
		}
	}
}

// page is the real page as lines, with edits that keep its grid tables
// well-formed.
type page struct {
	t     *testing.T
	lines []string
	p     *rstdoc.Page
}

func newPage(t *testing.T) *page {
	lines := realPageText(t)
	p, err := rstdoc.Parse("page", []byte(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	return &page{t: t, lines: lines, p: p}
}

// row returns the row name of table n in the unchanged page.
func (pg *page) row(n int, name string) *rstdoc.Row {
	pg.t.Helper()
	tb := pg.p.Table(n)
	if tb == nil || tb.Row(name) == nil {
		pg.t.Fatalf("Table %d has no row %s", n, name)
	}
	return tb.Row(name)
}

// span returns the 0-based indexes [first, end) of the lines of a row and
// the index of its bottom border.
func (pg *page) span(r *rstdoc.Row) (first, border int) {
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

// columns returns the rune offsets of the "+" of the border above line i.
func (pg *page) columns(i int) []int {
	pg.t.Helper()
	for j := i; j >= 0; j-- {
		if isBorder(pg.lines[j]) {
			var cols []int
			for k, c := range []rune(pg.lines[j]) {
				if c == '+' {
					cols = append(cols, k)
				}
			}
			return cols
		}
	}
	pg.t.Fatalf("no border above line %d", i+1)
	return nil
}

// editCell rewrites cell col of line i: edit gets the text without the
// one space of padding on the left and the trailing spaces, and its result
// is padded back to the column's width.
func (pg *page) editCell(i, col int, edit func(string) string) {
	pg.t.Helper()
	cols := pg.columns(i)
	r := []rune(pg.lines[i])
	from, to := cols[col]+1, cols[col+1]
	text := strings.TrimRight(string(r[from+1:to]), " ")
	text = edit(text)
	width := to - from - 1
	if n := utf8.RuneCountInString(text); n > width {
		pg.t.Fatalf("%q is wider than the column (%d)", text, width)
	}
	cell := " " + text + strings.Repeat(" ", width-utf8.RuneCountInString(text))
	pg.lines[i] = string(r[:from]) + cell + string(r[to:])
}

// blankRow returns line i with every cell emptied.
func (pg *page) blankRow(i int) string {
	r := []rune(pg.lines[i])
	for k := range r {
		if r[k] != '|' && k > strings.Index(pg.lines[i], "|") {
			r[k] = ' '
		}
	}
	return string(r)
}

func (pg *page) insert(i int, lines ...string) {
	pg.lines = slices.Insert(pg.lines, i, lines...)
}

func (pg *page) delete(from, to int) {
	pg.lines = slices.Delete(pg.lines, from, to)
}

// findIn returns the index of the first line in [from, to) that holds s.
func (pg *page) findIn(from, to int, s string) int {
	pg.t.Helper()
	for i := from; i < to; i++ {
		if strings.Contains(pg.lines[i], s) {
			return i
		}
	}
	pg.t.Fatalf("no line holds %q in lines %d-%d", s, from+1, to)
	return 0
}

// TestRealPageMutations changes the real page the way an upstream edit
// could and checks that doccheck reports exactly that change, at the
// changed row, and nothing else but the usual accepted deviations.
func TestRealPageMutations(t *testing.T) {
	type result struct {
		// table and row locate the expected finding's line in the changed
		// page; line, when not 0, gives it directly.
		kind, status string
		table        int
		row          string
		line         int
	}
	cases := []struct {
		name   string
		edit   func(pg *page) []result
		except [2]any // the accepted deviation the change turns stale: table, field
	}{{
		name: "a field renamed",
		edit: func(pg *page) []result {
			pg.editCell(pg.row(3, "cluster_name").Line-1, 0, func(string) string { return "peer_cluster_name" })
			return []result{{kind: KindName, table: 3, row: "peer_cluster_name"}}
		},
	}, {
		name: "a field retyped (replication_factor Integer to String)",
		edit: func(pg *page) []result {
			pg.editCell(pg.row(3, "replication_factor").Line-1, 2, func(string) string { return "String" })
			return []result{{kind: KindType, table: 3, row: "replication_factor"}}
		},
	}, {
		name: "a row dropped (obs_path)",
		edit: func(pg *page) []result {
			r := pg.row(4, "obs_path")
			first, border := pg.span(r)
			pg.delete(first, border+1)
			// Reported where the row was.
			return []result{{kind: KindNoRow, line: r.Line}}
		},
	}, {
		name: "a row added",
		edit: func(pg *page) []result {
			_, border := pg.span(pg.row(3, "cluster_name"))
			line := pg.blankRow(border + 1)
			pg.insert(border+1, line, pg.lines[border])
			pg.editCell(border+1, 0, func(string) string { return "peer_alias" })
			pg.editCell(border+1, 1, func(string) string { return "No" })
			pg.editCell(border+1, 2, func(string) string { return "String" })
			pg.editCell(border+1, 3, func(string) string { return "Another name for the peer." })
			return []result{{kind: KindNoProperty, table: 3, row: "peer_alias"}}
		},
	}, {
		name: "a value added to a bullet list (compression_type)",
		edit: func(pg *page) []result {
			first, border := pg.span(pg.row(3, "compression_type"))
			last := pg.findIn(first, border, "**zstd**")
			item := pg.lines[last]
			pg.insert(last+1, pg.blankRow(last), item)
			pg.editCell(last+2, 3, func(s string) string { return strings.Replace(s, "zstd", "brotli", 1) })
			return []result{{kind: KindValues, table: 3, row: "compression_type"}}
		},
	}, {
		name: "a value dropped from a bullet list (compression_type)",
		edit: func(pg *page) []result {
			first, border := pg.span(pg.row(3, "compression_type"))
			item := pg.findIn(first, border, "**gzip**")
			pg.delete(item-1, item+1)
			return []result{{kind: KindValues, table: 3, row: "compression_type"}}
		},
	}, {
		name: "a condition's source type changed from Redis to Kafka (redis_password)",
		edit: func(pg *page) []result {
			r := pg.row(3, "redis_password")
			if len(r.Conditions) != 1 || r.Conditions[0].Value != "Redis" {
				pg.t.Fatalf("redis_password conditions: %+v", r.Conditions)
			}
			pg.editCell(r.Line-1, 3, func(s string) string { return strings.Replace(s, "Redis.)", "Kafka.)", 1) })
			return []result{{kind: KindCondition, table: 3, row: "redis_password"}}
		},
	}, {
		name: "a whole table removed with its label (Table 7)",
		edit: func(pg *page) []result {
			tb := pg.p.Table(7)
			label := pg.findIn(0, len(pg.lines), ".. _"+tb.Anchor+":")
			end := tb.Rows[len(tb.Rows)-1].Line
			for !isBorder(pg.lines[end]) {
				end++
			}
			pg.delete(label, end+2) // the table, its last border and the blank line after it
			// Reported at the row that links to the table.
			return []result{{kind: KindTable, table: 5, row: "sink_task"}}
		},
	}, {
		name: "a deviation's condition removed (dcs_instance_id): stale",
		edit: func(pg *page) []result {
			r := pg.row(3, "dcs_instance_id")
			pg.editCell(r.Line-1, 3, func(s string) string {
				return strings.TrimSpace(strings.Replace(s, "("+r.Conditions[0].Text+".)", "", 1))
			})
			return []result{{kind: DevNotRequired, status: StatusStale, table: 3, row: "dcs_instance_id"}}
		},
		except: [2]any{3, "dcs_instance_id"},
	}, {
		name: "every value of record_delimiter spelled out: stale",
		edit: func(pg *page) []result {
			first, border := pg.span(pg.row(4, "record_delimiter"))
			named := regexp.MustCompile(`^-  [A-Z][a-z]+(?: [a-z]+)* \((\S+)\)$`)
			edited := 0
			for i := first; i < border; i++ {
				pg.editCell(i, 3, func(s string) string {
					if named.MatchString(s) {
						edited++
						return named.ReplaceAllString(s, "-  **$1**")
					}
					return s
				})
			}
			if edited == 0 {
				pg.t.Fatal("no named value in record_delimiter")
			}
			return []result{{kind: DevValueReading, status: StatusStale, table: 4, row: "record_delimiter"}}
		},
		except: [2]any{4, "record_delimiter"},
	}, {
		name: "an example value changed",
		edit: func(pg *page) []result {
			ex := pg.p.Examples[1]
			i := pg.findIn(ex.JSONLine-1, len(pg.lines), `"task_num" : 2,`)
			pg.lines[i] = strings.Replace(pg.lines[i], "2,", "4,", 1)
			return []result{{kind: KindExample, line: i + 1}}
		},
	}, {
		name: "the operation path changed",
		edit: func(pg *page) []result {
			i := pg.p.PathLine - 1
			pg.lines[i] = strings.Replace(pg.lines[i], "/tasks", "/jobs", 1)
			return []result{{kind: KindOperation, line: pg.p.PathLine}}
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pg := newPage(t)
			results := tc.edit(pg)
			r, p := checkLines(t, pg.lines)
			exceptTable, _ := tc.except[0].(int)
			exceptField, _ := tc.except[1].(string)
			wants := realAccepted(t, p, exceptTable, exceptField)
			for _, res := range results {
				line := res.line
				if line == 0 {
					line = rowLine(t, p, res.table, res.row)
				}
				status := res.status
				if status == "" {
					status = StatusDifference
				}
				wants = append(wants, want{res.kind, status, line})
			}
			for _, f := range r.Findings {
				if f.Status != StatusAccepted {
					t.Log(r.Line(f))
				}
			}
			expect(t, r, wants...)
			if r.OK() {
				t.Error("the changed page passes")
			}
		})
	}
}
