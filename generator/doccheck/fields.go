package doccheck

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// checkFields compares each row with the property that models it.
func (c *checker) checkFields() {
	for _, u := range c.units {
		for _, p := range u.props {
			if p.row2 == nil {
				continue
			}
			c.checkType(p, p.row2)
			c.checkValues(p, p.row2)
			c.checkDefault(p, p.row2)
		}
	}
}

// pageType is the Type cell as one string: "String", "Long", "X object",
// "Array of String".
func pageType(r *rstdoc.Row) string {
	t := r.Type
	if r.IsObject {
		t += " object"
	}
	if r.IsArray {
		t = "Array of " + t
	}
	return t
}

// schemaType is how a Type cell reads for a property's schema.
func (c *checker) schemaType(ref string, s *openapi3.Schema) string {
	if ref != "" {
		if u := c.comps[ref]; u != nil {
			return ref + " object"
		}
	}
	if s == nil {
		return "(no schema)"
	}
	switch {
	case s.Type.Is("string"):
		return "String"
	case s.Type.Is("boolean"):
		return "Boolean"
	case s.Type.Is("integer"):
		switch s.Format {
		case "int32":
			return "Integer"
		case "int64":
			return "Long"
		}
		return fmt.Sprintf("integer with format %q", s.Format)
	case s.Type.Is("number"):
		switch s.Format {
		case "float":
			return "Float"
		case "double":
			return "Double"
		}
		return "Number"
	case s.Type.Is("array"):
		if s.Items == nil {
			return "Array of (nothing)"
		}
		return "Array of " + c.schemaType(refName(s.Items.Ref), s.Items.Value)
	case s.Type.Is("object"):
		return "object"
	}
	return fmt.Sprintf("type %v", s.Type.Slice())
}

func (c *checker) checkType(p *prop, r *rstdoc.Row) {
	want := pageType(r)
	got := c.schemaType(p.ref, p.schema)
	if got != want {
		pos := c.fieldPos(p.origin, "type")
		if p.ref != "" {
			pos = c.fieldPos(p.origin, "$ref")
		}
		c.add(Finding{Kind: KindType, PageLine: r.Line, SchemaPos: pos, Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: the page says %s; the schema has %s", p.u.qual(p.name), want, got)})
		return
	}
	if r.IsObject && r.Ref != "" {
		t := c.page.TableByAnchor(r.Ref)
		target := c.comps[refName(p.ref)]
		if t != nil && target != nil && target.table != t.Number {
			c.add(Finding{Kind: KindType, PageLine: r.Line, SchemaPos: c.fieldPos(p.origin, "$ref"), Component: p.u.name, Field: p.name,
				Message: fmt.Sprintf("%s: the page links it to %s; the schema's %s has x-doc-table %d", p.u.qual(p.name), tableName(t), target.name, target.table)})
		}
	}
}

// schemaList returns the property's value list: enum, else x-known-values.
// key names the keyword; nil when there is neither.
func schemaList(p *prop) (list []string, key string) {
	if p.schema != nil && len(p.schema.Enum) > 0 && p.ref == "" {
		for _, v := range p.schema.Enum {
			s, _ := scalarString(v)
			list = append(list, s)
		}
		return list, "enum"
	}
	if raw, ok := p.ext["x-known-values"].([]any); ok {
		for _, v := range raw {
			s, _ := scalarString(v)
			list = append(list, s)
		}
		return list, "x-known-values"
	}
	return nil, ""
}

func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// minus returns the members of a not in b, in a's order.
func minus(a, b []string) []string {
	var out []string
	for _, v := range a {
		if !slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	return len(minus(a, b)) == 0 && len(minus(b, a)) == 0
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func (c *checker) checkValues(p *prop, r *rstdoc.Row) {
	list, key := schemaList(p)
	listPos := c.fieldPos(p.origin, key)
	if key == "" {
		listPos = p.pos
	}
	vals := r.Values
	base := r.Type
	if r.IsObject {
		base = ""
	}
	switch base {
	case "Boolean":
		// true and false are the type's own values, not a list.
		if len(minus(vals, []string{"true", "false"})) == 0 && list == nil {
			vals = nil
		}
	case "Integer", "Long", "Float", "Double", "Number":
		// Numbers a numeric row names ("-1: no limit") are special
		// values, not a closed list, unless the schema makes one.
		if list == nil {
			numeric := true
			for _, v := range vals {
				numeric = numeric && isNumber(v)
			}
			if numeric {
				vals = nil
			}
		}
	}

	if from, ok := p.ext["x-doc-values-from"]; ok {
		fromPos := c.fieldPos(p.origin, "x-doc-values-from")
		switch {
		case from != "examples":
			c.add(Finding{Kind: KindAnnotation, PageLine: r.Line, SchemaPos: fromPos, Component: p.u.name, Field: p.name,
				Message: fmt.Sprintf("%s: x-doc-values-from is %v; doccheck knows only \"examples\"", p.u.qual(p.name), from)})
		case len(vals) > 0:
			c.add(Finding{Kind: KindValues, Status: StatusStale, PageLine: r.Line, SchemaPos: fromPos, Component: p.u.name, Field: p.name,
				Message: fmt.Sprintf("%s: x-doc-values-from: examples, but the row now lists values %s", p.u.qual(p.name), quoteList(vals))})
		default:
			c.valuesFromExamples(p, r, list, listPos)
			return
		}
	}

	if p.dev != nil && p.dev.kind == DevValueReading {
		c.valueReading(p, r, list)
	}
	switch {
	case len(vals) > 0 && list == nil:
		c.add(Finding{Kind: KindValues, PageLine: r.Line, SchemaPos: listPos, Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: the page lists the values %s; the schema has no enum or x-known-values", p.u.qual(p.name), quoteList(vals))})
	case len(vals) > 0:
		missing, extra := minus(vals, list), minus(list, vals)
		if len(missing) == 0 && len(extra) == 0 {
			return
		}
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "the schema lacks "+quoteList(missing))
		}
		if len(extra) > 0 {
			parts = append(parts, "the page does not list "+quoteList(extra))
		}
		for _, q := range c.copies(p, list) {
			parts = append(parts, q.u.qual(q.name)+" repeats the schema's list")
		}
		c.add(Finding{Kind: KindValues, PageLine: r.Line, SchemaPos: listPos, Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: the page lists %s; the schema's %s is %s: %s", p.u.qual(p.name), quoteList(vals), key, quoteList(list), strings.Join(parts, "; "))})
	case list != nil && !c.siblingList(p, list):
		c.add(Finding{Kind: KindValues, PageLine: r.Line, SchemaPos: listPos, Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: the schema's %s is %s; the page lists no values for it", p.u.qual(p.name), key, quoteList(list))})
	}
}

// siblingList reports whether list is the value list the page gives for a
// field of the same name elsewhere: the values its row lists, or, when
// that field's list comes from the examples, its schema list. A response
// field may carry the values its request field documents.
func (c *checker) siblingList(p *prop, list []string) bool {
	for _, u := range c.units {
		q := u.byName[p.name]
		if u == p.u || q == nil || q.row2 == nil {
			continue
		}
		if len(q.row2.Values) > 0 {
			// When the other field's row and its schema list differ, that
			// field's finding covers this copy of its list too.
			if qlist, _ := schemaList(q); sameSet(q.row2.Values, list) || sameSet(qlist, list) {
				return true
			}
			continue
		}
		if from, _ := q.ext["x-doc-values-from"].(string); from == "examples" {
			if qlist, _ := schemaList(q); sameSet(qlist, list) {
				return true
			}
		}
	}
	return false
}

// copies returns the fields of the same name as p whose rows list no
// values and whose schema lists equal list: they take their list from p's
// row (see siblingList).
func (c *checker) copies(p *prop, list []string) []*prop {
	var out []*prop
	for _, u := range c.units {
		q := u.byName[p.name]
		if u == p.u || q == nil || q.row2 == nil || len(q.row2.Values) > 0 {
			continue
		}
		if qlist, _ := schemaList(q); qlist != nil && sameSet(qlist, list) {
			out = append(out, q)
		}
	}
	return out
}

// valuesFromExamples checks a value list taken from the page's examples:
// every value an example sends for the field must be in it.
func (c *checker) valuesFromExamples(p *prop, r *rstdoc.Row, list []string, listPos string) {
	if list == nil {
		c.add(Finding{Kind: KindAnnotation, PageLine: r.Line, SchemaPos: c.fieldPos(p.origin, "x-doc-values-from"), Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: x-doc-values-from: examples, but the schema has no enum or x-known-values", p.u.qual(p.name))})
		return
	}
	uses := c.exampleValues(p)
	if len(uses) == 0 {
		c.add(Finding{Kind: KindValues, PageLine: r.Line, SchemaPos: c.fieldPos(p.origin, "x-doc-values-from"), Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: x-doc-values-from: examples, but no example on the page sends it", p.u.qual(p.name))})
		return
	}
	for _, use := range uses {
		s, err := scalarString(use.value)
		if err != nil || !slices.Contains(list, s) {
			c.add(Finding{Kind: KindValues, PageLine: use.line, SchemaPos: listPos, Component: p.u.name, Field: p.name,
				Message: fmt.Sprintf("%s: example %d on the page sends %s, which the schema's value list %s lacks", p.u.qual(p.name), use.example, jsonText(use.value), quoteList(list))})
		}
	}
}

// valueReading reports a value-reading deviation as accepted while the
// page still names values by description ("Name (v)"), and as stale once
// the row lists no values or spells every one.
func (c *checker) valueReading(p *prop, r *rstdoc.Row, list []string) {
	d := p.dev
	if len(r.Values) == 0 {
		c.stale(d, r.Line, fmt.Sprintf("%s: the deviation is about its value list, but the row lists no values now", p.u.qual(p.name)))
		return
	}
	var named []string
	for _, v := range r.Values {
		re := regexp.MustCompile(`[A-Za-z]\s*\(\s*` + regexp.QuoteMeta(v) + `\s*\)`)
		if re.MatchString(r.Description) {
			named = append(named, v)
		}
	}
	if len(named) == 0 {
		c.stale(d, r.Line, fmt.Sprintf("%s: the page now spells every value (%s); no reading is needed", p.u.qual(p.name), quoteList(r.Values)))
		return
	}
	c.accept(d, r.Line, fmt.Sprintf("%s: the page names %s by description; the schema reads the list as %s", p.u.qual(p.name), quoteList(named), quoteList(list)))
}

func (c *checker) checkDefault(p *prop, r *rstdoc.Row) {
	var def any
	if p.ref == "" && p.schema != nil {
		def = p.schema.Default
	}
	switch {
	case r.Default == "" && def == nil:
		return
	case def == nil:
		c.add(Finding{Kind: KindDefault, PageLine: r.Line, SchemaPos: p.pos, Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: the page gives the default %q; the schema has none", p.u.qual(p.name), r.Default)})
		return
	}
	s, err := scalarString(def)
	pos := c.fieldPos(p.origin, "default")
	if r.Default == "" {
		c.add(Finding{Kind: KindDefault, PageLine: r.Line, SchemaPos: pos, Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: the schema has the default %s; the page gives none", p.u.qual(p.name), jsonText(def))})
		return
	}
	if err == nil && s == r.Default {
		return
	}
	if a, errA := strconv.ParseFloat(r.Default, 64); errA == nil && err == nil {
		if b, errB := strconv.ParseFloat(s, 64); errB == nil && a == b {
			return
		}
	}
	c.add(Finding{Kind: KindDefault, PageLine: r.Line, SchemaPos: pos, Component: p.u.name, Field: p.name,
		Message: fmt.Sprintf("%s: the page gives the default %q; the schema has %s", p.u.qual(p.name), r.Default, jsonText(def))})
}
