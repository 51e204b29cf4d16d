package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// types writes types.go: enums, structs and path parameters.
func (e *emitter) types(f *jen.File) {
	for _, en := range e.pkg.Enums {
		genEnum(f, en)
	}
	for _, o := range e.pkg.Objects {
		genStruct(f, o)
	}
	for _, op := range e.pkg.Operations {
		genOperation(f, op)
	}
}

func genEnum(f *jen.File, en *ir.Enum) {
	f.Add(comment(typeDoc(en.GoName, en.Doc, "is a string with documented values.") +
		"\n\nThe constants below are the documented values. Valid reports whether a value is one of them."))
	f.Type().Id(en.GoName).String()
	f.Line()
	f.Comment(fmt.Sprintf("The documented values of %s.", en.GoName))
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, v := range en.Values {
			g.Add(comment(fmt.Sprintf("%s is %q.", v.GoName, v.Value)))
			g.Id(v.GoName).Id(en.GoName).Op("=").Lit(v.Value)
		}
	})
	f.Line()
	f.Comment("Valid reports whether v is one of the documented values.")
	f.Func().Params(jen.Id("v").Id(en.GoName)).Id("Valid").Params().Bool().Block(
		jen.Switch(jen.Id("v")).Block(
			jen.Case(enumConsts(en)...).Block(jen.Return(jen.True())),
		),
		jen.Return(jen.False()),
	)
}

func enumConsts(en *ir.Enum) []jen.Code {
	var out []jen.Code
	for _, v := range en.Values {
		out = append(out, jen.Id(v.GoName))
	}
	return out
}

func genStruct(f *jen.File, o *ir.Object) {
	doc := typeDoc(o.GoName, o.Doc, "is an object of the schema.")
	if o.Closed {
		doc += "\n\nIt is a request type: its decoder rejects members the schema does not declare."
	} else {
		doc += "\n\nIts decoder ignores members the schema does not declare."
	}
	f.Add(comment(doc))
	f.Type().Id(o.GoName).StructFunc(func(g *jen.Group) {
		for _, fl := range o.Fields {
			g.Add(comment(fieldDoc(fl)))
			g.Id(fl.GoName).Add(fieldCode(fl)).Tag(jsonTag(fl))
		}
	})
}

func genOperation(f *jen.File, op *ir.Operation) {
	f.Add(comment(fmt.Sprintf("%sMethod is the HTTP method of %s.", op.GoName, op.ID)))
	f.Const().Id(op.GoName + "Method").Op("=").Lit(op.Method)
	if len(op.PathParams) == 0 {
		f.Add(comment(fmt.Sprintf("%sPath is the request path of %s.", op.GoName, op.ID)))
		f.Const().Id(op.GoName + "Path").Op("=").Lit(op.Path)
		return
	}
	name := op.GoName + "Params"
	f.Add(comment(fmt.Sprintf("%s holds the path parameters of %s (%s %s).", name, op.ID, op.Method, op.Path)))
	f.Type().Id(name).StructFunc(func(g *jen.Group) {
		for _, p := range op.PathParams {
			doc := fmt.Sprintf("%s is the %q path parameter", p.GoName, p.Name)
			if s := sentence(p.Doc); s != "" {
				doc += ": " + s
			} else {
				doc += "."
			}
			g.Add(comment(doc))
			g.Id(p.GoName).String()
		}
	})
	f.Line()
	f.Add(comment(fmt.Sprintf("Path returns the request path of %s with every parameter escaped as a path segment.", op.ID)))
	f.Func().Params(jen.Id("p").Id(name)).Id("Path").Params().String().Block(
		jen.Return(pathExpr(op)),
	)
}

// pathExpr concatenates the literal parts of the path template with the
// escaped parameters.
func pathExpr(op *ir.Operation) *jen.Statement {
	var parts []jen.Code
	rest := op.Path
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			parts = append(parts, jen.Lit(rest))
			break
		}
		if i > 0 {
			parts = append(parts, jen.Lit(rest[:i]))
		}
		j := strings.IndexByte(rest[i:], '}')
		name := rest[i+1 : i+j]
		for _, p := range op.PathParams {
			if p.Name == name {
				parts = append(parts, jen.Qual("net/url", "PathEscape").Call(jen.Id("p").Dot(p.GoName)))
			}
		}
		rest = rest[i+j+1:]
	}
	s := jen.Null()
	for i, p := range parts {
		if i > 0 {
			s.Op("+")
		}
		s.Add(p)
	}
	return s
}
