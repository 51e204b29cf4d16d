package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/names"
)

// This file compiles schemas that leave the JSON type open (a property
// written {}, a schema without "type", a type list of several types):
// their values are Values, and every assertion keyword of JSON Schema
// 2020-12 applies, each to the JSON types it is about. The schema is read
// from its source, where numbers are exact and $ref keeps its siblings.
//
// The keywords are grouped by family below; each family registers the
// keywords it compiles in dynKeywords. A keyword that is there with a
// reason only is refused with that reason, at its position; one that is
// not there at all is an unknown keyword, refused too.

// dyn is one schema being compiled.
type dyn struct {
	b    *builder
	ptr  string
	keys map[string]*yaml.Node // keyword -> value
	out  *ir.Schema
}

// dynKeyword is how one keyword compiles. compile is nil for a keyword
// that asserts nothing here (an annotation, or one another keyword of its
// family reads); refuse, when set, is why the keyword is not supported.
type dynKeyword struct {
	compile func(d *dyn, key string, v *yaml.Node)
	refuse  string
}

// dynKeywords is every keyword a schema of open type may hold, by family.
var dynKeywords = map[string]dynKeyword{}

// register adds the keywords of a family.
func register(family map[string]dynKeyword) {
	for k, kw := range family {
		if _, dup := dynKeywords[k]; dup {
			panic("schema: keyword " + k + " registered twice")
		}
		dynKeywords[k] = kw
	}
}

func init() {
	register(typeKeywords)
	register(numberKeywords)
	register(stringKeywords)
	register(arrayKeywords)
	register(objectKeywords)
	register(logicKeywords)
	register(refKeywords)
	register(annotationKeywords)
}

// isOpen reports whether the schema at ptr leaves the JSON type open, so
// that its value is a Value: a boolean schema, a schema without "type" (a
// $ref to such a schema included), or one whose type lists more than one
// type besides "null", or none. The forms the typed builder reads stay typed: a
// $ref to a typed component, and "X or null" (anyOf/oneOf of a schema and
// {type: null}).
func (b *builder) isOpen(ptr string) bool { return b.isOpenAt(ptr, 0) }

func (b *builder) isOpenAt(ptr string, depth int) bool {
	n := b.src.node(ptr)
	if n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch {
	case n == nil:
		return false
	case n.Kind == yaml.ScalarNode:
		return n.ShortTag() == "!!bool"
	case n.Kind != yaml.MappingNode:
		return false
	}
	keys := mapping(n)
	if t, ok := keys["type"]; ok {
		var types []string
		switch t.Kind {
		case yaml.ScalarNode:
			if t.Value != "null" {
				types = []string{t.Value}
			}
		case yaml.SequenceNode:
			for _, c := range t.Content {
				if c.Value != "null" {
					types = append(types, c.Value)
				}
			}
		}
		// No type but null has no Go type of its own: a Value that must
		// be null.
		if len(types) != 1 {
			return true
		}
		return hasUntypedKeyword(types[0], keys)
	}
	if ref, ok := keys["$ref"]; ok {
		target, err := b.dynRef(ref.Value, ptr)
		switch {
		case err != nil:
			return false // the typed builder says what is wrong
		case !isComponent(target):
			return true
		}
		return depth < 64 && b.isOpenAt(target, depth+1)
	}
	if b.objectByAllOf(keys, ptr, depth) {
		return false // an allOf of objects: merged into one struct
	}
	for _, kw := range []string{"anyOf", "oneOf"} {
		v, ok := keys[kw]
		if !ok || v.Kind != yaml.SequenceNode || len(v.Content) != 2 || len(keys) != 1+countAnnotations(keys) {
			continue
		}
		for _, c := range v.Content {
			if cm := mapping(c); len(cm) == 1 && cm["type"] != nil && cm["type"].Value == "null" {
				return false // X or null: a nullable typed value
			}
		}
	}
	return true
}

// untypedKeywords are the keywords of arrays and objects that Go slices
// and structs have no form for: a schema that uses one is of open type,
// checked as a Value.
var untypedKeywords = map[string][]string{
	"array":  {"prefixItems", "contains", "minContains", "maxContains", "uniqueItems", "unevaluatedItems"},
	"object": {"patternProperties", "propertyNames", "dependentSchemas", "minProperties", "maxProperties", "unevaluatedProperties"},
}

// hasUntypedKeyword reports whether a schema of type typ has a keyword that
// makes it of open type: one of untypedKeywords, or additionalProperties
// with a schema next to properties.
func hasUntypedKeyword(typ string, keys map[string]*yaml.Node) bool {
	for _, k := range untypedKeywords[typ] {
		if keys[k] != nil {
			return true
		}
	}
	if ap := keys["additionalProperties"]; typ == "object" && ap != nil && ap.Kind == yaml.MappingNode && keys["properties"] != nil {
		return true
	}
	if typ == "number" || typ == "integer" {
		return hasDecimalRule(typ, keys)
	}
	return false
}

// hasDecimalRule reports whether a number or integer schema has a rule
// that a float64 or int64 cannot check exactly, and that the decoder's
// exact comparison with a whole number does not cover: multipleOf on a
// number, or on an integer with a divisor that is not a whole number,
// exclusiveMinimum or exclusiveMaximum on a number, or a bound that is not
// a whole number (within ±2^53, for a number; an integer's bounds are read
// exactly from the schema's text). Such a schema is of open type: its value is
// a Value, whose checks compare the number as written, digit by digit.
func hasDecimalRule(typ string, keys map[string]*yaml.Node) bool {
	if m := keys["multipleOf"]; m != nil {
		if typ == "number" || m.Kind != yaml.ScalarNode {
			return true
		}
		if d, ok := new(big.Rat).SetString(m.Value); !ok || !d.IsInt() || !d.Num().IsInt64() {
			return true
		}
	}
	if typ == "number" && (keys["exclusiveMinimum"] != nil || keys["exclusiveMaximum"] != nil) {
		return true
	}
	for _, k := range []string{"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"} {
		n := keys[k]
		if n == nil || n.Kind != yaml.ScalarNode {
			continue
		}
		if typ == "number" && (k == "minimum" || k == "maximum") && typedFraction(n.Value) {
			continue // a decimal bound the typed decoder compares digit by digit
		}
		r, ok := new(big.Rat).SetString(n.Value)
		if ok && (!r.IsInt() || typ == "number" && r.Num().CmpAbs(big.NewInt(1<<53)) > 0) {
			return true
		}
	}
	return false
}

// objectByAllOf reports whether a schema without type (its members keys,
// at ptr) is an object by its allOf: every member an object schema with
// properties, or a $ref to an object component.
func (b *builder) objectByAllOf(keys map[string]*yaml.Node, ptr string, depth int) bool {
	all := keys["allOf"]
	if all == nil || all.Kind != yaml.SequenceNode || len(all.Content) == 0 || depth > 64 {
		return false
	}
	for _, m := range all.Content {
		mk := mapping(m)
		if ref := mk["$ref"]; ref != nil {
			target, err := b.dynRef(ref.Value, ptr)
			if err != nil || !isComponent(target) {
				return false
			}
			tk := mapping(b.src.node(target))
			if t := tk["type"]; !(t != nil && t.Value == "object" || t == nil && b.objectByAllOf(tk, target, depth+1)) {
				return false
			}
			continue
		}
		if mk["properties"] == nil || mk["type"] != nil && mk["type"].Value != "object" {
			return false
		}
	}
	return true
}

// isComponent reports whether pointer names a component schema itself.
func isComponent(pointer string) bool {
	_, frag, _ := strings.Cut(pointer, "#")
	name, ok := strings.CutPrefix(frag, "/components/schemas/")
	return ok && name != "" && !strings.Contains(name, "/")
}

// countAnnotations counts the keywords of keys that only annotate.
func countAnnotations(keys map[string]*yaml.Node) int {
	n := 0
	for k := range keys {
		if kw, ok := annotationKeywords[k]; (ok && kw.compile == nil && kw.refuse == "") || strings.HasPrefix(k, "x-") {
			n++
		}
	}
	return n
}

// mapping returns the members of a YAML mapping by key.
func mapping(n *yaml.Node) map[string]*yaml.Node {
	m := map[string]*yaml.Node{}
	if n == nil || n.Kind != yaml.MappingNode {
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		m[n.Content[i].Value] = n.Content[i+1]
	}
	return m
}

// anyType returns the type of the schema of open type at ptr.
func (b *builder) anyType(ptr string) *ir.Type {
	return &ir.Type{Kind: ir.Any, TypeRule: ptr, Checks: b.dynamic(ptr)}
}

// dynamic compiles the schema at ptr.
func (b *builder) dynamic(ptr string) *ir.Schema {
	s := &ir.Schema{Pointer: ptr, Pos: b.src.locate(ptr)}
	n := b.src.node(ptr)
	if n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch {
	case n == nil:
		b.errorf(s.Pos, ptr, "no schema here")
		return s
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool":
		if n.Value == "false" {
			s.Checks = append(s.Checks, &ir.Never{Pointer: ptr})
		}
		return s
	case n.Kind != yaml.MappingNode:
		b.errorf(s.Pos, ptr, "a schema must be an object or a boolean")
		return s
	}
	d := &dyn{b: b, ptr: ptr, keys: mapping(n), out: s}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		if strings.HasPrefix(key, "x-") {
			continue
		}
		kw, ok := dynKeywords[key]
		switch {
		case !ok:
			d.errorf(key, "unknown keyword %q", key)
		case kw.refuse != "":
			d.errorf(key, "%s is not supported: %s", key, kw.refuse)
		case kw.compile != nil:
			kw.compile(d, key, n.Content[i+1])
		}
	}
	return s
}

// at is the pointer of keyword key of the schema.
func (d *dyn) at(key string) string { return d.ptr + "/" + escape(key) }

// errorf reports a problem at keyword key.
func (d *dyn) errorf(key, format string, args ...any) {
	d.b.errorf(d.b.src.locate(d.at(key)), d.at(key), format, args...)
}

// add appends a check.
func (d *dyn) add(c ir.Check) { d.out.Checks = append(d.out.Checks, c) }

// sub compiles the subschema at keyword key, followed by more tokens.
func (d *dyn) sub(key string, tokens ...string) *ir.Schema {
	ptr := d.at(key)
	for _, t := range tokens {
		ptr += "/" + escape(t)
	}
	return d.b.dynamic(ptr)
}

// subs compiles the list of subschemas of keyword key.
func (d *dyn) subs(key string, v *yaml.Node) []*ir.Schema {
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		d.errorf(key, "%s must be a non-empty list of schemas", key)
		return nil
	}
	out := make([]*ir.Schema, len(v.Content))
	for i := range v.Content {
		out[i] = d.sub(key, strconv.Itoa(i))
	}
	return out
}

// count reads a non-negative integer (1.0 is one).
func (d *dyn) count(key string, v *yaml.Node) (int64, bool) {
	text, ok := jsonNumber(v)
	if ok {
		if f, err := strconv.ParseFloat(text, 64); err == nil && f >= 0 && f == float64(int64(f)) && f < 1<<53 {
			return int64(f), true
		}
	}
	d.errorf(key, "%s must be a non-negative integer", key)
	return 0, false
}

// number reads a number, as written.
func (d *dyn) number(key string, v *yaml.Node) (string, bool) {
	text, ok := jsonNumber(v)
	if !ok {
		d.errorf(key, "%s must be a number", key)
	}
	return text, ok
}

// jsonNumberSyntax is the grammar of a JSON number.
var jsonNumberSyntax = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// jsonNumber returns the number a YAML scalar holds as JSON number text:
// as written when it is JSON syntax, else as the float64 YAML reads.
func jsonNumber(v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode || (v.ShortTag() != "!!int" && v.ShortTag() != "!!float") {
		return "", false
	}
	text := strings.ReplaceAll(v.Value, "_", "")
	if jsonNumberSyntax.MatchString(text) {
		return text, true
	}
	var f float64
	if err := v.Decode(&f); err != nil || f != f || f > 1e308 || f < -1e308 {
		return "", false
	}
	return strconv.FormatFloat(f, 'g', -1, 64), true
}

// literal reads a const or enum value as compact JSON.
func (d *dyn) literal(key string, v *yaml.Node) (ir.Literal, bool) {
	val, err := JSONValue(v)
	if err == nil {
		var data []byte
		if data, err = json.Marshal(val); err == nil {
			return ir.Literal{Kind: ir.Any, JSON: string(data)}, true
		}
	}
	d.errorf(key, "%s holds a value that is not JSON: %v", key, err)
	return ir.Literal{}, false
}

// member is the Field a member name of a value of open type is checked
// through.
func (d *dyn) member(key, name string) *ir.Field {
	return &ir.Field{JSONName: name, GoName: names.Go(name), Pointer: d.at(key) + "/" + escape(name), Type: &ir.Type{Kind: ir.Any}}
}

// strings reads a list of strings.
func (d *dyn) strings(key string, v *yaml.Node) ([]string, bool) {
	if v.Kind != yaml.SequenceNode {
		d.errorf(key, "%s must be a list of strings", key)
		return nil, false
	}
	var out []string
	for _, c := range v.Content {
		if c.Kind != yaml.ScalarNode || c.ShortTag() != "!!str" {
			d.errorf(key, "%s must be a list of strings", key)
			return nil, false
		}
		out = append(out, c.Value)
	}
	return out, true
}

// regexp checks that a pattern compiles as RE2.
func (d *dyn) regexp(key, pattern string) bool {
	if _, err := regexp.Compile(pattern); err != nil {
		d.errorf(key, "pattern %q is not a regular expression Go's regexp (RE2) reads: %v", pattern, err)
		return false
	}
	return true
}

// The type family: type, enum, const.
var typeKeywords = map[string]dynKeyword{
	"type": {compile: func(d *dyn, key string, v *yaml.Node) {
		var types []string
		switch v.Kind {
		case yaml.ScalarNode:
			types = []string{v.Value}
		case yaml.SequenceNode:
			for _, c := range v.Content {
				types = append(types, c.Value)
			}
		}
		valid := []string{"null", "boolean", "integer", "number", "string", "array", "object"}
		for _, t := range types {
			if !slices.Contains(valid, t) {
				d.errorf(key, "type %q is not a JSON Schema type (%s)", t, strings.Join(valid, ", "))
				return
			}
		}
		if len(types) == 0 {
			d.errorf(key, "type must name at least one type")
			return
		}
		d.add(&ir.TypeIs{Pointer: d.at(key), Types: types})
	}},
	"enum": {compile: func(d *dyn, key string, v *yaml.Node) {
		if v.Kind != yaml.SequenceNode {
			d.errorf(key, "enum must be a list")
			return
		}
		var lits []ir.Literal
		for _, c := range v.Content {
			l, ok := d.literal(key, c)
			if !ok {
				return
			}
			lits = append(lits, l)
		}
		d.add(&ir.EnumOf{Pointer: d.at(key), Values: lits})
	}},
	"const": {compile: func(d *dyn, key string, v *yaml.Node) {
		if l, ok := d.literal(key, v); ok {
			d.add(&ir.Const{Pointer: d.at(key), Value: l})
		}
	}},
}

// The numeric family.
var numberKeywords = map[string]dynKeyword{
	"minimum":          {compile: bound(">=")},
	"maximum":          {compile: bound("<=")},
	"exclusiveMinimum": {compile: bound(">")},
	"exclusiveMaximum": {compile: bound("<")},
	"multipleOf": {compile: func(d *dyn, key string, v *yaml.Node) {
		text, ok := d.number(key, v)
		if !ok {
			return
		}
		if strings.HasPrefix(text, "-") || strings.Trim(strings.SplitN(strings.ToLower(text), "e", 2)[0], "0.") == "" {
			d.errorf(key, "multipleOf must be greater than 0")
			return
		}
		d.add(&ir.MultipleOf{Pointer: d.at(key), Divisor: text})
	}},
}

// bound compiles minimum, maximum and their exclusive forms.
func bound(op string) func(d *dyn, key string, v *yaml.Node) {
	return func(d *dyn, key string, v *yaml.Node) {
		if text, ok := d.number(key, v); ok {
			d.add(&ir.NumBound{Pointer: d.at(key), Op: op, Limit: text})
		}
	}
}

// The string family.
var stringKeywords = map[string]dynKeyword{
	"minLength": {compile: func(d *dyn, key string, v *yaml.Node) {
		if n, ok := d.count(key, v); ok {
			d.add(&ir.Length{Pointer: d.at(key), Min: n, Max: -1})
		}
	}},
	"maxLength": {compile: func(d *dyn, key string, v *yaml.Node) {
		if n, ok := d.count(key, v); ok {
			d.add(&ir.Length{Pointer: d.at(key), Min: 0, Max: n})
		}
	}},
	"pattern": {compile: func(d *dyn, key string, v *yaml.Node) {
		if d.regexp(key, v.Value) {
			d.add(&ir.Pattern{Pointer: d.at(key), Regexp: v.Value})
		}
	}},
	// format annotates (JSON Schema 2020-12's default); a secret needs a
	// string type, so that it is a Secret that never prints.
	"format": {compile: func(d *dyn, key string, v *yaml.Node) {
		if v.Value == "password" {
			d.errorf(key, "format: password in a schema of open type is not supported; a secret needs type: string")
		}
	}},
}

// The array family.
var arrayKeywords = map[string]dynKeyword{
	"items": {compile: func(d *dyn, key string, v *yaml.Node) {
		from := 0
		if p := d.keys["prefixItems"]; p != nil && p.Kind == yaml.SequenceNode {
			from = len(p.Content)
		}
		d.add(&ir.Items{Pointer: d.at(key), Schema: d.sub(key), From: from})
	}},
	"prefixItems": {compile: func(d *dyn, key string, v *yaml.Node) {
		if subs := d.subs(key, v); subs != nil {
			d.add(&ir.PrefixItems{Pointer: d.at(key), Schemas: subs})
		}
	}},
	"contains": {compile: func(d *dyn, key string, v *yaml.Node) {
		c := &ir.Contains{Pointer: d.at(key), Schema: d.sub(key), Min: 1, Max: -1, MinRule: d.at(key), MaxRule: d.at(key)}
		if m := d.keys["minContains"]; m != nil {
			n, ok := d.count("minContains", m)
			if !ok {
				return
			}
			c.Min, c.MinRule = n, d.at("minContains")
		}
		if m := d.keys["maxContains"]; m != nil {
			n, ok := d.count("maxContains", m)
			if !ok {
				return
			}
			c.Max, c.MaxRule = n, d.at("maxContains")
		}
		d.add(c)
	}},
	// Read by contains; without it they do nothing.
	"minContains": {},
	"maxContains": {},
	"minItems": {compile: func(d *dyn, key string, v *yaml.Node) {
		if n, ok := d.count(key, v); ok {
			d.add(&ir.ItemCount{Pointer: d.at(key), Min: n, Max: -1})
		}
	}},
	"maxItems": {compile: func(d *dyn, key string, v *yaml.Node) {
		if n, ok := d.count(key, v); ok {
			d.add(&ir.ItemCount{Pointer: d.at(key), Min: 0, Max: n})
		}
	}},
	"uniqueItems": {compile: func(d *dyn, key string, v *yaml.Node) {
		switch {
		case v.ShortTag() != "!!bool":
			d.errorf(key, "uniqueItems must be true or false")
		case v.Value == "true":
			d.add(&ir.UniqueItems{Pointer: d.at(key)})
		}
	}},
	"unevaluatedItems": {refuse: "it depends on what the other keywords evaluated; write items, or additionalProperties for objects"},
}

// The object family.
var objectKeywords = map[string]dynKeyword{
	"properties": {compile: func(d *dyn, key string, v *yaml.Node) {
		if v.Kind != yaml.MappingNode {
			d.errorf(key, "properties must map names to schemas")
			return
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			name := v.Content[i].Value
			d.add(&ir.Property{Pointer: d.at(key) + "/" + escape(name), Field: d.member(key, name), Schema: d.sub(key, name)})
		}
	}},
	"patternProperties": {compile: func(d *dyn, key string, v *yaml.Node) {
		if v.Kind != yaml.MappingNode {
			d.errorf(key, "patternProperties must map patterns to schemas")
			return
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			pattern := v.Content[i].Value
			if d.regexp(key, pattern) {
				d.add(&ir.PatternProperty{Pointer: d.at(key) + "/" + escape(pattern), Regexp: pattern, Schema: d.sub(key, pattern)})
			}
		}
	}},
	"additionalProperties": {compile: func(d *dyn, key string, v *yaml.Node) {
		c := &ir.Additional{Pointer: d.at(key), Schema: d.sub(key)}
		if p := d.keys["properties"]; p != nil && p.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(p.Content); i += 2 {
				c.Known = append(c.Known, p.Content[i].Value)
			}
		}
		if p := d.keys["patternProperties"]; p != nil && p.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(p.Content); i += 2 {
				c.Patterns = append(c.Patterns, p.Content[i].Value)
			}
		}
		d.add(c)
	}},
	"required": {compile: func(d *dyn, key string, v *yaml.Node) {
		list, ok := d.strings(key, v)
		if !ok {
			return
		}
		r := &ir.Required{Pointer: d.at(key)}
		for _, name := range list {
			r.Fields = append(r.Fields, d.member(key, name))
		}
		d.add(r)
	}},
	"dependentRequired": {compile: func(d *dyn, key string, v *yaml.Node) {
		if v.Kind != yaml.MappingNode {
			d.errorf(key, "dependentRequired must map names to lists of names")
			return
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			name := v.Content[i].Value
			list, ok := d.strings(key, v.Content[i+1])
			if !ok {
				return
			}
			c := &ir.DependentRequired{Pointer: d.at(key) + "/" + escape(name), Field: d.member(key, name)}
			for _, r := range list {
				c.Requires = append(c.Requires, d.member(key, r))
			}
			d.add(c)
		}
	}},
	"dependentSchemas": {compile: func(d *dyn, key string, v *yaml.Node) {
		if v.Kind != yaml.MappingNode {
			d.errorf(key, "dependentSchemas must map names to schemas")
			return
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			name := v.Content[i].Value
			d.add(&ir.DependentSchema{Pointer: d.at(key) + "/" + escape(name), Name: name, Schema: d.sub(key, name)})
		}
	}},
	"propertyNames": {compile: func(d *dyn, key string, v *yaml.Node) {
		d.add(&ir.PropertyNames{Pointer: d.at(key), Schema: d.sub(key)})
	}},
	"minProperties": {compile: func(d *dyn, key string, v *yaml.Node) {
		if n, ok := d.count(key, v); ok {
			d.add(&ir.PropertyCount{Pointer: d.at(key), Min: n, Max: -1})
		}
	}},
	"maxProperties": {compile: func(d *dyn, key string, v *yaml.Node) {
		if n, ok := d.count(key, v); ok {
			d.add(&ir.PropertyCount{Pointer: d.at(key), Min: 0, Max: n})
		}
	}},
	"unevaluatedProperties": {refuse: "it depends on what the other keywords evaluated; write additionalProperties"},
}

// The logic family: allOf, anyOf, oneOf, not, if/then/else.
var logicKeywords = map[string]dynKeyword{
	"allOf": {compile: func(d *dyn, key string, v *yaml.Node) {
		if subs := d.subs(key, v); subs != nil {
			d.add(&ir.AllOf{Pointer: d.at(key), Schemas: subs})
		}
	}},
	"anyOf": {compile: func(d *dyn, key string, v *yaml.Node) {
		if subs := d.subs(key, v); subs != nil {
			d.add(&ir.AnyOf{Pointer: d.at(key), Schemas: subs})
		}
	}},
	"oneOf": {compile: func(d *dyn, key string, v *yaml.Node) {
		if subs := d.subs(key, v); subs != nil {
			d.add(&ir.OneOf{Pointer: d.at(key), Schemas: subs})
		}
	}},
	"not": {compile: func(d *dyn, key string, v *yaml.Node) {
		d.add(&ir.Not{Pointer: d.at(key), Schema: d.sub(key)})
	}},
	"if": {compile: func(d *dyn, key string, v *yaml.Node) {
		c := &ir.IfThenElse{Pointer: d.at(key), If: d.sub(key)}
		if d.keys["then"] != nil {
			c.Then = d.sub("then")
		}
		if d.keys["else"] != nil {
			c.Else = d.sub("else")
		}
		if c.Then != nil || c.Else != nil {
			d.add(c)
		}
	}},
	// Read by if; without it they do nothing.
	"then": {},
	"else": {},
}

// The reference family: $ref to a schema of the document (or of another
// file of its folder) by JSON pointer; $defs holds schemas to refer to.
var refKeywords = map[string]dynKeyword{
	"$ref": {compile: func(d *dyn, key string, v *yaml.Node) {
		target, err := d.b.dynRef(v.Value, d.ptr)
		if err != nil {
			d.errorf(key, "%v", err)
			return
		}
		d.add(&ir.Ref{Pointer: d.at(key), Def: d.b.def(target)})
	}},
	"$defs":          {},
	"$id":            {refuse: "schema resources with their own base URI; $ref the schema by its JSON pointer"},
	"$anchor":        {refuse: "anchors; $ref the schema by its JSON pointer"},
	"$dynamicRef":    {refuse: "dynamic references"},
	"$dynamicAnchor": {refuse: "dynamic references"},
	"$vocabulary":    {refuse: "custom meta-schemas"},
	"definitions":    {refuse: "it is the draft-07 name; write $defs"},
	"nullable":       {refuse: "it is OpenAPI 3.0; write type: [T, \"null\"]"},
}

// annotationKeywords describe and never assert (format is in the string
// family). discriminator only helps a reader of a oneOf or anyOf, which
// decides alone.
var annotationKeywords = map[string]dynKeyword{
	"$schema": {}, "$comment": {}, "title": {}, "description": {}, "default": {},
	"examples": {}, "example": {}, "deprecated": {}, "readOnly": {}, "writeOnly": {},
	"contentEncoding": {}, "contentMediaType": {}, "contentSchema": {},
	"discriminator": {}, "xml": {}, "externalDocs": {},
}

// dynRef resolves a $ref written at the schema pointer from to the
// pointer of its target: a JSON pointer fragment, in the same file or in
// another file of the schema's folder.
func (b *builder) dynRef(ref, from string) (string, error) {
	file, frag, hasFrag := strings.Cut(ref, "#")
	if u, err := url.Parse(ref); err != nil || u.Scheme != "" || u.Host != "" {
		return "", fmt.Errorf("$ref %q is a URL; dmsgen refers only to schemas of the schema's folder", ref)
	}
	if hasFrag && frag != "" && !strings.HasPrefix(frag, "/") {
		return "", fmt.Errorf("$ref %q names an anchor; anchors are not supported, $ref the schema by its JSON pointer", ref)
	}
	unescaped, err := url.PathUnescape(frag)
	if err != nil {
		return "", fmt.Errorf("$ref %q has a malformed fragment", ref)
	}
	if file == "" {
		file, _, _ = strings.Cut(from, "#")
	}
	if file != "" && filepath.Clean(file) == filepath.Base(b.file) {
		file = ""
	}
	if unescaped == "" {
		return "", fmt.Errorf("$ref %q names the whole document, which is not a schema", ref)
	}
	target := file + "#" + unescaped
	if b.src.node(target) == nil {
		return "", fmt.Errorf("$ref %q names nothing", ref)
	}
	return target, nil
}

// def returns the Def of the schema at target, compiling it the first time.
func (b *builder) def(target string) *ir.Def {
	if d, ok := b.defs[target]; ok {
		return d
	}
	d := &ir.Def{Pointer: target, Pos: b.src.locate(target), Func: b.defFunc(target)}
	b.defs[target] = d
	b.defList = append(b.defList, d)
	d.Schema = b.dynamic(target)
	return d
}

// defFunc names the function of the Def at target after its pointer: the
// component's name, or the tokens of the pointer.
func (b *builder) defFunc(target string) string {
	_, frag, _ := strings.Cut(target, "#")
	frag = strings.TrimPrefix(frag, "/components/schemas/")
	var name strings.Builder
	for _, tok := range strings.Split(frag, "/") {
		name.WriteString(names.Go(strings.TrimPrefix(unescape(tok), "$")))
	}
	base := "validate" + name.String() + "Value"
	fn := base
	for i := 2; b.defFuncs[fn]; i++ {
		fn = base + strconv.Itoa(i)
	}
	b.defFuncs[fn] = true
	return fn
}

// checkDefCycles reports a Def whose schema refers back to itself without
// descending into the value (through allOf, anyOf, oneOf, not, if, then,
// else, dependentSchemas or $ref alone): checking a value against it
// would never end.
func (b *builder) checkDefCycles() {
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[*ir.Def]int{}
	var visit func(d *ir.Def, path []*ir.Def)
	var inPlace func(s *ir.Schema, fn func(*ir.Def))
	inPlace = func(s *ir.Schema, fn func(*ir.Def)) {
		if s == nil {
			return
		}
		for _, c := range s.Checks {
			switch c := c.(type) {
			case *ir.Ref:
				fn(c.Def)
			case *ir.AllOf:
				for _, sub := range c.Schemas {
					inPlace(sub, fn)
				}
			case *ir.AnyOf:
				for _, sub := range c.Schemas {
					inPlace(sub, fn)
				}
			case *ir.OneOf:
				for _, sub := range c.Schemas {
					inPlace(sub, fn)
				}
			case *ir.Not:
				inPlace(c.Schema, fn)
			case *ir.IfThenElse:
				inPlace(c.If, fn)
				inPlace(c.Then, fn)
				inPlace(c.Else, fn)
			case *ir.DependentSchema:
				inPlace(c.Schema, fn)
			}
		}
	}
	visit = func(d *ir.Def, path []*ir.Def) {
		switch state[d] {
		case done:
			return
		case visiting:
			var chain []string
			for _, p := range path[slices.Index(path, d):] {
				chain = append(chain, p.Pointer)
			}
			b.errorf(d.Pos, d.Pointer, "the schema refers to itself without descending into the value (%s -> %s): checking a value would never end", strings.Join(chain, " -> "), d.Pointer)
			return
		}
		state[d] = visiting
		inPlace(d.Schema, func(next *ir.Def) { visit(next, append(path, d)) })
		state[d] = done
	}
	for _, d := range b.defList {
		visit(d, nil)
	}
}

// typedFraction reports whether lit, a number as the schema writes it, is
// an inclusive bound a typed number can have although it is not a whole
// number: at most 15 significant digits (so that the float64 nearest to it
// prints back as the same digits, and a float64 compares with it as the
// decimal does) and well within a float64's range.
func typedFraction(lit string) bool {
	r, ok := new(big.Rat).SetString(lit)
	if !ok || r.IsInt() {
		return false
	}
	mant := strings.TrimPrefix(lit, "-")
	exp := 0
	if i := strings.IndexAny(mant, "eE"); i >= 0 {
		e, err := strconv.Atoi(mant[i+1:])
		if err != nil {
			return false
		}
		mant, exp = mant[:i], e
	}
	digits := strings.Trim(strings.Replace(mant, ".", "", 1), "0")
	if strings.Trim(mant, "0123456789.") != "" || len(digits) == 0 || len(digits) > 15 {
		return false
	}
	return exp > -300 && exp < 300
}
