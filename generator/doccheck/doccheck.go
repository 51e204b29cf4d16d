// Package doccheck compares a vendor API reference page, as read by
// generator/rstdoc, with the hand-written OpenAPI schema that models it,
// through the schema's documentation annotations:
//
//   - x-doc-table on a component (or on the operation and its parameters)
//     names the page table it models, and x-doc-row on each property (or
//     parameter) names its 1-based row in that table;
//   - x-doc-example on a media-type example names the 1-based example on
//     the page it copies;
//   - x-doc-deviation {kind, doc, example?, reason} on a property records a
//     deliberate departure from the page;
//   - x-known-values lists the values of an open (response) field, enum
//     those of a closed one; x-doc-values-from: examples says a value list
//     comes from the page's examples rather than from a table cell;
//   - default is the documented default.
//
// Check reports every difference it finds as a Finding. A difference that an
// x-doc-deviation explains is listed as accepted, with the deviation's
// reason; a deviation the page no longer gives grounds for is stale. Only
// accepted findings leave a report OK.
//
// What is compared, for each table row and the property that models it:
// the name and row number, the type, the value list, the Mandatory column
// and the "Mandatory only when ..." conditions (against the schema's
// required lists and its if/then, oneOf and not rules), "either A or B" and
// "A and B cannot be configured at the same time" sentences, and the
// default; and, for the page as a whole, the operation's method and path,
// tables no component models, components whose table is gone, and the
// examples, compared as JSON values. Every conditional rule in the schema
// must have a sentence on the page behind it. "Displayed only when"
// conditions of response tables are not rules and are not compared.
package doccheck

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// Status says how a Finding counts.
const (
	// StatusDifference is a difference between the page and the schema.
	StatusDifference = "difference"
	// StatusAccepted is a difference an x-doc-deviation explains.
	StatusAccepted = "accepted"
	// StatusStale is an x-doc-deviation (or another annotation about the
	// page) that the page no longer gives grounds for.
	StatusStale = "stale"
)

// Finding kinds.
const (
	KindOperation   = "operation"    // method or path differ
	KindTable       = "table"        // a table no component models, or a component whose table is gone
	KindNoProperty  = "no-property"  // a row no property models
	KindNoRow       = "no-row"       // a property with no row
	KindName        = "name"         // the row at a property's x-doc-row has another name
	KindRowNumber   = "row-number"   // x-doc-row is not the row's position, or the order differs
	KindType        = "type"         // the Type column and the schema type differ
	KindValues      = "values"       // the value lists differ
	KindMandatory   = "mandatory"    // Mandatory Yes/No and required differ
	KindCondition   = "condition"    // a "Mandatory only when" condition and the schema's if/then differ
	KindEither      = "either"       // "either A or B" and the schema's oneOf differ
	KindNotTogether = "not-together" // "A and B cannot be configured at the same time" and the schema's not differ
	KindRule        = "rule"         // a schema rule doccheck cannot compare with the page
	KindDefault     = "default"      // the defaults differ
	KindExample     = "example"      // an example differs, or is on one side only
	KindAnnotation  = "annotation"   // a malformed or dangling doc annotation
)

// Finding is one difference between the page and the schema.
type Finding struct {
	// Kind is one of the Kind constants, or, for accepted and stale
	// deviations, the deviation's kind ("not-required", "value-reading").
	Kind string `json:"kind"`
	// Message says what differs, naming the component and field.
	Message string `json:"message"`
	// PageLine is the line on the page the finding is about, or 0.
	PageLine int `json:"page_line"`
	// SchemaPos is "file:line" in the schema, or "" when the schema has
	// nothing to point at.
	SchemaPos string `json:"schema_pos"`
	// Status is StatusDifference, StatusAccepted or StatusStale.
	Status string `json:"status"`
	// Reason is the deviation's reason, for accepted and stale findings.
	Reason string `json:"reason,omitempty"`
	// Component and Field name what the finding is about, when it is about
	// one field ("" otherwise). Component is the schema component, or
	// "parameters" for operation parameters.
	Component string `json:"component,omitempty"`
	Field     string `json:"field,omitempty"`
}

// Report is the result of Check.
type Report struct {
	Page     string    `json:"page"`
	Schema   string    `json:"schema"`
	Findings []Finding `json:"findings"`
}

// Counts returns the number of differences, stale and accepted findings.
func (r *Report) Counts() (differences, stale, accepted int) {
	for _, f := range r.Findings {
		switch f.Status {
		case StatusAccepted:
			accepted++
		case StatusStale:
			stale++
		default:
			differences++
		}
	}
	return
}

// OK reports whether every finding is accepted.
func (r *Report) OK() bool {
	d, s, _ := r.Counts()
	return d == 0 && s == 0
}

// Summary is one line counting the findings.
func (r *Report) Summary() string {
	d, s, a := r.Counts()
	verdict := "page and schema agree"
	if !r.OK() {
		verdict = "page and schema differ"
	}
	return fmt.Sprintf("doccheck: %s: %d difference(s), %d stale deviation(s), %d accepted deviation(s)", verdict, d, s, a)
}

// Line formats f as "PAGE:LINE: SCHEMA:LINE: kind: message"; an accepted
// finding reads "...: accepted: kind: message (reason: ...)", a stale one
// "...: stale: kind: message".
func (r *Report) Line(f Finding) string {
	var b strings.Builder
	b.WriteString(r.Page)
	if f.PageLine > 0 {
		b.WriteString(":" + strconv.Itoa(f.PageLine))
	}
	b.WriteString(": ")
	if f.SchemaPos != "" {
		b.WriteString(f.SchemaPos)
	} else {
		b.WriteString(r.Schema)
	}
	b.WriteString(": ")
	if f.Status != StatusDifference {
		b.WriteString(f.Status + ": ")
	}
	b.WriteString(f.Kind + ": " + f.Message)
	if f.Reason != "" {
		b.WriteString(" (reason: " + oneLine(f.Reason) + ")")
	}
	return b.String()
}

// WriteText writes one line per finding and the summary line.
func (r *Report) WriteText(w io.Writer) error {
	for _, f := range r.Findings {
		if _, err := fmt.Fprintln(w, r.Line(f)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, r.Summary())
	return err
}

// WriteJSON writes the report as one JSON object: page, schema, ok, the
// counts and the findings array.
func (r *Report) WriteJSON(w io.Writer) error {
	d, s, a := r.Counts()
	findings := r.Findings
	if findings == nil {
		findings = []Finding{}
	}
	out := struct {
		Page        string    `json:"page"`
		Schema      string    `json:"schema"`
		OK          bool      `json:"ok"`
		Differences int       `json:"differences"`
		Stale       int       `json:"stale"`
		Accepted    int       `json:"accepted"`
		Findings    []Finding `json:"findings"`
	}{r.Page, r.Schema, r.OK(), d, s, a, findings}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Check compares page, read from the file named pageName, with the OpenAPI
// document schemaFile. It returns an error only when the schema cannot be
// loaded or models no operation; everything else is a Finding.
func Check(page *rstdoc.Page, pageName string, schemaFile string) (*Report, error) {
	c, err := newChecker(page, schemaFile)
	if err != nil {
		return nil, err
	}
	c.run()
	sortFindings(c.findings)
	return &Report{Page: pageName, Schema: schemaFile, Findings: slices.Compact(c.findings)}, nil
}

// sortFindings orders findings by page line (findings without one last),
// then schema position, kind and message, and drops exact duplicates.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(lineKey(a.PageLine), lineKey(b.PageLine)),
			cmp.Compare(posLine(a.SchemaPos), posLine(b.SchemaPos)),
			cmp.Compare(a.SchemaPos, b.SchemaPos),
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

func lineKey(n int) int {
	if n <= 0 {
		return int(^uint(0) >> 1)
	}
	return n
}

// posLine returns the line of a "file:line" position, or 0.
func posLine(pos string) int {
	i := strings.LastIndexByte(pos, ':')
	if i < 0 {
		return 0
	}
	n, _ := strconv.Atoi(pos[i+1:])
	return n
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
