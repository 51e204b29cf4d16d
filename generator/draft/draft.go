// Package draft writes a first OpenAPI 3.1 model of one page of the
// vendor API reference (read by generator/rstdoc): the mechanical part of
// what schemas/smartconnect.yaml does by hand.
//
// A draft has the page's operation (method, path, operationId from the
// page's :original_name:, x-doc-page), its path and query parameters, one
// component per body table (x-doc-tables), each row as a property
// (x-doc-row) with its documented type, the Mandatory column as required,
// value lists as enum (request) or x-known-values (response), defaults and
// ranges the prose states, the examples (x-doc-example) and the success
// status codes. It has no descriptions: a person writes them, in the
// schema's own words.
//
// What needs a person is a to-do (x-doc-todo) at the page line it is
// about: every conditional sentence of a row, every contradiction the
// draft sees (an example member the table lacks, a value outside the list,
// a JSON type that is not the Type cell, the Mandatory column against the
// prose) and whatever the draft cannot express. The builder refuses a
// schema with to-dos unless asked to keep them (doccheck does), so a
// draft does not generate code until a person has resolved each one.
//
// The draft copies no prose from the page; only a to-do's text quotes, in
// short, the sentence it is about. Output is deterministic.
package draft

import (
	"errors"
	"fmt"
	"slices"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// ErrNoOperation is the error of New for a page without an operation line
// or :original_name: (an appendix page): there is nothing to draft.
var ErrNoOperation = errors.New("the page has no operation to draft (no METHOD /path line or no :original_name:)")

// Draft is the draft of one page.
type Draft struct {
	// Page is the page's name in its folder (x-doc-page).
	Page string
	// OperationID is the page's :original_name:.
	OperationID string
	// Rows counts the table rows drafted: properties and parameters.
	Rows int
	// Todos are the to-dos, in document order.
	Todos []Todo

	doc *document
}

// Todo is one x-doc-todo item.
type Todo struct {
	// Pointer is the JSON pointer of the node it stands on: an operation,
	// a component, a property or a parameter.
	Pointer string
	// Line is the page line it is about.
	Line int
	// Kind is one of ir.TodoKinds.
	Kind string
	// Text says what a person must decide.
	Text string
}

// Options changes what YAML writes.
type Options struct {
	// NoTodos leaves the x-doc-todo annotations out.
	NoTodos bool
}

// New drafts page, one of ref's pages; ref resolves the :ref: links of
// its Type cells. It returns an error wrapping ErrNoOperation for a page
// with no operation.
func New(ref *rstdoc.Reference, page *rstdoc.Page) (*Draft, error) {
	if page.Method == "" || page.Path == "" || page.OriginalName == "" {
		return nil, fmt.Errorf("%s: %w", page.Name, ErrNoOperation)
	}
	d := newDrafter(ref, page)
	doc := d.draft()
	out := &Draft{Page: page.Name, OperationID: page.OriginalName, doc: doc}
	out.Rows, out.Todos = doc.summary()
	return out, nil
}

// YAML returns the draft as an OpenAPI 3.1 document.
func (d *Draft) YAML(opts Options) []byte {
	return d.doc.render(opts)
}

// IRTodos returns the to-dos as the IR carries them (ir.Todo), with the
// page and the pointer of the node each stands on, for callers that check
// a draft written without them (Options.NoTodos).
func (d *Draft) IRTodos() []*ir.Todo {
	out := make([]*ir.Todo, 0, len(d.Todos))
	count := map[string]int{}
	for _, t := range d.Todos {
		ptr := fmt.Sprintf("%s/x-doc-todo/%d", t.Pointer, count[t.Pointer])
		count[t.Pointer]++
		out = append(out, &ir.Todo{Kind: t.Kind, Text: t.Text, Line: t.Line, Page: d.Page, Pointer: ptr, Holder: t.Pointer})
	}
	return out
}

// Kinds counts the to-dos by kind, in the order of ir.TodoKinds.
func (d *Draft) Kinds() map[string]int {
	n := map[string]int{}
	for _, t := range d.Todos {
		if slices.Contains(ir.TodoKinds, t.Kind) {
			n[t.Kind]++
		}
	}
	return n
}
