// Package rstdoc reads a vendor API reference page written in
// reStructuredText into data: the operation's method and path, the
// parameter tables (grid tables under ".. table:: **Table N** Title"
// directives) and the example requests and responses. dmsgen doccheck
// compares that data with the OpenAPI schema that models the page.
//
// This is not a general reStructuredText parser. It reads the shapes such
// pages use and reports anything it cannot read in a table as an error
// ("name:line: message") rather than guessing:
//
//   - section titles (text underlined, or over- and underlined, with a
//     punctuation character); the first one is the page title;
//   - ".. _label:" lines, which name the table that follows them;
//   - the operation line "METHOD /path" at the left margin;
//   - grid tables, inside ".. table::" directives or on their own, whose
//     header names the columns Parameter, Mandatory, Type and Description
//     (Parameter is required, the others may be absent);
//   - "**Status code: N**" lines, which apply to the tables and examples
//     after them in the same section;
//   - ".. code-block::" directives in the "Example Requests" and "Example
//     Responses" sections, and elsewhere any code block that starts with a
//     "METHOD URL" line;
//   - simple tables ("=== ===") and literal blocks ("::") are skipped.
//
// Cell text is reduced to plain prose (see Row.Description), and the
// description cell is searched for the phrases the pages use to list
// values, defaults and conditions (see Row).
package rstdoc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Page is what Parse read from one page.
type Page struct {
	// Title is the text of the first section title.
	Title string
	// Method and Path come from the operation line, for example
	// "POST /v2/{project_id}/things"; PathLine is its line. All three are
	// zero when the page has no such line.
	Method, Path string
	PathLine     int
	// Tables are the parameter tables in page order.
	Tables []*Table
	// Examples are the example requests and responses in page order.
	Examples []*Example
}

// Table is one parameter table.
type Table struct {
	// Number and Title come from the directive argument "**Table N**
	// Title". Number is 0 when the argument has another form (Title is then
	// the whole argument as plain text) and for a grid table without a
	// directive.
	Number int
	Title  string
	// Line is the line of the ".. table::" directive, or of the top border
	// of a grid table without a directive.
	Line int
	// Anchor is the label (".. _anchor:") right before the table, as
	// written, or "". Blank lines may come between them, nothing else.
	Anchor string
	// Section is the title of the section the table is in.
	Section string
	// Status is the status code of the closest "**Status code: N**" line
	// before the table in its section, or 0.
	Status int
	// HasMandatory says whether the table has a Mandatory column.
	HasMandatory bool
	// Rows are the body rows, without the header row.
	Rows []*Row
}

// Row is one body row of a parameter table.
//
// Description is the description cell as plain prose: inline markup is
// stripped (**x**, *x* and “x“ become x, :ref:`text <target>` becomes
// text), backslash escapes are resolved, the lines of a paragraph and the
// paragraphs are joined by single spaces, and each bullet item is written
// "- item".
//
// The other description fields are read from that prose; bold text (**x**)
// is recognised where the markup was:
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
//   - Conditions are the "(Mandatory|Displayed) only when the (source|
//     target) type is V [and the <phrase> is W]..." sentences. A sentence
//     that starts like that but cannot be read is an error.
//   - EitherOf lists the bold names of "either **a** or **b**" (also "**a**,
//     **b**, or **c**").
//   - NotTogether lists the bold labels of "**A** and **B** cannot be
//     configured at the same time" as written (they may be console labels,
//     not parameter names).
type Row struct {
	// Line is the first line of the row with text in any cell.
	Line int
	// Name is the Parameter cell.
	Name string
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
	Values      []string
	Default     string
	Conditions  []Condition
	EitherOf    []string
	NotTogether []string
}

// Condition is a sentence that makes a parameter mandatory, or shown in a
// response, only in some cases: "Mandatory only when the source type is
// Gadget and the target widget mode is **FAST**."
type Condition struct {
	// Kind is "mandatory" or "displayed".
	Kind string
	// Subject is "source" or "target": whose type the sentence tests.
	Subject string
	// Value is the type the sentence names, as written ("Gadget").
	Value string
	// And are the further "and the <phrase> is <value>" clauses.
	And []Clause
	// Text is the sentence as plain text, from its first word to the last
	// value, without the closing punctuation.
	Text string
}

// Clause is one "and the <phrase> is <value>" part of a Condition. The
// phrase is split into Side and Subject: "the target Widget link mode is
// **FAST**" gives Side "target", Subject "link mode", Value "FAST"; "the
// link mode is **FAST**" gives Side "", Subject "link mode".
type Clause struct {
	// Side is "source" or "target" when the phrase starts with one of those
	// words, else "". Capitalised words right after it (a product name)
	// are dropped.
	Side string
	// Subject is the rest of the phrase, in lower case.
	Subject string
	// Value is the value the clause names, as written.
	Value string
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
	// Method and URL come from a first line of the form "METHOD URL", or
	// are "".
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

// Parse reads the page src. name is used in error messages.
func Parse(name string, src []byte) (*Page, error) {
	p := &parser{name: name, lines: splitLines(src), page: &Page{}}
	for i := 0; i < len(p.lines); {
		next, err := p.step(i)
		if err != nil {
			return nil, err
		}
		i = next
	}
	return p.page, nil
}

type parser struct {
	name  string
	lines []string
	page  *Page

	section    string // title of the current section
	status     int    // last status code line in the current section
	anchor     string // label waiting for its table
	tableLines map[int]int
	anchors    map[string]int
}

func (p *parser) errorf(line int, format string, args ...any) error {
	return &Error{Name: p.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

var (
	labelRe     = regexp.MustCompile("^\\.\\. _(`[^`]+`|[^:`][^:]*):$")
	tableRe     = regexp.MustCompile(`^\.\. table::(?:\s+(.*))?$`)
	codeRe      = regexp.MustCompile(`^\.\. (?:code-block|code|sourcecode)::(?:\s+\S+)?$`)
	statusRe    = regexp.MustCompile(`^(?:\*\*)?Status code:\s*(\d{3})(?:\*\*)?$`)
	opLineRe    = regexp.MustCompile(`^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(/\S*)$`)
	exampleRe   = regexp.MustCompile(`^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)$`)
	tableNumRe  = regexp.MustCompile(`^\*\*Table\s+(\d+)\*\*\s*(.*)$`)
	bulletRe    = regexp.MustCompile(`^( *)([-*+])( +)\S`)
	optionRe    = regexp.MustCompile(`^:[^:\s][^:]*:`)
	punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
)

// step reads the construct starting at line index i and returns the index
// of the next line to read.
func (p *parser) step(i int) (int, error) {
	line := p.lines[i]
	t := strings.TrimSpace(line)
	ind := indentOf(line)
	if t == "" {
		return i + 1, nil
	}
	if m := labelRe.FindStringSubmatch(t); m != nil {
		p.anchor = strings.Trim(m[1], "`")
		return i + 1, nil
	}
	if m := tableRe.FindStringSubmatch(t); m != nil {
		return p.tableDirective(i, ind, m[1])
	}
	if codeRe.MatchString(t) {
		return p.codeBlock(i, ind)
	}
	if isGridBorder(t) {
		tbl := &Table{Line: i + 1}
		return p.table(tbl, i)
	}
	p.anchor = ""
	if isSimpleBorder(t) {
		return p.skipSimpleTable(i), nil
	}
	if ind == 0 {
		if i+1 < len(p.lines) && !isAdornment(t) && isAdornment(p.lines[i+1]) {
			p.heading(t)
			return i + 2, nil
		}
		if isAdornment(t) && i+2 < len(p.lines) && strings.TrimSpace(p.lines[i+1]) != "" && isAdornment(p.lines[i+2]) {
			p.heading(strings.TrimSpace(p.lines[i+1]))
			return i + 3, nil
		}
	}
	if m := statusRe.FindStringSubmatch(t); m != nil {
		p.status, _ = strconv.Atoi(m[1])
		return i + 1, nil
	}
	if m := opLineRe.FindStringSubmatch(t); m != nil && ind == 0 {
		if p.page.PathLine != 0 {
			return 0, p.errorf(i+1, "second operation line %q (the first is on line %d)", t, p.page.PathLine)
		}
		p.page.Method, p.page.Path, p.page.PathLine = m[1], m[2], i+1
		return i + 1, nil
	}
	if strings.HasSuffix(t, "::") && !strings.HasPrefix(t, "..") {
		// A literal block follows: skip it.
		return p.skipIndented(i+1, ind), nil
	}
	return i + 1, nil
}

// heading starts a new section.
func (p *parser) heading(raw string) {
	title, _ := parseInline(raw)
	if p.page.Title == "" {
		p.page.Title = title
	}
	p.section = title
	p.status = 0
}

// tableDirective reads a ".. table::" directive at line index i.
func (p *parser) tableDirective(i, ind int, arg string) (int, error) {
	j := i + 1
	// The argument may go on over indented lines; options follow it.
	for ; j < len(p.lines); j++ {
		s := p.lines[j]
		t := strings.TrimSpace(s)
		if t == "" || indentOf(s) <= ind || isGridBorder(t) {
			break
		}
		if !optionRe.MatchString(t) {
			arg += " " + t
		}
	}
	for j < len(p.lines) && strings.TrimSpace(p.lines[j]) == "" {
		j++
	}
	if j == len(p.lines) || indentOf(p.lines[j]) <= ind {
		return 0, p.errorf(i+1, "table directive has no content")
	}
	if !isGridBorder(strings.TrimSpace(p.lines[j])) {
		return 0, p.errorf(j+1, "table directive content is not a grid table")
	}
	tbl := &Table{Line: i + 1}
	arg = strings.TrimSpace(arg)
	if m := tableNumRe.FindStringSubmatch(arg); m != nil {
		tbl.Number, _ = strconv.Atoi(m[1])
		tbl.Title, _ = parseInline(m[2])
	} else {
		tbl.Title, _ = parseInline(arg)
	}
	return p.table(tbl, j)
}

// table reads the grid table whose top border is at line index start into
// tbl and adds tbl to the page.
func (p *parser) table(tbl *Table, start int) (int, error) {
	tbl.Anchor, p.anchor = p.anchor, ""
	tbl.Section, tbl.Status = p.section, p.status
	end, err := p.grid(tbl, start)
	if err != nil {
		return 0, err
	}
	if p.tableLines == nil {
		p.tableLines, p.anchors = map[int]int{}, map[string]int{}
	}
	if tbl.Number != 0 {
		if first, dup := p.tableLines[tbl.Number]; dup {
			return 0, p.errorf(tbl.Line, "second Table %d (the first is on line %d)", tbl.Number, first)
		}
		p.tableLines[tbl.Number] = tbl.Line
	}
	if key := refKey(tbl.Anchor); key != "" {
		if first, dup := p.anchors[key]; dup {
			return 0, p.errorf(tbl.Line, "second table labelled %q (the first is on line %d)", tbl.Anchor, first)
		}
		p.anchors[key] = tbl.Line
	}
	p.page.Tables = append(p.page.Tables, tbl)
	return end, nil
}

// codeBlock reads a code block directive at line index i.
func (p *parser) codeBlock(i, ind int) (int, error) {
	j := i + 1
	for j < len(p.lines) && indentOf(p.lines[j]) > ind && optionRe.MatchString(strings.TrimSpace(p.lines[j])) {
		j++
	}
	first, last := -1, -1
	for k := j; k < len(p.lines); k++ {
		s := p.lines[k]
		if strings.TrimSpace(s) == "" {
			continue
		}
		if indentOf(s) <= ind {
			break
		}
		if first < 0 {
			first = k
		}
		last = k
	}
	if first < 0 {
		return j, nil
	}
	end := last + 1
	body := dedent(p.lines[first:end])
	sec := strings.ToLower(p.section)
	kind := ""
	switch {
	case strings.Contains(sec, "example request"):
		kind = "request"
	case strings.Contains(sec, "example response"):
		kind = "response"
	case exampleRe.MatchString(strings.TrimSpace(body[0])):
		kind = "request"
	default:
		return end, nil
	}
	ex := &Example{Line: i + 1, Kind: kind, Title: p.bulletTitle(i, ind)}
	if kind == "response" {
		ex.Status = p.status
	}
	k := 0
	if m := exampleRe.FindStringSubmatch(strings.TrimSpace(body[0])); m != nil {
		ex.Method, ex.URL = m[1], m[2]
		k = 1
		for k < len(body) && strings.TrimSpace(body[k]) == "" {
			k++
		}
	}
	if k < len(body) {
		ex.JSON = []byte(strings.Join(body[k:], "\n"))
		ex.JSONLine = first + k + 1
	}
	p.page.Examples = append(p.page.Examples, ex)
	return end, nil
}

// bulletTitle returns the first paragraph of the bullet item whose content
// holds the directive at line index i with indentation ind, or "".
func (p *parser) bulletTitle(i, ind int) string {
	if ind == 0 {
		return ""
	}
	k := i - 1
	for k >= 0 && (strings.TrimSpace(p.lines[k]) == "" || indentOf(p.lines[k]) >= ind) {
		k--
	}
	if k < 0 {
		return ""
	}
	m := bulletRe.FindStringSubmatch(p.lines[k])
	if m == nil || len(m[1])+len(m[2])+len(m[3]) != ind {
		return ""
	}
	parts := []string{strings.TrimSpace(p.lines[k][ind:])}
	for j := k + 1; j < i && strings.TrimSpace(p.lines[j]) != ""; j++ {
		parts = append(parts, strings.TrimSpace(p.lines[j]))
	}
	text, _ := parseInline(strings.Join(parts, " "))
	return text
}

// skipIndented returns the index of the first non-blank line at or after
// i indented by ind or less.
func (p *parser) skipIndented(i, ind int) int {
	for ; i < len(p.lines); i++ {
		if strings.TrimSpace(p.lines[i]) != "" && indentOf(p.lines[i]) <= ind {
			break
		}
	}
	return i
}

// skipSimpleTable skips the simple table whose top border is at line index
// i: up to a border line followed by a blank line or the end of the file.
func (p *parser) skipSimpleTable(i int) int {
	for k := i + 1; k < len(p.lines); k++ {
		if isSimpleBorder(strings.TrimSpace(p.lines[k])) && (k+1 == len(p.lines) || strings.TrimSpace(p.lines[k+1]) == "") {
			return k + 1
		}
	}
	return len(p.lines)
}

// splitLines splits src into lines without their ends, expanding tabs as
// reStructuredText does (to multiples of 8).
func splitLines(src []byte) []string {
	s := strings.TrimPrefix(string(src), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.Contains(l, "\t") {
			var b strings.Builder
			col := 0
			for _, c := range l {
				if c == '\t' {
					n := 8 - col%8
					b.WriteString(strings.Repeat(" ", n))
					col += n
					continue
				}
				b.WriteRune(c)
				col++
			}
			lines[i] = b.String()
		}
	}
	return lines
}

// indentOf returns the number of leading spaces of s.
func indentOf(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}

// dedent removes the indentation common to the non-blank lines and the
// trailing spaces of every line.
func dedent(lines []string) []string {
	min := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n := indentOf(l); min < 0 || n < min {
			min = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		l = strings.TrimRight(l, " ")
		if len(l) >= min && min > 0 {
			l = l[min:]
		}
		out[i] = l
	}
	return out
}

// isAdornment reports whether s is a section title adornment: three or
// more of the same punctuation character at the left margin.
func isAdornment(s string) bool {
	s = strings.TrimRight(s, " ")
	if len(s) < 3 || !strings.ContainsRune(punctuation, rune(s[0])) {
		return false
	}
	return strings.Count(s, s[:1]) == len(s)
}

// isGridBorder reports whether the trimmed line t looks like a grid table
// border: "+", then "-" or "=", then only "+", "-" or "=", ending in "+".
func isGridBorder(t string) bool {
	if len(t) < 3 || t[0] != '+' || t[len(t)-1] != '+' || (t[1] != '-' && t[1] != '=') {
		return false
	}
	return strings.Trim(t, "+-=") == ""
}

// isSimpleBorder reports whether the trimmed line t is a simple table
// border with at least two columns: runs of "=" separated by spaces.
func isSimpleBorder(t string) bool {
	return strings.Contains(t, " ") && strings.Trim(t, "= ") == "" && t[0] == '='
}
