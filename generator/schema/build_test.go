package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// build writes a schema whose components are the given YAML and builds it.
func build(t *testing.T, components string) (*ir.Package, error) {
	t.Helper()
	dir := t.TempDir()
	src := "openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n" + components
	file := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return Build(Config{Schema: file, Package: "p"})
}

func object(t *testing.T, pkg *ir.Package, name string) *ir.Object {
	t.Helper()
	for _, o := range pkg.Objects {
		if o.GoName == name {
			return o
		}
	}
	t.Fatalf("no object %s", name)
	return nil
}

// TestBuildTypes checks the Go type chosen for each kind of property.
func TestBuildTypes(t *testing.T) {
	pkg, err := build(t, `    Thing:
      type: object
      properties:
        name: {type: string}
        count: {type: integer, format: int32, minimum: 0, maximum: 10}
        big: {type: integer, minimum: -9223372036854775808, maximum: 9007199254740993}
        on: {type: boolean}
        ratio: {type: number, minimum: 0, maximum: 1}
        tags: {type: array, items: {type: string}}
        labels: {type: object, additionalProperties: {type: integer, format: int32, minimum: 0, maximum: 1}}
        note: {type: [string, "null"]}
        pin: {type: string, format: password}
        kind: {type: string, enum: [a, b-c]}
        sub: {type: object, properties: {x: {type: string}}}
`)
	if err != nil {
		t.Fatal(err)
	}
	thing := object(t, pkg, "Thing")
	want := map[string]struct {
		kind     ir.Kind
		bits     int
		nullable bool
	}{
		"name": {ir.String, 0, false}, "count": {ir.Int, 32, false}, "big": {ir.Int, 64, false},
		"on": {ir.Bool, 0, false}, "ratio": {ir.Float, 64, false}, "tags": {ir.Array, 0, false},
		"labels": {ir.Map, 0, false}, "note": {ir.String, 0, true}, "pin": {ir.String, 0, false},
		"kind": {ir.EnumKind, 0, false}, "sub": {ir.ObjectKind, 0, false},
	}
	for _, f := range thing.Fields {
		w, ok := want[f.JSONName]
		if !ok {
			t.Errorf("unexpected field %s", f.JSONName)
			continue
		}
		if f.Type.Kind != w.kind || f.Type.Bits != w.bits || f.Type.Nullable != w.nullable {
			t.Errorf("%s: kind %d bits %d nullable %v, want %+v", f.JSONName, f.Type.Kind, f.Type.Bits, f.Type.Nullable, w)
		}
	}
	fields := map[string]*ir.Field{}
	for _, f := range thing.Fields {
		fields[f.JSONName] = f
	}
	if got := fields["big"].Type.Max; got != 9007199254740993 {
		t.Errorf("big max %d: the bound must come from the exact literal", got)
	}
	if !fields["pin"].Sensitive || !fields["pin"].Type.Secret || thing.Sensitive != true {
		t.Errorf("pin is not a secret, or Thing not sensitive")
	}
	if e := fields["kind"].Type.Enum; e.GoName != "Kind" || e.Values[1].GoName != "KindBC" {
		t.Errorf("enum %s %+v", e.GoName, e.Values)
	}
	if o := fields["sub"].Type.Object; o.GoName != "ThingSub" {
		t.Errorf("inline object named %s, want ThingSub", o.GoName)
	}
	// Without x-doc-row, fields are in name order.
	var order []string
	for _, f := range thing.Fields {
		order = append(order, f.JSONName)
	}
	if strings.Join(order, ",") != "big,count,kind,labels,name,note,on,pin,ratio,sub,tags" {
		t.Errorf("field order %v", order)
	}
}

// TestBuildRules checks how conditional keywords become checks, and the
// condition phrases messages are made of.
func TestBuildRules(t *testing.T) {
	pkg, err := build(t, `    Task:
      type: object
      properties:
        kind: {type: string, enum: [a, b]}
        x: {type: string}
        y: {type: string}
        on: {type: boolean}
      if:
        required: [kind]
        properties: {kind: {const: a}}
      then:
        oneOf:
          - required: [x]
          - required: [y]
      dependentRequired:
        x: [on]
      not:
        required: [y]
`)
	if err != nil {
		t.Fatal(err)
	}
	rules := object(t, pkg, "Task").Rules.Checks
	var kinds []string
	for _, c := range rules {
		kinds = append(kinds, strings.TrimPrefix(strings.TrimPrefix(c.Rule(), "#/components/schemas/Task"), "/"))
	}
	if got := strings.Join(kinds, " "); got != "dependentRequired/x not if" {
		t.Errorf("rule order %q, want the fixed keyword order", got)
	}
	ite := rules[2].(*ir.IfThenElse)
	if got := ir.Describe(ite.If); got != "kind is a" {
		t.Errorf("Describe(if) = %q", got)
	}
	one := ite.Then.Checks[0].(*ir.OneOf)
	if f := ir.SingleRequired(one.Schemas[1]); f == nil || f.JSONName != "y" {
		t.Errorf("oneOf branch 1 is not {required: [y]}")
	}
}

// TestBuildErrors checks that problems are located and all reported.
func TestBuildErrors(t *testing.T) {
	_, err := build(t, `    Bad:
      type: object
      properties:
        n: {type: integer, format: int16}
        m: {type: string, maxLength: 10, contentEncoding: base64}
      required: [missing]
`)
	errs, ok := err.(Errors)
	if !ok {
		t.Fatalf("error %v is not Errors", err)
	}
	text := errs.Error()
	for _, want := range []string{
		"#/components/schemas/Bad/properties/n/format: integer format \"int16\" is not supported (int32 or int64)",
		"s.yaml:10:42: #/components/schemas/Bad/properties/m/contentEncoding: unsupported keyword \"contentEncoding\"",
		"#/components/schemas/Bad/required/0: \"missing\" is not a property of Bad",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("errors lack %q:\n%s", want, text)
		}
	}
	for i := 1; i < len(errs); i++ {
		if errs[i-1].Pos.Line > errs[i].Pos.Line {
			t.Errorf("errors are not sorted:\n%s", text)
		}
	}
}

// TestSharedEnumLists: a closed list (a request's enum) and an open one (a
// response's x-known-values) of the same name share one Go type with the
// constants of both, and each field checks its own list; two closed lists
// that differ are an error.
func TestSharedEnumLists(t *testing.T) {
	pkg, err := build(t, `
    Req:
      type: object
      properties:
        mode: {type: string, enum: [fast, safe]}
    Resp:
      type: object
      properties:
        mode: {type: string, x-known-values: [fast, safe, legacy]}`)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkg.Enums) != 1 {
		t.Fatalf("%d enum types, want 1", len(pkg.Enums))
	}
	var got []string
	for _, v := range pkg.Enums[0].Values {
		got = append(got, v.GoName)
	}
	if strings.Join(got, " ") != "ModeFast ModeSafe ModeLegacy" {
		t.Fatalf("constants %v", got)
	}
	for _, o := range pkg.Objects {
		ft := o.Fields[0].Type
		switch o.Name {
		case "Req":
			if strings.Join(ft.Listed, " ") != "fast safe" || ft.Checks.Empty() {
				t.Errorf("Req.mode lists %v, checks %v", ft.Listed, ft.Checks)
			} else if e, ok := ft.Checks.Checks[0].(*ir.EnumOf); !ok || len(e.Values) != 2 {
				t.Errorf("Req.mode checks %#v, want its own two values", ft.Checks.Checks[0])
			}
		case "Resp":
			if strings.Join(ft.Listed, " ") != "fast safe legacy" || !ft.Checks.Empty() {
				t.Errorf("Resp.mode lists %v, checks %v", ft.Listed, ft.Checks)
			}
		}
	}
	_, err = build(t, `
    A:
      type: object
      properties:
        mode: {type: string, enum: [fast, safe]}
    B:
      type: object
      properties:
        mode: {type: string, enum: [fast, slow]}`)
	if err == nil || !strings.Contains(err.Error(), "enum Mode has other values") {
		t.Fatalf("two closed lists: %v", err)
	}
}
