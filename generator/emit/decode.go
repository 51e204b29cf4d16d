package emit

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/names"
)

// decode writes decode.go: a Decode function per object type and the
// decodeJSON methods that read a document member by member with the
// support decoder, with the cells types they allocate pointer targets
// from.
func (e *emitter) decode(f *jen.File) {
	g := &decodeGen{emitter: e, layouts: map[*ir.Object]*cellLayout{}, slabbed: slabbed(e.pkg)}
	for _, o := range e.pkg.Objects {
		g.genDecodeFunc(f, o)
		genUnmarshal(f, o)
		g.genCells(f, o)
		g.genDecodeMethod(f, o)
	}
}

// decodeGen emits the decoders of one package.
type decodeGen struct {
	*emitter
	// layouts memoizes cells.
	layouts map[*ir.Object]*cellLayout
	// slabbed holds the objects whose cells are taken from slabs (see
	// slabbed).
	slabbed map[*ir.Object]bool
}

// slabbed returns the objects that are items of arrays or values of maps,
// whose cells are allocated from slabs, a block for many items, and the
// objects nested in those, whose values and cells their cells hold.
func slabbed(pkg *ir.Package) map[*ir.Object]bool {
	set := map[*ir.Object]bool{}
	var mark func(o *ir.Object)
	mark = func(o *ir.Object) {
		if set[o] {
			return
		}
		set[o] = true
		for _, fl := range o.Fields {
			if fl.Type.Kind == ir.ObjectKind && !fl.Type.Object.Recursive {
				mark(fl.Type.Object)
			}
		}
	}
	for _, o := range pkg.Objects {
		for _, fl := range o.Fields {
			for t := fl.Type; t.Elem != nil; t = t.Elem {
				if t.Elem.Kind == ir.ObjectKind {
					mark(t.Elem.Object)
				}
			}
		}
	}
	return set
}

// A decoded object's pointer fields point into a cells struct of its type,
// allocated with it: one allocation per object, or per block of array
// items, rather than one per field. A nested object is allocated when it
// is present, with its cells, so that an absent one costs nothing; but the
// cells of array items, which come from slabs, hold their nested objects
// (those that cannot nest themselves), so that a long list takes a
// handful of allocations.
//
// cellLayout is the cells struct of an object.
type cellLayout struct {
	name   string       // the Go type name
	fields []*cellField // in field order
	words  int          // its size, in 8-byte words, roughly
	// embed holds the fields whose object value (with its cells) lives in
	// the cells struct; the other object fields are allocated apart.
	embed map[*ir.Field]bool
	// cell is each field's cell, for fields that have one.
	cell map[*ir.Field]*cellField
}

// cellField is one field of a cells struct.
type cellField struct {
	name  string // "v"+GoName for the value, "c"+GoName for an embedded object's cells
	typ   jen.Code
	cells string // for an embedded object's value: the field of its cells ("" if it has none)
}

// maxCellWords bounds the size of a cells struct: an object whose cells
// would grow beyond it by holding a nested object allocates that object
// apart, so that an item type with many optional nested objects does not
// make every item allocate them all.
const maxCellWords = 512

// cells returns the cells layout of o; its fields is empty when o has no
// pointer fields to fill.
func (g *decodeGen) cells(o *ir.Object) *cellLayout {
	if l, ok := g.layouts[o]; ok {
		return l
	}
	l := &cellLayout{name: "cells" + o.GoName, embed: map[*ir.Field]bool{}, cell: map[*ir.Field]*cellField{}}
	g.layouts[o] = l
	for _, fl := range o.Fields {
		t := fl.Type
		if zeroIsAbsent(t) {
			continue // held in the field itself
		}
		if t.Kind == ir.ObjectKind && !t.Object.Recursive && g.slabbed[o] {
			// Held here, in a slab, when it stays small: the object's
			// value and its own cells.
			sub := g.cells(t.Object)
			w := valueWords(t) + sub.words
			if l.words+w <= maxCellWords {
				c := &cellField{name: "v" + fl.GoName, typ: valueCode(t)}
				l.fields = append(l.fields, c)
				l.cell[fl] = c
				if len(sub.fields) > 0 {
					c.cells = "c" + fl.GoName
					l.fields = append(l.fields, &cellField{name: c.cells, typ: jen.Id(sub.name)})
				}
				l.embed[fl] = true
				l.words += w
			}
			continue
		}
		if t.Kind == ir.ObjectKind {
			continue // allocated apart, when present
		}
		c := &cellField{name: "v" + fl.GoName, typ: valueCode(t)}
		l.fields = append(l.fields, c)
		l.cell[fl] = c
		l.words += valueWords(t)
	}
	return l
}

// valueWords estimates the size of a Go value of type t in 8-byte words.
func valueWords(t *ir.Type) int {
	n := 1
	switch t.Kind {
	case ir.String, ir.EnumKind:
		if !t.Secret {
			n = 2
		}
	case ir.Array:
		n = 3
	case ir.ObjectKind:
		n = 0
		for _, fl := range t.Object.Fields {
			if zeroIsAbsent(fl.Type) {
				n += valueWords(fl.Type)
			} else {
				n++ // a pointer
			}
		}
	}
	if t.Nullable {
		n++
	}
	return n
}

// genCells writes the cells type of o, when it has one.
func (g *decodeGen) genCells(f *jen.File, o *ir.Object) {
	l := g.cells(o)
	if len(l.fields) == 0 {
		return
	}
	f.Add(comment(fmt.Sprintf("%s holds what the pointer fields of a decoded %s point to, so that decoding allocates them together with it rather than one by one.", l.name, o.GoName)))
	f.Type().Id(l.name).StructFunc(func(s *jen.Group) {
		for _, c := range l.fields {
			s.Id(c.name).Add(c.typ)
		}
	})
}

// cellsArg is the cells argument of a decodeJSON call on an object of
// type o, from the expression of where its cells are (nil when o has
// none).
func (g *decodeGen) cellsArg(o *ir.Object, cells func() jen.Code) []jen.Code {
	if len(g.cells(o).fields) == 0 {
		return nil
	}
	return []jen.Code{cells()}
}

// genUnmarshal writes UnmarshalJSON and DecodeXFrom for o: the Go ways
// to decode, with the same verdict as DecodeX.
func genUnmarshal(f *jen.File, o *ir.Object) {
	how := "strictly (unknown members, wrong types, null and repeated members are errors)"
	if !o.Closed {
		how = "leniently (members the schema does not declare are ignored)"
	}
	f.Add(comment(fmt.Sprintf("UnmarshalJSON decodes data into x %s, as Decode%s does, so that json.Unmarshal and json.Decoder give the same verdict. On an error, a *ValidationError, x is unchanged. Call Validate for the schema's other rules.", how, o.GoName)))
	f.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("Decode"+o.GoName).Call(jen.Id("data")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Op("*").Id("x").Op("=").Op("*").Id("v"),
		jen.Return(jen.Nil()),
	)
	name := "Decode" + o.GoName + "From"
	f.Add(comment(fmt.Sprintf("%s reads one JSON document from r, at most MaxDocumentSize bytes (a larger one is an error, and the rest is not read), and decodes it as Decode%s does.", name, o.GoName)))
	f.Func().Id(name).Params(jen.Id("r").Qual("io", "Reader")).Params(jen.Op("*").Id(o.GoName), jen.Error()).Block(
		jen.List(jen.Id("data"), jen.Err()).Op(":=").Id("readDocument").Call(jen.Id("r")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("Decode"+o.GoName).Call(jen.Id("data"))),
	)
}

func (g *decodeGen) genDecodeFunc(f *jen.File, o *ir.Object) {
	name := "Decode" + o.GoName
	doc := fmt.Sprintf("%s decodes a JSON document into %s. It reports every problem at once as a *ValidationError: malformed JSON (with its byte offset), wrong JSON types, null, integers out of range, repeated members", name, names.Indefinite(o.GoName))
	if o.Closed {
		doc += " and members the schema does not declare."
	} else {
		doc += "; members the schema does not declare are ignored."
	}
	doc += " It does not check the schema's other rules: call Validate on the result for those. The result shares nothing with data."
	f.Add(comment(doc))
	body := []jen.Code{
		jen.Var().Id("d").Id("decoder"),
		jen.Id("d").Dot("init").Call(jen.Id("data")),
	}
	result := jen.Id("x")
	if l := g.cells(o); len(l.fields) > 0 {
		body = append(body,
			jen.Id("b").Op(":=").New(jen.Struct(jen.Id("v").Id(o.GoName), jen.Id("c").Id(l.name))),
			jen.Id("b").Dot("v").Dot("decodeJSON").Call(jen.Op("&").Id("d"), jen.Nil(), jen.Op("&").Id("b").Dot("c")),
		)
		result = jen.Op("&").Id("b").Dot("v")
	} else {
		body = append(body,
			jen.Id("x").Op(":=").New(jen.Id(o.GoName)),
			jen.Id("x").Dot("decodeJSON").Call(jen.Op("&").Id("d"), jen.Nil()),
		)
	}
	body = append(body,
		jen.If(jen.Err().Op(":=").Id("d").Dot("finish").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err()),
		),
		jen.Return(result, jen.Nil()),
	)
	f.Func().Id(name).Params(jen.Id("data").Index().Byte()).Params(jen.Op("*").Id(o.GoName), jen.Error()).Block(body...)
}

func (g *decodeGen) genDecodeMethod(f *jen.File, o *ir.Object) {
	if o.Closed {
		f.Add(comment(fmt.Sprintf("members%s are the members %s may have, for suggesting a name when a document misspells one.", o.GoName, names.Indefinite(o.GoName))))
		f.Var().Id("members" + o.GoName).Op("=").Index().String().ValuesFunc(func(g *jen.Group) {
			for _, fl := range o.Fields {
				g.Lit(fl.JSONName)
			}
		})
	}
	l := g.cells(o)
	params := []jen.Code{jen.Id("d").Op("*").Id("decoder"), jen.Id("p").Op("*").Id("jsonPath")}
	if len(l.fields) > 0 {
		f.Add(comment(fmt.Sprintf("decodeJSON reads %s from d; p is where it is in the document. Its pointer fields are set to point into c.", names.Indefinite(o.GoName))))
		params = append(params, jen.Id("c").Op("*").Id(l.name))
	} else {
		f.Add(comment(fmt.Sprintf("decodeJSON reads %s from d; p is where it is in the document.", names.Indefinite(o.GoName))))
	}
	body := []jen.Code{
		jen.If(jen.Op("!").Id("d").Dot("beginObject").Call(jen.Id("p"), jen.Lit(o.TypeRule))).Block(jen.Return()),
	}
	// seen has a bit for each field, set once the member is read, so that a
	// repeat is found.
	switch n := len(o.Fields); {
	case n > 64:
		body = append(body, jen.Var().Id("seen").Index(jen.Lit((n+63)/64)).Uint64())
	case n > 0:
		body = append(body, jen.Var().Id("seen").Uint64())
	}
	if !o.Closed {
		body = append(body, jen.Var().Id("others").Id("undeclared"))
	}
	var cases []jen.Code
	for i, fl := range o.Fields {
		word := jen.Id("seen")
		if len(o.Fields) > 64 {
			word = jen.Id("seen").Index(jen.Lit(i / 64))
		}
		cases = append(cases, jen.Case(jen.Lit(fl.JSONName)).Block(
			jen.If(jen.Id("d").Dot("repeated").Call(jen.Op("&").Add(word), jen.Lit(1).Op("<<").Lit(i%64), jen.Id("p"), jen.Id("name"))).Block(
				jen.Continue(),
			),
			jen.Id("fp").Op(":=").Id("p").Dot("field").Call(jen.Lit(pointerToken(fl.JSONName))),
			g.decodeField(l, fl),
		))
	}
	if o.Closed {
		cases = append(cases, jen.Default().Block(
			jen.Id("d").Dot("unknownMember").Call(jen.Id("p"), jen.Id("name"), jen.Lit(o.ClosedRule), jen.Id("members"+o.GoName)),
		))
	} else {
		cases = append(cases, jen.Default().Block(jen.Id("d").Dot("skipUndeclared").Call(jen.Op("&").Id("others"), jen.Id("p"), jen.Id("name"))))
	}
	body = append(body, jen.For().Block(
		jen.List(jen.Id("name"), jen.Id("ok")).Op(":=").Id("d").Dot("nextMember").Call(jen.Id("p")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
		jen.Switch(jen.String().Parens(jen.Id("name"))).Block(cases...),
	))
	f.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("decodeJSON").Params(params...).Block(body...)
}

// decodeField reads the value of field fl (its path is fp) into x, whose
// cells (layout l) are c.
func (g *decodeGen) decodeField(l *cellLayout, fl *ir.Field) jen.Code {
	target := func() *jen.Statement { return jen.Id("x").Dot(fl.GoName) }
	g.tmp = 0
	t := fl.Type
	if zeroIsAbsent(t) {
		return g.decodeValue(t, "fp", "", func(v jen.Code) jen.Code { return target().Op("=").Add(v) })
	}
	if t.Kind == ir.ObjectKind {
		return g.decodeObjectField(l, fl)
	}
	c := l.cell[fl]
	return g.decodeValue(t, "fp", "", func(v jen.Code) jen.Code {
		return lines(
			jen.Id("c").Dot(c.name).Op("=").Add(v),
			target().Op("=").Op("&").Id("c").Dot(c.name),
		)
	})
}

// decodeObjectField reads field fl, of object type (maybe nullable), into
// x: into x's cells when l holds the object, else into a block allocated
// for it and its cells.
func (g *decodeGen) decodeObjectField(l *cellLayout, fl *ir.Field) jen.Code {
	t := fl.Type
	o := t.Object
	target := jen.Id("x").Dot(fl.GoName)
	// where is the expression of the value's storage, cellsOf its cells'.
	var where, cellsOf *jen.Statement
	var alloc []jen.Code
	if l.embed[fl] {
		c := l.cell[fl]
		where = jen.Id("c").Dot(c.name)
		cellsOf = jen.Op("&").Id("c").Dot(c.cells)
	} else {
		sub := g.cells(o)
		fields := []jen.Code{jen.Id("v").Add(valueCode(t))}
		if len(sub.fields) > 0 {
			fields = append(fields, jen.Id("c").Id(sub.name))
		}
		alloc = []jen.Code{jen.Id("b").Op(":=").New(jen.Struct(fields...))}
		where = jen.Id("b").Dot("v")
		cellsOf = jen.Op("&").Id("b").Dot("c")
	}
	value := where.Clone()
	if t.Nullable {
		value = where.Clone().Dot("Value")
	}
	args := append([]jen.Code{jen.Id("d"), jen.Op("&").Id("fp")}, g.cellsArg(o, func() jen.Code { return cellsOf })...)
	decode := value.Dot("decodeJSON").Call(args...)
	if !t.Nullable {
		return lines(append(alloc, decode, target.Clone().Op("=").Op("&").Add(where))...)
	}
	if l.embed[fl] {
		return lines(
			jen.If(jen.Id("d").Dot("readNull").Call()).Block(
				where.Clone().Dot("Null").Op("=").True(),
			).Else().Block(decode),
			target.Clone().Op("=").Op("&").Add(where),
		)
	}
	return jen.If(jen.Id("d").Dot("readNull").Call()).Block(
		target.Clone().Op("=").Op("&").Add(valueCode(t)).Values(jen.Dict{jen.Id("Null"): jen.True()}),
	).Else().Block(append(alloc, decode, target.Clone().Op("=").Op("&").Add(where))...)
}

// lines joins statements, one a line.
func lines(codes ...jen.Code) *jen.Statement {
	s := jen.Null()
	for i, c := range codes {
		if i > 0 {
			s.Line()
		}
		s.Add(c)
	}
	return s
}

// decodeValue emits code that reads a value of type t whose path is the
// jsonPath variable pathVar and, when the value is good, runs assign with
// the Go expression of the value. slab is the variable of the slab that
// the cells of an object value are taken from ("" outside of arrays and
// maps, where objects are not read by decodeValue).
func (g *decodeGen) decodeValue(t *ir.Type, pathVar, slab string, assign func(jen.Code) jen.Code) jen.Code {
	path := jen.Op("&").Id(pathVar)
	if t.Nullable {
		inner := *t
		inner.Nullable = false
		return jen.If(jen.Id("d").Dot("readNull").Call()).Block(
			assign(jen.Id("Nullable").Types(valueCode(&inner)).Values(jen.Dict{jen.Id("Null"): jen.True()})),
		).Else().Add(g.decodeValue(&inner, pathVar, slab, func(v jen.Code) jen.Code {
			return assign(jen.Id("Nullable").Types(valueCode(&inner)).Values(jen.Dict{jen.Id("Value"): v}))
		}))
	}
	switch t.Kind {
	case ir.ObjectKind:
		g.tmp++
		v := fmt.Sprintf("v%d", g.tmp)
		args := append([]jen.Code{jen.Id("d"), path}, g.cellsArg(t.Object, func() jen.Code {
			if slab == "" {
				return jen.New(jen.Id(g.cells(t.Object).name))
			}
			return jen.Id("cell").Call(jen.Op("&").Id(slab))
		})...)
		return jen.Block(
			jen.Var().Id(v).Id(t.Object.GoName),
			jen.Id(v).Dot("decodeJSON").Call(args...),
			assign(jen.Id(v)),
		)
	case ir.Array:
		g.tmp++
		n := g.tmp
		s, i, ip := fmt.Sprintf("s%d", n), fmt.Sprintf("i%d", n), fmt.Sprintf("ip%d", n)
		body := []jen.Code{jen.Id(s).Op(":=").Add(valueCode(t)).Values()}
		elemSlab, decl := g.slabFor(t.Elem, n)
		body = append(body, decl...)
		body = append(body,
			jen.For(jen.Id(i).Op(":=").Lit(0), jen.Id("d").Dot("nextItem").Call(path.Clone()), jen.Id(i).Op("++")).Block(
				jen.Id(ip).Op(":=").Id(pathVar).Dot("item").Call(jen.Id(i)),
				g.decodeValue(t.Elem, ip, elemSlab, func(v jen.Code) jen.Code {
					return jen.Id(s).Op("=").Append(jen.Id(s), v)
				}),
			),
			assign(jen.Id(s)),
		)
		return jen.If(jen.Id("d").Dot("beginArray").Call(path, jen.Lit(t.TypeRule))).Block(body...)
	case ir.Map:
		g.tmp++
		n := g.tmp
		m, k, ip := fmt.Sprintf("m%d", n), fmt.Sprintf("k%d", n), fmt.Sprintf("ip%d", n)
		body := []jen.Code{jen.Id(m).Op(":=").Add(valueCode(t)).Values()}
		elemSlab, decl := g.slabFor(t.Elem, n)
		body = append(body, decl...)
		body = append(body,
			jen.For().Block(
				jen.List(jen.Id("name"), jen.Id("ok")).Op(":=").Id("d").Dot("nextMember").Call(path.Clone()),
				jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
				jen.If(jen.List(jen.Id("_"), jen.Id("dup")).Op(":=").Id(m).Index(jen.String().Parens(jen.Id("name"))), jen.Id("dup")).Block(
					jen.Id("d").Dot("duplicateMember").Call(path, jen.Id("name")),
					jen.Continue(),
				),
				jen.Id(k).Op(":=").Id("d").Dot("keep").Call(jen.Id("name")),
				jen.Id(ip).Op(":=").Id(pathVar).Dot("member").Call(jen.Id(k)),
				g.decodeValue(t.Elem, ip, elemSlab, func(v jen.Code) jen.Code {
					return jen.Id(m).Index(jen.Id(k)).Op("=").Add(v)
				}),
			),
			assign(jen.Id(m)),
		)
		return jen.If(jen.Id("d").Dot("beginObject").Call(path, jen.Lit(t.TypeRule))).Block(body...)
	}
	read, conv := readCall(t, path.Clone())
	val := jen.Id("v")
	if conv != nil {
		val = conv.Call(jen.Id("v"))
	}
	return jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(read), jen.Id("ok")).Block(assign(val))
}

// slabFor returns the name of the slab for the cells of the items of an
// array or map whose items have type elem, and its declaration; none when
// the items are not objects with cells.
func (g *decodeGen) slabFor(elem *ir.Type, n int) (string, []jen.Code) {
	if elem.Kind != ir.ObjectKind || len(g.cells(elem.Object).fields) == 0 {
		return "", nil
	}
	slab := fmt.Sprintf("c%d", n)
	return slab, []jen.Code{jen.Var().Id(slab).Index().Id(g.cells(elem.Object).name)}
}

// readCall returns the decoder call that reads a scalar of type t at fp,
// and the conversion from what it returns to the Go type (nil for none).
func readCall(t *ir.Type, fp *jen.Statement) (*jen.Statement, *jen.Statement) {
	switch t.Kind {
	case ir.String:
		if t.Secret {
			return jen.Id("d").Dot("readSecret").Call(fp, jen.Lit(t.TypeRule)), nil
		}
		return jen.Id("d").Dot("readString").Call(fp, jen.Lit(t.TypeRule)), nil
	case ir.EnumKind:
		return jen.Id("d").Dot("readString").Call(fp, jen.Lit(t.TypeRule)), jen.Id(t.Enum.GoName)
	case ir.Bool:
		return jen.Id("d").Dot("readBool").Call(fp, jen.Lit(t.TypeRule)), nil
	case ir.Int:
		call := jen.Id("d").Dot("readInt").Call(fp, jen.Lit(t.TypeRule), intLit(t.Min), intLit(t.Max), jen.Lit(t.MinRule), jen.Lit(t.MaxRule))
		if t.Bits == 32 {
			return call, jen.Int32()
		}
		return call, nil
	case ir.Any:
		return jen.Id("d").Dot("readValue").Call(fp), nil
	case ir.Float:
		if t.MinDecimal != "" || t.MaxDecimal != "" {
			// A decimal bound on either side: both compared as written.
			lo, hi, loRule, hiRule := t.MinDecimal, t.MaxDecimal, "", ""
			if lo == "" && t.MinRule != "" {
				lo = strconv.FormatInt(t.Min, 10)
			}
			if hi == "" && t.MaxRule != "" {
				hi = strconv.FormatInt(t.Max, 10)
			}
			if lo != "" {
				loRule = t.MinRule
			}
			if hi != "" {
				hiRule = t.MaxRule
			}
			return jen.Id("d").Dot("readNumberIn").Call(fp, jen.Lit(t.TypeRule), jen.Lit(lo), jen.Lit(hi), jen.Lit(loRule), jen.Lit(hiRule)), nil
		}
		return jen.Id("d").Dot("readNumber").Call(fp, jen.Lit(t.TypeRule), jen.Lit(float64(t.Min)), jen.Lit(float64(t.Max)), jen.Lit(t.MinRule), jen.Lit(t.MaxRule)), nil
	}
	panic(fmt.Sprintf("emit: no reader for kind %d", t.Kind))
}

// intLit writes an int64 bound, using the math constants at the extremes
// so that the literal always fits.
func intLit(v int64) jen.Code {
	switch v {
	case -1 << 63:
		return jen.Qual("math", "MinInt64")
	case 1<<63 - 1:
		return jen.Qual("math", "MaxInt64")
	case -1 << 31:
		return jen.Qual("math", "MinInt32")
	case 1<<31 - 1:
		return jen.Qual("math", "MaxInt32")
	}
	return jen.Lit(v)
}
