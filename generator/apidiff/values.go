package apidiff

import (
	"go/ast"
	"go/constant"
	"go/token"
	"strings"
)

// constResult is a constant's type and value: v is nil when the value
// cannot be computed from the package's own source, and expr is then the
// expression as written.
type constResult struct {
	typ  string
	v    constant.Value
	expr string
}

func (r *constResult) text() string {
	if r.v != nil {
		return r.v.ExactString()
	}
	return r.expr
}

// Untyped constant kinds, ordered as Go orders them in a mixed expression.
var untypedRank = map[string]int{"untyped int": 1, "untyped rune": 2, "untyped float": 3, "untyped complex": 4}

// defaultType is the type an untyped constant takes in a variable.
var defaultType = map[string]string{
	"untyped bool": "bool", "untyped int": "int", "untyped rune": "rune",
	"untyped float": "float64", "untyped complex": "complex128", "untyped string": "string",
}

// constant evaluates a package-level constant, once.
func (s *surface) constant(name string) *constResult {
	if r, ok := s.values[name]; ok {
		if r == nil {
			return &constResult{expr: name} // a cycle: not a valid package
		}
		return r
	}
	s.values[name] = nil
	c := s.consts[name]
	r := s.evalSafe(c.val, c.iota)
	if c.typ != nil {
		r.typ = exprString(c.typ, nil)
	}
	s.values[name] = &r
	return &r
}

// evalSafe is eval, with an expression go/constant refuses (1.5 % 2,
// "x" + 1: no valid package) left as written.
func (s *surface) evalSafe(x ast.Expr, iota int) (r constResult) {
	defer func() {
		if recover() != nil {
			r = constResult{expr: exprString(x, nil)}
		}
	}()
	return s.eval(x, iota)
}

// eval computes a constant expression as far as the package's source
// tells: literals, iota, the package's own constants, arithmetic,
// comparisons, shifts, conversions and len of a constant string.
func (s *surface) eval(x ast.Expr, iota int) constResult {
	unknown := constResult{expr: exprString(x, nil)}
	switch x := x.(type) {
	case *ast.BasicLit:
		v := constant.MakeFromLiteral(x.Value, x.Kind, 0)
		if v.Kind() == constant.Unknown {
			return unknown
		}
		kind := map[token.Token]string{token.INT: "untyped int", token.FLOAT: "untyped float", token.IMAG: "untyped complex", token.CHAR: "untyped rune", token.STRING: "untyped string"}[x.Kind]
		return constResult{typ: kind, v: v}
	case *ast.Ident:
		switch {
		case x.Name == "iota":
			return constResult{typ: "untyped int", v: constant.MakeInt64(int64(iota))}
		case x.Name == "true" || x.Name == "false":
			return constResult{typ: "untyped bool", v: constant.MakeBool(x.Name == "true")}
		case s.consts[x.Name] != nil:
			r := *s.constant(x.Name)
			if r.v == nil {
				r.expr = unknown.expr
			}
			return r
		}
	case *ast.ParenExpr:
		return s.eval(x.X, iota)
	case *ast.UnaryExpr:
		r := s.eval(x.X, iota)
		if r.v == nil || (x.Op != token.ADD && x.Op != token.SUB && x.Op != token.XOR && x.Op != token.NOT) {
			return constResult{typ: r.typ, expr: unknown.expr}
		}
		return constResult{typ: r.typ, v: constant.UnaryOp(x.Op, r.v, 0)}
	case *ast.BinaryExpr:
		return s.binary(x, iota, unknown)
	case *ast.CallExpr:
		if len(x.Args) != 1 {
			return unknown
		}
		arg := s.eval(x.Args[0], iota)
		if sel := exprString(x.Fun, nil); strings.HasPrefix(sel, "unsafe.") {
			return constResult{typ: "uintptr", expr: unknown.expr}
		}
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "len" {
			if arg.v != nil && arg.v.Kind() == constant.String {
				return constResult{typ: "int", v: constant.MakeInt64(int64(len(constant.StringVal(arg.v))))}
			}
			return constResult{typ: "int", expr: unknown.expr}
		}
		// A conversion T(x); a call of a function is no constant.
		return constResult{typ: exprString(x.Fun, nil), v: arg.v, expr: unknown.expr}
	}
	return unknown
}

func (s *surface) binary(x *ast.BinaryExpr, iota int, unknown constResult) constResult {
	l, r := s.eval(x.X, iota), s.eval(x.Y, iota)
	switch x.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		if l.v == nil || r.v == nil {
			return constResult{typ: "untyped bool", expr: unknown.expr}
		}
		return constResult{typ: "untyped bool", v: constant.MakeBool(constant.Compare(l.v, x.Op, r.v))}
	case token.SHL, token.SHR:
		n, ok := uint64(0), false
		if r.v != nil {
			n, ok = constant.Uint64Val(constant.ToInt(r.v))
		}
		if l.v == nil || !ok || n > 1<<12 {
			return constResult{typ: l.typ, expr: unknown.expr}
		}
		return constResult{typ: l.typ, v: constant.Shift(constant.ToInt(l.v), x.Op, uint(n))}
	}
	typ := l.typ
	switch {
	case !strings.HasPrefix(l.typ, "untyped"):
	case !strings.HasPrefix(r.typ, "untyped"):
		typ = r.typ
	case untypedRank[r.typ] > untypedRank[l.typ]:
		typ = r.typ
	}
	if l.v == nil || r.v == nil {
		return constResult{typ: typ, expr: unknown.expr}
	}
	op := x.Op
	if op == token.QUO && l.v.Kind() == constant.Int && r.v.Kind() == constant.Int {
		op = token.QUO_ASSIGN // integer division
	}
	if (op == token.QUO || op == token.QUO_ASSIGN || op == token.REM) && constant.Sign(r.v) == 0 {
		return constResult{typ: typ, expr: unknown.expr}
	}
	v := constant.BinaryOp(l.v, op, r.v)
	if v.Kind() == constant.Unknown {
		return constResult{typ: typ, expr: unknown.expr}
	}
	return constResult{typ: typ, v: v}
}

// varType is a variable's declared type, or the one its value gives it
// when the package's source tells: a composite literal, a conversion, a
// call of one of the package's functions, a literal or another of its
// values. "" when only type checking could tell.
func (s *surface) varType(v *varSpec) string {
	if v.typ != nil {
		return exprString(v.typ, nil)
	}
	if v.multi {
		if call, ok := unparen(v.val).(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && s.funcs[id.Name] != nil {
				if types := resultTypes(s.funcs[id.Name].Type); v.index < len(types) && len(types) > 1 {
					return types[v.index]
				}
			}
		}
		return ""
	}
	return s.exprType(v.val, 0)
}

func (s *surface) exprType(x ast.Expr, depth int) string {
	if depth > 8 {
		return ""
	}
	switch x := x.(type) {
	case *ast.ParenExpr:
		return s.exprType(x.X, depth+1)
	case *ast.BasicLit:
		return defaultType[s.eval(x, 0).typ]
	case *ast.CompositeLit:
		if x.Type != nil {
			return exprString(x.Type, nil)
		}
	case *ast.FuncLit:
		return exprString(x.Type, nil)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			if t := s.exprType(x.X, depth+1); t != "" {
				return "*" + t
			}
		}
	case *ast.Ident:
		if s.consts[x.Name] != nil {
			t := s.constant(x.Name).typ
			if d, ok := defaultType[t]; ok {
				return d
			}
			return t
		}
		if x.Name == "true" || x.Name == "false" {
			return "bool"
		}
		for _, v := range s.vars {
			if v.name == x.Name {
				return s.varType(v)
			}
		}
	case *ast.CallExpr:
		return s.callType(x)
	}
	return ""
}

// predeclared types, which a call converts to.
var predeclared = map[string]bool{
	"bool": true, "byte": true, "complex64": true, "complex128": true, "error": true, "float32": true, "float64": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true, "rune": true, "string": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true, "any": true,
}

// wellKnown are standard library functions the generated code sets
// variables from, with their result type.
var wellKnown = map[string]string{"errors.New": "error", "fmt.Errorf": "error"}

func (s *surface) callType(x *ast.CallExpr) string {
	fun := unparen(x.Fun)
	switch f := fun.(type) {
	case *ast.Ident:
		switch {
		case s.types[f.Name] != nil || predeclared[f.Name]:
			return f.Name // a conversion
		case s.funcs[f.Name] != nil:
			if types := resultTypes(s.funcs[f.Name].Type); len(types) == 1 && s.funcs[f.Name].Type.TypeParams == nil {
				return types[0]
			}
		case (f.Name == "new" || f.Name == "make") && len(x.Args) > 0:
			if f.Name == "new" {
				return "*" + exprString(x.Args[0], nil)
			}
			return exprString(x.Args[0], nil)
		case f.Name == "len" || f.Name == "cap":
			return "int"
		}
	case *ast.StarExpr, *ast.ArrayType, *ast.MapType, *ast.FuncType, *ast.ChanType, *ast.InterfaceType:
		return exprString(fun, nil) // a conversion such as (*T)(nil)
	case *ast.IndexExpr, *ast.IndexListExpr:
		if name, _ := recvBase(fun); s.types[name] != nil {
			return exprString(fun, nil) // a conversion to an instantiated type
		}
	case *ast.SelectorExpr:
		return wellKnown[exprString(f, nil)]
	}
	return ""
}

// resultTypes lists a function's result types, one per result.
func resultTypes(ft *ast.FuncType) []string {
	if ft.Results == nil {
		return nil
	}
	var out []string
	for _, f := range ft.Results.List {
		t := exprString(f.Type, nil)
		for range max(1, len(f.Names)) {
			out = append(out, t)
		}
	}
	return out
}
