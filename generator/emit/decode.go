package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// decode writes decode.go: a Decode function per object type and the
// decodeJSON methods that read a document member by member with the
// support decoder.
func (e *emitter) decode(f *jen.File) {
	for _, o := range e.pkg.Objects {
		genDecodeFunc(f, o)
		genUnmarshal(f, o)
		e.genDecodeMethod(f, o)
	}
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

func genDecodeFunc(f *jen.File, o *ir.Object) {
	name := "Decode" + o.GoName
	doc := fmt.Sprintf("%s decodes a JSON document into a %s. It reports every problem at once as a *ValidationError: malformed JSON (with its byte offset), wrong JSON types, null, integers out of range, repeated members", name, o.GoName)
	if o.Closed {
		doc += " and members the schema does not declare."
	} else {
		doc += "; members the schema does not declare are ignored."
	}
	doc += " It does not check the schema's other rules: call Validate on the result for those."
	f.Add(comment(doc))
	f.Func().Id(name).Params(jen.Id("data").Index().Byte()).Params(jen.Op("*").Id(o.GoName), jen.Error()).Block(
		jen.Var().Id("d").Id("decoder"),
		jen.Id("d").Dot("init").Call(jen.Id("data")),
		jen.Id("x").Op(":=").New(jen.Id(o.GoName)),
		jen.Id("x").Dot("decodeJSON").Call(jen.Op("&").Id("d"), jen.Nil()),
		jen.If(jen.Err().Op(":=").Id("d").Dot("finish").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err()),
		),
		jen.Return(jen.Id("x"), jen.Nil()),
	)
}

func (e *emitter) genDecodeMethod(f *jen.File, o *ir.Object) {
	if o.Closed {
		f.Add(comment(fmt.Sprintf("members%s are the members a %s may have, for suggesting a name when a document misspells one.", o.GoName, o.GoName)))
		f.Var().Id("members" + o.GoName).Op("=").Index().String().ValuesFunc(func(g *jen.Group) {
			for _, fl := range o.Fields {
				g.Lit(fl.JSONName)
			}
		})
	}
	f.Add(comment(fmt.Sprintf("decodeJSON reads a %s from d; p is where it is in the document.", o.GoName)))
	body := []jen.Code{
		jen.If(jen.Op("!").Id("d").Dot("beginObject").Call(jen.Id("p"), jen.Lit(o.TypeRule))).Block(jen.Return()),
	}
	if len(o.Fields) > 0 {
		body = append(body, jen.Var().Id("seen").Index(jen.Lit((len(o.Fields)+63)/64)).Uint64())
	}
	if !o.Closed {
		body = append(body, jen.Var().Id("others").Id("undeclared"))
	}
	var cases []jen.Code
	for i, fl := range o.Fields {
		cases = append(cases, jen.Case(jen.Lit(fl.JSONName)).Block(
			jen.If(jen.Op("!").Id("d").Dot("once").Call(jen.Id("seen").Index(jen.Empty(), jen.Empty()), jen.Lit(i), jen.Id("p"), jen.Id("name"))).Block(
				jen.Continue(),
			),
			jen.Id("fp").Op(":=").Id("p").Dot("field").Call(jen.Lit(pointerToken(fl.JSONName))),
			e.decodeField(fl),
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
	f.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("decodeJSON").Params(
		jen.Id("d").Op("*").Id("decoder"), jen.Id("p").Op("*").Id("jsonPath"),
	).Block(body...)
}

// decodeField reads the value of field fl (its path is fp) into x.
func (e *emitter) decodeField(fl *ir.Field) jen.Code {
	target := func() *jen.Statement { return jen.Id("x").Dot(fl.GoName) }
	if fl.Type.Kind == ir.ObjectKind && !fl.Type.Nullable {
		return jen.Block(
			target().Op("=").New(jen.Id(fl.Type.Object.GoName)),
			target().Dot("decodeJSON").Call(jen.Id("d"), jen.Op("&").Id("fp")),
		)
	}
	e.tmp = 0
	return e.decodeValue(fl.Type, "fp", func(v jen.Code) jen.Code {
		if zeroIsAbsent(fl.Type) {
			return target().Op("=").Add(v)
		}
		return target().Op("=").Id("Ptr").Call(v)
	})
}

// decodeValue emits code that reads a value of type t whose path is the
// jsonPath variable pathVar and, when the value is good, runs assign with
// the Go expression of the value.
func (e *emitter) decodeValue(t *ir.Type, pathVar string, assign func(jen.Code) jen.Code) jen.Code {
	path := jen.Op("&").Id(pathVar)
	if t.Nullable {
		inner := *t
		inner.Nullable = false
		return jen.If(jen.Id("d").Dot("readNull").Call()).Block(
			assign(jen.Id("Nullable").Types(valueCode(&inner)).Values(jen.Dict{jen.Id("Null"): jen.True()})),
		).Else().Add(e.decodeValue(&inner, pathVar, func(v jen.Code) jen.Code {
			return assign(jen.Id("Nullable").Types(valueCode(&inner)).Values(jen.Dict{jen.Id("Value"): v}))
		}))
	}
	switch t.Kind {
	case ir.ObjectKind:
		e.tmp++
		v := fmt.Sprintf("v%d", e.tmp)
		return jen.Block(
			jen.Var().Id(v).Id(t.Object.GoName),
			jen.Id(v).Dot("decodeJSON").Call(jen.Id("d"), path),
			assign(jen.Id(v)),
		)
	case ir.Array:
		e.tmp++
		n := e.tmp
		s, i, ip := fmt.Sprintf("s%d", n), fmt.Sprintf("i%d", n), fmt.Sprintf("ip%d", n)
		return jen.If(jen.Id("d").Dot("beginArray").Call(path, jen.Lit(t.TypeRule))).Block(
			jen.Id(s).Op(":=").Add(valueCode(t)).Values(),
			jen.For(jen.Id(i).Op(":=").Lit(0), jen.Id("d").Dot("nextItem").Call(path.Clone()), jen.Id(i).Op("++")).Block(
				jen.Id(ip).Op(":=").Id(pathVar).Dot("item").Call(jen.Id(i)),
				e.decodeValue(t.Elem, ip, func(v jen.Code) jen.Code {
					return jen.Id(s).Op("=").Append(jen.Id(s), v)
				}),
			),
			assign(jen.Id(s)),
		)
	case ir.Map:
		e.tmp++
		n := e.tmp
		m, k, ip := fmt.Sprintf("m%d", n), fmt.Sprintf("k%d", n), fmt.Sprintf("ip%d", n)
		return jen.If(jen.Id("d").Dot("beginObject").Call(path, jen.Lit(t.TypeRule))).Block(
			jen.Id(m).Op(":=").Add(valueCode(t)).Values(),
			jen.For().Block(
				jen.List(jen.Id("name"), jen.Id("ok")).Op(":=").Id("d").Dot("nextMember").Call(path.Clone()),
				jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
				jen.Id(k).Op(":=").String().Parens(jen.Id("name")),
				jen.If(jen.List(jen.Id("_"), jen.Id("dup")).Op(":=").Id(m).Index(jen.Id(k)), jen.Id("dup")).Block(
					jen.Id("d").Dot("duplicateMember").Call(path, jen.Id("name")),
					jen.Continue(),
				),
				jen.Id(ip).Op(":=").Id(pathVar).Dot("member").Call(jen.Id(k)),
				e.decodeValue(t.Elem, ip, func(v jen.Code) jen.Code {
					return jen.Id(m).Index(jen.Id(k)).Op("=").Add(v)
				}),
			),
			assign(jen.Id(m)),
		)
	}
	read, conv := readCall(t, path.Clone())
	val := jen.Id("v")
	if t.Secret {
		val = jen.Id("NewSecret").Call(jen.Id("v"))
	} else if conv != nil {
		val = conv.Call(jen.Id("v"))
	}
	return jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(read), jen.Id("ok")).Block(assign(val))
}

// readCall returns the decoder call that reads a scalar of type t at fp,
// and the conversion from what it returns to the Go type (nil for none).
func readCall(t *ir.Type, fp *jen.Statement) (*jen.Statement, *jen.Statement) {
	switch t.Kind {
	case ir.String:
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
