// Package doccheck compares the pages of a vendor API reference, read by
// generator/rstdoc, with the IR of the schemas that model them. It is a
// consumer of the IR like the emitters: every schema fact comes from
// *ir.Package (objects, fields, types, checks, examples, parameters,
// operations and the x-doc-* annotations the builder read and checked),
// every page fact from *rstdoc.Reference. It never reads a schema itself.
//
// What is compared:
//
//   - An operation with x-doc-page and its page: the page's
//     :original_name: is the operationId, its method and path, the status
//     codes, the method and path of its example requests, and every
//     example body: the schema's copy (x-doc-example) against the page's,
//     as JSON values, and the page's against the schema's types (members,
//     JSON types, value lists).
//   - Every table a component or a group of parameters names in
//     x-doc-tables, row by row with its fields (x-doc-row): name, position
//     and order, type (and the table an object row links to), value list
//     (enum, x-known-values, x-doc-values-from), default and the bounds the
//     schema imposes (each must be named in the row). A component several
//     pages document is compared with each of its tables.
//   - The Mandatory column and the conditional sentences of request rows
//     (rstdoc.Condition) against the schema's rules (required, if/then/else,
//     oneOf, anyOf, not, dependentRequired), both ways (see
//     phrasingMapping); a sentence of a request row doccheck cannot map to
//     a rule, and every one rstdoc could not read (Row.Unread), is an
//     unchecked rule. The sentences of response rows ("displayed only
//     when") are not rules: responses are read leniently. A schema check
//     doccheck cannot compare is a finding (see Classify).
//   - Coverage: a parameter table of a modelled page that nothing models,
//     and a table ID the schema names that no page has, are findings; pages
//     of the folder that no schema models are listed, not counted.
//
// A difference an x-doc-deviation explains is accepted, with the
// deviation's reason; a deviation that accepts nothing is stale (see the
// kinds in generator/ir/doc.go and acceptsKind). An open to-do
// (x-doc-todo) is a finding of its own, and the differences at its page
// line that it stands for are pending (see todoCovers).
package doccheck

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Status says how a Finding counts.
const (
	// StatusDifference is a difference between a page and the schema.
	StatusDifference = "difference"
	// StatusAccepted is a difference an x-doc-deviation explains.
	StatusAccepted = "accepted"
	// StatusStale is an x-doc-deviation (or x-doc-values-from) that the
	// page no longer gives grounds for.
	StatusStale = "stale"
	// StatusTodo is an open to-do of the schema (x-doc-todo): a point of
	// the page a person has not modelled yet.
	StatusTodo = "to-do"
	// StatusPending is a difference an open to-do stands for: it is
	// decided with the to-do.
	StatusPending = "pending"
)

// Finding kinds. Accepted and stale findings have the deviation's kind
// instead (ir.DevNotRequired...), and the kind of the difference it
// accepts in Difference.
const (
	KindOperation   = "operation"      // x-doc-page, :original_name:, method, path, an example's URL
	KindResponse    = "response"       // the status codes differ
	KindTable       = "table"          // a table nothing models, a table ID no page has, a table modelled twice
	KindNoProperty  = "no-property"    // a row no field models
	KindNoRow       = "no-row"         // a field with no row
	KindName        = "name"           // the row at a field's x-doc-row has another name
	KindRowNumber   = "row-number"     // x-doc-row is not the row's position, or the order differs
	KindType        = "type"           // the Type cell and the schema type differ, or the linked table
	KindValues      = "values"         // the value lists differ
	KindDefault     = "default"        // the defaults differ
	KindBound       = "bound"          // a bound of the schema the row does not name
	KindMandatory   = "mandatory"      // the Mandatory cell and required differ
	KindCondition   = "condition"      // a conditional requirement differs
	KindEither      = "either"         // "either a or b" and the schema's oneOf differ
	KindNotTogether = "not-together"   // "a and b cannot be configured at the same time" and the schema's not differ
	KindNotEmpty    = "not-empty"      // "a and b cannot be empty at the same time" and the schema's anyOf differ
	KindForbidden   = "forbidden"      // "invalid when", "valid only when" and the schema's not differ
	KindRule        = "rule"           // a schema check doccheck cannot compare with a page
	KindUnchecked   = "unchecked-rule" // a conditional sentence doccheck cannot map to a rule
	KindExample     = "example"        // an example differs from the page's, or from the schema's types
	KindTodo        = "to-do"          // an open x-doc-todo; its message starts with the to-do's kind
)

// Finding is one difference between a page and the schema, or one
// accepted or stale deviation.
type Finding struct {
	// Kind is one of the Kind constants, or, for accepted and stale
	// deviations, the deviation's kind.
	Kind string `json:"kind"`
	// Status is StatusDifference, StatusAccepted, StatusStale, StatusTodo
	// or StatusPending.
	Status string `json:"status"`
	// Message says what differs, naming the object and field.
	Message string `json:"message"`
	// Page is the page the finding is about (relative to the folder), ""
	// for a finding about the schema alone.
	Page string `json:"page,omitempty"`
	// PageLine is the line on the page, 0 when there is none.
	PageLine int `json:"page_line,omitempty"`
	// SchemaPos is "file:line:col" in the schema.
	SchemaPos string `json:"schema_pos"`
	// Difference is, for an accepted or stale deviation, the kind of the
	// difference it is about.
	Difference string `json:"difference,omitempty"`
	// Reason is the deviation's reason, for accepted and stale findings,
	// and the to-do a pending difference waits on.
	Reason string `json:"reason,omitempty"`
	// Object and Field name what the finding is about, when it is about
	// one field; Object is the operationId for parameters.
	Object string `json:"object,omitempty"`
	Field  string `json:"field,omitempty"`
}

// PageReport is what one modelled page gave.
type PageReport struct {
	// Page is the page's path relative to the folder.
	Page string `json:"page"`
	// Operations are the operationIds that name the page in x-doc-page.
	Operations []string  `json:"operations"`
	Findings   []Finding `json:"findings"`
}

// Report is the result of Check.
type Report struct {
	// Docs is the folder of pages as given to Check.
	Docs string `json:"docs"`
	// Schemas are the schema files, as the IR names them.
	Schemas []string `json:"schemas"`
	// Pages are the modelled pages, by name: those an operation names in
	// x-doc-page or whose tables a component or parameter names.
	Pages []*PageReport `json:"pages"`
	// Schema are the findings that belong to no page (an x-doc-page or a
	// table ID no page has).
	Schema []Finding `json:"schema_findings"`
	// Unlinked are the operations without x-doc-page, as
	// "operationId (file:line:col)".
	Unlinked []string `json:"operations_without_page"`
	// NotModelled are the pages of the folder that nothing models.
	NotModelled []string `json:"pages_not_modelled"`
}

// Findings returns every finding: the schema's, then each page's.
func (r *Report) Findings() []Finding {
	out := slices.Clone(r.Schema)
	for _, p := range r.Pages {
		out = append(out, p.Findings...)
	}
	return out
}

// Counts returns the number of differences, stale and accepted findings;
// open to-dos and the differences that wait on them are counted by
// TodoCounts.
func (r *Report) Counts() (differences, stale, accepted int) {
	for _, f := range r.Findings() {
		switch f.Status {
		case StatusAccepted:
			accepted++
		case StatusStale:
			stale++
		case StatusTodo, StatusPending:
		default:
			differences++
		}
	}
	return
}

// OK reports whether every finding is accepted: no difference, no stale
// deviation and no open to-do.
func (r *Report) OK() bool {
	d, s, _ := r.Counts()
	open, pending := r.TodoCounts()
	return d == 0 && s == 0 && open == 0 && pending == 0
}

// Only returns the report narrowed to one page: its findings, and the
// schema's findings; the coverage lists are kept.
func (r *Report) Only(page string) *Report {
	out := *r
	out.Pages = nil
	for _, p := range r.Pages {
		if p.Page == page {
			out.Pages = append(out.Pages, p)
		}
	}
	return &out
}

// pagePath is the page as a path for output lines: the folder joined
// with the page's name.
func (r *Report) pagePath(page string) string {
	if r.Docs == "" {
		return page
	}
	return filepath.Join(r.Docs, filepath.FromSlash(page))
}

// Line formats f as "PAGE:LINE: SCHEMA:LINE:COL: kind: message"; an
// accepted or stale deviation reads "...: accepted: kind: message
// (reason: ...)", a pending difference "...: pending: kind: message
// (reason: it waits on the to-do at line N)" and a to-do "...: to-do:
// kind: text". A finding without a page starts with the schema position.
func (r *Report) Line(f Finding) string {
	var b strings.Builder
	if f.Page != "" {
		b.WriteString(r.pagePath(f.Page))
		if f.PageLine > 0 {
			b.WriteString(":" + strconv.Itoa(f.PageLine))
		}
		b.WriteString(": ")
	}
	b.WriteString(f.SchemaPos + ": ")
	if f.Status != StatusDifference && f.Status != StatusTodo {
		b.WriteString(f.Status + ": ")
	}
	b.WriteString(f.Kind + ": " + f.Message)
	if f.Reason != "" {
		b.WriteString(" (reason: " + oneLine(f.Reason) + ")")
	}
	return b.String()
}

// WriteText writes the report grouped by page: a header line per page,
// one line per difference, stale deviation and open to-do, the
// differences that wait on the to-dos and the accepted deviations in one
// line each (one line per finding when verbose); then the schema's own
// findings and the coverage summary.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	ew := &errWriter{w: w}
	for _, p := range r.Pages {
		var diffs, acc, pending []Finding
		todos := 0
		for _, f := range p.Findings {
			switch f.Status {
			case StatusAccepted:
				acc = append(acc, f)
			case StatusPending:
				pending = append(pending, f)
			case StatusTodo:
				todos++
				diffs = append(diffs, f)
			default:
				diffs = append(diffs, f)
			}
		}
		ops := ""
		if len(p.Operations) > 0 {
			ops = " (" + strings.Join(p.Operations, ", ") + ")"
		}
		ew.printf("== %s%s: %s\n", p.Page, ops, countText(len(diffs)-todos, todos, len(acc)))
		for _, f := range diffs {
			ew.printf("%s\n", r.Line(f))
		}
		switch {
		case len(pending) == 0:
		case verbose:
			for _, f := range pending {
				ew.printf("%s\n", r.Line(f))
			}
		default:
			ew.printf("%s: pending: %d difference(s) wait on the to-dos (-v lists them)\n", r.pagePath(p.Page), len(pending))
		}
		switch {
		case len(acc) == 0:
		case verbose:
			for _, f := range acc {
				ew.printf("%s\n", r.Line(f))
			}
		default:
			ew.printf("%s: accepted: %s (-v lists them)\n", r.pagePath(p.Page), kindCounts(acc))
		}
	}
	if len(r.Schema) > 0 {
		ew.printf("== %s: %d finding(s) that belong to no page\n", strings.Join(r.Schemas, ", "), len(r.Schema))
		for _, f := range r.Schema {
			ew.printf("%s\n", r.Line(f))
		}
	}
	d, s, a := r.Counts()
	verdict := "the pages and the schema agree"
	if !r.OK() {
		verdict = "the pages and the schema differ"
	}
	if open, _ := r.TodoCounts(); open > 0 && d == 0 && s == 0 {
		verdict = "the schema has open to-dos"
	}
	ew.printf("doccheck: %s: %d page(s) modelled, %d difference(s), %d stale deviation(s), %d accepted deviation(s)\n", verdict, len(r.Pages), d, s, a)
	if line := r.todoSummary(); line != "" {
		ew.printf("%s\n", line)
	}
	ew.printf("doccheck: %d operation(s) without a page%s\n", len(r.Unlinked), listSuffix(r.Unlinked))
	ew.printf("doccheck: %d page(s) of %s not modelled (not a failure)%s\n", len(r.NotModelled), cmp.Or(r.Docs, "the folder"), listSuffix(r.NotModelled))
	return ew.err
}

func countText(diffs, todos, accepted int) string {
	switch {
	case todos > 0:
		return fmt.Sprintf("%d difference(s), %d to-do(s), %d accepted deviation(s)", diffs, todos, accepted)
	case diffs == 0:
		return fmt.Sprintf("agrees, %d accepted deviation(s)", accepted)
	}
	return fmt.Sprintf("%d difference(s), %d accepted deviation(s)", diffs, accepted)
}

// kindCounts is "3 deviation(s): not-required 2, reading 1".
func kindCounts(fs []Finding) string {
	var kinds []string
	n := map[string]int{}
	for _, f := range fs {
		if n[f.Kind] == 0 {
			kinds = append(kinds, f.Kind)
		}
		n[f.Kind]++
	}
	slices.Sort(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s %d", k, n[k])
	}
	return fmt.Sprintf("%d deviation(s): %s", len(fs), strings.Join(parts, ", "))
}

func listSuffix(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return ":\n\t" + strings.Join(items, "\n\t")
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// WriteJSON writes the report as one JSON object: the report's fields,
// ok and the counts.
func (r *Report) WriteJSON(w io.Writer) error {
	d, s, a := r.Counts()
	open, pending := r.TodoCounts()
	out := struct {
		*Report
		OK          bool `json:"ok"`
		Differences int  `json:"differences"`
		Stale       int  `json:"stale"`
		Accepted    int  `json:"accepted"`
		Todos       int  `json:"todos"`
		Pending     int  `json:"pending"`
	}{r, r.OK(), d, s, a, open, pending}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// sortFindings orders findings by page line (findings without one last),
// then schema position, kind and message, and drops exact duplicates.
func sortFindings(fs []Finding) []Finding {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(lineKey(a.PageLine), lineKey(b.PageLine)),
			comparePos(a.SchemaPos, b.SchemaPos),
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(fs)
}

func lineKey(n int) int {
	if n <= 0 {
		return int(^uint(0) >> 1)
	}
	return n
}

// comparePos orders "file:line:col" positions by file, line and column.
func comparePos(a, b string) int {
	fa, la, ca := splitPos(a)
	fb, lb, cb := splitPos(b)
	return cmp.Or(cmp.Compare(fa, fb), cmp.Compare(la, lb), cmp.Compare(ca, cb))
}

func splitPos(p string) (string, int, int) {
	parts := strings.Split(p, ":")
	if len(parts) < 3 {
		return p, 0, 0
	}
	line, _ := strconv.Atoi(parts[len(parts)-2])
	col, _ := strconv.Atoi(parts[len(parts)-1])
	return strings.Join(parts[:len(parts)-2], ":"), line, col
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
