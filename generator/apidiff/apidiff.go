// Package apidiff records the exported API of one Go package from its
// source, without type checking, and lists what changed between two
// versions of it the way a user of the package would notice: what no
// longer compiles (an identifier removed, renamed or retyped, a field
// removed, a method moved to the pointer receiver), what changes on the
// wire (a field's JSON name, a constant's value), and what is new.
//
// It reads only syntax (go/parser and go/ast), so it works on a package
// whose imports are not at hand, such as generated output in memory. Type
// expressions are compared as written, after the normalisations a reader
// would make: parameter names are dropped from signatures, type parameters
// are compared by position, byte is uint8 and rune is int32.
package apidiff

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// API is the exported surface of one package. Every list is sorted by
// name.
type API struct {
	Package string  // the package name
	Types   []Type  // exported types, with their fields and methods
	Funcs   []Func  // exported package-level functions
	Values  []Value // exported constants and variables
}

// Type kinds.
const (
	KindStruct    = "struct"
	KindInterface = "interface"
	KindAlias     = "alias"   // type A = B
	KindDefined   = "defined" // type A B, B neither a struct nor an interface literal
)

// Type is one exported type.
type Type struct {
	Name string
	// TypeParams is the type parameter list, such as "[K comparable, V
	// any]"; "" for a type that is not generic.
	TypeParams string
	Kind       string // KindStruct, KindInterface, KindAlias or KindDefined
	// Underlying is, for KindDefined, the type it is defined as ("string",
	// "map[string]int") and for KindAlias the aliased type; "" otherwise.
	Underlying string
	// Fields are the exported fields of a struct, in declaration order:
	// embedded ones named by their type, then those promoted through
	// unexported embedded structs (their Via says through which).
	Fields []Field
	// Methods are the exported methods: an interface's (with those of
	// unexported interfaces it embeds), or those declared on the type (with
	// those promoted through unexported embedded types), sorted by name.
	Methods []Method
	// Embeds are, for an interface, the exported interfaces and the type
	// terms (~int | ~string) it embeds, which are compared as written.
	Embeds []string
	// Sealed is set for an interface with an unexported method: only its
	// own package can implement it, so a new method breaks no one.
	Sealed bool

	tparams []string // the type parameters' names, in order
}

// Field is one exported struct field.
type Field struct {
	Name     string // for an embedded field, its type's name
	Type     string // "*string", "[]Item", "Nullable[Config]"
	JSON     string // the name its json struct tag gives ("-": never encoded); "" without one
	Embedded bool
	Via      string // "" for a field of the struct itself; else the unexported embedded field(s) it is promoted through, such as "base"
}

// Method is one exported method.
type Method struct {
	Name string
	Sig  string // "func([]byte) error", without parameter names
	// Pointer is set when only a pointer has the method: it is declared on
	// the pointer receiver (or promoted from one through a value).
	Pointer bool
	Via     string // like Field.Via
}

// Func is one exported package-level function.
type Func struct {
	Name    string
	Sig     string // "func[T any](T) *T"
	tparams []string
}

// Value is one exported constant or variable.
type Value struct {
	Name  string
	Const bool
	// Type is the declared type, or the one its value gives it ("untyped
	// string" for an untyped constant); "" when it cannot be told without
	// type checking (a variable set from another package's function).
	Type string
	// Value is a constant's value ("\"RDB_ONLY\"", "3"), or the expression
	// as written when it cannot be computed; "" for a variable.
	Value string
}

// Surface parses the Go files of one package, given by name and content,
// and returns its exported API. Files whose name does not end in ".go", or
// ends in "_test.go", are ignored; build constraints are not. An error names
// the file and the position.
func Surface(files map[string][]byte) (API, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	fset := token.NewFileSet()
	s := newSurface()
	var api API
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			return API{}, err
		}
		switch {
		case api.Package == "":
			api.Package = f.Name.Name
		case f.Name.Name != api.Package:
			return API{}, fmt.Errorf("%s: package %s, but %s is package %s", name, f.Name.Name, names[0], api.Package)
		}
		s.collect(f)
	}
	s.build(&api)
	return api, nil
}

// surface is the package's declarations, exported or not, by name.
type surface struct {
	types   map[string]*ast.TypeSpec
	methods map[string][]*ast.FuncDecl // by receiver base type
	funcs   map[string]*ast.FuncDecl
	consts  map[string]*constSpec
	vars    []*varSpec
	values  map[string]*constResult
}

func newSurface() *surface {
	return &surface{
		types:   map[string]*ast.TypeSpec{},
		methods: map[string][]*ast.FuncDecl{},
		funcs:   map[string]*ast.FuncDecl{},
		consts:  map[string]*constSpec{},
		values:  map[string]*constResult{},
	}
}

// constSpec is one constant, with the type and expression a const group
// repeats for it and its iota.
type constSpec struct {
	typ  ast.Expr
	val  ast.Expr
	iota int
}

// varSpec is one variable: its declared type, or the value it is set from
// (the index-th result of value when several names share one call).
type varSpec struct {
	name  string
	typ   ast.Expr
	val   ast.Expr
	index int
	multi bool // value is one call that sets several names
}

func (s *surface) collect(f *ast.File) {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				if d.Name.Name != "init" && d.Name.Name != "_" {
					s.funcs[d.Name.Name] = d
				}
				continue
			}
			if len(d.Recv.List) == 1 {
				base, _ := recvBase(d.Recv.List[0].Type)
				s.methods[base] = append(s.methods[base], d)
			}
		case *ast.GenDecl:
			s.collectGen(d)
		}
	}
}

func (s *surface) collectGen(d *ast.GenDecl) {
	var lastType, lastVals = ast.Expr(nil), []ast.Expr(nil)
	for i, spec := range d.Specs {
		switch spec := spec.(type) {
		case *ast.TypeSpec:
			s.types[spec.Name.Name] = spec
		case *ast.ValueSpec:
			if d.Tok == token.CONST {
				if spec.Type != nil || len(spec.Values) > 0 {
					lastType, lastVals = spec.Type, spec.Values
				}
				for j, n := range spec.Names {
					c := &constSpec{typ: lastType, iota: i}
					if j < len(lastVals) {
						c.val = lastVals[j]
					}
					if n.Name != "_" {
						s.consts[n.Name] = c
					}
				}
				continue
			}
			for j, n := range spec.Names {
				v := &varSpec{name: n.Name, typ: spec.Type, index: j}
				switch {
				case len(spec.Values) == len(spec.Names):
					v.val = spec.Values[j]
				case len(spec.Values) == 1:
					v.val, v.multi = spec.Values[0], true
				}
				s.vars = append(s.vars, v)
			}
		}
	}
}

// recvBase returns the name of a receiver's base type and whether it is a
// pointer; for a generic receiver (x *T[K]) also the names it gives the
// type parameters.
func recvBase(x ast.Expr) (string, bool) {
	name, ptr, _ := recvParts(x)
	return name, ptr
}

func recvParts(x ast.Expr) (name string, ptr bool, params []string) {
	if p, ok := x.(*ast.ParenExpr); ok {
		return recvParts(p.X)
	}
	if st, ok := x.(*ast.StarExpr); ok {
		name, _, params = recvParts(st.X)
		return name, true, params
	}
	var idx []ast.Expr
	switch t := x.(type) {
	case *ast.IndexExpr:
		x, idx = t.X, []ast.Expr{t.Index}
	case *ast.IndexListExpr:
		x, idx = t.X, t.Indices
	}
	for _, e := range idx {
		if id, ok := e.(*ast.Ident); ok {
			params = append(params, id.Name)
		} else {
			params = append(params, "_")
		}
	}
	if id, ok := x.(*ast.Ident); ok {
		return id.Name, false, params
	}
	return "", false, params
}

func (s *surface) build(api *API) {
	for name, spec := range s.types {
		if ast.IsExported(name) {
			api.Types = append(api.Types, s.typeOf(spec))
		}
	}
	for name, fd := range s.funcs {
		if ast.IsExported(name) {
			tps, names := typeParams(fd.Type.TypeParams, nil)
			api.Funcs = append(api.Funcs, Func{Name: name, Sig: "func" + tps + signature(fd.Type, nil), tparams: names})
		}
	}
	for name := range s.consts {
		if ast.IsExported(name) {
			r := s.constant(name)
			api.Values = append(api.Values, Value{Name: name, Const: true, Type: r.typ, Value: r.text()})
		}
	}
	for _, v := range s.vars {
		if ast.IsExported(v.name) {
			api.Values = append(api.Values, Value{Name: v.name, Type: s.varType(v)})
		}
	}
	slices.SortFunc(api.Types, func(a, b Type) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(api.Funcs, func(a, b Func) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(api.Values, func(a, b Value) int { return strings.Compare(a.Name, b.Name) })
}

// typeParams prints a type parameter list ("[K comparable, V any]", one
// constraint per name) and returns the names; rename maps the names (of a
// receiver) to those to print.
func typeParams(fl *ast.FieldList, rename map[string]string) (string, []string) {
	if fl == nil || len(fl.List) == 0 {
		return "", nil
	}
	var parts, names []string
	for _, f := range fl.List {
		c := exprString(f.Type, rename)
		for _, n := range f.Names {
			parts = append(parts, n.Name+" "+c)
			names = append(names, n.Name)
		}
	}
	return "[" + strings.Join(parts, ", ") + "]", names
}

func (s *surface) typeOf(spec *ast.TypeSpec) Type {
	t := Type{Name: spec.Name.Name}
	t.TypeParams, t.tparams = typeParams(spec.TypeParams, nil)
	switch {
	case spec.Assign.IsValid():
		t.Kind, t.Underlying = KindAlias, exprString(spec.Type, nil)
	default:
		switch u := unparen(spec.Type).(type) {
		case *ast.StructType:
			t.Kind = KindStruct
			t.Fields = s.fields(spec.Name.Name, u)
		case *ast.InterfaceType:
			t.Kind = KindInterface
			t.Methods, t.Embeds, t.Sealed = s.interfaceMethods(u, "", map[string]bool{spec.Name.Name: true})
		default:
			t.Kind, t.Underlying = KindDefined, exprString(spec.Type, nil)
		}
	}
	if t.Kind != KindInterface && t.Kind != KindAlias {
		t.Methods = s.methodSet(spec.Name.Name, t.tparams)
	}
	slices.SortFunc(t.Methods, func(a, b Method) int { return strings.Compare(a.Name, b.Name) })
	return t
}

func unparen(x ast.Expr) ast.Expr {
	for {
		p, ok := x.(*ast.ParenExpr)
		if !ok {
			return x
		}
		x = p.X
	}
}

// declaredMethods returns the methods declared on the named type, all of
// them (exported or not, for shadowing), their signatures printed with the
// type's own names for its type parameters.
func (s *surface) declaredMethods(typeName string, tparams []string) []Method {
	var out []Method
	for _, fd := range s.methods[typeName] {
		_, ptr, names := recvParts(fd.Recv.List[0].Type)
		var rename map[string]string
		for i, n := range names {
			if i < len(tparams) && n != tparams[i] && n != "_" {
				if rename == nil {
					rename = map[string]string{}
				}
				rename[n] = tparams[i]
			}
		}
		out = append(out, Method{Name: fd.Name.Name, Sig: "func" + signature(fd.Type, rename), Pointer: ptr})
	}
	return out
}

// member is a field or method found while resolving a struct's selectors.
type member struct {
	field  *Field
	method *Method
}

// embedded is an embedded field still to be looked into: the local type
// it names, whether it is reached through a pointer, and the path to it.
type embedded struct {
	typeName string
	pointer  bool
	via      []string
	hidden   bool // some step of the path is an unexported type
}

// fields returns a struct's exported fields, then the exported fields
// promoted through unexported embedded local types, following Go's
// selector rules: the shallowest depth wins, two at the same depth cancel.
func (s *surface) fields(typeName string, st *ast.StructType) []Field {
	direct, next := s.structFields(st, embedded{})
	var out []Field
	for _, f := range direct {
		if ast.IsExported(f.Name) {
			out = append(out, f)
		}
	}
	promoted, _ := s.promote(typeName, direct, next)
	for _, m := range promoted {
		if m.field != nil {
			out = append(out, *m.field)
		}
	}
	return out
}

// methodSet returns the exported methods of a named type: declared, and
// (for a struct) promoted through unexported embedded local types.
func (s *surface) methodSet(typeName string, tparams []string) []Method {
	var out []Method
	for _, m := range s.declaredMethods(typeName, tparams) {
		if ast.IsExported(m.Name) {
			out = append(out, m)
		}
	}
	spec := s.types[typeName]
	st, ok := unparen(spec.Type).(*ast.StructType)
	if !ok || spec.Assign.IsValid() {
		return out
	}
	direct, next := s.structFields(st, embedded{})
	_, promoted := s.promote(typeName, direct, next)
	for _, m := range promoted {
		out = append(out, *m.method)
	}
	return out
}

// structFields lists every field of a struct literal (exported or not)
// and the embedded local types to look into, reached from at.
func (s *surface) structFields(st *ast.StructType, at embedded) ([]Field, []embedded) {
	var fields []Field
	var next []embedded
	for _, f := range st.Fields.List {
		typ := exprString(f.Type, nil)
		tag := ""
		if f.Tag != nil {
			tag, _ = strconv.Unquote(f.Tag.Value)
		}
		if len(f.Names) == 0 {
			name, ptr := embeddedName(f.Type)
			fields = append(fields, Field{Name: name, Type: typ, JSON: jsonName(tag), Embedded: true})
			if local, ok := s.types[name]; ok && local.TypeParams == nil && isIdentType(f.Type) {
				next = append(next, embedded{
					typeName: name,
					pointer:  at.pointer || ptr,
					via:      append(slices.Clip(at.via), name),
					hidden:   at.hidden || !ast.IsExported(name),
				})
			}
			continue
		}
		for _, n := range f.Names {
			fields = append(fields, Field{Name: n.Name, Type: typ, JSON: jsonName(tag)})
		}
	}
	return fields, next
}

// isIdentType reports whether an embedded field's type is a local type
// name (T or *T), not a qualified or instantiated one.
func isIdentType(x ast.Expr) bool {
	if st, ok := x.(*ast.StarExpr); ok {
		x = st.X
	}
	_, ok := x.(*ast.Ident)
	return ok
}

// embeddedName is the field name an embedded type gives: T for T, *T,
// pkg.T and T[int].
func embeddedName(x ast.Expr) (string, bool) {
	ptr := false
	if st, ok := x.(*ast.StarExpr); ok {
		x, ptr = st.X, true
	}
	switch t := x.(type) {
	case *ast.IndexExpr:
		x = t.X
	case *ast.IndexListExpr:
		x = t.X
	}
	switch t := x.(type) {
	case *ast.Ident:
		return t.Name, ptr
	case *ast.SelectorExpr:
		return t.Sel.Name, ptr
	}
	return exprString(x, nil), ptr
}

// jsonName is the member name a field's json struct tag gives: "" when
// the tag gives none, "-" when the field is never encoded.
func jsonName(tag string) string {
	v, _ := reflect.StructTag(tag).Lookup("json")
	if v == "-" {
		return "-"
	}
	n, _, _ := strings.Cut(v, ",")
	return n
}

// promote resolves the selectors reached through embedded fields, depth by
// depth, and returns those that are exported and reached through an
// unexported embedded type (the others are reported on the exported type
// they belong to).
func (s *surface) promote(typeName string, direct []Field, next []embedded) (fields, methods []member) {
	seen := map[string]bool{}
	for _, f := range direct {
		seen[f.Name] = true
	}
	for _, m := range s.declaredMethods(typeName, nil) {
		seen[m.Name] = true
	}
	visited := map[string]bool{typeName: true}
	for len(next) > 0 {
		type found struct {
			m      member
			hidden bool
			n      int
		}
		level := map[string]*found{}
		var order []string
		add := func(name string, m member, hidden bool) {
			if seen[name] {
				return
			}
			if f := level[name]; f != nil {
				f.n++
				return
			}
			level[name] = &found{m: m, hidden: hidden, n: 1}
			order = append(order, name)
		}
		var deeper []embedded
		for _, e := range next {
			if visited[e.typeName] {
				continue
			}
			visited[e.typeName] = true
			via := strings.Join(e.via, ".")
			spec := s.types[e.typeName]
			switch u := unparen(spec.Type).(type) {
			case *ast.StructType:
				if !spec.Assign.IsValid() {
					fs, more := s.structFields(u, e)
					for _, f := range fs {
						f.Via = via
						add(f.Name, member{field: &f}, e.hidden)
					}
					deeper = append(deeper, more...)
				}
			case *ast.InterfaceType:
				ms, _, _ := s.interfaceMethods(u, via, map[string]bool{e.typeName: true})
				for _, m := range ms {
					add(m.Name, member{method: &m}, e.hidden)
				}
			}
			for _, m := range s.declaredMethods(e.typeName, nil) {
				m.Via = via
				m.Pointer = m.Pointer && !e.pointer
				add(m.Name, member{method: &m}, e.hidden)
			}
		}
		for _, name := range order {
			seen[name] = true
			f := level[name]
			if f.n > 1 || !f.hidden || !ast.IsExported(name) {
				continue // ambiguous, or reported on its own exported type
			}
			if f.m.field != nil {
				fields = append(fields, f.m)
			} else {
				methods = append(methods, f.m)
			}
		}
		next = deeper
	}
	return fields, methods
}

// interfaceMethods returns an interface's exported methods, with those of
// the unexported local interfaces it embeds; the other embedded elements
// as written; and whether it has an unexported method (at any depth).
func (s *surface) interfaceMethods(it *ast.InterfaceType, via string, visiting map[string]bool) (methods []Method, embeds []string, sealed bool) {
	for _, f := range it.Methods.List {
		if len(f.Names) > 0 {
			ft, ok := f.Type.(*ast.FuncType)
			if !ok {
				continue
			}
			for _, n := range f.Names {
				if !ast.IsExported(n.Name) {
					sealed = true
					continue
				}
				methods = append(methods, Method{Name: n.Name, Sig: "func" + signature(ft, nil), Via: via})
			}
			continue
		}
		id, ok := f.Type.(*ast.Ident)
		spec := s.types[exprString(f.Type, nil)]
		if ok && spec != nil && !visiting[id.Name] {
			if inner, ok := unparen(spec.Type).(*ast.InterfaceType); ok && spec.TypeParams == nil {
				visiting[id.Name] = true
				innerVia := id.Name
				if via != "" {
					innerVia = via + "." + id.Name
				}
				ms, es, sl := s.interfaceMethods(inner, innerVia, visiting)
				sealed = sealed || sl
				if !ast.IsExported(id.Name) {
					methods = append(methods, ms...)
					embeds = append(embeds, es...)
					continue
				}
			}
		}
		embeds = append(embeds, exprString(f.Type, nil))
	}
	slices.Sort(embeds)
	return methods, embeds, sealed
}
