package schema

import (
	"net/textproto"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// param builds what every parameter has: its names, documentation and
// doc facts.
func (b *builder) param(p *openapi3.Parameter, ptr string) *ir.Param {
	q := &ir.Param{
		Name:       p.Name,
		GoName:     goNameOf(p.Extensions, p.Name),
		Doc:        strings.TrimSpace(p.Description),
		Pos:        b.pos(p.Origin),
		Pointer:    ptr,
		Required:   p.Required,
		DocRow:     b.intExtMap(p.Extensions, b.pos(p.Origin), ptr, "x-doc-row"),
		Tables:     b.docTables(p.Extensions, b.pos(p.Origin), ptr),
		Deviations: b.deviations(p.Extensions, b.pos(p.Origin), ptr),
	}
	b.checkDocKeys(p.Extensions, q.Pos, ptr, "x-doc-tables", "x-doc-row", "x-doc-deviation")
	if p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Default != nil {
		q.Default = literalText(p.Schema.Value.Default)
	}
	return q
}

// scalarParam reads the schema of a parameter that holds one scalar: a
// string (not a secret), an enum, an integer, a number or a boolean.
func (b *builder) scalarParam(q *ir.Param, p *openapi3.Parameter, opName, in string) {
	if p.Schema == nil {
		// No schema: a string.
		q.Type = &ir.Type{Kind: ir.String, TypeRule: q.Pointer}
		return
	}
	q.Type = b.typeOf(p.Schema, q.Pointer+"/schema", opName, p.Name)
	switch t := q.Type; {
	case t.Nullable:
		b.errorf(q.Pos, q.Pointer+"/schema", "a %s parameter cannot be null", in)
	case t.Kind == ir.String && t.Secret && in == "path":
		b.errorf(q.Pos, q.Pointer+"/schema", "a path parameter cannot be a secret (format: password): paths are logged by every proxy on the way")
	case t.Kind != ir.String && t.Kind != ir.EnumKind && t.Kind != ir.Int && t.Kind != ir.Float && t.Kind != ir.Bool:
		b.errorf(q.Pos, q.Pointer+"/schema", "%s parameters must be scalars (strings, enums, integers, numbers, booleans)", in)
		q.Type = &ir.Type{Kind: ir.String, TypeRule: q.Pointer}
	}
}

// pathParam builds a path parameter: a scalar, always required.
func (b *builder) pathParam(p *openapi3.Parameter, ptr, opName string) *ir.Param {
	q := b.param(p, ptr)
	q.Required = true
	b.scalarParam(q, p, opName, "path")
	return q
}

// headerParam builds a header parameter: a scalar sent under its name in
// canonical form. The headers the client sets itself cannot be
// parameters; OpenAPI says Accept, Content-Type and Authorization are
// ignored as parameters, and so does dmsgen, saying so.
func (b *builder) headerParam(p *openapi3.Parameter, ptr, opName string) *ir.Param {
	canon := textproto.CanonicalMIMEHeaderKey(p.Name)
	switch canon {
	case "Accept", "Content-Type", "Authorization":
		b.errorf(b.pos(p.Origin), ptr, "header parameter %q is described by the operation's content and security, not as a parameter (OpenAPI ignores it); remove it", p.Name)
		return nil
	case "User-Agent", "X-Sdk-Date", "X-Project-Id", "X-Auth-Token", "X-Security-Token", "Host", "Content-Length":
		b.errorf(b.pos(p.Origin), ptr, "header %q is set by the generated client; it cannot be a parameter", p.Name)
		return nil
	}
	q := b.param(p, ptr)
	b.scalarParam(q, p, opName, "header")
	return q
}

// queryParam builds a query parameter: a scalar, or an array of scalars.
func (b *builder) queryParam(p *openapi3.Parameter, ptr, opName string) *ir.Param {
	q := b.param(p, ptr)
	if p.Schema == nil {
		b.errorf(q.Pos, ptr, "a query parameter needs a schema")
		q.Type = &ir.Type{Kind: ir.String}
		return q
	}
	q.Type = b.typeOf(p.Schema, ptr+"/schema", opName, p.Name)
	elem := q.Type
	if elem.Kind == ir.Array {
		elem = elem.Elem
	}
	switch {
	case elem.Kind == ir.ObjectKind || elem.Kind == ir.Array || elem.Kind == ir.Map:
		b.errorf(q.Pos, ptr+"/schema", "query parameters must be scalars or arrays of scalars")
	case q.Type.Nullable || elem.Nullable:
		b.errorf(q.Pos, ptr+"/schema", "a query parameter cannot be null")
	}
	return q
}
