package draft

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/names"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// The integer formats and their ranges.
var (
	int32Range = [2]string{strconv.Itoa(math.MinInt32), strconv.Itoa(math.MaxInt32)}
	int64Range = [2]string{strconv.FormatInt(math.MinInt64, 10), strconv.FormatInt(math.MaxInt64, 10)}
)

// mapTypeRe reads a Type cell "Map<String,X>".
var mapTypeRe = regexp.MustCompile(`(?i)^map\s*<\s*string\s*,\s*([a-z]+)\s*>$`)

// rowSchema returns the schema of row r of component c (nil for a query
// parameter) and the to-dos it raises: the documented type, value list,
// default and, for request rows, the range the prose states.
func (d *drafter) rowSchema(c *component, r *rstdoc.Row, query bool) (*shape, []Todo) {
	request := query || c.request
	var todos []Todo
	todo := func(kind, format string, args ...any) {
		todos = append(todos, Todo{Line: r.Line, Kind: kind, Text: fmt.Sprintf(format, args...)})
	}
	base, isArray := r.Type, r.IsArray
	if !isArray && !r.IsObject {
		if t, ok := strings.CutSuffix(base, " array"); ok {
			base, isArray = t, true
			todo(ir.TodoUnsupported, "the Type cell says %s; doccheck reads only \"Array of X\" as an array: the draft makes it one, accept the cell with x-doc-deviation (type)", r.Type)
		}
	}
	var s *shape
	switch {
	case r.IsObject || r.Ref != "":
		owner := c
		if owner == nil {
			// A query parameter: a table of the page it links to.
			owner = &component{page: d.page}
		}
		_, lt := d.target(owner, r)
		lc := d.comps[lt]
		switch {
		case lc != nil && !query:
			s = &shape{ref: lc}
		case query:
			s = &shape{typ: "string"}
			todo(ir.TodoUnsupported, "the Type cell says %s, but a query parameter is a scalar or an array of scalars: the draft says string", rowType(r))
		case strings.EqualFold(base, "object") && r.Ref == "":
			s = &shape{typ: "object", values: &shape{typ: "string"}}
			todo(ir.TodoUnsupported, "the Type cell says Object and links to no table: the draft reads a map of strings; decide its members")
		default:
			s = &shape{typ: "object", values: &shape{typ: "string"}}
			todo(ir.TodoUnsupported, "the Type cell links to %s, which the draft cannot find: the draft reads a map of strings", cmp.Or(r.Ref, base))
		}
	case mapTypeRe.MatchString(base) && query:
		s = &shape{typ: "string"}
		todo(ir.TodoUnsupported, "the Type cell says %s, but a query parameter is a scalar or an array of scalars: the draft says string", r.Type)
	case mapTypeRe.MatchString(base):
		elem := scalarShape(mapTypeRe.FindStringSubmatch(base)[1])
		if elem == nil {
			elem = &shape{typ: "string"}
			todo(ir.TodoUnsupported, "the draft cannot read the values of the Type cell %s: it says a map of strings", r.Type)
		}
		s = &shape{typ: "object", values: elem}
	default:
		s = scalarShape(base)
		if s == nil {
			s = &shape{typ: "string"}
			todo(ir.TodoUnsupported, "the draft cannot read the Type cell %q: it says string", r.Type)
		}
	}
	scalar := s.ref == nil && s.values == nil
	values(s, r, request, todo)
	if scalar && !isArray {
		defaultOf(s, r, todo)
		if request {
			rangeOf(s, r, todo)
		}
	} else if r.Default != "" {
		todo(ir.TodoUnsupported, "the row gives the default %q for an array, object or map: model it by hand, or accept it with x-doc-deviation", r.Default)
	}
	if isArray {
		s = &shape{typ: "array", items: s}
	}
	return s, todos
}

// scalarShape maps a scalar type name of the pages to a shape, nil for
// one it does not know.
func scalarShape(t string) *shape {
	switch strings.ToLower(t) {
	case "string", "strings":
		return &shape{typ: "string"}
	case "integer", "integers", "int":
		return &shape{typ: "integer", format: "int32", min: int32Range[0], max: int32Range[1]}
	case "long", "longs":
		return &shape{typ: "integer", format: "int64", min: int64Range[0], max: int64Range[1]}
	case "boolean", "booleans", "bool":
		return &shape{typ: "boolean"}
	case "number", "numbers":
		return &shape{typ: "number"}
	case "float", "floats":
		return &shape{typ: "number", format: "float"}
	case "double", "doubles":
		return &shape{typ: "number", format: "double"}
	}
	return nil
}

// boundNotesRe matches the bounds notes of older pages ("Minimum: **3**"),
// whose bold numbers the reader takes for values (as doccheck does).
var boundNotesRe = regexp.MustCompile(`(?i)\b(?:minimum|maximum|array length)\s*:\s*(-?\d+(?:\s*-\s*-?\d+)?)`)

// values sets the value list of s (of its items, for an array) from the
// row's: an enum in a request, x-known-values in a response. Lists of
// true and false on a boolean, and of numbers on a number, are the type's
// own or special values, not a list.
func values(s *shape, r *rstdoc.Row, request bool, todo func(kind, format string, args ...any)) {
	var notes []string
	for _, m := range boundNotesRe.FindAllStringSubmatch(r.Description, -1) {
		notes = append(notes, m[1])
	}
	var vals []string
	for _, v := range r.Values {
		if !slices.Contains(notes, v) && !slices.Contains(vals, v) {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return
	}
	switch {
	case s.ref != nil || s.values != nil:
		todo(ir.TodoContradiction, "the row names the values %s for an object: decide what they mean", quoteList(vals))
	case s.typ == "boolean":
		if len(minus(vals, []string{"true", "false"})) > 0 {
			todo(ir.TodoContradiction, "the row names the values %s for a Boolean: decide the type", quoteList(vals))
		}
	case s.typ == "integer" || s.typ == "number":
		if slices.ContainsFunc(vals, func(v string) bool { _, err := strconv.ParseFloat(v, 64); return err != nil }) {
			todo(ir.TodoContradiction, "the row names the values %s for a number: decide the type", quoteList(vals))
		}
	case request:
		s.enum = vals
	default:
		s.known = vals
	}
}

// defaultOf sets the default of s from the row's, in its JSON type.
func defaultOf(s *shape, r *rstdoc.Row, todo func(kind, format string, args ...any)) {
	def := r.Default
	if def == "" {
		return
	}
	bad := func() {
		todo(ir.TodoContradiction, "the row gives the default %q, which is not a %s: decide", def, s.typ)
	}
	switch s.typ {
	case "string":
		s.def = &jsonValue{kind: jsonString, str: def}
		list := append(slices.Clone(s.enum), s.known...)
		if len(list) > 0 && !slices.Contains(list, def) {
			todo(ir.TodoContradiction, "the default %q is not one of the listed values %s: decide", def, quoteList(list))
		}
	case "boolean":
		if def != "true" && def != "false" {
			bad()
			return
		}
		s.def = &jsonValue{kind: jsonBool, str: def}
	case "integer":
		n, err := strconv.ParseInt(def, 10, 64)
		lo, _ := strconv.ParseInt(s.min, 10, 64)
		hi, _ := strconv.ParseInt(s.max, 10, 64)
		if err != nil || n < lo || n > hi {
			bad()
			return
		}
		s.def = &jsonValue{kind: jsonNumber, str: def}
	case "number":
		if _, err := strconv.ParseFloat(def, 64); err != nil {
			bad()
			return
		}
		s.def = &jsonValue{kind: jsonNumber, str: def}
	}
}

// Ranges in prose: "Value range: 1 to 3", "1-200", "The value ranges
// from 1 to 50", "between 1 and 10", and one-sided "must be greater than
// or equal to 0", "Minimum: 3".
var (
	num      = `(-?\d+)`
	rangeRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\bvalue range(?: is)?\s*:?\s*(?:from\s+)?` + num + `\s*(?:-|–|~|to)\s*` + num),
		regexp.MustCompile(`(?i)\branges? from ` + num + ` to ` + num),
		regexp.MustCompile(`(?i)\bbetween ` + num + ` and ` + num),
	}
	minRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\b(?:must be|is) (?:greater than or equal to|at least|no less than|not less than) ` + num),
		regexp.MustCompile(`(?i)\bminimum(?: value)?\s*:\s*` + num),
	}
	maxRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\b(?:must be|is) (?:less than or equal to|at most|no greater than|not greater than|no more than) ` + num),
		regexp.MustCompile(`(?i)\bmaximum(?: value)?\s*:\s*` + num),
	}
)

// rangeOf narrows the bounds of a number from the range the row's prose
// states outside its conditional sentences. Several different ranges are
// a to-do, and so is one outside the type.
func rangeOf(s *shape, r *rstdoc.Row, todo func(kind, format string, args ...any)) {
	if s.typ != "integer" && s.typ != "number" {
		return
	}
	text := r.Description
	for _, c := range r.Conditions {
		text = strings.ReplaceAll(text, c.Text, "")
	}
	for _, u := range r.Unread {
		text = strings.ReplaceAll(text, u.Text, "")
	}
	var lows, highs []string
	collect := func(res []*regexp.Regexp, groups []int, out ...*[]string) {
		for _, re := range res {
			for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
				for i, g := range groups {
					lit := text[m[2*g]:m[2*g+1]]
					if end := m[2*g+1]; end+1 < len(text) && strings.ContainsRune(",.", rune(text[end])) && text[end+1] >= '0' && text[end+1] <= '9' {
						lit = "" // 300,000 or 1.5: not a whole number written plainly
					}
					*out[i] = append(*out[i], lit)
				}
			}
		}
	}
	collect(rangeRes, []int{1, 2}, &lows, &highs)
	collect(minRes, []int{1}, &lows)
	collect(maxRes, []int{1}, &highs)
	lows, highs = uniq(lows), uniq(highs)
	if len(lows) == 0 && len(highs) == 0 {
		return
	}
	if len(lows) > 1 || len(highs) > 1 || slices.Contains(lows, "") || slices.Contains(highs, "") {
		todo(ir.TodoUnsupported, "the prose states more than one range, or one the draft cannot read: write the bounds by hand")
		return
	}
	lo, hi := s.min, s.max
	if len(lows) == 1 {
		lo = lows[0]
	}
	if len(highs) == 1 {
		hi = highs[0]
	}
	if s.typ == "number" {
		if lo != "" && len(lows) == 1 {
			s.min = lo
		}
		if hi != "" && len(highs) == 1 {
			s.max = hi
		}
		return
	}
	l, errL := strconv.ParseInt(lo, 10, 64)
	h, errH := strconv.ParseInt(hi, 10, 64)
	fl, _ := strconv.ParseInt(s.min, 10, 64)
	fh, _ := strconv.ParseInt(s.max, 10, 64)
	if errL != nil || errH != nil || l > h || l < fl || h > fh {
		todo(ir.TodoContradiction, "the prose states the range %s to %s, which does not fit the Type cell %s: decide", lo, hi, r.Type)
		return
	}
	s.min, s.max = lo, hi
	if s.def != nil {
		if n, err := strconv.ParseInt(s.def.str, 10, 64); err == nil && (n < l || n > h) {
			todo(ir.TodoContradiction, "the default %s is outside the range %s to %s the prose states: decide", s.def.str, lo, hi)
		}
	}
}

func uniq(vs []string) []string {
	var out []string
	for _, v := range vs {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func minus(a, b []string) []string {
	var out []string
	for _, v := range a {
		if !slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}

func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// enumNames decides the Go names of the enums, as the builder will: an
// enum is named after its property (its items: property_item, its
// parameter: the parameter), and enums of one name must list the same
// values. An enum whose name is taken, or whose constants clash, gets
// x-go-type-name; values that give no constant names get x-enum-varnames.
func (d *drafter) enumNames() {
	visit := func(owner, prop string, s *shape) {
		for s != nil {
			list := s.enum
			if list == nil {
				list = s.known
			}
			if list != nil {
				d.nameEnum(owner, prop, s, list)
			}
			if s.items == nil {
				return
			}
			s, prop = s.items, prop+"_item"
		}
	}
	op := d.doc.op
	for _, p := range op.params {
		visit(names.Go(op.id), p.name, p.schema)
	}
	for _, c := range d.doc.comps {
		for _, p := range c.props {
			visit(c.name, p.name, p.schema)
		}
	}
}

// nameEnum names the enum of property prop of owner, with values list.
func (d *drafter) nameEnum(owner, prop string, s *shape, list []string) {
	suffixes := make([]string, len(list))
	fixed := false
	seen := map[string]bool{}
	for i, v := range list {
		sfx := names.Go(v)
		if sfx == "" {
			sfx, fixed = "Value"+strconv.Itoa(i+1), true
		}
		for seen[sfx] {
			sfx, fixed = sfx+strconv.Itoa(i+1), true
		}
		seen[sfx] = true
		suffixes[i] = sfx
	}
	if fixed {
		s.varNames = suffixes
	}
	key := strings.Join(list, "\x00") + "\x01" + strings.Join(suffixes, "\x00")
	natural := names.Go(prop)
	candidates := []string{natural, owner + natural}
	for i := 2; i < 100; i++ {
		candidates = append(candidates, owner+natural+strconv.Itoa(i))
	}
	for _, name := range candidates {
		if prev, ok := d.enums[name]; ok {
			if prev == key {
				d.setEnumName(s, name, natural)
				return
			}
			continue
		}
		if !d.enumFree(name, suffixes) {
			continue
		}
		d.enums[name] = key
		d.taken[name] = "enum"
		for _, sfx := range suffixes {
			d.taken[name+sfx] = "enum constant"
		}
		d.setEnumName(s, name, natural)
		return
	}
}

func (d *drafter) setEnumName(s *shape, name, natural string) {
	if name != natural {
		s.goTypeName = name
	}
}

// enumFree reports whether an enum may take name: it and its constants
// are free.
func (d *drafter) enumFree(name string, suffixes []string) bool {
	if !names.Valid(name) {
		return false
	}
	if _, ok := d.taken[name]; ok {
		return false
	}
	for _, sfx := range suffixes {
		c := name + sfx
		if _, ok := d.taken[c]; ok || !names.Valid(c) {
			return false
		}
	}
	return true
}
