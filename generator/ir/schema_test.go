package ir

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"testing"
)

// TestAllChecksIsComplete: every type of this package with a Rule method is
// in AllChecks, once.
func TestAllChecksIsComplete(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "schema.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != "Rule" || fd.Recv == nil {
			continue
		}
		star, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
		if ok {
			declared[star.X.(*ast.Ident).Name] = true
		}
	}
	listed := map[string]bool{}
	for _, c := range AllChecks() {
		name := reflect.TypeOf(c).Elem().Name()
		if listed[name] {
			t.Errorf("%s is listed twice", name)
		}
		listed[name] = true
		if !declared[name] {
			t.Errorf("%s is listed but has no Rule method in schema.go", name)
		}
	}
	for name := range declared {
		if !listed[name] {
			t.Errorf("check type %s is missing from AllChecks", name)
		}
	}
}
