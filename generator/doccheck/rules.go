package doccheck

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// Rule kinds.
const (
	ruleRequired    = "required"     // fields[0] must be present
	ruleEither      = "either"       // exactly one of fields
	ruleNotTogether = "not-together" // not all of fields
	ruleForbidden   = "forbidden"    // a not-required the page has no words for
)

// cond is "field of component comp has value value".
type cond struct{ comp, field, value string }

// ctx is a conjunction of conditions, sorted; empty means always.
type ctx []cond

func newCtx(cs ...cond) ctx {
	out := slices.Clone(cs)
	slices.SortFunc(out, func(a, b cond) int {
		return strings.Compare(a.comp+"\x00"+a.field+"\x00"+a.value, b.comp+"\x00"+b.field+"\x00"+b.value)
	})
	return slices.Compact(out)
}

func (x ctx) key() string {
	parts := make([]string, len(x))
	for i, c := range x {
		parts[i] = c.comp + "." + c.field + "=" + c.value
	}
	return strings.Join(parts, " & ")
}

// text describes x for a message: "when source_type is X and ...", or
// "always".
func (x ctx) text() string {
	if len(x) == 0 {
		return "always"
	}
	parts := make([]string, len(x))
	for i, c := range x {
		parts[i] = c.field + " is " + c.value
	}
	return "when " + strings.Join(parts, " and ")
}

// rule is a requirement, from the page or from the schema.
type rule struct {
	kind   string
	comp   string
	fields []string
	ctx    ctx
	line   int    // page line (page rules)
	pos    string // schema position (schema rules)
	// implied is set on a page rule that follows from the rules of the
	// fields of the component a property holds; line is then the line of
	// the first such field.
	implied bool
}

func (r rule) fieldsKey() string { return strings.Join(r.fields, ",") }

// schemaRules collects the required lists and conditional rules of every
// component, and of the operation's parameters.
func (c *checker) schemaRules() []rule {
	var rules []rule
	for _, u := range c.units {
		if u.name == paramsUnit {
			for _, p := range u.props {
				if pr := c.param(p.name); pr != nil && pr.Required {
					rules = append(rules, rule{kind: ruleRequired, comp: u.name, fields: []string{p.name}, pos: c.fieldPos(p.origin, "required")})
				}
			}
			continue
		}
		for _, f := range u.schema.Required {
			rules = append(rules, rule{kind: ruleRequired, comp: u.name, fields: []string{f}, pos: c.itemPos(u.schema.Origin, "required", f)})
		}
		c.walk(&rules, u.name, u.schema, nil, nil, true)
	}
	return rules
}

func (c *checker) param(name string) *openapi3.Parameter {
	var ps openapi3.Parameters
	if item := c.doc.Paths.Value(c.op.path); item != nil {
		ps = append(ps, item.Parameters...)
	}
	ps = append(ps, c.op.op.Parameters...)
	for _, pr := range ps {
		if pr != nil && pr.Value != nil && pr.Value.Name == name {
			return pr.Value
		}
	}
	return nil
}

// resolve follows the property path from component root and returns the
// component it ends in.
func (c *checker) resolve(root string, path []string) (string, bool) {
	name := root
	for _, step := range path {
		u := c.comps[name]
		if u == nil {
			return "", false
		}
		p := u.byName[step]
		if p == nil || p.ref == "" {
			return "", false
		}
		name = p.ref
	}
	return name, true
}

// unsupported reports a schema rule doccheck cannot compare.
func (c *checker) unsupported(root string, pos, what string) {
	c.add(Finding{Kind: KindRule, SchemaPos: pos, Component: root,
		Message: fmt.Sprintf("%s: %s; doccheck cannot compare it with the page", root, what)})
}

// walk collects the rules of schema s, which applies at the property path
// below component root under the conditions x. top is true for the
// component itself, whose properties and required list are not rules.
func (c *checker) walk(rules *[]rule, root string, s *openapi3.Schema, path []string, x ctx, top bool) {
	if s == nil {
		return
	}
	at := root
	if len(path) > 0 {
		at += "." + strings.Join(path, ".")
	}
	target, ok := c.resolve(root, path)
	if !ok {
		c.unsupported(root, c.keyPos(s.Origin), fmt.Sprintf("a rule applies to %s, which is not a property holding a component", at))
		return
	}
	if !top {
		for _, f := range s.Required {
			*rules = append(*rules, rule{kind: ruleRequired, comp: target, fields: []string{f}, ctx: x, pos: c.itemPos(s.Origin, "required", f)})
		}
		names := make([]string, 0, len(s.Properties))
		for n := range s.Properties {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			sub := s.Properties[n]
			if sub == nil || sub.Ref != "" {
				c.unsupported(root, c.fieldPos(s.Origin, "properties"), fmt.Sprintf("a conditional rule refers to a schema for %s.%s", at, n))
				continue
			}
			c.walk(rules, root, sub.Value, append(slices.Clone(path), n), x, false)
		}
		if what := constraintKeywords(s); what != "" {
			c.unsupported(root, c.keyPos(s.Origin), fmt.Sprintf("a conditional rule %s constrains %s with %s", x.text(), at, what))
		}
	}
	for _, a := range s.AllOf {
		if a != nil {
			c.walk(rules, root, a.Value, path, x, false)
		}
	}
	if len(s.AnyOf) > 0 {
		c.unsupported(root, c.fieldPos(s.Origin, "anyOf"), "anyOf at "+at)
	}
	if len(s.OneOf) > 0 {
		var fields []string
		for _, b := range s.OneOf {
			if b == nil || b.Value == nil || !onlyRequired(b.Value) || len(b.Value.Required) != 1 {
				fields = nil
				break
			}
			fields = append(fields, b.Value.Required[0])
		}
		if len(fields) < 2 {
			c.unsupported(root, c.fieldPos(s.Origin, "oneOf"), "a oneOf at "+at+" whose branches are not each one required field")
		} else {
			slices.Sort(fields)
			*rules = append(*rules, rule{kind: ruleEither, comp: target, fields: fields, ctx: x, pos: c.fieldPos(s.Origin, "oneOf")})
		}
	}
	if s.Not != nil {
		if s.Not.Value == nil || !onlyRequired(s.Not.Value) {
			c.unsupported(root, c.fieldPos(s.Origin, "not"), "a not at "+at+" that is not a required list")
		} else {
			*rules = append(*rules, c.forbidden(target, s.Not.Value.Required, x, c.fieldPos(s.Origin, "not")))
		}
	}
	if s.If != nil {
		conds, ok := c.readIf(root, target, s.If.Value, at)
		if !ok {
			c.unsupported(root, c.fieldPos(s.Origin, "if"), "an if at "+at+" that is not a list of required properties with const values")
		} else if s.Then != nil {
			c.walk(rules, root, s.Then.Value, path, newCtx(append(slices.Clone(x), conds...)...), false)
		}
		if s.Else != nil {
			c.unsupported(root, c.fieldPos(s.Origin, "else"), "an else at "+at)
		}
	}
	if len(s.DependentRequired) > 0 {
		c.unsupported(root, c.fieldPos(s.Origin, "dependentRequired"), "dependentRequired at "+at)
	}
	if len(s.DependentSchemas) > 0 {
		c.unsupported(root, c.fieldPos(s.Origin, "dependentSchemas"), "dependentSchemas at "+at)
	}
}

// constraintKeywords names the value constraints of a subschema inside a
// conditional rule, or "".
func constraintKeywords(s *openapi3.Schema) string {
	var kw []string
	if s.Type != nil && len(*s.Type) > 0 {
		kw = append(kw, "type")
	}
	if len(s.Enum) > 0 {
		kw = append(kw, "enum")
	}
	if s.Const != nil {
		kw = append(kw, "const")
	}
	if s.Min != nil || s.Max != nil {
		kw = append(kw, "minimum/maximum")
	}
	if s.Pattern != "" || s.MinLength > 0 || s.MaxLength != nil {
		kw = append(kw, "string bounds")
	}
	if s.Items != nil || s.MinItems > 0 || s.MaxItems != nil {
		kw = append(kw, "array bounds")
	}
	return strings.Join(kw, ", ")
}

// onlyRequired reports whether s is nothing but a required list.
func onlyRequired(s *openapi3.Schema) bool {
	return len(s.Required) > 0 && len(s.Properties) == 0 && s.If == nil && s.Then == nil && s.Else == nil &&
		s.Not == nil && len(s.AllOf) == 0 && len(s.AnyOf) == 0 && len(s.OneOf) == 0 && constraintKeywords(s) == ""
}

// forbidden turns "not required [fields]" under x into a rule: fields that
// cannot all be given, or a field forbidden while a boolean sibling is true
// (if A is true then not B), are not-together rules.
func (c *checker) forbidden(target string, fields []string, x ctx, pos string) rule {
	fs := slices.Clone(fields)
	if len(fs) == 1 {
		var rest ctx
		var flag string
		for _, cd := range x {
			if flag == "" && cd.comp == target && cd.value == "true" {
				flag = cd.field
				continue
			}
			rest = append(rest, cd)
		}
		if flag != "" {
			fs = append(fs, flag)
			slices.Sort(fs)
			return rule{kind: ruleNotTogether, comp: target, fields: fs, ctx: rest, pos: pos}
		}
		return rule{kind: ruleForbidden, comp: target, fields: fs, ctx: x, pos: pos}
	}
	slices.Sort(fs)
	return rule{kind: ruleNotTogether, comp: target, fields: fs, ctx: x, pos: pos}
}

// readIf reads an if of the form {required: [a, ...], properties: {a:
// {const: v}, ...}} into conditions on component target.
func (c *checker) readIf(root, target string, s *openapi3.Schema, at string) ([]cond, bool) {
	if s == nil || len(s.Properties) == 0 || s.If != nil || s.Not != nil || len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) > 0 || constraintKeywords(s) != "" {
		return nil, false
	}
	names := make([]string, 0, len(s.Properties))
	for n := range s.Properties {
		names = append(names, n)
	}
	slices.Sort(names)
	var conds []cond
	for _, n := range names {
		p := s.Properties[n]
		if p == nil || p.Value == nil || p.Value.Const == nil {
			return nil, false
		}
		v, err := scalarString(p.Value.Const)
		if err != nil {
			return nil, false
		}
		if !slices.Contains(s.Required, n) {
			c.add(Finding{Kind: KindRule, SchemaPos: c.fieldPos(s.Origin, "properties"), Component: root,
				Message: fmt.Sprintf("%s: the if at %s also holds when %s is absent; list it under required", root, at, n)})
		}
		conds = append(conds, cond{comp: target, field: n, value: v})
	}
	return conds, true
}

// pageRules reads the requirements the page states: the Mandatory column,
// "Mandatory only when" conditions, "either A or B" and "cannot be
// configured at the same time". Only rows that a property models count.
func (c *checker) pageRules() []rule {
	var rules []rule
	seen := map[string]bool{}
	addOnce := func(r rule) {
		k := r.kind + "|" + r.comp + "|" + r.fieldsKey() + "|" + r.ctx.key()
		if !seen[k] {
			seen[k] = true
			rules = append(rules, r)
		}
	}
	for _, u := range c.units {
		for _, p := range u.props {
			r := p.row2
			if r == nil {
				continue
			}
			var ctxs []ctx
			if r.Mandatory == "Yes" {
				ctxs = append(ctxs, nil)
			}
			for _, cd := range r.Conditions {
				if cd.Kind != "mandatory" {
					continue
				}
				x, err := c.mapCondition(u, cd)
				if err != nil {
					c.add(Finding{Kind: KindCondition, PageLine: r.Line, SchemaPos: p.pos, Component: u.name, Field: p.name,
						Message: fmt.Sprintf("%s: cannot tell what %q means in the schema: %v", u.qual(p.name), cd.Text, err)})
					continue
				}
				ctxs = append(ctxs, x)
			}
			if len(r.EitherOf) >= 2 && slices.Contains(r.EitherOf, r.Name) {
				fields := slices.Clone(r.EitherOf)
				slices.Sort(fields)
				fields = slices.Compact(fields)
				if missing := c.unknownFields(u, fields); len(missing) > 0 {
					c.add(Finding{Kind: KindEither, PageLine: r.Line, SchemaPos: u.pos, Component: u.name, Field: p.name,
						Message: fmt.Sprintf("%s: the page says to give one of %s, but %s has no %s", u.qual(p.name), strings.Join(fields, ", "), u.name, strings.Join(missing, ", "))})
				} else {
					if len(ctxs) == 0 {
						ctxs = append(ctxs, nil)
					}
					for _, x := range ctxs {
						addOnce(rule{kind: ruleEither, comp: u.name, fields: fields, ctx: x, line: r.Line})
					}
				}
			} else {
				for _, x := range ctxs {
					addOnce(rule{kind: ruleRequired, comp: u.name, fields: []string{p.name}, ctx: x, line: r.Line})
				}
			}
			if len(r.NotTogether) >= 2 {
				fields, err := c.mapLabels(u, r.NotTogether)
				if err != nil {
					c.add(Finding{Kind: KindNotTogether, PageLine: r.Line, SchemaPos: u.pos, Component: u.name, Field: p.name,
						Message: fmt.Sprintf("%s: the page says %s cannot be configured together, but %v", u.qual(p.name), strings.Join(r.NotTogether, " and "), err)})
				} else {
					addOnce(rule{kind: ruleNotTogether, comp: u.name, fields: fields, line: r.Line})
				}
			}
		}
	}
	// A field mandatory under a condition on its parent's type makes the
	// parent's property that holds it mandatory under that condition too.
	for _, r := range slices.Clone(rules) {
		if r.kind != ruleRequired && r.kind != ruleEither {
			continue
		}
		byComp := map[string]ctx{}
		for _, cd := range r.ctx {
			if cd.comp != r.comp {
				byComp[cd.comp] = append(byComp[cd.comp], cd)
			}
		}
		for owner, x := range byComp {
			u := c.comps[owner]
			if u == nil {
				continue
			}
			for _, p := range u.props {
				if p.ref == r.comp && p.row2 != nil {
					addOnce(rule{kind: ruleRequired, comp: owner, fields: []string{p.name}, ctx: newCtx(x...), line: r.line, implied: true})
				}
			}
		}
	}
	return rules
}

func (c *checker) unknownFields(u *unit, fields []string) []string {
	var out []string
	for _, f := range fields {
		if u.byName[f] == nil {
			out = append(out, f)
		}
	}
	return out
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

// mapCondition turns a "Mandatory only when the source type is X [and the
// ... is Y]" sentence on a row of unit u into schema conditions: the
// source (target) type is the source_type (sink_type or target_type)
// property of a component that holds u, and X is the one value of its
// enum that contains X's words ("Redis" is REDIS_REPLICATOR_SOURCE). Each
// "and the ... is Y" clause is the property, of u or of that component,
// whose enum has the value Y.
func (c *checker) mapCondition(u *unit, cd rstdoc.Condition) (ctx, error) {
	fieldNames := []string{"source_type"}
	if cd.Subject == "target" {
		fieldNames = []string{"target_type", "sink_type"}
	}
	type owner struct {
		u *unit
		p *prop
	}
	var owners []owner
	for _, o := range c.units {
		if o.name == paramsUnit || !c.reaches(o.name, u.name) {
			continue
		}
		for _, fn := range fieldNames {
			if p := o.byName[fn]; p != nil {
				if list, key := schemaList(p); key == "enum" && len(list) > 0 {
					owners = append(owners, owner{o, p})
				}
			}
		}
	}
	switch len(owners) {
	case 0:
		return nil, fmt.Errorf("no component that holds %s has a %s property with an enum", u.name, strings.Join(fieldNames, " or "))
	case 1:
	default:
		return nil, fmt.Errorf("several components that hold %s have a %s property", u.name, strings.Join(fieldNames, " or "))
	}
	o := owners[0]
	list, _ := schemaList(o.p)
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
		return nil, fmt.Errorf("the %s type %q matches %d of the values %s of %s", cd.Subject, cd.Value, len(hits), quoteList(list), o.u.qual(o.p.name))
	}
	conds := []cond{{comp: o.u.name, field: o.p.name, value: hits[0]}}
	for _, cl := range cd.And {
		var found []cond
		for _, cand := range []*unit{u, o.u} {
			for _, p := range cand.props {
				if l, key := schemaList(p); key == "enum" && slices.Contains(l, cl.Value) {
					found = append(found, cond{comp: cand.name, field: p.name, value: cl.Value})
				}
			}
			if len(found) > 0 {
				break
			}
		}
		if len(found) != 1 {
			return nil, fmt.Errorf("%d properties of %s have %q in their enum (the %s in the clause)", len(found), u.name, cl.Value, cl.Subject)
		}
		conds = append(conds, found[0])
	}
	return newCtx(conds...), nil
}

// mapLabels maps the labels of a "cannot be configured at the same time"
// sentence ("Topic Mapping") to the properties of u whose name has the
// label's words as prefixes of its parts (topics_mapping).
func (c *checker) mapLabels(u *unit, labels []string) ([]string, error) {
	var fields []string
	for _, label := range labels {
		if u.byName[label] != nil {
			fields = append(fields, label)
			continue
		}
		lw := words(label)
		var hits []string
		for _, p := range u.props {
			parts := strings.Split(strings.ToLower(p.name), "_")
			all := len(lw) > 0
			for _, w := range lw {
				ok := false
				for _, part := range parts {
					ok = ok || strings.HasPrefix(part, w)
				}
				all = all && ok
			}
			if all {
				hits = append(hits, p.name)
			}
		}
		if len(hits) != 1 {
			return nil, fmt.Errorf("%q matches %d properties of %s", label, len(hits), u.name)
		}
		fields = append(fields, hits[0])
	}
	slices.Sort(fields)
	return slices.Compact(fields), nil
}

// compareRules compares the page's requirements with the schema's.
func (c *checker) compareRules() {
	pageRules := c.pageRules()
	schemaRules := c.schemaRules()

	type group struct {
		kind, comp string
		fields     []string
		page       map[string]rule
		schema     map[string]rule
	}
	groups := map[string]*group{}
	var order []string
	get := func(r rule) *group {
		kind := r.kind
		if kind == ruleForbidden {
			kind = ruleNotTogether
		}
		k := kind + "|" + r.comp + "|" + r.fieldsKey()
		if r.kind == ruleForbidden {
			k += "|forbidden"
		}
		g := groups[k]
		if g == nil {
			g = &group{kind: r.kind, comp: r.comp, fields: r.fields, page: map[string]rule{}, schema: map[string]rule{}}
			groups[k] = g
			order = append(order, k)
		}
		return g
	}
	for _, r := range pageRules {
		g := get(r)
		if _, dup := g.page[r.ctx.key()]; !dup {
			g.page[r.ctx.key()] = r
		}
	}
	for _, r := range schemaRules {
		g := get(r)
		if _, dup := g.schema[r.ctx.key()]; !dup {
			g.schema[r.ctx.key()] = r
		}
	}
	slices.Sort(order)
	for _, k := range order {
		g := groups[k]
		u := c.comps[g.comp]
		if g.comp == paramsUnit {
			for _, pu := range c.units {
				if pu.name == paramsUnit && pu.byName[g.fields[0]] != nil {
					u = pu
				}
			}
		}
		if u == nil {
			continue
		}
		// Rules about fields that are not rows are covered by the no-row,
		// name and table findings.
		var props []*prop
		skip := false
		for _, f := range g.fields {
			p := u.byName[f]
			if p == nil {
				for _, r := range g.schema {
					c.add(Finding{Kind: KindRule, SchemaPos: r.pos, Component: u.name, Field: f,
						Message: fmt.Sprintf("%s: a rule names %s, which %s does not have", u.name, f, u.name)})
					break
				}
				skip = true
				continue
			}
			if p.row2 == nil {
				skip = true
			}
			// The requirements of a property that holds an object whose
			// table is gone are covered by the table finding.
			if target := c.comps[p.ref]; p.ref != "" && target != nil && target.page == nil {
				skip = true
			}
			props = append(props, p)
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
		sortRules(missing)
		sortRules(extra)
		switch g.kind {
		case ruleRequired:
			c.compareRequired(props[0], missing, extra)
		default:
			c.compareGroup(g.kind, u, props, missing, extra)
		}
	}
	// Not-required deviations that no missing requirement used.
	for _, d := range c.devs {
		if d.done || d.kind != DevNotRequired || d.p.row2 == nil {
			continue
		}
		line := d.p.row2.Line
		mandatory := d.p.row2.Mandatory == "Yes"
		for _, cd := range d.p.row2.Conditions {
			mandatory = mandatory || cd.Kind == "mandatory"
		}
		if mandatory {
			c.stale(d, line, fmt.Sprintf("%s: the schema now requires it wherever the page makes it mandatory", d.p.u.qual(d.p.name)))
		} else {
			c.stale(d, line, fmt.Sprintf("%s: the page no longer makes it mandatory", d.p.u.qual(d.p.name)))
		}
	}
}

func sortRules(rs []rule) {
	slices.SortFunc(rs, func(a, b rule) int { return strings.Compare(a.ctx.key(), b.ctx.key()) })
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

func isUnconditional(rs ...[]rule) bool {
	for _, list := range rs {
		for _, r := range list {
			if len(r.ctx) > 0 {
				return false
			}
		}
	}
	return true
}

// compareRequired reports the differences in when one field is required.
func (c *checker) compareRequired(p *prop, missing, extra []rule) {
	if len(missing) == 0 && len(extra) == 0 {
		return
	}
	qual := p.u.qual(p.name)
	kind := KindCondition
	if isUnconditional(missing, extra) {
		kind = KindMandatory
	}
	line := p.row2.Line
	d := p.dev
	if d != nil && d.kind != DevNotRequired {
		d = nil
	}
	switch {
	case len(missing) > 0 && d != nil:
		c.accept(d, line, fmt.Sprintf("%s: the page makes it mandatory %s; the schema does not require it then", qual, ctxTexts(missing)))
		if len(extra) > 0 {
			c.add(Finding{Kind: kind, PageLine: line, SchemaPos: extra[0].pos, Component: p.u.name, Field: p.name,
				Message: fmt.Sprintf("%s: the schema requires it %s; the page does not say so", qual, ctxTexts(extra))})
		}
	case len(missing) > 0 && len(extra) > 0:
		c.add(Finding{Kind: kind, PageLine: line, SchemaPos: extra[0].pos, Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: the page makes it mandatory %s; the schema requires it %s", qual, ctxTexts(missing), ctxTexts(extra))})
	case len(missing) > 0:
		c.add(Finding{Kind: kind, PageLine: line, SchemaPos: p.pos, Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: the page makes it mandatory %s; the schema does not require it then", qual, ctxTexts(missing))})
	default:
		what := "the page does not say so"
		if kind == KindMandatory && p.row2.Mandatory == "No" {
			what = "the page marks it not mandatory"
		}
		c.add(Finding{Kind: kind, PageLine: line, SchemaPos: extra[0].pos, Component: p.u.name, Field: p.name,
			Message: fmt.Sprintf("%s: the schema requires it %s; %s", qual, ctxTexts(extra), what)})
	}
}

// compareGroup reports the differences in an either or not-together rule.
func (c *checker) compareGroup(kind string, u *unit, props []*prop, missing, extra []rule) {
	if len(missing) == 0 && len(extra) == 0 {
		return
	}
	names := make([]string, len(props))
	for i, p := range props {
		names[i] = p.name
	}
	list := strings.Join(names, ", ")
	findingKind, what := KindEither, "exactly one of "+list
	switch kind {
	case ruleNotTogether:
		findingKind, what = KindNotTogether, "not both of "+list
	case ruleForbidden:
		findingKind, what = KindNotTogether, "no "+list
	}
	line := props[0].row2.Line
	field := ""
	if len(props) == 1 {
		field = props[0].name
	}
	switch {
	case len(missing) > 0 && len(extra) > 0:
		c.add(Finding{Kind: findingKind, PageLine: missing[0].line, SchemaPos: extra[0].pos, Component: u.name, Field: field,
			Message: fmt.Sprintf("%s: the page asks for %s %s; the schema asks for it %s", u.name, what, ctxTexts(missing), ctxTexts(extra))})
	case len(missing) > 0:
		c.add(Finding{Kind: findingKind, PageLine: missing[0].line, SchemaPos: u.pos, Component: u.name, Field: field,
			Message: fmt.Sprintf("%s: the page asks for %s %s; the schema has no such rule", u.name, what, ctxTexts(missing))})
	default:
		c.add(Finding{Kind: findingKind, PageLine: line, SchemaPos: extra[0].pos, Component: u.name, Field: field,
			Message: fmt.Sprintf("%s: the schema asks for %s %s; the page does not say so", u.name, what, ctxTexts(extra))})
	}
}
