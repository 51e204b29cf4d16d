package rstdoc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Parse reads the page src. name is used in error messages and as
// Page.Name. The error, if any, is an *Error.
func Parse(name string, src []byte) (*Page, error) {
	p := &parser{name: name, lines: splitLines(src), page: &Page{Name: name}, bulletLine: -1,
		tableNums: map[int]int{}, anchors: map[string]int{}}
	for i := 0; i < len(p.lines); {
		next, err := p.step(i)
		if err != nil {
			return nil, err
		}
		i = next
	}
	assignIDs(p.page)
	return p.page, nil
}

type parser struct {
	name  string
	lines []string
	page  *Page

	section    string         // title of the current section
	status     int            // last status code line in the current section
	anchor     string         // label waiting for its table or section
	bulletLine int            // line index of the last list item's first line, or -1
	item       *paragraph     // the first paragraph of the list item being read
	intro      *paragraph     // the last paragraph, while no block followed it
	tableNums  map[int]int    // line of each table number
	anchors    map[string]int // line of each table label
}

// paragraph is a paragraph outside tables.
type paragraph struct {
	text   string
	indent int // indentation of its lines
}

func (p *parser) errorf(line int, format string, args ...any) error {
	return &Error{Name: p.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

var (
	labelRe     = regexp.MustCompile("^\\.\\. _(`[^`]+`|[^:`][^:]*):$")
	origNameRe  = regexp.MustCompile(`^:original_name:\s*(\S+?)(?:\.html)?$`)
	tableRe     = regexp.MustCompile(`^\.\. table::(?:\s+(.*))?$`)
	codeRe      = regexp.MustCompile(`^\.\. (?:code-block|code|sourcecode)::(?:\s+\S+)?$`)
	directiveRe = regexp.MustCompile(`^\.\.(?:\s|$)`)
	statusRe    = regexp.MustCompile(`^(?:\*\*)?Status code:\s*(\d{3})(?:\*\*)?$`)
	opLineRe    = regexp.MustCompile(`^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(/\S*)$`)
	exampleRe   = regexp.MustCompile(`^'?(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+([^\s']+)'?$`)
	tableNumRe  = regexp.MustCompile(`^\*\*Table\s+(\d+)\*\*\s*(.*)$`)
	bulletRe    = regexp.MustCompile(`^( *)([-*+]|#\.|\d{1,2}[.)])( +)\S`)
	optionRe    = regexp.MustCompile(`^:[^:\s][^:]*:`)
	punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
)

// step reads the construct starting at line index i and returns the index
// of the next line to read.
func (p *parser) step(i int) (int, error) {
	line := p.lines[i]
	t := strings.TrimSpace(line)
	ind := indentOf(line)
	switch {
	case t == "":
		return i + 1, nil
	case bulletRe.MatchString(line):
		// A list item: read its content where it stands.
		p.lines[i] = blankMarker(line)
		p.bulletLine = i
		p.item = &paragraph{indent: indentOf(p.lines[i])}
		return i, nil
	case labelRe.MatchString(t):
		p.anchor = strings.Trim(labelRe.FindStringSubmatch(t)[1], "`")
		return i + 1, nil
	case ind == 0 && p.page.Title == "" && origNameRe.MatchString(t):
		p.page.OriginalName = origNameRe.FindStringSubmatch(t)[1]
		return i + 1, nil
	case tableRe.MatchString(t):
		return p.tableDirective(i, ind, tableRe.FindStringSubmatch(t)[1])
	case codeRe.MatchString(t):
		return p.codeBlock(i, ind)
	case directiveRe.MatchString(t):
		p.block()
		return p.skipIndented(i+1, ind), nil
	case isGridBorder(t) || isSimpleBorder(t):
		return p.table(&Table{Line: i + 1}, i)
	}
	if next, ok := p.heading(i); ok {
		return next, nil
	}
	p.anchor = ""
	if m := statusRe.FindStringSubmatch(t); m != nil {
		p.block()
		p.status, _ = strconv.Atoi(m[1])
		return i + 1, nil
	}
	if m := opLineRe.FindStringSubmatch(t); m != nil && ind == 0 {
		if p.page.PathLine != 0 {
			return 0, p.errorf(i+1, "second operation line %q (the first is on line %d)", t, p.page.PathLine)
		}
		p.block()
		p.page.Method, p.page.Path, p.page.PathLine = m[1], m[2], i+1
		return i + 1, nil
	}
	return p.paragraph(i, ind), nil
}

// blankMarker replaces the list marker of a list item's first line by
// spaces, so that the item's content starts where its text does.
func blankMarker(line string) string {
	m := bulletRe.FindStringSubmatch(line)
	n := len(m[1]) + len(m[2]) + len(m[3])
	return strings.Repeat(" ", n) + line[n:]
}

// block notes that a block other than a paragraph was read: it ends the
// text that would introduce an example.
func (p *parser) block() {
	p.intro = nil
}

// heading reads a section title at line index i, if there is one there,
// and returns the index of the line after it.
func (p *parser) heading(i int) (int, bool) {
	t := strings.TrimSpace(p.lines[i])
	if indentOf(p.lines[i]) != 0 {
		return 0, false
	}
	switch {
	case i+1 < len(p.lines) && !isAdornment(t) && isAdornment(p.lines[i+1]):
		p.startSection(t, i+1)
		return i + 2, true
	case isAdornment(t) && i+2 < len(p.lines) && strings.TrimSpace(p.lines[i+1]) != "" && isAdornment(p.lines[i+2]):
		p.startSection(strings.TrimSpace(p.lines[i+1]), i+2)
		return i + 3, true
	}
	return 0, false
}

// startSection starts a new section whose title raw is on line.
func (p *parser) startSection(raw string, line int) {
	title, _ := parseInline(raw)
	s := &Section{Title: title, Anchor: p.anchor, Line: line}
	if p.page.Title == "" {
		p.page.Title, p.page.Anchor = title, p.anchor
	}
	p.page.Sections = append(p.page.Sections, s)
	p.anchor = ""
	p.section = title
	p.status = 0
	p.item = nil
	p.block()
}

// paragraph reads the paragraph starting at line index i with indentation
// ind: up to a blank line or a line indented otherwise. A paragraph that
// ends with "::" introduces a literal block, which is skipped.
func (p *parser) paragraph(i, ind int) int {
	j := i
	for j < len(p.lines) && strings.TrimSpace(p.lines[j]) != "" && indentOf(p.lines[j]) == ind {
		j++
	}
	literal := strings.HasSuffix(strings.TrimSpace(p.lines[j-1]), "::")
	pr := &prose{}
	pr.para(p.lines[i:j], i+1, literal)
	p.page.Refs = append(p.page.Refs, pr.refs...)
	p.intro = &paragraph{text: pr.text(), indent: ind}
	switch {
	case p.bulletLine == i:
		p.item.text = pr.text()
	case p.item != nil && ind < p.item.indent:
		p.item = nil // the list has ended
	}
	if literal {
		p.block()
		return p.skipIndented(j, ind)
	}
	return j
}

// tableDirective reads a ".. table::" directive at line index i.
func (p *parser) tableDirective(i, ind int, arg string) (int, error) {
	j := i + 1
	// The argument may go on over indented lines; options follow it.
	for ; j < len(p.lines); j++ {
		s := p.lines[j]
		t := strings.TrimSpace(s)
		if t == "" || indentOf(s) <= ind || isGridBorder(t) || isSimpleBorder(t) {
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
	if t := strings.TrimSpace(p.lines[j]); !isGridBorder(t) && !isSimpleBorder(t) {
		return 0, p.errorf(j+1, "table directive content is not a grid or simple table")
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

// table reads the grid or simple table whose top border is at line index
// start into tbl and adds tbl to the page, or its rows to the page's
// status codes.
func (p *parser) table(tbl *Table, start int) (int, error) {
	p.block()
	tbl.Anchor, p.anchor = p.anchor, ""
	tbl.Section, tbl.Status = p.section, p.status
	read := p.simple
	if isGridBorder(strings.TrimSpace(p.lines[start])) {
		read = p.grid
	}
	raw, end, err := read(start)
	if err != nil {
		return 0, err
	}
	if isStatusTable(raw) {
		return end, p.statusCodes(raw)
	}
	if err := p.tableRows(tbl, raw); err != nil {
		return 0, err
	}
	if err := p.addTable(tbl); err != nil {
		return 0, err
	}
	return end, nil
}

// addTable adds tbl to the page after checking that its number and label
// are its own.
func (p *parser) addTable(tbl *Table) error {
	if tbl.Number != 0 {
		if first, dup := p.tableNums[tbl.Number]; dup {
			return p.errorf(tbl.Line, "second Table %d (the first is on line %d)", tbl.Number, first)
		}
		p.tableNums[tbl.Number] = tbl.Line
	}
	if key := refKey(tbl.Anchor); key != "" {
		if first, dup := p.anchors[key]; dup {
			return p.errorf(tbl.Line, "second table labelled %q (the first is on line %d)", tbl.Anchor, first)
		}
		p.anchors[key] = tbl.Line
	}
	p.page.Tables = append(p.page.Tables, tbl)
	return nil
}

// codeBlock reads a code block directive at line index i.
func (p *parser) codeBlock(i, ind int) (int, error) {
	intro := p.intro
	p.block()
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
	kind := p.exampleKind(body[0])
	if kind == "" {
		return end, nil
	}
	ex := &Example{Line: i + 1, Kind: kind}
	if intro != nil && intro.indent <= ind {
		ex.Intro = intro.text
	}
	if p.item != nil && p.item.indent == ind {
		ex.Title = p.item.text
	}
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

// exampleKind says whether a code block whose first line is first is an
// example "request" or "response", or neither ("").
func (p *parser) exampleKind(first string) string {
	sec := strings.ToLower(p.section)
	switch {
	case strings.Contains(sec, "example request"):
		return "request"
	case strings.Contains(sec, "example response"):
		return "response"
	case exampleRe.MatchString(strings.TrimSpace(first)):
		return "request"
	}
	return ""
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
			lines[i] = expandTabs(l)
		}
	}
	return lines
}

// expandTabs replaces the tabs of l by spaces up to the next multiple of 8.
func expandTabs(l string) string {
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
	return b.String()
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

// joinLines joins the non-blank lines, trimmed, with single spaces.
func joinLines(lines []string) string {
	var parts []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
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
