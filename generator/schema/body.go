package schema

import (
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/names"
)

// bodyKind is how a body of media type mt is read: JSON for
// application/json and the media types ending in +json (such as
// application/problem+json), text for text/*, bytes for the others.
func bodyKind(mt string) ir.BodyKind {
	base, _, _ := strings.Cut(strings.ToLower(mt), ";")
	base = strings.TrimSpace(base)
	switch {
	case base == "application/json" || strings.HasSuffix(base, "+json"):
		return ir.JSONBody
	case strings.HasPrefix(base, "text/"):
		return ir.TextBody
	}
	return ir.BinaryBody
}

// body builds the body of a request or a response (at ptr) from its
// content, and the examples of a JSON body. name is the Go name of a body
// whose schema is inline. A body has one media type.
func (b *builder) body(content openapi3.Content, ptr string, pos ir.Pos, name string) (*ir.Body, []*ir.Example) {
	if len(content) == 0 {
		return nil, nil
	}
	types := slices.Sorted(maps.Keys(content))
	if len(types) > 1 {
		b.errorf(pos, ptr+"/content", "the body has %d media types (%s); dmsgen sends and reads one", len(types), strings.Join(types, ", "))
		return nil, nil
	}
	mtName := types[0]
	mt := content[mtName]
	mptr := ptr + "/content/" + escape(mtName)
	body := &ir.Body{MediaType: mtName, Kind: bodyKind(mtName)}
	if mt == nil || mt.Schema == nil {
		if body.Kind == ir.JSONBody {
			b.errorf(pos, mptr, "a JSON body needs a schema")
			return nil, nil
		}
		return body, nil
	}
	sptr := mptr + "/schema"
	body.Pointer = sptr
	switch body.Kind {
	case ir.BinaryBody:
		// The bytes as they are: a schema can only say they are a
		// string (format: binary).
		if v := mt.Schema.Value; v != nil && v.Type != nil && !v.Type.Is("string") {
			b.errorf(b.refPos(mt.Schema), sptr, "the schema of a %s body must be a string (the bytes), or none", mtName)
		}
		return body, nil
	case ir.TextBody:
		t := b.typeOf(mt.Schema, sptr, "", name)
		if t.Kind != ir.String || t.Nullable || t.Secret {
			b.errorf(b.refPos(mt.Schema), sptr, "the schema of a %s body must be a string", mtName)
			return nil, nil
		}
		body.Type = t
		if !t.Checks.Empty() {
			body.Named = b.namedBody(mt.Schema, sptr, name, t)
		}
		return body, nil
	}
	t := b.typeOf(mt.Schema, sptr, "", name)
	body.Type = t
	switch {
	case t.Kind == ir.ObjectKind && !t.Nullable:
	case t.Nullable:
		b.errorf(b.refPos(mt.Schema), sptr, "a body that may be null is not supported")
		return nil, nil
	default:
		body.Named = b.namedBody(mt.Schema, sptr, name, t)
	}
	return body, b.examples(mt, mptr)
}

// namedBody returns the Named of a body that is not an object: one per
// component, or per inline schema.
func (b *builder) namedBody(ref *openapi3.SchemaRef, ptr, inlineName string, t *ir.Type) *ir.Named {
	key, name := ptr, inlineName
	if ref.Ref != "" {
		if target, comp, ok := b.resolveRef(ref.Ref, ptr); ok {
			key, name = target, comp
		}
	}
	if n, ok := b.namedBodies[key]; ok {
		return n
	}
	n := &ir.Named{Name: name, Pointer: key, Pos: b.refPos(ref), Type: t}
	if ref.Value != nil {
		n.Doc = strings.TrimSpace(ref.Value.Description)
		n.GoName = goNameOf(ref.Value.Extensions, name)
	} else {
		n.GoName = names.Go(name)
	}
	n.Declared = (t.Kind == ir.Array || t.Kind == ir.Map) && !t.Nullable
	if n.Declared {
		b.claim(n.GoName, key, n.Pos)
	}
	for _, what := range []string{"Decode", "Validate", "Encode"} {
		if what == "Validate" && t.Kind == ir.Any && b.defs[key] != nil && b.defs[key].Component != "" {
			continue // the component's own
		}
		b.claimDerived(what+n.GoName, key, n.Pos, strings.ToLower(what)+"r of the body "+n.GoName)
	}
	b.namedBodies[key] = n
	b.namedList = append(b.namedList, n)
	return n
}
