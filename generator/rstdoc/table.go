package rstdoc

import (
	"strconv"
	"strings"
)

// Column names a parameter table header may use, in lower case.
const (
	colParameter   = "parameter"
	colMandatory   = "mandatory"
	colType        = "type"
	colDescription = "description"
)

// cellText is the text of one cell: its lines, dedented, without blank
// lines at the start and end, and the line of the first of them.
type cellText struct {
	lines []string
	line  int
}

// cell returns the text of column c of the row.
func (rr *rawRow) cell(c int) cellText {
	lines, dropped := trimBlankLines(dedent(rr.cells[c]))
	return cellText{lines: lines, line: rr.first + dropped}
}

// trimBlankLines returns lines without the empty lines at the start and
// end, and how many it dropped at the start.
func trimBlankLines(lines []string) ([]string, int) {
	dropped := 0
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
		dropped++
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines, dropped
}

// plainCell returns a short cell (name, type, header) as one line of plain
// text.
func plainCell(lines []string) string {
	text, _ := parseInline(joinLines(lines))
	return text
}

// headerNames returns the header cells of the table as plain text.
func headerNames(raw *rawTable) []string {
	names := make([]string, len(raw.header.cells))
	for c := range names {
		names[c] = plainCell(raw.header.cell(c).lines)
	}
	return names
}

// isStatusTable reports whether the table is a status-code table: its
// columns are Status Code and Description.
func isStatusTable(raw *rawTable) bool {
	names := headerNames(raw)
	return len(names) == 2 && strings.EqualFold(names[0], "Status Code") && strings.EqualFold(names[1], colDescription)
}

// statusCodes adds the rows of the status-code table to the page.
func (p *parser) statusCodes(raw *rawTable) error {
	for _, rr := range raw.rows {
		code := plainCell(rr.cell(0).lines)
		n, err := strconv.Atoi(code)
		if err != nil || len(code) != 3 {
			return p.errorf(rr.line, "status code %q is not a three-digit number", code)
		}
		desc := newProse(rr.cell(1))
		p.page.StatusCodes = append(p.page.StatusCodes, StatusCode{Code: n, Description: desc.text(), Line: rr.line})
	}
	return nil
}

// tableRows reads the header and body rows of raw into tbl.
func (p *parser) tableRows(tbl *Table, raw *rawTable) error {
	tbl.Columns = headerNames(raw)
	col, err := p.columns(tbl, raw.header.line)
	if err != nil {
		return err
	}
	for _, rr := range raw.rows {
		row, err := p.row(tbl, col, rr)
		if err != nil {
			return err
		}
		tbl.Rows = append(tbl.Rows, row)
	}
	return nil
}

// columns maps the known column names of tbl's header to their index and
// sets IsParameters and HasMandatory. A parameter table may only have the
// known columns.
func (p *parser) columns(tbl *Table, line int) (map[string]int, error) {
	col := map[string]int{}
	var unknown []string
	for c, name := range tbl.Columns {
		switch key := strings.ToLower(name); key {
		case colParameter, colMandatory, colType, colDescription:
			if _, dup := col[key]; dup {
				return nil, p.errorf(line, "table header has two %q columns", key)
			}
			col[key] = c
			tbl.IsParameters = tbl.IsParameters || key != colDescription
		default:
			unknown = append(unknown, name)
		}
	}
	if !tbl.IsParameters {
		return col, nil
	}
	if len(unknown) > 0 {
		return nil, p.errorf(line, "table header has an unknown column %q; want Parameter, Mandatory, Type or Description", unknown[0])
	}
	if _, ok := col[colParameter]; !ok {
		return nil, p.errorf(line, "table header has no Parameter column")
	}
	_, tbl.HasMandatory = col[colMandatory]
	return col, nil
}

// row reads one body row of tbl.
func (p *parser) row(tbl *Table, col map[string]int, rr *rawRow) (*Row, error) {
	row := &Row{Line: rr.line}
	var desc *prose
	for c := range rr.cells {
		pr := newProse(rr.cell(c))
		row.Cells = append(row.Cells, pr.text())
		if k, ok := col[colDescription]; ok && k == c {
			desc = pr
		}
	}
	if !tbl.IsParameters {
		row.Name = row.Cells[0]
		if desc != nil {
			row.Description = desc.text()
		}
		return row, nil
	}
	lines := func(name string) []string {
		if c, ok := col[name]; ok {
			return rr.cell(c).lines
		}
		return nil
	}
	row.Name = plainCell(lines(colParameter))
	if row.Name == "" {
		return nil, p.errorf(rr.line, "table row has an empty Parameter cell")
	}
	row.Mandatory = plainCell(lines(colMandatory))
	parseType(row, lines(colType))
	if desc == nil {
		desc = newProse(cellText{})
	}
	describe(row, desc, tbl.HasMandatory)
	return row, nil
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
