package rstdoc

import (
	"strings"
)

// rawRow is one row of a grid or simple table as text: for each column,
// the row's lines of that column (the text between the column's borders).
type rawRow struct {
	line  int // line of the row's first line with text
	first int // line of the row's first line
	last  int // line of the row's last line
	text  bool
	cells [][]string
}

// rawTable is a table as text: its header row and its body rows.
type rawTable struct {
	header *rawRow
	rows   []*rawRow
}

// newRawRow starts a row of n columns at line index k.
func newRawRow(k, n int) *rawRow {
	return &rawRow{line: k + 1, first: k + 1, last: k + 1, cells: make([][]string, n)}
}

// add appends the column segments of line index k to the row.
func (rr *rawRow) add(k int, segs []string) {
	for c, seg := range segs {
		rr.cells[c] = append(rr.cells[c], seg)
		if !rr.text && strings.TrimSpace(seg) != "" {
			rr.text = true
			rr.line = k + 1
		}
	}
	rr.last = k + 1
}

// grid reads the grid table whose top border is at line index start and
// returns it with the index of the line after the table.
//
// Columns are found from the positions of '+' in the top border; every
// border and row line must have the same width, '+' (borders) or '|' (row
// lines) at exactly those positions, so a '|' inside cell text does not
// matter. Cells that span columns or rows are not supported.
func (p *parser) grid(start int) (*rawTable, int, error) {
	ind := indentOf(p.lines[start])
	top := []rune(strings.TrimRight(p.lines[start], " ")[ind:])
	cols, err := p.borderColumns(start, ind, top)
	if err != nil {
		return nil, 0, err
	}
	tbl := &rawTable{}
	var rows []*rawRow
	var cur *rawRow
	k := start + 1
	for ; k < len(p.lines); k++ {
		s := p.lines[k]
		t := strings.TrimSpace(s)
		if t == "" || (t[0] != '+' && t[0] != '|') {
			break
		}
		r, err := p.gridLine(k, ind, top)
		if err != nil {
			return nil, 0, err
		}
		if r[0] == '+' {
			fill, err := p.checkBorder(k, ind, r, cols)
			if err != nil {
				return nil, 0, err
			}
			if cur == nil {
				return nil, 0, p.errorf(k+1, "border line right after a border line (empty row)")
			}
			rows = append(rows, cur)
			cur = nil
			if fill == '=' {
				if tbl.header != nil {
					return nil, 0, p.errorf(k+1, "second header separator (+===+) in table")
				}
				if len(rows) != 1 {
					return nil, 0, p.errorf(k+1, "header separator (+===+) after %d rows; want one header row", len(rows))
				}
				tbl.header, rows = rows[0], nil
			}
			continue
		}
		segs, err := p.gridCells(k, ind, r, cols)
		if err != nil {
			return nil, 0, err
		}
		if cur == nil {
			cur = newRawRow(k, len(cols)-1)
		}
		cur.add(k, segs)
	}
	if cur != nil {
		return nil, 0, p.errorf(cur.last, "table row is not closed by a border line")
	}
	if tbl.header == nil {
		return nil, 0, p.errorf(start+1, "table has no header separator line (+===+)")
	}
	tbl.rows = rows
	return tbl, k, nil
}

// gridLine checks the indentation and width of the table line at index k
// and returns it without indentation and trailing spaces.
func (p *parser) gridLine(k, ind int, top []rune) ([]rune, error) {
	s := p.lines[k]
	if indentOf(s) != ind {
		return nil, p.errorf(k+1, "table line starts at column %d, the table's top border at column %d", indentOf(s)+1, ind+1)
	}
	r := []rune(strings.TrimRight(s, " ")[ind:])
	if len(r) != len(top) {
		what := "row line"
		if r[0] == '+' {
			what = "border line"
		}
		return nil, p.errorf(k+1, "%s is %d characters wide, the top border %d", what, len(r), len(top))
	}
	return r, nil
}

// gridCells checks the column separators of the row line r (line index k)
// and returns the text between them.
func (p *parser) gridCells(k, ind int, r []rune, cols []int) ([]string, error) {
	for _, c := range cols {
		if r[c] != '|' {
			return nil, p.errorf(k+1, "row line has %q at column %d where the border has '+' (spanning cells are not supported)", r[c], ind+c+1)
		}
	}
	segs := make([]string, len(cols)-1)
	for c := range segs {
		segs[c] = string(r[cols[c]+1 : cols[c+1]])
	}
	return segs, nil
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
