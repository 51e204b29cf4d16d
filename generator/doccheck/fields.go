package doccheck

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// checkFields compares every matched row with its member.
func (c *checker) checkFields() {
	for _, u := range c.units {
		for _, mb := range u.m.members {
			r := u.rows[mb]
			if r == nil {
				continue
			}
			c.checkType(u, mb, r)
			c.checkValues(u, mb, r)
			c.checkDefault(u, mb, r)
			c.checkBounds(u, mb, r)
			c.checkTypeChecks(u, mb)
			if mb.param != nil {
				c.checkParamRules(u, mb, r)
			}
		}
	}
}

// diff records a difference about member mb at row r of u; accept is the
// deviation kind that accepts it ("" for none).
func (c *checker) diff(u *unit, mb *member, line int, kind, accept, msg string) *finding {
	f := &finding{Finding: Finding{Kind: kind, Page: u.page.Name, PageLine: line, SchemaPos: mb.pos.String(), Object: u.m.objName(), Field: mb.name, Message: msg},
		accept: accept, devs: mb.devs}
	c.add(f)
	return f
}

// rowType is the Type cell as one string: "String", "Long", "X object",
// "Array of String".
func rowType(r *rstdoc.Row) string {
	t := r.Type
	if r.IsObject {
		t += " object"
	}
	if r.IsArray {
		t = "Array of " + t
	}
	return t
}

// schemaType is how the schema's type reads in the pages' words; nil is
// a path parameter, a string.
func schemaType(t *ir.Type) string {
	if t == nil {
		return "String"
	}
	s := ""
	switch t.Kind {
	case ir.String, ir.EnumKind:
		s = "String"
	case ir.Bool:
		s = "Boolean"
	case ir.Int:
		s = "Integer"
		if t.Bits == 64 {
			s = "Long"
		}
	case ir.Float:
		s = "Number"
	case ir.ObjectKind:
		s = t.Object.Name + " object"
	case ir.Array:
		s = "Array of " + schemaType(t.Elem)
	case ir.Map:
		s = "Map<String," + schemaType(t.Elem) + ">"
	default:
		s = fmt.Sprintf("(type kind %d)", t.Kind)
	}
	if t.Nullable {
		s += " or null"
	}
	return s
}

// typeMatches reports whether the row's Type cell reads as t.
func typeMatches(t *ir.Type, r *rstdoc.Row) bool {
	if t != nil && t.Nullable {
		return false
	}
	isArray := t != nil && t.Kind == ir.Array
	if r.IsArray != isArray {
		return false
	}
	if isArray {
		t = t.Elem
		if t.Nullable {
			return false
		}
	}
	return cellMatches(t, r.Type, r.IsObject)
}

// cellMatches compares one type (not an array) with the Type cell's text.
func cellMatches(t *ir.Type, cell string, isObject bool) bool {
	if t == nil {
		return cell == "String" && !isObject
	}
	switch t.Kind {
	case ir.String, ir.EnumKind:
		return cell == "String" && !isObject
	case ir.Bool:
		return cell == "Boolean" && !isObject
	case ir.Int:
		if t.Bits == 64 {
			return cell == "Long" && !isObject
		}
		return cell == "Integer" && !isObject
	case ir.Float:
		return (cell == "Number" || cell == "Float" || cell == "Double") && !isObject
	case ir.ObjectKind:
		return isObject
	case ir.Map:
		return cell == "Map<String,"+strings.TrimSuffix(schemaType(t.Elem), " object")+">" || isObject && cell == "Object"
	}
	return false
}

// checkType compares the Type cell with the member's type, and the table
// an object row links to with the tables the object models.
func (c *checker) checkType(u *unit, mb *member, r *rstdoc.Row) {
	if !typeMatches(mb.typ, r) {
		c.diff(u, mb, r.Line, KindType, ir.DevType,
			fmt.Sprintf("%s: the page says %s; the schema has %s", mb.qual(), rowType(r), schemaType(mb.typ)))
		return
	}
	if !r.IsObject || r.Ref == "" {
		return
	}
	t := mb.typ
	if t.Kind == ir.Array {
		t = t.Elem
	}
	if t.Kind != ir.ObjectKind {
		return
	}
	_, tb := c.ref.Resolve(r.Ref)
	switch {
	case tb == nil:
		c.diff(u, mb, r.Line, KindType, "", fmt.Sprintf("%s: the row links to %s, which no page of the folder has", mb.qual(), r.Ref))
	case t.Object.Tables == nil:
		c.diff(u, mb, r.Line, KindType, "", fmt.Sprintf("%s: the row links to %s (ID %s); the schema's %s names no table in x-doc-tables", mb.qual(), tb.Label(), tb.ID, t.Object.Name))
	case !slices.Contains(t.Object.Tables.IDs, tb.ID):
		c.diff(u, mb, r.Line, KindType, "", fmt.Sprintf("%s: the row links to %s (ID %s); the schema's %s models %s", mb.qual(), tb.Label(), tb.ID, t.Object.Name, strings.Join(t.Object.Tables.IDs, ", ")))
	}
}

// schemaValues returns the value list of a type (of its items, for an
// array): an enum's values, or an EnumOf or Const check of a scalar. key
// says where it comes from; nil when there is none.
func schemaValues(t *ir.Type) (list []string, key string) {
	if t == nil {
		return nil, ""
	}
	if t.Kind == ir.Array && t.Elem != nil {
		t = t.Elem
	}
	if t.Kind == ir.EnumKind && t.Enum != nil {
		list = t.Listed
		if list == nil {
			for _, v := range t.Enum.Values {
				list = append(list, v.Value)
			}
		}
		if closedEnum(t) {
			return list, "enum"
		}
		return list, "x-known-values"
	}
	if t.Checks != nil {
		for _, ch := range t.Checks.Checks {
			switch ch := ch.(type) {
			case *ir.EnumOf:
				for _, l := range ch.Values {
					list = append(list, l.String())
				}
				return list, "enum"
			case *ir.Const:
				return []string{ch.Value.String()}, "const"
			}
		}
	}
	return nil, ""
}

// closedEnum reports whether an enum type rejects other values: its
// checks hold an EnumOf (x-known-values has none).
func closedEnum(t *ir.Type) bool {
	if t.Checks == nil {
		return false
	}
	for _, ch := range t.Checks.Checks {
		if _, ok := ch.(*ir.EnumOf); ok {
			return true
		}
	}
	return false
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

// checkValues compares the row's value list with the schema's.
func (c *checker) checkValues(u *unit, mb *member, r *rstdoc.Row) {
	list, key := schemaValues(mb.typ)
	vals := minus(r.Values, boundNotes(r.Description))
	if !r.IsObject && list == nil {
		switch r.Type {
		case "Boolean":
			// true and false are the type's own values, not a list.
			if len(minus(vals, []string{"true", "false"})) == 0 {
				vals = nil
			}
		case "Integer", "Long", "Number", "Float", "Double":
			// Numbers a numeric row names ("-1: no limit") are special
			// values, not a closed list.
			if !slices.ContainsFunc(vals, func(v string) bool { return !isNumber(v) }) {
				vals = nil
			}
		}
	}
	if mb.valuesFrom == "examples" {
		c.valuesFromExamples(u, mb, r, vals, list)
		return
	}
	switch {
	case len(vals) > 0 && list == nil:
		c.diff(u, mb, r.Line, KindValues, ir.DevValueReading,
			fmt.Sprintf("%s: the page lists the values %s; the schema has no value list (enum or x-known-values)", mb.qual(), quoteList(vals)))
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
		c.diff(u, mb, r.Line, KindValues, ir.DevValueReading,
			fmt.Sprintf("%s: the page lists %s; the schema's %s is %s: %s", mb.qual(), quoteList(vals), key, quoteList(list), strings.Join(parts, "; ")))
	case list != nil && !c.siblingList(mb, list):
		c.diff(u, mb, r.Line, KindValues, ir.DevValueReading,
			fmt.Sprintf("%s: the schema's %s is %s; the page lists no values for it", mb.qual(), key, quoteList(list)))
	}
}

// boundNotesRe matches the bounds notes of older pages ("Minimum:
// **3**", "Maximum: **200**", "Array Length: **0 - 100**"), whose bold
// numbers the reader takes for values.
var boundNotesRe = regexp.MustCompile(`(?i)\b(?:minimum|maximum|array length)\s*:\s*(-?\d+(?:\s*-\s*-?\d+)?)`)

// boundNotes returns the numbers of the bounds notes of a description:
// they are bounds (compared by checkBounds), not values.
func boundNotes(desc string) []string {
	var out []string
	for _, m := range boundNotesRe.FindAllStringSubmatch(desc, -1) {
		out = append(out, m[1])
	}
	return out
}

// siblingList reports whether list is the value list the pages give for a
// field of the same name in another table: the values its row lists, or,
// when that field's list comes from the examples, its schema list. A
// response field may carry the values its request field documents.
func (c *checker) siblingList(mb *member, list []string) bool {
	for _, u := range c.units {
		for _, other := range u.m.members {
			if other.name != mb.name || other == mb || other.m == mb.m {
				continue
			}
			r := u.rows[other]
			if r == nil {
				continue
			}
			olist, _ := schemaValues(other.typ)
			if len(r.Values) > 0 && (sameSet(r.Values, list) || sameSet(olist, list)) {
				return true
			}
			if other.valuesFrom == "examples" && sameSet(olist, list) {
				return true
			}
		}
	}
	return false
}

// valuesFromExamples checks a value list the schema takes from the page's
// examples (x-doc-values-from: examples): the row lists none, the schema
// has a list, and some example sends the field. Whether every value an
// example sends is in the list is the examples' check.
func (c *checker) valuesFromExamples(u *unit, mb *member, r *rstdoc.Row, vals, list []string) {
	switch {
	case len(vals) > 0:
		f := c.diff(u, mb, r.Line, KindValues, "",
			fmt.Sprintf("%s: x-doc-values-from: examples, but the row lists the values %s now; compare with them instead", mb.qual(), quoteList(vals)))
		f.Status = StatusStale
	case list == nil:
		c.diff(u, mb, r.Line, KindValues, "",
			fmt.Sprintf("%s: x-doc-values-from: examples, but the schema has no value list (enum or x-known-values)", mb.qual()))
	case !slices.ContainsFunc(c.visits, func(v visit) bool { return v.field == mb.field }):
		c.diff(u, mb, r.Line, KindValues, "",
			fmt.Sprintf("%s: x-doc-values-from: examples, but no example of the pages sends it", mb.qual()))
	}
}

// defaultText returns a default given as JSON text as the page would
// write it: strings without quotes.
func defaultText(def string) string {
	if s, err := strconv.Unquote(def); err == nil && strings.HasPrefix(def, `"`) {
		return s
	}
	return def
}

// checkDefault compares the row's default with the schema's.
func (c *checker) checkDefault(u *unit, mb *member, r *rstdoc.Row) {
	def := defaultText(mb.def)
	switch {
	case r.Default == "" && mb.def == "":
	case mb.def == "":
		c.diff(u, mb, r.Line, KindDefault, "", fmt.Sprintf("%s: the page gives the default %q; the schema has none", mb.qual(), r.Default))
	case r.Default == "":
		c.diff(u, mb, r.Line, KindDefault, "", fmt.Sprintf("%s: the schema has the default %s; the page gives none", mb.qual(), mb.def))
	case def == r.Default:
	default:
		if a, errA := strconv.ParseFloat(r.Default, 64); errA == nil {
			if b, errB := strconv.ParseFloat(def, 64); errB == nil && a == b {
				return
			}
		}
		c.diff(u, mb, r.Line, KindDefault, "", fmt.Sprintf("%s: the page gives the default %q; the schema has %s", mb.qual(), r.Default, mb.def))
	}
}

// bound is one number the schema bounds a value with.
type bound struct {
	what  string // "minimum", "maxLength"...
	op    string
	limit string // as the row must name it: "50", "0.95"
}

// bounds lists the bounds of a type's own checks (and of its items'):
// the numbers a row must name.
func bounds(t *ir.Type) []bound {
	var out []bound
	for ; t != nil; t = t.Elem {
		if t.Checks == nil {
			continue
		}
		for _, ch := range t.Checks.Checks {
			switch ch := ch.(type) {
			case *ir.IntBound:
				out = append(out, bound{keyword(ch.Pointer), ch.Op, strconv.FormatInt(ch.Limit, 10)})
			case *ir.NumBound:
				out = append(out, bound{keyword(ch.Pointer), ch.Op, ch.Limit})
			case *ir.Length:
				if ch.Min > 0 {
					out = append(out, bound{"minLength", ">=", strconv.FormatInt(ch.Min, 10)})
				}
				if ch.Max >= 0 {
					out = append(out, bound{"maxLength", "<=", strconv.FormatInt(ch.Max, 10)})
				}
			case *ir.ItemCount:
				if ch.Min > 0 {
					out = append(out, bound{"minItems", ">=", strconv.FormatInt(ch.Min, 10)})
				}
				if ch.Max >= 0 {
					out = append(out, bound{"maxItems", "<=", strconv.FormatInt(ch.Max, 10)})
				}
			}
		}
		if t.Kind != ir.Array {
			break
		}
	}
	return out
}

// keyword is the last step of a schema pointer.
func keyword(ptr string) string {
	return ptr[strings.LastIndexByte(ptr, '/')+1:]
}

// checkBounds reports the schema's bounds the row's text does not name:
// the reader does not parse ranges, so each bound's number must appear in
// the description ("1 to 50", "Maximum: 64", "at least 2").
func (c *checker) checkBounds(u *unit, mb *member, r *rstdoc.Row) {
	for _, b := range bounds(mb.typ) {
		n := b.limit
		re := regexp.MustCompile(`(^|[^0-9.])` + regexp.QuoteMeta(n) + `([^0-9]|$)`)
		if !re.MatchString(r.Description) {
			c.diff(u, mb, r.Line, KindBound, ir.DevValueReading,
				fmt.Sprintf("%s: the schema bounds it with %s %s (%s), but the row does not name %s", mb.qual(), b.op, n, b.what, n))
		}
	}
}

// checkParamRules compares a parameter's Mandatory cell with required,
// and reports its conditional sentences as unchecked: the schema has no
// rules on parameters beyond required.
func (c *checker) checkParamRules(u *unit, mb *member, r *rstdoc.Row) {
	if u.request {
		switch {
		case r.Mandatory == "Yes" && !mb.required:
			c.diff(u, mb, r.Line, KindMandatory, ir.DevNotRequired,
				fmt.Sprintf("%s: the page makes it mandatory; the schema does not require it", mb.qual()))
		case r.Mandatory == "No" && mb.required:
			c.diff(u, mb, r.Line, KindMandatory, "",
				fmt.Sprintf("%s: the schema requires it; the page marks it not mandatory", mb.qual()))
		}
	}
	for _, cd := range r.Conditions {
		if !u.request && cd.Effect == rstdoc.EffectDisplayed {
			continue
		}
		c.unchecked(u, mb, cd.Line, cd.Text, "the schema has no conditional rules on parameters")
	}
	for _, s := range r.Unread {
		c.unchecked(u, mb, s.Line, s.Text, "no phrasing reads it")
	}
}

// unchecked reports a sentence doccheck cannot check.
func (c *checker) unchecked(u *unit, mb *member, line int, text, why string) {
	c.diff(u, mb, line, KindUnchecked, ir.DevUncheckedRule, fmt.Sprintf("%s: %q is not checked: %s", mb.qual(), text, why))
}
