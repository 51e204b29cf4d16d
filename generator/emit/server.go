package emit

import (
	"fmt"
	"math"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// server writes server.go: the Handler interface, with one method per
// operation of the same signature as the Client's, and NewServer, an
// http.Handler that routes each request to it after decoding and
// validating its parameters and body strictly.
func (e *emitter) server(f *jen.File) {
	f.Add(comment("Handler serves the operations of the API, one method per operation, with the signatures of Client's methods (so a *Client is a Handler too). NewServer calls a method only with parameters and a body that decoded strictly and passed Validate. A returned *APIError is answered with its status and the service's error body; any other error is answered 500."))
	f.Type().Id("Handler").InterfaceFunc(func(g *jen.Group) {
		for _, op := range e.pkg.Operations {
			body, _ := successBody(op)
			g.Add(comment(fmt.Sprintf("%s serves %s (%s %s).", op.GoName, op.ID, op.Method, op.Path)))
			g.Id(op.GoName).Params(handlerParams(op)...).Add(handlerResults(body))
		}
	})
	f.Add(comment("NewServer returns an http.Handler that serves h: it routes each request by method and path, reads the path and query parameters and decodes the body strictly, validates them (a violation is answered 400 with the service's error body, listing the violations), calls h, and encodes h's answer with the documented success status. A request that matches no operation is answered 404, or 405 for a known path and another method, with the service's error body. Every response carries an X-Request-Id."))
	f.Func().Id("NewServer").Params(jen.Id("h").Id("Handler")).Qual("net/http", "Handler").BlockFunc(func(g *jen.Group) {
		g.Id("mux").Op(":=").Qual("net/http", "NewServeMux").Call()
		for _, op := range e.pkg.Operations {
			g.Id("mux").Dot("HandleFunc").Call(jen.Lit(op.Method+" "+op.Path), jen.Func().Params(
				jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request"),
			).Block(jen.Id("serve"+op.GoName).Call(jen.Id("h"), jen.Id("w"), jen.Id("r"))))
		}
		g.Return(jen.Qual("net/http", "HandlerFunc").Call(jen.Func().Params(
			jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request"),
		).Block(jen.Id("routed").Call(jen.Id("mux"), jen.Id("w"), jen.Id("r")))))
	})
	for _, op := range e.pkg.Operations {
		e.genServeFunc(f, op)
	}
}

// handlerParams are the parameters of op's Handler and Client methods.
func handlerParams(op *ir.Operation) []jen.Code {
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	if hasParams(op) {
		params = append(params, jen.Id("p").Id(op.GoName+"Params"))
	}
	if op.Request != nil {
		params = append(params, jen.Id("body").Add(bodyCodec(op.Request).typ))
	}
	return params
}

// handlerResults are the results of op's Handler and Client methods.
func handlerResults(body *ir.Body) *jen.Statement {
	if body == nil {
		return jen.Error()
	}
	return jen.Params(bodyCodec(body).typ, jen.Error())
}

// genServeFunc writes the route of one operation.
func (e *emitter) genServeFunc(f *jen.File, op *ir.Operation) {
	body, statuses := successBody(op)
	status := 200
	if len(statuses) > 0 {
		status = statuses[0]
	}
	f.Add(comment(fmt.Sprintf("serve%s serves one %s request with h.", op.GoName, op.ID)))
	f.Func().Id("serve"+op.GoName).Params(
		jen.Id("h").Id("Handler"), jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request"),
	).BlockFunc(func(g *jen.Group) {
		g.Id("s").Op(":=").Id("newServerRequest").Call(jen.Id("w"), jen.Id("r"))
		args := []jen.Code{jen.Id("r").Dot("Context").Call()}
		if hasParams(op) {
			g.Var().Id("p").Id(op.GoName + "Params")
			for _, pp := range op.PathParams {
				if pp.Type.Kind == ir.String {
					g.Id("p").Dot(pp.GoName).Op("=").Id("r").Dot("PathValue").Call(jen.Lit(pp.Name))
					continue
				}
				g.Add(jen.Block(append([]jen.Code{jen.Id("v").Op(":=").Id("r").Dot("PathValue").Call(jen.Lit(pp.Name))},
					parseQueryValue(pp.Type, pp.Name, pp.Pointer+"/schema/type", func(v jen.Code) jen.Code {
						return jen.Id("p").Dot(pp.GoName).Op("=").Add(v)
					})...)...))
			}
			for _, hp := range op.HeaderParams {
				readHeaderParam(g, hp)
			}
			if len(op.QueryParams) > 0 {
				g.List(jen.Id("q"), jen.Id("ok")).Op(":=").Id("s").Dot("query").Call()
				g.If(jen.Op("!").Id("ok")).Block(jen.Return())
				for _, qp := range op.QueryParams {
					readQueryParam(g, qp)
				}
			}
			g.If(jen.Op("!").Id("s").Dot("check").Call(jen.Id("p").Dot("Validate").Call())).Block(jen.Return())
			args = append(args, jen.Id("p"))
		}
		if op.Request != nil {
			in := bodyCodec(op.Request)
			g.List(jen.Id("data"), jen.Id("ok")).Op(":=").Id("s").Dot("body").Call()
			g.If(jen.Op("!").Id("ok")).Block(jen.Return())
			switch {
			case in.raw:
				arg := jen.Id("data")
				if op.Request.Kind == ir.TextBody {
					arg = jen.String().Parens(jen.Id("data"))
				}
				if in.validate != nil {
					g.If(jen.Op("!").Id("s").Dot("check").Call(in.validate(arg.Clone()))).Block(jen.Return())
				}
				args = append(args, arg)
			default:
				g.List(jen.Id("body"), jen.Err()).Op(":=").Add(in.decode(jen.Id("data")))
				g.If(jen.Err().Op("==").Nil()).Block(jen.Err().Op("=").Add(in.validate(jen.Id("body"))))
				g.If(jen.Op("!").Id("s").Dot("check").Call(jen.Err())).Block(jen.Return())
				args = append(args, jen.Id("body"))
			}
		}
		if body == nil {
			g.Id("s").Dot("reply").Call(jen.Lit(status), jen.Nil(), jen.Id("h").Dot(op.GoName).Call(args...))
			return
		}
		out := bodyCodec(body)
		g.List(jen.Id("out"), jen.Err()).Op(":=").Id("h").Dot(op.GoName).Call(args...)
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Id("s").Dot("fail").Call(jen.Err()), jen.Return())
		switch {
		case out.raw:
			answer := jen.Id("out")
			if body.Kind == ir.TextBody {
				answer = jen.Index().Byte().Parens(jen.Id("out"))
			}
			g.Id("s").Dot("replyAs").Call(jen.Lit(body.MediaType), jen.Lit(status), answer)
		default:
			g.List(jen.Id("answer"), jen.Err()).Op(":=").Add(out.encode(jen.Id("out")))
			if body.MediaType != "application/json" {
				g.Id("s").Dot("replyJSONAs").Call(jen.Lit(body.MediaType), jen.Lit(status), jen.Id("answer"), jen.Err())
			} else {
				g.Id("s").Dot("reply").Call(jen.Lit(status), jen.Id("answer"), jen.Err())
			}
		}
	})
}

// readQueryParam emits the statements that read query parameter qp into
// p, recording a violation for a value of the wrong form (the schema's
// other rules are Validate's).
func readQueryParam(g *jen.Group, qp *ir.Param) {
	rule := qp.Pointer + "/schema/type"
	name := jen.Lit(qp.Name)
	field := jen.Id("p").Dot(qp.GoName)
	if qp.Type.Kind == ir.Array {
		elem := qp.Type.Elem
		g.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Id("q").Index(name)).Block(
			parseQueryValue(elem, qp.Name, rule+"/items", func(v jen.Code) jen.Code {
				return field.Clone().Op("=").Append(field.Clone(), v)
			})...,
		)
		return
	}
	assign := func(v jen.Code) jen.Code {
		if qp.Required || isSecret(qp.Type) {
			return field.Clone().Op("=").Add(v)
		}
		return field.Clone().Op("=").Id("Ptr").Call(v)
	}
	read := jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("s").Dot("queryValue").Call(jen.Id("q"), name, jen.Lit(rule)), jen.Id("ok")).
		Block(parseQueryValue(qp.Type, qp.Name, rule, assign)...)
	if qp.Required {
		read = read.Else().If(jen.Op("!").Id("q").Dot("Has").Call(name)).Block(
			jen.Id("s").Dot("missingQuery").Call(name, jen.Lit(qp.Pointer+"/required")),
		)
	}
	g.Add(read)
}

// readHeaderParam emits the statements that read header parameter hp into
// p, as readQueryParam does for a query parameter.
func readHeaderParam(g *jen.Group, hp *ir.Param) {
	rule := hp.Pointer + "/schema/type"
	name := jen.Lit(hp.Name)
	assign := func(v jen.Code) jen.Code {
		if hp.Required || isSecret(hp.Type) {
			return jen.Id("p").Dot(hp.GoName).Op("=").Add(v)
		}
		return jen.Id("p").Dot(hp.GoName).Op("=").Id("Ptr").Call(v)
	}
	read := jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("s").Dot("headerValue").Call(name, jen.Lit(rule)), jen.Id("ok")).
		Block(parseQueryValue(hp.Type, hp.Name, rule, assign)...)
	if hp.Required {
		read = read.Else().If(jen.Id("r").Dot("Header").Dot("Get").Call(name).Op("==").Lit("")).Block(
			jen.Id("s").Dot("missingQuery").Call(name, jen.Lit(hp.Pointer+"/required")),
		)
	}
	g.Add(read)
}

// parseQueryValue emits statements that convert the string v to a value
// of the scalar type t and pass it to assign.
func parseQueryValue(t *ir.Type, name, rule string, assign func(jen.Code) jen.Code) []jen.Code {
	v := jen.Id("v")
	switch t.Kind {
	case ir.String:
		if t.Secret {
			return []jen.Code{assign(jen.Id("NewSecret").Call(v))}
		}
		return []jen.Code{assign(v)}
	case ir.EnumKind:
		return []jen.Code{assign(jen.Id(t.Enum.GoName).Call(v))}
	case ir.Bool:
		return []jen.Code{jen.If(jen.List(jen.Id("b"), jen.Id("ok")).Op(":=").Id("s").Dot("parseBool").Call(jen.Lit(name), jen.Lit(rule), v), jen.Id("ok")).Block(assign(jen.Id("b")))}
	case ir.Int:
		// The Go type's range here; the schema's bounds are Validate's,
		// with their own rules and messages.
		var conv jen.Code = jen.Id("n")
		lo, hi := intLit(math.MinInt64), intLit(math.MaxInt64)
		if t.Bits == 32 {
			conv = jen.Int32().Call(jen.Id("n"))
			lo, hi = intLit(math.MinInt32), intLit(math.MaxInt32)
		}
		return []jen.Code{jen.If(jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Id("s").Dot("parseInt").Call(jen.Lit(name), jen.Lit(rule), v, lo, hi), jen.Id("ok")).Block(assign(conv))}
	case ir.Float:
		return []jen.Code{jen.If(jen.List(jen.Id("f"), jen.Id("ok")).Op(":=").Id("s").Dot("parseNumber").Call(jen.Lit(name), jen.Lit(rule), v), jen.Id("ok")).Block(assign(jen.Id("f")))}
	}
	panic(fmt.Sprintf("emit: no query reader for kind %d", t.Kind))
}
