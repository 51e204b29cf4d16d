package doccheck

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// Deviation kinds.
const (
	// DevNotRequired: the page makes a field mandatory (always or under a
	// condition) and the schema does not require it.
	DevNotRequired = "not-required"
	// DevValueReading: the page names some values by description rather
	// than spelling them, and the schema's value list is one reading of it.
	DevValueReading = "value-reading"
)

// deviation is an x-doc-deviation.
type deviation struct {
	p                          *prop
	kind, doc, reason, example string
	pos                        string
	done                       bool // reported as accepted or stale
}

// loadDeviations reads the x-doc-deviation of every property.
func (c *checker) loadDeviations() {
	for _, u := range c.units {
		for _, p := range u.props {
			raw, ok := p.ext["x-doc-deviation"]
			if !ok {
				continue
			}
			pos := c.fieldPos(p.origin, "x-doc-deviation")
			m, ok := raw.(map[string]any)
			if !ok {
				c.add(Finding{Kind: KindAnnotation, SchemaPos: pos, Component: u.name, Field: p.name,
					Message: fmt.Sprintf("%s: x-doc-deviation must be a mapping with kind, doc and reason", u.qual(p.name))})
				continue
			}
			d := &deviation{p: p, pos: pos}
			var missing []string
			for key, dst := range map[string]*string{"kind": &d.kind, "doc": &d.doc, "reason": &d.reason, "example": &d.example} {
				s, _ := m[key].(string)
				*dst = strings.TrimSpace(s)
				if *dst == "" && key != "example" {
					missing = append(missing, key)
				}
			}
			slices.Sort(missing)
			if len(missing) > 0 {
				c.add(Finding{Kind: KindAnnotation, SchemaPos: pos, Component: u.name, Field: p.name,
					Message: fmt.Sprintf("%s: x-doc-deviation lacks %s", u.qual(p.name), strings.Join(missing, ", "))})
				continue
			}
			if d.kind != DevNotRequired && d.kind != DevValueReading {
				c.add(Finding{Kind: KindAnnotation, SchemaPos: pos, Component: u.name, Field: p.name,
					Message: fmt.Sprintf("%s: x-doc-deviation kind %q is not one doccheck knows (%s, %s)", u.qual(p.name), d.kind, DevNotRequired, DevValueReading)})
				continue
			}
			p.dev = d
			c.devs = append(c.devs, d)
		}
	}
}

// accept reports the deviation d as accepted for the difference msg.
func (c *checker) accept(d *deviation, line int, msg string) {
	d.done = true
	if stale := c.evidence(d); stale != "" {
		c.stale(d, line, msg+"; but "+stale)
		return
	}
	c.add(Finding{Kind: d.kind, Status: StatusAccepted, PageLine: line, SchemaPos: d.pos, Reason: d.reason,
		Component: d.p.u.name, Field: d.p.name, Message: msg})
}

// stale reports the deviation d as stale.
func (c *checker) stale(d *deviation, line int, msg string) {
	d.done = true
	c.add(Finding{Kind: d.kind, Status: StatusStale, PageLine: line, SchemaPos: d.pos, Reason: d.reason,
		Component: d.p.u.name, Field: d.p.name, Message: msg})
}

// evidence checks the example a deviation cites and returns why it no
// longer supports the deviation, or "".
func (c *checker) evidence(d *deviation) string {
	if d.example == "" {
		return ""
	}
	var ex *schemaExample
	for _, e := range c.schemaEx {
		if e.key == d.example {
			ex = e
			break
		}
	}
	if ex == nil {
		return fmt.Sprintf("the cited example %s is not in the schema", d.example)
	}
	value := ex.value
	if pe := c.pageExample(ex.number); pe != nil && pe.err == nil {
		value = pe.value
	}
	var objects []map[string]any
	if ex.root != "" {
		for _, path := range c.paths(ex.root, d.p.u.name) {
			for _, v := range valuesAt(value, path) {
				if m, ok := v.(map[string]any); ok {
					objects = append(objects, m)
				}
			}
		}
	}
	if len(objects) == 0 {
		return fmt.Sprintf("the cited example %s no longer shows %s", d.example, d.p.u.name)
	}
	with := 0
	for _, m := range objects {
		if _, ok := m[d.p.name]; ok {
			with++
		}
	}
	switch {
	case d.kind == DevNotRequired && with == len(objects):
		return fmt.Sprintf("the cited example %s now sends %s", d.example, d.p.name)
	case d.kind == DevValueReading && with == 0:
		return fmt.Sprintf("the cited example %s no longer sends %s", d.example, d.p.name)
	}
	return ""
}

// checkTables matches page tables with units and rows with properties.
func (c *checker) checkTables() {
	for _, t := range c.page.Tables {
		u := c.byTab[t.Number]
		if t.Number == 0 || u == nil {
			c.add(Finding{Kind: KindTable, PageLine: t.Line,
				Message: fmt.Sprintf("%s is not modelled: no component or parameter has x-doc-table %d", tableName(t), t.Number)})
			continue
		}
		if u.name != paramsUnit && identRe.MatchString(t.Title) && t.Title != u.name {
			c.add(Finding{Kind: KindTable, PageLine: t.Line, SchemaPos: u.tpos, Component: u.name,
				Message: fmt.Sprintf("%s is titled %s; the schema models it as %s", tableName(t), t.Title, u.name)})
		}
		c.matchRows(u, t)
	}
	for _, u := range c.units {
		if u.table == 0 || u.page != nil || c.byTab[u.table] != u {
			continue
		}
		line := 0
		for _, t := range c.page.Tables {
			for _, r := range t.Rows {
				if line == 0 && r.IsObject && r.Type == u.name {
					line = r.Line
				}
			}
		}
		c.add(Finding{Kind: KindTable, PageLine: line, SchemaPos: u.tpos, Component: u.name,
			Message: fmt.Sprintf("%s has x-doc-table %d, but the page has no Table %d", u.name, u.table, u.table)})
	}
}

var identRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func tableName(t *rstdoc.Table) string {
	if t.Number > 0 {
		return fmt.Sprintf("Table %d (%s)", t.Number, t.Title)
	}
	if t.Title != "" {
		return fmt.Sprintf("the table %q", t.Title)
	}
	return "an unnumbered table"
}

// matchRows pairs the rows of t with the properties of u by name.
func (c *checker) matchRows(u *unit, t *rstdoc.Table) {
	index := map[string]int{} // name -> 1-based row
	for i, r := range t.Rows {
		if first, dup := index[r.Name]; dup {
			c.add(Finding{Kind: KindNoProperty, PageLine: r.Line, Component: u.name, Field: r.Name,
				Message: fmt.Sprintf("%s lists %s twice (rows %d and %d)", tableName(t), r.Name, first, i+1)})
			continue
		}
		index[r.Name] = i + 1
	}
	rowTaken := make([]bool, len(t.Rows))
	var orphans []*prop
	byRow := map[int]*prop{}
	for _, p := range u.props {
		if p.row > 0 {
			if q, dup := byRow[p.row]; dup {
				c.add(Finding{Kind: KindAnnotation, SchemaPos: c.fieldPos(p.origin, "x-doc-row"), Component: u.name, Field: p.name,
					Message: fmt.Sprintf("%s and %s both have x-doc-row %d", u.qual(q.name), p.name, p.row)})
			} else {
				byRow[p.row] = p
			}
		}
		i, ok := index[p.name]
		if !ok {
			orphans = append(orphans, p)
			continue
		}
		p.row2 = t.Rows[i-1]
		rowTaken[i-1] = true
		if _, has := p.ext["x-doc-row"]; !has {
			c.add(Finding{Kind: KindAnnotation, PageLine: p.row2.Line, SchemaPos: p.pos, Component: u.name, Field: p.name,
				Message: fmt.Sprintf("%s has no x-doc-row; the page has it at row %d of %s", u.qual(p.name), i, tableName(t))})
		}
	}
	// A row and a property that sit at the same position but have different
	// names are one renamed field.
	var stray []*prop
	for _, p := range orphans {
		if p.row > 0 && p.row <= len(t.Rows) && !rowTaken[p.row-1] {
			r := t.Rows[p.row-1]
			rowTaken[p.row-1] = true
			c.add(Finding{Kind: KindName, PageLine: r.Line, SchemaPos: p.pos, Component: u.name, Field: p.name,
				Message: fmt.Sprintf("row %d of %s is %s; the schema has %s there (x-doc-row %d)", p.row, tableName(t), r.Name, u.qual(p.name), p.row)})
			continue
		}
		stray = append(stray, p)
	}
	unmatchedRows := 0
	for i, r := range t.Rows {
		if rowTaken[i] || index[r.Name] != i+1 {
			continue
		}
		unmatchedRows++
		c.add(Finding{Kind: KindNoProperty, PageLine: r.Line, SchemaPos: u.pos, Component: u.name, Field: r.Name,
			Message: fmt.Sprintf("row %d of %s, %s, has no property in %s", i+1, tableName(t), r.Name, u.name)})
	}
	for _, p := range stray {
		line := t.Line
		if p.row > 0 && p.row <= len(t.Rows) {
			line = t.Rows[p.row-1].Line
		}
		where := "has no x-doc-row"
		if p.row > 0 {
			where = fmt.Sprintf("has x-doc-row %d", p.row)
		}
		c.add(Finding{Kind: KindNoRow, PageLine: line, SchemaPos: p.pos, Component: u.name, Field: p.name,
			Message: fmt.Sprintf("%s %s, but %s has no row %s", u.qual(p.name), where, tableName(t), p.name)})
	}

	// Row numbers: exact when the table and the schema have the same
	// fields, else only their order (the added or missing rows are
	// reported already and shift the numbers).
	var matched []*prop
	for _, p := range u.props {
		if p.row2 != nil && p.row > 0 {
			matched = append(matched, p)
		}
	}
	if unmatchedRows == 0 && len(orphans) == 0 {
		for _, p := range matched {
			if want := index[p.name]; p.row != want {
				c.add(Finding{Kind: KindRowNumber, PageLine: p.row2.Line, SchemaPos: c.fieldPos(p.origin, "x-doc-row"), Component: u.name, Field: p.name,
					Message: fmt.Sprintf("%s has x-doc-row %d; it is row %d of %s", u.qual(p.name), p.row, want, tableName(t))})
			}
		}
		return
	}
	slices.SortStableFunc(matched, func(a, b *prop) int { return a.row - b.row })
	for i := 1; i < len(matched); i++ {
		prev, p := matched[i-1], matched[i]
		if index[p.name] < index[prev.name] {
			c.add(Finding{Kind: KindRowNumber, PageLine: p.row2.Line, SchemaPos: c.fieldPos(p.origin, "x-doc-row"), Component: u.name, Field: p.name,
				Message: fmt.Sprintf("%s comes after %s in the schema (x-doc-row %d, %d) but before it in %s", u.qual(p.name), prev.name, prev.row, p.row, tableName(t))})
		}
	}
}
