package rstdoc

import (
	"strings"
)

// rawRow is one row of a grid table as text: for each column, the row's
// lines of that column (the text between the column's borders).
type rawRow struct {
	line     int // line of the row's first line with text
	cells    [][]string
	hasText  bool
	lastLine int
}

// grid reads the grid table whose top border is at line index start into
// tbl.Rows and tbl.HasMandatory, and returns the index of the line after
// the table.
//
// Columns are found from the positions of '+' in the top border; every
// border and row line must have the same width, '+' (borders) or '|' (row
// lines) at exactly those positions, so a '|' inside cell text does not
// matter. Cells that span columns or rows are not supported.
func (p *parser) grid(tbl *Table, start int) (int, error) {
	ind := indentOf(p.lines[start])
	top := []rune(strings.TrimRight(p.lines[start], " ")[ind:])
	cols, err := p.borderColumns(start, ind, top)
	if err != nil {
		return 0, err
	}
	var rows []*rawRow
	var cur *rawRow
	header := false
	k := start + 1
	for ; k < len(p.lines); k++ {
		s := p.lines[k]
		t := strings.TrimSpace(s)
		if t == "" || (t[0] != '+' && t[0] != '|') {
			break
		}
		if indentOf(s) != ind {
			return 0, p.errorf(k+1, "table line starts at column %d, the table's top border at column %d", indentOf(s)+1, ind+1)
		}
		r := []rune(strings.TrimRight(s, " ")[ind:])
		if len(r) != len(top) {
			what := "row line"
			if r[0] == '+' {
				what = "border line"
			}
			return 0, p.errorf(k+1, "%s is %d characters wide, the top border %d", what, len(r), len(top))
		}
		if r[0] == '+' {
			fill, err := p.checkBorder(k, ind, r, cols)
			if err != nil {
				return 0, err
			}
			if cur == nil {
				return 0, p.errorf(k+1, "border line right after a border line (empty row)")
			}
			rows = append(rows, cur)
			cur = nil
			if fill == '=' {
				if header {
					return 0, p.errorf(k+1, "second header separator (+===+) in table")
				}
				if len(rows) != 1 {
					return 0, p.errorf(k+1, "header separator (+===+) after %d rows; want one header row", len(rows))
				}
				header = true
			}
			continue
		}
		for _, c := range cols {
			if r[c] != '|' {
				return 0, p.errorf(k+1, "row line has %q at column %d where the border has '+' (spanning cells are not supported)", r[c], ind+c+1)
			}
		}
		if cur == nil {
			cur = &rawRow{line: k + 1, cells: make([][]string, len(cols)-1)}
		}
		for c := range cur.cells {
			seg := string(r[cols[c]+1 : cols[c+1]])
			cur.cells[c] = append(cur.cells[c], seg)
			if !cur.hasText && strings.TrimSpace(seg) != "" {
				cur.hasText = true
				cur.line = k + 1
			}
		}
		cur.lastLine = k + 1
	}
	if cur != nil {
		return 0, p.errorf(cur.lastLine, "table row is not closed by a border line")
	}
	if !header {
		return 0, p.errorf(start+1, "table has no header separator line (+===+)")
	}
	if err := p.tableRows(tbl, rows); err != nil {
		return 0, err
	}
	return k, nil
}

// borderColumns checks the top border of a grid table at line index k and
// returns the positions of its '+' characters.
func (p *parser) borderColumns(k, ind int, top []rune) ([]int, error) {
	var cols []int
	for i, c := range top {
		switch c {
		case '+':
			if i > 0 && top[i-1] == '+' {
				return nil, p.errorf(k+1, "empty column at column %d of the top border", ind+i+1)
			}
			cols = append(cols, i)
		case '-':
		default:
			return nil, p.errorf(k+1, "top border has %q at column %d; want '-' or '+'", c, ind+i+1)
		}
	}
	if top[len(top)-1] != '+' {
		return nil, p.errorf(k+1, "top border does not end with '+'")
	}
	return cols, nil
}

// checkBorder checks a border line r (line index k) against the column
// positions of the top border and returns its fill character, '-' or '='.
func (p *parser) checkBorder(k, ind int, r []rune, cols []int) (rune, error) {
	fill := r[1]
	next := 0
	for i, c := range r {
		isCol := next < len(cols) && cols[next] == i
		if isCol {
			next++
		}
		switch {
		case isCol && c != '+':
			return 0, p.errorf(k+1, "ragged border: %q at column %d where the top border has '+'", c, ind+i+1)
		case !isCol && c == '+':
			return 0, p.errorf(k+1, "ragged border: '+' at column %d does not line up with the top border", ind+i+1)
		case !isCol && c != fill:
			return 0, p.errorf(k+1, "ragged border: %q at column %d; want %q", c, ind+i+1, fill)
		}
	}
	if fill != '-' && fill != '=' {
		return 0, p.errorf(k+1, "border line is filled with %q; want '-' or '='", fill)
	}
	return fill, nil
}

// Column names a table header may use, in lower case.
const (
	colParameter   = "parameter"
	colMandatory   = "mandatory"
	colType        = "type"
	colDescription = "description"
)

// tableRows maps the header row to columns and reads the body rows.
func (p *parser) tableRows(tbl *Table, rows []*rawRow) error {
	head := rows[0]
	col := map[string]int{}
	for c, cell := range head.cells {
		name := strings.ToLower(plainCell(cell))
		switch name {
		case colParameter, colMandatory, colType, colDescription:
			if _, dup := col[name]; dup {
				return p.errorf(head.line, "table header has two %q columns", name)
			}
			col[name] = c
		default:
			return p.errorf(head.line, "table header has an unknown column %q; want Parameter, Mandatory, Type or Description", plainCell(cell))
		}
	}
	if _, ok := col[colParameter]; !ok {
		return p.errorf(head.line, "table header has no Parameter column")
	}
	_, tbl.HasMandatory = col[colMandatory]
	cell := func(rr *rawRow, name string) []string {
		if c, ok := col[name]; ok {
			return cellLines(rr.cells[c])
		}
		return nil
	}
	for _, rr := range rows[1:] {
		row := &Row{Line: rr.line}
		row.Name = plainCell(cell(rr, colParameter))
		if row.Name == "" {
			return p.errorf(rr.line, "table row has an empty Parameter cell")
		}
		row.Mandatory = plainCell(cell(rr, colMandatory))
		parseType(row, cell(rr, colType))
		if err := describe(row, cell(rr, colDescription)); err != nil {
			return p.errorf(rr.line, "parameter %s: %v", row.Name, err)
		}
		tbl.Rows = append(tbl.Rows, row)
	}
	return nil
}

// cellLines turns the column segments of a row into the cell's text lines:
// trailing spaces removed, the common indentation removed, blank lines at
// the start and end dropped.
func cellLines(segs []string) []string {
	lines := dedent(segs)
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// plainCell returns a short cell (name, type, header) as one line of plain
// text.
func plainCell(lines []string) string {
	text, _ := parseInline(joinLines(lines))
	return text
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

// scalarTypes maps the lower-case names of scalar types to how the pages
// write them.
var scalarTypes = map[string]string{
	"string":  "String",
	"integer": "Integer",
	"long":    "Long",
	"boolean": "Boolean",
	"number":  "Number",
	"float":   "Float",
	"double":  "Double",
}

// parseType fills row.Type, Ref, IsObject and IsArray from the type cell.
func parseType(row *Row, lines []string) {
	text, spans := parseInline(joinLines(lines))
	t := strings.TrimSpace(text)
	const arrayOf = "array of "
	if len(t) > len(arrayOf) && strings.EqualFold(t[:len(arrayOf)], arrayOf) {
		row.IsArray = true
		t = strings.TrimSpace(t[len(arrayOf):])
	}
	for _, suffix := range []string{" objects", " object"} {
		if len(t) > len(suffix) && strings.EqualFold(t[len(t)-len(suffix):], suffix) {
			row.IsObject = true
			t = strings.TrimSpace(t[:len(t)-len(suffix)])
			break
		}
	}
	if strings.EqualFold(t, "object") || strings.EqualFold(t, "objects") {
		row.IsObject = true
		t = "Object"
	}
	for _, s := range spans {
		if s.kind == kindRef {
			row.Type, row.Ref = s.text, s.target
			return
		}
	}
	if row.IsArray {
		l := strings.ToLower(t)
		if name, ok := scalarTypes[l]; ok {
			t = name
		} else if name, ok := scalarTypes[strings.TrimSuffix(l, "s")]; ok {
			t = name
		}
	}
	row.Type = t
}
