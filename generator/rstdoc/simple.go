package rstdoc

import (
	"strings"
)

// column is the span [start, end) of one column of a simple table, in
// characters from the table's left edge.
type column struct{ start, end int }

// simple reads the simple table whose top border is at line index start
// and returns it with the index of the line after the table.
//
// The columns are the runs of '=' of the top border. A line whose first
// column is blank continues the row above it; text of the last column may
// go past the border. The header is the row above the second border, and
// the table ends at a border followed by a blank line or the end of the
// page. Column spans ("---" lines) are not supported.
func (p *parser) simple(start int) (*rawTable, int, error) {
	ind := indentOf(p.lines[start])
	top := []rune(strings.TrimRight(p.lines[start], " ")[ind:])
	cols := simpleColumns(top)
	tbl := &rawTable{}
	var rows []*rawRow
	var cur *rawRow
	for k := start + 1; k < len(p.lines); k++ {
		s := p.lines[k]
		t := strings.TrimSpace(s)
		if t == "" {
			if cur != nil {
				cur.add(k, make([]string, len(cols)))
			}
			continue
		}
		if indentOf(s) < ind {
			return nil, 0, p.errorf(k+1, "table line starts at column %d, the table's top border at column %d", indentOf(s)+1, ind+1)
		}
		r := []rune(strings.TrimRight(s, " ")[ind:])
		if strings.Trim(t, "= ") == "" {
			if string(r) != string(top) {
				return nil, 0, p.errorf(k+1, "simple table border does not match the top border")
			}
			if cur != nil {
				rows, cur = append(rows, cur), nil
			}
			if k+1 == len(p.lines) || strings.TrimSpace(p.lines[k+1]) == "" {
				return p.endSimple(tbl, rows, start, k+1)
			}
			if tbl.header != nil {
				return nil, 0, p.errorf(k+1, "second header separator (=== ===) in table")
			}
			if len(rows) != 1 {
				return nil, 0, p.errorf(k+1, "header separator (=== ===) after %d rows; want one header row", len(rows))
			}
			tbl.header, rows = rows[0], nil
			continue
		}
		if strings.Trim(t, "- ") == "" {
			return nil, 0, p.errorf(k+1, "column span lines (---) in simple tables are not supported")
		}
		segs, err := p.simpleCells(k, ind, r, cols)
		if err != nil {
			return nil, 0, err
		}
		if strings.TrimSpace(segs[0]) != "" {
			if cur != nil {
				rows = append(rows, cur)
			}
			cur = newRawRow(k, len(cols))
		} else if cur == nil {
			return nil, 0, p.errorf(k+1, "table row has an empty first column and no row above it to continue")
		}
		cur.add(k, segs)
	}
	return nil, 0, p.errorf(start+1, "simple table has no bottom border (a border line followed by a blank line)")
}

// endSimple finishes the simple table whose top border is at line index
// start; end is the index of the line after it.
func (p *parser) endSimple(tbl *rawTable, rows []*rawRow, start, end int) (*rawTable, int, error) {
	if tbl.header == nil {
		return nil, 0, p.errorf(start+1, "table has no header separator line (=== ===)")
	}
	tbl.rows = rows
	return tbl, end, nil
}

// simpleColumns returns the runs of '=' of a simple table's top border.
func simpleColumns(top []rune) []column {
	var cols []column
	for i := 0; i < len(top); i++ {
		if top[i] != '=' {
			continue
		}
		j := i
		for j < len(top) && top[j] == '=' {
			j++
		}
		cols = append(cols, column{i, j})
		i = j
	}
	return cols
}

// simpleCells splits the row line r (line index k) into its columns. Text
// between two columns is an error; the last column takes the rest of the
// line.
func (p *parser) simpleCells(k, ind int, r []rune, cols []column) ([]string, error) {
	segs := make([]string, len(cols))
	for c, col := range cols {
		end := len(r)
		if c+1 < len(cols) {
			end = min(col.end, len(r))
			for g := col.end; g < min(cols[c+1].start, len(r)); g++ {
				if r[g] != ' ' {
					return nil, p.errorf(k+1, "text between columns %d and %d of the simple table at column %d", c+1, c+2, ind+g+1)
				}
			}
		}
		segs[c] = runeSlice(r, col.start, end)
	}
	return segs, nil
}

// runeSlice returns r[from:to] as a string, clamped to r.
func runeSlice(r []rune, from, to int) string {
	from, to = min(from, len(r)), min(to, len(r))
	if from >= to {
		return ""
	}
	return string(r[from:to])
}
