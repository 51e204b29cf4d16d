package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// format writes format.go: String, GoString, Format and LogValue for every
// object type. Every printed form shows set fields with their values, except
// secrets, which show as [REDACTED]; only the JSON encoding carries them.
func (e *emitter) format(f *jen.File) {
	for _, o := range e.pkg.Objects {
		e.genFormat(f, o)
	}
	if len(e.pkg.Objects) == 0 {
		return
	}
	f.Add(comment("formatText writes text for a fmt verb: %#v gets goText, %q the quoted text, every other verb the text."))
	f.Func().Id("formatText").Params(jen.Id("s").Qual("fmt", "State"), jen.Id("verb").Rune(), jen.List(jen.Id("text"), jen.Id("goText")).String()).Block(
		jen.Switch().Block(
			jen.Case(jen.Id("verb").Op("==").LitRune('v').Op("&&").Id("s").Dot("Flag").Call(jen.LitRune('#'))).Block(
				jen.Qual("io", "WriteString").Call(jen.Id("s"), jen.Id("goText")),
			),
			jen.Case(jen.Id("verb").Op("==").LitRune('q')).Block(
				jen.Qual("io", "WriteString").Call(jen.Id("s"), jen.Qual("strconv", "Quote").Call(jen.Id("text"))),
			),
			jen.Default().Block(
				jen.Qual("io", "WriteString").Call(jen.Id("s"), jen.Id("text")),
			),
		),
	)
}

func (e *emitter) genFormat(f *jen.File, o *ir.Object) {
	pkg := e.pkg.Name
	x := jen.Id("x").Id(o.GoName)
	secretNote := ""
	if o.Sensitive {
		secretNote = " Secrets show as [REDACTED]."
	}

	f.Add(comment(fmt.Sprintf("String returns the set fields of x as Name:value pairs.%s", secretNote)))
	f.Func().Params(x.Clone()).Id("String").Params().String().Block(
		jen.Var().Id("n").Id("nesting"),
		jen.Return(jen.String().Parens(jen.Id("x").Dot("appendText").Call(jen.Nil(), jen.Op("&").Id("n")))),
	)

	f.Add(comment(fmt.Sprintf("GoString returns x for %%#v, in the same form as String.%s", secretNote)))
	f.Func().Params(x.Clone()).Id("GoString").Params().String().Block(
		jen.Return(jen.Lit(pkg + ".").Op("+").Id("x").Dot("String").Call()),
	)

	f.Add(comment(fmt.Sprintf("Format makes every fmt verb print x through String (%%#v through GoString, %%q quoted), so that no verb can reach a field's raw value.%s", secretNote)))
	f.Func().Params(x.Clone()).Id("Format").Params(jen.Id("s").Qual("fmt", "State"), jen.Id("verb").Rune()).Block(
		jen.Id("formatText").Call(jen.Id("s"), jen.Id("verb"), jen.Id("x").Dot("String").Call(), jen.Id("x").Dot("GoString").Call()),
	)

	f.Add(comment(fmt.Sprintf("LogValue returns the set fields of x as a slog group.%s", secretNote)))
	f.Func().Params(x.Clone()).Id("LogValue").Params().Qual("log/slog", "Value").Block(
		jen.Var().Id("n").Id("nesting"),
		jen.Return(jen.Id("x").Dot("logValue").Call(jen.Op("&").Id("n"))),
	)

	f.Add(comment("logValue is LogValue for x below the values on n, with the groups of nested objects built at once, so that no handler resolves them without end."))
	f.Func().Params(x.Clone()).Id("logValue").Params(jen.Id("n").Op("*").Id("nesting")).Qual("log/slog", "Value").BlockFunc(func(g *jen.Group) {
		g.Id("attrs").Op(":=").Make(jen.Index().Qual("log/slog", "Attr"), jen.Lit(0), jen.Lit(len(o.Fields)))
		for _, fl := range o.Fields {
			g.If(isSet(jen.Id("x"), fl)).Block(e.logAttr(fl)...)
		}
		g.Return(jen.Qual("log/slog", "GroupValue").Call(jen.Id("attrs").Op("...")))
	})

	f.Add(comment("appendText appends String's form of x, below the values on n, to b."))
	f.Func().Params(x.Clone()).Id("appendText").Params(jen.Id("b").Index().Byte(), jen.Id("n").Op("*").Id("nesting")).Index().Byte().BlockFunc(func(g *jen.Group) {
		g.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(o.GoName+"{").Op("..."))
		if len(o.Fields) > 0 {
			g.Id("sep").Op(":=").Lit("")
		}
		for i, fl := range o.Fields {
			stmts := append([]jen.Code{
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Id("sep").Op("+").Lit(fl.GoName+":").Op("...")),
			}, e.appendValue(fl)...)
			if i < len(o.Fields)-1 {
				stmts = append(stmts, jen.Id("sep").Op("=").Lit(" "))
			}
			g.If(isSet(jen.Id("x"), fl)).Block(stmts...)
		}
		g.Return(jen.Append(jen.Id("b"), jen.LitRune('}')))
	})
}

// guardCycle wraps the printing of a field that points to a value of a
// recursive type: the pointer goes on the way down (n) while the value is
// printed, and a pointer already on the way (a value built in Go that
// holds itself), or a way too deep, prints as the reason instead, through
// mark. Cycles in Go values always pass through such a pointer: slices,
// maps and Nullable hold values.
func guardCycle(fl *ir.Field, print jen.Code, mark func(why jen.Code) jen.Code) []jen.Code {
	if !fl.Type.Object.Recursive {
		return []jen.Code{print}
	}
	return []jen.Code{jen.If(
		jen.Id("why").Op(":=").Id("n").Dot("enter").Call(jen.Id("x").Dot(fl.GoName), jen.Id("maxPrintNesting")),
		jen.Id("why").Op("!=").Lit(""),
	).Block(mark(jen.Id("why"))).Else().Block(print, jen.Id("n").Dot("leave").Call())}
}

// fieldValue is the Go expression of a set field's value.
func fieldValue(fl *ir.Field) *jen.Statement {
	if zeroIsAbsent(fl.Type) {
		return jen.Id("x").Dot(fl.GoName)
	}
	return jen.Op("*").Id("x").Dot(fl.GoName)
}

// appendValue appends a set field's value to b.
func (e *emitter) appendValue(fl *ir.Field) []jen.Code {
	if fl.Type.Kind == ir.ObjectKind && !fl.Type.Nullable {
		return guardCycle(fl, jen.Id("b").Op("=").Id("x").Dot(fl.GoName).Dot("appendText").Call(jen.Id("b"), jen.Id("n")),
			func(why jen.Code) jen.Code {
				return jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("<").Op("+").Add(why).Op("+").Lit(">").Op("..."))
			})
	}
	return e.appendCode(fl.Type, fieldValue(fl))
}

// appendCode emits the statement that appends the value v of type t to b.
func (e *emitter) appendCode(t *ir.Type, v *jen.Statement) []jen.Code {
	return []jen.Code{jen.Id("b").Op("=").Add(e.appendExpr(t, jen.Id("b"), v))}
}

// appendExpr is the expression that appends the text of the value v, of
// type t, to the buffer buf: secrets as [REDACTED], strings quoted,
// collections in brackets through the run-time helpers of text.go, map
// keys in order.
func (e *emitter) appendExpr(t *ir.Type, buf, v *jen.Statement) *jen.Statement {
	if t.Nullable {
		inner := *t
		inner.Nullable = false
		return jen.Id("appendNullable").Call(buf, v, e.appendFunc(&inner))
	}
	switch t.Kind {
	case ir.String:
		if t.Secret {
			return jen.Append(buf, jen.Id("redacted").Op("..."))
		}
		return jen.Qual("strconv", "AppendQuote").Call(buf, v)
	case ir.EnumKind:
		return jen.Qual("strconv", "AppendQuote").Call(buf, jen.String().Parens(v))
	case ir.Bool:
		return jen.Qual("strconv", "AppendBool").Call(buf, v)
	case ir.Int:
		return jen.Qual("strconv", "AppendInt").Call(buf, jen.Int64().Parens(v), jen.Lit(10))
	case ir.Float:
		return jen.Qual("strconv", "AppendFloat").Call(buf, v, jen.LitRune('g'), jen.Lit(-1), jen.Lit(64))
	case ir.ObjectKind:
		return v.Clone().Dot("appendText").Call(buf, jen.Id("n"))
	case ir.Any:
		return jen.Append(buf, v.Clone().Dot("JSON").Call().Op("..."))
	case ir.Array:
		return jen.Id("appendList").Call(buf, v, e.appendFunc(t.Elem))
	case ir.Map:
		return jen.Id("appendMap").Call(buf, v, e.appendFunc(t.Elem))
	}
	panic(fmt.Sprintf("emit: cannot print kind %d", t.Kind))
}

// appendFunc is a function of type func([]byte, T) []byte that appends a
// value of type t: a run-time helper or strconv's for a scalar, a
// function literal otherwise.
func (e *emitter) appendFunc(t *ir.Type) jen.Code {
	if !t.Nullable {
		switch {
		case t.Kind == ir.String && t.Secret:
			return jen.Id("appendRedacted")
		case t.Kind == ir.String:
			return jen.Qual("strconv", "AppendQuote")
		case t.Kind == ir.EnumKind:
			return jen.Id("appendQuoted")
		case t.Kind == ir.Bool:
			return jen.Qual("strconv", "AppendBool")
		case t.Kind == ir.Int:
			return jen.Id("appendInt")
		case t.Kind == ir.Float:
			return jen.Id("appendFloat")
		}
	}
	return jen.Func().Params(jen.Id("b").Index().Byte(), jen.Id("v").Add(valueCode(t))).Index().Byte().Block(
		jen.Return(e.appendExpr(t, jen.Id("b"), jen.Id("v"))),
	)
}

// logAttr returns the statement that adds a set field's slog attribute:
// scalars as typed values, objects as groups, everything else as the
// text String gives it.
func (e *emitter) logAttr(fl *ir.Field) []jen.Code {
	add := func(a jen.Code) []jen.Code { return []jen.Code{jen.Id("attrs").Op("=").Append(jen.Id("attrs"), a)} }
	v := fieldValue(fl)
	name := jen.Lit(fl.JSONName)
	t := fl.Type
	switch {
	case t.Kind == ir.String && t.Secret && !t.Nullable:
		return add(jen.Qual("log/slog", "String").Call(name, jen.Id("redacted")))
	case t.Nullable || isCollection(t):
		return add(jen.Qual("log/slog", "String").Call(name, jen.String().Parens(e.appendExpr(t, jen.Nil(), v))))
	case t.Kind == ir.String:
		return add(jen.Qual("log/slog", "String").Call(name, v))
	case t.Kind == ir.EnumKind:
		return add(jen.Qual("log/slog", "String").Call(name, jen.String().Parens(v)))
	case t.Kind == ir.Bool:
		return add(jen.Qual("log/slog", "Bool").Call(name, v))
	case t.Kind == ir.Int:
		return add(jen.Qual("log/slog", "Int64").Call(name, jen.Int64().Parens(v)))
	case t.Kind == ir.Float:
		return add(jen.Qual("log/slog", "Float64").Call(name, v))
	case t.Kind == ir.Any:
		return add(jen.Qual("log/slog", "String").Call(name, jen.Parens(v).Dot("String").Call()))
	case t.Kind == ir.ObjectKind:
		return guardCycle(fl, add(jen.Qual("log/slog", "Any").Call(name, jen.Id("x").Dot(fl.GoName).Dot("logValue").Call(jen.Id("n"))))[0],
			func(why jen.Code) jen.Code { return add(jen.Qual("log/slog", "String").Call(name, why))[0] })
	}
	panic(fmt.Sprintf("emit: cannot log kind %d", t.Kind))
}
