package apidiff

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// exprString prints a type (or constant) expression on one line, the way
// gofmt would but with signatures' parameter names dropped and an empty
// interface as any; rename maps identifiers (type parameter names) to
// those to print.
func exprString(x ast.Expr, rename map[string]string) string {
	var b strings.Builder
	p := exprPrinter{b: &b, rename: rename}
	p.expr(x)
	return b.String()
}

// signature prints a function type without the "func" keyword and without
// type parameters: "([]byte) (*X, error)".
func signature(ft *ast.FuncType, rename map[string]string) string {
	var b strings.Builder
	p := exprPrinter{b: &b, rename: rename}
	p.signature(ft)
	return b.String()
}

type exprPrinter struct {
	b      *strings.Builder
	rename map[string]string
}

func (p exprPrinter) expr(x ast.Expr) {
	switch x := x.(type) {
	case nil:
	case *ast.Ident:
		if r, ok := p.rename[x.Name]; ok {
			p.b.WriteString(r)
		} else {
			p.b.WriteString(x.Name)
		}
	case *ast.SelectorExpr:
		p.expr(x.X)
		p.b.WriteString(".")
		p.b.WriteString(x.Sel.Name)
	case *ast.StarExpr:
		p.b.WriteString("*")
		p.expr(x.X)
	case *ast.ArrayType:
		p.b.WriteString("[")
		p.expr(x.Len)
		p.b.WriteString("]")
		p.expr(x.Elt)
	case *ast.Ellipsis:
		p.b.WriteString("...")
		p.expr(x.Elt)
	case *ast.MapType:
		p.b.WriteString("map[")
		p.expr(x.Key)
		p.b.WriteString("]")
		p.expr(x.Value)
	case *ast.ChanType:
		switch x.Dir {
		case ast.SEND:
			p.b.WriteString("chan<- ")
		case ast.RECV:
			p.b.WriteString("<-chan ")
		default:
			p.b.WriteString("chan ")
			if inner, ok := unparen(x.Value).(*ast.ChanType); ok && inner.Dir == ast.RECV {
				p.b.WriteString("(")
				p.expr(inner)
				p.b.WriteString(")")
				return
			}
		}
		p.expr(x.Value)
	case *ast.FuncType:
		p.b.WriteString("func")
		p.signature(x)
	case *ast.InterfaceType:
		if len(x.Methods.List) == 0 {
			p.b.WriteString("any")
			return
		}
		p.b.WriteString("interface{")
		for i, f := range x.Methods.List {
			if i > 0 {
				p.b.WriteString("; ")
			}
			if len(f.Names) == 0 {
				p.expr(f.Type)
				continue
			}
			p.b.WriteString(f.Names[0].Name)
			if ft, ok := f.Type.(*ast.FuncType); ok {
				p.signature(ft)
			}
		}
		p.b.WriteString("}")
	case *ast.StructType:
		p.b.WriteString("struct{")
		for i, f := range x.Fields.List {
			if i > 0 {
				p.b.WriteString("; ")
			}
			for j, n := range f.Names {
				if j > 0 {
					p.b.WriteString(", ")
				}
				p.b.WriteString(n.Name)
			}
			if len(f.Names) > 0 {
				p.b.WriteString(" ")
			}
			p.expr(f.Type)
			if f.Tag != nil {
				p.b.WriteString(" ")
				p.b.WriteString(f.Tag.Value)
			}
		}
		p.b.WriteString("}")
	case *ast.IndexExpr:
		p.expr(x.X)
		p.b.WriteString("[")
		p.expr(x.Index)
		p.b.WriteString("]")
	case *ast.IndexListExpr:
		p.expr(x.X)
		p.b.WriteString("[")
		p.list(x.Indices)
		p.b.WriteString("]")
	case *ast.ParenExpr:
		p.b.WriteString("(")
		p.expr(x.X)
		p.b.WriteString(")")
	case *ast.UnaryExpr:
		p.b.WriteString(x.Op.String())
		p.expr(x.X)
	case *ast.BinaryExpr:
		p.expr(x.X)
		p.b.WriteString(" " + x.Op.String() + " ")
		p.expr(x.Y)
	case *ast.BasicLit:
		p.b.WriteString(x.Value)
	case *ast.CallExpr:
		p.expr(x.Fun)
		p.b.WriteString("(")
		p.list(x.Args)
		if x.Ellipsis.IsValid() {
			p.b.WriteString("...")
		}
		p.b.WriteString(")")
	case *ast.CompositeLit:
		p.expr(x.Type)
		p.b.WriteString("{…}")
	case *ast.FuncLit:
		p.expr(x.Type)
		p.b.WriteString(" {…}")
	default:
		var buf bytes.Buffer
		if err := printer.Fprint(&buf, token.NewFileSet(), x); err != nil {
			p.b.WriteString("?")
			return
		}
		p.b.WriteString(strings.Join(strings.Fields(buf.String()), " "))
	}
}

func (p exprPrinter) list(xs []ast.Expr) {
	for i, x := range xs {
		if i > 0 {
			p.b.WriteString(", ")
		}
		p.expr(x)
	}
}

// signature prints "(params) results", one type per parameter.
func (p exprPrinter) signature(ft *ast.FuncType) {
	p.b.WriteString("(")
	p.fieldTypes(ft.Params)
	p.b.WriteString(")")
	n := 0
	if ft.Results != nil {
		for _, f := range ft.Results.List {
			n += max(1, len(f.Names))
		}
	}
	switch {
	case n == 1:
		p.b.WriteString(" ")
		p.expr(ft.Results.List[0].Type)
	case n > 1:
		p.b.WriteString(" (")
		p.fieldTypes(ft.Results)
		p.b.WriteString(")")
	}
}

func (p exprPrinter) fieldTypes(fl *ast.FieldList) {
	if fl == nil {
		return
	}
	first := true
	for _, f := range fl.List {
		for range max(1, len(f.Names)) {
			if !first {
				p.b.WriteString(", ")
			}
			first = false
			p.expr(f.Type)
		}
	}
}

// subst replaces the unqualified identifiers of a printed expression that
// m maps, leaving string literals, and the names after a dot, alone.
func subst(s string, m map[string]string) string {
	if len(m) == 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '`' || c == '\'':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' && c != '`' {
					j++
				}
				j++
			}
			j = min(j+1, len(s))
			b.WriteString(s[i:j])
			i = j
			continue
		case isIdentStart(s[i:]):
			j := i
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				j += size
			}
			id := s[i:j]
			if r, ok := m[id]; ok && (i == 0 || s[i-1] != '.') {
				id = r
			}
			b.WriteString(id)
			i = j
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

func isIdentStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || unicode.IsLetter(r)
}
