package emit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/names"
)

// This file emits the checks of values of open JSON type (kind Any, the Go
// type Value), parsed into a tree of *valueNode: every keyword applies to
// the JSON types it is about and passes the others, so each check tests
// the node's kind first. A schema used as a condition (anyOf, oneOf, not,
// if, contains) gets a function of its own, which matches runs against a
// quiet violation list.

// dnode is a value of open type being checked: the expression of its
// valueNode (addressable, for fields and methods), of a *valueNode to it,
// and of its *jsonPath.
type dnode struct {
	v   func() *jen.Statement
	ref func() *jen.Statement
	// pathVar names the jsonPath variable of the value, "" for the
	// function's parameter p, a *jsonPath.
	pathVar string
}

// path is the *jsonPath of n, as an argument.
func (n dnode) path() *jen.Statement {
	if n.pathVar == "" {
		return jen.Id("p")
	}
	return jen.Op("&").Id(n.pathVar)
}

// at is the jsonPath of n, to call its methods.
func (n dnode) at() *jen.Statement {
	if n.pathVar == "" {
		return jen.Id("p")
	}
	return jen.Id(n.pathVar)
}

// ptrNode is the dnode of a *valueNode expression whose path is the
// variable pathVar.
func ptrNode(v func() *jen.Statement, pathVar string) dnode {
	return dnode{v: v, ref: v, pathVar: pathVar}
}

// elemNode is the dnode of an addressable valueNode expression.
func elemNode(v func() *jen.Statement, pathVar string) dnode {
	return dnode{v: v, ref: func() *jen.Statement { return jen.Op("&").Add(v()) }, pathVar: pathVar}
}

// dynState is what the checks of values of open type need at file level:
// the functions of condition schemas, the parsed literals and bounds.
type dynState struct {
	funcs    map[*ir.Schema]string // condition schema -> its function
	pending  []*ir.Schema          // functions still to write
	used     map[string]bool       // function names taken
	literals []string              // JSON of const and enum values
	decimals []string              // bounds and divisors
}

// valueOf is the dnode of the Value expression val at path.
func valueOf(val func() *jen.Statement, pathVar string) dnode {
	return ptrNode(func() *jen.Statement { return val().Dot("n") }, pathVar)
}

// dynValue emits the checks of a Value that is present (a field) or must
// be (an item or a map value, where a zero Value built in Go is an error).
func (e *emitter) dynValue(t *ir.Type, in inst, mustBeSet bool) []jen.Code {
	checks := e.dynChecks(t.Checks, valueOf(in.val, in.pathVar))
	if !mustBeSet {
		return checks
	}
	unset := jen.If(jen.Op("!").Add(in.val()).Dot("IsSet").Call()).Block(
		add(in, t.TypeRule, "must be a value; a zero Value is absent"),
	)
	if len(checks) == 0 {
		return []jen.Code{unset}
	}
	return []jen.Code{unset.Else().Block(checks...)}
}

// dynStmt is one statement of the checks of a value of open type: "if
// cond { body }" (body alone when cond is nil), to run when the value is
// of the JSON kind named (any value when kind is ""). Consecutive
// statements of one kind share one test of it.
type dynStmt struct {
	kind string
	cond *cond
	body []jen.Code
}

// dynChecks emits the statements that record the violations of s by the
// value n.
func (e *emitter) dynChecks(s *ir.Schema, n dnode) []jen.Code {
	if s.Empty() {
		return nil
	}
	var stmts []dynStmt
	for _, c := range s.Checks {
		stmts = append(stmts, e.dynCheck(c, n)...)
	}
	var out []jen.Code
	for i := 0; i < len(stmts); {
		j := i + 1
		for j < len(stmts) && stmts[i].kind != "" && stmts[j].kind == stmts[i].kind {
			j++
		}
		out = append(out, group(n, stmts[i:j]))
		i = j
	}
	return out
}

// group renders statements of one kind: "if kind && cond { body }" for
// one, "if kind { ... }" around several.
func group(n dnode, stmts []dynStmt) jen.Code {
	plain := func(st dynStmt) jen.Code {
		if st.cond == nil {
			return jen.Block(st.body...)
		}
		return jen.If(st.cond.code()).Block(st.body...)
	}
	st := stmts[0]
	switch {
	case st.kind == "":
		if st.cond == nil && len(st.body) == 1 {
			return st.body[0]
		}
		return plain(st)
	case len(stmts) == 1 && st.cond != nil:
		return jen.If(allOf(kindIs(n, st.kind), *st.cond).code()).Block(st.body...)
	}
	var body []jen.Code
	for _, st := range stmts {
		if st.cond == nil {
			body = append(body, st.body...)
			continue
		}
		body = append(body, plain(st))
	}
	return jen.If(kindIs(n, st.kind).code()).Block(body...)
}

// kindIs is the condition that n is of the JSON kind named.
func kindIs(n dnode, kind string) cond {
	return compare(n.v().Dot("kind"), "==", jen.Id(kind))
}

// dynAdd records a violation at n.
func dynAdd(n dnode, rule string, msg jen.Code) *jen.Statement {
	return jen.Id("vs").Dot("add").Call(n.path(), jen.Lit(rule), msg)
}

// kindNames maps the JSON Schema type names other than integer to the
// run-time kinds, with the phrase of a message.
var typeKinds = map[string]struct{ kind, phrase string }{
	"null":    {"kindNull", "null"},
	"boolean": {"kindBoolean", "a boolean"},
	"integer": {"", "an integer"},
	"number":  {"kindNumber", "a number"},
	"string":  {"kindString", "a string"},
	"array":   {"kindArray", "an array"},
	"object":  {"kindObject", "an object"},
}

// alternativesText joins phrases with commas and a final "or".
func alternativesText(phrases []string) string {
	switch len(phrases) {
	case 0:
		return ""
	case 1:
		return phrases[0]
	}
	return strings.Join(phrases[:len(phrases)-1], ", ") + " or " + phrases[len(phrases)-1]
}

// when is a statement for values of one kind, run when c holds (always
// when c is nil).
func when(kind string, c *cond, body ...jen.Code) []dynStmt {
	if c != nil && c.kind == condLit {
		if !c.lit {
			return nil
		}
		c = nil
	}
	return []dynStmt{{kind: kind, cond: c, body: body}}
}

// given is c as when's condition.
func given(c cond) *cond { return &c }

func (e *emitter) dynCheck(c ir.Check, n dnode) []dynStmt {
	switch c := c.(type) {
	case *ir.TypeIs:
		// The value fails when it is none of the types: each type's test
		// negated, joined with &&.
		var fails []cond
		var phrases []string
		for _, t := range c.Types {
			k := typeKinds[t]
			phrases = append(phrases, k.phrase)
			if k.kind == "" {
				fails = append(fails, atom(n.v().Dot("isInteger").Call()).not())
				continue
			}
			fails = append(fails, kindIs(n, k.kind).not())
		}
		return when("", given(allOf(fails...)), dynAdd(n, c.Pointer, jen.Lit("must be "+alternativesText(phrases)+", got ").Op("+").Add(n.v().Dot("typeName").Call())))
	case *ir.NumBound:
		return when("kindNumber", given(compareOrdered(n.v().Dot("num").Dot("cmp").Call(jen.Id(e.decimal(c.Limit))), c.Op, jen.Lit(0)).not()),
			dynAdd(n, c.Pointer, jen.Lit("must be "+c.Op+" "+c.Limit)))
	case *ir.IntBound:
		return e.dynCheck(&ir.NumBound{Pointer: c.Pointer, Op: c.Op, Limit: strconv.FormatInt(c.Limit, 10)}, n)
	case *ir.MultipleOf:
		return when("kindNumber", given(atom(n.v().Dot("num").Dot("multipleOf").Call(jen.Id(e.decimal(c.Divisor)))).not()),
			dynAdd(n, c.Pointer, jen.Lit("must be a multiple of "+c.Divisor)))
	case *ir.IsInteger:
		return when("kindNumber", given(atom(n.v().Dot("isInteger").Call()).not()), dynAdd(n, c.Pointer, jen.Lit("must be an integer")))
	case *ir.IsNull:
		if c.Null {
			return when("", given(kindIs(n, "kindNull").not()), dynAdd(n, c.Pointer, jen.Lit("must be null")))
		}
		return when("", given(kindIs(n, "kindNull")), dynAdd(n, c.Pointer, jen.Lit("must not be null")))
	case *ir.Length:
		return countCheck(n, "kindString", n.v().Dot("length").Call(), c.Pointer, c.Min, c.Max, "must be "+rangeText(c.Min, c.Max, "character")+" long")
	case *ir.Pattern:
		return when("kindString", given(atom(jen.Id(e.pattern(c.Regexp)).Call().Dot("MatchString").Call(n.v().Dot("text"))).not()),
			dynAdd(n, c.Pointer, jen.Lit("must match the pattern "+strconv.Quote(c.Regexp))))
	case *ir.ItemCount:
		return countCheck(n, "kindArray", jen.Len(n.v().Dot("items")), c.Pointer, c.Min, c.Max, "must have "+rangeText(c.Min, c.Max, "item"))
	case *ir.PropertyCount:
		return countCheck(n, "kindObject", jen.Len(n.v().Dot("members")), c.Pointer, c.Min, c.Max, "must have "+rangeText(c.Min, c.Max, "member"))
	case *ir.UniqueItems:
		return when("kindArray", given(atom(n.v().Dot("uniqueItems").Call()).not()), dynAdd(n, c.Pointer, jen.Lit("must not hold two equal items")))
	case *ir.Items:
		return e.dynEach(n, c.From, c.Schema)
	case *ir.PrefixItems:
		var out []dynStmt
		for i, s := range c.Schemas {
			if item := e.dynItem(n, jen.Lit(i), s); len(item) > 0 {
				out = append(out, when("kindArray", given(compareOrdered(jen.Len(n.v().Dot("items")), ">", jen.Lit(i))), item...)...)
			}
		}
		return out
	case *ir.Contains:
		e.tmp++
		count, i, ip := fmt.Sprintf("n%d", e.tmp), fmt.Sprintf("i%d", e.tmp), fmt.Sprintf("ip%d", e.tmp)
		fn := e.condFunc(c.Schema)
		tests := jen.If(jen.Id(count).Op("<").Lit(int(c.Min))).Block(
			dynAdd(n, c.MinRule, jen.Lit("must hold "+rangeText(c.Min, -1, "item")+" matching the contains schema")),
		)
		if c.Max >= 0 {
			tests = tests.Else().If(jen.Id(count).Op(">").Lit(int(c.Max))).Block(
				dynAdd(n, c.MaxRule, jen.Lit("must hold "+rangeText(0, c.Max, "item")+" matching the contains schema")),
			)
		}
		return when("kindArray", nil,
			jen.Id(count).Op(":=").Lit(0),
			jen.For(jen.Id(i).Op(":=").Range().Add(n.v().Dot("items"))).Block(
				jen.Id(ip).Op(":=").Add(n.at()).Dot("item").Call(jen.Id(i)),
				jen.If(jen.Id("matches").Call(jen.Id(fn), jen.Op("&").Id(ip), jen.Op("&").Add(n.v()).Dot("items").Index(jen.Id(i)))).Block(jen.Id(count).Op("++")),
			),
			tests,
		)
	case *ir.Required:
		var out []dynStmt
		for _, f := range c.Fields {
			out = append(out, when("kindObject", given(atom(n.v().Dot("has").Call(jen.Lit(f.JSONName))).not()),
				jen.Id("vs").Dot("addField").Call(n.path(), jen.Lit(pointerToken(f.JSONName)), jen.Lit(c.Pointer), jen.Lit("required")))...)
		}
		return out
	case *ir.Property:
		e.tmp++
		m, mp := fmt.Sprintf("m%d", e.tmp), fmt.Sprintf("mp%d", e.tmp)
		inner := e.dynChecks(c.Schema, ptrNode(func() *jen.Statement { return jen.Id(m) }, mp))
		if len(inner) == 0 {
			return nil
		}
		return when("kindObject", nil, jen.If(jen.Id(m).Op(":=").Add(n.v()).Dot("member").Call(jen.Lit(c.Field.JSONName)), jen.Id(m).Op("!=").Nil()).Block(
			append([]jen.Code{jen.Id(mp).Op(":=").Add(n.at()).Dot("field").Call(jen.Lit(pointerToken(c.Field.JSONName)))}, inner...)...,
		))
	case *ir.PatternProperty:
		return e.dynMembers(n, func(name jen.Code) *cond {
			return given(atom(jen.Id(e.pattern(c.Regexp)).Call().Dot("MatchString").Call(name)).not())
		}, c.Schema, "")
	case *ir.Additional:
		skip := func(name jen.Code) *cond {
			var conds []cond
			for _, k := range c.Known {
				conds = append(conds, compare(jen.Add(name), "==", jen.Lit(k)))
			}
			for _, p := range c.Patterns {
				conds = append(conds, atom(jen.Id(e.pattern(p)).Call().Dot("MatchString").Call(name)))
			}
			if len(conds) == 0 {
				return nil
			}
			return given(anyOf(conds...))
		}
		unknown := ""
		if len(c.Schema.Checks) == 1 {
			if _, never := c.Schema.Checks[0].(*ir.Never); never {
				unknown = c.Pointer
			}
		}
		return e.dynMembers(n, skip, c.Schema, unknown)
	case *ir.PropertyNames:
		if c.Schema.Empty() {
			return nil
		}
		e.tmp++
		i, mp := fmt.Sprintf("i%d", e.tmp), fmt.Sprintf("mp%d", e.tmp)
		member := func() *jen.Statement { return n.v().Dot("members").Index(jen.Id(i)) }
		return when("kindObject", nil, jen.For(jen.Id(i).Op(":=").Range().Add(n.v().Dot("members"))).Block(
			jen.Id(mp).Op(":=").Add(n.at()).Dot("member").Call(member().Dot("name")),
			jen.Id(e.condFunc(c.Schema)).Call(jen.Id("vs"), jen.Op("&").Id(mp),
				jen.Op("&").Id("valueNode").Values(jen.Dict{jen.Id("kind"): jen.Id("kindString"), jen.Id("text"): member().Dot("name")})),
		))
	case *ir.DependentRequired:
		var inner []jen.Code
		for _, r := range c.Requires {
			inner = append(inner, jen.If(atom(n.v().Dot("has").Call(jen.Lit(r.JSONName))).not().code()).Block(
				jen.Id("vs").Dot("addField").Call(n.path(), jen.Lit(pointerToken(r.JSONName)), jen.Lit(c.Pointer), jen.Lit("required when "+c.Field.JSONName+" is set")),
			))
		}
		if len(inner) == 0 {
			return nil
		}
		return when("kindObject", given(atom(n.v().Dot("has").Call(jen.Lit(c.Field.JSONName)))), inner...)
	case *ir.DependentSchema:
		inner := e.dynChecks(c.Schema, n)
		if len(inner) == 0 {
			return nil
		}
		return when("kindObject", given(atom(n.v().Dot("has").Call(jen.Lit(c.Name)))), inner...)
	case *ir.Const:
		return when("", given(atom(jen.Id("equalNodes").Call(n.ref(), jen.Id(e.literalVar(c.Value)))).not()),
			dynAdd(n, c.Pointer, jen.Lit("must be "+c.Value.String())))
	case *ir.EnumOf:
		if len(c.Values) == 0 {
			return when("", nil, dynAdd(n, c.Pointer, jen.Lit("no value is allowed here (the enum is empty)")))
		}
		var matches []cond
		for _, l := range c.Values {
			matches = append(matches, atom(jen.Id("equalNodes").Call(n.ref(), jen.Id(e.literalVar(l)))))
		}
		what := "must be one of " + ir.LiteralList(c.Values)
		if len(c.Values) == 1 {
			what = "must be " + c.Values[0].String()
		}
		return when("", given(anyOf(matches...).not()), dynAdd(n, c.Pointer, jen.Lit(what)))
	case *ir.AllOf:
		var out []dynStmt
		for _, s := range c.Schemas {
			for _, sub := range s.Checks {
				out = append(out, e.dynCheck(sub, n)...)
			}
		}
		return out
	case *ir.AnyOf:
		var matches []cond
		for _, s := range c.Schemas {
			matches = append(matches, e.dynMatch(s, n))
		}
		return when("", given(anyOf(matches...).not()), dynAdd(n, c.Pointer, jen.Lit(fmt.Sprintf("must match at least one of the %d schemas of anyOf", len(c.Schemas)))))
	case *ir.OneOf:
		e.tmp++
		count := fmt.Sprintf("n%d", e.tmp)
		stmts := []jen.Code{jen.Id(count).Op(":=").Lit(0)}
		for _, s := range c.Schemas {
			stmts = append(stmts, ifThen(e.dynMatch(s, n), jen.Id(count).Op("++"))...)
		}
		stmts = append(stmts, jen.If(jen.Id(count).Op("==").Lit(0)).Block(
			dynAdd(n, c.Pointer, jen.Lit(fmt.Sprintf("must match exactly one of the %d schemas of oneOf, matches none", len(c.Schemas)))),
		).Else().If(jen.Id(count).Op(">").Lit(1)).Block(
			dynAdd(n, c.Pointer, jen.Lit(fmt.Sprintf("must match exactly one of the %d schemas of oneOf, matches ", len(c.Schemas))).Op("+").Qual("strconv", "Itoa").Call(jen.Id(count))),
		))
		return when("", nil, stmts...)
	case *ir.Not:
		return when("", given(e.dynMatch(c.Schema, n)), dynAdd(n, c.Pointer, jen.Lit("must not match the schema of not")))
	case *ir.IfThenElse:
		then, els := e.dynChecks(c.Then, n), e.dynChecks(c.Else, n)
		switch {
		case len(then) == 0 && len(els) == 0:
			return nil
		case len(els) == 0:
			return when("", given(e.dynMatch(c.If, n)), then...)
		case len(then) == 0:
			return when("", given(e.dynMatch(c.If, n).not()), els...)
		}
		return when("", nil, ifElse(e.dynMatch(c.If, n), then, els)...)
	case *ir.Never:
		return when("", nil, dynAdd(n, c.Pointer, jen.Lit("no value is allowed here")))
	case *ir.Ref:
		return when("", nil, jen.Id(c.Def.Func).Call(jen.Id("vs"), n.path(), n.ref()))
	}
	panic(fmt.Sprintf("emit: unknown check %T", c))
}

// countCheck checks a count (of characters, items or members) of a value
// of kind.
func countCheck(n dnode, kind string, count *jen.Statement, rule string, lo, hi int64, what string) []dynStmt {
	var fail []cond
	if lo > 0 {
		fail = append(fail, compareOrdered(count.Clone(), "<", jen.Lit(int(lo))))
	}
	if hi >= 0 {
		fail = append(fail, compareOrdered(count.Clone(), ">", jen.Lit(int(hi))))
	}
	if len(fail) == 0 {
		return nil
	}
	return when(kind, given(anyOf(fail...)), dynAdd(n, rule, jen.Lit(what)))
}

// dynItem emits the checks of item index of array n against s.
func (e *emitter) dynItem(n dnode, index *jen.Statement, s *ir.Schema) []jen.Code {
	e.tmp++
	ip := fmt.Sprintf("ip%d", e.tmp)
	inner := e.dynChecks(s, elemNode(func() *jen.Statement { return n.v().Dot("items").Index(index.Clone()) }, ip))
	if len(inner) == 0 {
		return nil
	}
	return append([]jen.Code{jen.Id(ip).Op(":=").Add(n.at()).Dot("item").Call(index.Clone())}, inner...)
}

// dynEach emits the checks of the items of array n from index from on.
func (e *emitter) dynEach(n dnode, from int, s *ir.Schema) []dynStmt {
	e.tmp++
	i := fmt.Sprintf("i%d", e.tmp)
	inner := e.dynItem(n, jen.Id(i), s)
	if len(inner) == 0 {
		return nil
	}
	loop := jen.For(jen.Id(i).Op(":=").Range().Add(n.v().Dot("items")))
	if from > 0 {
		loop = jen.For(jen.Id(i).Op(":=").Lit(from), jen.Id(i).Op("<").Len(n.v().Dot("items")), jen.Id(i).Op("++"))
	}
	return when("kindArray", nil, loop.Block(inner...))
}

// dynMembers emits the checks against s of the members of object n that
// skip (nil: none) does not pass over. When unknown is set, s is false: a
// member is reported as unknown under that rule.
func (e *emitter) dynMembers(n dnode, skip func(name jen.Code) *cond, s *ir.Schema, unknown string) []dynStmt {
	e.tmp++
	i, m, mp := fmt.Sprintf("i%d", e.tmp), fmt.Sprintf("m%d", e.tmp), fmt.Sprintf("mp%d", e.tmp)
	var inner []jen.Code
	if unknown != "" {
		inner = []jen.Code{jen.Id("vs").Dot("add").Call(jen.Op("&").Id(mp), jen.Lit(unknown), jen.Lit("unknown field"))}
	} else {
		inner = e.dynChecks(s, elemNode(func() *jen.Statement { return jen.Id(m).Dot("value") }, mp))
	}
	if len(inner) == 0 {
		return nil
	}
	body := []jen.Code{jen.Id(m).Op(":=").Op("&").Add(n.v()).Dot("members").Index(jen.Id(i))}
	if c := skip(jen.Id(m).Dot("name")); c != nil {
		body = append(body, ifThen(*c, jen.Continue())...)
	}
	body = append(body, jen.Id(mp).Op(":=").Add(n.at()).Dot("member").Call(jen.Id(m).Dot("name")))
	body = append(body, inner...)
	return when("kindObject", nil, jen.For(jen.Id(i).Op(":=").Range().Add(n.v().Dot("members"))).Block(body...))
}

// dynMatch is the condition that n matches s.
func (e *emitter) dynMatch(s *ir.Schema, n dnode) cond {
	if s.Empty() {
		return truth(true)
	}
	if len(s.Checks) == 1 {
		if ref, ok := s.Checks[0].(*ir.Ref); ok {
			return atom(jen.Id("matches").Call(jen.Id(ref.Def.Func), n.path(), n.ref()))
		}
		if _, ok := s.Checks[0].(*ir.Never); ok {
			return truth(false)
		}
	}
	return atom(jen.Id("matches").Call(jen.Id(e.condFunc(s)), n.path(), n.ref()))
}

// condFunc returns the name of the function that checks a value against
// s, a condition schema or the schema of property names, to be written
// with the file.
func (e *emitter) condFunc(s *ir.Schema) string {
	if e.dyn.funcs == nil {
		e.dyn.funcs = map[*ir.Schema]string{}
		e.dyn.used = map[string]bool{}
		for _, d := range e.pkg.Defs {
			e.dyn.used[d.Func] = true
		}
	}
	if name, ok := e.dyn.funcs[s]; ok {
		return name
	}
	base := "check" + pointerName(s.Pointer)
	name := base
	for i := 2; e.dyn.used[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	e.dyn.used[name] = true
	e.dyn.funcs[s] = name
	e.dyn.pending = append(e.dyn.pending, s)
	return name
}

// pointerName makes a Go name of the tokens of a schema pointer.
func pointerName(ptr string) string {
	_, frag, _ := strings.Cut(ptr, "#")
	frag = strings.TrimPrefix(frag, "/components/schemas/")
	var b strings.Builder
	for _, tok := range strings.Split(frag, "/") {
		tok = ir.UnescapeToken(tok)
		b.WriteString(names.Go(strings.TrimPrefix(tok, "$")))
	}
	return b.String()
}

// decimal returns the name of the package variable that holds the parsed
// number text.
func (e *emitter) decimal(text string) string {
	i := slices.Index(e.dyn.decimals, text)
	if i < 0 {
		i = len(e.dyn.decimals)
		e.dyn.decimals = append(e.dyn.decimals, text)
	}
	return fmt.Sprintf("number%d", i)
}

// literalVar returns the name of the package variable that holds the parsed
// JSON value of l.
func (e *emitter) literalVar(l ir.Literal) string {
	text := literalJSON(l)
	i := slices.Index(e.dyn.literals, text)
	if i < 0 {
		i = len(e.dyn.literals)
		e.dyn.literals = append(e.dyn.literals, text)
	}
	return fmt.Sprintf("literal%d", i)
}

// literalJSON is l as JSON text.
func literalJSON(l ir.Literal) string {
	switch l.Kind {
	case ir.Any:
		return l.JSON
	case ir.String, ir.EnumKind:
		return quoteJSON(l.Str)
	}
	return l.String()
}

// dynFile writes the functions of the Defs and of condition schemas, and
// the package variables the checks use, after everything else of
// validate.go.
func (e *emitter) dynFile(f *jen.File) {
	for _, d := range e.pkg.Defs {
		if d.Component != "" {
			name := "Validate" + d.GoName
			doc := fmt.Sprintf("%s checks v against the schema %s, whose values may be of any JSON type, and returns a *ValidationError listing every violation, or nil. An absent v is a violation.", name, d.Component)
			if s := sentence(d.Doc); s != "" {
				doc += " " + d.Component + ": " + s
			}
			f.Add(comment(doc))
			f.Func().Id(name).Params(jen.Id("v").Id("Value")).Error().Block(
				jen.Var().Id("vs").Id("violationList"),
				jen.If(jen.Op("!").Id("v").Dot("IsSet").Call()).Block(
					jen.Id("vs").Dot("add").Call(jen.Nil(), jen.Lit(d.Pointer), jen.Lit("must be a value; a zero Value is absent")),
				).Else().Block(
					jen.Id(d.Func).Call(jen.Op("&").Id("vs"), jen.Nil(), jen.Id("v").Dot("n")),
				),
				jen.Return(jen.Id("vs").Dot("err").Call()),
			)
		}
		e.dynFunc(f, d.Func, fmt.Sprintf("%s adds the violations of v, which is at p, against the schema at %s to vs.", d.Func, d.Pointer), d.Schema)
	}
	for len(e.dyn.pending) > 0 {
		s := e.dyn.pending[0]
		e.dyn.pending = e.dyn.pending[1:]
		name := e.dyn.funcs[s]
		e.dynFunc(f, name, fmt.Sprintf("%s adds the violations of v, which is at p, against the schema at %s to vs.", name, s.Pointer), s)
	}
	if len(e.dyn.literals) > 0 {
		f.Comment("The values of const and enum keywords.")
		f.Var().DefsFunc(func(g *jen.Group) {
			for i, text := range e.dyn.literals {
				g.Id(fmt.Sprintf("literal%d", i)).Op("=").Id("MustParseValue").Call(jen.Lit(text)).Dot("n")
			}
		})
	}
	if len(e.dyn.decimals) > 0 {
		f.Comment("The bounds and divisors of numeric keywords.")
		f.Var().DefsFunc(func(g *jen.Group) {
			for i, text := range e.dyn.decimals {
				g.Id(fmt.Sprintf("number%d", i)).Op("=").Id("parseDecimal").Call(jen.Lit(text))
			}
		})
	}
}

// dynFunc writes a function that checks a value against s.
func (e *emitter) dynFunc(f *jen.File, name, doc string, s *ir.Schema) {
	e.tmp = 0
	body := e.dynChecks(s, ptrNode(func() *jen.Statement { return jen.Id("v") }, ""))
	f.Add(comment(doc))
	vs := "vs"
	if len(body) == 0 {
		vs = "_"
	}
	f.Func().Id(name).Params(
		jen.Id(vs).Op("*").Id("violationList"), jen.Id("p").Op("*").Id("jsonPath"), jen.Id("v").Op("*").Id("valueNode"),
	).Block(body...)
}
