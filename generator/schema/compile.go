package schema

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// annotations are keywords that describe and never assert: they are read
// where they matter (description, default, format, deprecated) and never
// change what a document is accepted.
var annotations = map[string]bool{
	"description": true, "title": true, "default": true, "examples": true,
	"example": true, "deprecated": true, "readOnly": true, "writeOnly": true,
	"$comment": true, "format": true, "$schema": true,
	// OpenAPI's own annotations: XML names, a link to documentation, and
	// the discriminator, which names the member that tells oneOf's
	// branches apart but changes no verdict.
	"xml": true, "externalDocs": true, "discriminator": true,
	// $defs holds schemas for $ref to point into; each is built where a
	// $ref names it.
	"$defs": true,
}

// declared are keywords a declaration (a component, a property) consumes
// to make its Go type; in a conditional subschema they are compiled instead
// or rejected.
var declared = map[string]bool{
	"type": true, "properties": true, "additionalProperties": true,
	"items": true, "$ref": true,
}

// keywords lists the keywords present in v, in source order, as the origin
// recorded them, plus any keyword kin-openapi kept as an extension.
func keywords(v *openapi3.Schema) []string {
	var out []string
	seen := map[string]bool{}
	if v.Origin != nil {
		for _, f := range v.Origin.Fields {
			if !seen[f.Name] {
				seen[f.Name] = true
				out = append(out, f.Name)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(v.Extensions)) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// compile turns the assertion keywords of v into checks on an instance of
// type inst. In a declaration (decl) the keywords that made the Go type are
// skipped; in a subschema (if, then, allOf...) every keyword must compile
// or is reported as unsupported.
func (b *builder) compile(v *openapi3.Schema, inst *ir.Type, ptr string, decl bool) *ir.Schema {
	s := &ir.Schema{Pointer: ptr, Pos: b.pos(v.Origin)}
	if v.Always != nil {
		if !*v.Always {
			s.Checks = append(s.Checks, &ir.Never{Pointer: ptr})
		}
		return s
	}
	if !decl {
		b.checkDocKeys(v.Extensions, s.Pos, ptr)
	}
	present := map[string]bool{}
	for _, k := range keywords(v) {
		present[k] = true
		switch {
		case strings.HasPrefix(k, "x-"), annotations[k]:
		case decl && declared[k]:
		case k == "$ref":
			b.errorf(b.fieldPos(v.Origin, k), ptr+"/$ref", "$ref inside a conditional subschema is not supported; put the rule in the referenced schema")
		case k == "additionalProperties" && !decl:
			b.errorf(b.fieldPos(v.Origin, k), ptr+"/"+k, "additionalProperties inside a conditional subschema is not supported")
		case knownAssertion[k]:
		default:
			b.errorf(b.fieldPos(v.Origin, k), ptr+"/"+escape(k), "unsupported keyword %q", k)
		}
	}
	at := func(k string) ir.Pos { return b.fieldPos(v.Origin, k) }
	kind := inst.Kind
	need := func(k string, ok bool, what string) bool {
		if !ok {
			b.errorf(at(k), ptr+"/"+k, "%s applies to %s, not to %s", k, what, kindName(inst))
		}
		return ok
	}

	if present["type"] && !decl {
		s.Checks = append(s.Checks, typeChecks(v.Type, inst, ptr+"/type")...)
	}
	if present["enum"] {
		if kind == ir.EnumKind && decl {
			if v.Extensions["x-known-values"] == nil {
				// The schema's own list: the Go type may hold the values of
				// other lists too (an open list of a response).
				var lits []ir.Literal
				for _, raw := range v.Enum {
					if s, ok := raw.(string); ok {
						lits = append(lits, ir.Literal{Kind: ir.String, Str: s})
					}
				}
				if slices.Contains(v.Enum, nil) {
					lits = append(lits, ir.Literal{Kind: ir.Null})
				}
				s.Checks = append(s.Checks, &ir.EnumOf{Pointer: ptr + "/enum", Values: lits})
			}
		} else if need("enum", isScalar(kind), "strings, booleans and integers") {
			var lits []ir.Literal
			for i, raw := range v.Enum {
				if l, ok := b.literal(raw, inst, at("enum"), fmt.Sprintf("%s/enum/%d", ptr, i)); ok {
					lits = append(lits, l)
				}
			}
			s.Checks = append(s.Checks, &ir.EnumOf{Pointer: ptr + "/enum", Values: lits})
		}
	}
	if present["const"] && need("const", isScalar(kind) || inst.Nullable, "strings, booleans and integers") {
		if l, ok := b.literal(v.Const, inst, at("const"), ptr+"/const"); ok {
			s.Checks = append(s.Checks, &ir.Const{Pointer: ptr + "/const", Value: l})
		}
	}
	for _, k := range []string{"minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"} {
		if !present[k] || !need(k, kind == ir.Int || kind == ir.Float, "numbers") {
			continue
		}
		if kind == ir.Float && !(decl && (k == "minimum" || k == "maximum")) {
			b.errorf(at(k), ptr+"/"+k, "%s on a number is supported only as the bound of its declaration", k)
			continue
		}
		if lit := b.src.literal(ptr + "/" + k); kind == ir.Float && typedFraction(lit) {
			// A fractional bound of a number (the builder admits those of
			// up to 15 significant digits, which a float64 holds to the
			// digit): the decoder compares the document's number with the
			// literal digit by digit, and Validate compares the float64
			// with the literal's float64, which rounding keeps in the
			// same order.
			op := map[string]string{"minimum": ">=", "maximum": "<="}[k]
			s.Checks = append(s.Checks, &ir.NumBound{Pointer: ptr + "/" + k, Op: op, Limit: lit})
			continue
		}
		// A number's declared bounds are whole numbers within 2^53 (the
		// builder checks it): the decoder compares a document's number
		// with them exactly, and Validate compares a float64 with them
		// exactly too, so a value built in Go is held to them as well.
		var f *float64
		op := map[string]string{"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<=", "exclusiveMaximum": "<"}[k]
		switch k {
		case "minimum":
			f = v.Min
		case "maximum":
			f = v.Max
		case "exclusiveMinimum":
			f = v.ExclusiveMin.Value
		case "exclusiveMaximum":
			f = v.ExclusiveMax.Value
		}
		if f == nil {
			b.errorf(at(k), ptr+"/"+k, "%s must be a number", k)
			continue
		}
		if *f != math.Trunc(*f) {
			b.errorf(at(k), ptr+"/"+k, "%s of an integer must be a whole number", k)
			continue
		}
		limit := clampInt(*f)
		// The YAML literal is exact where float64 is not (beyond 2^53).
		if exact, err := strconv.ParseInt(b.src.literal(ptr+"/"+k), 10, 64); err == nil {
			limit = exact
		}
		// A bound the decoder already enforces through the Go type's own
		// range needs no check of its own.
		if decl && (k == "minimum" || k == "maximum") && kind == ir.Int && typeImplies(inst, op, limit) {
			continue
		}
		s.Checks = append(s.Checks, &ir.IntBound{Pointer: ptr + "/" + k, Op: op, Limit: limit})
	}
	if present["multipleOf"] && need("multipleOf", kind == ir.Int, "integers (a number with multipleOf is a Value)") {
		// A whole divisor: Validate's remainder on the int64 is exact, as
		// the decoder reads integers exactly. (A fractional one makes the
		// declaration a Value, which the builder decides before this.)
		lit := b.src.literal(ptr + "/multipleOf")
		d, err := strconv.ParseInt(lit, 10, 64)
		if err != nil && v.MultipleOf != nil && *v.MultipleOf == math.Trunc(*v.MultipleOf) && math.Abs(*v.MultipleOf) <= 1<<53 {
			d, err = int64(*v.MultipleOf), nil // no literal here (a $ref'd schema); the float64 is exact
		}
		switch {
		case err != nil:
			b.errorf(at("multipleOf"), ptr+"/multipleOf", "multipleOf of an integer must be a whole number here; a fractional divisor needs the schema of open type (put it on the declaration)")
		case d <= 0:
			b.errorf(at("multipleOf"), ptr+"/multipleOf", "multipleOf must be greater than 0")
		default:
			s.Checks = append(s.Checks, &ir.MultipleOf{Pointer: ptr + "/multipleOf", Divisor: strconv.FormatInt(d, 10)})
		}
	}
	// Each bound is a check of its own, so that a violation names the
	// keyword it breaks.
	if present["minLength"] && need("minLength", kind == ir.String || kind == ir.EnumKind, "strings") {
		s.Checks = append(s.Checks, &ir.Length{Pointer: ptr + "/minLength", Min: int64(v.MinLength), Max: -1})
	}
	if present["maxLength"] && need("maxLength", kind == ir.String || kind == ir.EnumKind, "strings") && v.MaxLength != nil {
		s.Checks = append(s.Checks, &ir.Length{Pointer: ptr + "/maxLength", Min: 0, Max: int64(*v.MaxLength)})
	}
	if present["pattern"] && need("pattern", kind == ir.String || kind == ir.EnumKind, "strings") {
		if _, err := regexp.Compile(v.Pattern); err != nil {
			b.errorf(at("pattern"), ptr+"/pattern", "pattern does not compile as a Go (RE2) regular expression: %v", err)
		} else {
			s.Checks = append(s.Checks, &ir.Pattern{Pointer: ptr + "/pattern", Regexp: v.Pattern})
		}
	}
	if present["minItems"] && need("minItems", kind == ir.Array, "arrays") {
		s.Checks = append(s.Checks, &ir.ItemCount{Pointer: ptr + "/minItems", Min: int64(v.MinItems), Max: -1})
	}
	if present["maxItems"] && need("maxItems", kind == ir.Array, "arrays") && v.MaxItems != nil {
		s.Checks = append(s.Checks, &ir.ItemCount{Pointer: ptr + "/maxItems", Min: 0, Max: int64(*v.MaxItems)})
	}
	if present["items"] && !decl && need("items", kind == ir.Array, "arrays") && v.Items != nil && v.Items.Value != nil {
		s.Checks = append(s.Checks, &ir.Items{Pointer: ptr + "/items", Schema: b.compile(v.Items.Value, inst.Elem, ptr+"/items", false)})
	}
	if present["required"] && need("required", kind == ir.ObjectKind, "objects") {
		c := &ir.Required{Pointer: ptr + "/required"}
		for i, name := range v.Required {
			if f := b.fieldOf(inst.Object, name, at("required"), fmt.Sprintf("%s/required/%d", ptr, i)); f != nil {
				c.Fields = append(c.Fields, f)
			}
		}
		s.Checks = append(s.Checks, c)
	}
	if present["properties"] && !decl && need("properties", kind == ir.ObjectKind, "objects") {
		for _, name := range slices.Sorted(maps.Keys(v.Properties)) {
			pptr := ptr + "/properties/" + escape(name)
			f := b.fieldOf(inst.Object, name, at("properties"), pptr)
			sub := v.Properties[name]
			if f == nil || sub.Value == nil {
				continue
			}
			if sub.Ref != "" {
				b.errorf(b.pos(sub.Origin), pptr+"/$ref", "$ref inside a conditional subschema is not supported; put the rule in the referenced schema")
				continue
			}
			s.Checks = append(s.Checks, &ir.Property{Pointer: pptr, Field: f, Schema: b.compile(sub.Value, f.Type, pptr, false)})
		}
	}
	if present["dependentRequired"] && need("dependentRequired", kind == ir.ObjectKind, "objects") {
		for _, name := range slices.Sorted(maps.Keys(v.DependentRequired)) {
			dptr := ptr + "/dependentRequired/" + escape(name)
			f := b.fieldOf(inst.Object, name, at("dependentRequired"), dptr)
			c := &ir.DependentRequired{Pointer: dptr, Field: f}
			for i, r := range v.DependentRequired[name] {
				if g := b.fieldOf(inst.Object, r, at("dependentRequired"), fmt.Sprintf("%s/%d", dptr, i)); g != nil {
					c.Requires = append(c.Requires, g)
				}
			}
			if f != nil {
				s.Checks = append(s.Checks, c)
			}
		}
	}
	subs := func(k string, refs openapi3.SchemaRefs) []*ir.Schema {
		var out []*ir.Schema
		for i, r := range refs {
			sptr := fmt.Sprintf("%s/%s/%d", ptr, k, i)
			if k == "allOf" && b.mergedAllOf[v][i] {
				continue // its properties are fields, its rules the object's
			}
			if r.Ref != "" || r.Value == nil {
				b.errorf(b.pos(r.Origin), sptr, "$ref inside %s is not supported; write the subschema inline", k)
				continue
			}
			out = append(out, b.compile(r.Value, inst, sptr, false))
		}
		return out
	}
	if present["allOf"] {
		if all := subs("allOf", v.AllOf); len(all) > 0 {
			s.Checks = append(s.Checks, &ir.AllOf{Pointer: ptr + "/allOf", Schemas: all})
		}
	}
	if present["anyOf"] {
		s.Checks = append(s.Checks, &ir.AnyOf{Pointer: ptr + "/anyOf", Schemas: subs("anyOf", v.AnyOf)})
	}
	if present["oneOf"] {
		s.Checks = append(s.Checks, &ir.OneOf{Pointer: ptr + "/oneOf", Schemas: subs("oneOf", v.OneOf)})
	}
	one := func(k string, r *openapi3.SchemaRef) *ir.Schema {
		if r == nil {
			return nil
		}
		if r.Ref != "" || r.Value == nil {
			b.errorf(b.pos(r.Origin), ptr+"/"+k, "$ref inside %s is not supported; write the subschema inline", k)
			return nil
		}
		return b.compile(r.Value, inst, ptr+"/"+k, false)
	}
	if present["not"] {
		if sub := one("not", v.Not); sub != nil {
			s.Checks = append(s.Checks, &ir.Not{Pointer: ptr + "/not", Schema: sub})
		}
	}
	switch {
	case present["if"]:
		c := &ir.IfThenElse{Pointer: ptr + "/if", If: one("if", v.If), Then: one("then", v.Then), Else: one("else", v.Else)}
		if c.If != nil && (c.Then != nil || c.Else != nil) {
			s.Checks = append(s.Checks, c)
		} else if c.If != nil {
			b.errorf(at("if"), ptr+"/if", "if without then or else has no effect")
		}
	case present["then"] || present["else"]:
		k := "then"
		if !present[k] {
			k = "else"
		}
		b.errorf(at(k), ptr+"/"+k, "%s without if has no effect", k)
	}
	return s
}

// knownAssertion are the assertion keywords compile handles.
var knownAssertion = map[string]bool{
	"type": true, "enum": true, "const": true, "minimum": true, "maximum": true,
	"exclusiveMinimum": true, "exclusiveMaximum": true, "multipleOf": true, "minLength": true,
	"maxLength": true, "pattern": true, "minItems": true, "maxItems": true,
	"items": true, "required": true, "properties": true,
	"dependentRequired": true, "allOf": true, "anyOf": true, "oneOf": true,
	"not": true, "if": true, "then": true, "else": true,
}

// fieldOf returns the field name of obj, reporting a name obj does not
// declare.
func (b *builder) fieldOf(obj *ir.Object, name string, pos ir.Pos, ptr string) *ir.Field {
	for _, f := range obj.Fields {
		if f.JSONName == name {
			return f
		}
	}
	b.errorf(pos, ptr, "%q is not a property of %s", name, obj.Name)
	return nil
}

// literal converts a const or enum value to a literal of the instance's
// type.
func (b *builder) literal(raw any, inst *ir.Type, pos ir.Pos, ptr string) (ir.Literal, bool) {
	switch inst.Kind {
	case ir.String, ir.EnumKind:
		if s, ok := raw.(string); ok {
			return ir.Literal{Kind: ir.String, Str: s}, true
		}
	case ir.Bool:
		if v, ok := raw.(bool); ok {
			return ir.Literal{Kind: ir.Bool, Bool: v}, true
		}
	case ir.Int:
		if f, ok := raw.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return ir.Literal{Kind: ir.Int, Int: int64(f)}, true
		}
	}
	if raw == nil && inst.Nullable {
		return ir.Literal{Kind: ir.Null}, true
	}
	b.errorf(pos, ptr, "value %s does not fit %s", literalText(raw), kindName(inst))
	return ir.Literal{}, false
}

// typeChecks compiles a subschema's type keyword on an instance of type
// inst into what of it can vary for a value of inst's Go type: whether the
// value is null (when inst admits null), and whether a number is whole
// (for type integer on a number). A type no value of inst has is Never.
func typeChecks(types *openapi3.Types, inst *ir.Type, rule string) []ir.Check {
	names := []string{}
	if types != nil {
		names = types.Slice()
	}
	has := func(n string) bool { return slices.Contains(names, n) }
	nullOK := has("null")
	var valueOK, wholeOnly bool
	switch inst.Kind {
	case ir.String, ir.EnumKind:
		valueOK = has("string")
	case ir.Bool:
		valueOK = has("boolean")
	case ir.Int:
		valueOK = has("integer") || has("number")
	case ir.Float:
		valueOK = has("number") || has("integer")
		wholeOnly = !has("number")
	case ir.ObjectKind, ir.Map:
		valueOK = has("object")
	case ir.Array:
		valueOK = has("array")
	}
	var out []ir.Check
	switch {
	case !valueOK && !(nullOK && inst.Nullable):
		return []ir.Check{&ir.Never{Pointer: rule}}
	case !valueOK:
		return []ir.Check{&ir.IsNull{Pointer: rule, Null: true}}
	case inst.Nullable && !nullOK:
		out = append(out, &ir.IsNull{Pointer: rule, Null: false})
	}
	if wholeOnly {
		out = append(out, &ir.IsInteger{Pointer: rule})
	}
	return out
}

// typeImplies reports whether every value of an Int type satisfies
// "value op limit" because of the bounds the decoder enforces.
func typeImplies(t *ir.Type, op string, limit int64) bool {
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if t.Bits == 32 {
		lo, hi = math.MinInt32, math.MaxInt32
	}
	switch op {
	case ">=":
		return limit <= lo
	case "<=":
		return limit >= hi
	}
	return false
}

func clampInt(f float64) int64 {
	switch {
	case f >= math.Ldexp(1, 63):
		return math.MaxInt64
	case f <= -math.Ldexp(1, 63):
		return math.MinInt64
	}
	return int64(f)
}

func isScalar(k ir.Kind) bool {
	return k == ir.String || k == ir.EnumKind || k == ir.Bool || k == ir.Int
}

func kindName(t *ir.Type) string {
	switch t.Kind {
	case ir.String, ir.EnumKind:
		return "a string"
	case ir.Bool:
		return "a boolean"
	case ir.Int:
		return "an integer"
	case ir.Float:
		return "a number"
	case ir.Array:
		return "an array"
	default:
		return "an object"
	}
}

// literalText renders a YAML/JSON value for messages and docs.
func literalText(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return fmt.Sprintf("%d", int64(x))
		}
		return fmt.Sprint(x)
	default:
		return fmt.Sprint(x)
	}
}
