package doccheck

import (
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// TestClassifyEveryCheck: every check type of the IR has a class; a new
// check type fails here until Classify has a case for it.
func TestClassifyEveryCheck(t *testing.T) {
	for _, c := range ir.AllChecks() {
		if cl := Classify(c); cl == ClassUnknown || cl.String() == "unknown" {
			t.Errorf("%T: no class: add a case to Classify (and to walk or checkTypeChecks)", c)
		}
	}
}

// sample returns a check of the same type as c, filled in on obj (whose
// first field is a string, second an object, third an array).
func sample(t *testing.T, c ir.Check, obj *ir.Object) ir.Check {
	t.Helper()
	f, g := obj.Fields[0], obj.Fields[1]
	req := func(f *ir.Field) *ir.Schema {
		return &ir.Schema{Checks: []ir.Check{&ir.Required{Pointer: "#/r", Fields: []*ir.Field{f}}}}
	}
	isConst := &ir.Schema{Checks: []ir.Check{&ir.Const{Pointer: "#/c", Value: ir.Literal{Kind: ir.String, Str: "x"}}}}
	switch c.(type) {
	case *ir.Required:
		return &ir.Required{Pointer: "#/required", Fields: []*ir.Field{f}}
	case *ir.Property:
		return &ir.Property{Pointer: "#/properties/g", Field: g, Schema: req(g.Type.Object.Fields[0])}
	case *ir.Const:
		return &ir.Const{Pointer: "#/const", Value: ir.Literal{Kind: ir.String, Str: "x"}}
	case *ir.EnumOf:
		return &ir.EnumOf{Pointer: "#/enum", Values: []ir.Literal{{Kind: ir.String, Str: "x"}, {Kind: ir.String, Str: "y"}}}
	case *ir.IntBound:
		return &ir.IntBound{Pointer: "#/minimum", Op: ">=", Limit: 7}
	case *ir.Length:
		return &ir.Length{Pointer: "#/maxLength", Min: 0, Max: 9}
	case *ir.Pattern:
		return &ir.Pattern{Pointer: "#/pattern", Regexp: "^a"}
	case *ir.ItemCount:
		return &ir.ItemCount{Pointer: "#/maxItems", Min: 0, Max: 5}
	case *ir.Items:
		return &ir.Items{Pointer: "#/items", Schema: isConst}
	case *ir.AllOf:
		return &ir.AllOf{Pointer: "#/allOf", Schemas: []*ir.Schema{req(f)}}
	case *ir.AnyOf:
		return &ir.AnyOf{Pointer: "#/anyOf", Schemas: []*ir.Schema{req(f), req(g)}}
	case *ir.OneOf:
		return &ir.OneOf{Pointer: "#/oneOf", Schemas: []*ir.Schema{req(f), req(g)}}
	case *ir.Not:
		return &ir.Not{Pointer: "#/not", Schema: req(f)}
	case *ir.IfThenElse:
		return &ir.IfThenElse{Pointer: "#/if", If: &ir.Schema{Checks: []ir.Check{
			&ir.Required{Pointer: "#/if/required", Fields: []*ir.Field{f}},
			&ir.Property{Pointer: "#/if/properties/f", Field: f, Schema: isConst},
		}}, Then: req(g)}
	case *ir.DependentRequired:
		return &ir.DependentRequired{Pointer: "#/dependentRequired/f", Field: f, Requires: []*ir.Field{g}}
	case *ir.Never:
		return &ir.Never{Pointer: "#/not"}
	case *ir.IsNull:
		return &ir.IsNull{Pointer: "#/type", Null: true}
	case *ir.IsInteger:
		return &ir.IsInteger{Pointer: "#/type"}
	case *ir.TypeIs:
		return &ir.TypeIs{Pointer: "#/type", Types: []string{"string", "null"}}
	case *ir.NumBound:
		return &ir.NumBound{Pointer: "#/minimum", Op: ">=", Limit: "1.5"}
	case *ir.MultipleOf:
		return &ir.MultipleOf{Pointer: "#/multipleOf", Divisor: "0.5"}
	case *ir.UniqueItems:
		return &ir.UniqueItems{Pointer: "#/uniqueItems"}
	case *ir.PropertyCount:
		return &ir.PropertyCount{Pointer: "#/minProperties", Min: 1, Max: -1}
	case *ir.PrefixItems:
		return &ir.PrefixItems{Pointer: "#/prefixItems", Schemas: []*ir.Schema{isConst}}
	case *ir.Contains:
		return &ir.Contains{Pointer: "#/contains", Schema: isConst, Min: 1, Max: -1}
	case *ir.PatternProperty:
		return &ir.PatternProperty{Pointer: "#/patternProperties/^a", Regexp: "^a", Schema: isConst}
	case *ir.Additional:
		return &ir.Additional{Pointer: "#/additionalProperties", Known: []string{"f"}, Schema: isConst}
	case *ir.PropertyNames:
		return &ir.PropertyNames{Pointer: "#/propertyNames", Schema: isConst}
	case *ir.DependentSchema:
		return &ir.DependentSchema{Pointer: "#/dependentSchemas/f", Name: "f", Schema: req(g)}
	case *ir.Ref:
		return &ir.Ref{Pointer: "#/$ref", Def: &ir.Def{Pointer: "#/$defs/d", Schema: isConst}}
	}
	t.Fatalf("no sample of %T: add one, and a case to Classify, walk and checkTypeChecks", c)
	return nil
}

// sampleObject is an object with a string, an object and an array field.
func sampleObject() *ir.Object {
	inner := &ir.Object{Name: "Inner", Fields: []*ir.Field{{JSONName: "x", Type: &ir.Type{Kind: ir.String}}}}
	return &ir.Object{Name: "Outer", Fields: []*ir.Field{
		{JSONName: "f", Type: &ir.Type{Kind: ir.String}},
		{JSONName: "g", Type: &ir.Type{Kind: ir.ObjectKind, Object: inner}},
		{JSONName: "h", Type: &ir.Type{Kind: ir.Array, Elem: &ir.Type{Kind: ir.String}}},
	}}
}

// TestWalkEveryCheck: every check type, as an object's rule, becomes a
// rule doccheck compares or a finding that it cannot compare it; none is
// dropped, none is a type the walker has no case for.
func TestWalkEveryCheck(t *testing.T) {
	for _, c := range ir.AllChecks() {
		obj := sampleObject()
		ch := sample(t, c, obj)
		cc := &checker{objModel: map[*ir.Object]*model{}}
		var rules []rule
		cc.walk(&rules, obj, &ir.Schema{Checks: []ir.Check{ch}}, obj, nil)
		var msgs []string
		for _, f := range cc.findings {
			msgs = append(msgs, f.Message)
		}
		all := strings.Join(msgs, "\n")
		switch {
		case strings.Contains(all, "does not know") || strings.Contains(all, "no case"):
			t.Errorf("%T: %s", c, all)
		case len(rules) == 0 && len(cc.findings) == 0:
			t.Errorf("%T: neither a rule nor a finding", c)
		case Classify(c) == ClassUncomparable || Classify(c) == ClassValue || Classify(c) == ClassBound:
			if len(rules) > 0 || len(cc.findings) == 0 {
				t.Errorf("%T on an object: %d rules, findings %q; want a finding", c, len(rules), all)
			}
		case len(rules) == 0:
			t.Errorf("%T: no rule, findings %q", c, all)
		}
	}
}

// TestTypeChecksEveryCheck: every check type, as a value's check, is
// compared (values, bounds) or reported as a rule doccheck cannot compare.
func TestTypeChecksEveryCheck(t *testing.T) {
	for _, c := range ir.AllChecks() {
		ch := sample(t, c, sampleObject())
		typ := &ir.Type{Kind: ir.String, Checks: &ir.Schema{Checks: []ir.Check{ch}}}
		cc := &checker{}
		u := &unit{m: &model{obj: &ir.Object{Name: "O"}}, page: &rstdoc.Page{Name: "p.rst"}, table: &rstdoc.Table{Line: 3}, rows: map[*member]*rstdoc.Row{}}
		mb := &member{m: u.m, name: "v", typ: typ}
		cc.checkTypeChecks(u, mb)
		values, _ := schemaValues(typ)
		compared := len(values) > 0 || len(bounds(typ)) > 0
		switch cl := Classify(c); {
		case cl == ClassValue || cl == ClassBound:
			if !compared || len(cc.findings) > 0 {
				t.Errorf("%T: compared %v, %d findings; want it compared with the row", c, compared, len(cc.findings))
			}
		case len(cc.findings) != 1 || cc.findings[0].Kind != KindRule:
			t.Errorf("%T: findings %v; want one %s finding", c, cc.findings, KindRule)
		}
	}
}

// TestEveryPhrasingIsMapped: every phrasing rstdoc reads maps to a rule,
// or says why it cannot (a case in words, a response's presence).
func TestEveryPhrasingIsMapped(t *testing.T) {
	for _, id := range rstdoc.Phrasings() {
		if phrasingMapping(id) == mapUnknown {
			t.Errorf("phrasing %s has no mapping: add a case to phrasingMapping and rowRules", id)
		}
	}
}

// TestEveryDeviationKind: every deviation kind says what it accepts and
// why it is stale.
func TestEveryDeviationKind(t *testing.T) {
	for _, k := range ir.DeviationKinds {
		if _, ok := acceptsKind[k]; !ok {
			t.Errorf("deviation kind %s: not in acceptsKind", k)
		}
		d := &deviation{d: &ir.Deviation{Kind: k}, op: &opLink{}}
		if why := staleWhy(d, true); strings.Contains(why, "does not know") {
			t.Errorf("deviation kind %s: %s", k, why)
		}
	}
}

// TestImports: doccheck reads the schema through the IR only: it imports
// neither kin-openapi nor a YAML package nor the schema loader.
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(path, "kin-openapi") || strings.Contains(path, "yaml") || strings.HasSuffix(path, "/generator/schema") {
				t.Errorf("%s imports %s; doccheck reads schemas through the IR only", file, path)
			}
		}
	}
}

// TestCheckNoPackages: without schemas every page is not modelled.
func TestCheckNoPackages(t *testing.T) {
	ref := &rstdoc.Reference{Pages: []*rstdoc.Page{{Name: "a.rst"}, {Name: "b/c.rst"}}}
	r := Check(nil, ref, "docs")
	if !r.OK() || len(r.Pages) != 0 || fmt.Sprint(r.NotModelled) != "[a.rst b/c.rst]" {
		t.Errorf("report %+v", r)
	}
}
