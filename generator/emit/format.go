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
		genFormat(f, e.pkg.Name, o)
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

func genFormat(f *jen.File, pkg string, o *ir.Object) {
	x := jen.Id("x").Id(o.GoName)
	secretNote := ""
	if o.Sensitive {
		secretNote = " Secrets show as [REDACTED]."
	}

	f.Add(comment(fmt.Sprintf("String returns the set fields of x as Name:value pairs.%s", secretNote)))
	f.Func().Params(x.Clone()).Id("String").Params().String().Block(
		jen.Return(jen.String().Parens(jen.Id("x").Dot("appendText").Call(jen.Nil()))),
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
	f.Func().Params(x.Clone()).Id("LogValue").Params().Qual("log/slog", "Value").BlockFunc(func(g *jen.Group) {
		g.Id("attrs").Op(":=").Make(jen.Index().Qual("log/slog", "Attr"), jen.Lit(0), jen.Lit(len(o.Fields)))
		for _, fl := range o.Fields {
			g.If(jen.Id("x").Dot(fl.GoName).Op("!=").Nil()).Block(
				jen.Id("attrs").Op("=").Append(jen.Id("attrs"), logAttr(fl)),
			)
		}
		g.Return(jen.Qual("log/slog", "GroupValue").Call(jen.Id("attrs").Op("...")))
	})

	f.Add(comment("appendText appends String's form of x to b."))
	f.Func().Params(x.Clone()).Id("appendText").Params(jen.Id("b").Index().Byte()).Index().Byte().BlockFunc(func(g *jen.Group) {
		g.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(o.GoName+"{").Op("..."))
		if len(o.Fields) > 0 {
			g.Id("sep").Op(":=").Lit("")
		}
		for i, fl := range o.Fields {
			stmts := []jen.Code{
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.Id("sep").Op("+").Lit(fl.GoName+":").Op("...")),
				appendValue(fl),
			}
			if i < len(o.Fields)-1 {
				stmts = append(stmts, jen.Id("sep").Op("=").Lit(" "))
			}
			g.If(jen.Id("x").Dot(fl.GoName).Op("!=").Nil()).Block(stmts...)
		}
		g.Return(jen.Append(jen.Id("b"), jen.LitRune('}')))
	})
}

// appendValue appends a set field's value to b.
func appendValue(fl *ir.Field) jen.Code {
	v := jen.Op("*").Id("x").Dot(fl.GoName)
	b := jen.Id("b")
	if fl.Sensitive {
		return b.Op("=").Append(jen.Id("b"), jen.Id("redacted").Op("..."))
	}
	switch fl.Type.Kind {
	case ir.String:
		return b.Op("=").Qual("strconv", "AppendQuote").Call(jen.Id("b"), v)
	case ir.EnumKind:
		return b.Op("=").Qual("strconv", "AppendQuote").Call(jen.Id("b"), jen.String().Parens(v))
	case ir.Bool:
		return b.Op("=").Qual("strconv", "AppendBool").Call(jen.Id("b"), v)
	case ir.Int:
		return b.Op("=").Qual("strconv", "AppendInt").Call(jen.Id("b"), jen.Int64().Parens(v), jen.Lit(10))
	case ir.Float:
		return b.Op("=").Qual("strconv", "AppendFloat").Call(jen.Id("b"), v, jen.LitRune('g'), jen.Lit(-1), jen.Lit(64))
	case ir.ObjectKind:
		return b.Op("=").Id("x").Dot(fl.GoName).Dot("appendText").Call(jen.Id("b"))
	}
	panic(fmt.Sprintf("emit: cannot print kind %d", fl.Type.Kind))
}

// logAttr returns the slog attribute of a set field.
func logAttr(fl *ir.Field) jen.Code {
	v := jen.Op("*").Id("x").Dot(fl.GoName)
	name := jen.Lit(fl.JSONName)
	if fl.Sensitive {
		return jen.Qual("log/slog", "String").Call(name, jen.Id("redacted"))
	}
	switch fl.Type.Kind {
	case ir.String:
		return jen.Qual("log/slog", "String").Call(name, v)
	case ir.EnumKind:
		return jen.Qual("log/slog", "String").Call(name, jen.String().Parens(v))
	case ir.Bool:
		return jen.Qual("log/slog", "Bool").Call(name, v)
	case ir.Int:
		return jen.Qual("log/slog", "Int64").Call(name, jen.Int64().Parens(v))
	case ir.Float:
		return jen.Qual("log/slog", "Float64").Call(name, v)
	case ir.ObjectKind:
		return jen.Qual("log/slog", "Any").Call(name, jen.Id("x").Dot(fl.GoName).Dot("LogValue").Call())
	}
	panic(fmt.Sprintf("emit: cannot log kind %d", fl.Type.Kind))
}
