package emit

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// client writes client.go: a method of Client per operation. Each
// validates its parameters and body before anything is sent, encodes the
// body, sends it through the run-time client (signing, retries, errors)
// and decodes the success response leniently.
func (e *emitter) client(f *jen.File) {
	for _, op := range e.pkg.Operations {
		genClientMethod(f, op)
	}
}

// successBody returns the body of op's success responses, nil when they
// have none, and the success statuses.
func successBody(op *ir.Operation) (*ir.Body, []int) {
	var body *ir.Body
	var statuses []int
	for _, r := range op.Responses {
		n, err := strconv.Atoi(r.Status)
		if err != nil || n < 200 || n > 299 {
			continue
		}
		statuses = append(statuses, n)
		if body == nil {
			body = r.Body
		}
	}
	return body, statuses
}

// hasParams reports whether op has a Params type.
func hasParams(op *ir.Operation) bool {
	return len(op.PathParams) > 0 || len(op.QueryParams) > 0 || len(op.HeaderParams) > 0
}

// projectParam returns the path parameter that names the project, sent
// as X-Project-Id, or nil.
func projectParam(op *ir.Operation) *ir.Param {
	for _, p := range op.PathParams {
		if p.Name == "project_id" {
			return p
		}
	}
	return nil
}

func genClientMethod(f *jen.File, op *ir.Operation) {
	body, statuses := successBody(op)
	results := jen.Error()
	fail := []jen.Code{jen.Err()}
	var out codec
	if body != nil {
		out = bodyCodec(body)
		results = jen.Params(out.typ, jen.Error())
		fail = []jen.Code{out.zero, jen.Err()}
	}

	doc := fmt.Sprintf("%s sends %s (%s %s).", op.GoName, op.ID, op.Method, op.Path)
	if op.Doc != "" {
		doc += " " + ownSentence(op.Doc)
	}
	var checked []string
	if hasParams(op) {
		checked = append(checked, "p")
	}
	var in codec
	if op.Request != nil {
		in = bodyCodec(op.Request)
		if in.validate != nil {
			checked = append(checked, "body")
		}
	}
	if len(checked) > 0 {
		doc += fmt.Sprintf(" It checks %s against the schema first: when that fails it returns the *ValidationError and sends nothing.", joinAnd(checked))
	}
	switch {
	case body != nil && out.raw:
		doc += fmt.Sprintf(" It returns %s the service sends (%s).", out.name, body.MediaType)
	case body != nil:
		doc += fmt.Sprintf(" It returns the %s the service sends, decoded leniently (members the schema does not declare are ignored).", out.name)
	}
	doc += fmt.Sprintf(" A status other than %s is an *APIError.", statusList(statuses))
	f.Add(comment(doc))

	var stmts []jen.Code
	if hasParams(op) {
		stmts = append(stmts, jen.If(jen.Err().Op(":=").Id("p").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(fail...)))
	}
	if op.Request != nil && in.validate != nil {
		stmts = append(stmts, jen.If(jen.Err().Op(":=").Add(in.validate(jen.Id("body"))), jen.Err().Op("!=").Nil()).Block(jen.Return(fail...)))
	}
	pathExprCode := jen.Id(op.GoName + "Path")
	if hasParams(op) {
		// Validate checked the path parameters: Path cannot fail now.
		stmts = append(stmts, jen.List(jen.Id("path"), jen.Id("_")).Op(":=").Id("p").Dot("Path").Call())
		pathExprCode = jen.Id("path")
	}
	call := jen.Dict{
		jen.Id("operation"): jen.Lit(op.ID),
		jen.Id("method"):    jen.Id(op.GoName + "Method"),
		jen.Id("path"):      pathExprCode,
		jen.Id("success"): jen.Id("statuses").CallFunc(func(g *jen.Group) {
			for _, s := range statuses {
				g.Lit(s)
			}
		}),
	}
	if len(op.QueryParams) > 0 {
		call[jen.Id("query")] = jen.Id("p").Dot("Query").Call()
	}
	if len(op.HeaderParams) > 0 {
		call[jen.Id("header")] = jen.Id("p").Dot("Header").Call()
	}
	if pp := projectParam(op); pp != nil {
		call[jen.Id("projectID")] = jen.Id("p").Dot(pp.GoName)
	}
	declared := false // err
	if op.Request != nil {
		if in.raw {
			data := jen.Id("body")
			if op.Request.Kind == ir.TextBody {
				data = jen.Index().Byte().Parens(jen.Id("body"))
			}
			call[jen.Id("body")] = data
		} else {
			stmts = append(stmts,
				jen.List(jen.Id("data"), jen.Err()).Op(":=").Add(in.encode(jen.Id("body"))),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(fail...)),
			)
			declared = true
			call[jen.Id("body")] = jen.Id("data")
		}
		if op.Request.MediaType != "application/json" {
			call[jen.Id("contentType")] = jen.Lit(op.Request.MediaType)
		}
	}
	if body != nil && body.MediaType != "application/json" {
		call[jen.Id("accept")] = jen.Lit(body.MediaType)
	}
	res := jen.Id("_")
	if body != nil {
		res = jen.Id("res")
	}
	define := ":="
	if body == nil && declared {
		define = "=" // err is declared already, and nothing else is new
	}
	stmts = append(stmts,
		jen.List(res, jen.Err()).Op(define).Id("c").Dot("do").Call(jen.Id("ctx"), jen.Id("call").Values(call)),
	)
	switch {
	case body == nil:
		stmts = append(stmts, jen.Return(jen.Err()))
	case out.raw:
		val := jen.Id("res").Dot("body")
		if body.Kind == ir.TextBody {
			val = jen.String().Parens(jen.Id("res").Dot("body"))
		}
		stmts = append(stmts,
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(out.zero, jen.Err())),
			jen.Return(val, jen.Nil()),
		)
	default:
		stmts = append(stmts,
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(out.zero, jen.Err())),
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Add(out.decode(jen.Id("res").Dot("body"))),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.Return(out.zero, jen.Qual("fmt", "Errorf").Call(jen.Lit(op.ID+": the service's response does not decode: %w"), jen.Err())),
			),
			jen.Return(jen.Id("out"), jen.Nil()),
		)
	}
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(op.GoName).Params(handlerParams(op)...).Add(results).Block(stmts...)
}

// ownSentence is a description as a sentence of its own: its first letter
// upper-cased and a final period.
func ownSentence(desc string) string {
	desc = strings.Join(strings.Fields(desc), " ")
	if desc == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(desc)
	desc = string(unicode.ToUpper(r)) + desc[size:]
	if !strings.HasSuffix(desc, ".") {
		desc += "."
	}
	return desc
}

// joinAnd joins words with "," and "and".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	out := words[0]
	for _, w := range words[1 : len(words)-1] {
		out += ", " + w
	}
	return out + " and " + words[len(words)-1]
}

// statusList writes statuses as "200", "200 or 201".
func statusList(statuses []int) string {
	if len(statuses) == 0 {
		return "2xx"
	}
	var words []string
	for _, s := range statuses {
		words = append(words, strconv.Itoa(s))
	}
	out := words[0]
	for i, w := range words[1:] {
		if i == len(words)-2 {
			out += " or " + w
		} else {
			out += ", " + w
		}
	}
	return out
}
