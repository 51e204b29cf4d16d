package doccheck

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// Rule kinds: what a requirement says about its fields.
const (
	ruleRequired    = "required"     // the field must be given
	ruleEither      = "either"       // exactly one of the fields (oneOf of single required)
	ruleNotEmpty    = "not-empty"    // at least one of the fields (anyOf of single required)
	ruleNotTogether = "not-together" // not all of the fields (not: required)
	ruleForbidden   = "forbidden"    // the field must not be given (not: required, under a condition)
)

// Condition operators.
const (
	opIs    = "is"    // the field is given with one of the values
	opNot   = "not"   // the field is not given with one of the values (it may be absent)
	opGiven = "given" // the field is given
)

// cond is one test a requirement depends on: a field of obj.
type cond struct {
	obj    *ir.Object
	field  *ir.Field
	op     string
	values []string // sorted; one value for opIs once expanded
}

func (c cond) key() string {
	return c.obj.Name + "." + c.field.JSONName + " " + c.op + " " + strings.Join(c.values, "|")
}

func (c cond) text() string {
	switch c.op {
	case opGiven:
		return c.field.JSONName + " is set"
	case opNot:
		return c.field.JSONName + " is not " + strings.Join(c.values, " or ") + " (or is unset)"
	}
	return c.field.JSONName + " is " + strings.Join(c.values, " or ")
}

// ctx is a conjunction of conditions, sorted by key; empty means always.
type ctx []cond

func newCtx(cs ...cond) ctx {
	out := slices.Clone(cs)
	slices.SortFunc(out, func(a, b cond) int { return strings.Compare(a.key(), b.key()) })
	return slices.CompactFunc(out, func(a, b cond) bool { return a.key() == b.key() })
}

func (x ctx) key() string {
	parts := make([]string, len(x))
	for i, c := range x {
		parts[i] = c.key()
	}
	return strings.Join(parts, " & ")
}

// text describes x: "when source_type is X and ...", or "always".
func (x ctx) text() string {
	if len(x) == 0 {
		return "always"
	}
	parts := make([]string, len(x))
	for i, c := range x {
		parts[i] = c.text()
	}
	return "when " + strings.Join(parts, " and ")
}

// rule is a requirement of a page or of the schema.
type rule struct {
	kind   string
	obj    *ir.Object
	fields []*ir.Field // sorted by name
	ctx    ctx
	// Page rules: the line of the sentence or row; implied is set on a
	// rule that follows from the rules of the fields of an object the
	// field holds.
	line    int
	page    string
	implied bool
	// Schema rules: the position of the subschema with the keyword.
	pos ir.Pos
}

func (r rule) fieldNames() string {
	names := make([]string, len(r.fields))
	for i, f := range r.fields {
		names[i] = f.JSONName
	}
	return strings.Join(names, ", ")
}

func (r rule) groupKey() string {
	return r.kind + "|" + r.obj.Name + "|" + r.fieldNames()
}

func sortFields(fs []*ir.Field) []*ir.Field {
	out := slices.Clone(fs)
	slices.SortFunc(out, func(a, b *ir.Field) int { return strings.Compare(a.JSONName, b.JSONName) })
	return slices.Compact(out)
}

// normalize writes a forbidden rule the same way on both sides: a field
// forbidden while another is given, or while a boolean is true, is "not
// both" of them; "not all of" two or more fields is not-together.
func normalize(r rule) rule {
	if r.kind != ruleForbidden && r.kind != ruleNotTogether {
		return r
	}
	fields := slices.Clone(r.fields)
	var rest ctx
	for _, cd := range r.ctx {
		if cd.obj == r.obj && (cd.op == opGiven || cd.op == opIs && cd.field.Type.Kind == ir.Bool && slices.Equal(cd.values, []string{"true"})) {
			fields = append(fields, cd.field)
			continue
		}
		rest = append(rest, cd)
	}
	fields = sortFields(fields)
	if len(fields) > 1 {
		r.kind, r.fields, r.ctx = ruleNotTogether, fields, rest
	}
	return r
}

// expand turns conditions with several values into one context per
// combination of values: "a is x or y" is the union of "a is x" and "a
// is y".
func expand(conds []cond) []ctx {
	out := []ctx{nil}
	for _, cd := range conds {
		if cd.op != opIs || len(cd.values) <= 1 {
			for i := range out {
				out[i] = append(slices.Clone(out[i]), cd)
			}
			continue
		}
		var next []ctx
		for _, x := range out {
			for _, v := range cd.values {
				one := cd
				one.values = []string{v}
				next = append(next, append(slices.Clone(x), one))
			}
		}
		out = next
	}
	for i := range out {
		out[i] = newCtx(out[i]...)
	}
	return out
}

// Page rules.

// pageRules reads the requirements the pages state in the rows of the
// request tables objects model, and reports every conditional sentence of
// those rows it cannot map as unchecked.
func (c *checker) pageRules() []rule {
	var rules []rule
	seen := map[string]bool{}
	add := func(r rule) {
		r = normalize(r)
		k := r.groupKey() + "|" + r.ctx.key()
		if !seen[k] {
			seen[k] = true
			rules = append(rules, r)
		}
	}
	for _, u := range c.units {
		if u.m.obj == nil {
			continue // parameters: checkParamRules
		}
		for _, mb := range u.m.members {
			r := u.rows[mb]
			if r == nil {
				continue
			}
			if !u.request {
				// Responses are read leniently: a response row's
				// sentences ("displayed only when", "left blank if")
				// say when the service sends a field, no rule a
				// request breaks.
				continue
			}
			c.rowRules(u, mb, r, add)
		}
	}
	// A field mandatory under a condition on an object that holds its
	// object makes the field that holds it mandatory under that condition
	// too.
	for _, r := range slices.Clone(rules) {
		if r.kind != ruleRequired && r.kind != ruleEither {
			continue
		}
		byObj := map[*ir.Object][]cond{}
		for _, cd := range r.ctx {
			if cd.obj != r.obj {
				byObj[cd.obj] = append(byObj[cd.obj], cd)
			}
		}
		for _, h := range c.holders[r.obj] {
			conds, ok := byObj[h.obj]
			if !ok {
				continue
			}
			if _, row := c.rowOf(h.obj, h.field); row != nil {
				add(rule{kind: ruleRequired, obj: h.obj, fields: []*ir.Field{h.field}, ctx: newCtx(conds...), line: r.line, page: r.page, implied: true})
			}
		}
	}
	return rules
}

// rowRules reads the requirements of one request row: its Mandatory cell
// and each of its conditions, mapped to the schema's fields and values.
func (c *checker) rowRules(u *unit, mb *member, r *rstdoc.Row, add func(rule)) {
	obj, f := u.m.obj, mb.field
	base := rule{obj: obj, fields: []*ir.Field{f}, line: r.Line, page: u.page.Name}
	// mandatory are the contexts the row is required in, each with the
	// line of the sentence (or row) that says so.
	type when struct {
		x    ctx
		line int
	}
	var mandatory []when
	if r.Mandatory == "Yes" {
		mandatory = append(mandatory, when{nil, r.Line})
	}
	var either []rstdoc.Condition
	for _, cd := range r.Conditions {
		at := base
		at.line = cd.Line
		fail := func(err error) { c.unchecked(u, mb, cd.Line, cd.Text, err.Error()) }
		switch phrasingMapping(cd.Phrasing) {
		case mapType:
			x, err := c.typeCond(obj, cd)
			if err != nil {
				fail(err)
				continue
			}
			mandatory = append(mandatory, when{x, cd.Line})
		case mapWhen:
			conds, err := c.whenConds(obj, cd.When)
			if err != nil {
				fail(err)
				continue
			}
			if cd.Effect == rstdoc.EffectMandatory {
				for _, x := range expand(conds) {
					mandatory = append(mandatory, when{x, cd.Line})
				}
			}
			if cd.Effect == rstdoc.EffectForbidden {
				for _, x := range expand(conds) {
					at.kind, at.ctx = ruleForbidden, x
					add(at)
				}
			}
			if cd.Otherwise == rstdoc.OtherwiseForbidden {
				neg, err := negate(conds)
				if err != nil {
					fail(err)
					continue
				}
				at.kind, at.ctx = ruleForbidden, neg
				add(at)
			}
		case mapEither:
			either = append(either, cd)
		case mapNotTogether:
			fields, err := mapLabels(obj, cd.Fields)
			if err != nil {
				fail(err)
				continue
			}
			at.kind, at.fields = ruleNotTogether, fields
			add(at)
		case mapNotEmpty:
			fields, err := fieldsNamed(obj, cd.Fields)
			if err != nil {
				fail(err)
				continue
			}
			at.kind, at.fields = ruleNotEmpty, fields
			add(at)
		case mapCase:
			fail(fmt.Errorf("its case (%s) names no field the schema could test", cd.Case))
		case mapDisplayed:
			fail(errors.New("a \"displayed only when\" sentence in a request table is not a rule on the request"))
		default:
			fail(fmt.Errorf("doccheck has no mapping for the phrasing %q", cd.Phrasing))
		}
	}
	for _, s := range r.Unread {
		c.unchecked(u, mb, s.Line, s.Text, "no phrasing reads it")
	}
	if len(either) == 0 {
		for _, m := range mandatory {
			at := base
			at.kind, at.ctx, at.line = ruleRequired, m.x, m.line
			add(at)
		}
		return
	}
	if len(mandatory) == 0 {
		mandatory = append(mandatory, when{nil, r.Line})
	}
	for _, cd := range either {
		fields, err := fieldsNamed(obj, cd.Fields)
		if err == nil && !slices.Contains(fields, f) {
			err = fmt.Errorf("it names %s, not this field", strings.Join(cd.Fields, ", "))
		}
		if err != nil {
			c.unchecked(u, mb, cd.Line, cd.Text, err.Error())
			continue
		}
		for _, m := range mandatory {
			at := base
			at.kind, at.fields, at.ctx, at.line = ruleEither, fields, m.x, cd.Line
			add(at)
		}
	}
}

// How a phrasing maps to the schema's rules (see phrasingMapping).
const (
	mapUnknown     = ""             // no mapping: the sentence is reported as unchecked
	mapType        = "type"         // a condition on the source or target type field of an object that holds the row's
	mapWhen        = "when"         // tests on named fields; Effect and Otherwise say what holds
	mapEither      = "either"       // oneOf of single required fields
	mapNotTogether = "not-together" // not: required, or if a then not b
	mapNotEmpty    = "not-empty"    // anyOf of single required fields
	mapCase        = "case"         // a case in words: no field to test, always unchecked
	mapDisplayed   = "displayed"    // a response field's presence: no rule (responses are lenient)
)

// phrasingMapping returns how the sentences of a phrasing (rstdoc's
// Phrasing IDs) map to rules. It has a case for every phrasing rstdoc
// reads; TestEveryPhrasingIsMapped holds it to rstdoc.Phrasings().
func phrasingMapping(id string) string {
	switch id {
	case rstdoc.PhrasingMandatoryOnlyWhenType:
		return mapType
	case rstdoc.PhrasingMandatoryWhen, rstdoc.PhrasingValidMandatoryWhen, rstdoc.PhrasingValidOnlyWhen,
		rstdoc.PhrasingInvalidWhen, rstdoc.PhrasingInvalidIfGiven:
		return mapWhen
	case rstdoc.PhrasingEitherOf:
		return mapEither
	case rstdoc.PhrasingNotTogether:
		return mapNotTogether
	case rstdoc.PhrasingNotEmptyTogether:
		return mapNotEmpty
	case rstdoc.PhrasingMandatoryInCase, rstdoc.PhrasingAvailableOnlyWhen:
		return mapCase
	case rstdoc.PhrasingDisplayedOnlyWhenType:
		return mapDisplayed
	}
	return mapUnknown
}

// fieldsNamed returns the fields of obj with the names, sorted.
func fieldsNamed(obj *ir.Object, names []string) ([]*ir.Field, error) {
	var out []*ir.Field
	for _, n := range names {
		f := fieldByName(obj, n)
		if f == nil {
			return nil, fmt.Errorf("%s has no field %s", obj.Name, n)
		}
		out = append(out, f)
	}
	return sortFields(out), nil
}

// negate returns "not (conds)" as a context: only a single "is" test can
// be negated into one.
func negate(conds []cond) (ctx, error) {
	if len(conds) != 1 || conds[0].op != opIs {
		return nil, errors.New("its \"otherwise\" is not a single field having a value, which doccheck can compare")
	}
	neg := conds[0]
	neg.op = opNot
	return ctx{neg}, nil
}

var wordSplitRe = regexp.MustCompile(`[^A-Za-z0-9]+`)

func words(s string) []string {
	var out []string
	for _, w := range wordSplitRe.Split(strings.ToLower(s), -1) {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// typeCond maps "Mandatory only when the source type is X [and the ...
// is Y]" on a row of obj to conditions: the source (target) type is the
// source_type (target_type or sink_type) field, with a value list, of an
// object that holds obj, and X is the one value of that list that has X's
// words ("Redis" is REDIS_REPLICATOR_SOURCE). Each "and the ... is Y"
// clause is the field of obj, else of that object, whose value list has
// Y.
func (c *checker) typeCond(obj *ir.Object, cd rstdoc.Condition) (ctx, error) {
	names := []string{"source_type"}
	if cd.Subject == "target" {
		names = []string{"target_type", "sink_type"}
	}
	type owner struct {
		obj   *ir.Object
		field *ir.Field
	}
	var owners []owner
	for _, o := range c.owners(obj) {
		for _, n := range names {
			if f := fieldByName(o, n); f != nil {
				if list, _ := schemaValues(f.Type); len(list) > 0 {
					owners = append(owners, owner{o, f})
				}
			}
		}
	}
	switch len(owners) {
	case 0:
		return nil, fmt.Errorf("no object that holds %s has a %s field with a value list", obj.Name, strings.Join(names, " or "))
	case 1:
	default:
		return nil, fmt.Errorf("several objects that hold %s have a %s field", obj.Name, strings.Join(names, " or "))
	}
	o := owners[0]
	list, _ := schemaValues(o.field.Type)
	want := words(cd.Value)
	var hits []string
	for _, v := range list {
		have := words(v)
		all := len(want) > 0
		for _, w := range want {
			all = all && slices.Contains(have, w)
		}
		if all {
			hits = append(hits, v)
		}
	}
	if len(hits) != 1 {
		return nil, fmt.Errorf("the %s type %q matches %d of the values %s of %s.%s", cd.Subject, cd.Value, len(hits), quoteList(list), o.obj.Name, o.field.JSONName)
	}
	conds := []cond{{obj: o.obj, field: o.field, op: opIs, values: hits}}
	for _, cl := range cd.And {
		var found []cond
		for _, cand := range []*ir.Object{obj, o.obj} {
			for _, f := range cand.Fields {
				if l, _ := schemaValues(f.Type); slices.Contains(l, cl.Value) {
					found = append(found, cond{obj: cand, field: f, op: opIs, values: []string{cl.Value}})
				}
			}
			if len(found) > 0 {
				break
			}
		}
		if len(found) != 1 {
			return nil, fmt.Errorf("%d fields of %s have %q in their value list (the %s of the clause)", len(found), obj.Name, cl.Value, cl.Subject)
		}
		conds = append(conds, found[0])
	}
	return newCtx(conds...), nil
}

// whenConds maps the tests of a condition ("when mode is set to fast",
// "if a and b are not empty") to conditions on fields of obj, else of an
// object that holds it.
func (c *checker) whenConds(obj *ir.Object, tests []rstdoc.Test) ([]cond, error) {
	if len(tests) == 0 {
		return nil, errors.New("it tests no field")
	}
	var conds []cond
	for _, t := range tests {
		holder, f := obj, fieldByName(obj, t.Field)
		for _, o := range c.owners(obj) {
			if f != nil {
				break
			}
			holder, f = o, fieldByName(o, t.Field)
		}
		if f == nil {
			return nil, fmt.Errorf("neither %s nor an object that holds it has a field %s", obj.Name, t.Field)
		}
		if t.Op == rstdoc.OpGiven {
			conds = append(conds, cond{obj: holder, field: f, op: opGiven})
			continue
		}
		list, _ := schemaValues(f.Type)
		if f.Type.Kind == ir.Bool {
			list = []string{"true", "false"}
		}
		for _, v := range t.Values {
			if list != nil && !slices.Contains(list, v) {
				return nil, fmt.Errorf("%s is not a value of %s.%s (%s)", v, holder.Name, f.JSONName, quoteList(list))
			}
		}
		values := slices.Clone(t.Values)
		slices.Sort(values)
		conds = append(conds, cond{obj: holder, field: f, op: opIs, values: slices.Compact(values)})
	}
	return conds, nil
}

// mapLabels maps the labels of a "cannot be configured at the same time"
// sentence ("Topic Mapping") to the fields of obj whose name has the
// label's words as prefixes of its parts (topics_mapping).
func mapLabels(obj *ir.Object, labels []string) ([]*ir.Field, error) {
	var fields []*ir.Field
	for _, label := range labels {
		if f := fieldByName(obj, label); f != nil {
			fields = append(fields, f)
			continue
		}
		lw := words(label)
		var hits []*ir.Field
		for _, f := range obj.Fields {
			parts := strings.Split(strings.ToLower(f.JSONName), "_")
			all := len(lw) > 0
			for _, w := range lw {
				all = all && slices.ContainsFunc(parts, func(p string) bool { return strings.HasPrefix(p, w) })
			}
			if all {
				hits = append(hits, f)
			}
		}
		if len(hits) != 1 {
			return nil, fmt.Errorf("the label %q matches %d fields of %s", label, len(hits), obj.Name)
		}
		fields = append(fields, hits[0])
	}
	return sortFields(fields), nil
}

// Schema rules.

// schemaRules collects the rules of every object's checks.
func (c *checker) schemaRules() []rule {
	var rules []rule
	for _, o := range c.objects {
		c.walk(&rules, o, o.Rules, o, nil)
	}
	for i := range rules {
		rules[i] = normalize(rules[i])
	}
	return rules
}

// cannot reports a schema check doccheck cannot compare with a page: on
// the page of a table of root, else as a finding of the schema alone.
func (c *checker) cannot(root *ir.Object, s *ir.Schema, ch ir.Check, what string) {
	f := &finding{Finding: Finding{Kind: KindRule, SchemaPos: s.Pos.String(), Object: root.Name,
		Message: fmt.Sprintf("%s: %s (%s); doccheck cannot compare it with the page", root.Name, what, ch.Rule())}}
	if m := c.objModel[root]; m != nil && len(m.units) > 0 {
		f.Page, f.PageLine = m.units[0].page.Name, m.units[0].table.Line
	}
	c.add(f)
}

// walk collects the rules of s, which applies to target (root, or an
// object root holds) under x. Every check is classified first: a class
// doccheck cannot compare here is reported, never dropped.
func (c *checker) walk(rules *[]rule, root *ir.Object, s *ir.Schema, target *ir.Object, x ctx) {
	if s == nil {
		return
	}
	for _, ch := range s.Checks {
		switch cl := Classify(ch); cl {
		case ClassUnknown:
			c.cannot(root, s, ch, fmt.Sprintf("a check of type %T, which doccheck does not know", ch))
			continue
		case ClassValue, ClassBound, ClassUncomparable:
			c.cannot(root, s, ch, fmt.Sprintf("a %s check (%s) on the %s object itself", cl, keyword(ch.Rule()), target.Name))
			continue
		}
		switch ch := ch.(type) {
		case *ir.Required:
			for _, f := range ch.Fields {
				*rules = append(*rules, rule{kind: ruleRequired, obj: target, fields: []*ir.Field{f}, ctx: x, pos: s.Pos})
			}
		case *ir.DependentRequired:
			if ch.Field == nil {
				c.cannot(root, s, ch, "a dependentRequired without a field")
				continue
			}
			given := newCtx(append(slices.Clone(x), cond{obj: target, field: ch.Field, op: opGiven})...)
			for _, f := range ch.Requires {
				*rules = append(*rules, rule{kind: ruleRequired, obj: target, fields: []*ir.Field{f}, ctx: given, pos: s.Pos})
			}
		case *ir.Property:
			switch {
			case ch.Field == nil:
				c.cannot(root, s, ch, "a property without a field")
			case ch.Schema.Empty():
			case ch.Field.Type.Kind == ir.ObjectKind:
				c.walk(rules, root, ch.Schema, ch.Field.Type.Object, x)
			default:
				c.cannot(root, s, ch, fmt.Sprintf("a rule on the value of %s.%s %s", target.Name, ch.Field.JSONName, x.text()))
			}
		case *ir.AllOf:
			for _, sub := range ch.Schemas {
				c.walk(rules, root, sub, target, x)
			}
		case *ir.AnyOf, *ir.OneOf:
			kind, subs := ruleNotEmpty, []*ir.Schema(nil)
			if a, ok := ch.(*ir.AnyOf); ok {
				subs = a.Schemas
			} else {
				kind, subs = ruleEither, ch.(*ir.OneOf).Schemas
			}
			var fields []*ir.Field
			for _, sub := range subs {
				if f := ir.SingleRequired(sub); f != nil {
					fields = append(fields, f)
				} else {
					fields = nil
					break
				}
			}
			if len(fields) < 2 {
				c.cannot(root, s, ch, fmt.Sprintf("a %s whose branches are not each one required field of %s", keyword(ch.Rule()), target.Name))
				continue
			}
			*rules = append(*rules, rule{kind: kind, obj: target, fields: sortFields(fields), ctx: x, pos: s.Pos})
		case *ir.Not:
			req, ok := onlyRequired(ch.Schema)
			if !ok {
				c.cannot(root, s, ch, fmt.Sprintf("a not on %s that is not a list of required fields", target.Name))
				continue
			}
			kind := ruleForbidden
			if len(req) > 1 {
				kind = ruleNotTogether
			}
			*rules = append(*rules, rule{kind: kind, obj: target, fields: sortFields(req), ctx: x, pos: s.Pos})
		case *ir.IfThenElse:
			conds, ok := c.readIf(root, target, ch.If)
			if !ok {
				c.cannot(root, s, ch, fmt.Sprintf("an if on %s that is not required fields with const or enum values", target.Name))
				continue
			}
			for _, y := range expand(conds) {
				c.walk(rules, root, ch.Then, target, newCtx(append(slices.Clone(x), y...)...))
			}
			if ch.Else != nil {
				neg, err := negate(conds)
				if err != nil {
					c.cannot(root, s, ch, "an else whose if is not a single field having a value")
					continue
				}
				c.walk(rules, root, ch.Else, target, newCtx(append(slices.Clone(x), neg...)...))
			}
		default:
			c.cannot(root, s, ch, fmt.Sprintf("a check of type %T, which doccheck has no case for here", ch))
		}
	}
}

// onlyRequired returns the fields of a schema that is nothing but
// required lists.
func onlyRequired(s *ir.Schema) ([]*ir.Field, bool) {
	if s.Empty() {
		return nil, false
	}
	var out []*ir.Field
	for _, ch := range s.Checks {
		r, ok := ch.(*ir.Required)
		if !ok {
			return nil, false
		}
		out = append(out, r.Fields...)
	}
	return out, len(out) > 0
}

// readIf reads an if of the form {required: [a, ...], properties: {a:
// {const: v} or {enum: [...]}, ...}} into conditions on target; a field
// only required is a "given" condition.
func (c *checker) readIf(root, target *ir.Object, s *ir.Schema) ([]cond, bool) {
	if s.Empty() {
		return nil, false
	}
	required := map[*ir.Field]bool{}
	var order []*ir.Field
	var props []*ir.Property
	for _, ch := range s.Checks {
		switch ch := ch.(type) {
		case *ir.Required:
			for _, f := range ch.Fields {
				if !required[f] {
					required[f] = true
					order = append(order, f)
				}
			}
		case *ir.Property:
			props = append(props, ch)
		default:
			return nil, false
		}
	}
	var conds []cond
	valued := map[*ir.Field]bool{}
	for _, p := range props {
		values, ok := literalValues(p.Schema)
		if !ok || p.Field == nil {
			return nil, false
		}
		if !required[p.Field] {
			c.cannot(root, s, p, fmt.Sprintf("the if also holds when %s.%s is absent; list it under required", target.Name, p.Field.JSONName))
		}
		valued[p.Field] = true
		conds = append(conds, cond{obj: target, field: p.Field, op: opIs, values: values})
	}
	for _, f := range order {
		if !valued[f] {
			conds = append(conds, cond{obj: target, field: f, op: opGiven})
		}
	}
	return conds, len(conds) > 0
}

// literalValues returns the values of a schema that is one const or one
// enum, sorted.
func literalValues(s *ir.Schema) ([]string, bool) {
	if s == nil || len(s.Checks) != 1 {
		return nil, false
	}
	var out []string
	switch ch := s.Checks[0].(type) {
	case *ir.Const:
		out = []string{ch.Value.String()}
	case *ir.EnumOf:
		for _, l := range ch.Values {
			out = append(out, l.String())
		}
	default:
		return nil, false
	}
	slices.Sort(out)
	return slices.Compact(out), true
}

// Comparing.

// group is the page's and the schema's rules of one kind on one set of
// fields, by context.
type group struct {
	kind   string
	obj    *ir.Object
	fields []*ir.Field
	page   map[string]rule
	schema map[string]rule
}

// compareRules compares the pages' requirements with the schema's.
func (c *checker) compareRules() {
	groups := map[string]*group{}
	var order []string
	get := func(r rule) *group {
		k := r.groupKey()
		g := groups[k]
		if g == nil {
			g = &group{kind: r.kind, obj: r.obj, fields: r.fields, page: map[string]rule{}, schema: map[string]rule{}}
			groups[k] = g
			order = append(order, k)
		}
		return g
	}
	for _, r := range c.pageRules() {
		g := get(r)
		if _, dup := g.page[r.ctx.key()]; !dup {
			g.page[r.ctx.key()] = r
		}
	}
	for _, r := range c.schemaRules() {
		g := get(r)
		if _, dup := g.schema[r.ctx.key()]; !dup {
			g.schema[r.ctx.key()] = r
		}
	}
	slices.Sort(order)
	for _, k := range order {
		g := groups[k]
		// Rules about fields without a row are the no-row and table
		// findings' business.
		u, row := c.rowOf(g.obj, g.fields[0])
		skip := u == nil
		for _, f := range g.fields[1:] {
			if uu, _ := c.rowOf(g.obj, f); uu == nil {
				skip = true
			}
		}
		if skip {
			continue
		}
		var missing, extra []rule
		for key, r := range g.page {
			if _, ok := g.schema[key]; !ok {
				missing = append(missing, r)
			}
		}
		for key, r := range g.schema {
			if _, ok := g.page[key]; !ok {
				extra = append(extra, r)
			}
		}
		if len(missing) == 0 && len(extra) == 0 {
			continue
		}
		sortRules(missing)
		sortRules(extra)
		if g.kind == ruleRequired {
			c.compareRequired(u, row, g, missing, extra)
		} else {
			c.compareGroup(u, row, g, missing, extra)
		}
	}
}

func sortRules(rs []rule) {
	slices.SortFunc(rs, func(a, b rule) int {
		return cmp.Or(cmp.Compare(a.line, b.line), strings.Compare(a.ctx.key(), b.ctx.key()))
	})
}

func ctxTexts(rs []rule) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.ctx.text()
		if r.implied {
			parts[i] += fmt.Sprintf(" (through its fields, line %d)", r.line)
		}
	}
	return strings.Join(parts, ", or ")
}

func unconditional(rs ...[]rule) bool {
	for _, list := range rs {
		for _, r := range list {
			if len(r.ctx) > 0 {
				return false
			}
		}
	}
	return true
}

// devsOf returns the deviations of the members that model the fields.
func (c *checker) devsOf(obj *ir.Object, fields []*ir.Field) []*deviation {
	var out []*deviation
	if m := c.objModel[obj]; m != nil {
		for _, f := range fields {
			if mb := m.memberOf(f); mb != nil {
				out = append(out, mb.devs...)
			}
		}
	}
	return out
}

// ruleFinding records a difference about the rules of g. It comes from
// the sentences of the page rules in from, and from line itself when
// there are none or when own is set.
func (c *checker) ruleFinding(u *unit, line int, pos ir.Pos, g *group, kind, accept, msg string, from []rule, own bool) {
	f := &finding{Finding: Finding{Kind: kind, Page: u.page.Name, PageLine: line, SchemaPos: pos.String(), Object: g.obj.Name, Message: msg},
		accept: accept, devs: c.devsOf(g.obj, g.fields)}
	if len(g.fields) == 1 {
		f.Field = g.fields[0].JSONName
	}
	for _, r := range from {
		if !slices.Contains(f.lines, r.line) {
			f.lines = append(f.lines, r.line)
		}
	}
	if own && len(f.lines) > 0 && !slices.Contains(f.lines, line) {
		f.lines = append(f.lines, line)
	}
	c.add(f)
}

// compareRequired reports the differences in when one field is required.
func (c *checker) compareRequired(u *unit, row *rstdoc.Row, g *group, missing, extra []rule) {
	qual := g.obj.Name + "." + g.fields[0].JSONName
	kind := KindCondition
	if unconditional(missing, extra) {
		kind = KindMandatory
	}
	fieldPos := g.fields[0].Pos
	hasDev := slices.ContainsFunc(c.devsOf(g.obj, g.fields), func(d *deviation) bool { return d.d.Kind == ir.DevNotRequired })
	switch {
	case len(missing) > 0 && len(extra) > 0 && !hasDev:
		c.ruleFinding(u, row.Line, extra[0].pos, g, kind, "",
			fmt.Sprintf("%s: the page makes it mandatory %s; the schema requires it %s", qual, ctxTexts(missing), ctxTexts(extra)), missing, true)
		return
	case len(missing) > 0:
		c.ruleFinding(u, row.Line, fieldPos, g, kind, ir.DevNotRequired,
			fmt.Sprintf("%s: the page makes it mandatory %s; the schema does not require it then", qual, ctxTexts(missing)), missing, false)
	}
	if len(extra) > 0 {
		what := "the page does not say so"
		if kind == KindMandatory && row.Mandatory == "No" {
			what = "the page marks it not mandatory"
		}
		c.ruleFinding(u, row.Line, extra[0].pos, g, kind, "",
			fmt.Sprintf("%s: the schema requires it %s; %s", qual, ctxTexts(extra), what), nil, false)
	}
}

// compareGroup reports the differences in an either, not-empty,
// not-together or forbidden rule.
func (c *checker) compareGroup(u *unit, row *rstdoc.Row, g *group, missing, extra []rule) {
	names := rule{fields: g.fields}.fieldNames()
	kind, what, accept := KindEither, "exactly one of "+names, ir.DevNotRequired
	switch g.kind {
	case ruleNotEmpty:
		kind, what = KindNotEmpty, "at least one of "+names
	case ruleNotTogether:
		kind, what, accept = KindNotTogether, "not all of "+names, ""
	case ruleForbidden:
		kind, what, accept = KindForbidden, "no "+names, ""
	}
	switch {
	case len(missing) > 0 && len(extra) > 0:
		c.ruleFinding(u, missing[0].line, extra[0].pos, g, kind, "",
			fmt.Sprintf("%s: the page asks for %s %s; the schema asks for it %s", g.obj.Name, what, ctxTexts(missing), ctxTexts(extra)), missing, false)
	case len(missing) > 0:
		c.ruleFinding(u, missing[0].line, g.obj.Pos, g, kind, accept,
			fmt.Sprintf("%s: the page asks for %s %s; the schema has no such rule", g.obj.Name, what, ctxTexts(missing)), missing, false)
	default:
		c.ruleFinding(u, row.Line, extra[0].pos, g, kind, "",
			fmt.Sprintf("%s: the schema asks for %s %s; the page does not say so", g.obj.Name, what, ctxTexts(extra)), nil, false)
	}
}
