package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/names"
)

// This file emits what a body that is not a JSON object needs: a JSON
// array, map, scalar, enum or Value has Decode<Name>, Validate<Name> and
// Encode<Name> functions (an object has its type's methods), an array or
// a map a Go type of that name; text bodies are strings and other bodies
// bytes. The client, the server and the operations table handle every
// body through a codec.

// codec is how generated code handles the Go value of a body.
type codec struct {
	// typ is the Go type of the value in signatures.
	typ *jen.Statement
	// zero is the value returned with an error.
	zero jen.Code
	// raw is set for text and binary bodies: the bytes are the value.
	raw bool
	// name names the value in docs: a type name, or "the body".
	name string
	// decode, validate and encode are nil when there is no such step.
	decode   func(data jen.Code) *jen.Statement
	validate func(v jen.Code) *jen.Statement
	encode   func(v jen.Code) *jen.Statement
}

// bodyCodec returns the codec of b.
func bodyCodec(b *ir.Body) codec {
	switch {
	case b.Kind == ir.BinaryBody:
		return codec{typ: jen.Index().Byte(), zero: jen.Nil(), raw: true, name: "the body's bytes"}
	case b.Kind == ir.TextBody:
		c := codec{typ: jen.String(), zero: jen.Lit(""), raw: true, name: "the body's text"}
		if b.Named != nil {
			name := b.Named.GoName
			c.validate = func(v jen.Code) *jen.Statement { return jen.Id("Validate" + name).Call(v) }
		}
		return c
	case b.Object() != nil:
		o := b.Object()
		return codec{
			typ: jen.Op("*").Id(o.GoName), zero: jen.Nil(), name: o.GoName,
			decode:   func(data jen.Code) *jen.Statement { return jen.Id("Decode" + o.GoName).Call(data) },
			validate: func(v jen.Code) *jen.Statement { return jen.Add(v).Dot("Validate").Call() },
			encode:   func(v jen.Code) *jen.Statement { return jen.Id("Encode" + o.GoName).Call(v) },
		}
	}
	n := b.Named
	return codec{
		typ: namedCode(n), zero: zeroValue(n.Type), name: n.GoName,
		decode:   func(data jen.Code) *jen.Statement { return jen.Id("Decode" + n.GoName).Call(data) },
		validate: func(v jen.Code) *jen.Statement { return jen.Id("Validate" + n.GoName).Call(v) },
		encode:   func(v jen.Code) *jen.Statement { return jen.Id("Encode" + n.GoName).Call(v) },
	}
}

// namedCode is the Go type of a Named body's value.
func namedCode(n *ir.Named) *jen.Statement {
	if n.Declared {
		return jen.Id(n.GoName)
	}
	return valueCode(n.Type)
}

// zeroValue is the zero value of a value of type t.
func zeroValue(t *ir.Type) jen.Code {
	switch {
	case t.Nullable:
		return valueCode(t).Values()
	case t.Kind == ir.Array || t.Kind == ir.Map:
		return jen.Nil()
	case t.Kind == ir.String && t.Secret:
		return jen.Id("Secret").Values()
	case t.Kind == ir.String || t.Kind == ir.EnumKind:
		return jen.Lit("")
	case t.Kind == ir.Bool:
		return jen.False()
	case t.Kind == ir.Int || t.Kind == ir.Float:
		return jen.Lit(0)
	case t.Kind == ir.Any:
		return jen.Id("Value").Values()
	}
	panic(fmt.Sprintf("emit: no zero value for kind %d", t.Kind))
}

// named writes named.go: the Go types of array and map bodies, and the
// Decode and Encode functions of every JSON body that is not an object.
func (e *emitter) named(f *jen.File) {
	for _, n := range e.pkg.Named {
		if n.Declared {
			f.Add(comment(typeDoc(n.GoName, n.Doc, "is the JSON body "+n.Name+".")))
			f.Type().Id(n.GoName).Add(valueCode(n.Type))
		}
		if isTextNamed(e.pkg, n) {
			continue // a text body: only its Validate
		}
		e.genNamedDecode(f, n)
		e.genNamedEncode(f, n)
	}
}

// isTextNamed reports whether n is the schema of a text body, which has
// no JSON to decode or encode.
func isTextNamed(pkg *ir.Package, n *ir.Named) bool {
	for _, op := range pkg.Operations {
		bodies := []*ir.Body{op.Request}
		for _, r := range op.Responses {
			bodies = append(bodies, r.Body)
		}
		for _, b := range bodies {
			if b != nil && b.Named == n {
				return b.Kind == ir.TextBody
			}
		}
	}
	return false
}

func (e *emitter) genNamedDecode(f *jen.File, n *ir.Named) {
	name := "Decode" + n.GoName
	f.Add(comment(fmt.Sprintf("%s decodes a JSON document into %s. It reports every problem at once as a *ValidationError: malformed JSON (with its byte offset), wrong JSON types, null and repeated members. It does not check the schema's other rules: call Validate%s on the result for those.", name, names.Indefinite(kindPhrase(n)), n.GoName)))
	e.tmp = 0
	t := n.Type
	body := []jen.Code{
		jen.Var().Id("dec").Id("decoder"),
		jen.Id("d").Op(":=").Op("&").Id("dec"),
		jen.Id("d").Dot("init").Call(jen.Id("data")),
		jen.Var().Id("x").Add(namedCode(n)),
	}
	assign := func(v jen.Code) jen.Code { return jen.Id("x").Op("=").Add(v) }
	g := &decodeGen{emitter: e, layouts: map[*ir.Object]*cellLayout{}}
	switch t.Kind {
	case ir.Array, ir.Map:
		// The document's path as a variable, for decodeValue.
		body = append(body,
			jen.Id("p").Op(":=").Id("documentPath").Call(),
			g.decodeValue(t, "p", "", func(v jen.Code) jen.Code {
				return jen.Id("x").Op("=").Add(namedCode(n)).Parens(v)
			}),
		)
	case ir.ObjectKind:
		panic("emit: an object body is no Named")
	default:
		if t.Nullable {
			panic("emit: a nullable body is not supported")
		}
		read, conv := readCall(t, jen.Nil())
		val := jen.Id("v")
		if conv != nil {
			val = conv.Call(jen.Id("v"))
		}
		body = append(body, jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(read), jen.Id("ok")).Block(assign(val)))
	}
	body = append(body,
		jen.If(jen.Err().Op(":=").Id("d").Dot("finish").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(zeroValue(t), jen.Err())),
		jen.Return(jen.Id("x"), jen.Nil()),
	)
	f.Func().Id(name).Params(jen.Id("data").Index().Byte()).Params(namedCode(n), jen.Error()).Block(body...)
}

// kindPhrase names what a Named holds, for docs.
func kindPhrase(n *ir.Named) string {
	if n.Declared {
		return n.GoName
	}
	switch n.Type.Kind {
	case ir.EnumKind:
		return n.Type.Enum.GoName
	case ir.Any:
		return "Value"
	}
	return "value of the body " + n.GoName
}

func (e *emitter) genNamedEncode(f *jen.File, n *ir.Named) {
	name := "Encode" + n.GoName
	f.Add(comment(fmt.Sprintf("%s returns x as JSON, as the service reads it. It does not check the schema's rules: call Validate%s first.", name, n.GoName)))
	e.tmp = 0
	f.Func().Id(name).Params(jen.Id("x").Add(namedCode(n))).Params(jen.Index().Byte(), jen.Error()).Block(
		append(append([]jen.Code{jen.Var().Id("enc").Id("encoder"), jen.Id("e").Op(":=").Op("&").Id("enc")}, e.encodeValue(n.Type, jen.Id("x"))...),
			jen.Return(jen.Id("e").Dot("finish").Call()))...,
	)
}

// namedValidate writes Validate<Name> for every Named, into validate.go.
func (e *emitter) namedValidate(f *jen.File) {
	for _, n := range e.pkg.Named {
		if n.Type.Kind == ir.Any && hasDefValidate(e.pkg, n.GoName) {
			continue // the component's own Validate<Name>
		}
		name := "Validate" + n.GoName
		e.tmp = 0
		in := inst{
			t:    n.Type,
			val:  func() *jen.Statement { return jen.Id("x") },
			path: func() *jen.Statement { return jen.Id("p") },
		}
		var checks []jen.Code
		if n.Type.Kind == ir.Any {
			checks = e.dynValue(n.Type, in, true)
		} else {
			checks = e.valueChecks(in)
		}
		f.Add(comment(fmt.Sprintf("%s checks x against the rules of the schema of %s and returns a *ValidationError listing every violation, or nil.", name, n.Name)))
		if len(checks) == 0 {
			f.Func().Id(name).Params(jen.Id("_").Add(namedCode(n))).Error().Block(jen.Return(jen.Nil()))
			continue
		}
		inner := "validate" + n.GoName
		f.Func().Id(name).Params(jen.Id("x").Add(namedCode(n))).Error().Block(
			jen.Var().Id("vs").Id("violationList"),
			jen.Id(inner).Call(jen.Op("&").Id("vs"), jen.Nil(), jen.Id("x")),
			jen.Return(jen.Id("vs").Dot("err").Call()),
		)
		f.Add(comment(fmt.Sprintf("%s adds the violations of x, which is at p, to vs.", inner)))
		f.Func().Id(inner).Params(jen.Id("vs").Op("*").Id("violationList"), jen.Id("p").Op("*").Id("jsonPath"), jen.Id("x").Add(namedCode(n))).Block(checks...)
	}
}

// hasDefValidate reports whether a component of open type already has
// the function Validate<goName>.
func hasDefValidate(pkg *ir.Package, goName string) bool {
	for _, d := range pkg.Defs {
		if d.Component != "" && d.GoName == goName {
			return true
		}
	}
	return false
}
