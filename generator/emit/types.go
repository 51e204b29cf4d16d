package emit

import (
	"fmt"
	"net/textproto"
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
	f.Add(comment(enumDoc(en) +
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
	if !hasParams(op) {
		f.Add(comment(fmt.Sprintf("%sPath is the request path of %s.", op.GoName, op.ID)))
		f.Const().Id(op.GoName + "Path").Op("=").Lit(op.Path)
		return
	}
	name := op.GoName + "Params"
	f.Add(comment(fmt.Sprintf("%s holds the parameters of %s (%s %s).", name, op.ID, op.Method, op.Path)))
	f.Type().Id(name).StructFunc(func(g *jen.Group) {
		for _, p := range op.PathParams {
			g.Add(comment(paramDoc(p, "path")))
			g.Id(p.GoName).Add(valueCode(p.Type))
		}
		for _, p := range op.QueryParams {
			g.Add(comment(paramDoc(p, "query")))
			g.Id(p.GoName).Add(queryParamCode(p))
		}
		for _, p := range op.HeaderParams {
			g.Add(comment(paramDoc(p, "header")))
			g.Id(p.GoName).Add(queryParamCode(p))
		}
	})
	f.Line()
	switch {
	case len(pathSegments(op)) > 0:
		f.Add(comment(fmt.Sprintf("Path returns the request path of %s with every path parameter escaped as one path segment. It returns a *ValidationError, and no path, when a parameter is empty, \".\" or \"..\", which would address another path.", op.ID)))
		f.Func().Params(jen.Id("p").Id(name)).Id("Path").Params().Params(jen.String(), jen.Error()).Block(
			jen.Var().Id("vs").Id("violationList"),
			jen.Id("p").Dot("checkPath").Call(jen.Op("&").Id("vs")),
			jen.If(jen.Err().Op(":=").Id("vs").Dot("err").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Err())),
			jen.Return(pathExpr(op), jen.Nil()),
		)
	case len(op.PathParams) > 0:
		f.Add(comment(fmt.Sprintf("Path returns the request path of %s with every path parameter in it.", op.ID)))
		f.Func().Params(jen.Id("p").Id(name)).Id("Path").Params().Params(jen.String(), jen.Error()).Block(
			jen.Return(pathExpr(op), jen.Nil()),
		)
	default:
		f.Add(comment(fmt.Sprintf("Path returns the request path of %s.", op.ID)))
		f.Func().Params(jen.Id("p").Id(name)).Id("Path").Params().Params(jen.String(), jen.Error()).Block(
			jen.Return(jen.Lit(op.Path), jen.Nil()),
		)
	}
	if len(op.HeaderParams) > 0 {
		genHeader(f, op, name)
	}
	if len(op.QueryParams) == 0 {
		return
	}
	f.Add(comment(fmt.Sprintf("Query returns the query parameters of %s that are set, an array as the parameter repeated. Encode it for the URL's RawQuery.", op.ID)))
	f.Func().Params(jen.Id("p").Id(name)).Id("Query").Params().Qual("net/url", "Values").BlockFunc(func(g *jen.Group) {
		g.Id("q").Op(":=").Qual("net/url", "Values").Values()
		for _, p := range op.QueryParams {
			v := jen.Id("p").Dot(p.GoName)
			field := func() *jen.Statement { return jen.Id("p").Dot(p.GoName) }
			switch {
			case p.Type.Kind == ir.Array:
				g.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Add(v)).Block(
					jen.Id("q").Dot("Add").Call(jen.Lit(p.Name), formatScalar(p.Type.Elem, jen.Id("v"))),
				)
			case p.Required:
				g.Id("q").Dot("Set").Call(jen.Lit(p.Name), formatScalar(p.Type, v))
			case isSecret(p.Type):
				g.If(field().Dot("IsSet").Call()).Block(jen.Id("q").Dot("Set").Call(jen.Lit(p.Name), formatScalar(p.Type, field())))
			default:
				g.If(field().Op("!=").Nil()).Block(jen.Id("q").Dot("Set").Call(jen.Lit(p.Name), formatScalar(p.Type, jen.Op("*").Add(field()))))
			}
		}
		g.Return(jen.Id("q"))
	})
}

// genHeader writes the Header method of a Params type: the header
// parameters that are set, under their canonical names.
func genHeader(f *jen.File, op *ir.Operation, name string) {
	f.Add(comment(fmt.Sprintf("Header returns the header parameters of %s that are set.", op.ID)))
	f.Func().Params(jen.Id("p").Id(name)).Id("Header").Params().Qual("net/http", "Header").BlockFunc(func(g *jen.Group) {
		g.Id("h").Op(":=").Qual("net/http", "Header").Values()
		for _, p := range op.HeaderParams {
			key := jen.Lit(textproto.CanonicalMIMEHeaderKey(p.Name))
			field := func() *jen.Statement { return jen.Id("p").Dot(p.GoName) }
			switch {
			case isSecret(p.Type):
				g.If(field().Dot("IsSet").Call()).Block(jen.Id("h").Index(key).Op("=").Index().String().Values(formatScalar(p.Type, field())))
				continue
			case p.Required:
				g.Id("h").Index(key).Op("=").Index().String().Values(formatScalar(p.Type, field()))
				continue
			}
			g.If(field().Op("!=").Nil()).Block(jen.Id("h").Index(key).Op("=").Index().String().Values(formatScalar(p.Type, jen.Op("*").Add(field()))))
		}
		g.Return(jen.Id("h"))
	})
}

// paramDoc documents a parameter field.
func paramDoc(p *ir.Param, in string) string {
	doc := fmt.Sprintf("%s is the %q %s parameter", p.GoName, p.Name, in)
	if s := sentence(p.Doc); s != "" {
		doc += ": " + s
	} else {
		doc += "."
	}
	if in != "path" && !p.Required {
		doc += " It is optional: nil (or empty) leaves it out."
	}
	return doc
}

// queryParamCode is the Go type of a query parameter: a value when it is
// required, a pointer when optional, a slice for an array.
func queryParamCode(p *ir.Param) *jen.Statement {
	if p.Required || p.Type.Kind == ir.Array || isSecret(p.Type) {
		return valueCode(p.Type)
	}
	return jen.Op("*").Add(valueCode(p.Type))
}

// formatScalar converts a scalar value to its text in a query string.
func formatScalar(t *ir.Type, v *jen.Statement) *jen.Statement {
	switch t.Kind {
	case ir.String:
		if t.Secret {
			return v.Dot("Value").Call()
		}
		return v
	case ir.EnumKind:
		return jen.String().Parens(v)
	case ir.Bool:
		return jen.Qual("strconv", "FormatBool").Call(v)
	case ir.Int:
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Parens(v), jen.Lit(10))
	case ir.Float:
		return jen.Qual("strconv", "FormatFloat").Call(v, jen.LitRune('g'), jen.Lit(-1), jen.Lit(64))
	}
	panic(fmt.Sprintf("emit: no query form for kind %d", t.Kind))
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
				parts = append(parts, jen.Qual("net/url", "PathEscape").Call(formatScalar(p.Type, jen.Id("p").Dot(p.GoName))))
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
