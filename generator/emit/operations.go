package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// operations writes operations.go: the table of the package's operations,
// for tools that handle any of them (a command that checks a document, a
// router, a fake service).
func (e *emitter) operations(f *jen.File) {
	if len(e.pkg.Operations) == 0 {
		return
	}
	f.Add(comment("OperationInfo describes an operation of the API for tools that handle any of them: its operationId, method and path template, the statuses that mean success, and functions that decode and validate its bodies."))
	f.Type().Id("OperationInfo").Struct(
		jen.Comment("ID is the operationId."),
		jen.Id("ID").String(),
		jen.Comment("Method is the HTTP method, upper case."),
		jen.Id("Method").String(),
		jen.Comment("Path is the path template, such as /v2/{project_id}/items."),
		jen.Id("Path").String(),
		jen.Comment("Success lists the documented success statuses."),
		jen.Id("Success").Index().Int(),
		jen.Comment("Request and Response name the body types, \"\" for none."),
		jen.List(jen.Id("Request"), jen.Id("Response")).String(),
		jen.Comment("CheckRequest decodes a request body strictly and validates it;"),
		jen.Comment("nil when the operation has no request body."),
		jen.Id("CheckRequest").Func().Params(jen.Id("data").Index().Byte()).Error(),
		jen.Comment("CheckResponse decodes a success response body leniently and"),
		jen.Comment("validates it; nil when no success response has a body."),
		jen.Id("CheckResponse").Func().Params(jen.Id("data").Index().Byte()).Error(),
	)
	f.Add(comment("Operations returns the operations of the API, in path and method order. The slice is new at every call."))
	f.Func().Id("Operations").Params().Index().Id("OperationInfo").Block(
		jen.Return(jen.Index().Id("OperationInfo").ValuesFunc(func(g *jen.Group) {
			for _, op := range e.pkg.Operations {
				g.Add(operationInfo(op))
			}
		})),
	)
	f.Add(comment("check returns a function that decodes a document with decode and validates the result."))
	f.Func().Id("check").Types(jen.Id("T").Interface(jen.Id("Validate").Params().Error())).Params(
		jen.Id("decode").Func().Params(jen.Index().Byte()).Params(jen.Id("T"), jen.Error()),
	).Func().Params(jen.Index().Byte()).Error().Block(
		jen.Return(jen.Func().Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("decode").Call(jen.Id("data")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Return(jen.Id("x").Dot("Validate").Call()),
		)),
	)
}

// operationInfo is the table entry of op.
func operationInfo(op *ir.Operation) *jen.Statement {
	d := jen.Dict{
		jen.Id("ID"):     jen.Lit(op.ID),
		jen.Id("Method"): jen.Lit(op.Method),
		jen.Id("Path"):   jen.Lit(op.Path),
	}
	var success []jen.Code
	var body *ir.Body
	for _, r := range op.Responses {
		n, err := strconv.Atoi(r.Status)
		if err != nil || n < 200 || n > 299 {
			continue
		}
		success = append(success, jen.Lit(n))
		if body == nil {
			body = r.Body
		}
	}
	d[jen.Id("Success")] = jen.Index().Int().Values(success...)
	if op.Request != nil {
		name, check := bodyCheck(op.Request)
		d[jen.Id("Request")] = jen.Lit(name)
		d[jen.Id("CheckRequest")] = check
	}
	if body != nil {
		name, check := bodyCheck(body)
		d[jen.Id("Response")] = jen.Lit(name)
		d[jen.Id("CheckResponse")] = check
	}
	return jen.Values(d)
}

// bodyCheck returns the name of a body's type for the table and the
// function that decodes and validates a document of it: for an object,
// its Decode and Validate; for another JSON body, its functions; for a
// text body with a schema, its Validate of the text; nil when there is
// nothing to check.
func bodyCheck(b *ir.Body) (string, jen.Code) {
	c := bodyCodec(b)
	switch {
	case b.Object() != nil:
		return c.name, jen.Id("check").Call(jen.Id("Decode" + c.name))
	case c.raw && c.validate == nil:
		return "", jen.Nil()
	}
	data := jen.Id("data")
	var stmts []jen.Code
	if c.raw {
		stmts = []jen.Code{jen.Return(c.validate(jen.String().Parens(data)))}
	} else {
		stmts = []jen.Code{
			jen.List(jen.Id("x"), jen.Err()).Op(":=").Add(c.decode(data)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Return(c.validate(jen.Id("x"))),
		}
	}
	return c.name, jen.Func().Params(jen.Id("data").Index().Byte()).Error().Block(stmts...)
}
