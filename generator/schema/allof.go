package schema

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// This file merges allOf of object schemas into one Go struct, the usual
// OpenAPI composition ("a Ticket, plus an email"): the properties of every
// member become fields of the object, and each member's other keywords
// (required, if/then...) become its rules, under the member's own
// pointers. A member that only states rules (no properties, no $ref) stays
// a rule of the allOf.

// merged is an allOf member whose properties become fields.
type merged struct {
	ptr string           // the member's pointer: the component for a $ref
	v   *openapi3.Schema // the member's schema
}

// mergedMembers returns the members of v's allOf (and, through them, of
// theirs) that merge into the object v describes, and records which of
// v's allOf entries they are, so that compile does not apply them again.
func (b *builder) mergedMembers(ptr string, v *openapi3.Schema) []merged {
	var out []merged
	for i, r := range v.AllOf {
		mptr := fmt.Sprintf("%s/allOf/%d", ptr, i)
		m, ok := b.mergeable(r, mptr)
		if !ok || r.Ref == "" && sharesProperty(v, r.Value) {
			// A member about the object's own properties is a rule.
			continue
		}
		if b.mergedAllOf[v] == nil {
			b.mergedAllOf[v] = map[int]bool{}
		}
		b.mergedAllOf[v][i] = true
		out = append(out, m)
		out = append(out, b.mergedMembers(m.ptr, m.v)...)
	}
	return out
}

// mergeable reports whether the allOf member r (at ptr) merges into its
// object: a $ref to an object component, or an inline object schema with
// properties (of its own: one about the object's properties is a rule).
func (b *builder) mergeable(r *openapi3.SchemaRef, ptr string) (merged, bool) {
	if r == nil || r.Value == nil {
		return merged{}, false
	}
	if r.Ref != "" {
		target, _, ok := b.resolveRef(r.Ref, ptr)
		if !ok || !isObjectSchema(r.Value) {
			return merged{}, false
		}
		return merged{ptr: target, v: r.Value}, true
	}
	if len(r.Value.Properties) > 0 && (r.Value.Type == nil || r.Value.Type.Is("object")) {
		return merged{ptr: ptr, v: r.Value}, true
	}
	return merged{}, false
}

// sharesProperty reports whether member declares a property that v itself
// declares: such a member states rules about v's fields.
func sharesProperty(v, member *openapi3.Schema) bool {
	for name := range member.Properties {
		if _, ok := v.Properties[name]; ok {
			return true
		}
	}
	return false
}

// isObjectSchema reports whether v describes an object: type object, or no
// type and an allOf whose members all are objects.
func isObjectSchema(v *openapi3.Schema) bool {
	if v.Type != nil {
		return v.Type.Is("object")
	}
	if len(v.AllOf) == 0 {
		return false
	}
	for _, r := range v.AllOf {
		if r == nil || r.Value == nil || !isObjectSchema(r.Value) && len(r.Value.Properties) == 0 {
			return false
		}
	}
	return true
}

// mergeFields adds the fields of the merged members to obj, and returns
// the members' rules, compiled on obj.
func (b *builder) mergeFields(obj *ir.Object, v *openapi3.Schema, members []merged) {
	if len(members) == 0 {
		return
	}
	if obj.Closed {
		b.errorf(b.fieldPos(v.Origin, "additionalProperties"), obj.ClosedRule, "additionalProperties: false next to allOf refuses the members' properties (they are not its siblings); close the members, or list every property here")
	}
	for _, m := range members {
		if ap := m.v.AdditionalProperties; ap.Has != nil && !*ap.Has {
			b.errorf(b.fieldPos(m.v.Origin, "additionalProperties"), m.ptr+"/additionalProperties", "an allOf member that merges into %s may not be closed (additionalProperties: false): it would refuse the other members' properties", obj.Name)
		}
		for _, prop := range slices.Sorted(maps.Keys(m.v.Properties)) {
			ref := m.v.Properties[prop]
			if i := slices.IndexFunc(obj.Fields, func(f *ir.Field) bool { return f.JSONName == prop }); i >= 0 {
				prev := obj.Fields[i]
				if ref.Ref == "" || !strings.HasSuffix(prev.Pointer, "/properties/"+escape(prop)) || b.fieldRefs[prev] != ref.Ref {
					b.errorf(b.refPos(ref), m.ptr+"/properties/"+escape(prop), "property %q is also declared at %s; two allOf members may share a property only as the same $ref", prop, prev.Pointer)
				}
				continue
			}
			f := b.fieldAt(obj, prop, ref, m.ptr+"/properties/"+escape(prop))
			if ref.Ref != "" {
				b.fieldRefs[f] = ref.Ref
			}
			obj.Fields = append(obj.Fields, f)
		}
	}
}

// mergedRules compiles the keywords of the merged members other than
// their properties as rules of obj.
func (b *builder) mergedRules(obj *ir.Object, members []merged) []ir.Check {
	inst := &ir.Type{Kind: ir.ObjectKind, Object: obj, TypeRule: obj.TypeRule}
	var out []ir.Check
	for _, m := range members {
		out = append(out, b.compile(m.v, inst, m.ptr, true).Checks...)
	}
	return out
}
