// Package rstdoc reads the vendor API reference written in
// reStructuredText into data: one page with Parse, a whole folder of pages
// with ReadDir. From a page it reads the operation's method and path, the
// tables (parameter tables and others, such as the error codes of the
// appendix), the status codes and the example requests and responses.
// dmsgen doccheck compares that data with the OpenAPI schema that models
// the page.
//
// This is not a general reStructuredText parser. It reads the shapes such
// pages use and reports anything it cannot read in a table as an error
// ("name:line: message") rather than guessing:
//
//   - the ":original_name: X.html" field at the top of the page;
//   - section titles (text underlined, or over- and underlined, with a
//     punctuation character); the first one is the page title;
//   - ".. _label:" lines, which name the section or table that follows
//     them (the label before the title names the page);
//   - the operation line "METHOD /path" at the left margin;
//   - grid tables and simple tables ("=== ==="), inside ".. table::"
//     directives or on their own, with one header row. A table whose
//     header names Parameter, Mandatory or Type is a parameter table: its
//     columns must be among Parameter, Mandatory, Type and Description, and
//     Parameter is required. A table whose columns are Status Code and
//     Description is the page's status-code table (Page.StatusCodes). Any
//     other table is read as plain cells (Row.Cells);
//   - "**Status code: N**" lines, which apply to the tables and examples
//     after them in the same section;
//   - ".. code-block::" directives in the "Example Requests" and "Example
//     Responses" sections, and elsewhere any code block that starts with a
//     "METHOD URL" line, also inside bullet items;
//   - bullet and enumerated lists, paragraphs (the text that introduces an
//     example), literal blocks ("::") and other directives, which are
//     skipped.
//
// Cell text is reduced to plain prose (see Row.Description), and the
// description cell of a parameter table is searched for the phrases the
// pages use to list values, defaults and conditions (see Row and
// Condition).
package rstdoc

import (
	"fmt"
	"strings"
)

// Page is what Parse read from one page.
type Page struct {
	// Name is the name given to Parse; ReadDir gives the slash-separated
	// path of the file relative to the folder.
	Name string
	// OriginalName is the value of the ":original_name:" field at the top
	// of the page without ".html" ("CreateConnectorTask"), or "".
	OriginalName string
	// Anchor is the label (".. _Anchor:") right before the page title, as
	// written, or "".
	Anchor string
	// Title is the text of the first section title.
	Title string
	// Method and Path come from the operation line, for example
	// "POST /v2/{project_id}/things"; PathLine is its line. All three are
	// zero when the page has no such line (the appendix pages).
	Method, Path string
	PathLine     int
	// Sections are the sections in page order, the page title first.
	Sections []*Section
	// Tables are the tables in page order, without the status-code table.
	Tables []*Table
	// StatusCodes are the rows of the status-code table in page order.
	StatusCodes []StatusCode
	// Examples are the example requests and responses in page order.
	Examples []*Example
	// Refs are the :ref: links in the page's paragraphs (not in tables).
	Refs []Ref
}

// Section is one section title of a page.
type Section struct {
	// Title is the title as plain text.
	Title string
	// Anchor is the label right before the title, as written, or "".
	Anchor string
	// Line is the line of the title text.
	Line int
}

// StatusCode is one row of a page's status-code table.
type StatusCode struct {
	// Code is the status code (200).
	Code int
	// Description is the description cell as plain text.
	Description string
	// Line is the line of the row.
	Line int
}

// Ref is one :ref:`Text <Target>` link.
type Ref struct {
	// Text is the link text as plain text.
	Text string
	// Target is the anchor it names, as written.
	Target string
	// Line is the line the link starts on.
	Line int
}

// Table is one table of a page.
type Table struct {
	// Number and Title come from the directive argument "**Table N**
	// Title". Number is 0 when the argument has another form (Title is then
	// the whole argument as plain text) and for a table without a
	// directive.
	Number int
	Title  string
	// Line is the line of the ".. table::" directive, or of the top border
	// of a table without a directive.
	Line int
	// Anchor is the label (".. _anchor:") right before the table, as
	// written, or "". Blank lines may come between them, nothing else.
	Anchor string
	// ID names the table uniquely within its page. It is Anchor in lower
	// case when there is one. Else it is derived: the page's label in
	// lower case (else its OriginalName, else its file name), "__" and the
	// slug of Title (lower case, every run of characters other than ASCII
	// letters and digits made one "_", none at the ends; "table" for no
	// title): "createconnectortask__path_parameters". Tables whose derived
	// IDs would be the same get "_<Status>" appended when their status
	// codes differ (none for status 0), and any still taken get "_2",
	// "_3"... in page order.
	ID string
	// Section is the title of the section the table is in.
	Section string
	// Status is the status code of the closest "**Status code: N**" line
	// before the table in its section, or 0.
	Status int
	// Columns are the header cells as plain text.
	Columns []string
	// IsParameters says whether the table is a parameter table (its
	// header names Parameter, Mandatory or Type).
	IsParameters bool
	// HasMandatory says whether the table has a Mandatory column.
	HasMandatory bool
	// Rows are the body rows, without the header row.
	Rows []*Row
}

// Row is one body row of a table.
//
// Description is the description cell as plain prose: inline markup is
// stripped (**x**, *x* and “x“ become x, :ref:`text <target>` becomes
// text), backslash escapes are resolved, the lines of a paragraph and the
// paragraphs are joined by single spaces, each bullet item is written
// "- item", the text of notes (".. note::") is kept and code blocks are
// left out (they are in Code).
//
// In parameter tables the other description fields are read from that
// prose; bold text (**x**) is recognised where the markup was:
//
//   - Values lists the values the cell names, in order and without
//     repeats: the leading value of each bullet item (the bold text that
//     starts it, as in "**v**: meaning"; else "v" from an item of the form
//     "Name (v)"; else the whole item when it is a single word), bold text
//     that starts a sentence or clause ("Kind: **a** does this; **b** does
//     that.") and the bold text of "Only **v** is supported". Bold text
//     inside a sentence, and bold text used by Default, EitherOf,
//     NotTogether or Conditions, is not a value.
//   - Default is the bold text or the number after "the default ... is"
//     ("The default value is **v**", "The default size is 30s" gives "30").
//   - Conditions are the conditional sentences the reader understands, one
//     per sentence (see Condition and Phrasings); Unread are the sentences
//     that look conditional but that no phrasing reads.
//   - EitherOf lists the names of the first "either-of" condition ("either
//     **a** or **b**", also "**a**, **b**, or **c**").
//   - NotTogether lists the names of the first "not-together" condition
//     ("**A** and **B** cannot be configured at the same time") as written
//     (they may be console labels, not parameter names).
type Row struct {
	// Line is the first line of the row with text in any cell.
	Line int
	// Name is the Parameter cell; in a table without a Parameter column,
	// the first cell.
	Name string
	// Cells are all cells of the row as plain prose, in column order.
	Cells []string
	// Mandatory is the Mandatory cell as written ("Yes", "No"), or "" when
	// the table has no Mandatory column.
	Mandatory string
	// Type is the type cell without "Array of" and "object(s)": "String",
	// "Integer", "Long", "Boolean", or, for a :ref: link, the link text
	// (the object's name). For an array of a scalar type the element type
	// is written as a type name: "Array of strings" gives "String".
	Type string
	// Ref is the target of the :ref: link in the type cell, or "".
	Ref string
	// IsObject says whether the type cell ends with "object" or "objects".
	IsObject bool
	// IsArray says whether the type cell starts with "Array of".
	IsArray bool

	Description string
	// Refs are the :ref: links of the description cell.
	Refs []Ref
	// Code are the code and literal blocks of the description cell, each
	// dedented with its lines joined by "\n".
	Code        []string
	Values      []string
	Default     string
	Conditions  []Condition
	Unread      []Sentence
	EitherOf    []string
	NotTogether []string
}

// Sentence is one sentence of a description cell as plain text.
type Sentence struct {
	Text string
	// Line is the page line the sentence starts on.
	Line int
}

// Example is one example request or response: a code block.
type Example struct {
	// Line is the line of the ".. code-block::" directive.
	Line int
	// Kind is "request" or "response".
	Kind string
	// Title is the text of the bullet item the code block is in, as plain
	// text, or "".
	Title string
	// Intro is the text that introduces the example, as plain text: the
	// last paragraph before the code block (in a list item with text, the
	// item's text), when no section title, table, code block or status
	// code line comes between them; else "".
	Intro string
	// Method and URL come from a first line of the form "METHOD URL"
	// (which may be in single quotes), or are "".
	Method, URL string
	// JSON is the rest of the code block (after the METHOD URL line and
	// blank lines), dedented, lines joined by "\n"; nil when there is none.
	// It is not checked to be valid JSON.
	JSON []byte
	// JSONLine is the line of the first line of JSON, or 0.
	JSONLine int
	// Status is the status code of the closest "**Status code: N**" line
	// before the block in its section, for responses; 0 for requests.
	Status int
}

// Error is a problem found in a page. Parse returns errors of this type.
type Error struct {
	Name string // the name given to Parse
	Line int    // 1-based
	Msg  string
}

// Error returns "name:line: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg)
}

// Table returns the table numbered n ("**Table n**"), or nil. Tables
// without a number are not found this way.
func (p *Page) Table(n int) *Table {
	for _, t := range p.Tables {
		if t.Number == n && n != 0 {
			return t
		}
	}
	return nil
}

// TableByAnchor returns the table whose Anchor is anchor, or nil. Labels
// are compared as reStructuredText compares reference names: ignoring case
// and runs of white space.
func (p *Page) TableByAnchor(anchor string) *Table {
	key := refKey(anchor)
	if key == "" {
		return nil
	}
	for _, t := range p.Tables {
		if refKey(t.Anchor) == key {
			return t
		}
	}
	return nil
}

// TableByID returns the table whose ID is id, ignoring case, or nil.
func (p *Page) TableByID(id string) *Table {
	id = strings.ToLower(id)
	for _, t := range p.Tables {
		if t.ID == id && id != "" {
			return t
		}
	}
	return nil
}

// TitleLine is the line of the page's title, or 1 for a page without one:
// where a finding about the page as a whole points.
func (p *Page) TitleLine() int {
	if len(p.Sections) > 0 {
		return p.Sections[0].Line
	}
	return 1
}

// Label names the table in messages: "Table 3 (SmartConnectTaskEntity)",
// the table "Title" for a table without a number, else its ID.
func (t *Table) Label() string {
	switch {
	case t.Number > 0:
		return fmt.Sprintf("Table %d (%s)", t.Number, t.Title)
	case t.Title != "":
		return fmt.Sprintf("the table %q", t.Title)
	}
	return "the table " + t.ID
}

// Path is the path of the example's URL, without scheme, host, query and
// fragment: what compares with an operation's path.
func (e *Example) Path() string {
	u := e.URL
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			u = rest[j:]
		} else {
			u = "/"
		}
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return u
}

// Row returns the first row whose Name is name, or nil.
func (t *Table) Row(name string) *Row {
	for _, r := range t.Rows {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// refKey normalises a reference name.
func refKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
