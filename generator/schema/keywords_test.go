package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// vocabulary is every keyword of the JSON Schema 2020-12 vocabularies
// (core, applicator, unevaluated, validation, meta-data, format
// annotation, content), every field OpenAPI 3.1 adds to a schema, and the
// OpenAPI 3.0 and draft-07 names a 3.1 document may still carry, each
// with a value of the form the keyword takes.
var vocabulary = map[string]string{
	// Core.
	"$schema": `"https://json-schema.org/draft/2020-12/schema"`, "$id": `"urn:example:x"`,
	"$ref": `"#/components/schemas/Other"`, "$anchor": `"a"`, "$dynamicRef": `"#a"`,
	"$dynamicAnchor": `"a"`, "$vocabulary": `{}`, "$comment": `"note"`, "$defs": `{"d": {"minimum": 1}}`,
	// Applicator.
	"prefixItems": `[{"type": "string"}]`, "items": `{"type": "string"}`, "contains": `{"const": 1}`,
	"additionalProperties": `{"type": "string"}`, "properties": `{"a": {"type": "string"}}`,
	"patternProperties": `{"^a": {"type": "string"}}`, "dependentSchemas": `{"a": {"required": ["b"]}}`,
	"propertyNames": `{"maxLength": 3}`, "if": `{"required": ["a"]}`, "then": `{"required": ["b"]}`,
	"else": `{"required": ["c"]}`, "allOf": `[{"required": ["a"]}]`, "anyOf": `[{"required": ["a"]}]`,
	"oneOf": `[{"required": ["a"]}]`, "not": `{"required": ["a"]}`,
	// Unevaluated.
	"unevaluatedItems": `false`, "unevaluatedProperties": `false`,
	// Validation.
	"type": `"string"`, "const": `"x"`, "enum": `["x", "y"]`, "multipleOf": `2`, "maximum": `5`,
	"exclusiveMaximum": `5`, "minimum": `1`, "exclusiveMinimum": `1`, "maxLength": `3`, "minLength": `1`,
	"pattern": `"^a"`, "maxItems": `3`, "minItems": `1`, "uniqueItems": `true`, "maxContains": `2`,
	"minContains": `1`, "maxProperties": `3`, "minProperties": `1`, "required": `["a"]`,
	"dependentRequired": `{"a": ["b"]}`,
	// Meta-data.
	"title": `"T"`, "description": `"D"`, "default": `"x"`, "deprecated": `true`, "readOnly": `true`,
	"writeOnly": `true`, "examples": `["x"]`,
	// Format annotation.
	"format": `"email"`,
	// Content.
	"contentEncoding": `"base64"`, "contentMediaType": `"application/json"`, "contentSchema": `{"type": "string"}`,
	// OpenAPI 3.1.
	"discriminator": `{"propertyName": "a"}`, "xml": `{"name": "x"}`,
	"externalDocs": `{"url": "https://example.com/docs"}`, "example": `"x"`,
	// Earlier names.
	"nullable": `true`, "definitions": `{}`,
}

// annotationOnly are keywords that never assert, and those that do
// nothing without a partner (then and else without if, minContains and
// maxContains without contains, if without then and else) or only hold
// schemas to refer to ($defs):
// accepting them without a check drops nothing.
var annotationOnly = map[string]bool{
	"$schema": true, "$comment": true, "title": true, "description": true, "default": true,
	"deprecated": true, "readOnly": true, "writeOnly": true, "examples": true, "example": true,
	"format": true, "contentEncoding": true, "contentMediaType": true, "contentSchema": true,
	"discriminator": true, "xml": true, "externalDocs": true,
	"if": true, "then": true, "else": true, "minContains": true, "maxContains": true, "$defs": true,
}

// TestEveryKeywordIsHandledOrRefused feeds every keyword to the builder,
// in a schema of open type and next to each JSON type, and checks that it
// is either compiled into a check carrying its pointer (or made into the
// Go type, or an annotation) or refused with errors that all have a
// position, one of them at the keyword or naming it. No keyword passes
// unnoticed.
func TestEveryKeywordIsHandledOrRefused(t *testing.T) {
	dir := t.TempDir()
	contexts := []string{"", "string", "integer", "number", "boolean", "array", "object"}
	// What a typed declaration turns into its Go type rather than a check.
	madeType := map[string]bool{"type": true, "properties": true, "items": true, "additionalProperties": true, "$ref": true}
	handled, refused := 0, 0
	for kw, value := range vocabulary {
		for _, typ := range contexts {
			name := kw + "/" + typ
			if typ == "" {
				name = kw + "/open"
			}
			t.Run(name, func(t *testing.T) {
				members := []string{fmt.Sprintf("%q: %s", kw, value)}
				if typ != "" && kw != "type" {
					members = append(members, fmt.Sprintf(`"type": %q`, typ))
				}
				doc := fmt.Sprintf(`{"openapi": "3.1.0", "info": {"title": "k", "version": "1"}, "paths": {},
"components": {"schemas": {
"Holder": {"type": "object", "additionalProperties": false, "properties": {"v": {%s}}},
"Other": {"minimum": 1}}}}`, strings.Join(members, ", "))
				path := filepath.Join(dir, strings.NewReplacer("/", "_", "$", "_").Replace(name)+".json")
				if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
					t.Fatal(err)
				}
				pkg, err := Build(Config{Schema: path, Package: "k"})
				if err != nil {
					es, ok := err.(Errors)
					if !ok {
						t.Fatalf("not a located error: %v", err)
					}
					named := false
					for _, e := range es {
						if e.Pos.Line == 0 {
							t.Errorf("an error without a position: %v", e)
						}
						if strings.Contains(e.Pointer, "/"+escape(kw)) || strings.Contains(e.Msg, kw) {
							named = true
						}
					}
					if !named {
						t.Errorf("refused without naming %s:\n%v", kw, err)
					}
					refused++
					return
				}
				handled++
				if annotationOnly[kw] || ((typ != "" || kw == "type") && madeType[kw]) {
					return
				}
				if !mentions(pkg, "/"+escape(kw)) {
					t.Errorf("accepted, but no check carries the keyword: %s was dropped", kw)
				}
			})
		}
	}
	t.Logf("%d keywords in %d contexts: %d handled, %d refused with a located error", len(vocabulary), len(contexts), handled, refused)
}

// mentions reports whether a check of pkg (its objects' fields and rules,
// its Defs) has a pointer containing s.
func mentions(pkg *ir.Package, s string) bool {
	found := false
	var walkType func(t *ir.Type)
	var walkSchema func(sc *ir.Schema)
	seen := map[*ir.Schema]bool{}
	walkSchema = func(sc *ir.Schema) {
		if sc == nil || seen[sc] {
			return
		}
		seen[sc] = true
		for _, c := range sc.Checks {
			if strings.Contains(c.Rule(), s) {
				found = true
			}
			switch c := c.(type) {
			case *ir.Property:
				walkSchema(c.Schema)
			case *ir.Items:
				walkSchema(c.Schema)
			case *ir.AllOf:
				for _, x := range c.Schemas {
					walkSchema(x)
				}
			case *ir.AnyOf:
				for _, x := range c.Schemas {
					walkSchema(x)
				}
			case *ir.OneOf:
				for _, x := range c.Schemas {
					walkSchema(x)
				}
			case *ir.PrefixItems:
				for _, x := range c.Schemas {
					walkSchema(x)
				}
			case *ir.Not:
				walkSchema(c.Schema)
			case *ir.IfThenElse:
				walkSchema(c.If)
				walkSchema(c.Then)
				walkSchema(c.Else)
			case *ir.Contains:
				walkSchema(c.Schema)
			case *ir.PatternProperty:
				walkSchema(c.Schema)
			case *ir.Additional:
				walkSchema(c.Schema)
			case *ir.PropertyNames:
				walkSchema(c.Schema)
			case *ir.DependentSchema:
				walkSchema(c.Schema)
			case *ir.Ref:
				walkSchema(c.Def.Schema)
			}
		}
	}
	walkType = func(t *ir.Type) {
		for ; t != nil; t = t.Elem {
			walkSchema(t.Checks)
			if strings.Contains(t.MinRule+" "+t.MaxRule, s) {
				found = true
			}
		}
	}
	for _, o := range pkg.Objects {
		walkSchema(o.Rules)
		for _, f := range o.Fields {
			walkType(f.Type)
		}
	}
	for _, d := range pkg.Defs {
		walkSchema(d.Schema)
	}
	return found
}
