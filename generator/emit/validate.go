package emit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// validate writes validate.go: Validate and validate methods that check
// the schema's rules on a value, as straight-line code.
func (e *emitter) validate(f *jen.File) {
	for _, o := range e.pkg.Objects {
		e.genValidate(f, o)
	}
	for _, op := range e.pkg.Operations {
		e.genParamsValidate(f, op)
	}
	e.namedValidate(f)
	e.dynFile(f)
	for i, pat := range e.patterns {
		f.Add(comment(fmt.Sprintf("pattern%d matches %s, compiled on first use.", i, strconv.Quote(pat))))
		f.Var().Id(fmt.Sprintf("pattern%d", i)).Op("=").Qual("sync", "OnceValue").Call(
			jen.Func().Params().Op("*").Qual("regexp", "Regexp").Block(
				jen.Return(jen.Qual("regexp", "MustCompile").Call(jen.Lit(pat))),
			),
		)
	}
}

// inst is an instance being checked: its type, the Go expression of its
// value (a non-nil pointer for objects), and the expression of its
// *jsonPath.
type inst struct {
	t    *ir.Type
	val  func() *jen.Statement
	path func() *jen.Statement
	// pathVar is the name of the path variable of a member, declared by
	// ifPresent.
	pathVar string
	// sensitive is true for a secret: messages never quote its value.
	sensitive bool
	// deref is true when val is "*ptr".
	deref bool
	ptr   func() *jen.Statement
	// null, for a nullable value, is the expression that is true for an
	// explicit null; val is then the Value field.
	null func() *jen.Statement
	// elem is set for an array item or a map value, which is there
	// whenever its collection is.
	elem bool
}

// typed wraps the match of a keyword that applies to one JSON type only
// (bounds, lengths, pattern, item counts): null passes it.
func (in inst) typed(c cond) cond {
	if in.null == nil {
		return c
	}
	return anyOf(atom(in.null()), c)
}

// recv is the value as the receiver of a method call: the field's
// pointer itself, as Go calls value methods through pointers.
func (in inst) recv() *jen.Statement {
	if in.deref {
		return in.ptr()
	}
	return in.val()
}

func (e *emitter) genValidate(f *jen.File, o *ir.Object) {
	doc := fmt.Sprintf("Validate checks x against the rules of the schema for %s", o.Name)
	doc += " and returns a *ValidationError listing every violation, or nil. It checks a value built in Go as well as a decoded one; it does not allocate when x is valid."
	f.Add(comment(doc))
	f.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("Validate").Params().Error().Block(
		jen.Var().Id("vs").Id("violationList"),
		jen.If(jen.Id("x").Op("==").Nil()).Block(
			jen.Id("vs").Dot("add").Call(jen.Nil(), jen.Lit(o.TypeRule), jen.Lit("must be an object, got nil")),
			jen.Return(jen.Id("vs").Dot("err").Call()),
		),
		jen.Id("x").Dot("validate").Call(jen.Op("&").Id("vs"), jen.Nil()),
		jen.Return(jen.Id("vs").Dot("err").Call()),
	)

	e.tmp = 0
	self := inst{
		t:    &ir.Type{Kind: ir.ObjectKind, Object: o},
		val:  func() *jen.Statement { return jen.Id("x") },
		path: func() *jen.Statement { return jen.Id("p") },
	}
	var body []jen.Code
	if o.Recursive {
		// A value built in Go may hold itself.
		body = append(body,
			jen.If(jen.Op("!").Id("vs").Dot("enter").Call(jen.Id("x"), jen.Id("p"), jen.Lit(o.TypeRule))).Block(jen.Return()),
			jen.Defer().Id("vs").Dot("leave").Call(),
		)
	}
	for _, fl := range o.Fields {
		body = append(body, e.fieldChecks(self, fl)...)
	}
	body = append(body, e.checks(o.Rules, self, nil)...)
	f.Add(comment("validate adds the violations of x, which is at p, to vs."))
	f.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("validate").Params(
		jen.Id("vs").Op("*").Id("violationList"), jen.Id("p").Op("*").Id("jsonPath"),
	).Block(body...)
}

// genParamsValidate writes Validate for an operation's parameters: each
// path parameter must make one path segment, and every parameter must meet
// its schema's rules (bounds, enums, lengths, patterns). A violation's path
// is "/" and the parameter's name.
func (e *emitter) genParamsValidate(f *jen.File, op *ir.Operation) {
	if !hasParams(op) {
		return
	}
	e.tmp = 0
	var body []jen.Code
	for _, q := range slices.Concat(op.PathParams, op.QueryParams, op.HeaderParams) {
		pathVar := "p" + q.GoName
		field := func() *jen.Statement { return jen.Id("p").Dot(q.GoName) }
		in := inst{t: q.Type, ptr: field, val: field, path: func() *jen.Statement { return jen.Op("&").Id(pathVar) }, pathVar: pathVar}
		optional := !q.Required && q.Type.Kind != ir.Array && !isSecret(q.Type)
		if optional {
			in.deref = true
			in.val = func() *jen.Statement { return jen.Op("*").Add(field()) }
		}
		if isSecret(q.Type) {
			in.val = func() *jen.Statement { return field().Dot("Value").Call() }
		}
		checks := e.valueChecks(in)
		if len(checks) == 0 {
			continue
		}
		stmts := append([]jen.Code{jen.Id(pathVar).Op(":=").Id("root").Dot("member").Call(jen.Lit(q.Name))}, checks...)
		if optional {
			body = append(body, jen.If(field().Op("!=").Nil()).Block(stmts...))
		} else {
			body = append(body, jen.Block(stmts...))
		}
	}
	segments := pathSegments(op)
	name := op.GoName + "Params"
	var head []jen.Code
	if len(segments) > 0 {
		head = append(head, jen.Id("p").Dot("checkPath").Call(jen.Op("&").Id("vs")))
	}
	if len(body) > 0 {
		head = append(head, jen.Var().Id("root").Op("*").Id("jsonPath"))
	}
	f.Add(comment(fmt.Sprintf("Validate checks the parameters of %s and returns a *ValidationError listing every violation, or nil: each path parameter must make one path segment (not empty, \".\" or \"..\"), each parameter must meet its schema. A violation's Path is \"/\" and the parameter's name.", op.ID)))
	f.Func().Params(jen.Id("p").Id(name)).Id("Validate").Params().Error().Block(
		append(append(append([]jen.Code{jen.Var().Id("vs").Id("violationList")}, head...), body...), jen.Return(jen.Id("vs").Dot("err").Call()))...,
	)
	if len(segments) == 0 {
		return
	}
	f.Add(comment("checkPath adds a violation for each path parameter that cannot be one path segment."))
	f.Func().Params(jen.Id("p").Id(name)).Id("checkPath").Params(jen.Id("vs").Op("*").Id("violationList")).BlockFunc(func(g *jen.Group) {
		for _, pp := range segments {
			g.Id("vs").Dot("checkSegment").Call(jen.Lit(pointerToken(pp.Name)), jen.Lit(pp.Pointer), formatScalar(pp.Type, jen.Id("p").Dot(pp.GoName)))
		}
	})
}

// pathSegments returns the path parameters whose text a caller chooses
// freely (strings and enums), which must each make one path segment.
func pathSegments(op *ir.Operation) []*ir.Param {
	var out []*ir.Param
	for _, p := range op.PathParams {
		if p.Type.Kind == ir.String || p.Type.Kind == ir.EnumKind {
			out = append(out, p)
		}
	}
	return out
}

// fieldChecks checks a present field's own type rules: an object field's
// validate, an enum's membership, bounds, lengths, array items.
func (e *emitter) fieldChecks(obj inst, fl *ir.Field) []jen.Code {
	member := e.member(obj, fl)
	return e.ifPresent(obj, fl, member, e.valueChecks(member))
}

// valueChecks checks a value against its type's own rules, descending into
// objects, array items and map values.
func (e *emitter) valueChecks(in inst) []jen.Code {
	t := in.t
	switch t.Kind {
	case ir.ObjectKind:
		call := in.recv().Dot("validate").Call(jen.Id("vs"), in.path())
		if in.null != nil {
			return []jen.Code{jen.If(jen.Op("!").Add(in.null())).Block(call)}
		}
		return []jen.Code{call}
	case ir.Array, ir.Map:
		out := e.checks(t.Checks, in, nil)
		e.tmp++
		n := e.tmp
		key, itemVar := fmt.Sprintf("k%d", n), fmt.Sprintf("ip%d", n)
		elem := nullableElem(inst{
			t:       t.Elem,
			val:     func() *jen.Statement { return plain(t.Elem, in.val().Index(jen.Id(key))) },
			path:    func() *jen.Statement { return jen.Op("&").Id(itemVar) },
			pathVar: itemVar,
			elem:    true,
		})
		inner := e.valueChecks(elem)
		if len(inner) == 0 {
			return out
		}
		if t.Kind == ir.Array {
			return append(out, jen.For(jen.Id(key).Op(":=").Range().Add(in.val())).Block(
				append([]jen.Code{jen.Id(itemVar).Op(":=").Add(in.pathPtr()).Dot("item").Call(jen.Id(key))}, inner...)...,
			))
		}
		// Map values in key order, so that violations come in a stable
		// order. A map element is not addressable: an object value is
		// copied out to call its validate.
		head := []jen.Code{jen.Id(itemVar).Op(":=").Add(in.pathPtr()).Dot("member").Call(jen.Id(key))}
		if t.Elem.Kind == ir.ObjectKind {
			ev := fmt.Sprintf("v%d", n)
			head = append(head, jen.Id(ev).Op(":=").Add(in.val()).Index(jen.Id(key)))
			elem = nullableElem(inst{t: t.Elem, val: func() *jen.Statement { return jen.Id(ev) }, path: elem.path, pathVar: itemVar, elem: true})
			inner = e.valueChecks(elem)
		}
		return append(out, jen.For(jen.List(jen.Id("_"), jen.Id(key)).Op(":=").Range().Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(in.val()))).Block(
			append(head, inner...)...,
		))
	case ir.Any:
		return e.dynValue(t, in, in.elem)
	}
	return e.checks(t.Checks, in, nil)
}

// nullableElem makes an item or map value of a type that admits null
// checkable: its value is the Nullable's Value, and null its Null.
func nullableElem(in inst) inst {
	if !in.t.Nullable {
		return in
	}
	inner := *in.t
	inner.Nullable = false
	whole := in.val
	in.val = func() *jen.Statement { return plain(&inner, whole().Dot("Value")) }
	in.null = func() *jen.Statement { return whole().Dot("Null") }
	return in
}

// pathPtr is the *jsonPath of the instance, for calling its methods.
func (in inst) pathPtr() *jen.Statement {
	if in.pathVar != "" {
		return jen.Id(in.pathVar)
	}
	return in.path()
}

// member returns the instance of field fl of object obj, with a fresh
// path variable.
func (e *emitter) member(obj inst, fl *ir.Field) inst {
	pathVar := "p" + fl.GoName
	ptr := func() *jen.Statement { return obj.val().Dot(fl.GoName) }
	in := inst{t: fl.Type, ptr: ptr, val: ptr, path: func() *jen.Statement { return jen.Op("&").Id(pathVar) }, pathVar: pathVar, sensitive: fl.Sensitive}
	switch {
	case fl.Type.Nullable:
		inner := *fl.Type
		inner.Nullable = false
		in.val = func() *jen.Statement { return plain(&inner, ptr().Dot("Value")) }
		in.null = func() *jen.Statement { return ptr().Dot("Null") }
	case secretField(fl):
		in.val = func() *jen.Statement { return ptr().Dot("Value").Call() }
	case fl.Type.Kind != ir.ObjectKind && fl.Type.Kind != ir.Any && !isCollection(fl.Type):
		in.deref = true
		in.val = func() *jen.Statement { return jen.Op("*").Add(ptr()) }
	}
	return in
}

// ifPresent wraps inner in "if field is present { fpN := p.member(...) }".
func (e *emitter) ifPresent(obj inst, fl *ir.Field, member inst, inner []jen.Code) []jen.Code {
	if len(inner) == 0 {
		return nil
	}
	stmts := append([]jen.Code{jen.Id(member.pathVar).Op(":=").Add(obj.pathPtr()).Dot("field").Call(jen.Lit(pointerToken(fl.JSONName)))}, inner...)
	return []jen.Code{jen.If(present(obj, fl).code()).Block(stmts...)}
}

// present is the condition that field fl of obj is set.
func present(obj inst, fl *ir.Field) cond { return fieldSet(obj.val(), fl) }

// absent is the condition that field fl of obj is not set.
func absent(obj inst, fl *ir.Field) cond { return present(obj, fl).not() }

// plain returns the expression of a value of type t as checks see it: a
// Secret's string.
func plain(t *ir.Type, v *jen.Statement) *jen.Statement {
	if isSecret(t) {
		return v.Dot("Value").Call()
	}
	return v
}

// message joins what is wrong with the conditions that made it a rule.
func message(what string, conds []string) string {
	if len(conds) == 0 {
		return what
	}
	return what + " when " + strings.Join(conds, " and ")
}

// add emits vs.add(path, rule, msg).
func add(in inst, rule, msg string) *jen.Statement {
	return jen.Id("vs").Dot("add").Call(in.path(), jen.Lit(rule), jen.Lit(msg))
}

// addMember emits vs.addField(path, token, rule, msg) for the member name
// of the instance.
func addMember(in inst, name, rule, msg string) *jen.Statement {
	return jen.Id("vs").Dot("addField").Call(in.path(), jen.Lit(pointerToken(name)), jen.Lit(rule), jen.Lit(msg))
}

// checks emits the statements that add a violation for every check of s
// that in fails; conds are the conditions under which s applies.
func (e *emitter) checks(s *ir.Schema, in inst, conds []string) []jen.Code {
	if s.Empty() {
		return nil
	}
	var out []jen.Code
	for _, c := range s.Checks {
		out = append(out, e.check(c, in, conds)...)
	}
	return out
}

func (e *emitter) check(c ir.Check, in inst, conds []string) []jen.Code {
	switch c := c.(type) {
	case *ir.Required:
		var out []jen.Code
		for _, f := range c.Fields {
			out = append(out, jen.If(absent(in, f).code()).Block(addMember(in, f.JSONName, c.Pointer, message("required", conds))))
		}
		return out
	case *ir.Property:
		member := e.member(in, c.Field)
		return e.ifPresent(in, c.Field, member, e.checks(c.Schema, member, conds))
	case *ir.Const:
		what := "must be " + c.Value.String()
		return []jen.Code{jen.If(in.val().Op("!=").Add(e.literal(c.Value, in.t))).Block(e.addValue(in, c.Pointer, what, conds))}
	case *ir.EnumOf:
		what := "must be one of " + ir.LiteralList(c.Values)
		if len(c.Values) == 1 {
			what = "must be " + c.Values[0].String()
		}
		return ifThen(e.match(c, in).not(), e.addValue(in, c.Pointer, what, conds))
	case *ir.IntBound:
		what := fmt.Sprintf("must be %s %d", c.Op, c.Limit)
		return ifThen(e.match(c, in).not(), add(in, c.Pointer, message(what, conds)))
	case *ir.Length:
		what := "must be " + rangeText(c.Min, c.Max, "character") + " long"
		return ifThen(e.match(c, in).not(), add(in, c.Pointer, message(what, conds)))
	case *ir.Pattern:
		what := "must match the pattern " + strconv.Quote(c.Regexp)
		return ifThen(e.match(c, in).not(), add(in, c.Pointer, message(what, conds)))
	case *ir.ItemCount:
		what := "must have " + rangeText(c.Min, c.Max, "item")
		return ifThen(e.match(c, in).not(), add(in, c.Pointer, message(what, conds)))
	case *ir.Items:
		e.tmp++
		idx, itemVar := fmt.Sprintf("i%d", e.tmp), fmt.Sprintf("ip%d", e.tmp)
		elem := inst{
			t:       in.t.Elem,
			val:     func() *jen.Statement { return plain(in.t.Elem, in.val().Index(jen.Id(idx))) },
			path:    func() *jen.Statement { return jen.Op("&").Id(itemVar) },
			pathVar: itemVar,
		}
		inner := e.checks(c.Schema, elem, conds)
		if len(inner) == 0 {
			return nil
		}
		return []jen.Code{jen.For(jen.Id(idx).Op(":=").Range().Add(in.val())).Block(
			append([]jen.Code{jen.Id(itemVar).Op(":=").Add(in.pathPtr()).Dot("item").Call(jen.Id(idx))}, inner...)...,
		)}
	case *ir.AllOf:
		var out []jen.Code
		for _, sub := range c.Schemas {
			out = append(out, e.checks(sub, in, conds)...)
		}
		return out
	case *ir.AnyOf:
		what := "must match at least one of: " + alternatives(c.Schemas)
		return ifThen(e.match(c, in).not(), add(in, c.Pointer, message(what, conds)))
	case *ir.OneOf:
		return e.oneOf(c, in, conds)
	case *ir.Not:
		if f := ir.SingleRequired(c.Schema); f != nil {
			return []jen.Code{jen.If(present(in, f).code()).Block(addMember(in, f.JSONName, c.Pointer, message("not allowed", conds)))}
		}
		what := "must not match: " + ir.Describe(c.Schema)
		return ifThen(e.matchSchema(c.Schema, in), add(in, c.Pointer, message(what, conds)))
	case *ir.IfThenElse:
		cond := ir.Describe(c.If)
		then := e.checks(c.Then, in, append(conds[:len(conds):len(conds)], cond))
		els := e.checks(c.Else, in, append(conds[:len(conds):len(conds)], "not ("+cond+")"))
		switch {
		case len(then) == 0 && len(els) == 0:
			return nil
		case len(els) == 0:
			return ifThen(e.matchSchema(c.If, in), then...)
		case len(then) == 0:
			return ifThen(e.matchSchema(c.If, in).not(), els...)
		}
		return ifElse(e.matchSchema(c.If, in), then, els)
	case *ir.DependentRequired:
		var inner []jen.Code
		for _, r := range c.Requires {
			inner = append(inner, jen.If(absent(in, r).code()).Block(
				addMember(in, r.JSONName, c.Pointer, message("required", append(conds[:len(conds):len(conds)], c.Field.JSONName+" is set")))))
		}
		if len(inner) == 0 {
			return nil
		}
		return []jen.Code{jen.If(present(in, c.Field).code()).Block(inner...)}
	case *ir.Never:
		return []jen.Code{add(in, c.Pointer, message("no value is allowed here", conds))}
	case *ir.IsNull:
		what := "must be null"
		if !c.Null {
			what = "must not be null"
		}
		return ifThen(e.match(c, in).not(), add(in, c.Pointer, message(what, conds)))
	case *ir.IsInteger:
		return ifThen(e.match(c, in).not(), add(in, c.Pointer, message("must be an integer", conds)))
	case *ir.MultipleOf:
		return ifThen(e.match(c, in).not(), add(in, c.Pointer, message("must be a multiple of "+c.Divisor, conds)))
	case *ir.NumBound:
		return ifThen(e.match(c, in).not(), add(in, c.Pointer, message("must be "+c.Op+" "+c.Limit, conds)))
	case *ir.TypeIs, *ir.UniqueItems, *ir.PropertyCount, *ir.PrefixItems,
		*ir.Contains, *ir.PatternProperty, *ir.Additional, *ir.PropertyNames, *ir.DependentSchema, *ir.Ref:
		panic(openOnly(c))
	}
	panic(fmt.Sprintf("emit: unknown check %T", c))
}

// addValue adds a violation about a value, naming the value when it is not
// a secret and is a string.
func (e *emitter) addValue(in inst, rule, what string, conds []string) *jen.Statement {
	if in.sensitive || in.null != nil || (in.t.Kind != ir.String && in.t.Kind != ir.EnumKind) {
		return add(in, rule, message(what, conds))
	}
	val := in.val()
	if in.t.Kind == ir.EnumKind {
		val = jen.String().Parens(val)
	}
	suffix := ""
	if len(conds) > 0 {
		suffix = " when " + strings.Join(conds, " and ")
	}
	return jen.Id("vs").Dot("addValue").Call(in.path(), jen.Lit(rule), jen.Lit(what+", got "), val, jen.Lit(suffix))
}

// rangeText says how many of word a range allows: "at least 2 items",
// "at most 3 items", "2 to 3 items".
func rangeText(lo, hi int64, word string) string {
	switch {
	case hi < 0:
		return fmt.Sprintf("at least %d %s", lo, plural(lo, word))
	case lo == 0:
		return fmt.Sprintf("at most %d %s", hi, plural(hi, word))
	case lo == hi:
		return fmt.Sprintf("exactly %d %s", lo, plural(lo, word))
	}
	return fmt.Sprintf("%d to %d %s", lo, hi, plural(hi, word))
}

// plural returns word, with an s unless n is 1.
func plural(n int64, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// oneOf emits a count of the matching branches and a violation unless it
// is one. Branches that each require one member read as "exactly one of a,
// b".
func (e *emitter) oneOf(c *ir.OneOf, in inst, conds []string) []jen.Code {
	e.tmp++
	n := fmt.Sprintf("n%d", e.tmp)
	stmts := []jen.Code{jen.Id(n).Op(":=").Lit(0)}
	for _, sub := range c.Schemas {
		stmts = append(stmts, ifThen(e.matchSchema(sub, in), jen.Id(n).Op("++"))...)
	}
	var names []string
	for _, sub := range c.Schemas {
		if f := ir.SingleRequired(sub); f != nil {
			names = append(names, f.JSONName)
		}
	}
	none := "must match exactly one of " + alternatives(c.Schemas) + ", matches none"
	many := "must match exactly one of " + alternatives(c.Schemas) + ", matches more than one"
	if len(names) == len(c.Schemas) {
		list := strings.Join(names, ", ")
		none = "exactly one of " + list + " is required"
		many = "only one of " + list + " is allowed"
	}
	stmts = append(stmts,
		jen.If(jen.Id(n).Op("==").Lit(0)).Block(add(in, c.Pointer, message(none, conds))).
			Else().If(jen.Id(n).Op(">").Lit(1)).Block(add(in, c.Pointer, message(many, conds))),
	)
	return []jen.Code{jen.Block(stmts...)}
}

func alternatives(schemas []*ir.Schema) string {
	parts := make([]string, len(schemas))
	for i, s := range schemas {
		parts[i] = "(" + ir.Describe(s) + ")"
	}
	return strings.Join(parts, ", ")
}

// matchSchema is the condition that in matches s.
func (e *emitter) matchSchema(s *ir.Schema, in inst) cond {
	if s.Empty() {
		return truth(true)
	}
	// A member required earlier in the same schema is known to be there:
	// its property check needs no "absent or".
	required := map[*ir.Field]bool{}
	var parts []cond
	for _, c := range s.Checks {
		switch c := c.(type) {
		case *ir.Required:
			for _, f := range c.Fields {
				required[f] = true
			}
		case *ir.Property:
			if required[c.Field] {
				parts = append(parts, e.matchSchema(c.Schema, e.member(in, c.Field)))
				continue
			}
		}
		parts = append(parts, e.match(c, in))
	}
	return allOf(parts...)
}

// within is the condition that the count n is from lo to hi (no upper
// bound when hi is negative). A count is never negative: a lower bound of
// 0 is no test.
func within(n *jen.Statement, lo, hi int64) cond {
	var parts []cond
	if lo > 0 {
		parts = append(parts, compareOrdered(n.Clone(), ">=", jen.Lit(int(lo))))
	}
	if hi >= 0 {
		parts = append(parts, compareOrdered(n.Clone(), "<=", jen.Lit(int(hi))))
	}
	return allOf(parts...)
}

// match is the condition that in passes c.
func (e *emitter) match(c ir.Check, in inst) cond {
	switch c := c.(type) {
	case *ir.Required:
		var parts []cond
		for _, f := range c.Fields {
			parts = append(parts, present(in, f))
		}
		return allOf(parts...)
	case *ir.Property:
		return anyOf(absent(in, c.Field), e.matchSchema(c.Schema, e.member(in, c.Field)))
	case *ir.Const:
		return e.equals(in, c.Value)
	case *ir.EnumOf:
		if in.t.Kind == ir.EnumKind && in.null == nil && sameValues(c.Values, in.t.Enum) {
			return atom(in.recv().Dot("Valid").Call())
		}
		var parts []cond
		for _, v := range c.Values {
			parts = append(parts, e.equals(in, v))
		}
		return anyOf(parts...)
	case *ir.IntBound:
		limit := jen.Op(strconv.FormatInt(c.Limit, 10))
		if in.t.Kind == ir.Float {
			// NaN meets no bound: "x >= 0 && !math.IsNaN(x)" is "x >= 0",
			// and negated it reads "x < 0 || math.IsNaN(x)", where a bare
			// "x < 0" would let NaN through.
			return in.typed(allOf(compareOrdered(in.val(), c.Op, limit), atom(jen.Qual("math", "IsNaN").Call(in.val())).not()))
		}
		return in.typed(compareOrdered(in.val(), c.Op, limit))
	case *ir.Length:
		return in.typed(within(jen.Qual("unicode/utf8", "RuneCountInString").Call(e.stringVal(in)), c.Min, c.Max))
	case *ir.Pattern:
		return in.typed(atom(jen.Id(e.pattern(c.Regexp)).Call().Dot("MatchString").Call(e.stringVal(in))))
	case *ir.ItemCount:
		return in.typed(within(jen.Len(in.val()), c.Min, c.Max))
	case *ir.Items:
		elem := inst{t: in.t.Elem, val: func() *jen.Statement { return plain(in.t.Elem, jen.Id("v")) }}
		e.needMatch = true
		return atom(jen.Id("allItems").Call(in.val(), jen.Func().Params(jen.Id("v").Add(valueCode(in.t.Elem))).Bool().Block(
			jen.Return(e.matchSchema(c.Schema, elem).code()),
		)))
	case *ir.AllOf:
		var parts []cond
		for _, sub := range c.Schemas {
			parts = append(parts, e.matchSchema(sub, in))
		}
		return allOf(parts...)
	case *ir.AnyOf:
		var parts []cond
		for _, sub := range c.Schemas {
			parts = append(parts, e.matchSchema(sub, in))
		}
		return anyOf(parts...)
	case *ir.OneOf:
		var args []jen.Code
		for _, sub := range c.Schemas {
			args = append(args, e.matchSchema(sub, in).code())
		}
		e.needMatch = true
		return compareOrdered(jen.Id("countTrue").Call(args...), "==", jen.Lit(1))
	case *ir.Not:
		return e.matchSchema(c.Schema, in).not()
	case *ir.IfThenElse:
		cond := e.matchSchema(c.If, in)
		then, els := e.matchSchema(c.Then, in), e.matchSchema(c.Else, in)
		return allOf(anyOf(cond.not(), then), anyOf(cond, els))
	case *ir.DependentRequired:
		var parts []cond
		for _, r := range c.Requires {
			parts = append(parts, present(in, r))
		}
		return anyOf(absent(in, c.Field), allOf(parts...))
	case *ir.Never:
		return truth(false)
	case *ir.IsNull:
		if in.null == nil {
			return truth(!c.Null)
		}
		if c.Null {
			return atom(in.null())
		}
		return atom(in.null()).not()
	case *ir.IsInteger:
		return in.typed(compare(in.val(), "==", jen.Qual("math", "Trunc").Call(in.val())))
	case *ir.MultipleOf:
		// On an integer, whose divisor the builder makes a whole number.
		return in.typed(compareOrdered(in.val().Op("%").Op(c.Divisor), "==", jen.Lit(0)))
	case *ir.NumBound:
		// On a number, an inclusive bound of at most 15 significant digits:
		// the float64 compares with the literal's float64 as the decimals
		// do (the decoder compares the document's digits).
		return in.typed(allOf(compareOrdered(in.val(), c.Op, jen.Op(c.Limit)), atom(jen.Qual("math", "IsNaN").Call(in.val())).not()))
	case *ir.TypeIs, *ir.UniqueItems, *ir.PropertyCount, *ir.PrefixItems,
		*ir.Contains, *ir.PatternProperty, *ir.Additional, *ir.PropertyNames, *ir.DependentSchema, *ir.Ref:
		panic(openOnly(c))
	}
	panic(fmt.Sprintf("emit: unknown check %T", c))
}

// openOnly is the bug of a check of values of open type on a typed
// instance: the builder compiles these keywords for Values only.
func openOnly(c ir.Check) string {
	return fmt.Sprintf("emit: %T is checked on values of open type only, and the builder made one for a typed value", c)
}

// equals emits "the value equals l", which for a nullable value is false
// on null unless l is null.
func (e *emitter) equals(in inst, l ir.Literal) cond {
	if l.Kind == ir.Null {
		if in.null == nil {
			return truth(false)
		}
		return atom(in.null())
	}
	var eq cond
	switch {
	case l.Kind == ir.Bool:
		eq = atom(in.val())
		if !l.Bool {
			eq = eq.not()
		}
	default:
		eq = compare(in.val(), "==", e.literal(l, in.t))
	}
	if in.null != nil {
		return allOf(atom(in.null()).not(), eq)
	}
	return eq
}

// stringVal is the value of a string-like instance as a Go string.
func (e *emitter) stringVal(in inst) *jen.Statement {
	if in.t.Kind == ir.EnumKind {
		return jen.String().Parens(in.val())
	}
	return in.val()
}

func sameValues(ls []ir.Literal, en *ir.Enum) bool {
	if len(ls) != len(en.Values) {
		return false
	}
	for i, l := range ls {
		if l.Str != en.Values[i].Value {
			return false
		}
	}
	return true
}

// literal emits a const or enum value as Go: an enum's constant where
// there is one, an untyped constant otherwise.
func (e *emitter) literal(l ir.Literal, t *ir.Type) *jen.Statement {
	switch l.Kind {
	case ir.Bool:
		return jen.Lit(l.Bool)
	case ir.Int:
		return jen.Op(strconv.FormatInt(l.Int, 10))
	}
	if t.Kind == ir.EnumKind {
		for _, v := range t.Enum.Values {
			if v.Value == l.Str {
				return jen.Id(v.GoName)
			}
		}
	}
	return jen.Lit(l.Str)
}

// pattern returns the name of the lazily compiled regexp for re.
func (e *emitter) pattern(re string) string {
	for i, p := range e.patterns {
		if p == re {
			return fmt.Sprintf("pattern%d", i)
		}
	}
	e.patterns = append(e.patterns, re)
	return fmt.Sprintf("pattern%d", len(e.patterns)-1)
}
