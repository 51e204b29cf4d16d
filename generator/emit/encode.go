package emit

import (
	"encoding/json"
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// encode writes encode.go: an Encode function per object type and the
// encodeJSON methods that write a value member by member with the support
// encoder. It is the wire form, the one place secret values are written:
// encoding/json refuses them.
func (e *emitter) encode(f *jen.File) {
	for _, o := range e.pkg.Objects {
		genEncodeFunc(f, o)
		e.genEncodeMethod(f, o)
	}
}

func genEncodeFunc(f *jen.File, o *ir.Object) {
	name := "Encode" + o.GoName
	doc := fmt.Sprintf("%s returns x as JSON, as the service reads it: set fields only, in schema order, secrets with their values (encoding/json refuses to write a Secret, so that no template or logger can). It does not check the schema's rules: call Validate first. It fails only on a number JSON cannot hold (NaN or infinite).", name)
	f.Add(comment(doc))
	f.Func().Id(name).Params(jen.Id("x").Op("*").Id(o.GoName)).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Var().Id("e").Id("encoder"),
		jen.Id("x").Dot("encodeJSON").Call(jen.Op("&").Id("e")),
		jen.Return(jen.Id("e").Dot("finish").Call()),
	)
}

func (e *emitter) genEncodeMethod(f *jen.File, o *ir.Object) {
	f.Add(comment("encodeJSON writes x to e; a nil x is written as null."))
	body := []jen.Code{
		jen.If(jen.Id("x").Op("==").Nil()).Block(jen.Id("e").Dot("null").Call(), jen.Return()),
		jen.Id("e").Dot("beginObject").Call(),
	}
	var fields []jen.Code
	for _, fl := range o.Fields {
		e.tmp = 0
		stmts := append([]jen.Code{jen.Id("e").Dot("member").Call(jen.Lit(quoteJSON(fl.JSONName) + ":"))},
			e.encodeValue(fl.Type, fieldValue(fl))...)
		fields = append(fields, jen.If(isSet(jen.Id("x"), fl)).Block(stmts...))
	}
	body = append(append(body, fields...), jen.Id("e").Dot("endObject").Call())
	f.Func().Params(jen.Id("x").Op("*").Id(o.GoName)).Id("encodeJSON").Params(jen.Id("e").Op("*").Id("encoder")).Block(body...)
}

// encodeValue emits statements that write the value v of type t.
func (e *emitter) encodeValue(t *ir.Type, v *jen.Statement) []jen.Code {
	enc := func(method string, arg jen.Code) []jen.Code {
		return []jen.Code{jen.Id("e").Dot(method).Call(arg)}
	}
	if t.Nullable {
		inner := *t
		inner.Nullable = false
		return []jen.Code{jen.If(jen.Parens(v.Clone()).Dot("Null")).Block(
			jen.Id("e").Dot("null").Call(),
		).Else().Block(e.encodeValue(&inner, jen.Parens(v.Clone()).Dot("Value"))...)}
	}
	switch t.Kind {
	case ir.String:
		if t.Secret {
			return enc("secret", v)
		}
		return enc("string", v)
	case ir.EnumKind:
		return enc("string", jen.String().Parens(v))
	case ir.Bool:
		return enc("bool", v)
	case ir.Int:
		return enc("int", jen.Int64().Parens(v))
	case ir.Float:
		return enc("number", v)
	case ir.ObjectKind:
		return []jen.Code{jen.Parens(v).Dot("encodeJSON").Call(jen.Id("e"))}
	case ir.Any:
		return enc("value", v)
	case ir.Array:
		e.tmp++
		item := fmt.Sprintf("v%d", e.tmp)
		elem := jen.Id(item)
		if t.Elem.Kind == ir.ObjectKind && !t.Elem.Nullable {
			// Address the element in place rather than copy it.
			idx := fmt.Sprintf("i%d", e.tmp)
			return []jen.Code{
				jen.Id("e").Dot("beginArray").Call(),
				jen.For(jen.Id(idx).Op(":=").Range().Add(v.Clone())).Block(
					jen.Id("e").Dot("item").Call(),
					jen.Parens(v.Clone()).Index(jen.Id(idx)).Dot("encodeJSON").Call(jen.Id("e")),
				),
				jen.Id("e").Dot("endArray").Call(),
			}
		}
		return []jen.Code{
			jen.Id("e").Dot("beginArray").Call(),
			jen.For(jen.List(jen.Id("_"), jen.Id(item)).Op(":=").Range().Add(v.Clone())).Block(
				append([]jen.Code{jen.Id("e").Dot("item").Call()}, e.encodeValue(t.Elem, elem)...)...,
			),
			jen.Id("e").Dot("endArray").Call(),
		}
	case ir.Map:
		e.tmp++
		k := fmt.Sprintf("k%d", e.tmp)
		val := fmt.Sprintf("v%d", e.tmp)
		inner := []jen.Code{jen.Id("e").Dot("key").Call(jen.Id(k))}
		if t.Elem.Kind == ir.ObjectKind && !t.Elem.Nullable {
			inner = append(inner, jen.Id(val).Op(":=").Parens(v.Clone()).Index(jen.Id(k)))
		}
		elemExpr := jen.Parens(v.Clone()).Index(jen.Id(k))
		if t.Elem.Kind == ir.ObjectKind && !t.Elem.Nullable {
			elemExpr = jen.Id(val)
		}
		inner = append(inner, e.encodeValue(t.Elem, elemExpr)...)
		return []jen.Code{
			jen.Id("e").Dot("beginObject").Call(),
			jen.For(jen.List(jen.Id("_"), jen.Id(k)).Op(":=").Range().Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(v.Clone()))).Block(inner...),
			jen.Id("e").Dot("endObject").Call(),
		}
	}
	panic(fmt.Sprintf("emit: cannot encode kind %d", t.Kind))
}

// quoteJSON returns s as a JSON string.
func quoteJSON(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a string always marshals
	}
	return string(b)
}
