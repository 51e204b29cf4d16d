package doccheck

import (
	"fmt"
	"slices"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// checkCoverage reports the parameter tables of the modelled pages that
// nothing models.
func (c *checker) checkCoverage() {
	for _, l := range c.ops {
		if l.page == nil {
			continue
		}
		for _, t := range l.page.Tables {
			if !t.IsParameters || c.claimed[t] != nil {
				continue
			}
			c.add(&finding{Finding: Finding{Kind: KindTable, Page: l.page.Name, PageLine: t.Line, SchemaPos: l.op.Pos.String(), Object: l.op.ID,
				Message: fmt.Sprintf("%s (ID %s) is not modelled: no component or parameter names it in x-doc-tables", t.Label(), t.ID)}})
		}
	}
}

// matchRows pairs the rows of u's table with the model's members: by
// name, reporting rows without a member, members without a row, renamed
// rows and rows whose position is not the member's x-doc-row.
func (c *checker) matchRows(u *unit) {
	t, m := u.table, u.m
	at := func(f *finding) {
		f.Page, f.Object = u.page.Name, m.objName()
		c.add(f)
	}
	index := map[string]int{} // name -> 1-based row
	for i, r := range t.Rows {
		if first, dup := index[r.Name]; dup {
			at(&finding{Finding: Finding{Kind: KindNoProperty, PageLine: r.Line, SchemaPos: m.pos.String(), Field: r.Name,
				Message: fmt.Sprintf("%s lists %s twice (rows %d and %d)", t.Label(), r.Name, first, i+1)}})
			continue
		}
		index[r.Name] = i + 1
	}
	taken := make([]bool, len(t.Rows))
	var orphans []*member
	for _, mb := range m.members {
		i, ok := index[mb.name]
		if !ok {
			orphans = append(orphans, mb)
			continue
		}
		u.rows[mb] = t.Rows[i-1]
		taken[i-1] = true
	}
	// A row and a member at the same position with different names are
	// one renamed field.
	var stray []*member
	for _, mb := range orphans {
		if mb.row > 0 && mb.row <= len(t.Rows) && !taken[mb.row-1] && index[t.Rows[mb.row-1].Name] == mb.row {
			r := t.Rows[mb.row-1]
			taken[mb.row-1] = true
			at(&finding{Finding: Finding{Kind: KindName, PageLine: r.Line, SchemaPos: mb.pos.String(), Field: mb.name,
				Message: fmt.Sprintf("row %d of %s is %s; the schema has %s there (x-doc-row %d)", mb.row, t.Label(), r.Name, mb.qual(), mb.row)}})
			continue
		}
		stray = append(stray, mb)
	}
	unmatched := 0
	for i, r := range t.Rows {
		if taken[i] || index[r.Name] != i+1 {
			continue
		}
		unmatched++
		at(&finding{Finding: Finding{Kind: KindNoProperty, PageLine: r.Line, SchemaPos: c.modelPos(m).String(), Field: r.Name,
			Message: fmt.Sprintf("row %d of %s, %s, has no field in %s", i+1, t.Label(), r.Name, m.name())}})
	}
	for _, mb := range stray {
		line := t.Line
		if mb.row > 0 && mb.row <= len(t.Rows) {
			line = t.Rows[mb.row-1].Line
		} else if len(t.Rows) > 0 {
			line = t.Rows[len(t.Rows)-1].Line
		}
		at(&finding{Finding: Finding{Kind: KindNoRow, PageLine: line, SchemaPos: mb.pos.String(), Field: mb.name,
			Message: fmt.Sprintf("%s has x-doc-row %d, but %s has no row %s", mb.qual(), mb.row, t.Label(), mb.name)}})
	}

	// Row numbers: exact when the table and the model have the same
	// members, else only their order (the rows added or missing are
	// reported already and shift the numbers).
	var matched []*member
	for _, mb := range m.members {
		if u.rows[mb] != nil {
			matched = append(matched, mb)
		}
	}
	if unmatched == 0 && len(orphans) == 0 {
		for _, mb := range matched {
			if want := index[mb.name]; mb.row != want {
				at(&finding{Finding: Finding{Kind: KindRowNumber, PageLine: u.rows[mb].Line, SchemaPos: mb.pos.String(), Field: mb.name,
					Message: fmt.Sprintf("%s has x-doc-row %d; it is row %d of %s", mb.qual(), mb.row, want, t.Label())}})
			}
		}
		return
	}
	slices.SortStableFunc(matched, func(a, b *member) int { return a.row - b.row })
	for i := 1; i < len(matched); i++ {
		prev, mb := matched[i-1], matched[i]
		if index[mb.name] < index[prev.name] {
			at(&finding{Finding: Finding{Kind: KindRowNumber, PageLine: u.rows[mb].Line, SchemaPos: mb.pos.String(), Field: mb.name,
				Message: fmt.Sprintf("%s comes after %s in the schema (x-doc-row %d, %d) but before it in %s", mb.qual(), prev.name, prev.row, mb.row, t.Label())}})
		}
	}
}

// modelPos is where a row the model lacks would go: the object, or the
// operation of a parameter group.
func (c *checker) modelPos(m *model) ir.Pos {
	if m.obj != nil {
		return m.obj.Pos
	}
	return m.op.Pos
}

// rowLine is the line of the member's row in u, or of the table.
func rowLine(u *unit, mb *member) int {
	if r := u.rows[mb]; r != nil {
		return r.Line
	}
	return u.table.Line
}
