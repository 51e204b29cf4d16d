// Package schema loads an OpenAPI 3.1 document with kin-openapi, checks that
// every construct in it is one the generator supports, and builds the IR.
// It is the only package that imports kin-openapi. All naming, ordering and
// user-facing checks happen here: a returned IR is valid.
package schema

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/names"
)

// Config says what to build.
type Config struct {
	// Schema is the path of the OpenAPI document, as the user gave it. It
	// appears in error messages.
	Schema string
	// Source is the schema as the generated header names it (relative,
	// slash-separated); "" means Schema.
	Source string
	// Root is the folder the schema's $refs may reach; "" means the
	// schema's own folder. Nothing outside it is read.
	Root string
	// Package is the Go package name.
	Package string
	// KeepTodos keeps the x-doc-todo annotations in the IR (the Todos of
	// operations, objects, fields and parameters) instead of reporting
	// each as a problem; doccheck builds this way.
	KeepTodos bool
}

// ReadError is a schema document that cannot be read at all: missing,
// unreadable, not a regular file, too large. It is not a problem in the
// document, so it carries no position.
type ReadError struct{ Err error }

func (e *ReadError) Error() string { return e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// Build loads cfg.Schema and returns its IR. On any problem in the input it
// returns Errors, sorted, listing every problem found; when the document
// cannot be read at all, a *ReadError.
func Build(cfg Config) (*ir.Package, error) {
	rootDir := cmp.Or(cfg.Root, filepath.Dir(cfg.Schema))
	rd, err := newReader(rootDir)
	if err != nil {
		return nil, &ReadError{fmt.Errorf("schema folder: %w", err)}
	}
	defer rd.close()
	data, err := rd.readFile(cfg.Schema)
	if err != nil {
		return nil, &ReadError{err}
	}
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	loader.IsExternalRefsAllowed = true
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, u *url.URL) ([]byte, error) { return rd.readURI(u) }
	src := newSource(cfg.Schema, rd)
	doc, err := loader.LoadFromDataWithPath(data, &url.URL{Path: filepath.ToSlash(cfg.Schema)})
	if err != nil {
		return nil, Errors{src.loadError(err)}
	}
	b := &builder{
		src:         src,
		file:        cfg.Schema,
		doc:         doc,
		objects:     map[string]*ir.Object{},
		enums:       map[string]*ir.Enum{},
		goNames:     map[string]string{},
		defs:        map[string]*ir.Def{},
		defFuncs:    map[string]bool{},
		mergedAllOf: map[*openapi3.Schema]map[int]bool{},
		fieldRefs:   map[*ir.Field]string{},
		namedBodies: map[string]*ir.Named{},
		enumClosed:  map[string]bool{},
		fieldNames:  map[*ir.Object]*fieldIndex{},
	}
	b.keepTodos = cfg.KeepTodos
	for _, reserved := range reservedNames {
		b.goNames[reserved] = "the generated package's own API"
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		b.errorf(src.locate("#/openapi"), "#/openapi", "openapi version %q is not supported: dmsgen reads OpenAPI 3.1 documents", doc.OpenAPI)
		return nil, b.errs.sort()
	}
	pkg := &ir.Package{Name: cfg.Package, Source: cmp.Or(cfg.Source, filepath.ToSlash(cfg.Schema))}
	if doc.Info != nil {
		pkg.Title = doc.Info.Title
		pkg.Doc = doc.Info.Description
	}
	b.components()
	pkg.Operations = b.operations()
	pkg.Notes = b.notes()
	b.markSensitive()
	b.checkRecursion()
	b.checkDefCycles()
	b.checkDeviationExamples(pkg)
	pkg.Objects = b.objectList
	pkg.Enums = b.enumList
	pkg.Defs = b.defList
	pkg.Named = b.namedList
	slices.SortFunc(pkg.Named, func(x, y *ir.Named) int { return cmp.Compare(x.GoName, y.GoName) })
	slices.SortFunc(pkg.Defs, func(x, y *ir.Def) int { return cmp.Compare(x.Pointer, y.Pointer) })
	slices.SortFunc(pkg.Objects, func(x, y *ir.Object) int { return cmp.Compare(x.GoName, y.GoName) })
	slices.SortFunc(pkg.Enums, func(x, y *ir.Enum) int { return cmp.Compare(x.GoName, y.GoName) })
	if len(b.errs) == 0 {
		// kin-openapi's own validation, for what the builder does not
		// check itself; its messages carry no position, so they are
		// located from what they name.
		// Only the info: the builder checks schemas, operations and
		// parameters itself, with positions; kin-openapi's validation of
		// paths and schemas walks the $ref chain below every operation and
		// component again, which is quadratic in the length of the chain.
		ctx := openapi3.WithValidationOptions(context.Background(), openapi3.IsOpenAPI31OrLater())
		if doc.Info == nil {
			b.errorf(src.locate("#"), "#/info", "the document has no info")
		} else if err := doc.Info.Validate(ctx); err != nil {
			b.errs = append(b.errs, src.validateError(err))
		}
	}
	if len(b.errs) > 0 {
		return nil, b.errs.sort()
	}
	return pkg, nil
}

// reservedNames are exported names every generated package already has.
var reservedNames = []string{"Violation", "ValidationError", "MaxViolations", "MaxDocumentSize", "Secret", "NewSecret", "Nullable", "Ptr", "OperationInfo", "Operations",
	"Client", "NewClient", "Option", "RetryPolicy", "APIError", "Signer", "Handler", "NewServer",
	"WithAKSK", "WithSecurityToken", "WithToken", "WithHTTPClient", "WithUserAgent", "WithRetry", "WithLogger"}

// methodNames are the methods every generated struct has: a field cannot
// have these names.
var methodNames = []string{"Validate", "String", "GoString", "Format", "LogValue", "UnmarshalJSON"}

type builder struct {
	src  *source
	file string
	doc  *openapi3.T
	errs Errors
	// keepTodos is Config.KeepTodos: the x-doc-todo annotations are kept
	// in the IR instead of reported.
	keepTodos bool

	objects    map[string]*ir.Object // by schema pointer; lookups only
	objectList []*ir.Object
	enums      map[string]*ir.Enum // by Go name; lookups only
	enumList   []*ir.Enum
	goNames    map[string]string // Go type name -> pointer that claimed it

	defs     map[string]*ir.Def // by pointer; lookups only
	defList  []*ir.Def
	defFuncs map[string]bool // names of the Defs' functions

	// mergedAllOf records, per schema, the allOf entries merged into its
	// object as fields; compile does not apply them again.
	mergedAllOf map[*openapi3.Schema]map[int]bool
	// fieldRefs is the $ref of a merged field, to accept the same
	// property from two members.
	fieldRefs map[*ir.Field]string

	// enumClosed records the enum types a closed list (enum) made.
	enumClosed map[string]bool

	namedBodies map[string]*ir.Named // by pointer; lookups only
	namedList   []*ir.Named

	// fieldNames indexes the fields of each object by Go name, so that
	// checking a new field's name against the others costs the same in an
	// object of 32,000 properties as in one of ten.
	fieldNames map[*ir.Object]*fieldIndex
}

// fieldIndex is the index of obj.Fields by Go name, good for the first
// n fields.
type fieldIndex struct {
	n      int
	byName map[string]*ir.Field
}

// sameGoName returns a field of obj whose Go name is name, or nil.
func (b *builder) sameGoName(obj *ir.Object, name string) *ir.Field {
	idx := b.fieldNames[obj]
	if idx == nil || idx.n > len(obj.Fields) {
		idx = &fieldIndex{byName: map[string]*ir.Field{}}
		b.fieldNames[obj] = idx
	}
	for ; idx.n < len(obj.Fields); idx.n++ {
		f := obj.Fields[idx.n]
		if _, ok := idx.byName[f.GoName]; !ok {
			idx.byName[f.GoName] = f
		}
	}
	return idx.byName[name]
}

// pos returns the position an Origin records for its element.
func (b *builder) pos(o *openapi3.Origin) ir.Pos {
	if o == nil || o.Key == nil {
		return ir.Pos{File: b.file}
	}
	return b.loc(*o.Key)
}

// fieldPos returns the position of a keyword of an element, or of the
// element when the keyword has none.
func (b *builder) fieldPos(o *openapi3.Origin, name string) ir.Pos {
	if o != nil {
		if loc, ok := o.Fields.Lookup(name); ok {
			return b.loc(loc)
		}
	}
	return b.pos(o)
}

func (b *builder) loc(l openapi3.Location) ir.Pos {
	file := l.File
	if file == "" {
		file = b.file
	} else if filepath.IsAbs(file) && !filepath.IsAbs(b.file) {
		if abs, err := filepath.Abs(b.file); err == nil {
			if rel, err := filepath.Rel(filepath.Dir(abs), file); err == nil {
				file = filepath.Join(filepath.Dir(b.file), rel)
			}
		}
	}
	return ir.Pos{File: filepath.ToSlash(file), Line: l.Line, Col: l.Column}
}

// claim records that ptr wants the Go type name name, reporting a
// collision with an earlier claim.
func (b *builder) claim(name, ptr string, pos ir.Pos) bool {
	if !names.Valid(name) {
		b.errorf(pos, ptr, "Go name %q is not an exported Go identifier; set (or fix) x-go-name", name)
		return false
	}
	if prev, ok := b.goNames[name]; ok && prev != ptr {
		b.errorf(pos, ptr, "Go name %s is already used by %s; set x-go-name on one of them", name, prev)
		return false
	}
	b.goNames[name] = ptr
	return true
}

// claimDerived claims a Go name the generator makes up from a schema name
// (a decoder, a constant), naming what it is in a collision.
func (b *builder) claimDerived(name, ptr string, pos ir.Pos, what string) {
	if prev, ok := b.goNames[name]; ok && prev != ptr+" ("+what+")" {
		b.errorf(pos, ptr, "Go name %s (%s) is already used by %s; set x-go-name on one of them", name, what, prev)
		return
	}
	b.goNames[name] = ptr + " (" + what + ")"
}

// components builds every component schema, in name order.
func (b *builder) components() {
	if b.doc.Components == nil {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(b.doc.Components.Schemas)) {
		ref := b.doc.Components.Schemas[name]
		ptr := "#/components/schemas/" + escape(name)
		b.named(ptr, name, ref)
	}
}

// named builds the component at ptr: an object, or a string enum. It is
// memoized, so every $ref to a component shares one Go type.
func (b *builder) named(ptr, name string, ref *openapi3.SchemaRef) *ir.Type {
	if obj, ok := b.objects[ptr]; ok {
		return &ir.Type{Kind: ir.ObjectKind, Object: obj, TypeRule: obj.TypeRule}
	}
	v := ref.Value
	if v == nil {
		b.errorf(ir.Pos{File: b.file}, ptr, "unresolved schema")
		return nil
	}
	if b.isOpen(ptr) {
		d := b.def(ptr)
		if d.Component == "" {
			d.Component, d.GoName, d.Doc = name, goNameOf(v.Extensions, name), strings.TrimSpace(v.Description)
			b.claim(d.GoName, ptr, d.Pos)
			b.claimDerived("Validate"+d.GoName, ptr, d.Pos, "the validator of "+d.GoName)
		}
		return &ir.Type{Kind: ir.Any, TypeRule: ptr, Checks: &ir.Schema{Pointer: ptr, Pos: d.Pos, Checks: []ir.Check{&ir.Ref{Pointer: ptr, Def: d}}}}
	}
	switch {
	case isObjectSchema(v):
		return &ir.Type{Kind: ir.ObjectKind, Object: b.object(ptr, name, v), TypeRule: ptr + "/type"}
	default:
		// A scalar or an array: where it is referred to, it is that type,
		// with its rules under the component's pointers; an enum gets its
		// Go type.
		return b.scalarOrInline(v, ptr, "", name)
	}
}

// object builds the object schema v at ptr, registering it under its Go
// name.
func (b *builder) object(ptr, name string, v *openapi3.Schema) *ir.Object {
	goName := goNameOf(v.Extensions, name)
	obj := &ir.Object{
		Name:     name,
		GoName:   goName,
		Doc:      strings.TrimSpace(v.Description),
		Pos:      b.pos(v.Origin),
		Pointer:  ptr,
		TypeRule: ptr + "/type",
	}
	b.objects[ptr] = obj
	obj.Tables = b.docTables(v.Extensions, obj.Pos, ptr)
	b.checkDocKeys(v.Extensions, obj.Pos, ptr, "x-doc-tables")
	b.claim(goName, ptr, obj.Pos)
	b.claimDerived("Decode"+goName, ptr, obj.Pos, "the decoder of "+goName)
	b.claimDerived("Decode"+goName+"From", ptr, obj.Pos, "the reader of "+goName)
	b.claimDerived("Encode"+goName, ptr, obj.Pos, "the encoder of "+goName)
	b.objectList = append(b.objectList, obj)

	switch ap := v.AdditionalProperties; {
	case ap.Has != nil && !*ap.Has:
		obj.Closed = true
		obj.ClosedRule = ptr + "/additionalProperties"
	case ap.Schema != nil:
		b.errorf(b.fieldPos(v.Origin, "additionalProperties"), ptr+"/additionalProperties", "additionalProperties with a schema is not supported on an object with properties")
	}

	for _, prop := range slices.Sorted(maps.Keys(v.Properties)) {
		obj.Fields = append(obj.Fields, b.field(obj, prop, v.Properties[prop]))
	}
	members := b.mergedMembers(ptr, v)
	b.mergeFields(obj, v, members)
	b.orderFields(obj)
	inst := &ir.Type{Kind: ir.ObjectKind, Object: obj, TypeRule: obj.TypeRule}
	obj.Rules = b.compile(v, inst, ptr, true)
	obj.Rules.Checks = append(obj.Rules.Checks, b.mergedRules(obj, members)...)
	return obj
}

// orderFields puts fields in documented row order when the schema gives
// rows (x-doc-row), else keeps them in name order.
func (b *builder) orderFields(obj *ir.Object) {
	withRow := 0
	for _, f := range obj.Fields {
		if f.DocRow > 0 {
			withRow++
		}
	}
	if withRow == 0 {
		return
	}
	rows := map[int]*ir.Field{}
	for _, f := range obj.Fields {
		if f.DocRow == 0 {
			b.errorf(f.Pos, f.Pointer, "x-doc-row is missing: either every property of %s has one or none does", obj.Name)
			continue
		}
		if prev, ok := rows[f.DocRow]; ok {
			b.errorf(f.Pos, f.Pointer, "x-doc-row %d is also the row of %s", f.DocRow, prev.JSONName)
		}
		rows[f.DocRow] = f
	}
	slices.SortStableFunc(obj.Fields, func(x, y *ir.Field) int { return cmp.Compare(x.DocRow, y.DocRow) })
	delete(b.fieldNames, obj) // indexed in the order before sorting
}

// field builds property prop of obj.
func (b *builder) field(obj *ir.Object, prop string, ref *openapi3.SchemaRef) *ir.Field {
	return b.fieldAt(obj, prop, ref, obj.Pointer+"/properties/"+escape(prop))
}

// fieldAt builds property prop of obj, declared at ptr (in obj's schema,
// or in an allOf member merged into it).
func (b *builder) fieldAt(obj *ir.Object, prop string, ref *openapi3.SchemaRef, ptr string) *ir.Field {
	v := ref.Value
	if v == nil {
		// A $ref kin-openapi resolved to no schema, such as "#", the
		// whole document.
		b.errorf(b.refPos(ref), ptr+"/$ref", "$ref %q does not name a schema: dmsgen resolves #/components/schemas/NAME, in this file or another of its folder", ref.Ref)
		return &ir.Field{JSONName: prop, GoName: goNameOf(nil, prop), Pointer: ptr, Pos: b.refPos(ref), Type: &ir.Type{Kind: ir.String}}
	}
	ext := v.Extensions
	pos := b.pos(v.Origin)
	if ref.Ref != "" {
		// $ref with siblings: the siblings describe the property, the
		// target gives its type.
		ext = ref.Extensions
		if ref.Origin != nil && ref.Origin.Key != nil {
			pos = b.loc(*ref.Origin.Key)
		}
	}
	f := &ir.Field{
		JSONName:   prop,
		GoName:     goNameOf(ext, prop),
		Doc:        strings.TrimSpace(v.Description),
		Pos:        pos,
		Pointer:    ptr,
		Deprecated: v.Deprecated,
		ReadOnly:   v.ReadOnly,
		WriteOnly:  v.WriteOnly,
		DocRow:     b.intExtMap(ext, pos, ptr, "x-doc-row"),
		ValuesFrom: b.valuesFrom(ext, pos, ptr),
		Deviations: b.deviations(ext, pos, ptr),
	}
	b.checkDocKeys(ext, pos, ptr, "x-doc-row", "x-doc-deviation", "x-doc-values-from")
	if !names.Valid(f.GoName) {
		if _, overridden := ext["x-go-name"]; overridden {
			b.errorf(pos, ptr+"/x-go-name", "x-go-name %q is not an exported Go identifier", f.GoName)
		} else {
			b.errorf(pos, ptr, "property name %q gives no valid Go field name (%q); set x-go-name", prop, f.GoName)
		}
	}
	if slices.Contains(methodNames, f.GoName) {
		b.errorf(pos, ptr, "property %q maps to the Go name %s, which is a method of every generated struct; set x-go-name", prop, f.GoName)
	}
	if g := b.sameGoName(obj, f.GoName); g != nil {
		b.errorf(pos, ptr, "Go field name %s is also the name of property %q; set x-go-name on one of them", f.GoName, g.JSONName)
	}
	if v.Default != nil {
		f.Default = literalText(v.Default)
	}
	f.Type = b.typeOf(ref, ptr, obj.GoName, prop)
	for t := f.Type; t != nil; t = t.Elem {
		f.Sensitive = f.Sensitive || t.Secret
	}
	return f
}

// typeOf returns the Go type of the schema ref at ptr. owner and prop name
// the place, for naming inline enums and objects.
// refPos is the position of a schema reference: its $ref when it has one.
func (b *builder) refPos(ref *openapi3.SchemaRef) ir.Pos {
	if ref.Origin != nil && ref.Origin.Key != nil {
		return b.loc(*ref.Origin.Key)
	}
	if pos, _, ok := b.src.findRef(ref.Ref); ok && ref.Ref != "" {
		return pos
	}
	return ir.Pos{File: b.file}
}

func (b *builder) typeOf(ref *openapi3.SchemaRef, ptr, owner, prop string) *ir.Type {
	if ref.Value == nil {
		b.errorf(b.refPos(ref), ptr+"/$ref", "$ref %q does not name a schema: dmsgen resolves #/components/schemas/NAME, in this file or another of its folder", ref.Ref)
		return &ir.Type{Kind: ir.String}
	}
	if b.isOpen(ptr) {
		return b.anyType(ptr)
	}
	if ref.Ref == "" && ref.Value != nil {
		if inner, kw, i, ok := nullableOf(ref.Value); ok {
			return b.nullable(inner, fmt.Sprintf("%s/%s/%d", ptr, kw, i), ptr+"/"+kw, b.pos(ref.Value.Origin), owner, prop)
		}
	}
	if ref.Ref != "" {
		target, name, ok := b.resolveRef(ref.Ref, ptr)
		if !ok {
			b.errorf(b.pos(ref.Origin), ptr+"/$ref", "cannot resolve $ref %q", ref.Ref)
			return &ir.Type{Kind: ir.String}
		}
		t := b.named(target, name, b.componentRef(ref, target, name))
		if t == nil {
			return &ir.Type{Kind: ir.String}
		}
		return t
	}
	return b.scalarOrInline(ref.Value, ptr, owner, prop)
}

// nullableOf recognises a schema written as "this schema or null": anyOf
// (or oneOf) of {type: "null"} and one other schema, with nothing but
// annotations beside it, the usual OpenAPI 3.1 form of a nullable $ref. It
// returns the other schema, the keyword and the other schema's index.
func nullableOf(v *openapi3.Schema) (*openapi3.SchemaRef, string, int, bool) {
	var branches openapi3.SchemaRefs
	kw := ""
	switch {
	case len(v.AnyOf) == 2 && len(v.OneOf) == 0:
		branches, kw = v.AnyOf, "anyOf"
	case len(v.OneOf) == 2 && len(v.AnyOf) == 0:
		branches, kw = v.OneOf, "oneOf"
	default:
		return nil, "", 0, false
	}
	if !onlyAnnotations(v, kw) {
		return nil, "", 0, false
	}
	isNull := func(r *openapi3.SchemaRef) bool {
		return r.Ref == "" && r.Value != nil && r.Value.Type != nil && r.Value.Type.Is("null") && onlyAnnotations(r.Value, "type")
	}
	switch {
	case isNull(branches[1]) && !isNull(branches[0]):
		return branches[0], kw, 0, true
	case isNull(branches[0]) && !isNull(branches[1]):
		return branches[1], kw, 1, true
	}
	return nil, "", 0, false
}

// onlyAnnotations reports whether v has no keyword but except and
// annotations (descriptions, examples, x- extensions).
func onlyAnnotations(v *openapi3.Schema, except string) bool {
	for _, k := range keywords(v) {
		if k != except && !annotations[k] && !strings.HasPrefix(k, "x-") {
			return false
		}
	}
	return true
}

// nullable builds the type of "the schema ref or null": the type of ref,
// admitting null. typeRule is the keyword that joins them (anyOf/oneOf),
// the rule a value of another JSON type breaks.
func (b *builder) nullable(ref *openapi3.SchemaRef, ptr, typeRule string, pos ir.Pos, owner, prop string) *ir.Type {
	inner := b.typeOf(ref, ptr, owner, prop)
	t := *inner
	t.Nullable = true
	t.TypeRule = typeRule
	return &t
}

// componentRef returns the schema a $ref points at, unmerged from its
// siblings when possible.
func (b *builder) componentRef(ref *openapi3.SchemaRef, target, name string) *openapi3.SchemaRef {
	if strings.HasPrefix(target, "#/components/schemas/") && b.doc.Components != nil {
		if c, ok := b.doc.Components.Schemas[name]; ok {
			return c
		}
	}
	return ref
}

// resolveRef maps a $ref, written at the schema pointer from, to the
// pointer of a component and its name. A ref without a file part is
// relative to the file it is written in; components of other files of the
// folder have the pointer "file#/components/schemas/X".
func (b *builder) resolveRef(ref, from string) (ptr, name string, ok bool) {
	file, frag, _ := strings.Cut(ref, "#")
	const prefix = "/components/schemas/"
	if !strings.HasPrefix(frag, prefix) {
		return "", "", false
	}
	name = unescape(strings.TrimPrefix(frag, prefix))
	if file == "" {
		file, _, _ = strings.Cut(from, "#")
	}
	if file == "" || filepath.Clean(file) == filepath.Base(b.file) {
		return "#" + frag, name, true
	}
	return file + "#" + frag, name, true
}

// scalarOrInline handles an inline schema in a type position.
func (b *builder) scalarOrInline(v *openapi3.Schema, ptr, owner, prop string) *ir.Type {
	if v.Type != nil && len(v.Type.Slice()) == 2 && v.Type.Includes("object") && v.Type.IncludesNull() && len(v.Properties) > 0 {
		// type: [object, "null"] with properties: a nullable object.
		obj := b.object(ptr, owner+names.Go(prop), v)
		return &ir.Type{Kind: ir.ObjectKind, Object: obj, TypeRule: ptr + "/type", Nullable: true}
	}
	if isObjectSchema(v) {
		if len(v.Properties) == 0 && len(v.AllOf) == 0 && v.AdditionalProperties.Schema != nil {
			return b.mapType(v, ptr, owner, prop)
		}
		name := owner + names.Go(prop)
		obj := b.object(ptr, name, v)
		return &ir.Type{Kind: ir.ObjectKind, Object: obj, TypeRule: ptr + "/type"}
	}
	return b.scalar(ptr, owner, prop, v)
}

// mapType builds map[string]T from an object schema whose members are all
// described by additionalProperties.
func (b *builder) mapType(v *openapi3.Schema, ptr, owner, prop string) *ir.Type {
	t := &ir.Type{Kind: ir.Map, TypeRule: ptr + "/type"}
	t.Elem = b.typeOf(v.AdditionalProperties.Schema, ptr+"/additionalProperties", owner, prop+"_value")
	t.Checks = b.compile(v, t, ptr, true)
	return t
}

// scalar builds a string, boolean, integer, number, enum or array type.
// owner and name name the place, for inline types inside arrays.
func (b *builder) scalar(ptr, owner, name string, v *openapi3.Schema) *ir.Type {
	pos := b.pos(v.Origin)
	types := []string{}
	if v.Type != nil {
		types = v.Type.Slice()
	}
	t := &ir.Type{TypeRule: ptr + "/type"}
	var kinds []string
	for _, ty := range types {
		if ty == "null" {
			t.Nullable = true
			continue
		}
		kinds = append(kinds, ty)
	}
	if len(kinds) != 1 {
		b.errorf(pos, ptr, "a property needs exactly one type (besides \"null\"), found %d; unions are not supported", len(kinds))
		t.Kind = ir.String
		return t
	}
	if v.Format == "password" && kinds[0] != "string" {
		b.errorf(b.fieldPos(v.Origin, "format"), ptr+"/format", "format: password (a secret) applies to strings only")
	}
	switch kinds[0] {
	case "string":
		t.Kind = ir.String
		t.Secret = v.Format == "password"
		if t.Secret && (len(v.Enum) > 0 || v.Extensions["x-known-values"] != nil) {
			b.errorf(b.fieldPos(v.Origin, "format"), ptr+"/format", "a secret cannot have documented values")
		}
		if len(v.Enum) > 0 || v.Extensions["x-known-values"] != nil {
			t.Kind = ir.EnumKind
			t.Enum = b.enum(ptr, name, v)
			t.Listed = listed(v)
		}
	case "boolean":
		t.Kind = ir.Bool
	case "integer":
		b.integer(t, ptr, v)
	case "number":
		b.number(t, ptr, v)
	case "array":
		t.Kind = ir.Array
		if v.Items == nil {
			// Items of any JSON type.
			t.Elem = &ir.Type{Kind: ir.Any, TypeRule: ptr}
		} else {
			t.Elem = b.typeOf(v.Items, ptr+"/items", owner, name+"_item")
		}
	default:
		b.errorf(b.fieldPos(v.Origin, "type"), ptr+"/type", "type %q is not supported", kinds[0])
		t.Kind = ir.String
	}
	if t.Nullable && t.Kind != ir.String && t.Kind != ir.Bool && t.Kind != ir.Int && t.Kind != ir.Float && t.Kind != ir.EnumKind && t.Kind != ir.Array {
		b.errorf(b.fieldPos(v.Origin, "type"), ptr+"/type", "\"null\" is supported with string, boolean, integer and number types only")
		t.Nullable = false
	}
	t.Checks = b.compile(v, t, ptr, true)
	return t
}

// number fills t from a number schema: a float64, whose bounds, when
// given, must be whole numbers a float64 holds exactly, so that the
// decoder's comparison of a document's number with a bound is exact, as
// JSON Schema's is. Without bounds it holds the range of a float64.
func (b *builder) number(t *ir.Type, ptr string, v *openapi3.Schema) {
	t.Kind = ir.Float
	t.Bits = 64
	switch v.Format {
	case "", "double", "float", "password": // password is reported as not a string
	default:
		b.errorf(b.fieldPos(v.Origin, "format"), ptr+"/format", "number format %q is not supported (double or float)", v.Format)
	}
	bound := func(key string, f *float64) (int64, bool) {
		if f == nil {
			// No bound: the range of a float64 (the double format), which
			// the decoder enforces and the reference pipeline of the tests
			// asserts.
			return 0, false
		}
		if lit := b.src.literal(ptr + "/" + key); typedFraction(lit) {
			return 0, false // the decimal bound below
		}
		if *f != math.Trunc(*f) || math.Abs(*f) > 1<<53 {
			b.errorf(b.fieldPos(v.Origin, key), ptr+"/"+key, "%s of a number must be a whole number within ±2^53, or a decimal of at most 15 significant digits, which a float64 holds to the digit", key)
			return 0, false
		}
		return int64(*f), true
	}
	if m, ok := bound("minimum", v.Min); ok {
		t.Min, t.MinRule = m, ptr+"/minimum"
	} else if lit := b.src.literal(ptr + "/minimum"); v.Min != nil && typedFraction(lit) {
		t.MinDecimal, t.MinRule = lit, ptr+"/minimum"
	}
	if m, ok := bound("maximum", v.Max); ok {
		t.Max, t.MaxRule = m, ptr+"/maximum"
	} else if lit := b.src.literal(ptr + "/maximum"); v.Max != nil && typedFraction(lit) {
		t.MaxDecimal, t.MaxRule = lit, ptr+"/maximum"
	}
}

// integer fills t from an integer schema: Go type from format (int32, or
// int64 when none), bounds from minimum and maximum, which must fit the Go
// type, else the format's range.
func (b *builder) integer(t *ir.Type, ptr string, v *openapi3.Schema) {
	t.Kind = ir.Int
	t.Bits = 64
	switch v.Format {
	case "int32":
		t.Bits = 32
	case "int64", "", "password": // password is reported as not a string
	default:
		b.errorf(b.fieldPos(v.Origin, "format"), ptr+"/format", "integer format %q is not supported (int32 or int64)", v.Format)
	}
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if t.Bits == 32 {
		lo, hi = math.MinInt32, math.MaxInt32
	}
	// Without a bound, the range of the format (int64 when none): the
	// decoder enforces it, under the rule of the format keyword, and the
	// reference pipeline of the tests asserts it.
	formatRule := ptr + "/format"
	if v.Format == "" {
		formatRule = ptr + "/type"
	}
	t.Min, t.Max, t.MinRule, t.MaxRule = lo, hi, formatRule, formatRule
	bound := func(key string, f *float64) (int64, bool) {
		if f == nil {
			return 0, false
		}
		// kin-openapi reads numbers as float64, which rounds integers
		// beyond 2^53; the YAML literal is exact.
		lit := b.src.literal(ptr + "/" + key)
		if lit == "" && *f == math.Trunc(*f) && math.Abs(*f) <= 1<<53 {
			// No literal at ptr (the schema is reached through a $ref,
			// such as a shared parameter): the float64 is exact here.
			lit = strconv.FormatInt(int64(*f), 10)
		}
		x, err := strconv.ParseInt(lit, 10, 64)
		if err != nil {
			if *f != math.Trunc(*f) {
				b.errorf(b.fieldPos(v.Origin, key), ptr+"/"+key, "%s of an integer must be a whole number", key)
			} else {
				b.errorf(b.fieldPos(v.Origin, key), ptr+"/"+key, "%s %s is outside int%d", key, cmp.Or(lit, strconv.FormatFloat(*f, 'f', -1, 64)), t.Bits)
			}
			return 0, false
		}
		if x < lo || x > hi {
			b.errorf(b.fieldPos(v.Origin, key), ptr+"/"+key, "%s %d is outside int%d", key, x, t.Bits)
			return 0, false
		}
		return x, true
	}
	if m, ok := bound("minimum", v.Min); ok {
		t.Min, t.MinRule = m, ptr+"/minimum"
	}
	if m, ok := bound("maximum", v.Max); ok {
		t.Max, t.MaxRule = m, ptr+"/maximum"
	}
}

// enum builds or reuses the Go enum type for a string schema with enum or
// x-known-values. Places that share a Go name must list the same values.
// listed returns the string values an enum schema lists.
func listed(v *openapi3.Schema) []string {
	values := v.Enum
	if values == nil {
		values, _ = v.Extensions["x-known-values"].([]any)
	}
	var out []string
	for _, raw := range values {
		if s, ok := raw.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (b *builder) enum(ptr, name string, v *openapi3.Schema) *ir.Enum {
	pos := b.pos(v.Origin)
	values := v.Enum
	if values == nil {
		known, ok := v.Extensions["x-known-values"].([]any)
		if !ok {
			b.errorf(pos, ptr+"/x-known-values", "x-known-values must be a list of strings")
		}
		values = known
	}
	if len(v.Enum) > 0 && v.Extensions["x-known-values"] != nil {
		b.errorf(pos, ptr, "use enum or x-known-values, not both")
	}
	goName := goNameOf(v.Extensions, name)
	if tn, ok := v.Extensions["x-go-type-name"].(string); ok {
		goName = tn
	}
	e := &ir.Enum{GoName: goName, Doc: strings.TrimSpace(v.Description), Pos: pos, Pointer: ptr}
	varNames, _ := v.Extensions["x-enum-varnames"].([]any)
	if varNames != nil && len(varNames) != len(values) {
		b.errorf(pos, ptr+"/x-enum-varnames", "x-enum-varnames has %d names for %d values", len(varNames), len(values))
		varNames = nil
	}
	seen := map[string]bool{}
	for i, raw := range values {
		if raw == nil && v.Type.IncludesNull() {
			continue // null is not a constant; the field's Nullable holds it
		}
		s, ok := raw.(string)
		if !ok {
			b.errorf(pos, ptr+"/enum/"+fmt.Sprint(i), "enum values of a string must be strings")
			continue
		}
		suffix := names.Go(s)
		if suffix == "" {
			// A value of punctuation only ("." or "-") is named by its
			// characters, spelled.
			suffix = names.Go(names.Spell(s))
		}
		if varNames != nil {
			vn, _ := varNames[i].(string)
			suffix = vn
		}
		c := goName + suffix
		if suffix == "" || !names.Valid(c) {
			if varNames != nil {
				b.errorf(pos, fmt.Sprintf("%s/x-enum-varnames/%d", ptr, i), "x-enum-varnames entry %q for value %q does not make an exported Go identifier (%s)", suffix, s, c)
			} else {
				b.errorf(pos, ptr+"/enum/"+fmt.Sprint(i), "enum value %q gives no Go constant name; set x-enum-varnames", s)
			}
			continue
		}
		if seen[c] {
			b.errorf(pos, ptr+"/enum/"+fmt.Sprint(i), "enum value %q gives the constant name %s twice; set x-enum-varnames", s, c)
			continue
		}
		seen[c] = true
		e.Values = append(e.Values, ir.EnumValue{Value: s, GoName: c})
	}
	closed := len(v.Enum) > 0
	if prev, ok := b.enums[goName]; ok {
		switch {
		case slices.Equal(prev.Values, e.Values):
		case closed && b.enumClosed[goName]:
			b.errorf(pos, ptr, "enum %s has other values at %s; give one of them x-go-type-name", goName, prev.Pointer)
		default:
			// An open list (x-known-values) and another list share the
			// type: it has the constants of both, and each field checks
			// its own list.
			for _, ev := range e.Values {
				if !slices.ContainsFunc(prev.Values, func(p ir.EnumValue) bool { return p.Value == ev.Value }) {
					b.claimDerived(ev.GoName, prev.Pointer, pos, "the constant for "+strconv.Quote(ev.Value)+" of "+goName)
					prev.Values = append(prev.Values, ev)
				}
			}
		}
		b.enumClosed[goName] = b.enumClosed[goName] || closed
		return prev
	}
	b.enumClosed[goName] = closed
	b.claim(goName, ptr, pos)
	for _, v := range e.Values {
		b.claimDerived(v.GoName, ptr, pos, "the constant for "+strconv.Quote(v.Value)+" of "+goName)
	}
	b.enums[goName] = e
	b.enumList = append(b.enumList, e)
	return e
}

// operations builds every operation, in path and method order.
func (b *builder) operations() []*ir.Operation {
	var ops []*ir.Operation
	if b.doc.Paths == nil {
		return nil
	}
	pathMap := b.doc.Paths.Map()
	ids := map[string]string{}
	defer func() {
		for _, o := range ops {
			if prev, ok := ids[o.ID]; ok && prev != o.Pointer && o.ID != "" {
				b.errorf(o.Pos, o.Pointer+"/operationId", "operationId %q is also the operationId of %s", o.ID, prev)
			} else {
				ids[o.ID] = o.Pointer
			}
		}
	}()
	for _, path := range slices.Sorted(maps.Keys(pathMap)) {
		item := pathMap[path]
		opMap := item.Operations()
		for _, method := range slices.Sorted(maps.Keys(opMap)) {
			op := opMap[method]
			ptr := "#/paths/" + escape(path) + "/" + strings.ToLower(method)
			ops = append(ops, b.operation(path, method, op, item.Parameters, ptr))
		}
	}
	return ops
}

func (b *builder) operation(path, method string, op *openapi3.Operation, shared openapi3.Parameters, ptr string) *ir.Operation {
	pos := b.pos(op.Origin)
	if op.OperationID == "" {
		b.errorf(pos, ptr, "an operation needs an operationId: it names the generated types")
	}
	o := &ir.Operation{
		ID:         op.OperationID,
		GoName:     goNameOf(op.Extensions, op.OperationID),
		Method:     strings.ToUpper(method),
		Path:       path,
		Doc:        strings.TrimSpace(cmp.Or(op.Description, op.Summary)),
		Pos:        pos,
		Pointer:    ptr,
		DocPage:    b.docPage(op.Extensions, b.fieldPos(op.Origin, "x-doc-page"), ptr),
		DocPagePos: b.fieldPos(op.Origin, "x-doc-page"),
		Deviations: b.deviations(op.Extensions, pos, ptr),
	}
	b.checkDocKeys(op.Extensions, pos, ptr, "x-doc-page", "x-doc-deviation")
	// Parameters of the path item apply to every operation unless the
	// operation declares one of the same name and location.
	type param struct {
		ref *openapi3.ParameterRef
		ptr string
	}
	var params []param
	for i, pref := range op.Parameters {
		params = append(params, param{pref, fmt.Sprintf("%s/parameters/%d", ptr, i)})
	}
	for i, pref := range shared {
		if pref.Value == nil || op.Parameters.GetByInAndName(pref.Value.In, pref.Value.Name) != nil {
			continue
		}
		params = append(params, param{pref, fmt.Sprintf("%s/parameters/%d", ptr[:strings.LastIndexByte(ptr, '/')], i)})
	}
	for _, pp := range params {
		pref, pptr := pp.ref, pp.ptr
		p := pref.Value
		switch {
		case p == nil:
			continue
		case p.In == "query":
			o.QueryParams = append(o.QueryParams, b.queryParam(p, pptr, o.GoName))
		case p.In == "header":
			if h := b.headerParam(p, pptr, o.GoName); h != nil {
				o.HeaderParams = append(o.HeaderParams, h)
			}
		case p.In == "path":
			if !p.Required {
				b.errorf(b.pos(p.Origin), pptr, "path parameter %q must be required: true", p.Name)
			}
			o.PathParams = append(o.PathParams, b.pathParam(p, pptr, o.GoName))
		default:
			b.errorf(b.pos(p.Origin), pptr, "%s parameters are not supported (path, query and header are)", p.In)
		}
	}
	b.checkPathParams(o, path, ptr, pos)
	slices.SortStableFunc(o.PathParams, func(x, y *ir.Param) int {
		return cmp.Compare(strings.Index(path, "{"+x.Name+"}"), strings.Index(path, "{"+y.Name+"}"))
	})
	slices.SortFunc(o.QueryParams, func(x, y *ir.Param) int { return cmp.Compare(x.Name, y.Name) })
	slices.SortFunc(o.HeaderParams, func(x, y *ir.Param) int { return cmp.Compare(x.Name, y.Name) })
	if len(o.PathParams) > 0 || len(o.QueryParams) > 0 || len(o.HeaderParams) > 0 {
		b.claimDerived(o.GoName+"Params", ptr, pos, "the parameters type of "+o.ID)
	} else {
		b.claimDerived(o.GoName+"Path", ptr, pos, "the path constant of "+o.ID)
	}
	b.claimDerived(o.GoName+"Method", ptr, pos, "the method constant of "+o.ID)
	seen := map[string]string{}
	for _, p := range slices.Concat(o.PathParams, o.QueryParams, o.HeaderParams) {
		if prev, ok := seen[p.GoName]; ok {
			b.errorf(p.Pos, ptr+"/parameters", "parameters %q and %q both map to the Go name %s; set x-go-name", prev, p.Name, p.GoName)
		}
		seen[p.GoName] = p.Name
	}
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		o.Request, o.RequestExamples = b.body(rb.Value.Content, ptr+"/requestBody", b.pos(rb.Value.Origin), o.GoName+"Request")
	}
	if op.Responses != nil {
		respMap := op.Responses.Map()
		for _, status := range slices.Sorted(maps.Keys(respMap)) {
			r := respMap[status].Value
			if r == nil {
				continue
			}
			rptr := ptr + "/responses/" + escape(status)
			resp := &ir.Response{Status: status}
			resp.Body, resp.Examples = b.body(r.Content, rptr, b.pos(r.Origin), o.GoName+"Response"+status)
			o.Responses = append(o.Responses, resp)
		}
	}
	return o
}

// examples returns the examples of the media type at ptr, in name order,
// their values read exactly from the YAML source where it has them.
func (b *builder) examples(mt *openapi3.MediaType, ptr string) []*ir.Example {
	var out []*ir.Example
	for _, name := range slices.Sorted(maps.Keys(mt.Examples)) {
		ref := mt.Examples[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		eptr := ptr + "/examples/" + escape(name)
		ex := &ir.Example{
			Name:    name,
			Summary: strings.TrimSpace(ref.Value.Summary),
			Pos:     b.pos(ref.Value.Origin),
			Pointer: eptr + "/value",
			DocNum:  b.intExtMap(ref.Value.Extensions, b.pos(ref.Value.Origin), eptr, "x-doc-example"),
		}
		b.checkDocKeys(ref.Value.Extensions, ex.Pos, eptr, "x-doc-example")
		var value any = ref.Value.Value
		if n := b.src.node(ex.Pointer); n != nil {
			v, err := JSONValue(n)
			if err != nil {
				b.errorf(ex.Pos, ex.Pointer, "example value: %v", err)
				continue
			}
			value = v
		}
		data, err := json.Marshal(value)
		if err != nil {
			b.errorf(ex.Pos, ex.Pointer, "example value: %v", err)
			continue
		}
		ex.JSON = data
		out = append(out, ex)
	}
	return out
}

// checkPathParams reports template variables without a declared path
// parameter, and path parameters the template does not use.
func (b *builder) checkPathParams(o *ir.Operation, path, ptr string, pos ir.Pos) {
	var vars []string
	for rest := path; ; {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			break
		}
		vars = append(vars, rest[i+1:j])
		rest = rest[j+1:]
	}
	for _, v := range vars {
		if !slices.ContainsFunc(o.PathParams, func(p *ir.Param) bool { return p.Name == v }) {
			b.errorf(pos, ptr, "the path has {%s}, but the operation declares no path parameter %q", v, v)
		}
	}
	for _, p := range o.PathParams {
		if !slices.Contains(vars, p.Name) {
			b.errorf(p.Pos, ptr+"/parameters", "path parameter %q does not appear in the path %s", p.Name, path)
		}
	}
}

// checkRecursion marks the objects that can hold themselves (through any
// chain of fields, array items or map values), and reports a cycle of
// required members: an object that must hold itself has no finite
// instance, so no document is valid.
func (b *builder) checkRecursion() {
	// requiredIn lists the object types a value of o must hold: its
	// unconditionally required fields of object type, or arrays of them
	// with minItems >= 1.
	requiredIn := func(o *ir.Object) []*ir.Field {
		req := map[*ir.Field]bool{}
		if o.Rules != nil {
			for _, c := range o.Rules.Checks {
				if r, ok := c.(*ir.Required); ok {
					for _, f := range r.Fields {
						req[f] = true
					}
				}
			}
		}
		var out []*ir.Field
		for _, f := range o.Fields {
			if req[f] && mustHoldObject(f.Type) != nil {
				out = append(out, f)
			}
		}
		return out
	}
	reaches := func(from *ir.Object, next func(*ir.Object) []*ir.Object) map[*ir.Object]bool {
		seen := map[*ir.Object]bool{}
		stack := next(from)
		for len(stack) > 0 {
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !seen[o] {
				seen[o] = true
				stack = append(stack, next(o)...)
			}
		}
		return seen
	}
	anyField := func(o *ir.Object) []*ir.Object {
		var out []*ir.Object
		for _, f := range o.Fields {
			for t := f.Type; t != nil; t = t.Elem {
				if t.Object != nil {
					out = append(out, t.Object)
				}
			}
		}
		return out
	}
	requiredField := func(o *ir.Object) []*ir.Object {
		var out []*ir.Object
		for _, f := range requiredIn(o) {
			out = append(out, mustHoldObject(f.Type))
		}
		return out
	}
	for _, o := range b.objectList {
		o.Recursive = reaches(o, anyField)[o]
		if !reaches(o, requiredField)[o] {
			continue
		}
		for _, f := range requiredIn(o) {
			if t := mustHoldObject(f.Type); t == o || reaches(t, requiredField)[o] {
				b.errorf(f.Pos, f.Pointer, "every %s must hold a %s through the required property %q, which must hold another: no finite document is valid; make a property on the cycle optional", o.Name, o.Name, f.JSONName)
				break
			}
		}
	}
}

// mustHoldObject returns the object type a present value of t must hold:
// t's own object type, or that of an array's items when the array needs at
// least one item; nil when a value of t can be empty or null.
func mustHoldObject(t *ir.Type) *ir.Object {
	if t.Nullable {
		return nil
	}
	switch t.Kind {
	case ir.ObjectKind:
		return t.Object
	case ir.Array:
		if t.Checks != nil {
			for _, c := range t.Checks.Checks {
				if n, ok := c.(*ir.ItemCount); ok && n.Min > 0 {
					return mustHoldObject(t.Elem)
				}
			}
		}
	}
	return nil
}

// markSensitive marks objects that hold a sensitive field, directly or
// nested, until nothing changes (types may refer to each other in cycles).
func (b *builder) markSensitive() {
	for changed := true; changed; {
		changed = false
		for _, o := range b.objectList {
			if o.Sensitive {
				continue
			}
			for _, f := range o.Fields {
				if f.Sensitive || holdsSensitive(f.Type) {
					o.Sensitive, changed = true, true
					break
				}
			}
		}
	}
}

func holdsSensitive(t *ir.Type) bool {
	for ; t != nil; t = t.Elem {
		if t.Object != nil && t.Object.Sensitive {
			return true
		}
	}
	return false
}

// goNameOf returns x-go-name when set, else the mapped name.
func goNameOf(ext map[string]any, name string) string {
	if n, ok := ext["x-go-name"].(string); ok {
		return n
	}
	return names.Go(name)
}

func (b *builder) intExtMap(ext map[string]any, pos ir.Pos, ptr, key string) int {
	raw, ok := ext[key]
	if !ok {
		return 0
	}
	f, ok := raw.(float64)
	if !ok || f != math.Trunc(f) || f < 1 {
		b.errorf(pos, ptr+"/"+key, "%s must be a positive whole number", key)
		return 0
	}
	return int(f)
}

// escape encodes a JSON pointer token (RFC 6901).
func escape(s string) string { return ir.EscapeToken(s) }

// unescape decodes a JSON pointer token.
func unescape(s string) string { return ir.UnescapeToken(s) }
